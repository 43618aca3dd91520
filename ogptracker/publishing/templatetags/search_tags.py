"""Where a search's words are in the texts of its results (ogptracker/publishing/highlight.py)."""

from django import template
from django.utils.html import format_html

from ogptracker.common import bidi
from ogptracker.publishing import highlight

register = template.Library()


@register.filter
def marked(text, query):
    return highlight.marked(text, query)


@register.filter
def excerpt(text, query):
    return highlight.excerpt(text, query)


@register.filter
def bdi(text):
    """Typed text, escaped, in <bdi>: a Latin query keeps its place in an Arabic line."""
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def isolated(text):
    """Typed text between FSI and PDI, where markup cannot go (the page's <title>)."""
    return bidi.isolated(text)
