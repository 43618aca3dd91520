from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_path(context, language_code):
    """The current page in another language: a plain link, so public pages carry no
    form token and can be served from the shared cache."""
    return translate_url(context["request"].get_full_path(), language_code)
