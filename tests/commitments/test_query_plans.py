"""The hot queries can use their indexes (PostgreSQL EXPLAIN).

The test tables are tiny, so sequential scans are switched off for the
transaction: the plan then shows whether an index serves the query at all.
"""

import pytest
from django.db import connection

from commitments.models import Commitment, ProgressSnapshot
from tests.factories import make_commitment, make_meeting, make_snapshot


def explain(queryset):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


@pytest.fixture
def history(db):
    meeting = make_meeting()
    for _ in range(3):
        commitment = make_commitment()
        for month in range(1, 7):
            make_snapshot(
                commitment, percent=month * 10, date=f"2020-{month:02d}-15", meeting=meeting
            )
    return meeting


def test_latest_published_snapshot_per_commitment_uses_snapshot_latest_idx(history):
    plan = explain(Commitment.objects.with_latest_progress())

    assert "Index Scan using snapshot_latest_idx on commitments_progresssnapshot" in plan
    assert "Seq Scan on commitments_progresssnapshot" not in plan


def test_snapshots_of_a_meeting_use_the_meeting_index(history):
    plan = explain(ProgressSnapshot.objects.filter(meeting=history))

    assert "commitments_progresssnapshot_meeting_id" in plan
    assert "Seq Scan on commitments_progresssnapshot" not in plan
