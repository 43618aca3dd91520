"""The Independent Reporting Mechanism's (IRM) scales, as each of its eras words them.

The IRM reviewed plans that started before 2021 with a design report and an
implementation (end-of-term) report; from 2021 on (the «IRM refresh») with an
action plan review and a results report, on other scales. A value is stored
by its code; the codes both eras share (complete, marginal…) mean the same.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IRMEra(models.TextChoices):
    CLASSIC = "classic", _("IRM reports of 2014 to 2020")
    REFRESH = "refresh", _("IRM reports from 2021 on")


class IRMReport(models.TextChoices):
    DESIGN = "design", _("Design report")
    IMPLEMENTATION = "implementation", _("Implementation report")
    ACTION_PLAN_REVIEW = "action_plan_review", _("Action plan review")
    RESULTS = "results", _("Results report")


class PotentialImpact(models.TextChoices):
    # Classic era.
    NONE = "none", pgettext_lazy("IRM potential impact", "None")
    MINOR = "minor", pgettext_lazy("IRM potential impact", "Minor")
    MODERATE = "moderate", pgettext_lazy("IRM potential impact", "Moderate")
    TRANSFORMATIVE = "transformative", pgettext_lazy("IRM potential impact", "Transformative")
    # Refresh era: «potential for results».
    UNCLEAR = "unclear", pgettext_lazy("IRM potential for results", "Unclear")
    MODEST = "modest", pgettext_lazy("IRM potential for results", "Modest")
    SUBSTANTIAL = "substantial", pgettext_lazy("IRM potential for results", "Substantial")


class Completion(models.TextChoices):
    # Refresh era only.
    NO_EVIDENCE = "no_evidence", pgettext_lazy("IRM completion", "No evidence available")
    NOT_STARTED = "not_started", pgettext_lazy("IRM completion", "Not started")
    LIMITED = "limited", pgettext_lazy("IRM completion", "Limited")
    SUBSTANTIAL = "substantial", pgettext_lazy("IRM completion", "Substantial")
    COMPLETE = "complete", pgettext_lazy("IRM completion", "Complete")


class EarlyResults(models.TextChoices):
    # Classic era: «did it open government?».
    WORSENED = "worsened", pgettext_lazy("IRM early results", "Worsened")
    DID_NOT_CHANGE = "did_not_change", pgettext_lazy("IRM early results", "Did not change")
    MARGINAL = "marginal", pgettext_lazy("IRM early results", "Marginal")
    MAJOR = "major", pgettext_lazy("IRM early results", "Major")
    OUTSTANDING = "outstanding", pgettext_lazy("IRM early results", "Outstanding")
    # Refresh era: «early results».
    NO_NOTABLE = "no_notable", pgettext_lazy("IRM early results", "No notable results")
    MODERATE = "moderate", pgettext_lazy("IRM early results", "Moderate")
    SIGNIFICANT = "significant", pgettext_lazy("IRM early results", "Significant")


C = IRMEra.CLASSIC
R = IRMEra.REFRESH

# Each era's reports, and the levels of each scale, lowest first.
REPORTS = {
    C: [IRMReport.DESIGN, IRMReport.IMPLEMENTATION],
    R: [IRMReport.ACTION_PLAN_REVIEW, IRMReport.RESULTS],
}
# The reports that judge what was done (the others judge the plan as written).
RESULTS_REPORTS = (IRMReport.IMPLEMENTATION, IRMReport.RESULTS)

SCALES = {
    C: {
        "potential_impact": [
            PotentialImpact.NONE,
            PotentialImpact.MINOR,
            PotentialImpact.MODERATE,
            PotentialImpact.TRANSFORMATIVE,
        ],
        "completion": [
            Completion.NOT_STARTED,
            Completion.LIMITED,
            Completion.SUBSTANTIAL,
            Completion.COMPLETE,
        ],
        "early_results": [
            EarlyResults.WORSENED,
            EarlyResults.DID_NOT_CHANGE,
            EarlyResults.MARGINAL,
            EarlyResults.MAJOR,
            EarlyResults.OUTSTANDING,
        ],
    },
    R: {
        "potential_impact": [
            PotentialImpact.UNCLEAR,
            PotentialImpact.MODEST,
            PotentialImpact.SUBSTANTIAL,
        ],
        "completion": [
            Completion.NO_EVIDENCE,
            Completion.NOT_STARTED,
            Completion.LIMITED,
            Completion.SUBSTANTIAL,
            Completion.COMPLETE,
        ],
        "early_results": [
            EarlyResults.NO_NOTABLE,
            EarlyResults.MARGINAL,
            EarlyResults.MODERATE,
            EarlyResults.SIGNIFICANT,
            EarlyResults.OUTSTANDING,
        ],
    },
}
SCALED_FIELDS = ("potential_impact", "completion", "early_results")

# What each era calls its judgements, where the names differ.
FIELD_LABELS = {
    C: {
        "potential_impact": _("Potential impact"),
        "completion": _("Completion"),
        "early_results": _("Did it open government?"),
        "starred": _("Starred commitment"),
    },
    R: {
        "potential_impact": _("Potential for results"),
        "completion": _("Completion"),
        "early_results": _("Early results"),
        "starred": _("Promising commitment"),
    },
}


class SelfAssessmentKind(models.TextChoices):
    MID_TERM = "mid-term", _("Mid-term self-assessment report")
    END_OF_TERM = "end-of-term", _("End-of-term self-assessment report")


class RevisionChange(models.TextChoices):
    ADDED = "added", pgettext_lazy("plan revision", "Added")
    WITHDRAWN = "withdrawn", pgettext_lazy("plan revision", "Withdrawn")
    MERGED = "merged", pgettext_lazy("plan revision", "Merged into another")
    RESCHEDULED = "rescheduled", pgettext_lazy("plan revision", "Rescheduled")


# The changes after which a commitment is no longer in the plan as revised.
LEAVES_THE_PLAN = (RevisionChange.WITHDRAWN, RevisionChange.MERGED)
