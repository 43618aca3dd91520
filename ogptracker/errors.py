"""Error answers: JSON under /api/, elsewhere a page in the language of the address asked for.

Django's own handlers render in whatever language the thread holds, which is
the previous request's when the failure came before LocaleMiddleware (the page
cache reading the database, say): so the language is taken from the address
here. A database that cannot be reached answers 503, "try again", not 500; so
does a query past the public pages' time limit (ogptracker/throttle.py), and a
client past its fair share gets 429.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

API_PREFIX = "/api/"
# Seconds a client or balancer may wait before asking again while the database is away.
RETRY_AFTER = 30

API_MESSAGES = {
    400: "Bad request.",
    403: "Forbidden.",
    404: "Not found.",
    429: "Too many requests from this client; try again after Retry-After seconds.",
    500: "Server error.",
    503: "The database is unavailable; try again shortly.",
}


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def error_response(request, status, message=None):
    """The answer for `status`: `{"error": message}` under /api/, else the status's page."""
    if is_api(request):
        response = JsonResponse(
            {"error": message or API_MESSAGES[status]},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        # From the address's prefix, else the cookie or Accept-Language, as LocaleMiddleware would.
        language = translation.get_language_from_request(request, check_path=True)
        with translation.override(language):
            content = loader.get_template(f"{status}.html").render()
        response = HttpResponse(content, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER)
    # An error is never kept by a browser or a proxy in place of the page.
    add_never_cache_headers(response)
    return response


def bad_request(request, exception):
    return error_response(request, 400)


def page_not_found(request, exception):
    if is_api(request):
        return error_response(request, 404)
    # The site's page, in the language LocaleMiddleware chose from the address.
    return defaults.page_not_found(request, exception)


def server_error(request):
    # Django calls this inside its `except` block: the exception is the one being handled.
    unavailable = isinstance(sys.exception(), OperationalError | InterfaceError)
    return error_response(request, 503 if unavailable else 500)
