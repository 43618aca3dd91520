"""This process's copies of the public pages it served last, answered early."""

from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import urlencode

from .version import data_version

# Per server process: a few hundred pages, or a few dozen minutes PDFs.
MAX_BYTES = 32 * 1024 * 1024


class Copy(NamedTuple):
    """A whole answer, kept with the data version it holds the data of."""

    version: str
    content: bytes
    headers: dict

    @classmethod
    def of(cls, version, response):
        # Age is the shared cache's, for the answer it served then.
        headers = {name: value for name, value in response.headers.items() if name != "Age"}
        return cls(version, response.content, headers)

    def replay(self):
        return HttpResponse(self.content, headers=self.headers)


class RecentPages:
    """Copies of whole answers, least recently used first, within a budget of bytes."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()

    def get(self, key):
        copy = self.entries.get(key)
        if copy is not None:
            self.entries.move_to_end(key)
        return copy

    def put(self, key, copy):
        self.discard(key)
        self.entries[key] = copy
        self.size += len(copy.content)
        while self.size > self.max_bytes:
            _, oldest = self.entries.popitem(last=False)
            self.size -= len(oldest.content)

    def clear(self):
        self.entries.clear()
        self.size = 0

    def discard(self, key):
        copy = self.entries.pop(key, None)
        if copy is not None:
            self.size -= len(copy.content)


recent_pages = RecentPages(MAX_BYTES)

# The parameters some page reads, as the list of what each view reads declares them
# (ogptracker/publishing/params.py): imported with the URLs, so before this process
# keeps any copy.
READ_PARAMETERS = set()


def declare_read_parameters(names):
    READ_PARAMETERS.update(names)


def _anonymous_read(request):
    # Without a session nobody is signed in; a pending message is shown by the next page.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _visit_key(request, query):
    # The language as LocaleMiddleware, further in, will choose it: from the URL's
    # prefix, else the language cookie or Accept-Language (the API).
    language = translation.get_language_from_request(request, check_path=True)
    # The local date: "late" flags and "n days ago" change overnight.
    today = timezone.localdate().isoformat()
    address = request.build_absolute_uri(request.path + (f"?{query}" if query else ""))
    return f"{settings.RELEASE}:{language}:{today}:{address}"


def _read_query(request):
    """The parameters some page reads, sorted: a shared link's `?fbclid=…` finds the copy.

    Copies are kept under the query the view was given, made canonical by
    ogptracker/publishing/params.py (sorted, no unread, empty or default values): for a
    known page the two agree, unless the link spells a default (`?page=1`),
    which goes once through the stack.
    """
    read = [(name, value) for name, value in request.GET.items() if name in READ_PARAMETERS]
    return urlencode(sorted((name, value) for name, value in read if value))


class RecentPagesMiddleware:
    """Answer an anonymous visit from this process's copy while the data version holds.

    Placed right after WhiteNoise, a hit reads the shared version token and
    skips sessions, authentication, URL resolution and the view. A copy is the
    whole answer as the inner middleware left it, security policy included; it
    is taken only of answers `cache_public_page` marked with their data version
    (those Django's cache stores), and only for the visits it serves (no
    session, no pending message). A deploy restarts the processes, and so
    empties it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _anonymous_read(request):
            return self.get_response(request)
        key = _visit_key(request, _read_query(request))
        copy = recent_pages.get(key)
        if copy is not None:
            # cache_public_page reuses the token rather than read it again.
            request.data_version = data_version()
            if copy.version == request.data_version:
                return copy.replay()
            recent_pages.discard(key)
        response = self.get_response(request)
        version = getattr(response, "data_version", None)
        if version is not None and not response.cookies:
            # Under the query the view was given: canonical (ogptracker/publishing/params.py).
            key = _visit_key(request, request.GET.urlencode())
            recent_pages.put(key, Copy.of(version, response))
        return response
