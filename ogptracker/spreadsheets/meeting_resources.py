"""Spreadsheet import and export of committees, meetings and what their minutes record.

A meeting is known by its committee's kind, its plan and its date; its
participants by name, its agenda items and next steps by their order.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from import_export.results import Result
from tablib import Dataset

from commitments.enums import MeetingStatus
from meetings.cycle import publish_meeting
from meetings.enums import CommitteeKind
from meetings.models import AgendaItem, Committee, Meeting, Membership, NextStep, Participant
from ogptracker.common.cells import ChoiceWidget, Field, KeyWidget, model_fields
from ogptracker.common.languages import translated

from . import keys
from .plan_resources import plan_field, resource


class CommitteeWidget(KeyWidget):
    """A committee by its kind and the row's ``plan`` cell (empty for one serving every plan)."""

    def __init__(self):
        super().__init__(render=lambda committee: committee.kind)
        self.kinds = ChoiceWidget(CommitteeKind)

    @property
    def expected(self) -> str:
        return self.kinds.expected

    def render(self, value: Committee | None, obj: Any = None, **kwargs: Any) -> Any:
        if value is not None and kwargs.get("labels"):
            return str(CommitteeKind(value.kind).label)
        return super().render(value, obj, **kwargs)

    def key(self, value: Any, row: Mapping[str, Any]) -> tuple[str | None, int | None]:
        return (self.kinds.clean(value), keys.plan_cell(row))

    def resolve(self, key: tuple[str | None, int | None]) -> Committee | None:
        kind, plan = key
        if plan is None:
            return Committee.objects.filter(kind=kind, plan__isnull=True).first()
        return Committee.objects.filter(kind=kind, plan__number=plan).first()

    def missing(self, key: tuple[str | None, int | None]) -> str:
        kind, plan = key
        return _("Action plan %(plan)s has no %(committee)s.") % {
            "plan": plan if plan is not None else "—",
            "committee": CommitteeKind(kind).label,
        }


def committee_plan_field(attribute: str) -> Field:
    return Field(
        attribute=attribute,
        column_name="plan",
        widget=keys.PlanWidget(),
        readonly=True,
        label=_("action plan number"),
    )


def meeting_key_fields() -> dict[str, Field]:
    """The three cells naming a meeting: committee kind, plan and date."""
    return {
        "committee": Field(
            attribute="meeting__committee__kind",
            column_name="committee",
            readonly=True,
            label=_("committee"),
        ),
        "plan": committee_plan_field("meeting__committee__plan"),
        "meeting": Field(
            attribute="meeting",
            column_name="meeting",
            widget=keys.MeetingWidget(),
            label=_("meeting date"),
        ),
    }


MEETING_ORDER = ["meeting__date", "meeting__committee__kind", "meeting__pk"]
MEETING_RELATED = ["meeting__committee__plan"]

CommitteeResource = resource(
    Committee,
    {
        "plan": plan_field(),
        **model_fields(Committee, ["kind"]),
        **model_fields(Committee, translated("name")),
    },
    import_id_fields=["plan", "kind"],
    ordering=["plan__number", "kind"],
    related=["plan"],
)


class PublishesThroughTheCycle:
    """A meeting a file publishes (new, or a draft until now) is saved as a draft, then
    published by the reporting cycle with its status table (meetings/cycle.py)."""

    def before_import(self, dataset: Dataset, **kwargs: Any) -> None:
        super().before_import(dataset, **kwargs)
        self.to_publish = []

    def before_save_instance(
        self, instance: Meeting, row: Mapping[str, Any], **kwargs: Any
    ) -> None:
        super().before_save_instance(instance, row, **kwargs)
        if instance.status != MeetingStatus.PUBLISHED:
            return
        saved = Meeting.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
        if saved != MeetingStatus.PUBLISHED:
            instance.status = MeetingStatus.DRAFT
            self.to_publish.append(instance)

    def after_save_instance(self, instance: Meeting, row: Mapping[str, Any], **kwargs: Any) -> None:
        super().after_save_instance(instance, row, **kwargs)
        if instance in self.to_publish:
            # What the file asks, for the preview; the cycle publishes it after the file.
            instance.status = MeetingStatus.PUBLISHED

    def after_import(self, dataset: Dataset, result: Result, **kwargs: Any) -> None:
        super().after_import(dataset, result, **kwargs)
        for meeting in self.to_publish:
            # A restore brings back what was published already: nobody is told again.
            publish_meeting(meeting, self.user, announce=not self.restore)


