import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from meetings.minutes import meeting_name as _meeting_name
from ogptracker.common.bidi import isolated
from ogptracker.common.languages import marked, shown_language

register = template.Library()


@register.filter
def meeting_name(sequence: int | None) -> str:
    """«الاجتماع الثاني» for 2 in Arabic, «meeting no. 2» elsewhere."""
    return _meeting_name(sequence) or ""


# A word of digits or Latin letters with separators inside it: 2018-2020, 130-13,
# COVID-19, vidéo-conférence; never part of a longer word.
LATIN = r"[0-9A-Za-z\u00c0-\u024f]"
LEFT_TO_RIGHT_RUN = re.compile(rf"(?<!\w){LATIN}+(?:[-/.:]{LATIN}+)+(?!\w)")


@register.filter(needs_autoescape=True)
def isolate(text: str | None, autoescape: bool = True) -> str | None:
    """Typed text isolated from what surrounds it (ogptracker/common/bidi.py), HTML-escaped
    unless already safe, each run such as 2018-2020 in an unbroken span.

    Inside right-to-left text WeasyPrint lays such a run out in pieces when the
    line may break at its hyphen, and the PDF shows «2020-2018», which is also
    what copying it gives; kept whole, the run reads as in the page.
    """
    if not text:
        return text
    escaped = conditional_escape(text) if autoescape else text
    unbroken = LEFT_TO_RIGHT_RUN.sub(r'<span class="unbroken">\g<0></span>', str(escaped))
    return mark_safe(isolated(unbroken))


@register.filter
def isolate_field(instance: object, name: str) -> str | None:
    """A translated field as `isolate` gives it, marked with its language and direction
    when it shows another language than the page's (ogptracker/common/languages.py)."""
    return marked(isolate(getattr(instance, name)) or "", shown_language(instance, name))
