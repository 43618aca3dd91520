"""What the next meeting takes from the previous one and from the leads' reports.

The same project leads and representatives sit on a committee from one
meeting to the next; the secretariat removes whoever is absent. The status
table's rows copy the figures and texts of a report or of a previous row.
`meetings/cycle.py` (`prepare_next_meeting`) puts these together.
"""

import datetime
from typing import Any

from commitments.enums import MeetingStatus
from commitments.models import ProgressReport

from .models import Meeting, Membership, Participant

# Copied with every language's column, so translations typed once carry over.
COPIED_REPORT_FIELDS = [
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


def new_meeting_after(source: Meeting, date: datetime.date) -> Meeting:
    """An unsaved draft meeting of `source`'s committee on `date`, numbered after it."""
    return Meeting(
        committee_id=source.committee_id,
        sequence=source.sequence + 1 if source.sequence else None,
        date=date,
        status=MeetingStatus.DRAFT,
        **{name: getattr(source, name) for name in _with_languages(Meeting, COPIED_MEETING_FIELDS)},
    )


def row_values(origin: ProgressReport) -> dict[str, Any]:
    """What a status row takes from the report or row it is prepared from."""
    return {
        name: getattr(origin, name)
        for name in _with_languages(ProgressReport, COPIED_REPORT_FIELDS)
    }


def copy_participants(source: Meeting, meeting: Meeting) -> list[Participant]:
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


# What a membership and a participant share: who, in which role, for whom.
MEMBER_FIELDS = [
    "order",
    "group",
    "honorific",
    "name",
    "function",
    "organisation",
    "role",
    "user_id",
]


def membership_from(participant: Participant) -> dict[str, Any]:
    """A standing membership's values from a participant of its committee's minutes."""
    values = {
        name: getattr(participant, name) for name in _with_languages(Participant, MEMBER_FIELDS)
    }
    values["commitments"] = list(participant.commitments.all())
    return values


def participant_from(member: Membership) -> dict[str, Any]:
    """A meeting participant's values from the committee member who attends (or is excused)."""
    return {name: getattr(member, name) for name in _with_languages(Membership, MEMBER_FIELDS)}
