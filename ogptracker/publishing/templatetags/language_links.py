from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template import Context
from django.urls import translate_url

register = template.Library()


def _translated_paths(request: HttpRequest) -> dict[str, str]:
    """The current page's path in each of the site's languages, worked out once a
    request: the language menu and the alternates both ask for them."""
    if not hasattr(request, "translated_paths"):
        path = request.get_full_path()
        request.translated_paths = {
            code: translate_url(path, code) for code, _ in settings.LANGUAGES
        }
    return request.translated_paths


@register.simple_tag(takes_context=True)
def translated_path(context: Context, language_code: str) -> str:
    """The current page in another language: a plain link, so public pages carry no
    form token and can be served from the shared cache."""
    return _translated_paths(context["request"])[language_code]


@register.simple_tag(takes_context=True)
def language_alternates(context: Context) -> list[tuple[str, str]]:
    """The current page in each of the site's languages, then as x-default, as
    absolute addresses: the page's <link rel="alternate" hreflang> list, the
    sitemap's for it. x-default is, as Django's sitemap writes it, the address
    without a language, which sends each visitor to their own language."""
    request = context["request"]
    paths = _translated_paths(request)
    default = paths[settings.LANGUAGE_CODE].replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    return [
        (code, request.build_absolute_uri(path))
        for code, path in [*paths.items(), ("x-default", default)]
    ]
