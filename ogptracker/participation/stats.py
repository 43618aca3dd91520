"""How each institution answers the public: questions published, answered, median days."""

import statistics
from dataclasses import dataclass

from django.db.models import Min

from commitments.models import ActionPlan, Institution

from .models import Question

SECONDS_A_DAY = 86400


@dataclass
class InstitutionAnswers:
    institution: Institution
    asked: int
    answered: int
    # Days from publication to the first answer, the median of those answered; None if none.
    median_days: float | None

    @property
    def waiting(self) -> int:
        return self.asked - self.answered


def answers_by_institution(plan: ActionPlan) -> list[InstitutionAnswers]:
    """For each lead institution of `plan`'s commitments that was asked, in name order.

    The questions are the published ones; an answer's delay counts from the
    question's publication, the moment the lead is told, to its first answer.
    """
    rows = (
        Question.objects.public()
        .filter(commitment__plan=plan)
        .annotate(first_answer=Min("answers__created_at"))
        .values_list("commitment__lead_institution_id", "published_at", "first_answer")
        .order_by()
    )
    delays: dict[int, list[float]] = {}
    asked: dict[int, int] = {}
    for institution_id, published_at, first_answer in rows:
        asked[institution_id] = asked.get(institution_id, 0) + 1
        days = delays.setdefault(institution_id, [])
        if first_answer is not None:
            days.append(max(0.0, (first_answer - published_at).total_seconds() / SECONDS_A_DAY))
    institutions = Institution.objects.in_bulk(asked)
    found = [
        InstitutionAnswers(
            institution=institutions[pk],
            asked=asked[pk],
            answered=len(delays[pk]),
            median_days=round(statistics.median(delays[pk]), 1) if delays[pk] else None,
        )
        for pk in asked
    ]
    return sorted(found, key=lambda row: str(row.institution.name))
