"""A visitor with cookies, going to whichever server a balancer would pick, and the
fields a browser would post back from a page's form."""

import http.client
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Visitor:
    """Cookies kept across servers, as behind one host name and a load balancer."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, port, method, path, fields=None, files=None, timeout=60) -> Answer:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
            body, headers["Content-Type"] = multipart(fields, files or {})
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            answer = Answer(response.status, response.msg, response.read())
        finally:
            client.close()
        for line in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return answer

    def get(self, port, path) -> Answer:
        return self.request(port, "GET", path)

    def post(self, port, path, fields, files=None) -> Answer:
        return self.request(port, "POST", path, fields, files)

    def sign_in(self, port, username, password="correct-horse-battery") -> Answer:
        self.get(port, "/ar/accounts/login/")
        return self.post(port, "/ar/accounts/login/", {"username": username, "password": password})


def multipart(fields, files):
    """`fields` (a value or a list of values each) and `files` ({name: (file name, bytes)})."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + str(value).encode()
                + b"\r\n"
            )
    for name, (filename, content) in files.items():
        parts.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class _FormFields(HTMLParser):
    """The values a form posts unchanged: inputs, checked boxes, selected options, text."""

    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self.select = None
        self.textarea = None

    def add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.form_class in (attrs.get("class") or "").split()
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.add(self.textarea, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea][-1] += data


def form_fields(html: str, form_class: str) -> dict[str, list[str]]:
    """What the page's form of that class posts as it stands."""
    parser = _FormFields(form_class)
    parser.feed(html)
    return parser.fields
