"""nginx in front of each machine's gunicorn: static files, and each client's fair share
of requests refused there, before they take a gunicorn worker.

The site's own fair share (ogptracker/throttle.py) counts live work in the shared
cache; a refused request still takes a gunicorn worker for a moment, and a client
with many connections keeps an ordinary reader's request waiting behind its own
(docs/caching-and-scale.md). nginx refuses past a rate per address, in
microseconds and without a worker: `limit_req` (a leaky bucket of `rate` requests
per second, `burst` more at once) and `limit_conn` (`connections` requests in
progress). Its 429 carries `Retry-After` and is the site's own «Too many requests»
page in the address's language, written beside the configuration, or the API's
JSON under /api/.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.template import loader
from django.utils import translation

from ogptracker.errors import API_MESSAGES

PAGES = "too-many-requests"
# The largest request body: the admin's largest upload (a translations workbook,
# 20 MB) and its form around it.
LARGEST_BODY_MEGABYTES = 25


@dataclass
class FrontProxy:
    listen: str = "80"
    upstream: str = "127.0.0.1:8000"
    # Requests per second per address past which nginx refuses, and how many more at once.
    rate: int = 10
    burst: int = 40
    # Requests of one address in progress at once.
    connections: int = 8
    # The balancers in front, whose X-Forwarded-For names the client.
    trusted_proxies: list[str] = field(default_factory=list)
    server_name: str = "_"

    def write(self, folder: Path) -> Path:
        """Write the configuration (for nginx's `http` block) and its 429 answers into
        `folder`; return the configuration's path."""
        pages = folder / PAGES
        pages.mkdir(parents=True, exist_ok=True)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                content = loader.get_template("429.html").render()
            (pages / f"{code}.html").write_text(content, encoding="utf-8")
        api = json.dumps({"error": API_MESSAGES[429]}, ensure_ascii=False)
        (pages / "api.json").write_text(api + "\n", encoding="utf-8")
        path = folder / "ogptracker.conf"
        path.write_text(self.render(pages), encoding="utf-8")
        return path

    def render(self, pages: Path) -> str:
        others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        return loader.render_to_string(
            "frontproxy/nginx.conf",
            {
                "proxy": self,
                "pages_root": pages.resolve().parent,
                "static_root": Path(settings.STATIC_ROOT).resolve(),
                "static_url": "/" + settings.STATIC_URL.strip("/") + "/",
                "default_language": settings.LANGUAGE_CODE,
                "other_languages": others,
                "pages_name": PAGES,
                "largest_body": LARGEST_BODY_MEGABYTES,
            },
        )
