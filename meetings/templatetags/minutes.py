from django import template

from meetings.minutes import meeting_name as _meeting_name
from ogptracker.bidi import isolated

register = template.Library()


@register.filter
def meeting_name(sequence):
    """«الاجتماع الثاني» for 2 in Arabic, «meeting no. 2» elsewhere."""
    return _meeting_name(sequence) or ""


@register.filter(is_safe=True)
def isolate(text):
    """Typed text isolated from what surrounds it (ogptracker/bidi.py); HTML-safe text stays so."""
    return isolated(text)
