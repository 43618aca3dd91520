"""Citizens' accounts, their questions and the answers, followers and what they are told.

A question is about a commitment, or about one of its published reports; the
secretariat moderates it (`steps.moderate`), the commitment's lead or the
secretariat answers it for an institution. A follower is an e-mail address
confirmed by a link (double opt-in), following a commitment, a plan or a
committee; each `Notice` is one thing they are told about, by e-mail and in
the target's Atom feed.
"""

from typing import Self

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import ActionPlan, Commitment, Institution, ProgressReport
from meetings.models import Committee, Meeting
from ogptracker.common.bidi import NameField

from .enums import FollowTarget, NoticeKind, QuestionStatus

QUESTION_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 5000


class Citizen(models.Model):
    """What a signed-up citizen or civil-society member adds to their account.

    Their account holds no group and no admin flag: it reaches only their own
    questions. Their e-mail address (the account's) is never shown.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="citizen",
        verbose_name=_("account"),
    )
    name = NameField(_("public name"), max_length=100, help_text=_("Shown with your questions."))
    organisation = NameField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("The association you speak for, if any."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    email_verified_at = models.DateTimeField(_("e-mail address verified at"), null=True)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="citizen_named")]

    def __str__(self):
        return self.name

    @property
    def verified(self) -> bool:
        return self.email_verified_at is not None


class QuestionQuerySet(models.QuerySet):
    def public(self) -> Self:
        return self.filter(status=QuestionStatus.PUBLISHED)

    def with_answers(self) -> Self:
        """Each question's answers as `thread_answers`, with the institution each is for."""
        return self.select_related("report").prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related("institution"),
                to_attr="thread_answers",
            )
        )

    def thread(self) -> Self:
        """A commitment's public thread: published questions, oldest first, with answers."""
        return self.public().with_answers().order_by("published_at", "pk")

    def unanswered(self) -> Self:
        return self.public().exclude(Exists(Answer.objects.filter(question=OuterRef("pk"))))

    def for_answerer(self, user: User) -> Self:
        """The published questions on the commitments `user` may answer for."""
        return self.public().filter(commitment__in=Commitment.objects.for_user(user))

    def held(self) -> Self:
        return self.filter(status=QuestionStatus.HELD)


def waiting_count():
    """For a commitment queryset's annotate(): its published questions still unanswered."""
    counted = (
        Question.objects.unanswered()
        .filter(commitment=OuterRef("pk"))
        .order_by()
        .values("commitment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)


class Question(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("commitment"),
    )
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("progress report"),
        help_text=_("The published report the question is about, if any."),
    )
    # Emptied, and the name with it, when the asker deletes their account: the text stays.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("asked by"),
    )
    author_name = models.CharField(_("name shown"), max_length=100, blank=True)
    author_organisation = models.CharField(_("organisation shown"), max_length=200, blank=True)
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.HELD
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderation_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Shown to the asker when a question is refused.")
    )
    history = HistoricalRecords()

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="question_not_empty"),
            models.CheckConstraint(
                condition=~Q(status=QuestionStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="published_question_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status=QuestionStatus.REFUSED) | ~Q(moderation_reason=""),
                name="refused_question_says_why",
            ),
        ]
        indexes = [models.Index(fields=["commitment", "status"], name="question_thread_idx")]

    def __str__(self):
        return f"{self.commitment} · {self.created_at:%Y-%m-%d}"

    @property
    def is_published(self) -> bool:
        return self.status == QuestionStatus.PUBLISHED

    @property
    def first_answer(self) -> "Answer | None":
        """From the answers loaded by `with_answers()`."""
        return self.thread_answers[0] if self.thread_answers else None


class Answer(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    # Empty for the secretariat, which answers for the committee.
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("for the institution"),
    )
    author_name = models.CharField(_("name shown"), max_length=300, blank=True)
    text = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="answer_not_empty")]

    def __str__(self):
        return f"{self.question} · {self.created_at:%Y-%m-%d}"


class FollowQuerySet(models.QuerySet):
    def confirmed(self) -> Self:
        return self.filter(confirmed_at__isnull=False)

    def of_notice(self, notice: "Notice") -> Self:
        """The confirmed follows that `notice` concerns: of its plan, its committee or
        one of its commitments."""
        targets = Q(commitment__in=notice.commitments.values("pk"))
        if notice.plan_id:
            targets |= Q(plan_id=notice.plan_id)
        if notice.committee_id:
            targets |= Q(committee_id=notice.committee_id)
        return self.confirmed().filter(targets)


class Follow(models.Model):
    """An address that follows a commitment, a plan or a committee, once confirmed."""

    email = models.EmailField(_("e-mail address"))
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("commitment"),
    )
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("action plan"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("committee"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(commitment__isnull=False, plan__isnull=True, committee__isnull=True)
                | Q(commitment__isnull=True, plan__isnull=False, committee__isnull=True)
                | Q(commitment__isnull=True, plan__isnull=True, committee__isnull=False),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["email", "commitment"],
                condition=Q(commitment__isnull=False),
                name="follow_commitment_once",
            ),
            models.UniqueConstraint(
                fields=["email", "plan"], condition=Q(plan__isnull=False), name="follow_plan_once"
            ),
            models.UniqueConstraint(
                fields=["email", "committee"],
                condition=Q(committee__isnull=False),
                name="follow_committee_once",
            ),
        ]

    def __str__(self):
        return str(self.target)

    @property
    def target(self) -> Commitment | ActionPlan | Committee:
        return self.commitment or self.plan or self.committee

    @property
    def target_kind(self) -> FollowTarget:
        if self.commitment_id:
            return FollowTarget.COMMITMENT
        if self.plan_id:
            return FollowTarget.PLAN
        return FollowTarget.COMMITTEE


class NoticeQuerySet(models.QuerySet):
    def still_public(self) -> Self:
        """Without the reports and minutes taken back since (a meeting withdrawn)."""
        return self.exclude(
            Q(kind=NoticeKind.REPORT_PUBLISHED) & ~Q(report__status=ReportStatus.PUBLISHED)
        ).exclude(
            Q(kind=NoticeKind.MINUTES_PUBLISHED) & ~Q(meeting__status=MeetingStatus.PUBLISHED)
        )

    def for_feed(self) -> Self:
        return self.select_related(
            "plan",
            "committee",
            "meeting__committee",
            "report__commitment__plan",
            "report__commitment__lead_institution",
        ).order_by("-created_at", "-pk")

    def of_commitment(self, commitment: Commitment) -> Self:
        return self.filter(commitments=commitment)

    def of_plan(self, plan: ActionPlan) -> Self:
        return self.filter(plan=plan)

    def of_committee(self, committee: Committee) -> Self:
        return self.filter(committee=committee)


class Notice(models.Model):
    """Something followers are told: a report or minutes published, a meeting set."""

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    # Empty for a committee of no plan (the forum, say).
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("action plan"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("committee"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("meeting"),
    )
    report = models.ForeignKey(
        ProgressReport,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("progress report"),
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="notices", verbose_name=_("commitments")
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice to followers")
        verbose_name_plural = _("notices to followers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=NoticeKind.REPORT_PUBLISHED, report__isnull=False)
                | Q(kind__in=[NoticeKind.MINUTES_PUBLISHED, NoticeKind.MEETING_SCHEDULED])
                & Q(meeting__isnull=False, committee__isnull=False),
                name="notice_has_its_subject",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d}"
