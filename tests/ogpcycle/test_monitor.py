"""OGP's minimum requirements, checked on given days."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.enums import MeetingStatus, PlanStatus
from meetings.enums import CommitteeKind
from meetings.models import Meeting
from ogptracker.ogpcycle import monitor
from ogptracker.ogpcycle.enums import SelfAssessmentKind
from ogptracker.ogpcycle.models import SelfAssessmentReport
from ogptracker.secretariat.work_to_do import requirement_tasks
from tests.factories import make_commitment, make_committee, make_meeting, make_plan, make_report

pytestmark = pytest.mark.django_db

FORUM_MET = datetime.date(2025, 3, 18)


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def plan():
    return make_plan(3, start=day("2024-01-01"), planned_end=day("2027-12-31"))


def check(plan, rule, today):
    (found,) = [c for c in monitor.check_plans([plan], day(today))[plan.pk] if c.rule == rule]
    return found.state, found.due, found.since


def published_on(meeting, date):
    """Publish draft minutes, as if on `date`."""
    meeting.status = MeetingStatus.PUBLISHED
    meeting.save()
    when = timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))
    Meeting.history.filter(id=meeting.pk, status=MeetingStatus.PUBLISHED).update(history_date=when)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        ("2025-05-01", monitor.HOLDS),
        ("2025-08-20", monitor.DUE_SOON),  # due 17 September, a month ahead
        ("2025-10-18", monitor.MISSED),  # silent for seven months
    ],
)
def test_forum_is_due_six_months_after_its_last_meeting(plan, today, state):
    make_meeting(make_committee(plan, CommitteeKind.STEERING), date=FORUM_MET)
    # The execution committee is not the forum.
    make_meeting(make_committee(plan, CommitteeKind.EXECUTION), date=day("2025-09-01"))

    assert check(plan, "forum", today) == (state, day("2025-09-17"), FORUM_MET)


def test_forum_that_never_met_is_due_six_months_after_the_plan_started(plan):
    assert check(plan, "forum", "2024-08-01") == (monitor.MISSED, day("2024-07-02"), None)


def test_minutes_published_late_are_missed_for_a_year(plan):
    meeting = make_meeting(make_committee(plan), date=FORUM_MET, status=MeetingStatus.DRAFT)
    published_on(meeting, day("2025-05-10"))  # 53 days after the meeting

    assert check(plan, "minutes", "2025-06-01") == (monitor.MISSED, None, FORUM_MET)
    assert check(plan, "minutes", "2026-04-01")[0] == monitor.HOLDS


def test_minutes_published_within_thirty_days_hold(plan):
    meeting = make_meeting(make_committee(plan), date=FORUM_MET, status=MeetingStatus.DRAFT)
    published_on(meeting, day("2025-04-10"))

    assert check(plan, "minutes", "2025-06-01") == (monitor.HOLDS, None, None)


@pytest.mark.parametrize(
    ("today", "state"),
    [("2025-03-20", monitor.DUE_SOON), ("2025-04-20", monitor.MISSED)],
)
def test_minutes_still_a_draft_fall_due_thirty_days_after_the_meeting(plan, today, state):
    make_meeting(make_committee(plan), date=FORUM_MET, status=MeetingStatus.DRAFT)

    assert check(plan, "minutes", today) == (state, day("2025-04-17"), None)


def test_public_pages_are_due_six_months_after_their_last_update(plan):
    make_report(make_commitment(plan), date=day("2025-01-10"))

    assert check(plan, "repository", "2025-08-01") == (
        monitor.MISSED,
        day("2025-07-12"),
        day("2025-01-10"),
    )


def test_self_assessment_published_after_its_due_date_is_missed(db):
    plan = make_plan(1, start=day("2018-08-01"), planned_end=day("2020-08-31"))
    SelfAssessmentReport.objects.create(
        plan=plan, kind=SelfAssessmentKind.END_OF_TERM, published_on=day("2020-12-15")
    )

    assert check(plan, SelfAssessmentKind.END_OF_TERM, "2021-06-01") == (
        monitor.MISSED,
        None,
        day("2020-12-15"),
    )
    # Due 90 days after the midpoint, 16 August 2019; never published.
    assert check(plan, SelfAssessmentKind.MID_TERM, "2019-10-20") == (
        monitor.DUE_SOON,
        day("2019-11-14"),
        None,
    )


def test_to_do_lists_requirements_due_soon_or_missed_of_plans_under_way(plan):
    forum = make_committee(plan, CommitteeKind.STEERING)
    published_on(make_meeting(forum, date=FORUM_MET, status=MeetingStatus.DRAFT), FORUM_MET)
    make_report(make_commitment(plan), date=day("2025-08-01"))
    closed = make_plan(1, status=PlanStatus.CLOSED, planned_end=day("2020-08-31"))
    SelfAssessmentReport.objects.create(
        plan=closed, kind=SelfAssessmentKind.MID_TERM, published_on=day("2019-09-01")
    )

    tasks = {task.text: task.url for task in requirement_tasks(day("2025-08-20"))}

    governance = reverse("commitments:plan_governance", args=[3])
    assert tasks == {
        "خطة العمل الوطنية 3: ينعقد المنتدى مرة كل ستة أشهر على الأقل "
        "— في أجل أقصاه 17 شتنبر 2025": f"{governance}#rule-forum",
        "خطة العمل الوطنية 1: يُنشر تقرير التقييم الذاتي في نهاية المدة في أجله — فات الأجل": (
            reverse("commitments:plan_governance", args=[1]) + "#rule-end-of-term"
        ),
    }


def test_how_this_plan_is_run_page_shows_each_requirement(client, plan, django_assert_num_queries):
    make_meeting(make_committee(plan, CommitteeKind.STEERING), date=FORUM_MET)

    with django_assert_num_queries(7):
        response = client.get(reverse("commitments:plan_governance", args=[3]))

    assert [check.rule for check in response.context["checks"]] == [
        "forum",
        "repository",
        "minutes",
        "mid-term",
        "end-of-term",
    ]
    assert response.content.decode().count('<tr id="rule-') == 5
