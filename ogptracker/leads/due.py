"""What a project lead owes on their commitments, for their page and the reminders."""

import datetime

from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import Activity, Commitment, ProgressReport
from meetings.models import Meeting


def with_due_items(
    commitments: QuerySet[Commitment], today: datetime.date | None = None
) -> QuerySet[Commitment]:
    """`commitments` annotated with what their project leads owe.

    The activities overdue as reported, the last published meeting of the
    plan's committees and the last report: a report is due when the
    committee met since the last one.
    """
    today = today or timezone.localdate()
    overdue = (
        Activity.objects.filter(commitment=OuterRef("pk"))
        .overdue_as_reported(today)
        .order_by()
        .values("commitment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    last_meeting = Meeting.objects.filter(
        Q(committee__plan=OuterRef("plan")) | Q(committee__plan__isnull=True),
        status=MeetingStatus.PUBLISHED,
        date__lte=today,
    ).order_by("-date")
    reported = (
        ProgressReport.objects.filter(commitment=OuterRef("pk"))
        .exclude(status=ReportStatus.DRAFT)
        .latest_first()
    )
    in_progress = (
        ProgressReport.objects.filter(commitment=OuterRef("pk")).by_leads().open().latest_first()
    )
    return commitments.annotate(
        overdue_activities=Coalesce(Subquery(overdue), 0),
        last_meeting_date=Subquery(last_meeting.values("date")[:1]),
        last_report_date=Subquery(reported.values("date")[:1]),
        open_report_status=Subquery(in_progress.values("status")[:1]),
    ).annotate(
        report_due=Case(
            When(
                Q(last_meeting_date__isnull=False)
                & (
                    Q(last_report_date__isnull=True)
                    | Q(last_report_date__lt=F("last_meeting_date"))
                ),
                then=True,
            ),
            default=False,
            output_field=models.BooleanField(),
        )
    )
