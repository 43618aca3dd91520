"""Spreadsheets of the rest of the OGP cycle: a plan's revisions and what each did to its
commitments, the commitments' OGP template fields, and the public's comments on a
self-assessment report's draft.

A revision is named by its plan and its date (one revision a day per plan); the
next step it follows by its minutes' committee, plan and date and its number in
those minutes, as the minutes print it.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.enums import CommitteeKind
from meetings.models import NextStep
from ogptracker.common.cells import (
    ChoiceWidget,
    DateWidget,
    Field,
    KeyWidget,
    cell_number,
    model_fields,
)
from ogptracker.common.languages import translated
from ogptracker.ogpcycle.enums import SelfAssessmentKind
from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    CommitmentRevision,
    PlanRevision,
    SelfAssessmentComment,
    SelfAssessmentReport,
)
from ogptracker.ogpcycle.translation import DESIGN_TEXTS

from . import keys
from .plan_resources import commitment_field, plan_field, resource


class NextStepWidget(KeyWidget):
    """A next step by its number in the minutes of the row's committee, plan and date."""

    expected = gettext_lazy("the number of a next step in the minutes of the row's meeting")

    def __init__(self):
        super().__init__(render=lambda step: step.order)
        self.meetings = keys.MeetingWidget()

    def key(self, value: Any, row: Mapping[str, Any]) -> tuple:
        # The meeting's key (committee kind, plan, date) from the row, then the number.
        return (*self.meetings.key(row.get("meeting"), row), cell_number(value))

    def resolve(self, key: tuple) -> NextStep | None:
        *meeting_key, order = key
        meeting = self.meetings.resolve(tuple(meeting_key))
        return meeting.next_steps.filter(order=order).first() if meeting else None

    def missing(self, key: tuple) -> str:
        kind, plan, date, order = key
        return _(
            "The minutes of the %(committee)s of plan %(plan)s on %(date)s have no next "
            "step number %(order)s."
        ) % {
            "committee": CommitteeKind(kind).label if kind else "?",
            "plan": plan if plan is not None else "—",
            "date": date.isoformat() if date else "?",
            "order": order,
        }


class RevisionWidget(KeyWidget):
    """A plan's revision by the row's plan and the revision's date."""

    expected = gettext_lazy("the date of a revision of the row's action plan")

    def __init__(self):
        super().__init__(render=lambda revision: revision.date)

    def key(self, value: Any, row: Mapping[str, Any]) -> tuple:
        return (keys.plan_cell(row), DateWidget().clean(value))

    def resolve(self, key: tuple) -> PlanRevision | None:
        plan, date = key
        return PlanRevision.objects.filter(plan__number=plan, date=date).first()

    def missing(self, key: tuple) -> str:
        plan, date = key
        return _("Action plan %(plan)s has no revision dated %(date)s.") % {
            "plan": plan if plan is not None else "—",
            "date": date.isoformat(),
        }


class SelfAssessmentWidget(KeyWidget):
    """A self-assessment report by the row's plan and its kind (mid-term, end-of-term)."""

    expected = gettext_lazy("the kind of a self-assessment report of the row's action plan")

    def __init__(self):
        super().__init__(render=lambda report: report.kind)
        self.kinds = ChoiceWidget(SelfAssessmentKind)

    def key(self, value: Any, row: Mapping[str, Any]) -> tuple:
        return (keys.plan_cell(row), self.kinds.clean(value))

    def resolve(self, key: tuple) -> SelfAssessmentReport | None:
        plan, kind = key
        return SelfAssessmentReport.objects.filter(plan__number=plan, kind=kind).first()

    def missing(self, key: tuple) -> str:
        plan, kind = key
        return _("Action plan %(plan)s has no %(report)s.") % {
            "plan": plan if plan is not None else "—",
            "report": SelfAssessmentKind(kind).label if kind else "?",
        }


PlanRevisionResource = resource(
    PlanRevision,
    {
        "plan": plan_field(),
        **model_fields(PlanRevision, ["date", "reason"]),
        "committee": Field(
            attribute="next_step__meeting__committee__kind",
            column_name="committee",
            readonly=True,
            label=gettext_lazy("committee"),
        ),
        "meeting": Field(
            attribute="next_step__meeting__date",
            column_name="meeting",
            readonly=True,
            label=gettext_lazy("meeting date"),
        ),
        "next_step": Field(
            attribute="next_step",
            column_name="next_step",
            widget=NextStepWidget(),
            label=gettext_lazy("next step (its number in the minutes)"),
        ),
    },
    import_id_fields=["plan", "date"],
    ordering=["plan__number", "date"],
    related=["plan", "next_step__meeting__committee"],
)

CommitmentRevisionResource = resource(
    CommitmentRevision,
    {
        "plan": plan_field("revision__plan"),
        "revision": Field(
            attribute="revision",
            column_name="revision",
            widget=RevisionWidget(),
            label=gettext_lazy("revision date"),
        ),
        "commitment": commitment_field(),
        **model_fields(CommitmentRevision, ["change"]),
        "merged_into": Field(
            attribute="merged_into",
            column_name="merged_into",
            widget=keys.CommitmentWidget(),
            label=gettext_lazy("merged into (commitment number)"),
        ),
        **model_fields(CommitmentRevision, ["revised_end"]),
    },
    import_id_fields=["revision", "commitment"],
    ordering=["revision__plan__number", "revision__date", "commitment__number"],
    related=["revision__plan", "commitment", "merged_into"],
)

CommitmentDesignResource = resource(
    CommitmentDesign,
    {
        "plan": plan_field("commitment__plan"),
        "commitment": commitment_field(),
        **model_fields(CommitmentDesign, translated(*DESIGN_TEXTS[:3])),
        **model_fields(CommitmentDesign, ["budget_planned", "budget_secured"]),
        **model_fields(CommitmentDesign, translated(*DESIGN_TEXTS[3:4])),
        **model_fields(CommitmentDesign, ["sdg_targets"]),
        **model_fields(CommitmentDesign, translated(*DESIGN_TEXTS[4:])),
    },
    import_id_fields=["commitment"],
    ordering=["commitment__plan__number", "commitment__number"],
    related=["commitment__plan"],
)

SelfAssessmentCommentResource = resource(
    SelfAssessmentComment,
    {
        "plan": plan_field("report__plan"),
        "report": Field(
            attribute="report",
            column_name="report",
            widget=SelfAssessmentWidget(),
            label=gettext_lazy("self-assessment report"),
        ),
        **model_fields(SelfAssessmentComment, ["name", "organisation", "text"]),
    },
    # A backup restores every comment as a new row; no spreadsheet updates one.
    import_id_fields=["report"],
    ordering=["report__plan__number", "report__kind", "created_at", "pk"],
    related=["report__plan"],
)
