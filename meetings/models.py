from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.enums import MeetingStatus
from commitments.models import PlanProgress, ProgressReport
from ogptracker.common.bidi import NameField
from ogptracker.common.folding import search_column
from ogptracker.common.languages import translated

from .enums import (
    Attendance,
    CommitteeKind,
    Honorific,
    MeetingFormat,
    NextStepStatus,
    ParticipantRole,
)
from .querysets import CommitteeManager, MeetingQuerySet, MembershipQuerySet, NextStepQuerySet


def search_text(*names: str) -> models.GeneratedField:
    """What the public search of minutes reads (ogptracker/publishing/minutes_search.py): the
    translated fields in every language, folded."""
    return search_column(*translated(*names))


def hold_rows_of_another_plan(meetings: Iterable[int] | QuerySet["Meeting"], plan_id: int) -> bool:
    """Whether these meetings hold status rows or plan figures of another plan than `plan_id`."""
    return (
        ProgressReport.objects.filter(meeting__in=meetings)
        .exclude(commitment__plan=plan_id)
        .exists()
        or PlanProgress.objects.filter(meeting__in=meetings).exclude(plan=plan_id).exists()
    )


class Committee(models.Model):
    plan = models.ForeignKey(
        "commitments.ActionPlan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="committees",
        verbose_name=_("action plan"),
        help_text=_("Leave empty for a committee that serves all plans."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices)
    name = NameField(_("name"), max_length=300)

    objects = CommitteeManager()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["plan__number", "kind"]
        # `meeting.committee` is read with its plan too: the committee's name needs it.
        base_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind"], name="unique_committee_kind_per_plan"),
        ]

    def __str__(self):
        # Each plan has its «لجنة التنفيذ»: the plan tells them apart.
        if self.plan_id is None:
            return self.name
        return _("%(committee)s · plan %(number)s") % {
            "committee": self.name,
            "number": self.plan.number,
        }

    def clean(self) -> None:
        if self.pk and self.plan_id:
            if hold_rows_of_another_plan(self.meetings.all(), self.plan_id):
                raise ValidationError(
                    {"plan": _("Its meetings hold status rows or figures of another plan.")}
                )


class Meeting(models.Model):
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    sequence = models.PositiveSmallIntegerField(
        _("meeting number"),
        null=True,
        blank=True,
        help_text=_("2 for «the second meeting» of this committee, if the minutes number it."),
    )
    title = NameField(_("title"), max_length=300, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    place = NameField(_("place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = search_text("title")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "sequence", "date"], name="unique_meeting_per_committee_date"
            ),
        ]
        # The latest minutes first, read in that order: the search of minutes
        # walks them newest first and stops at the first ten that hold a word.
        indexes = [models.Index(fields=["-date", "-id"], name="meeting_latest_idx")]

    def __str__(self):
        return f"{self.committee} — {self.date:%Y-%m-%d}"

    def clean(self) -> None:
        plan_id = self.committee.plan_id if self.committee_id else None
        if self.pk and plan_id:
            if hold_rows_of_another_plan([self.pk], plan_id):
                raise ValidationError(
                    {"committee": _("The meeting holds status rows or figures of another plan.")}
                )

    @property
    def is_published(self) -> bool:
        return self.status == MeetingStatus.PUBLISHED


class Participant(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participants", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    group = models.CharField(
        _("group heading"),
        max_length=200,
        blank=True,
        help_text=_("For example «ممثلو المجتمع المدني بلجنة الإشراف»."),
    )
    honorific = models.CharField(
        _("honorific"),
        max_length=5,
        choices=Honorific.choices,
        blank=True,
        help_text=_("Also sets the gender of the role's wording in Arabic minutes."),
    )
    name = NameField(_("name"), max_length=200)
    function = NameField(_("title or function"), max_length=300, blank=True)
    organisation = NameField(_("organisation"), max_length=300, blank=True)
    role = models.CharField(
        _("role"), max_length=30, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )
    commitments = models.ManyToManyField(
        "commitments.Commitment",
        blank=True,
        related_name="participations",
        verbose_name=_("commitments in charge"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("user account"),
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.PRESENT
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A person's term on a standing committee, in the shape of Popolo's Membership:
    who, in which role, for which institution and commitments, from when to when.
    A meeting's participants are drawn from the members on its date."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("committee")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    group = models.CharField(
        _("group heading"),
        max_length=200,
        blank=True,
        help_text=_("For example «ممثلو المجتمع المدني بلجنة الإشراف»."),
    )
    honorific = models.CharField(
        _("honorific"),
        max_length=5,
        choices=Honorific.choices,
        blank=True,
        help_text=_("Also sets the gender of the role's wording in Arabic minutes."),
    )
    name = NameField(_("name"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("user account"),
        help_text=_("Leave the name empty to use the account's full name."),
    )
    role = models.CharField(
        _("role"), max_length=30, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )
    function = NameField(_("title or function"), max_length=300, blank=True)
    organisation = NameField(_("institution"), max_length=300, blank=True)
    commitments = models.ManyToManyField(
        "commitments.Commitment",
        blank=True,
        related_name="memberships",
        verbose_name=_("commitments in charge"),
    )
    start_date = models.DateField(_("start of term"))
    end_date = models.DateField(
        _("end of term"), null=True, blank=True, help_text=_("Empty while the term runs.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")
        ordering = ["committee", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="membership_names_a_person"),
            models.UniqueConstraint(
                fields=["committee", "name", "start_date"], name="unique_membership_term"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self) -> None:
        if not self.name and self.user_id:
            self.name = self.user.get_full_name() or self.user.get_username()
        if not self.name:
            raise ValidationError({"name": _("Name the member, or choose their account.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The term ends before it starts.")})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = NameField(_("title"), max_length=400)
    body = models.TextField(_("discussion"), blank=True)
    bullets = models.TextField(_("bullet points"), blank=True, help_text=_("One point per line."))
    search_text = search_text("title", "body", "bullets")

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="unique_agenda_item_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"

    @property
    def bullet_list(self) -> list[str]:
        return [line.strip() for line in self.bullets.splitlines() if line.strip()]


class NextStep(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="next_steps", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("next step"))
    owner = NameField(_("owner"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NextStepStatus.choices, default=NextStepStatus.OPEN
    )
    closed_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="closed_next_steps",
        verbose_name=_("closed at meeting"),
    )
    search_text = search_text("text")

    objects = NextStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="unique_next_step_order"),
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self) -> None:
        if self.closed_at_id and self.closed_at_id == self.meeting_id:
            raise ValidationError({"closed_at": _("A step is closed at a later meeting.")})
