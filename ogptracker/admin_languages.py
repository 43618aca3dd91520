"""The admin in the languages it is translated into; elsewhere, its Arabic pages.

The public pages, the lead's pages and the e-mails are translated into every
language of the site; the secretariat's admin into Arabic, French and English
only (its own messages and Django's). An admin address under another language
(/zgh/admin/…) is sent to the same page in Arabic, rather than showing Arabic
words laid out left to right (docs/languages.md).
"""

from django.conf import settings
from django.http import HttpResponseRedirect

ADMIN_LANGUAGES = ("ar", "fr", "en")


class AdminLanguagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = [
            (f"/{code}/{settings.ADMIN_URL}", f"/{settings.LANGUAGE_CODE}/{settings.ADMIN_URL}")
            for code, _name in settings.LANGUAGES
            if code not in ADMIN_LANGUAGES
        ]

    def __call__(self, request):
        for prefix, replacement in self.prefixes:
            if request.path.startswith(prefix):
                target = replacement + request.path[len(prefix) :]
                query = request.META.get("QUERY_STRING")
                return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return self.get_response(request)
