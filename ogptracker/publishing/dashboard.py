"""What the public pages show, built from rows the views have already loaded.

Nothing here queries the database: the views load each list once (see the
query-count tests) and these functions group, flag and roll it up.
"""

import datetime
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from commitments import progress
from commitments.models import ActionPlan, Commitment, PlanProgress
from ogptracker.civilsociety.side_by_side import side_by_side
from ogptracker.ogpcycle.enums import RevisionChange


def flag_commitment(commitment: Commitment, today: datetime.date) -> Commitment:
    """Attach the figures the public lists show to a row of `for_dashboard()` (and of
    `revisions.with_left_plan()`, which says whether a revision took it out of its plan)."""
    end = commitment.end_date or commitment.plan.end
    commitment.weight = progress.usable_weight(
        commitment.weight_total, commitment.unweighted_activities
    )
    left_by = getattr(commitment, "left_by", None)
    commitment.in_force = left_by is None
    commitment.left_label = RevisionChange(left_by).label if left_by else ""
    if not commitment.in_force:
        # Neither late nor stalled: it is no longer the plan's to carry out.
        commitment.flags = ()
        return commitment
    commitment.flags = progress.commitment_flags(
        percent=commitment.latest_percent,
        previous_percent=commitment.previous_percent,
        no_progress=commitment.latest_no_progress,
        platform_status=commitment.latest_platform_status,
        end_date=end,
        today=today,
    )
    # Civil society's latest figure, on lists annotated by `with_latest_assessment`.
    commitment.civil_society = side_by_side(commitment)
    return commitment


class RolledUp:
    """The roll-up and the flag counts of `self.commitments` (flagged rows) in force: those a
    revision withdrew or merged into another are listed but no longer counted."""

    @property
    def in_force(self) -> list[Commitment]:
        return [c for c in self.commitments if c.in_force]

    @property
    def left(self) -> list[Commitment]:
        return [c for c in self.commitments if not c.in_force]

    @property
    def rollup(self) -> progress.RollUp:
        return progress.roll_up([(c.latest_percent, c.weight) for c in self.in_force])

    @property
    def counts(self) -> progress.FlagCounts:
        return progress.count_flags(c.flags for c in self.in_force)


@dataclass
class Group(RolledUp):
    """Commitments sharing an axis, an institution or a plan, with their roll-up."""

    key: object
    label: str
    commitments: list = field(default_factory=list)


def group_by(
    commitments: Iterable[Commitment],
    key: Callable[[Commitment], Hashable],
    label: Callable[[Commitment], str],
) -> list[Group]:
    groups = {}
    for commitment in commitments:
        group_key = key(commitment)
        if group_key not in groups:
            groups[group_key] = Group(group_key, label(commitment))
        groups[group_key].commitments.append(commitment)
    return list(groups.values())


@dataclass
class PlanSummary(RolledUp):
    plan: object
    commitments: list
    committee_record: object = None

    @property
    def has_civil_society(self) -> bool:
        return any(getattr(c, "civil_society", None) for c in self.commitments)

    @property
    def last_update(self) -> datetime.date | None:
        dates = [c.latest_date for c in self.commitments if c.latest_date]
        return max(dates, default=None)


def summarise_plans(
    plans: Iterable[ActionPlan],
    commitments: Iterable[Commitment],
    records: Iterable[PlanProgress],
    today: datetime.date,
) -> list[PlanSummary]:
    """One summary a plan; `records` are public PlanProgress rows, newest first per plan."""
    by_plan = {plan.pk: PlanSummary(plan, []) for plan in plans}
    for commitment in commitments:
        by_plan[commitment.plan_id].commitments.append(flag_commitment(commitment, today))
    for record in records:
        summary = by_plan.get(record.plan_id)
        if summary and summary.committee_record is None:
            summary.committee_record = record
    return list(by_plan.values())


SORTS = {
    "number": lambda c: c.number,
    "progress": lambda c: (-(c.latest_percent if c.latest_percent is not None else -1), c.number),
    "updated": lambda c: (-(c.latest_date.toordinal() if c.latest_date else 0), c.number),
}
DEFAULT_SORT = "number"


def sort_commitments(
    commitments: Iterable[Commitment], sort: str | None
) -> tuple[list[Commitment], str]:
    """Commitments in the order asked for; an unknown order falls back to the number."""
    sort = sort if sort in SORTS else DEFAULT_SORT
    return sorted(commitments, key=SORTS[sort]), sort
