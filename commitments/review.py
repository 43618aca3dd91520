"""The secretariat's decisions on a submitted progress report."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .enums import SnapshotStatus
from .models import Commitment, ProgressSnapshot


class ReviewRefused(Exception):
    pass


def as_tracked(snapshot):
    """The same row as a ProgressSnapshot: history is recorded for that class, not its proxies."""
    if type(snapshot) is ProgressSnapshot:
        return snapshot
    tracked = ProgressSnapshot()
    tracked.__dict__.update(snapshot.__dict__)
    return tracked


def _record(snapshot, user, reason):
    snapshot._history_user = user
    snapshot._change_reason = reason
    snapshot.save()
    # A lead's open form on this commitment is now stale: it must not overwrite the decision.
    Commitment.objects.filter(pk=snapshot.commitment_id).update(
        version=F("version") + 1, updated_at=timezone.now()
    )


@transaction.atomic
def approve(snapshot, user):
    snapshot = as_tracked(snapshot)
    if snapshot.status != SnapshotStatus.SUBMITTED:
        raise ReviewRefused
    snapshot.status = SnapshotStatus.PUBLISHED
    snapshot.published_at = timezone.now()
    _record(snapshot, user, "Approved and published")
    return snapshot


@transaction.atomic
def return_for_revision(snapshot, user, comment):
    snapshot = as_tracked(snapshot)
    comment = (comment or "").strip()
    if snapshot.status != SnapshotStatus.SUBMITTED or not comment:
        raise ReviewRefused
    snapshot.status = SnapshotStatus.RETURNED
    snapshot.review_comment = comment
    _record(snapshot, user, "Returned for revision")
    return snapshot
