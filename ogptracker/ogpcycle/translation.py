"""Translated fields of the OGP cycle (ar default, fr, en), and the change history of
the models that have them, registered once their translated columns exist."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import CommitmentDesign, SelfAssessmentComment, SelfAssessmentReport

DESIGN_TEXTS = (
    "objective",
    "solution",
    "relevance",
    "national_strategies",
    "actors_government",
    "actors_civil_society",
    "actors_private",
    "actors_international",
)


@register(CommitmentDesign)
class CommitmentDesignTranslation(TranslationOptions):
    fields = DESIGN_TEXTS


@register(SelfAssessmentReport)
class SelfAssessmentReportTranslation(TranslationOptions):
    fields = ("response",)


for model in (CommitmentDesign, SelfAssessmentReport, SelfAssessmentComment):
    register_history(model)
