"""Where a search's words are in the texts of its results (ogptracker/publishing/highlight.py)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ogptracker.common import bidi
from ogptracker.publishing import highlight

register = template.Library()


@register.filter
def marked(text: object, query: str) -> SafeString:
    return highlight.marked(text, query)


@register.filter
def excerpt(text: object, query: str) -> str:
    return highlight.excerpt(text, query)


@register.filter
def bdi(text: object) -> SafeString:
    """Typed text, escaped, in <bdi>: a Latin query keeps its place in an Arabic line."""
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def isolated(text: str | None) -> str | None:
    """Typed text between FSI and PDI, where markup cannot go (the page's <title>)."""
    return bidi.isolated(text)
