"""Figures land in their plan, go public with their minutes, and the plan's headline is
the committee's: points 1, 7 and 8 of the reporting cycle's issue."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import PlanProgress, ProgressReport
from meetings.enums import CommitteeKind
from ogptracker.spreadsheets.plan_resources import ProgressReportResource
from tests.admin_forms import load_admin_form
from tests.factories import make_commitment, make_committee, make_meeting, make_plan, make_report

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2022, 3, 10)


@pytest.fixture
def two_plans():
    """Plan 1 (closed) with its budget commitment 11, plan 2 with its committee's draft meeting."""
    first, second = make_plan(1), make_plan(2)
    budget = make_commitment(first, 11, title="شفافية الميزانية", ogp_id="MO0011")
    make_report(budget, 77, date=datetime.date(2020, 6, 17))
    own = make_commitment(second, 3, title="شفافية الميزانية على المستوى الترابي")
    meeting = make_meeting(
        make_committee(second, CommitteeKind.EXECUTION), date=MARCH, status=MeetingStatus.DRAFT
    )
    return budget, own, meeting


# 1. A status row's commitment belongs to the meeting's plan ----------------------------


def test_the_model_refuses_a_row_of_another_plans_commitment(two_plans):
    budget, _, meeting = two_plans
    row = ProgressReport(commitment=budget, meeting=meeting, date=MARCH, percent=74)

    with pytest.raises(ValidationError) as refused:
        row.full_clean()

    assert list(refused.value.message_dict) == ["commitment"]


def test_the_database_refuses_it_whatever_the_writer(two_plans):
    budget, own, meeting = two_plans
    make_report(own, 60, meeting=meeting, date=MARCH, status=ReportStatus.DRAFT)

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReport.objects.bulk_create(
            [ProgressReport(commitment=budget, meeting=meeting, date=MARCH, percent=74)]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanProgress.objects.create(plan=budget.plan, meeting=meeting, date=MARCH, percent=74)
    with pytest.raises(IntegrityError), transaction.atomic():
        # Moving the meeting to plan 1's committee would leave its row in the wrong plan.
        meeting.committee = make_committee(budget.plan)
        meeting.save()

    assert budget.reports.count() == 1


def test_moving_a_meeting_or_commitment_to_another_plan_is_refused_by_its_form(two_plans):
    budget, own, meeting = two_plans
    make_report(own, 60, meeting=meeting, date=MARCH, status=ReportStatus.DRAFT)
    meeting.committee = make_committee(budget.plan)
    own.plan = budget.plan

    with pytest.raises(ValidationError) as meeting_refused:
        meeting.full_clean()
    with pytest.raises(ValidationError) as commitment_refused:
        own.full_clean()

    assert list(meeting_refused.value.message_dict) == ["committee"]
    assert "plan" in commitment_refused.value.message_dict


def test_an_import_refuses_the_row_and_saves_nothing(two_plans, secretariat):
    budget, _, meeting = two_plans
    text = (
        "plan,commitment,date,percent,meeting_committee,meeting,status\n"
        f"1,11,{MARCH},74,execution,{MARCH},draft\n"
    )

    result = ProgressReportResource().import_data(
        tablib.Dataset().load(text, format="csv"), dry_run=False, user=secretariat
    )

    assert result.has_validation_errors()
    assert not meeting.reports.exists()


def test_the_status_table_offers_only_the_meetings_plan_with_the_plan_in_each_label(
    client, secretariat, two_plans
):
    _, own, meeting = two_plans
    client.force_login(secretariat)

    response = client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))

    inline = next(
        f for f in response.context["inline_admin_formsets"] if f.opts.model is ProgressReport
    )
    choices = [label for value, label in inline.formset.empty_form.fields["commitment"].choices]
    assert choices == ["---------", "الخطة 2 · 3 · شفافية الميزانية على المستوى الترابي"]


# 8. A row's publication follows its meeting's ------------------------------------------


@pytest.fixture
def published_row_in_draft_minutes(two_plans):
    _, own, meeting = two_plans
    return make_report(own, 74, meeting=meeting, date=MARCH, status=ReportStatus.PUBLISHED)


def test_a_row_of_draft_minutes_is_nowhere_public(client, published_row_in_draft_minutes):
    own = published_row_in_draft_minutes.commitment
    pages = [
        reverse("commitments:commitment_detail", args=[2, 3]),
        reverse("commitments:plan_dashboard", args=[2]),
        reverse("commitments:plan_feed", args=[2]),
        "/api/plans/2/reports/",
    ]

    contents = [client.get(url).content.decode() for url in pages]

    assert [("74\u00a0%" in content) for content in contents[:2]] == [False, False]
    assert ["— 74 %" in content or '"percent": 74' in content for content in contents[2:]] == [
        False,
        False,
    ]
    assert not ProgressReport.objects.published().filter(commitment=own).exists()


def test_the_admin_refuses_to_publish_a_row_of_draft_minutes(
    client, secretariat, published_row_in_draft_minutes
):
    row = published_row_in_draft_minutes
    ProgressReport.objects.filter(pk=row.pk).update(status=ReportStatus.DRAFT)
    client.force_login(secretariat)
    url = reverse("admin:commitments_progressreport_change", args=[row.pk])
    page = load_admin_form(client, url)

    response = client.post(url, {**page, "status": ReportStatus.PUBLISHED})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["status"]
    row.refresh_from_db()
    assert row.status == ReportStatus.DRAFT


# 7. The plan's headline is the committee's figure --------------------------------------


def test_the_headline_is_the_committees_figure_and_the_mean_comes_with_its_coverage(client):
    plan = make_plan(3)
    commitments = [make_commitment(plan, number) for number in range(1, 9)]
    make_report(commitments[0], 80, date=datetime.date(2025, 5, 2))
    meeting = make_meeting(make_committee(plan), date=datetime.date(2025, 3, 18))
    PlanProgress.objects.create(plan=plan, meeting=meeting, date=meeting.date, percent=52)

    content = client.get(reverse("commitments:plan_dashboard", args=[3])).content.decode()
    home = client.get(reverse("commitments:home")).content.decode()

    for page in (content, home):
        headline = page.split('<p class="big-figure"><span class="number">')[1].split("<")[0]
        assert headline == "52\u00a0%"
        assert "80,0\u00a0%" in page
        assert "الالتزامات التي قدمت تقريرا: 1 من أصل 8" in page
    assert "الرقم الرئيسي هو آخر نسبة سجلتها اللجنة" in content
