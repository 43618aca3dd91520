import pytest
from django.db import IntegrityError, transaction

from commitments.models import PlanProgress
from tests.factories import make_commitment, make_plan, make_report


@pytest.mark.django_db
def test_report_percent_above_100_is_rejected_by_the_database():
    commitment = make_commitment()

    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(commitment, percent=101)

    assert commitment.reports.count() == 0


@pytest.mark.django_db
def test_report_percent_of_100_is_accepted():
    report = make_report(percent=100)

    assert report.percent == 100


@pytest.mark.django_db
def test_plan_progress_percent_above_100_is_rejected_by_the_database():
    plan = make_plan()

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanProgress.objects.create(plan=plan, date="2025-03-18", percent=101)


@pytest.mark.django_db
def test_duplicate_commitment_number_in_a_plan_is_rejected_by_the_database():
    plan = make_plan()
    make_commitment(plan=plan, number=3)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_commitment(plan=plan, number=3)


@pytest.mark.django_db
def test_same_commitment_number_in_two_plans_is_allowed():
    make_commitment(plan=make_plan(), number=3)
    make_commitment(plan=make_plan(), number=3)


@pytest.mark.django_db
def test_with_latest_progress_takes_the_newest_published_report():
    commitment = make_commitment()
    make_report(commitment, percent=40, date="2020-01-10")
    make_report(commitment, percent=65, date="2020-06-17")
    make_report(commitment, percent=90, date="2020-09-01", status="draft")

    annotated = type(commitment).objects.with_latest_progress().get(pk=commitment.pk)

    assert annotated.latest_percent == 65
