"""What waits for the secretariat, listed on the admin's first page.

Each line counts one kind of work and links to the admin list that holds it:
reports to review, questions from the public to moderate, reports back with
their leads, published reports without their French version, draft minutes,
commitments of plans under way owing a report or with activities past their
end date (what reminders are sent about,
ogptracker/leads/reminders.py), the committees' next steps past their due date,
OGP's minimum requirements due soon or missed (ogptracker/ogpcycle/monitor.py),
and the public texts still to translate into each language, which each plan's
«Translations» page exports and imports (ogptracker/spreadsheets/translations.py).
Lines with nothing to count are left out, as are those whose list the user
may not see.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from commitments.enums import MeetingStatus, PlanStatus, ReportStatus
from commitments.models import ActionPlan, ProgressReport, french_missing
from meetings.models import Meeting, NextStep
from ogptracker.leads import reminders
from ogptracker.ogpcycle import monitor
from ogptracker.ogpcycle.enums import SelfAssessmentKind
from ogptracker.participation.enums import QuestionStatus
from ogptracker.participation.models import Question
from ogptracker.spreadsheets import translations


@dataclass
class Task:
    text: str
    url: str


def tasks(user: User | AnonymousUser, today: datetime.date | None = None) -> list[Task]:
    """The lines of work waiting, for `user`: a Task each. Twenty-three queries:
    twelve, and one per kind of translated record (translations.KINDS)."""
    today = today or timezone.localdate()
    found = []

    def add(count, text, model, **filters):
        app_label, model_name = model.split(".")
        if count and user.has_perm(f"{app_label}.view_{model_name}"):
            url = reverse(f"admin:{app_label}_{model_name}_changelist")
            if filters:
                url += "?" + urlencode(filters)
            found.append(Task(text % {"count": count}, url))

    reports = ProgressReport.objects.aggregate(
        submitted=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
        returned=Count("pk", filter=Q(status=ReportStatus.RETURNED)),
        french=Count("pk", filter=Q(status=ReportStatus.PUBLISHED) & french_missing()),
    )
    add(
        reports["submitted"],
        ngettext_lazy(
            "%(count)s report awaits review",
            "%(count)s reports await review",
            "count",
        ),
        "commitments.reportawaitingreview",
    )
    add(
        reports["returned"],
        ngettext_lazy(
            "%(count)s report is back with its lead for revision",
            "%(count)s reports are back with their leads for revision",
            "count",
        ),
        "commitments.progressreport",
        status__exact=ReportStatus.RETURNED,
    )
    add(
        reports["french"],
        ngettext_lazy(
            "%(count)s published report lacks its French version",
            "%(count)s published reports lack their French version",
            "count",
        ),
        "commitments.progressreport",
        status__exact=ReportStatus.PUBLISHED,
        french="missing",
    )
    add(
        Meeting.objects.filter(status=MeetingStatus.DRAFT).count(),
        ngettext_lazy(
            "%(count)s meeting's minutes are a draft",
            "%(count)s meetings' minutes are drafts",
            "count",
        ),
        "meetings.meeting",
        status__exact=MeetingStatus.DRAFT,
    )
    owed = reminders.owing(today).aggregate(
        report=Count("pk", filter=reminders.OWES_REPORT),
        activities=Count("pk", filter=reminders.OWES_ACTIVITIES),
    )
    add(
        owed["report"],
        ngettext_lazy(
            "%(count)s commitment owes a report since its committee's last meeting",
            "%(count)s commitments owe a report since their committee's last meeting",
            "count",
        ),
        "commitments.commitment",
        owes="report",
    )
    add(
        owed["activities"],
        ngettext_lazy(
            "%(count)s commitment has activities past their end date",
            "%(count)s commitments have activities past their end date",
            "count",
        ),
        "commitments.commitment",
        owes="activities",
    )
    add(
        NextStep.objects.past_due(today).count(),
        ngettext_lazy(
            "%(count)s next step is past its due date",
            "%(count)s next steps are past their due date",
            "count",
        ),
        "meetings.nextstep",
        due="past",
    )
    add(
        Question.objects.held().count(),
        ngettext_lazy(
            "%(count)s question from the public awaits moderation",
            "%(count)s questions from the public await moderation",
            "count",
        ),
        "participation.question",
        status__exact=QuestionStatus.HELD,
    )
    if user.has_perm("ogpcycle.view_selfassessmentreport"):
        found += requirement_tasks(today)
    if user.has_perm("commitments.change_actionplan"):
        for language, count in translations.missing_counts().items():
            add(count, UNTRANSLATED[language], "commitments.actionplan")
    return found


# Texts written in Arabic whose version in the language is empty, by language.
UNTRANSLATED = {
    "zgh": ngettext_lazy(
        "%(count)s public text lacks its Amazigh version",
        "%(count)s public texts lack their Amazigh version",
        "count",
    ),
    "fr": ngettext_lazy(
        "%(count)s public text lacks its French version",
        "%(count)s public texts lack their French version",
        "count",
    ),
    "en": ngettext_lazy(
        "%(count)s public text lacks its English version",
        "%(count)s public texts lack their English version",
        "count",
    ),
}


REQUIREMENT_TASK = {
    monitor.DUE_SOON: _("%(plan)s: %(rule)s — due by %(date)s"),
    monitor.MISSED: _("%(plan)s: %(rule)s — missed"),
}


def requirement_tasks(today: datetime.date) -> list[Task]:
    """OGP's minimum requirements due soon or missed, for plans under way and for
    self-assessment reports not yet published. Seven queries however many plans."""
    plans = {plan.pk: plan for plan in ActionPlan.objects.all()}
    found = []
    for plan_id, checks in monitor.check_plans(plans.values(), today).items():
        plan = plans[plan_id]
        under_way = plan.status in (PlanStatus.ACTIVE, PlanStatus.EXTENDED)
        for check in checks:
            if check.state == monitor.HOLDS:
                continue
            if not under_way and check.rule not in SelfAssessmentKind.values:
                continue
            text = REQUIREMENT_TASK[check.state] % {
                "plan": plan.title,
                "rule": check.label,
                "date": date_format(check.due, "j F Y") if check.due else "",
            }
            url = reverse("commitments:plan_governance", args=[plan.number])
            found.append(Task(text, f"{url}#rule-{check.rule}"))
    return found
