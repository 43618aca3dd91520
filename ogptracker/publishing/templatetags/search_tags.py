"""Where a search's words are in the texts of its results (ogptracker.publishing.highlight.py)."""

from django import template
from django.utils.safestring import SafeString

from ogptracker.publishing import highlight

register = template.Library()


@register.filter
def marked(text: object, query: str) -> SafeString:
    return highlight.marked(text, query)


@register.filter
def excerpt(text: object, query: str) -> str:
    return highlight.excerpt(text, query)
