"""A translated field shown in another language than the page's, marked with its own.

`<div class="prose"{{ commitment|language_attributes:"problem" }}>` gives the block
` lang="ar" dir="rtl"` when the page's column is empty and Arabic shows instead
(` dir="auto"` otherwise); `<bdi{{ commitment|fallback_attributes:"title" }}>` the
same, or nothing;
`{{ commitment|shown:"title" }}` gives the text itself, in a `bdi` with its
language and direction when it falls back (ogptracker/common/languages.py);
in plain text (e-mails), `{{ committee|plain:"name" }}` and
`{{ commitment|plain_numbered }}` isolate it between the characters of its
direction instead.
"""

from django import template
from django.utils.safestring import SafeString

from ogptracker.common import languages

register = template.Library()


@register.filter
def language_attributes(instance: object, name: str) -> SafeString:
    return languages.language_attributes(instance, name)


@register.filter
def fallback_attributes(instance: object, name: str) -> SafeString:
    return languages.fallback_attributes(instance, name)


@register.filter
def shown(instance: object, name: str) -> SafeString:
    return languages.shown(instance, name)


@register.filter
def shown_language(instance: object, name: str) -> str:
    return languages.shown_language(instance, name)


@register.filter
def plain(instance: object, name: str) -> str:
    return languages.plain(instance, name)


@register.filter
def plain_numbered(instance: object) -> str:
    return languages.plain_numbered(instance)
