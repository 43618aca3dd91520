"""Reminders to project leads of the reports they owe.

A lead owes a report on a commitment of a plan under way when its committee
has met since the commitment's last report (submitted or published), or when
one of its activities is past its end date unfinished: what «My commitments»
flags. Each active lead with an address gets one e-mail listing every such
commitment with a link to its report form, in Arabic then French like the
review notices (`commitments/notices.py`).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from commitments.enums import PlanStatus
from commitments.models import Commitment
from commitments.notices import bilingual, name_of
from meetings.models import Meeting

from .due import with_due_items

UNDER_WAY = [PlanStatus.ACTIVE, PlanStatus.EXTENDED]


@dataclass
class Reminder:
    lead: object
    commitments: list = field(default_factory=list)

    @property
    def next_meetings(self) -> list[Meeting]:
        """The next meeting of each plan of the listed commitments, in plan order."""
        meetings = [commitment.plan.next_meeting for commitment in self.commitments]
        return list(dict.fromkeys(meeting for meeting in meetings if meeting is not None))


def owing(today: datetime.date | None = None) -> QuerySet[Commitment]:
    """Commitments of plans under way, annotated with what their leads owe
    (`with_due_items`)."""
    return with_due_items(Commitment.objects.filter(plan__status__in=UNDER_WAY), today)


OWES_REPORT = Q(report_due=True)
OWES_ACTIVITIES = Q(overdue_activities__gt=0)


def due_reminders(today: datetime.date | None = None, plan: int | None = None) -> list[Reminder]:
    """One Reminder per lead owing at least one report, leads and commitments in order."""
    leads = get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk")
    commitments = (
        owing(today)
        .filter(OWES_REPORT | OWES_ACTIVITIES)
        .select_related("plan")
        .prefetch_related(Prefetch("leads", queryset=leads, to_attr="reminded_leads"))
        .order_by("plan__number", "number")
    )
    if plan is not None:
        commitments = commitments.filter(plan__number=plan)
    commitments = Meeting.objects.attach_next_to_plans(
        list(commitments), today or timezone.localdate()
    )
    reminders = {}
    for commitment in commitments:
        for lead in commitment.reminded_leads:
            reminders.setdefault(lead.pk, Reminder(lead)).commitments.append(commitment)
    return [reminders[pk] for pk in sorted(reminders)]


def reasons(commitment: Commitment) -> str:
    """Why the commitment is listed, in the active language."""
    found = []
    if commitment.report_due:
        date = date_format(commitment.last_meeting_date, "j F Y")
        found.append(gettext("No report since the meeting of %(date)s") % {"date": date})
    if commitment.overdue_activities:
        count = commitment.overdue_activities
        found.append(
            ngettext(
                "%(count)s activity past its end date",
                "%(count)s activities past their end date",
                count,
            )
            % {"count": count}
        )
    return "; ".join(found)


def message(reminder: Reminder, site: str) -> EmailMessage:
    def context():
        return {
            "lead": name_of(reminder.lead),
            "commitments": [
                (
                    commitment,
                    reasons(commitment),
                    site + reverse("leads:commitment_update", args=[commitment.pk]),
                )
                for commitment in reminder.commitments
            ],
            "next_meetings": reminder.next_meetings,
            "my_commitments": site + reverse("leads:my_commitments"),
        }

    subject, body = bilingual("reminder", context)
    return EmailMessage(subject, body, to=[reminder.lead.email])


def send_reminders(
    site: str, today: datetime.date | None = None, plan: int | None = None, dry_run: bool = False
) -> list[Reminder]:
    """E-mail every lead who owes a report (none when `dry_run`); the reminders."""
    reminders = due_reminders(today, plan)
    if reminders and not dry_run:
        get_connection().send_messages([message(reminder, site) for reminder in reminders])
    return reminders
