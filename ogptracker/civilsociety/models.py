"""Civil society's own word on the commitments: the forum's assessments.

A forum (the civil-society forum of the OGP process) has members; any member
records, for a commitment and a half-year, the forum's rating (a percent and
the IRM's completion scale), a narrative and evidence. One assessment per
commitment, period and forum; it is public as soon as it is saved, beside
the official figure, and its history keeps who changed what.
"""

from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments.models import Commitment, ProgressReport
from ogptracker.common.bidi import NameField
from ogptracker.ogpcycle.enums import SCALES, Completion
from ogptracker.ogpcycle.models import irm_era

from .gap import gap, is_flagged
from .periods import Period, is_period_end


class Forum(models.Model):
    name = NameField(_("name"), max_length=300)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="forums",
        verbose_name=_("members"),
        help_text=_("They record the forum's assessments. Their e-mail is never shown."),
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("civil-society forum")
        verbose_name_plural = _("civil-society forums")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="unique_forum_name")]

    def __str__(self):
        return self.name


def official_figure(day_field: str = "period_end", commitment_field: str = "commitment"):
    """The official figure of the row's commitment, as published by the row's day."""
    figures = (
        ProgressReport.objects.figures()
        .filter(commitment=OuterRef(commitment_field), date__lte=OuterRef(day_field))
        .latest_first()
    )
    return Subquery(figures.values("percent")[:1])


class AssessmentQuerySet(models.QuerySet):
    def with_official_figure(self) -> Self:
        """Annotate `official_percent`: the government's figure published by the period's end."""
        return self.annotate(official_percent=official_figure())

    def latest_first(self) -> Self:
        return self.order_by("-period_end", "forum__name", "pk")

    def recorded_by(self, user) -> Self:
        """What a member may change: the assessments of the forums they belong to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(forum__members=user)


class Assessment(models.Model):
    """A forum's rating of one commitment for one half-year."""

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("forum")
    )
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="civil_society_assessments",
        verbose_name=_("commitment"),
    )
    period_end = models.DateField(
        _("period"), help_text=_("The last day of the half-year assessed: 30 June or 31 December.")
    )
    percent = models.PositiveSmallIntegerField(
        _("progress in civil society's view (%)"), validators=[MaxValueValidator(100)]
    )
    completion = models.CharField(
        _("completion (IRM scale)"), max_length=20, choices=Completion.choices
    )
    narrative = models.TextField(_("assessment"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("civil-society assessment")
        verbose_name_plural = _("civil-society assessments")
        ordering = ["commitment__plan__number", "commitment__number", "-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="assessment_percent_between_0_and_100",
                violation_error_message=_("Progress must be between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__month=6, period_end__day=30)
                | Q(period_end__month=12, period_end__day=31),
                name="assessment_period_is_a_half_year",
                violation_error_message=_("A period ends on 30 June or 31 December."),
            ),
            models.CheckConstraint(
                condition=Q(completion__in=Completion.values),
                name="assessment_completion_on_the_irm_scale",
                violation_error_message=_("Choose a level of the IRM's completion scale."),
            ),
            models.CheckConstraint(
                condition=~Q(narrative=""),
                name="assessment_has_a_narrative",
                violation_error_message=_("Say what the assessment rests on."),
            ),
            models.UniqueConstraint(
                fields=["forum", "commitment", "period_end"],
                name="one_assessment_per_commitment_period_and_forum",
                violation_error_message=_(
                    "The forum has already assessed this commitment for this period."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.commitment.number} — {self.period} — {self.percent} %"

    @property
    def period(self) -> Period:
        return Period(self.period_end)

    @property
    def gap(self):
        """Points above (positive) or below the official figure of the period's end; a row
        of `with_official_figure()` only."""
        return gap(self.percent, getattr(self, "official_percent", None))

    @property
    def gap_points(self):
        return None if self.gap is None else abs(self.gap)

    @property
    def flagged(self) -> bool:
        return is_flagged(self.gap)

    def clean(self) -> None:
        if self.period_end and not is_period_end(self.period_end):
            raise ValidationError({"period_end": _("A period ends on 30 June or 31 December.")})
        if self.completion and self.commitment_id:
            levels = SCALES[irm_era(self.commitment.plan)]["completion"]
            if self.completion not in levels:
                raise ValidationError(
                    {
                        "completion": _(
                            "The IRM's scale for this plan's period has no such level; "
                            "choose one of: %(levels)s."
                        )
                        % {"levels": ", ".join(str(level.label) for level in levels)}
                    }
                )


def assessment_evidence_path(instance: "AssessmentEvidence", filename: str) -> str:
    return f"evidence/civil-society/{instance.assessment.commitment_id}/{filename}"


class AssessmentEvidence(models.Model):
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("civil-society assessment"),
    )
    file = models.FileField(_("file"), upload_to=assessment_evidence_path)
    description = models.CharField(_("description"), max_length=300, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence of an assessment")
        verbose_name_plural = _("evidence of assessments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.description or self.file.name.rsplit("/", 1)[-1]
