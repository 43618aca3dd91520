"""The admin's first page lists what waits for the secretariat, each line a link to it."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.enums import MeetingStatus, PlanStatus, ReportStatus
from meetings.enums import NextStepStatus
from ogptracker.participation.enums import QuestionStatus
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_plan,
    make_question,
    make_report,
    make_user,
)

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2025, 3, 18)


def make_work(size=1):
    """`size` of each kind of work, and as much that is not waiting."""
    plan = make_plan(status=PlanStatus.ACTIVE)
    closed = make_plan(status=PlanStatus.CLOSED)
    committee = make_committee(plan=plan)
    meeting = make_meeting(committee, date=MEETING_DAY)
    make_meeting(make_committee(plan=closed), date=MEETING_DAY)
    for index in range(size):
        make_report(make_commitment(plan), status=ReportStatus.SUBMITTED, date=MEETING_DAY)
        make_report(make_commitment(plan), status=ReportStatus.RETURNED, date=MEETING_DAY)
        make_meeting(
            committee,
            date=datetime.date(2025, 6, 1) + datetime.timedelta(days=index),
            status=MeetingStatus.DRAFT,
        )
        # Reported before the meeting, with an activity past its end.
        late = make_commitment(plan)
        make_report(late, date=datetime.date(2025, 1, 10))
        make_activity(late, planned_end=datetime.date(2025, 2, 28))
        make_next_step(meeting, due_date=datetime.date(2025, 4, 30))
        make_report(make_commitment(closed), narrative="نص التقرير")  # no French
        # Not waiting: reported since the meeting, a closed plan, a step done,
        # a report in both languages.
        make_report(make_commitment(plan), date=datetime.date(2025, 3, 25))
        make_report(make_commitment(closed), narrative="نص التقرير", narrative_fr="Le texte")
        make_next_step(meeting, due_date=datetime.date(2025, 4, 30), status=NextStepStatus.DONE)
        # Held for moderation; a published question is not waiting.
        make_question(status=QuestionStatus.HELD)
        make_question()
    return plan


def work_to_do(client):
    page = client.get(reverse("admin:index")).content.decode()
    module = page[page.index('id="work-to-do"') :]
    module = module[: module.index("</div>")]
    return {
        " ".join(re.sub(r"<[^>]+>", "", text).split()): url.replace("&amp;", "&")
        for url, text in re.findall(r'<li><a href="([^"]+)">(.*?)</a></li>', module)
    }


def test_the_first_page_counts_each_kind_of_work_and_links_to_it(client, secretariat):
    make_work(size=2)
    client.force_login(secretariat)

    lines = work_to_do(client)

    # OGP's minimum requirements have their own tests (tests/ogpcycle/test_monitor.py),
    # the texts to translate theirs (tests/test_translations_spreadsheet.py).
    assert {
        text: url
        for text, url in lines.items()
        if "/how-it-is-run/" not in url and "/actionplan/" not in url
    } == {
        "2 تقريران في انتظار المراجعة": changelist("commitments/reportawaitingreview"),
        "2 تقريران أعيدا لمراجعتهما من طرف رؤساء المشاريع": changelist(
            "commitments/progressreport", "status__exact=returned"
        ),
        "2 تقريران منشوران تنقصهما الصيغة الفرنسية": changelist(
            "commitments/progressreport", "status__exact=published&french=missing"
        ),
        "2 محضران في طور المسودة": changelist("meetings/meeting", "status__exact=draft"),
        "2 التزامان لم يقدم تقريرهما منذ آخر اجتماع للجنة": changelist(
            "commitments/commitment", "owes=report"
        ),
        "2 التزامان لهما أنشطة تجاوزت تاريخ انتهائها": changelist(
            "commitments/commitment", "owes=activities"
        ),
        "2 مرحلتان قادمتان تجاوزتا أجلهما": changelist("meetings/nextstep", "due=past"),
        "2 سؤالان من العموم في انتظار الإشراف": changelist(
            "participation/question", "status__exact=held"
        ),
    }


def changelist(model, query=""):
    return f"/ar/admin/{model}/" + (f"?{query}" if query else "")


def test_each_line_leads_to_a_list_of_just_that_work(client, secretariat):
    make_work(size=2)
    client.force_login(secretariat)

    for url in work_to_do(client).values():
        # The plans' list, each plan with its «Translations» page.
        if "/how-it-is-run/" in url or "/actionplan/" in url:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["cl"].result_count == 2, url


def test_nothing_waiting_is_said_plainly(client, secretariat):
    client.force_login(secretariat)

    assert work_to_do(client) == {}
    assert "لا شيء في الانتظار" in client.get(reverse("admin:index")).content.decode()


def test_lines_whose_list_the_user_may_not_see_are_left_out(client):
    make_work()
    clerk = make_user("clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(clerk)

    assert list(work_to_do(client).values()) == [
        changelist("meetings/meeting", "status__exact=draft")
    ]


def test_the_first_page_runs_as_many_queries_whatever_the_work(client, secretariat):
    client.force_login(secretariat)
    make_work(size=1)
    few = queries_of_the_first_page(client)
    make_work(size=5)

    assert queries_of_the_first_page(client) == few


def queries_of_the_first_page(client):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("admin:index"))
    return len(queries)
