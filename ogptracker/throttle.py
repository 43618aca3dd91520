"""Login throttling (django-axes): where an attempt comes from, what a locked-out user sees."""

from http import HTTPStatus

from django.conf import settings
from django.shortcuts import render


def client_ip(request):
    # Behind TRUSTED_PROXY_COUNT proxies, each appends the address it saw to
    # X-Forwarded-For, so the client is that many entries from the right;
    # anything further left was written by the client and proves nothing.
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )
