"""Translated fields (ar default, fr, en) and change history.

History is registered here, after the translated fields exist, so the
historical tables keep every language's text.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    REPORT_TEXTS,
    ActionPlan,
    Activity,
    Axis,
    Commitment,
    Institution,
    PlanProgress,
    ProgressReport,
    ReportAwaitingReview,
)


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name",)


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Axis)
class AxisTranslation(TranslationOptions):
    fields = ("title",)


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("title", "problem", "status_quo", "description", "other_actors")


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "note")


@register(ProgressReport)
class ProgressReportTranslation(TranslationOptions):
    fields = REPORT_TEXTS


@register(ReportAwaitingReview)
class ReportAwaitingReviewTranslation(TranslationOptions):
    fields = ()


@register(PlanProgress)
class PlanProgressTranslation(TranslationOptions):
    fields = ("note",)


for model in (ActionPlan, Axis, PlanProgress):
    register_history(model)
# The search text is derived by the database: nothing to keep in the history.
register_history(Institution, excluded_fields=["search_text"])
register_history(Activity, excluded_fields=["search_text"])
register_history(
    ProgressReport,
    excluded_fields=["search_text"],
    table_name="commitments_historicalprogresssnapshot",
)
register_history(Commitment, m2m_fields=["leads", "co_leads"], excluded_fields=["search_text"])
