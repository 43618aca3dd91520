"""Keep `Meeting.updated_at` moving when what its minutes print changes without a history row;
and what the reporting cycle tells the layers above it about meetings.

`minutes_published` and `meeting_scheduled` are sent by `meetings/cycle.py` once
its transaction commits; the packages above connect to them without the cycle
knowing them (the followers' notices, ogptracker/participation).
"""

from typing import Any

from django.db.models import Model
from django.db.models.signals import m2m_changed
from django.dispatch import Signal
from django.utils import timezone

# A meeting's minutes were published: `meeting`, and `rows`, its status table's rows.
minutes_published = Signal()
# A meeting dated today or later was set, or its date, time or place changed: `meeting`.
meeting_scheduled = Signal()


def touch_meeting_of_participant(
    sender: type[Model],
    instance: Model,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    # A clear is caught before it happens, while its rows can still be found.
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    from .models import Meeting, Participant

    if reverse:
        # Edited from the commitment's side: `pk_set` holds participants.
        if action == "pre_clear":
            participants = Participant.objects.filter(commitments=instance)
        else:
            participants = Participant.objects.filter(pk__in=pk_set or ())
        meeting_ids = participants.values("meeting_id")
    else:
        meeting_ids = [instance.meeting_id]
    Meeting.objects.filter(pk__in=meeting_ids).update(updated_at=timezone.now())


def connect() -> None:
    from .models import Participant

    m2m_changed.connect(
        touch_meeting_of_participant,
        sender=Participant.commitments.through,
        dispatch_uid="meetings.touch_meeting_of_participant",
    )
