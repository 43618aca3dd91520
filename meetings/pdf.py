"""Minutes as PDF: WeasyPrint on the page's own HTML, cached per version of the meeting.

WeasyPrint is imported inside the functions that use it, so the site starts
without loading it, and used through its public API only (`HTML`, `CSS`,
`FontConfiguration` and its documented URL fetcher classes). Readers do not
wait for a render: published minutes are rendered ahead by the task worker
(meetings/minutes_pdf.py).
"""

import atexit
import gc
import hashlib
import logging
import mimetypes
import re
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache as django_cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import get_language, gettext

if TYPE_CHECKING:
    from .models import Meeting

# The document's static links resolve under this made-up origin and are read
# from disk by the fetcher below; nothing is ever fetched over the network.
BASE_URL = "https://static.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")
CACHE_TIMEOUT = 60 * 60 * 24 * 90
# The PDF's stylesheets, in cascade order (the document itself links none).
STYLESHEETS = ["css/site.css", "css/print.css", "css/minutes-pdf.css"]

# Counts real renders in this process (the benchmark and the tests read it).
render_count = 0


class ScreenRulesFilter(logging.Filter):
    """Drop WeasyPrint's notes on the site stylesheet's screen-only rules.

    The PDF shares the page's stylesheet, whose media queries, scrolling and
    local() font faces mean nothing on paper; WeasyPrint would note each of
    them on every render. Anything else it reports (a shipped font that does
    not load, say) still reaches the logs.
    """

    NOISE = (
        "Ignored `",
        "Expected a media type",
        "Invalid media type",
        "Font-face 'Amiri' cannot be loaded",
    )

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.NOISE)


logging.getLogger("weasyprint").addFilter(ScreenRulesFilter())


def static_path(url: str) -> Path | None:
    """The file on disk behind a static URL of the document, or None."""
    if not url.startswith(STATIC_PREFIX):
        return None
    relative = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
    if ".." in relative.split("/"):
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    # Production serves collected files, with no finders' source folders.
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


def _fetcher():
    # WeasyPrint's documented way (its "URL Fetchers"): a URLFetcher whose
    # fetch() returns a URLFetcherResponse.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_path(url)
            if path is None:
                raise ValueError(f"Only the project's static files are available: {url}")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": mime_type})

    return StaticFilesFetcher()


def page_stylesheet() -> str:
    """The page box rules: their words follow the document's language."""
    parts = re.split(r"%\((pages?)\)s", gettext("Page %(page)s of %(pages)s"))
    # re.split puts the captured counter names at the odd positions.
    content = " ".join(
        f"counter({part})" if index % 2 else _css_string(part)
        for index, part in enumerate(parts)
        if index % 2 or part
    )
    return f"@page {{ @bottom-center {{ content: {content}; }} }}"


def _css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_pdf(html: str) -> bytes:
    """Render a minutes document; every call really runs WeasyPrint."""
    global render_count
    pdf = _render(html)
    render_count += 1
    return pdf


def _render(html):
    with _fewer_collections():
        document, options = _document(html)
        return document.write_pdf(**options)


# A render makes and drops some hundreds of thousands of objects, most of them
# freed as soon as dropped. At Python's default thresholds the garbage collector
# ran about a hundred times per minutes PDF, walking its boxes again and again:
# a twentieth of the render. The thresholds are the interpreter's own setting,
# not WeasyPrint's code.
RENDER_GC_THRESHOLD = 50_000
_collections_lock = threading.Lock()
_renders_running = 0
_thresholds = None


@contextmanager
def _fewer_collections():
    """Collect garbage less often while a PDF renders (in any thread)."""
    global _renders_running, _thresholds
    with _collections_lock:
        if _renders_running == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(RENDER_GC_THRESHOLD, *_thresholds[1:])
        _renders_running += 1
    try:
        yield
    finally:
        with _collections_lock:
            _renders_running -= 1
            if _renders_running == 0:
                gc.set_threshold(*_thresholds)


