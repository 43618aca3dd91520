"""Publishing a meeting publishes the status table its minutes print."""

from django.utils import timezone

from commitments.enums import SnapshotStatus


def publish_status_table(meeting, user):
    """Publish the meeting's draft rows; return how many.

    The copied table starts as drafts so nothing shows before the meeting is
    published; once it is, its rows are the committee's record and each
    commitment's current figure. Reports still with the review queue stay there.
    """
    drafts = list(meeting.snapshots.filter(status=SnapshotStatus.DRAFT))
    now = timezone.now()
    for snapshot in drafts:
        snapshot.status = SnapshotStatus.PUBLISHED
        snapshot.published_at = now
        snapshot._history_user = user
        snapshot._change_reason = "Published with the meeting's minutes"
        # One save per row so each enters the change history.
        snapshot.save(update_fields=["status", "published_at", "updated_at"])
    return len(drafts)
