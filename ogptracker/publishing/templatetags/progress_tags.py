import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from commitments import progress
from ogptracker.common.charts import Bar

register = template.Library()

# «2024-2027», «2018–2020»: kept on one line, as a phone would cut it after the dash.
YEAR_RANGE = re.compile(r"\b\d{4}\s?[-–]\s?\d{2,4}\b")

FLAG_LABELS = {
    # Translators: a commitment flag: progress is 100 %.
    progress.DONE: pgettext_lazy("commitment flag", "Done"),
    # Translators: a commitment flag: reported, neither done, late nor stalled.
    progress.ON_TRACK: pgettext_lazy("commitment flag", "On track"),
    # Translators: a commitment flag: its end date has passed below 100 %.
    progress.LATE: pgettext_lazy("commitment flag", "Late"),
    # Translators: a commitment flag: no progress since the previous meeting.
    progress.STALLED: pgettext_lazy("commitment flag", "Stalled"),
    # Translators: a commitment flag: no published progress report yet.
    progress.NO_REPORT: pgettext_lazy("commitment flag", "No report yet"),
    progress.PLATFORM_NOT_UPDATED: _("Tracking platform not updated"),
}


@register.filter(is_safe=True)
def whole_ranges(text: object) -> SafeString:
    """`text`, escaped, each year range («2024-2027») in a span the line never breaks."""
    return mark_safe(
        YEAR_RANGE.sub(r'<span class="unbroken">\g<0></span>', conditional_escape(text))
    )


@register.filter
def percent(value: Decimal | int | str | None) -> str:
    """77.4 → «77,4 %» in Arabic and French; nothing known → a dash."""
    if value is None or value == "":
        return "—"
    return f"{formats.number_format(value)}\u00a0%"


@register.filter
def flag_label(flag: str) -> str | Promise:
    return FLAG_LABELS.get(flag, flag)


@register.inclusion_tag("publishing/_meter.html")
def meter(value: Decimal | int | None, civil_society: int | None = None) -> dict[str, Any]:
    """A small 0-100 bar growing from the inline-start side; with `civil_society`, a
    second mark (a dark notch, its value also in the label) at civil society's figure."""
    rtl = get_language_bidi()
    mark = None
    # A missing figure reaches a tag as "" from the template (`civil.percent` of None).
    if civil_society in (None, ""):
        civil_society = None
    else:
        # The notch is centred on the figure, kept whole inside the bar at 0 and 100.
        position = Bar(civil_society, rtl=rtl)
        edge = float(position.x if rtl else position.length)
        mark = f"{min(max(edge - 1.5, 0), 97):g}"
    return {
        "value": value,
        "bar": Bar(value or 0, rtl=rtl),
        "civil_society": civil_society,
        "mark": mark,
    }


@register.filter
def slippage(days: int) -> str:
    """How late a revised end date is: in days under two months, else in months."""
    if days >= 60:
        months = round(days / 30)
        return ngettext("%(count)d month late", "%(count)d months late", months) % {"count": months}
    return ngettext("%(count)d day late", "%(count)d days late", days) % {"count": days}
