"""OGP's minimum requirements for how a plan is run, checked against the tracked data.

Four rules, each with the day it falls due: the forum (the plan's steering
committee) meets at least every six months; the plan's public pages (the
repository) are updated at least twice a year; minutes are published within
a set number of days of their meeting; each self-assessment report is
published within a set time of the plan's midpoint and end. The periods are
settings (OGP_* in ogptracker/settings.py). A rule whose due date is near is
«due soon», one past it «missed».
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commitments.enums import MeetingStatus
from commitments.models import ActionPlan, PlanProgress, ProgressReport
from meetings.enums import CommitteeKind
from meetings.models import Meeting

from .enums import SelfAssessmentKind
from .models import SelfAssessmentReport
from .self_assessment import midpoint

HOLDS, DUE_SOON, MISSED = "holds", "due_soon", "missed"
STATE_LABELS = {
    # Translators: state of a minimum requirement of OGP.
    HOLDS: pgettext_lazy("requirement", "Met"),
    # Translators: state of a minimum requirement of OGP.
    DUE_SOON: pgettext_lazy("requirement", "Due soon"),
    # Translators: state of a minimum requirement of OGP.
    MISSED: pgettext_lazy("requirement", "Missed"),
}
RULES = {
    "forum": _("The forum meets at least every six months"),
    "repository": _("The plan's public pages are updated at least twice a year"),
    "minutes": _("Minutes are published soon after their meeting"),
    SelfAssessmentKind.MID_TERM: _("The mid-term self-assessment report is published on time"),
    SelfAssessmentKind.END_OF_TERM: _(
        "The end-of-term self-assessment report is published on time"
    ),
}


@dataclass(frozen=True)
class Check:
    rule: str
    state: str
    # The day by which the next meeting, update or publication is due, if any.
    due: datetime.date | None
    # The fact the state follows from (the forum's last meeting, say).
    since: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(RULES[self.rule])

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def _state(due: datetime.date | None, today: datetime.date) -> str:
    if due is None or due - today > datetime.timedelta(days=settings.OGP_WARNING_DAYS):
        return HOLDS
    return MISSED if due < today else DUE_SOON


def _days(count: int) -> datetime.timedelta:
    return datetime.timedelta(days=count)


def check_plans(plans: Iterable[ActionPlan], today: datetime.date) -> dict[int, list[Check]]:
    """Each plan's checks, by plan id: six queries however many plans."""
    plans = list(plans)
    ids = [plan.pk for plan in plans]
    forum = dict(
        Meeting.objects.filter(
            committee__plan__in=ids,
            committee__kind=CommitteeKind.STEERING,
            status=MeetingStatus.PUBLISHED,
            date__lte=today,
        )
        .values("committee__plan")
        .annotate(last=Max("date"))
        .values_list("committee__plan", "last")
    )
    meetings = defaultdict(list)
    publications = Meeting.history.filter(status=MeetingStatus.PUBLISHED).values("id")
    first_published = dict(
        publications.annotate(first=Min("history_date")).values_list("id", "first")
    )
    for meeting_id, plan_id, date, status in Meeting.objects.filter(
        committee__plan__in=ids, date__lte=today
    ).values_list("pk", "committee__plan", "date", "status"):
        published = first_published.get(meeting_id) if status == MeetingStatus.PUBLISHED else None
        meetings[plan_id].append((date, published.date() if published else None))
    updates = _last_updates(ids, today)
    records = {
        (record.plan_id, record.kind): record
        for record in SelfAssessmentReport.objects.filter(plan__in=ids)
    }
    checks = {}
    for plan in plans:
        last_forum = forum.get(plan.pk)
        forum_due = (last_forum or plan.start) + _days(settings.OGP_FORUM_EVERY_DAYS)
        last_update = updates.get(plan.pk)
        update_due = (last_update or plan.start) + _days(settings.OGP_UPDATE_EVERY_DAYS)
        checks[plan.pk] = [
            Check("forum", _state(forum_due, today), forum_due, last_forum),
            Check("repository", _state(update_due, today), update_due, last_update),
            _minutes_check(meetings[plan.pk], today),
            *(_self_assessment_check(plan, kind, records, today) for kind in SelfAssessmentKind),
        ]
    return checks


def _last_updates(ids, today):
    """The day each plan's public pages last changed: a published report, minutes, a figure."""
    last = defaultdict(lambda: datetime.date.min)
    sources = [
        ProgressReport.objects.published()
        .filter(commitment__plan__in=ids, date__lte=today)
        .values("commitment__plan")
        .annotate(last=Max("date"))
        .values_list("commitment__plan", "last"),
        PlanProgress.objects.public()
        .filter(plan__in=ids, date__lte=today)
        .values("plan")
        .annotate(last=Max("date"))
        .values_list("plan", "last"),
    ]
    for source in sources:
        for plan_id, date in source:
            last[plan_id] = max(last[plan_id], date)
    return dict(last)


def _minutes_check(meetings, today):
    """Missed if a meeting of the last year waited longer than allowed for its minutes."""
    allowed = _days(settings.OGP_MINUTES_WITHIN_DAYS)
    year_ago = today - _days(365)
    waiting = [date + allowed for date, published in meetings if published is None]
    late = [
        date
        for date, published in meetings
        if date >= year_ago and published is not None and published - date > allowed
    ]
    due = min(waiting, default=None)
    state = _state(due, today)
    if late and state != MISSED:
        return Check("minutes", MISSED, due, max(late))
    return Check("minutes", state, due, max(late, default=None))


def _self_assessment_check(plan, kind, records, today):
    record = records.get((plan.pk, kind))
    published = record.published_on if record else None
    start = midpoint(plan) if kind == SelfAssessmentKind.MID_TERM else plan.end
    due = start + _days(settings.OGP_SELF_ASSESSMENT_WITHIN_DAYS)
    if published is not None:
        return Check(kind, MISSED if published > due else HOLDS, None, published)
    return Check(kind, _state(due, today), due)
