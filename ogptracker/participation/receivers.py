"""Followers' notices from the reporting cycle's signals (commitments/signals.py,
meetings/signals.py), which it sends once its transaction has committed."""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction

from commitments.signals import report_published
from meetings.signals import meeting_scheduled, minutes_published

from . import notices
from .enums import NoticeKind
from .models import Citizen, Notice


@transaction.atomic
def on_report_published(sender, report, **kwargs) -> Notice:
    notice = Notice.objects.create(
        kind=NoticeKind.REPORT_PUBLISHED, plan_id=report.commitment.plan_id, report=report
    )
    notice.commitments.add(report.commitment_id)
    notices.queue(notices.send_notice, notice.pk)
    return notice


@transaction.atomic
def on_minutes_published(sender, meeting, rows, **kwargs) -> Notice:
    notice = Notice.objects.create(
        kind=NoticeKind.MINUTES_PUBLISHED,
        plan_id=meeting.committee.plan_id,
        committee_id=meeting.committee_id,
        meeting=meeting,
    )
    notice.commitments.add(*{row.commitment_id for row in rows})
    notices.queue(notices.send_notice, notice.pk)
    return notice


@transaction.atomic
def on_meeting_scheduled(sender, meeting, **kwargs) -> Notice:
    notice = Notice.objects.create(
        kind=NoticeKind.MEETING_SCHEDULED,
        plan_id=meeting.committee.plan_id,
        committee_id=meeting.committee_id,
        meeting=meeting,
    )
    notices.queue(notices.send_notice, notice.pk)
    return notice


def remember_citizen(sender, request, user, **kwargs) -> None:
    """The menu links a citizen to «My questions», a lead to «My commitments», without a
    query on every page."""
    if request is not None and hasattr(request, "session"):
        request.session["citizen"] = Citizen.objects.filter(user=user).exists()


def connect() -> None:
    report_published.connect(on_report_published, dispatch_uid="participation.report")
    minutes_published.connect(on_minutes_published, dispatch_uid="participation.minutes")
    meeting_scheduled.connect(on_meeting_scheduled, dispatch_uid="participation.meeting")
    user_logged_in.connect(remember_citizen, dispatch_uid="participation.citizen")
