"""Public pages stored in the shared cache under the data version they were rendered at."""

import hashlib
from functools import wraps
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from .version import data_version

_code_version = None


class Copy(NamedTuple):
    """A whole answer, kept with the data version it holds the data of."""

    version: str
    content: bytes
    headers: dict

    @classmethod
    def of(cls, version, response):
        return cls(version, response.content, dict(response.headers.items()))

    def replay(self):
        response = HttpResponse(self.content, headers=self.headers)
        response["X-Page-Cache"] = "hit"
        return response


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


def _current_version(request):
    # Read already by RecentPagesMiddleware when it held an outdated copy.
    return getattr(request, "data_version", None) or data_version()


def cache_public_page(view):
    """Serve anonymous GETs of `view` from the shared cache while the data is unchanged.

    The answer carries the version it holds the data of, for RecentPagesMiddleware
    to keep a copy in this process.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        version = _current_version(request)
        stored = cache.get(key)
        if stored is not None and stored.version == version:
            response = stored.replay()
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if not _cacheable_response(request, response):
                return response
            # The view's own headers; middleware adds its headers to every answer, hits too.
            cache.set(key, Copy.of(version, response), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        response.data_version = version
        return response

    return wrapper
