from django import template

from meetings.minutes import meeting_name as _meeting_name

register = template.Library()


@register.filter
def meeting_name(sequence):
    """«الاجتماع الثاني» for 2 in Arabic, «meeting no. 2» elsewhere."""
    return _meeting_name(sequence) or ""
