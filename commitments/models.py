import datetime
from typing import Self

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Abs, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.enums import MeetingStatus
from ogptracker.common.bidi import NameField
from ogptracker.common.folding import search_column
from ogptracker.common.languages import translated

from .enums import (
    ActivityStatus,
    InstitutionKind,
    OGPValue,
    PlanStatus,
    PlatformStatus,
    ReportStatus,
    ReportVoice,
)

PERCENT_VALIDATORS = [MaxValueValidator(100)]


def percent_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(percent__gte=0) & Q(percent__lte=100),
        name=name,
        violation_error_message=_("Progress must be between 0 and 100 %."),
    )


class Institution(models.Model):
    name = NameField(_("name"), max_length=300)
    acronym = NameField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=InstitutionKind.choices, default=InstitutionKind.MINISTRY
    )
    # The public search's folded name and acronym, in every language.
    search_text = search_column(*translated("name"), "acronym")

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ActionPlanQuerySet(models.QuerySet):
    def nearest(self, number: int, count: int) -> Self:
        """The `count` plans numbered nearest to `number`, that one first.

        The plan switcher of a dashboard shows these, so that it stays short
        however many plans the tracker holds.
        """
        distance = Abs(F("number") - number)
        return self.annotate(distance=distance).order_by("distance", "number")[:count]


