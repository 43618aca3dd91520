"""The government's self-assessment report of a plan, built from the tracked data.

OGP asks for one at mid-term and one at the end of the term. Its parts are
the process (the committees' meetings, with their minutes), progress overall,
per axis and per commitment (activities, dates, slippage, evidence, the
IRM's judgements) and the next steps still open. The mid-term report counts
what was published up to the plan's midpoint; the end-of-term report
everything published. The page, the PDF and the DOCX read the same object.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from commitments import progress
from commitments.models import (
    ActionPlan,
    Activity,
    Axis,
    Commitment,
    PlanProgress,
    ProgressReport,
)
from meetings.models import Meeting, NextStep

from .enums import FIELD_LABELS, SelfAssessmentKind
from .irm import latest_judgements
from .models import IRMAssessment, irm_era


@dataclass
class CommitmentPart:
    commitment: Commitment
    percent: int | None
    reported_on: datetime.date | None
    activities: list[Activity]
    evidence: list[str]
    irm: dict[str, str]

    @property
    def slipped_activities(self) -> int:
        return sum(1 for activity in self.activities if activity.slippage > 0)


@dataclass
class AxisPart:
    # The plan's axis; None for its commitments without one.
    source: Axis | None
    commitments: list[CommitmentPart]

    @property
    def title(self) -> str:
        return self.source.title if self.source else ""

    @property
    def rollup(self) -> progress.RollUp:
        return progress.roll_up(
            [(part.percent, part.commitment.weight) for part in self.commitments]
        )


@dataclass
class SelfAssessment:
    plan: ActionPlan
    kind: SelfAssessmentKind
    # Published data dated up to this day; None: everything published.
    until: datetime.date | None
    meetings: list[Meeting]
    committee_figure: PlanProgress | None
    axes: list[AxisPart]
    next_steps: list[NextStep]
    irm_labels: dict[str, str] = field(default_factory=dict)

    @property
    def commitments(self) -> list[CommitmentPart]:
        return [part for axis in self.axes for part in axis.commitments]

    @property
    def rollup(self) -> progress.RollUp:
        return progress.roll_up([(p.percent, p.commitment.weight) for p in self.commitments])

    @property
    def percent(self) -> Decimal | None:
        return self.rollup.percent


def midpoint(plan: ActionPlan) -> datetime.date:
    return plan.start + (plan.end - plan.start) / 2


def build(plan: ActionPlan, kind: SelfAssessmentKind) -> SelfAssessment:
    """Everything the report says, in eight queries whatever the plan's size."""
    until = midpoint(plan) if kind == SelfAssessmentKind.MID_TERM else None
    dated = {"date__lte": until} if until else {}
    figures = (
        ProgressReport.objects.figures()
        .filter(commitment__plan=plan, **dated)
        .order_by("commitment_id", "date", "pk")
        .prefetch_related("evidence")
    )
    latest = {}
    for report in figures:
        latest[report.commitment_id] = report
    commitments = (
        plan.commitments.select_related("axis", "lead_institution")
        .prefetch_related(
            Prefetch("activities", queryset=Activity.objects.order_by("number")),
            Prefetch(
                "irm_assessments",
                queryset=IRMAssessment.objects.order_by("report_date", "pk"),
                to_attr="irm_list",
            ),
        )
        .order_by("axis__number", "number")
    )
    era = irm_era(plan)
    by_axis = defaultdict(list)
    axes = {}
    for commitment in commitments:
        activities = list(commitment.activities.all())
        for activity in activities:
            activity.slippage = progress.slippage_days(activity.planned_end, activity.revised_end)
        weights = [activity.weight for activity in activities]
        commitment.weight = progress.usable_weight(
            sum(weight or 0 for weight in weights) if activities else None,
            weights.count(None),
        )
        report = latest.get(commitment.pk)
        judgements = latest_judgements(commitment.irm_list).get(commitment.pk, {})
        by_axis[commitment.axis_id].append(
            CommitmentPart(
                commitment=commitment,
                percent=report.percent if report else None,
                reported_on=report.date if report else None,
                activities=activities,
                evidence=[item.description or item.file.name for item in report.evidence.all()]
                if report
                else [],
                irm=_irm_labels(judgements),
            )
        )
        axes[commitment.axis_id] = commitment.axis
    meetings = (
        Meeting.objects.published()
        .filter(committee__plan=plan, **dated)
        .select_related("committee")
        .order_by("date", "pk")
    )
    records = PlanProgress.objects.public().filter(plan=plan, **dated).order_by("-date", "-pk")
    return SelfAssessment(
        plan=plan,
        kind=kind,
        until=until,
        meetings=list(meetings),
        committee_figure=records.first(),
        axes=[AxisPart(axes[axis], parts) for axis, parts in by_axis.items()],
        next_steps=list(NextStep.objects.open_in_plan(plan)),
        irm_labels={name: str(label) for name, label in FIELD_LABELS[era].items()},
    )


def _irm_labels(judgements):
    """The IRM's latest judgements of a commitment, as their labels."""
    labels = {}
    for name in ("potential_impact", "completion", "early_results"):
        value = judgements.get(name)
        if value:
            labels[name] = str(dict(IRMAssessment._meta.get_field(name).choices)[value])
    if judgements.get("starred"):
        labels["starred"] = "★"
    return labels
