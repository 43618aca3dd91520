"""What a browser posts back from an admin change page, read from the page as served."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "image", "file", "reset"}


class _FormReader(HTMLParser):
    """The named controls of the form `form_id`, as a browser submits them."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in SKIPPED_INPUTS:
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value") or "on"))
            else:
                self.fields.append((name, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # Browsers drop the newline that opens a textarea's content.
            self.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self.select["multiple"]:
                chosen = [options[0][0]]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None


def load_admin_form(client, url):
    """GET an admin change or add page; the data its form would post unchanged.

    One value a name as a string, several as a list; the inlines' empty
    templates (`__prefix__`) left out, as Django ignores them.
    """
    response = client.get(url)
    assert response.status_code == 200, url
    reader = _FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    values = {}
    for name, value in reader.fields:
        if "__prefix__" not in name:
            values.setdefault(name, []).append(value)
    return {name: found[0] if len(found) == 1 else found for name, found in values.items()}


def inline_key(data, prefix, pk, name):
    """The posted name of the field `name` of the inline row of primary key `pk`."""
    for key, value in data.items():
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == str(pk):
            return key[: -len("id")] + name
    raise KeyError((prefix, pk))


def as_posted(data):
    """A refused page's form data (a QueryDict), to post again as it stands."""
    return {key: data.getlist(key) for key in data}
