"""What the database itself refuses, and the periods an assessment is of."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from ogptracker.civilsociety.models import Assessment
from ogptracker.civilsociety.periods import Period, period_of, periods_between
from tests.factories import make_commitment, make_plan

from .conftest import make_assessment


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"percent": 101},
        {"period_end": datetime.date(2025, 6, 29)},
        {"period_end": datetime.date(2025, 3, 31)},
        {"completion": "excellent"},
        {"narrative": ""},
    ],
    ids=["percent-over-100", "not-a-period-end", "a-quarter", "off-the-scale", "no-narrative"],
)
def test_database_refuses_an_assessment_out_of_bounds(forum, official, fields):
    values = {"percent": 40, "period_end": datetime.date(2025, 6, 30), **fields}

    with pytest.raises(IntegrityError), transaction.atomic():
        make_assessment(forum, official, **values)

    assert Assessment.objects.count() == 0


@pytest.mark.django_db
def test_database_holds_one_assessment_per_commitment_period_and_forum(forum, official):
    make_assessment(forum, official, 40)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_assessment(forum, official, 45)

    other_period = make_assessment(forum, official, 45, period_end=datetime.date(2025, 12, 31))
    assert Assessment.objects.count() == 2
    assert other_period.period.label == "يوليوز–دجنبر 2025"


@pytest.mark.django_db
def test_a_plan_before_2021_is_assessed_on_the_classic_completion_scale(forum):
    classic = make_commitment(plan=make_plan(start=datetime.date(2018, 8, 1)))
    assessment = Assessment(
        forum=forum,
        commitment=classic,
        period_end=datetime.date(2019, 6, 30),
        percent=10,
        completion="no_evidence",
        narrative="لا دليل",
    )

    with pytest.raises(ValidationError) as refused:
        assessment.full_clean()

    assert list(refused.value.message_dict) == ["completion"]


def test_periods_are_half_years_named_with_morocco_s_months():
    periods = periods_between(datetime.date(2024, 3, 1), datetime.date(2025, 7, 14))

    assert [period.end for period in periods] == [
        datetime.date(2025, 12, 31),
        datetime.date(2025, 6, 30),
        datetime.date(2024, 12, 31),
        datetime.date(2024, 6, 30),
    ]
    assert period_of(datetime.date(2025, 6, 30)) == Period(datetime.date(2025, 6, 30))
    with translation.override("ar"):
        assert periods[0].label == "يوليوز–دجنبر 2025"
    with translation.override("fr"):
        assert periods[1].label == "janvier–juin 2025"
