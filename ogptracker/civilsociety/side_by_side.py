"""Civil society's latest figure beside the official one, for lists of commitments.

`with_latest_assessment` annotates a list of commitments in its own query
(subqueries, so the dashboard stays one query however many commitments it
holds); `side_by_side` reads those annotations into what the pages show.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from commitments.models import Commitment
from ogptracker.ogpcycle.enums import Completion

from .gap import gap, is_flagged
from .models import Assessment
from .periods import Period

ANNOTATIONS = ("percent", "completion", "period_end", "official_percent")


def with_latest_assessment(
    commitments: QuerySet[Commitment], until: datetime.date | None = None
) -> QuerySet[Commitment]:
    """Annotate each commitment with its latest civil-society assessment (latest period,
    then latest saved; of a half-year ending by `until` if given) and the official
    figure published by the end of that period."""
    latest = Assessment.objects.filter(commitment=OuterRef("pk"))
    if until is not None:
        latest = latest.filter(period_end__lte=until)
    latest = latest.with_official_figure().order_by("-period_end", "-updated_at", "-pk")
    return commitments.annotate(
        **{f"civil_society_{name}": Subquery(latest.values(name)[:1]) for name in ANNOTATIONS},
        civil_society_forum=Subquery(latest.values("forum__name")[:1]),
    )


@dataclass(frozen=True)
class SideBySide:
    percent: int
    completion: str
    period: Period
    forum: str
    official: int | Decimal | None

    @property
    def completion_label(self) -> str:
        return Completion(self.completion).label

    @property
    def gap(self) -> int | Decimal | None:
        return gap(self.percent, self.official)

    @property
    def gap_points(self) -> int | Decimal | None:
        return None if self.gap is None else abs(self.gap)

    @property
    def flagged(self) -> bool:
        return is_flagged(self.gap)


def side_by_side(commitment: Commitment) -> SideBySide | None:
    """What a row of `with_latest_assessment` says, or None without an assessment."""
    percent = getattr(commitment, "civil_society_percent", None)
    if percent is None:
        return None
    end = commitment.civil_society_period_end
    if isinstance(end, str):
        end = datetime.date.fromisoformat(end)
    return SideBySide(
        percent=percent,
        completion=commitment.civil_society_completion,
        period=Period(end),
        forum=commitment.civil_society_forum,
        official=commitment.civil_society_official_percent,
    )


def plan_views(commitments: QuerySet[Commitment], until: datetime.date | None = None):
    """By commitment id, civil society's latest view of each of `commitments` it
    assessed (by `until`), as `side_by_side` reads it: one query."""
    rows = with_latest_assessment(commitments.order_by(), until)
    return {
        commitment.pk: side_by_side(commitment)
        for commitment in rows.filter(civil_society_percent__isnull=False)
    }
