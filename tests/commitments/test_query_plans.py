"""The hot queries can use their indexes (PostgreSQL EXPLAIN).

The test tables hold a few hundred rows, freshly analysed, and sequential
scans are switched off for the transaction: the plan then shows which index
serves the query.
"""

import datetime

import pytest
from django.db import connection

from commitments.enums import ReportStatus
from commitments.models import Activity, Commitment, ProgressReport
from meetings.models import AgendaItem, NextStep
from ogptracker.publishing.search import search_commitments
from tests.factories import make_commitment, make_meeting, make_plan


def explain(queryset):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE commitments_progresssnapshot")
        cursor.execute("ANALYZE commitments_commitment")
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.fixture
def history(db):
    meeting = make_meeting()
    plan = make_plan()
    commitments = [make_commitment(plan=plan, number=n) for n in range(1, 21)]
    ProgressReport.objects.bulk_create(
        ProgressReport(
            commitment=commitment,
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * month),
            percent=month * 5,
            status=ReportStatus.PUBLISHED if month % 4 else ReportStatus.DRAFT,
            meeting=meeting if month == 19 else None,
        )
        for commitment in commitments
        for month in range(20)
    )
    return meeting


def test_latest_published_report_per_commitment_uses_snapshot_latest_idx(history):
    plan = explain(Commitment.objects.with_latest_progress())

    assert "using snapshot_latest_idx on commitments_progresssnapshot" in plan
    assert "Seq Scan on commitments_progresssnapshot" not in plan


def test_reports_of_a_meeting_use_the_meeting_index(history):
    plan = explain(ProgressReport.objects.filter(meeting=history))

    assert "commitments_progresssnapshot_meeting_id" in plan
    assert "Seq Scan on commitments_progresssnapshot" not in plan


@pytest.mark.parametrize(
    ("model", "index"),
    [
        (ProgressReport, "snapshot_search_trgm"),  # the search of minutes
        (AgendaItem, "agendaitem_search_trgm"),  # the search of minutes
        (NextStep, "nextstep_search_trgm"),  # the search of minutes
        (Activity, "activity_search_trgm"),  # the search of commitments
        (Commitment, "commitment_search_trgm"),  # the search of commitments
    ],
)
def test_searched_words_are_found_through_the_trigram_indexes(history, model, index):
    rows = model.objects.filter(search_text__contains="عروض").order_by()
    # Among a few hundred rows a walk through any other index is as cheap: only
    # bitmap scans, which need an index that serves the condition, are left.
    # At the benchmark's size the searches take these indexes by themselves
    # (bench/scale.py prints the plan of the search of minutes).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
    plan = explain(rows.values("pk"))

    assert f"Bitmap Index Scan on {index}" in plan
    assert f"Seq Scan on {model._meta.db_table}" not in plan


def test_search_of_commitments_reads_each_part_through_its_trigram_index(history):
    # An OR of the commitments' text with their activities' could not use an
    # index: each part is asked apart, as a set of ids.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
    plan = explain(search_commitments("عروض"))

    assert "Bitmap Index Scan on commitment_search_trgm" in plan
    assert "Bitmap Index Scan on commitment_title_trgm" in plan
    assert "Bitmap Index Scan on activity_search_trgm" in plan
