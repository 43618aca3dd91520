"""Where a search's words are in the texts of its results (ogptracker.publishing.highlight.py)."""

from django import template

from ogptracker.publishing import highlight

register = template.Library()


@register.filter
def marked(text, query):
    return highlight.marked(text, query)


@register.filter
def excerpt(text, query):
    return highlight.excerpt(text, query)