def _document(html):
    from weasyprint import CSS, HTML

    fonts, stylesheets = _stylesheets()
    fetcher = _fetcher()
    page = CSS(string=page_stylesheet(), url_fetcher=fetcher, font_config=fonts)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document, {
        "stylesheets": [*stylesheets, page],
        "font_config": fonts,
        # Tagged for screen readers (PDF/UA-1): title and language from the
        # page, its headings, lists and tables in the structure tree, in order.
        "pdf_variant": "pdf/ua-1",
    }


_parsed = threading.local()
# Let go of the fonts before the interpreter takes WeasyPrint's modules apart.
atexit.register(lambda: _parsed.__dict__.clear())


def _stylesheets():
    """The PDF's stylesheets and the fonts they declare, parsed once per thread.

    The document links none: parsing the site's stylesheet for every render
    cost more than laying out a page. Fonts and parsed rules are kept per
    thread, as Pango's font map is not to be shared between threads.
    """
    if not hasattr(_parsed, "stylesheets"):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        fetcher = _fetcher()
        _parsed.fonts = fonts
        _parsed.stylesheets = [
            CSS(url=STATIC_PREFIX + name, url_fetcher=fetcher, font_config=fonts)
            for name in STYLESHEETS
        ]
    return _parsed.fonts, _parsed.stylesheets


WARM_UP_DOCUMENT = (
    '<html lang="ar" dir="rtl"><body class="minutes-page">'
    "<p>محضر اجتماع لجنة التنفيذ 2020</p></body></html>"
)


def warm_up() -> bytes:
    """Load WeasyPrint, Pango and the shipped fonts, as the first render would.

    Server processes call this as they start (gunicorn.conf.py), so that
    their first PDF visitor does not wait most of a second for it.
    """
    return _render(WARM_UP_DOCUMENT)


def cache_key(meeting: "Meeting", change_marks: Iterable[object], *, preview: bool) -> str:
    marks = "|".join(str(mark) for mark in change_marks)
    digest = hashlib.sha256(marks.encode()).hexdigest()[:24]
    audience = "preview" if preview else "public"
    # The release: whatever the layout or wording of a PDF depends on besides the data.
    return f"minutes-pdf:{meeting.pk}:{get_language()}:{audience}:{settings.RELEASE}:{digest}"


def release_key(key: str) -> str:
    """`key` for a document of this release: the layout and wording change with the code."""
    return f"{key}:{settings.RELEASE}"


def cached_pdf(key: str, build_html: Callable[[], str]) -> bytes:
    """The PDF stored under `key`, rendered from `build_html()` only when missing."""
    pdf = stored_pdf(key)
    if pdf is None:
        pdf = render_pdf(build_html())
        store_pdf(key, pdf)
    return pdf


def _in_bucket(key: str) -> bool:
    # Published minutes' PDFs go to the bucket when there is one, beside the evidence:
    # they outlive a cache flush and fill no Redis memory. Previews of drafts, private
    # and short-lived, stay in the cache.
    return bool(settings.S3_BUCKET) and ":public:" in key


def bucket_name(key: str) -> str:
    """The object's name in the bucket: one folder per meeting, language and release."""
    return "minutes-pdf/" + key.removeprefix("minutes-pdf:").replace(":", "/") + ".pdf"


def stored_pdf(key: str) -> bytes | None:
    if not _in_bucket(key):
        return django_cache.get(key)
    name = bucket_name(key)
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def is_stored(key: str) -> bool:
    if not _in_bucket(key):
        return django_cache.has_key(key)
    return default_storage.exists(bucket_name(key))


def store_pdf(key: str, pdf: bytes) -> None:
    if not _in_bucket(key):
        django_cache.set(key, pdf, CACHE_TIMEOUT)
        return
    name = bucket_name(key)
    saved = default_storage.save(name, ContentFile(pdf))
    if saved != name:  # Another machine stored the same render first.
        default_storage.delete(saved)
