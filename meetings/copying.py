"""Start the next meeting from the previous one: its participants and its status table.

The same project leads and representatives sit on a committee from one
meeting to the next; the secretariat removes whoever is absent.
"""

from commitments.enums import SnapshotStatus
from commitments.models import ProgressSnapshot

from .enums import MeetingStatus
from .models import Meeting, Participant

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
COPIED_MEETING_FIELDS = ["start_time", "format", "place"]
COPIED_PARTICIPANT_FIELDS = [
    "order",
    "group",
    "honorific",
    "name",
    "function",
    "organisation",
    "role",
    "user_id",
]


def _with_languages(model, names):
    from modeltranslation.translator import translator

    translated = translator.get_options_for_model(model).all_fields
    expanded = []
    for name in names:
        if name in translated:
            expanded.extend(sorted(field.name for field in translated[name]))
        else:
            expanded.append(name)
    return expanded


def copy_status_table(source, *, date, author=None):
    """A draft meeting after `source` with its participants, and the draft copies
    of its status table's rows."""
    meeting = Meeting.objects.create(
        committee_id=source.committee_id,
        sequence=source.sequence + 1 if source.sequence else None,
        date=date,
        status=MeetingStatus.DRAFT,
        **{name: getattr(source, name) for name in _with_languages(Meeting, COPIED_MEETING_FIELDS)},
    )
    copy_participants(source, meeting)
    fields = _with_languages(ProgressSnapshot, COPIED_SNAPSHOT_FIELDS)
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


def copy_participants(source, meeting):
    """Copies of `source`'s participants in `meeting`, with the commitments they lead."""
    fields = _with_languages(Participant, COPIED_PARTICIPANT_FIELDS)
    copies = []
    for participant in source.participants.prefetch_related("commitments"):
        copy = Participant.objects.create(
            meeting=meeting, **{name: getattr(participant, name) for name in fields}
        )
        copy.commitments.set(participant.commitments.all())
        copies.append(copy)
    return copies
