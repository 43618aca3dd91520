"""Roll-up arithmetic of the public dashboards, free of the database.

A commitment's figure is its latest *published* report. A plan's figure is
the mean of its commitments' figures, over the commitments that have reported
at least once; the others are counted apart as "no report yet".

The mean is weighted when the plan sets activity weights: a commitment's
weight is the sum of its activities' weights, usable only when it has
activities and every one of them carries a weight. If every reported
commitment has a usable, non-zero weight, the mean is weighted; otherwise it is
the plain mean (mixing weighted and unweighted commitments would give the
unweighted ones an arbitrary weight).
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DONE_PERCENT = 100

WEIGHTED = "weighted"
PLAIN = "plain"

# Flags of a commitment; a late commitment can also be stalled.
DONE = "done"
LATE = "late"
STALLED = "stalled"
ON_TRACK = "on_track"
NO_REPORT = "no_report"
PLATFORM_NOT_UPDATED = "platform_not_updated"


def round_percent(value: Decimal | int | None) -> Decimal | None:
    """One decimal, halves away from zero, as the dashboards display it: 1315/17 → 77.4."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def usable_weight(weight_total: int | None, unweighted_activities: int) -> int | None:
    """The commitment's weight, or None when its activities do not all carry one."""
    if weight_total is None or unweighted_activities:
        return None
    return weight_total


@dataclass(frozen=True)
class RollUp:
    percent: Decimal | None
    method: str
    reported: int
    not_reported: int

    @property
    def total(self) -> int:
        return self.reported + self.not_reported


def roll_up(items: Sequence[tuple[int | None, int | None]]) -> RollUp:
    """Mean progress of (percent, weight) pairs; percent None means no report yet."""
    reported = [(percent, weight) for percent, weight in items if percent is not None]
    not_reported = len(items) - len(reported)
    if not reported:
        return RollUp(None, PLAIN, 0, not_reported)
    weights = [weight for _, weight in reported]
    if all(weight for weight in weights):
        total_weight = sum(weights)
        mean = Decimal(sum(percent * weight for percent, weight in reported)) / total_weight
        method = WEIGHTED
    else:
        mean = Decimal(sum(percent for percent, _ in reported)) / len(reported)
        method = PLAIN
    return RollUp(round_percent(mean), method, len(reported), not_reported)


def commitment_flags(
    *,
    percent: int | None,
    previous_percent: int | None,
    no_progress: bool | None,
    platform_status: str | None,
    end_date: datetime.date | None,
    today: datetime.date,
) -> list[str]:
    """The dashboard's flags for one commitment's latest published report.

    done: 100 %. late: the end date has passed below 100 %. stalled: below
    100 % and the minutes say "no progress since the last meeting", or the
    figure equals the previous published one. platform not updated: the
    latest report says the tracking platform was not updated. on track:
    reported, and neither done, late nor stalled.
    """
    if percent is None:
        return [NO_REPORT]
    flags = []
    if percent >= DONE_PERCENT:
        flags.append(DONE)
    else:
        if end_date is not None and end_date < today:
            flags.append(LATE)
        if no_progress or (previous_percent is not None and previous_percent == percent):
            flags.append(STALLED)
        if not flags:
            flags.append(ON_TRACK)
    if platform_status == "no":
        flags.append(PLATFORM_NOT_UPDATED)
    return flags


@dataclass
class FlagCounts:
    done: int = 0
    on_track: int = 0
    late: int = 0
    stalled: int = 0
    no_report: int = 0
    platform_not_updated: int = 0

    def add(self, flags: Iterable[str]) -> None:
        for flag in flags:
            setattr(self, flag, getattr(self, flag) + 1)


def count_flags(flag_lists: Iterable[Iterable[str]]) -> FlagCounts:
    counts = FlagCounts()
    for flags in flag_lists:
        counts.add(flags)
    return counts


@dataclass
class TimePoint:
    date: datetime.date
    percent: Decimal
    reported: int


def progress_over_time(
    reports: Iterable[tuple[int, datetime.date, int]],
    weights: Mapping[int, int | None],
    commitment_count: int,
) -> list[TimePoint]:
    """The plan's roll-up at each report date, from the latest figures up to that date.

    reports: (commitment id, date, percent) of published reports in the
    order of their dates then ids, so that of two reports of one date the
    later row wins, as it does for the latest figure.
    weights: commitment id -> usable weight or None, for every commitment of
    the plan (so a weighted plan stays weighted at every date).
    """
    by_date = {}
    for commitment_id, date, percent in reports:
        by_date.setdefault(date, []).append((commitment_id, percent))
    latest = {}
    points = []
    for date, rows in by_date.items():
        for commitment_id, percent in rows:
            latest[commitment_id] = percent
        items = [(percent, weights.get(pk)) for pk, percent in latest.items()]
        items += [(None, None)] * max(commitment_count - len(items), 0)
        result = roll_up(items)
        points.append(TimePoint(date, result.percent, result.reported))
    return points


def slippage_days(planned: datetime.date | None, revised: datetime.date | None) -> int:
    """Days by which a revised end date falls after the planned one (0 if not later)."""
    if planned is None or revised is None:
        return 0
    return max((revised - planned).days, 0)
