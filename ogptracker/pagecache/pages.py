"""Public pages in Django's cache, under a key prefix that moves with each release and
each change to the data."""

from functools import wraps

from django.conf import settings
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_response_headers
from django.views.decorators.cache import cache_page

from ogptracker.throttle import fair_share

from .version import data_version


def key_prefix(version):
    """The release, the data version and the local date ("late" changes at midnight).

    Django's key adds the full address (scheme and host included: pages hold
    absolute links; the query as ogptracker/publishing/params.py made it canonical), the
    language and the time zone.
    """
    return f"{settings.RELEASE}.{version}.{timezone.localdate().isoformat()}"


def _cacheable(request):
    return (
        settings.PAGE_CACHE_SECONDS
        and request.method in ("GET", "HEAD")
        # Flash messages are shown once, by whichever page comes next: render that one.
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _shared_or_private(view):
    """Mark private, which Django's cache does not store, what belongs to one visitor
    (a form token, a cookie); and let browsers ask again each time, since the next
    visit may come after an edit."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            patch_cache_control(response, private=True)
        # Expires now, max-age=0: cache_page keeps the lower of its own and these.
        patch_response_headers(response, cache_timeout=0)
        return response

    # For the test that every cached view declares its parameters.
    wrapper.page_cache = True
    return wrapper


def _shared(response):
    # What Django's cache stores, as UpdateCacheMiddleware decides it here.
    return (
        response.status_code == 200
        and not response.streaming
        and "private" not in response.get("Cache-Control", "")
    )


def cache_public_page(view):
    """Serve anonymous GETs of `view` from Django's cache while the release, the data
    and the date are unchanged (pretalx's conditional_cache_page).

    What the cache does not answer is live work, within the client's fair share
    (ogptracker/throttle.py). The view sees only the parameters ogptracker/publishing/params.py
    lists for it, so the key (the full address) holds only those.
    """
    live = fair_share(view)
    inner = _shared_or_private(live)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return live(request, *args, **kwargs)
        # Read already by RecentPagesMiddleware when it held an outdated copy.
        version = getattr(request, "data_version", None) or data_version()
        cached = cache_page(settings.PAGE_CACHE_SECONDS, key_prefix=key_prefix(version))(inner)
        response = cached(request, *args, **kwargs)
        if _shared(response):
            # For RecentPagesMiddleware: this process may keep a copy.
            response.data_version = version
        return response

    # For the test that every cached view declares its parameters.
    wrapper.page_cache = True
    return wrapper
