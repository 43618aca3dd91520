"""Loading plans for meetings: what the minutes and the list read, in fixed queries."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import ActionPlan, Commitment, PlanProgress, ProgressReport

from .enums import Attendance, NextStepStatus

if TYPE_CHECKING:
    from .models import Meeting


def change_marks(meeting: "Meeting") -> tuple[object, ...]:
    """The marks annotated by `with_change_marks()`, in a fixed order."""
    return tuple(getattr(meeting, name) for name in CHANGE_MARKS)


CHANGE_MARKS = [
    "mark_meeting",
    "mark_participants",
    "mark_agenda",
    "mark_reports",
    "mark_report_count",
    "mark_plan_progress",
    "mark_commitments",
    "mark_next_steps",
    "mark_meetings",
    "mark_committee",
    "mark_plan",
]


class MeetingQuerySet(models.QuerySet):
    def published(self) -> Self:
        return self.filter(status=MeetingStatus.PUBLISHED)

    def next_by_plan(self, plan_ids: Iterable[int], today: datetime.date) -> dict[int, "Meeting"]:
        """Each plan's next meeting, by plan id: the earliest of its committees'
        meetings dated `today` or later whose minutes are still a draft."""
        upcoming = (
            self.filter(status=MeetingStatus.DRAFT, date__gte=today, committee__plan__in=plan_ids)
            .select_related("committee")
            .order_by("date", "sequence", "pk")
        )
        found = {}
        for meeting in upcoming:
            found.setdefault(meeting.committee.plan_id, meeting)
        return found

    def attach_next_to_plans(
        self, commitments: list[Commitment], today: datetime.date
    ) -> list[Commitment]:
        """Set `next_meeting` (or None) on the loaded plan of each of `commitments`."""
        next_meetings = self.next_by_plan({c.plan_id for c in commitments}, today)
        for commitment in commitments:
            commitment.plan.next_meeting = next_meetings.get(commitment.plan_id)
        return commitments

    def for_list(self) -> Self:
        """Newest plan first, then each committee's meetings newest first."""
        return self.select_related("committee__plan").order_by(
            models.F("committee__plan__number").desc(nulls_last=True),
            "committee__kind",
            "committee_id",
            "-date",
            "-sequence",
            "-pk",
        )

    def for_minutes(self, *, include_drafts: bool = False) -> Self:
        """Everything the minutes print, each relation in one query.

        Public readers see published reports only; the secretariat previews
        the draft rows it is still typing.
        """
        from .models import NextStep, Participant

        reports = ProgressReport.objects.select_related("commitment__plan").order_by(
            "commitment__number", "pk"
        )
        if not include_drafts:
            reports = reports.filter(status=ReportStatus.PUBLISHED)
        # The minutes list who attended; members who sent apologies are not participants.
        participants = Participant.objects.filter(attendance=Attendance.PRESENT)
        participants = participants.order_by("order", "pk").prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.order_by("number"),
                to_attr="commitments_in_charge",
            )
        )
        return self.select_related("committee__plan").prefetch_related(
            Prefetch("participants", queryset=participants, to_attr="participant_list"),
            Prefetch("agenda_items", to_attr="agenda"),
            Prefetch("reports", queryset=reports, to_attr="status_rows"),
            Prefetch(
                "plan_progress",
                queryset=PlanProgress.objects.select_related("plan").order_by("plan__number"),
                to_attr="plan_figures",
            ),
            Prefetch(
                "next_steps",
                queryset=NextStep.objects.order_by("order"),
                to_attr="next_step_list",
            ),
        )

    def with_change_marks(self) -> Self:
        """Annotate the latest change of everything the minutes print.

        Rows that carry no `updated_at` are followed through their history
        tables, which also record deletions. A rendered PDF is valid as long
        as these marks are the same.
        """
        from .models import AgendaItem, Committee, Meeting, NextStep, Participant

        def latest(rows, field="history_date"):
            return Subquery(rows.order_by(f"-{field}").values(field)[:1])

        meeting = OuterRef("pk")
        return self.annotate(
            mark_meeting=models.F("updated_at"),
            mark_participants=latest(Participant.history.filter(meeting_id=meeting)),
            mark_agenda=latest(AgendaItem.history.filter(meeting_id=meeting)),
            mark_reports=latest(ProgressReport.history.filter(meeting_id=meeting)),
            # A report moved to another meeting leaves no history row here.
            mark_report_count=Subquery(
                ProgressReport.objects.filter(meeting=meeting)
                .order_by()
                .values("meeting")
                .annotate(count=Count("pk"))
                .values("count")
            ),
            mark_plan_progress=latest(PlanProgress.history.filter(meeting_id=meeting)),
            mark_commitments=latest(
                Commitment.objects.filter(reports__meeting=meeting), "updated_at"
            ),
            # This meeting's next steps and the earlier ones still open.
            mark_next_steps=latest(
                NextStep.history.filter(meeting__committee_id=OuterRef("committee_id"))
            ),
            # Earlier meetings published or withdrawn change the open next steps.
            mark_meetings=latest(Meeting.history.filter(committee_id=OuterRef("committee_id"))),
            mark_committee=latest(Committee.history.filter(id=OuterRef("committee_id"))),
            mark_plan=latest(ActionPlan.history.filter(id=OuterRef("committee__plan_id"))),
        )


class NextStepQuerySet(models.QuerySet):
    def published(self) -> Self:
        """Next steps of published minutes."""
        return self.filter(meeting__status=MeetingStatus.PUBLISHED)

    def open_in_plan(self, plan: ActionPlan | int) -> Self:
        """The plan's committees' published next steps still open: soonest due
        first (those without a date last), then oldest meeting first."""
        return (
            self.published()
            .filter(status=NextStepStatus.OPEN, meeting__committee__plan=plan)
            .select_related("meeting__committee")
            .order_by(
                models.F("due_date").asc(nulls_last=True), "meeting__date", "meeting_id", "order"
            )
        )

    def past_due(self, today: datetime.date) -> Self:
        """Steps still open after their due date."""
        return self.filter(status=NextStepStatus.OPEN, due_date__lt=today)

    def open_before(self, meeting: "Meeting", *, include_drafts: bool = False) -> Self:
        """Next steps of the committee's earlier meetings that were still open at `meeting`.

        A step closed at a later meeting was still open then, so the minutes
        of a past meeting keep reading as they did on the day.
        """
        earlier = Q(meeting__committee_id=meeting.committee_id) & (
            Q(meeting__date__lt=meeting.date)
            | Q(meeting__date=meeting.date, meeting__sequence__lt=meeting.sequence or 0)
        )
        still_open = (Q(status=NextStepStatus.OPEN) & ~Q(closed_at__date__lte=meeting.date)) | Q(
            closed_at__date__gt=meeting.date
        )
        steps = self.filter(earlier & still_open)
        if not include_drafts:
            steps = steps.published()
        return steps.select_related("meeting").order_by("meeting__date", "meeting_id", "order")


class CommitteeQuerySet(models.QuerySet):
    """Committees are read with their plan: a committee is named with it («… · plan 2»)."""


class CommitteeManager(models.Manager.from_queryset(CommitteeQuerySet)):
    def get_queryset(self) -> CommitteeQuerySet:
        return super().get_queryset().select_related("plan")


class MembershipQuerySet(models.QuerySet):
    def on(self, date: datetime.date) -> Self:
        """The members whose term covers `date` (an open term has no end date)."""
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=date), start_date__lte=date)
