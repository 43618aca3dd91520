"""What a project lead owes, computed in one query per list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.enums import ActivityStatus, MeetingStatus, ReportStatus
from commitments.models import Activity, ActivityChange, Commitment
from ogptracker.leads.due import with_due_items
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_meeting,
    make_report,
)

TODAY = datetime.date(2020, 9, 1)
NEXT_MONTH = timezone.localdate() + datetime.timedelta(days=30)
DRAFT = MeetingStatus.DRAFT


@pytest.mark.django_db
def test_overdue_activities_are_past_their_revised_or_planned_end_and_not_finished(commitment):
    late = make_activity(commitment, 1, planned_end=datetime.date(2020, 6, 30))
    make_activity(commitment, 2, planned_end=datetime.date(2020, 6, 30), status=ActivityStatus.DONE)
    make_activity(
        commitment,
        3,
        planned_end=datetime.date(2020, 6, 30),
        revised_end=datetime.date(2020, 12, 31),
    )
    make_activity(commitment, 4, planned_end=datetime.date(2020, 12, 31))
    make_activity(commitment, 5, status=ActivityStatus.POSTPONED)
    make_activity(
        commitment, 6, revised_end=datetime.date(2020, 8, 31), status=ActivityStatus.POSTPONED
    )

    overdue = list(Activity.objects.overdue(TODAY))

    assert [activity.number for activity in overdue] == [late.number, 6]
    # The same rule for an activity in memory, as the lead's form shows it.
    assert [a.number for a in commitment.activities.all() if a.is_overdue(TODAY)] == [1, 6]


@pytest.mark.django_db
def test_due_items_flag_a_commitment_without_report_since_the_last_meeting(commitment):
    make_meeting(date=datetime.date(2020, 6, 17))
    make_report(commitment, date=datetime.date(2020, 1, 15))
    make_report(commitment, date=datetime.date(2020, 8, 1), status=ReportStatus.DRAFT)

    annotated = with_due_items(Commitment.objects, TODAY).get(pk=commitment.pk)

    assert (
        annotated.last_meeting_date,
        annotated.last_report_date,
        annotated.report_due,
        annotated.open_report_status,
    ) == (datetime.date(2020, 6, 17), datetime.date(2020, 1, 15), True, ReportStatus.DRAFT)


@pytest.mark.django_db
def test_due_items_clear_once_a_report_follows_the_meeting(commitment):
    make_meeting(date=datetime.date(2020, 6, 17))
    make_report(commitment, date=datetime.date(2020, 7, 1), status=ReportStatus.SUBMITTED)

    annotated = with_due_items(Commitment.objects, TODAY).get(pk=commitment.pk)

    assert (annotated.report_due, annotated.overdue_activities) == (False, 0)


@pytest.mark.django_db
def test_due_items_count_overdue_activities_as_the_open_report_leaves_them(commitment):
    ended = datetime.date(2020, 6, 30)
    reported_done = make_activity(commitment, 1, planned_end=ended)
    pushed_back = make_activity(commitment, 2, planned_end=ended)
    still_late = make_activity(commitment, 3, planned_end=ended)
    reported_late = make_activity(commitment, 4, planned_end=datetime.date(2020, 12, 31))
    draft = make_report(commitment, status=ReportStatus.DRAFT)
    for activity, status, revised_end in [
        (reported_done, ActivityStatus.DONE, None),
        (pushed_back, ActivityStatus.POSTPONED, datetime.date(2021, 3, 31)),
        (reported_late, ActivityStatus.IN_PROGRESS, datetime.date(2020, 8, 31)),
    ]:
        ActivityChange.objects.create(
            report=draft, activity=activity, status=status, revised_end=revised_end
        )
    published = make_report(commitment, date=datetime.date(2020, 1, 1))
    ActivityChange.objects.create(  # Made long ago: the activity is as published.
        report=published, activity=still_late, status=ActivityStatus.DONE
    )

    annotated = with_due_items(Commitment.objects, TODAY).get(pk=commitment.pk)

    assert annotated.overdue_activities == 2  # still_late and reported_late
    assert [a.number for a in Activity.objects.overdue_as_reported(TODAY)] == [3, 4]
    assert [a.number for a in Activity.objects.overdue(TODAY)] == [1, 2, 3]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 15])
def test_my_commitments_page_query_count_does_not_grow(
    client, owning_lead, commitment, django_assert_num_queries, count
):
    for _ in range(count - 1):
        extra = make_commitment(plan=commitment.plan)
        extra.leads.add(owning_lead)
        make_activity(extra, 1, planned_end=datetime.date(2019, 1, 1))
        make_report(extra)
    committee = make_committee(plan=commitment.plan)
    for day in range(count):
        make_meeting(committee, date=NEXT_MONTH + datetime.timedelta(days=day), status=DRAFT)
    client.force_login(owning_lead)

    # session, user, the user's groups (secretariat?), their forums (a forum member?),
    # the list, the next meetings
    with django_assert_num_queries(6):
        response = client.get(reverse("leads:my_commitments"))

    assert len(response.context["commitments"]) == count


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 12])
def test_update_page_query_count_does_not_grow(
    client, owning_lead, commitment, django_assert_num_queries, size
):
    draft = make_report(commitment, status=ReportStatus.DRAFT)
    for number in range(1, size + 1):
        activity = make_activity(commitment, number, planned_end=datetime.date(2019, 1, 1))
        ActivityChange.objects.create(report=draft, activity=activity, status=ActivityStatus.DONE)
        make_report(commitment, percent=number)
    client.force_login(owning_lead)

    with django_assert_num_queries(14):
        response = client.get(reverse("leads:commitment_update", args=[commitment.pk]))

    assert response.context["report"] == draft
    assert len(response.context["activity_rows"]) == size
