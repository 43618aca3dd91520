"""Meetings as .ics files and committee calendars, and the invitation that carries one."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from commitments.enums import MeetingStatus
from tests.factories import make_committee, make_meeting, make_plan, make_user

CASABLANCA = zoneinfo.ZoneInfo("Africa/Casablanca")


@pytest.fixture
def meeting(db):
    committee = make_committee(plan=make_plan(2))
    return make_meeting(
        committee,
        date=datetime.date(2020, 6, 17),
        start_time=datetime.time(10, 30),
        place_ar="مقر وزارة الانتقال الرقمي، الرباط",
        place_fr="Siège du ministère de la Transition numérique, Rabat",
    )


def parsed(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_meeting_ics_parses_back_with_its_date_time_and_place(client, meeting):
    response = client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))

    (event,) = parsed(response).walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start, start.tzinfo.key if hasattr(start.tzinfo, "key") else str(start.tzinfo)) == (
        datetime.datetime(2020, 6, 17, 10, 30, tzinfo=CASABLANCA),
        "Africa/Casablanca",
    )
    assert str(event["location"]) == "مقر وزارة الانتقال الرقمي، الرباط"
    assert str(event["url"]).endswith(reverse("meetings:minutes", args=[meeting.pk]))
    assert "attachment" in response["Content-Disposition"]


def test_meeting_ics_in_french_has_the_french_place(meeting):
    with_french = Client()
    url = reverse("meetings:meeting_ics", args=[meeting.pk]).replace("/ar/", "/fr/", 1)

    (event,) = parsed(with_french.get(url)).walk("VEVENT")

    assert str(event["location"]) == "Siège du ministère de la Transition numérique, Rabat"


def test_meeting_without_a_time_is_a_whole_day_event(client, meeting):
    meeting.start_time = None
    meeting.save()

    (event,) = parsed(client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))).walk("VEVENT")

    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        datetime.date(2020, 6, 17),
        datetime.date(2020, 6, 18),
    )


def test_past_draft_meeting_has_no_ics(client, meeting):
    meeting.status = MeetingStatus.DRAFT
    meeting.save()

    response = client.get(reverse("meetings:meeting_ics", args=[meeting.pk]))

    assert response.status_code == 404


def test_committee_calendar_lists_published_and_scheduled_meetings(client, meeting):
    upcoming = make_meeting(
        meeting.committee, date=datetime.date(2099, 1, 12), status=MeetingStatus.DRAFT
    )
    make_meeting(meeting.committee, date=datetime.date(2019, 1, 1), status=MeetingStatus.DRAFT)

    response = client.get(reverse("meetings:committee_calendar", args=[meeting.committee_id]))

    events = parsed(response).walk("VEVENT")
    assert [event.decoded("dtstart") for event in events] == [
        datetime.datetime(2020, 6, 17, 10, 30, tzinfo=CASABLANCA),
        upcoming.date,
    ]
    assert "url" not in events[1]


@pytest.mark.parametrize("meetings", [1, 10])
def test_committee_calendar_queries(client, meeting, meetings, django_assert_num_queries):
    for day in range(1, meetings):
        make_meeting(meeting.committee, date=datetime.date(2021, 1, day))

    with django_assert_num_queries(2):
        client.get(reverse("meetings:committee_calendar", args=[meeting.committee_id]))


def test_minutes_page_links_the_ics_and_the_committee_calendar(client, meeting):
    response = client.get(reverse("meetings:minutes", args=[meeting.pk]))

    assert reverse("meetings:meeting_ics", args=[meeting.pk]) in response.text
    assert reverse("meetings:committee_calendar", args=[meeting.committee_id]) in response.text


def test_invitation_goes_to_participants_in_arabic_then_french_with_the_ics(
    meeting, secretariat, django_capture_on_commit_callbacks
):
    lead = make_user("h.mouradi", email="h.mouradi@example.org")
    meeting.participants.create(name="حاتم مورادي", order=1, user=lead)
    meeting.participants.create(name="ضيف", order=2)
    office = Client()
    office.force_login(secretariat)

    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(reverse("admin:meetings_meeting_invite", args=[meeting.pk]))

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["h.mouradi@example.org"]
    arabic, amazigh, french = message.body.split("—" * 24)
    assert "10:30" in amazigh
    assert ("10:30" in arabic, "Rabat" in french) == (True, True)
    ((filename, content, mimetype),) = message.attachments
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert (filename, mimetype) == ("meeting-2020-06-17.ics", "text/calendar")
    assert event.decoded("dtstart") == datetime.datetime(2020, 6, 17, 10, 30, tzinfo=CASABLANCA)
    assert str(event["location"]) == "مقر وزارة الانتقال الرقمي، الرباط"


def test_invitation_is_refused_to_a_project_lead(meeting, owning_lead):
    visitor = Client()
    visitor.force_login(owning_lead)

    response = visitor.post(reverse("admin:meetings_meeting_invite", args=[meeting.pk]))

    assert (response.status_code, mail.outbox) == (302, [])


def test_committee_is_named_once_with_its_plan_and_isolated_where_it_falls_back(db):
    from django.utils import translation

    from meetings.calendar import committee_name

    committee = make_committee(plan=make_plan(2))
    with translation.override("ar"):
        arabic = committee_name(committee)
    with translation.override("fr"):
        french = committee_name(committee)

    assert arabic == f"{committee.name} (خطة العمل 2)"
    # No French name: the Arabic one, between RIGHT-TO-LEFT ISOLATE and POP DIRECTIONAL ISOLATE.
    assert french == f"\u2067{committee.name}\u2069 (plan d'action 2)"
