import re
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext, ngettext, pgettext_lazy
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


@register.simple_tag
def meter(value: Decimal | int | None, civil_society: int | None = None) -> SafeString:
    """A small 0-100 bar growing from the inline-start side; with `civil_society`, a
    second mark (a dark notch, its value also in the label) at civil society's figure.
    Written here rather than in a template: lists draw one on each row."""
    rtl = get_language_bidi()
    bar = Bar(value or 0, rtl=rtl)
    done = " is-done" if value == 100 else ""
    fill = (
        f'<rect class="meter-fill{done}" x="{bar.x}" width="{bar.length}" height="10"'
        ' fill="#2f6fbf"/>'
    )
    # A missing figure reaches a tag as "" from the template (`civil.percent` of None).
    if civil_society in (None, ""):
        label, mark, has_mark = percent(value), "", ""
    else:
        label = gettext("Official figure %(official)s; civil society %(civil)s") % {
            "official": percent(value),
            "civil": percent(civil_society),
        }
        # The notch is centred on the figure, kept whole inside the bar at 0 and 100.
        position = Bar(civil_society, rtl=rtl)
        edge = float(position.x if rtl else position.length)
        mark = (
            f'<rect class="meter-mark" x="{min(max(edge - 1.5, 0), 97):g}" width="3" height="10"'
            ' fill="#1b1b1b" stroke="#fff" stroke-width="0.6"/>'
        )
        has_mark = " has-mark"
    return format_html(
        '<svg class="meter{}" viewBox="0 0 100 10" width="100" height="10"'
        ' preserveAspectRatio="none" role="img" aria-label="{}" focusable="false">'
        "<title>{}</title>"
        '<rect class="meter-track" width="100" height="10" fill="#d8dde6"/>{}</svg>',
        has_mark,
        label,
        label,
        mark_safe(fill + mark),
    )


@register.filter
def slippage(days: int) -> str:
    """How late a revised end date is: in days under two months, else in months."""
    if days >= 60:
        months = round(days / 30)
        return ngettext("%(count)d month late", "%(count)d months late", months) % {"count": months}
    return ngettext("%(count)d day late", "%(count)d days late", days) % {"count": days}
