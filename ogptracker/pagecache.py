"""Public pages cached in the shared cache, invalidated by any change to the data.

Every save, delete or many-to-many change of a tracked model replaces a
site-wide *data version* token; a cached page is served only while the token it
was rendered under is still the current one. The token and the page are read
together in one cache round trip. Writers that bypass model signals (bulk_create,
QuerySet.update) call `bump_data_version()` themselves.
"""

import hashlib
import uuid
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone, translation

DATA_VERSION_KEY = "data-version"
TRACKED_APPS = {"commitments", "meetings"}
# Pages also expire, as a bound on staleness should a writer forget to bump.
PAGE_TIMEOUT = 60 * 60
# Headers worth replaying from a cached response; cookies never are.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary")


def data_version():
    return cache.get(DATA_VERSION_KEY) or bump_data_version()


def bump_data_version():
    token = uuid.uuid4().hex
    cache.set(DATA_VERSION_KEY, token, timeout=None)
    return token


def _bump_now_and_on_commit():
    # With the database cache the token changes in the writer's transaction, atomically
    # with the data; with a cache outside the database the bump after commit is the one
    # that closes the window where a reader could cache the data as it was before.
    bump_data_version()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        callback is _bump_after_commit for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(_bump_after_commit)


def _bump_after_commit():
    bump_data_version()


def _on_change(sender, **kwargs):
    if sender._meta.app_label in TRACKED_APPS:
        _bump_now_and_on_commit()


def _on_m2m_change(sender, instance, action, **kwargs):
    if action.startswith("post_") and instance._meta.app_label in TRACKED_APPS:
        _bump_now_and_on_commit()


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
    path = hashlib.sha1(request.get_full_path().encode()).hexdigest()
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


def _replay(stored):
    content, headers = stored
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = "hit"
    return response


def cache_public_page(view):
    """Serve anonymous GETs of `view` from the shared cache while the data is unchanged."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        found = cache.get_many([DATA_VERSION_KEY, key])
        version = found.get(DATA_VERSION_KEY) or bump_data_version()
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            return _replay(stored[1:])
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if _cacheable_response(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (version, response.content, headers), timeout=PAGE_TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response

    wrapper.page_cache = True
    return wrapper
