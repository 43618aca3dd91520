import datetime
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from commitments.enums import ReportStatus
from commitments.models import ActionPlan, Activity, Commitment, PlanProgress, ProgressReport
from meetings.enums import CommitteeKind
from meetings.models import Meeting, NextStep, Participant
from ogptracker.devdata.synthetic import SyntheticData
from tests.factories import make_plan

TODAY = datetime.date(2026, 11, 23)


def generate(seed=5, plans=2, commitments=3, reports=4):
    return SyntheticData(plans, commitments, reports, seed=seed, today=TODAY).generate()


@pytest.mark.django_db
def test_generate_synthetic_creates_the_requested_sizes(capsys):
    call_command("generate_synthetic", plans=2, commitments=3, reports=4, seed=1)

    published = ProgressReport.objects.published()
    assert ActionPlan.objects.count() == 2
    assert Commitment.objects.count() == 6
    assert published.count() == 24
    assert set(Counter(published.values_list("commitment", flat=True)).values()) == {4}
    assert capsys.readouterr().out.startswith("Created 2 plans, 6 commitments,")


@pytest.mark.django_db
def test_generate_synthetic_mixes_unpublished_reports_newer_than_the_published_ones():
    generate(plans=4, commitments=10, reports=3)

    unpublished = ProgressReport.objects.exclude(status=ReportStatus.PUBLISHED)
    assert unpublished.exists()
    for report in unpublished:
        newest_published = report.commitment.reports.published().latest_first().first()
        assert report.meeting_id is None
        assert report.date > newest_published.date
        assert report.percent >= newest_published.percent


@pytest.mark.django_db
def test_generate_synthetic_progress_never_goes_back_and_stalls_are_flagged():
    generate(plans=2, commitments=5, reports=6)

    for commitment in Commitment.objects.all():
        series = list(commitment.reports.published().order_by("date"))
        percents = [s.percent for s in series]
        assert percents == sorted(percents)
        assert series[0].no_progress is False
        for previous, current in zip(series, series[1:], strict=False):
            if current.no_progress:
                assert current.percent == previous.percent


@pytest.mark.django_db
def test_generate_synthetic_links_each_round_of_reports_to_an_execution_meeting_of_its_plan():
    generate(plans=2, commitments=3, reports=4)

    for meeting in Meeting.objects.filter(committee__kind=CommitteeKind.EXECUTION):
        reports = list(meeting.reports.all())
        assert len(reports) == 3
        assert {s.commitment.plan_id for s in reports} == {meeting.committee.plan_id}
        assert {s.date for s in reports} == {meeting.date}
    assert ProgressReport.objects.published().filter(meeting=None).count() == 0


@pytest.mark.django_db
def test_generate_synthetic_minutes_have_participants_agenda_and_next_steps():
    generate(plans=1, commitments=4, reports=4)

    execution = Meeting.objects.filter(committee__kind=CommitteeKind.EXECUTION)
    steering = Meeting.objects.filter(committee__kind=CommitteeKind.STEERING)
    assert execution.count() == 4
    assert steering.count() == 1
    for meeting in Meeting.objects.all():
        assert meeting.participants.filter(role="chair").count() == 1
        assert meeting.agenda_items.count() >= 2
        assert meeting.next_steps.count() >= 2
    leads = Participant.objects.filter(role="project_lead")
    assert leads.count() == leads.filter(commitments__isnull=False, user__isnull=False).count()
    assert all(s.closed_at.date > s.meeting.date for s in NextStep.objects.exclude(closed_at=None))
    assert PlanProgress.objects.get().meeting == steering.get()


@pytest.mark.django_db
def test_generate_synthetic_rows_pass_model_validation():
    generate(plans=1, commitments=3, reports=3)

    for model in (ActionPlan, Commitment, Activity, ProgressReport, Meeting, NextStep):
        for row in model.objects.all():
            row.full_clean()


@pytest.mark.django_db
def test_generate_synthetic_titles_are_in_arabic_french_and_english():
    generate(plans=1, commitments=2, reports=1)

    commitment = Commitment.objects.first()
    assert commitment.title_ar != commitment.title_fr != commitment.title_en
    assert "\u0600" <= commitment.title_ar[0] <= "\u06ff"
    assert commitment.description_fr.startswith("Cet engagement vise à ")


@pytest.mark.django_db
def test_generate_synthetic_with_the_same_seed_gives_the_same_rows():
    def rows():
        return list(
            ProgressReport.objects.order_by("commitment__number", "date").values_list(
                "commitment__title_fr", "date", "percent", "status"
            )
        )

    generate(seed=11)
    first = rows()
    Meeting.objects.all().delete()
    ActionPlan.objects.all().delete()
    get_user_model().objects.all().delete()
    generate(seed=11)

    assert rows() == first


@pytest.mark.django_db
def test_generate_synthetic_numbers_plans_after_the_existing_ones():
    make_plan(number=3)

    generate(plans=2)

    assert list(ActionPlan.objects.values_list("number", flat=True)) == [3, 4, 5]
