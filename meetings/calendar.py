"""Meetings as iCalendar (RFC 5545) events: one `.ics` per meeting, one feed per committee.

An event says when and where a committee meets: its date, its start time in
Morocco's time zone (a meeting without one is a whole-day event), its place
and, once published, the address of its minutes. The same file goes with the
invitation e-mail (`invitations.py`).
"""

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from ogptracker.common import languages

from .models import Committee, Meeting

# How long a meeting with a start time is put down for.
DURATION = datetime.timedelta(hours=2)
PRODUCT = "-//ogptracker//Open Government tracker//AR"


def event_start(meeting: Meeting) -> datetime.date | datetime.datetime:
    if meeting.start_time is None:
        return meeting.date
    start = datetime.datetime.combine(meeting.date, meeting.start_time)
    return start.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def summary(meeting: Meeting) -> str:
    committee = committee_name(meeting.committee)
    return f"{committee} — {meeting.title}" if meeting.title else committee


def event(meeting: Meeting, domain: str, link: Callable[[Meeting], str | None]):
    from icalendar import Event

    item = Event()
    item.add("uid", f"meeting-{meeting.pk}@{domain}")
    item.add("dtstamp", meeting.updated_at)
    start = event_start(meeting)
    item.add("dtstart", start)
    if isinstance(start, datetime.datetime):
        item.add("dtend", start + DURATION)
    else:
        item.add("dtend", start + datetime.timedelta(days=1))
    item.add("summary", summary(meeting))
    if meeting.place:
        item.add("location", meeting.place)
    url = link(meeting)
    if url:
        item.add("url", url)
    return item


def calendar(
    meetings: Iterable[Meeting],
    domain: str,
    link: Callable[[Meeting], str | None],
    name: str | None = None,
) -> bytes:
    """The iCalendar file of `meetings`; `link(meeting)` is its minutes' address, if any."""
    from icalendar import Calendar

    book = Calendar()
    book.add("prodid", PRODUCT)
    book.add("version", "2.0")
    if name:
        book.add("x-wr-calname", name)
    for meeting in meetings:
        book.add_component(event(meeting, domain, link))
    book.add_missing_timezones()
    return book.to_ical()


def committee_name(committee: Committee) -> str:
    """The committee's name, and its plan's number if it has one, as plain text: the
    name between the characters of its direction when it shows another language."""
    name = languages.plain(committee, "name")
    if committee.plan_id:
        return _("%(committee)s (action plan %(plan)s)") % {
            "committee": name,
            "plan": committee.plan.number,
        }
    return name
