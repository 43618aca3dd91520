from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the hashed name exists only after collectstatic.
    return redirect(static("favicon.svg"), permanent=True)
