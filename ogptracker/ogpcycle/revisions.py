"""A plan as adopted and as revised, and how far its commitments slipped.

A revision adds commitments, withdraws them, merges one into another or gives
one a new end date (`CommitmentRevision`). The plan as adopted is its
commitments less those a revision added; as revised, less those withdrawn or
merged. A commitment's slippage is the days from its end as adopted (its own,
else the plan's) to its latest revised end, and how many times it was
rescheduled; the plan's, the days from its planned end to its revised end.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from commitments import progress
from commitments.models import ActionPlan, Commitment
from ogptracker.common.counting import row_count

from .enums import LEAVES_THE_PLAN, RevisionChange
from .models import CommitmentRevision


@dataclass(frozen=True)
class Slippage:
    commitment: Commitment
    adopted_end: datetime.date
    revised_end: datetime.date
    times: int

    @property
    def days(self) -> int:
        return progress.slippage_days(self.adopted_end, self.revised_end)


@dataclass
class Revised:
    plan: ActionPlan
    adopted: list[Commitment]
    revised: list[Commitment]
    added: list[Commitment]
    withdrawn: list[Commitment]
    merged: list[tuple[Commitment, Commitment]]
    slippage: list[Slippage]

    @staticmethod
    def _rollup(commitments: list[Commitment]) -> progress.RollUp:
        return progress.roll_up(
            [
                (c.latest_percent, progress.usable_weight(c.weight_total, c.unweighted_activities))
                for c in commitments
            ]
        )

    @property
    def adopted_rollup(self) -> progress.RollUp:
        return self._rollup(self.adopted)

    @property
    def revised_rollup(self) -> progress.RollUp:
        return self._rollup(self.revised)

    @property
    def plan_days_late(self) -> int:
        return progress.slippage_days(self.plan.planned_end, self.plan.revised_end)

    @property
    def rescheduled(self) -> int:
        return sum(item.times for item in self.slippage)


def revise(
    plan: ActionPlan, commitments: Iterable[Commitment], changes: Iterable[CommitmentRevision]
) -> Revised:
    """The plan as adopted and as revised, from its commitments (`with_latest_progress`)
    and its revisions' changes (oldest first, with their revision)."""
    commitments = list(commitments)
    by_pk = {commitment.pk: commitment for commitment in commitments}
    added, left, merged = [], set(), []
    ends = defaultdict(list)
    for change in changes:
        commitment = by_pk.get(change.commitment_id)
        if commitment is None or (change.merged_into_id and change.merged_into_id not in by_pk):
            continue  # Of another plan: the model refuses it, an old row may hold it.
        if change.change == RevisionChange.ADDED:
            added.append(commitment)
        elif change.change in LEAVES_THE_PLAN:
            left.add(commitment.pk)
            if change.change == RevisionChange.MERGED:
                merged.append((commitment, by_pk[change.merged_into_id]))
        else:
            ends[commitment.pk].append(change.revised_end)
    added_pks = {commitment.pk for commitment in added}
    merged_pks = {commitment.pk for commitment, _into in merged}
    slippage = [
        Slippage(
            by_pk[pk],
            by_pk[pk].end_date or plan.planned_end,
            revised_ends[-1],
            len(revised_ends),
        )
        for pk, revised_ends in ends.items()
    ]
    return Revised(
        plan=plan,
        adopted=[c for c in commitments if c.pk not in added_pks],
        revised=[c for c in commitments if c.pk not in left],
        added=added,
        withdrawn=[c for c in commitments if c.pk in left and c.pk not in merged_pks],
        merged=merged,
        slippage=sorted(slippage, key=lambda item: item.commitment.number),
    )


def changes_of(plan: ActionPlan) -> "QuerySet[CommitmentRevision]":
    return (
        CommitmentRevision.objects.filter(revision__plan=plan)
        .select_related("revision")
        .order_by("revision__date", "revision_id", "pk")
    )


def with_left_plan(commitments: "QuerySet[Commitment]") -> "QuerySet[Commitment]":
    """Each commitment with `left_by`: the change (withdrawn or merged) by which a revision
    took it out of the plan as revised, or None while it is in force."""
    left = (
        CommitmentRevision.objects.filter(commitment=OuterRef("pk"), change__in=LEAVES_THE_PLAN)
        .order_by("-revision__date", "-pk")
        .values("change")[:1]
    )
    return commitments.annotate(left_by=Subquery(left))


def with_revision_marks(commitments: "QuerySet[Commitment]") -> "QuerySet[Commitment]":
    """`with_left_plan`, and whether a revision added each commitment (`added_at_revision`),
    its end as last rescheduled (`rescheduled_end`) and how many times (`times_rescheduled`)."""
    changes = CommitmentRevision.objects.filter(commitment=OuterRef("pk"))
    rescheduled = changes.filter(change=RevisionChange.RESCHEDULED)
    return with_left_plan(commitments).annotate(
        added_at_revision=Exists(changes.filter(change=RevisionChange.ADDED)),
        rescheduled_end=Subquery(
            rescheduled.order_by("-revision__date", "-pk").values("revised_end")[:1]
        ),
        times_rescheduled=row_count(
            CommitmentRevision.objects.filter(change=RevisionChange.RESCHEDULED), "commitment"
        ),
    )
