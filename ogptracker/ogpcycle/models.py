import datetime
from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from commitments.enums import MeetingStatus, OGPValue
from commitments.models import ActionPlan, Commitment
from meetings.models import NextStep

from .enums import (
    REPORTS,
    RESULTS_REPORTS,
    SCALES,
    Completion,
    EarlyResults,
    IRMEra,
    IRMReport,
    PotentialImpact,
    RevisionChange,
    SelfAssessmentKind,
)

# Translators: what separates the items of a list («، » in Arabic).
LIST_SEPARATOR = pgettext_lazy("list separator", ", ")

# Plans that start from this day on are reviewed on the IRM's 2021 scales.
REFRESH_FROM = datetime.date(2021, 1, 1)


def irm_era(plan: ActionPlan) -> IRMEra:
    return IRMEra.REFRESH if plan.start >= REFRESH_FROM else IRMEra.CLASSIC


def _one_of(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{field: ""}) | Q(**{f"{field}__in": choices.values})


class IRMAssessmentQuerySet(models.QuerySet):
    def of_plan(self, plan: ActionPlan) -> Self:
        return self.filter(commitment__plan=plan).order_by("commitment__number", "report_date")


class IRMAssessment(models.Model):
    """What one IRM report says of one commitment."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="irm_assessments",
        verbose_name=_("commitment"),
    )
    report = models.CharField(_("IRM report"), max_length=30, choices=IRMReport.choices)
    report_date = models.DateField(_("date of the IRM report"))
    report_url = models.URLField(_("address of the IRM report"), blank=True)
    verifiable = models.BooleanField(_("verifiable"), null=True, blank=True)
    access_to_information = models.BooleanField(
        _("relevant to access to information (IRM)"), default=False
    )
    civic_participation = models.BooleanField(
        _("relevant to civic participation (IRM)"), default=False
    )
    public_accountability = models.BooleanField(
        _("relevant to public accountability (IRM)"), default=False
    )
    technology_innovation = models.BooleanField(
        _("relevant to technology and innovation (IRM)"), default=False
    )
    potential_impact = models.CharField(
        _("potential impact"), max_length=20, choices=PotentialImpact.choices, blank=True
    )
    completion = models.CharField(
        _("completion"), max_length=20, choices=Completion.choices, blank=True
    )
    early_results = models.CharField(
        _("early results (did it open government?)"),
        max_length=20,
        choices=EarlyResults.choices,
        blank=True,
    )
    starred = models.BooleanField(_("starred or promising"), default=False)

    objects = IRMAssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("IRM assessment")
        verbose_name_plural = _("IRM assessments")
        ordering = ["commitment__plan__number", "commitment__number", "report_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "report"], name="unique_irm_report_per_commitment"
            ),
            models.CheckConstraint(
                condition=Q(report__in=IRMReport.values), name="irm_report_known"
            ),
            models.CheckConstraint(
                condition=_one_of("potential_impact", PotentialImpact),
                name="irm_potential_impact_on_a_scale",
            ),
            models.CheckConstraint(
                condition=_one_of("completion", Completion), name="irm_completion_on_a_scale"
            ),
            models.CheckConstraint(
                condition=_one_of("early_results", EarlyResults),
                name="irm_early_results_on_a_scale",
            ),
            # What was done is judged by the reports written after the plan ended.
            models.CheckConstraint(
                condition=Q(report__in=RESULTS_REPORTS) | (Q(completion="") & Q(early_results="")),
                name="irm_results_in_results_reports",
            ),
        ]

    def __str__(self):
        return f"{self.commitment.ogp_id or self.commitment.number} · {self.get_report_display()}"

    @property
    def relevant_values(self) -> list[str]:
        return [value for value in OGPValue if getattr(self, value.value)]

    def clean(self) -> None:
        if not self.commitment_id or not self.report:
            return
        era = irm_era(self.commitment.plan)
        errors = {}
        if self.report not in REPORTS[era]:
            errors["report"] = _(
                "The IRM did not write this report for plans of this period; "
                "choose one of: %(reports)s."
            ) % {
                "reports": LIST_SEPARATOR.join(str(IRMReport(kind).label) for kind in REPORTS[era])
            }
        for field, levels in SCALES[era].items():
            value = getattr(self, field)
            if value and value not in levels:
                choices = self._meta.get_field(field).choices
                labels = dict(choices)
                errors[field] = _("«%(value)s» is not on this plan's IRM scale: %(levels)s.") % {
                    "value": labels.get(value, value),
                    "levels": LIST_SEPARATOR.join(str(labels[level]) for level in levels),
                }
        if self.report not in RESULTS_REPORTS:
            for field in ("completion", "early_results"):
                if getattr(self, field) and field not in errors:
                    errors[field] = _("Only a report on results judges this.")
        if errors:
            raise ValidationError(errors)


class SelfAssessmentReport(models.Model):
    """The secretariat's record of a self-assessment report: when it was published."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="self_assessments",
        verbose_name=_("action plan"),
    )
    kind = models.CharField(_("report"), max_length=20, choices=SelfAssessmentKind.choices)
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("The day the report was published; empty while it is not."),
    )
    comments_from = models.DateField(
        _("draft open for comment from"),
        null=True,
        blank=True,
        help_text=_("Readers may comment on the draft from this day until the next."),
    )
    comments_until = models.DateField(_("draft open for comment until"), null=True, blank=True)
    response = models.TextField(
        _("the secretariat's response to the comments"),
        blank=True,
        help_text=_("Printed in the published report, under the comments received."),
    )

    class Meta:
        verbose_name = _("self-assessment report")
        verbose_name_plural = _("self-assessment reports")
        ordering = ["plan__number", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"], name="unique_self_assessment_per_plan_and_kind"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SelfAssessmentKind.values), name="self_assessment_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(comments_from__isnull=True, comments_until__isnull=True)
                | Q(
                    comments_from__isnull=False,
                    comments_until__isnull=False,
                    comments_until__gte=F("comments_from"),
                ),
                name="comment_period_whole_and_in_order",
                violation_error_message=_("The comment period ends before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} · {self.get_kind_display()}"

    def clean(self) -> None:
        if (self.comments_from is None) != (self.comments_until is None):
            missing = "comments_until" if self.comments_until is None else "comments_from"
            raise ValidationError({missing: _("Give both days of the comment period.")})
        if self.comments_from and self.comments_until < self.comments_from:
            raise ValidationError(
                {"comments_until": _("The comment period ends before it starts.")}
            )
        if self.published_on and self.comments_until and self.published_on <= self.comments_until:
            raise ValidationError(
                {"published_on": _("The report is published after its comment period ends.")}
            )

    def open_for_comment(self, today: datetime.date) -> bool:
        return (
            self.published_on is None
            and self.comments_from is not None
            and self.comments_from <= today <= self.comments_until
        )


class PlanRevision(models.Model):
    """A revision of a plan during its term, as a committee decided it."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("action plan"),
    )
    date = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    next_step = models.ForeignKey(
        NextStep,
        on_delete=models.PROTECT,
        related_name="plan_revisions",
        verbose_name=_("next step"),
        help_text=_("The next step of published minutes that the revision follows."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        ordering = ["plan__number", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "date"],
                name="one_revision_a_day_per_plan",
                violation_error_message=_("This plan already has a revision on this date."),
            )
        ]

    def __str__(self):
        return f"{self.plan} · {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        if not self.next_step_id or not self.plan_id:
            return
        meeting = self.next_step.meeting
        if meeting.committee.plan_id != self.plan_id:
            raise ValidationError(
                {"next_step": _("This next step belongs to the minutes of another plan.")}
            )
        if meeting.status != MeetingStatus.PUBLISHED:
            raise ValidationError(
                {"next_step": _("A revision follows a next step of published minutes.")}
            )
        if self.date and self.date < meeting.date:
            raise ValidationError(
                {"date": _("The revision is dated before the meeting that decided it.")}
            )


class CommitmentRevision(models.Model):
    """What a revision did to one commitment."""

    revision = models.ForeignKey(
        PlanRevision, on_delete=models.CASCADE, related_name="changes", verbose_name=_("revision")
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("commitment"),
    )
    change = models.CharField(_("change"), max_length=20, choices=RevisionChange.choices)
    merged_into = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name=_("merged into"),
    )
    revised_end = models.DateField(_("revised end"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment's revision")
        verbose_name_plural = _("commitments' revisions")
        ordering = ["revision__date", "commitment__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "commitment"], name="one_change_per_commitment_and_revision"
            ),
            models.CheckConstraint(
                condition=Q(change__in=RevisionChange.values), name="revision_change_known"
            ),
            models.CheckConstraint(
                condition=Q(change=RevisionChange.MERGED, merged_into__isnull=False)
                | (~Q(change=RevisionChange.MERGED) & Q(merged_into__isnull=True)),
                name="merged_into_for_a_merge_only",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("commitment")), name="not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=Q(change=RevisionChange.RESCHEDULED, revised_end__isnull=False)
                | ~Q(change=RevisionChange.RESCHEDULED),
                name="rescheduled_with_its_new_end",
            ),
        ]

    def __str__(self):
        return f"{self.commitment} · {self.get_change_display()}"

    def clean(self) -> None:
        errors = {}
        plan_id = self.revision.plan_id if self.revision_id else None
        if self.commitment_id and plan_id and self.commitment.plan_id != plan_id:
            errors["commitment"] = _("This commitment belongs to another plan.")
        if self.change == RevisionChange.MERGED:
            if not self.merged_into_id:
                errors["merged_into"] = _("Say which commitment it was merged into.")
            elif self.merged_into_id == self.commitment_id:
                errors["merged_into"] = _("A commitment cannot be merged into itself.")
            elif plan_id and self.merged_into.plan_id != plan_id:
                errors["merged_into"] = _("This commitment belongs to another plan.")
        elif self.merged_into_id:
            errors["merged_into"] = _("Only a merged commitment goes into another.")
        if self.change == RevisionChange.RESCHEDULED and not self.revised_end:
            errors["revised_end"] = _("Give the commitment's new end date.")
        if errors:
            raise ValidationError(errors)


SDG_TARGETS = RegexValidator(
    r"^\s*\d{1,2}\.[0-9a-z]{1,2}(\s*,\s*\d{1,2}\.[0-9a-z]{1,2})*\s*$",
    _("Write SDG targets as their numbers, separated by commas: 16.6, 16.10."),
)


class CommitmentDesign(models.Model):
    """What OGP's commitment template asks beyond the plan's own fields."""

    commitment = models.OneToOneField(
        Commitment,
        on_delete=models.CASCADE,
        related_name="design",
        verbose_name=_("commitment"),
    )
    objective = models.TextField(_("objective and expected results"), blank=True)
    solution = models.TextField(_("how the commitment solves the problem"), blank=True)
    relevance = models.TextField(_("why it is relevant to OGP values"), blank=True)
    budget_planned = models.DecimalField(
        _("planned budget (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_secured = models.DecimalField(
        _("secured budget (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    national_strategies = models.TextField(_("links to national strategies"), blank=True)
    sdg_targets = models.CharField(
        _("SDG targets"),
        max_length=200,
        blank=True,
        validators=[SDG_TARGETS],
        help_text=_("For example 16.6, 16.10."),
    )
    actors_government = models.TextField(_("supporting actors: government"), blank=True)
    actors_civil_society = models.TextField(_("supporting actors: civil society"), blank=True)
    actors_private = models.TextField(_("supporting actors: private sector"), blank=True)
    actors_international = models.TextField(
        _("supporting actors: international organisations"), blank=True
    )

    class Meta:
        verbose_name = _("commitment's OGP template")
        verbose_name_plural = _("commitments' OGP templates")
        ordering = ["commitment__plan__number", "commitment__number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_planned__gte=0) | Q(budget_planned__isnull=True),
                name="planned_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(budget_secured__gte=0) | Q(budget_secured__isnull=True),
                name="secured_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(budget_secured__lte=F("budget_planned"))
                | Q(budget_secured__isnull=True)
                | Q(budget_planned__isnull=True),
                name="secured_budget_within_planned",
                violation_error_message=_("The secured budget exceeds the planned budget."),
            ),
        ]

    def __str__(self):
        return str(self.commitment)

    def clean(self) -> None:
        if (
            self.budget_planned is not None
            and self.budget_secured is not None
            and self.budget_secured > self.budget_planned
        ):
            raise ValidationError(
                {"budget_secured": _("The secured budget exceeds the planned budget.")}
            )

    @property
    def sdg_target_list(self) -> list[str]:
        return [target.strip() for target in self.sdg_targets.split(",") if target.strip()]

    @property
    def actors(self) -> list[tuple[str, str]]:
        """The supporting actors by sector, those named only."""
        sectors = [
            (_("Government"), self.actors_government),
            (_("Civil society"), self.actors_civil_society),
            (_("Private sector"), self.actors_private),
            (_("International organisations"), self.actors_international),
        ]
        return [(str(label), names) for label, names in sectors if names]


class SelfAssessmentComment(models.Model):
    """A reader's comment on a self-assessment report's draft, sent while comments were open."""

    report = models.ForeignKey(
        SelfAssessmentReport,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("self-assessment report"),
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a self-assessment report")
        verbose_name_plural = _("comments on self-assessment reports")
        ordering = ["report", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
            models.CheckConstraint(condition=~Q(name=""), name="comment_signed"),
        ]

    def __str__(self):
        return f"{self.name} · {self.created_at:%Y-%m-%d}"