MeetingResource = resource(
    Meeting,
    {
        "committee": Field(
            attribute="committee",
            column_name="committee",
            widget=CommitteeWidget(),
            label=_("committee"),
        ),
        "plan": committee_plan_field("committee__plan"),
        **model_fields(Meeting, ["date", "sequence"]),
        **model_fields(Meeting, translated("title")),
        **model_fields(Meeting, ["start_time", "format"]),
        **model_fields(Meeting, translated("place")),
        **model_fields(Meeting, ["status"]),
    },
    import_id_fields=["committee", "date"],
    ordering=["date", "committee__kind", "pk"],
    related=["committee__plan"],
    mixins=[PublishesThroughTheCycle],
)

ParticipantResource = resource(
    Participant,
    {
        **meeting_key_fields(),
        **model_fields(Participant, ["order"]),
        **model_fields(Participant, translated("group")),
        **model_fields(Participant, ["honorific", "name"]),
        **model_fields(Participant, translated("function", "organisation")),
        **model_fields(Participant, ["role", "attendance"]),
        "commitments": Field(
            attribute="commitments",
            column_name="commitments",
            widget=keys.CommitmentsWidget(),
            label=_("commitments in charge (numbers)"),
        ),
        "user": Field(
            attribute="user",
            column_name="user",
            widget=keys.UserWidget(),
            label=_("user account (username)"),
        ),
    },
    import_id_fields=["meeting", "name"],
    ordering=[*MEETING_ORDER, "order", "pk"],
    related=[*MEETING_RELATED, "user"],
    prefetch=["commitments"],
)

MembershipResource = resource(
    Membership,
    {
        "committee": Field(
            attribute="committee",
            column_name="committee",
            widget=CommitteeWidget(),
            label=_("committee"),
        ),
        "plan": committee_plan_field("committee__plan"),
        **model_fields(Membership, ["order"]),
        **model_fields(Membership, translated("group")),
        **model_fields(Membership, ["honorific", "name"]),
        **model_fields(Membership, translated("function", "organisation")),
        **model_fields(Membership, ["role"]),
        "commitments": Field(
            attribute="commitments",
            column_name="commitments",
            widget=keys.CommitmentsWidget(),
            label=_("commitments in charge (numbers)"),
        ),
        "user": Field(
            attribute="user",
            column_name="user",
            widget=keys.UserWidget(),
            label=_("user account (username)"),
        ),
        **model_fields(Membership, ["start_date", "end_date"]),
    },
    import_id_fields=["committee", "name", "start_date"],
    ordering=["committee__plan__number", "committee__kind", "order", "pk"],
    related=["committee__plan", "user"],
    prefetch=["commitments"],
)

AgendaItemResource = resource(
    AgendaItem,
    {
        **meeting_key_fields(),
        **model_fields(AgendaItem, ["order"]),
        **model_fields(AgendaItem, translated("title", "body", "bullets")),
    },
    import_id_fields=["meeting", "order"],
    ordering=[*MEETING_ORDER, "order"],
    related=MEETING_RELATED,
)

NextStepResource = resource(
    NextStep,
    {
        **meeting_key_fields(),
        **model_fields(NextStep, ["order"]),
        **model_fields(NextStep, translated("text")),
        **model_fields(NextStep, ["owner", "due_date", "status"]),
        "closed_at": Field(
            attribute="closed_at",
            column_name="closed_at",
            widget=keys.MeetingWidget(),
            label=_("closed at the meeting of"),
        ),
    },
    import_id_fields=["meeting", "order"],
    ordering=[*MEETING_ORDER, "order"],
    related=[*MEETING_RELATED, "closed_at"],
)