class ActionPlan(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = NameField(_("title"), max_length=300)
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"))
    revised_end = models.DateField(_("revised end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    summary = models.TextField(_("summary"), blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("national action plan")
        verbose_name_plural = _("national action plans")
        ordering = ["number"]

    def __str__(self):
        return self.title

    def clean(self) -> None:
        if self.start and self.planned_end and self.planned_end < self.start:
            raise ValidationError({"planned_end": _("The planned end is before the start.")})
        if self.start and self.revised_end and self.revised_end < self.start:
            raise ValidationError({"revised_end": _("The revised end is before the start.")})

    @property
    def end(self) -> datetime.date | None:
        return self.revised_end or self.planned_end


class Axis(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="axes", verbose_name=_("action plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = NameField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        ordering = ["plan__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_axis_number_per_plan")
        ]

    def __str__(self):
        return self.title


class CommitmentQuerySet(models.QuerySet):
    def for_user(self, user: User | AnonymousUser) -> Self:
        """What a user may work on: every commitment for the secretariat, else those they lead."""
        from .roles import is_secretariat

        if is_secretariat(user):
            return self
        if not user.is_authenticated:
            return self.none()
        # Two id lists rather than two joins: a join of both would repeat the rows.
        return self.filter(
            Q(pk__in=Commitment.leads.through.objects.filter(user=user).values("commitment"))
            | Q(pk__in=Commitment.co_leads.through.objects.filter(user=user).values("commitment"))
        )

    def with_latest_progress(self) -> Self:
        """Annotate each commitment with its latest published report's figures.

        Also the previous published percent (to tell a stalled commitment) and
        its activities' weights (to weight the plan's roll-up); all subqueries,
        so the list stays one query however many commitments it holds.
        """
        latest = _latest_figures()
        activities = Activity.objects.filter(commitment=OuterRef("pk")).order_by()
        return self.with_latest_figure().annotate(
            latest_no_progress=Subquery(latest.values("no_progress")[:1]),
            latest_platform_status=Subquery(latest.values("platform_status")[:1]),
            previous_percent=Subquery(latest.values("percent")[1:2]),
            weight_total=Subquery(
                activities.values("commitment").annotate(total=Sum("weight")).values("total")
            ),
            unweighted_activities=Coalesce(
                Subquery(
                    activities.filter(weight__isnull=True)
                    .values("commitment")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            ),
        )

    def with_latest_figure(self) -> Self:
        """Annotate each commitment with its latest published percent and its date."""
        latest = _latest_figures()
        return self.annotate(
            latest_percent=Subquery(latest.values("percent")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
        )

    def for_dashboard(self) -> Self:
        """What a public list of commitments shows: latest progress, institution, axis."""
        return self.with_latest_progress().select_related("plan", "axis", "lead_institution")


def _latest_figures():
    """A commitment's published figures, latest first, in a subquery of commitments."""
    return ProgressReport.objects.figures().filter(commitment=OuterRef("pk")).latest_first()


# Searched in every language; the lead institution's name is searched apart.
SEARCHED_FIELDS = [*translated("title", "description"), "ogp_id"]


class Commitment(models.Model):
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("action plan"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    ogp_id = models.CharField(
        _("OGP identifier"), max_length=20, blank=True, help_text=_("For example MO0005.")
    )
    title = NameField(_("title"), max_length=400)
    problem = models.TextField(_("problem addressed"), blank=True)
    status_quo = models.TextField(_("status quo"), blank=True)
    description = models.TextField(_("description"), blank=True)
    access_to_information = models.BooleanField(_("access to information"), default=False)
    civic_participation = models.BooleanField(_("civic participation"), default=False)
    public_accountability = models.BooleanField(_("public accountability"), default=False)
    technology_innovation = models.BooleanField(_("technology and innovation"), default=False)
    axis = models.ForeignKey(
        Axis,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("axis"),
    )
    lead_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="led_commitments",
        verbose_name=_("lead institution"),
    )
    other_actors = models.TextField(_("other actors"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_commitments",
        verbose_name=_("project leads"),
    )
    # They report too, in their own name: their reports go through the same review
    # and are shown apart from the government's, never counted in its figure.
    co_leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="co_led_commitments",
        verbose_name=_("civil-society co-leads"),
    )
    # Moved on by every save of a report or of the activities, a lead's or the
    # secretariat's: a form loaded at an older one is refused (versions.py).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # What the public search reads (ogptracker/publishing/search.py), kept by the database.
    search_text = search_column(*SEARCHED_FIELDS)
    # Its titles alone, folded: the search ranks a word found there first.
    search_title = search_column(*translated("title"))

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["plan__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="unique_commitment_number_per_plan"
            ),
            models.UniqueConstraint(
                fields=["ogp_id"], condition=~Q(ogp_id=""), name="unique_commitment_ogp_id"
            ),
        ]
        indexes = [
            # The search ranks the commitments it found by their plan and number:
            # read from this index alone, not from the table's wide rows.
            models.Index(fields=["id"], include=["plan", "number"], name="commitment_rank_idx"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
        if self.axis_id and self.plan_id and self.axis.plan_id != self.plan_id:
            raise ValidationError({"axis": _("This axis belongs to another action plan.")})
        if self.pk and self.plan_id:
            other_plans = self.reports.filter(meeting__committee__plan__isnull=False).exclude(
                meeting__committee__plan=self.plan_id
            )
            if other_plans.exists():
                raise ValidationError(
                    {
                        "plan": _(
                            "The status tables of another plan's meetings hold this commitment."
                        )
                    }
                )

    @property
    def minutes_row_id(self) -> str:
        """The id of this commitment's row in a minutes page's status table (its plan loaded)."""
        return f"status-{self.plan.number}-{self.number}"

    @property
    def ogp_values(self) -> list[OGPValue]:
        return [value for value in OGPValue if getattr(self, value.value)]


# An activity in one of these is still to be done.
UNFINISHED = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS, ActivityStatus.POSTPONED)
# A report's texts, each translated: the minutes' status table columns.
REPORT_TEXTS = ("narrative", "platform_note", "schedule")


def french_missing() -> Q:
    """Reports with an Arabic text whose French version is empty."""
    missing = Q()
    for name in REPORT_TEXTS:
        missing |= _has_text(f"{name}_ar") & ~_has_text(f"{name}_fr")
    return missing


def _has_text(column):
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


# A report in one of these is not published yet.
OPEN_REPORT = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.SUBMITTED)


class ActivityQuerySet(models.QuerySet):
    def overdue(self, today: datetime.date | None = None) -> Self:
        """Past their (revised) end and neither done nor cancelled (see Activity.is_overdue)."""
        return self._unfinished_past_end(F("status"), Coalesce("revised_end", "planned_end"), today)

    def overdue_as_reported(self, today: datetime.date | None = None) -> Self:
        """Overdue as their commitment's open report would leave them: what the lead
        still owes once the changes they reported are made (see activity_changes)."""
        change = ActivityChange.objects.filter(
            activity=OuterRef("pk"), report__status__in=OPEN_REPORT
        )
        return self._unfinished_past_end(
            Coalesce(Subquery(change.values("status")[:1]), "status"),
            Case(
                When(
                    Exists(change),
                    then=Coalesce(Subquery(change.values("revised_end")[:1]), "planned_end"),
                ),
                default=Coalesce("revised_end", "planned_end"),
            ),
            today,
        )

    def _unfinished_past_end(self, status, end, today):
        today = today or timezone.localdate()
        return self.annotate(rule_status=status, rule_end=end).filter(
            rule_end__lt=today, rule_status__in=UNFINISHED
        )


class Activity(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("commitment"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = NameField(_("title"), max_length=400)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    revised_end = models.DateField(_("revised end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        null=True,
        blank=True,
        help_text=_("Relative weight of the activity within its commitment, if the plan sets one."),
    )
    note = models.TextField(_("note"), blank=True)
    # What the public search of commitments reads besides their own text.
    search_text = search_column(*translated("title", "note"))

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["commitment__plan__number", "commitment__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="unique_activity_number_per_commitment"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def is_overdue(self, today: datetime.date) -> bool:
        """As `ActivityQuerySet.overdue`, for an activity in memory (a form's, say)."""
        end = self.revised_end or self.planned_end
        return end is not None and end < today and self.status in UNFINISHED

    def clean(self) -> None:
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError(
                {"planned_end": _("The planned end is before the planned start.")}
            )


class ProgressReportQuerySet(models.QuerySet):
    def open(self) -> Self:
        """Not yet published: still the lead's to edit, or with the secretariat."""
        return self.filter(status__in=OPEN_REPORT)

    def by_leads(self) -> Self:
        """Leads' and co-leads' reports, not the rows of a meeting's status table."""
        return self.filter(meeting__isnull=True)

    def official(self) -> Self:
        """The government's word: its leads' reports and the meetings' status tables."""
        return self.filter(voice=ReportVoice.GOVERNMENT)

    def civil_society(self) -> Self:
        """The civil-society co-leads' reports."""
        return self.filter(voice=ReportVoice.CIVIL_SOCIETY)

    def awaiting_review(self) -> Self:
        return self.filter(status=ReportStatus.SUBMITTED)

    def published(self) -> Self:
        """Public: published, and outside a meeting or in one whose minutes are published.

        A row's publication follows its meeting's: a row of draft minutes is never
        public, whatever its own status.
        """
        return self.filter(
            Q(meeting__isnull=True) | Q(meeting__status=MeetingStatus.PUBLISHED),
            status=ReportStatus.PUBLISHED,
        )

    def figures(self) -> Self:
        """The official published figures, each counted once: a report that published
        minutes adopted (their row was prepared from it) counts as that row, not again.
        Civil-society co-leads' reports are never part of the official figure."""
        adopted = self.model.objects.filter(
            prepared_from=OuterRef("pk"),
            status=ReportStatus.PUBLISHED,
            meeting__status=MeetingStatus.PUBLISHED,
        )
        return self.published().official().exclude(Exists(adopted))

    def latest_first(self) -> Self:
        return self.order_by("-date", "-pk")


class ProgressReport(models.Model):
    """A commitment's progress as reported at a date: history, never overwritten."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("commitment"),
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT_VALIDATORS)
    narrative = models.TextField(_("actions taken"), blank=True)
    no_progress = models.BooleanField(
        _("no progress since the previous meeting"),
        default=False,
        help_text=_("As the minutes record it: «لا تقدم منذ الاجتماع الأخير»."),
    )
    platform_status = models.CharField(
        _("tracking platform updated"),
        max_length=10,
        choices=PlatformStatus.choices,
        blank=True,
    )
    platform_note = models.TextField(
        _("tracking platform note"),
        blank=True,
        help_text=_("What remains to be entered on the tracking platform, if anything."),
    )
    schedule = models.TextField(_("new schedule for remaining activities"), blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("meeting"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    voice = models.CharField(
        _("reported by"),
        max_length=20,
        choices=ReportVoice.choices,
        default=ReportVoice.GOVERNMENT,
        help_text=_("The government's leads, or the commitment's civil-society co-leads."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # A meeting's row prepared from a lead's report, or from the previous meeting's
    # row when no report came since (meetings/cycle.py, `prepare_next_meeting`).
    prepared_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared from"),
    )
    # The minutes' status table, as the search of minutes reads it
    # (ogptracker/publishing/minutes_search.py).
    search_text = search_column(*translated(*REPORT_TEXTS))

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        # The table, its index and its constraint keep their names: the triggers of
        # meetings' migration 0004 name the table.
        db_table = "commitments_progresssnapshot"
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["commitment__plan__number", "commitment__number", "-date"]
        constraints = [
            percent_constraint("snapshot_percent_between_0_and_100"),
            models.CheckConstraint(
                condition=Q(voice__in=ReportVoice.values),
                name="report_voice_known",
                violation_error_message=_("A report is the government's or civil society's."),
            ),
            # A meeting's status table is the committee's official record.
            models.CheckConstraint(
                condition=Q(voice=ReportVoice.GOVERNMENT) | Q(meeting__isnull=True),
                name="civil_society_report_outside_meetings",
                violation_error_message=_(
                    "A civil-society co-lead's report is never a row of a meeting's status table."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["commitment", "status", "-date"], name="snapshot_latest_idx"),
        ]

    def __str__(self):
        return f"{self.commitment.number} — {self.date:%Y-%m-%d} — {self.percent} %"

    def clean(self) -> None:
        meeting = _meeting_of(self)
        if meeting is None:
            return
        if self.status == ReportStatus.PUBLISHED and not _minutes_published(meeting):
            raise ValidationError(
                {"status": _("A row of draft minutes is published with them, not before.")}
            )
        plan_id = meeting.committee.plan_id if meeting.committee_id else None
        if plan_id and self.commitment_id and self.commitment.plan_id != plan_id:
            raise ValidationError(
                {"commitment": _("This commitment belongs to another plan than the meeting's.")}
            )

    @property
    def is_published(self) -> bool:
        """As `ProgressReportQuerySet.published`, for a row in memory."""
        if self.status != ReportStatus.PUBLISHED:
            return False
        return self.meeting_id is None or self.meeting.is_published


def _meeting_of(row):
    """A row's meeting, also one not saved yet (a new meeting's form, with its rows inline)."""
    field = row._meta.get_field("meeting")
    if field.is_cached(row):
        return field.get_cached_value(row)
    return row.meeting if row.meeting_id else None


def _minutes_published(meeting):
    """Whether `meeting`'s minutes are published as saved: a form that withdraws them
    still shows their rows as published until the withdrawal takes them back."""
    if meeting.pk is None:
        return meeting.is_published
    return type(meeting).objects.filter(pk=meeting.pk, status=MeetingStatus.PUBLISHED).exists()


class ReviewComment(models.Model):
    """One word of the secretariat on a report: each return for revision adds one."""

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="review_comments",
        verbose_name=_("progress report"),
    )
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    written_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["report", "written_at", "pk"]

    def __str__(self):
        return self.text[:80]


class ActivityChange(models.Model):
    """A change to an activity proposed by a lead's report, made when the report is published.

    Until then the public sees the activity as it was: the secretariat
    validates activities with the report, as it does the progress figure.
    """

    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="activity_changes",
        verbose_name=_("progress report"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="proposed_changes",
        verbose_name=_("activity"),
    )
    status = models.CharField(_("status"), max_length=20, choices=ActivityStatus.choices)
    revised_end = models.DateField(_("revised end"), null=True, blank=True)
    # What the activity was when the change was made: the public change log tells both.
    status_before = models.CharField(
        _("status before"), max_length=20, choices=ActivityStatus.choices, blank=True
    )
    revised_end_before = models.DateField(_("revised end before"), null=True, blank=True)
    made_at = models.DateTimeField(
        _("made at"),
        null=True,
        blank=True,
        help_text=_("When the report was published and the activity changed."),
    )

    class Meta:
        verbose_name = _("activity change")
        verbose_name_plural = _("activity changes")
        ordering = ["activity__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "activity"], name="one_change_per_activity_per_report"
            ),
        ]

    def __str__(self):
        return str(self.activity)


def evidence_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.report.commitment_id}/{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress report"),
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
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

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.description or self.file.name.rsplit("/", 1)[-1]


class PlanProgressQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Figures recorded outside a meeting, or at a meeting whose minutes are published."""
        return self.filter(
            Q(meeting__isnull=True) | Q(meeting__status=MeetingStatus.PUBLISHED)
        ).select_related("meeting__committee")


class PlanProgress(models.Model):
    """A plan-level figure recorded by a committee (the minutes may give only a total)."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="progress_records",
        verbose_name=_("action plan"),
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), validators=PERCENT_VALIDATORS)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_progress",
        verbose_name=_("meeting"),
    )
    note = models.TextField(_("note"), blank=True)

    objects = PlanProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan progress")
        verbose_name_plural = _("plan progress records")
        ordering = ["plan__number", "-date"]
        constraints = [
            percent_constraint("plan_progress_percent_between_0_and_100"),
            models.UniqueConstraint(fields=["plan", "date"], name="unique_plan_progress_per_date"),
        ]

    def __str__(self):
        return f"{self.plan} — {self.date:%Y-%m-%d} — {self.percent} %"

    def clean(self) -> None:
        meeting = _meeting_of(self)
        if meeting is not None and meeting.committee_id and self.plan_id:
            plan_id = meeting.committee.plan_id
            if plan_id and plan_id != self.plan_id:
                raise ValidationError(
                    {"meeting": _("This meeting is of another plan's committee.")}
                )


class AwaitingReviewManager(models.Manager.from_queryset(ProgressReportQuerySet)):
    def get_queryset(self) -> ProgressReportQuerySet:
        return super().get_queryset().filter(status=ReportStatus.SUBMITTED)


class ReportAwaitingReview(ProgressReport):
    """The secretariat's review queue: submitted reports, as their own admin entry."""

    objects = AwaitingReviewManager()

    class Meta:
        proxy = True
        verbose_name = _("report awaiting review")
        verbose_name_plural = _("reports awaiting review")
