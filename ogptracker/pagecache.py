"""Public pages cached in the shared cache, invalidated by any change to the data.

Every save, delete or many-to-many change of a tracked model replaces a
site-wide *data version* token; a cached page is served only while the token it
was rendered under is still the current one. Each request reads the token;
the page itself comes from this process's recent copies when it can, else from
the shared cache. Writers that bypass model signals (bulk_create,
QuerySet.update) call `data_changed()` themselves. Pages also expire after
`PAGE_CACHE_SECONDS`, a bound on staleness should a writer forget.
"""

import hashlib
import uuid
from collections import OrderedDict
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

# Culling removes the keys that sort first: this one sorts after the pages.
DATA_VERSION_KEY = "version:data"
TRACKED_APPS = {"commitments", "meetings"}


def data_version():
    return cache.get(DATA_VERSION_KEY) or bump_data_version()


def bump_data_version():
    token = uuid.uuid4().hex
    cache.set(DATA_VERSION_KEY, token, timeout=None)
    return token


class _PendingBump:
    done = False

    def __call__(self):
        # Called once per row written in the transaction: only the first one bumps.
        if not self.done:
            self.done = True
            bump_data_version()


def data_changed():
    """Invalidate every cached page once the current transaction commits."""
    # After the commit, so no reader can store the data as it was before under the new
    # token. A rolled-back transaction drops its callbacks: its pending bump stays open
    # and the next transaction's commit runs it. Outside a transaction it runs at once.
    connection = transaction.get_connection()
    pending = getattr(connection, "_pending_page_cache_bump", None)
    if pending is None or pending.done:
        pending = connection._pending_page_cache_bump = _PendingBump()
    transaction.on_commit(pending)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in TRACKED_APPS:
        data_changed()


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and instance._meta.app_label in TRACKED_APPS:
        data_changed()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="pagecache-save")
    post_delete.connect(_on_change, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pagecache-m2m")


_code_version = None


def code_version():
    """Changes when templates, translations, static files or code are deployed."""
    global _code_version
    if _code_version is None:
        newest = 0.0
        for folder in ("templates", "locale", "static", "commitments", "meetings", "ogptracker"):
            for path in Path(settings.BASE_DIR, folder).rglob("*"):
                if path.suffix in {".html", ".mo", ".css", ".js", ".svg", ".py"}:
                    newest = max(newest, path.stat().st_mtime)
        _code_version = hashlib.sha1(str(newest).encode()).hexdigest()[:12]
    return _code_version


def page_key(request):
    # The local date is part of the key: "late" flags and "n days ago" change overnight.
    today = timezone.localdate().isoformat()
    # Scheme and host too: pages and API answers hold absolute links.
    path = hashlib.sha1(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{translation.get_language()}:{today}:{code_version()}:{path}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        # Flash messages are shown once, by whichever page comes next: render that one.
        and "messages" not in request.COOKIES
    )


def _cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page holding a form token belongs to one visitor.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "cookie" not in response.get("Vary", "").lower()
    )


class _RecentPages:
    """This process's copies of the pages it served last, newest last.

    A copy is used only while its data version is the shared current one, which
    every request reads: the shared cache stays the only judge of freshness, and
    a hit reads a short token instead of a whole page.
    """

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()

    def get(self, key, version):
        entry = self.entries.get(key)
        if entry is None or entry[0] != version:
            return None
        self.entries.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


_recent = _RecentPages(size=256)


def _replay(stored):
    content, headers = stored
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


def cache_public_page(view):
    """Serve anonymous GETs of `view` from the shared cache while the data is unchanged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        version = data_version()
        stored = _recent.get(key, version)
        if stored is None:
            stored = cache.get(key)
            if stored is not None and stored[0] == version:
                _recent.put(key, stored)
        if stored is not None and stored[0] == version:
            return _replay(stored[1:])
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if _cacheable_response(request, response):
            # The view's own headers; middleware adds its headers to every answer, hits too.
            headers = dict(response.headers.items())
            entry = (version, response.content, headers)
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            _recent.put(key, entry)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
