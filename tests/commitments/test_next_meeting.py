"""Leads are told when their committee meets next: on «My commitments» and in reminders."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.enums import MeetingStatus, PlanStatus
from commitments.notices import SEPARATOR
from meetings.enums import CommitteeKind
from meetings.models import Meeting
from tests.factories import make_commitment, make_committee, make_meeting, make_plan, make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 4, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)


@pytest.fixture
def plan():
    plan = make_plan(3, status=PlanStatus.ACTIVE)
    execution = make_committee(plan=plan)
    steering = make_committee(plan=plan, kind=CommitteeKind.STEERING)
    make_meeting(execution, date=datetime.date(2025, 3, 18))  # held, published
    make_meeting(execution, date=datetime.date(2025, 3, 30), status=MeetingStatus.DRAFT)  # past
    make_meeting(steering, date=datetime.date(2025, 6, 10), status=MeetingStatus.DRAFT)
    make_meeting(execution, date=datetime.date(2025, 5, 6), status=MeetingStatus.DRAFT)
    return plan


def test_a_plans_next_meeting_is_its_committees_earliest_draft_from_today_on(plan):
    other = make_plan(4, status=PlanStatus.ACTIVE)
    make_meeting(make_committee(plan=other), date=TODAY, status=MeetingStatus.DRAFT)
    make_plan(5)

    found = Meeting.objects.next_by_plan({plan.pk, other.pk}, TODAY)

    assert {plan_id: meeting.date for plan_id, meeting in found.items()} == {
        plan.pk: datetime.date(2025, 5, 6),
        other.pk: TODAY,
    }


def test_my_commitments_says_when_the_committee_meets_next(client, plan):
    lead = make_user("h.bouihi")
    make_commitment(plan, 1).leads.add(lead)
    closed = make_plan(1, status=PlanStatus.CLOSED)
    make_commitment(closed, 2).leads.add(lead)
    client.force_login(lead)

    page = client.get(reverse("leads:my_commitments")).content.decode()

    assert page.count('class="lead-next-meeting"') == 1
    assert "الاجتماع المقبل: لجنة التنفيذ، الثلاثاء 6 ماي 2025." in page


def test_reminders_name_the_next_meeting_of_each_plan(plan, mailoutbox):
    lead = make_user("h.bouihi", email="huda@example.org")
    make_commitment(plan, 1).leads.add(lead)
    make_commitment(plan, 2).leads.add(lead)

    call_command("remind_leads", "--site", "https://ogp.example.ma", stdout=io.StringIO())

    arabic, _amazigh, french = mailoutbox[0].body.split(SEPARATOR)
    assert arabic.count("لجنة التنفيذ، الثلاثاء 6 ماي 2025") == 1
    assert "الاجتماعات المقبلة:" in arabic
    assert "Prochaines réunions :" in french


def test_my_commitments_lists_the_newest_plan_first(client, plan):
    lead = make_user("h.bouihi")
    make_commitment(make_plan(1, status=PlanStatus.CLOSED), 2).leads.add(lead)
    make_commitment(plan, 1).leads.add(lead)
    client.force_login(lead)

    listed = client.get(reverse("leads:my_commitments")).context["commitments"]

    assert [commitment.plan.number for commitment in listed] == [3, 1]
