import datetime

import pytest

from commitments.models import Commitment
from tests.factories import make_activity, make_commitment, make_plan, make_report

pytestmark = pytest.mark.django_db


def test_with_latest_progress_annotates_the_figures_the_flags_need():
    commitment = make_commitment()
    make_report(commitment, 40, date=datetime.date(2019, 12, 1), platform_status="yes")
    make_report(
        commitment, 40, date=datetime.date(2020, 6, 17), platform_status="no", no_progress=True
    )
    make_report(commitment, 70, date=datetime.date(2020, 9, 1), status="returned")

    row = Commitment.objects.with_latest_progress().get(pk=commitment.pk)

    assert (
        row.latest_percent,
        row.latest_date,
        row.previous_percent,
        row.latest_no_progress,
        row.latest_platform_status,
    ) == (40, datetime.date(2020, 6, 17), 40, True, "no")


def test_with_latest_progress_sums_activity_weights_and_counts_unweighted_ones():
    weighted, partly, bare = make_commitment(), make_commitment(), make_commitment()
    make_activity(weighted, 1, weight=2)
    make_activity(weighted, 2, weight=3)
    make_activity(partly, 1, weight=2)
    make_activity(partly, 2)

    rows = Commitment.objects.with_latest_progress().filter(
        pk__in=[weighted.pk, partly.pk, bare.pk]
    )

    assert sorted((r.pk, r.weight_total, r.unweighted_activities) for r in rows) == [
        (weighted.pk, 5, 0),
        (partly.pk, 2, 1),
        (bare.pk, None, 0),
    ]


def test_for_dashboard_is_one_query_for_one_or_many_commitments(django_assert_num_queries):
    plan = make_plan()
    make_report(make_commitment(plan), 10)
    with django_assert_num_queries(1):
        rows = list(plan.commitments.for_dashboard())
        assert [(r.lead_institution.name != "", r.axis, r.plan == plan) for r in rows] == [
            (True, None, True)
        ]

    for _ in range(30):
        commitment = make_commitment(plan)
        make_activity(commitment, 1, weight=1)
        make_report(commitment, 20)
    with django_assert_num_queries(1):
        rows = list(plan.commitments.for_dashboard())
        assert len({r.lead_institution.name for r in rows}) == 1
    assert len(rows) == 31
