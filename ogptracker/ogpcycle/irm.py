"""What the IRM's assessments of a plan add up to: each commitment's latest judgement, counted."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import pgettext

from commitments.models import ActionPlan

from .enums import FIELD_LABELS, SCALED_FIELDS, SCALES, IRMEra
from .models import IRMAssessment, irm_era


@dataclass(frozen=True)
class Level:
    label: str
    count: int


@dataclass(frozen=True)
class Tally:
    """One judgement (completion, say) over a plan's commitments, level by level."""

    label: str
    levels: list[Level]
    not_assessed: int


def latest_judgements(assessments: Iterable[IRMAssessment]) -> dict[int, dict[str, object]]:
    """Per commitment, the latest value the IRM gave each judgement (oldest report first in)."""
    latest: dict[int, dict[str, object]] = {}
    for assessment in sorted(assessments, key=lambda a: a.report_date):
        judgements = latest.setdefault(assessment.commitment_id, {})
        for field in SCALED_FIELDS:
            if getattr(assessment, field):
                judgements[field] = getattr(assessment, field)
        if assessment.verifiable is not None:
            judgements["verifiable"] = assessment.verifiable
        judgements["starred"] = judgements.get("starred", False) or assessment.starred
    return latest


def tally(plan: ActionPlan, assessments: Iterable[IRMAssessment], commitments: int) -> list[Tally]:
    """Counts per level of each judgement, on the scales of the plan's IRM era.

    Empty if no IRM report judged any of the plan's commitments.
    """
    latest = latest_judgements(assessments)
    if not latest:
        return []
    era: IRMEra = irm_era(plan)
    labels = FIELD_LABELS[era]
    tallies = []
    for field in SCALED_FIELDS:
        values = [judgements.get(field) for judgements in latest.values()]
        choices = dict(IRMAssessment._meta.get_field(field).choices)
        levels = [Level(str(choices[level]), values.count(level)) for level in SCALES[era][field]]
        assessed = sum(level.count for level in levels)
        tallies.append(Tally(str(labels[field]), levels, commitments - assessed))
    starred = sum(1 for judgements in latest.values() if judgements.get("starred"))
    yes_no = [
        Level(str(pgettext("IRM starred", "Yes")), starred),
        Level(str(pgettext("IRM starred", "No")), len(latest) - starred),
    ]
    tallies.append(Tally(str(labels["starred"]), yes_no, commitments - len(latest)))
    return tallies
