"""Start the next meeting's status table from the previous one."""

from commitments.enums import SnapshotStatus
from commitments.models import ProgressSnapshot

from .enums import MeetingStatus
from .models import Meeting

# Copied with every language's column, so translations typed once carry over.
COPIED_SNAPSHOT_FIELDS = [
    "commitment_id",
    "percent",
    "no_progress",
    "platform_status",
    "narrative",
    "platform_note",
    "schedule",
]


def _with_languages(names):
    from modeltranslation.translator import translator

    translated = translator.get_options_for_model(ProgressSnapshot).all_fields
    expanded = []
    for name in names:
        if name in translated:
            expanded.extend(sorted(field.name for field in translated[name]))
        else:
            expanded.append(name)
    return expanded


def copy_status_table(source, *, date, author=None):
    """A draft meeting after `source`, and the draft copies of its status table's rows."""
    meeting = Meeting.objects.create(
        committee_id=source.committee_id,
        sequence=source.sequence + 1 if source.sequence else None,
        date=date,
        start_time=source.start_time,
        format=source.format,
        place=source.place,
        status=MeetingStatus.DRAFT,
    )
    fields = _with_languages(COPIED_SNAPSHOT_FIELDS)
    rows = source.snapshots.order_by("commitment__number", "pk")
    # One save per row (not bulk_create) so each copy enters the change history.
    copies = [
        ProgressSnapshot.objects.create(
            **{name: getattr(row, name) for name in fields},
            date=date,
            meeting=meeting,
            status=SnapshotStatus.DRAFT,
            author=author,
        )
        for row in rows
    ]
    return meeting, copies
