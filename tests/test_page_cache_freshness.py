"""With the page cache on, every public page and the API show an edit at once:
render, change a report's percent through the ORM, render again."""

import datetime

import pytest
import tablib
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import ReportStatus
from commitments.models import ProgressReport
from meetings import cycle
from ogptracker.spreadsheets.plan_resources import ProgressReportResource
from tests.factories import make_commitment, make_meeting, make_plan, make_report
from tests.text import pdf_text, squeezed

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def report(db):
    plan = make_plan(number=4)
    meeting = make_meeting(date=datetime.date(2020, 6, 17))
    return make_report(make_commitment(plan=plan, number=3), 41, date=meeting.date, meeting=meeting)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def page_urls(report):
    with override("ar"):
        return {
            "dashboard": reverse("commitments:plan_dashboard", args=[4]),
            "commitment": reverse("commitments:commitment_detail", args=[4, 3]),
            "minutes": reverse("meetings:minutes", args=[report.meeting_id]),
            "minutes PDF": reverse("meetings:minutes_pdf", args=[report.meeting_id]),
            "API": "/api/plans/4/reports/",
        }


# How each page prints a figure of N percent (the PDF's text read without spaces).
FIGURES = {
    "dashboard": "{}\u00a0%",
    "commitment": "{}\u00a0%",
    "minutes": "{} %",
    "minutes PDF": "{}%",
    "API": '"percent": {}',
}


def text(response):
    if response["Content-Type"] != "application/pdf":
        return response.content.decode()
    return squeezed(pdf_text(response.content))


@pytest.mark.parametrize("page", list(FIGURES))
def test_cached_page_shows_a_report_edit_at_once(
    client, report, committed, django_assert_num_queries, page
):
    url = page_urls(report)[page]
    old, new = FIGURES[page].format(41), FIGURES[page].format(87)
    client.get(url)
    # From this process's copy: the data version only.
    with django_assert_num_queries(1):
        before = client.get(url)

    with committed():
        report.percent = 87
        report.save()
    after = client.get(url)

    before_text, after_text = text(before), text(after)
    assert (old in before_text, new in before_text) == (True, False)
    assert (new in after_text, old in after_text) == (True, False)


def dashboard_shows_87(client, report):
    text = client.get(page_urls(report)["dashboard"]).content.decode()
    return FIGURES["dashboard"].format(87) in text


def test_cached_dashboard_shows_a_spreadsheet_import_at_once(
    client, report, committed, secretariat
):
    before = dashboard_shows_87(client, report)
    rows = "plan,commitment,date,percent,status\n4,3,2021-01-05,87,published\n"

    # Saved in batches, without save() or its signals.
    with committed():
        ProgressReportResource().import_data(
            tablib.Dataset().load(rows, format="csv"), dry_run=False, user=secretariat
        )

    assert (before, dashboard_shows_87(client, report)) == (False, True)


def test_cached_dashboard_shows_an_approved_report_at_once(client, report, committed, secretariat):
    submitted = make_report(
        report.commitment, 87, status=ReportStatus.SUBMITTED, date=datetime.date(2021, 1, 5)
    )
    before = dashboard_shows_87(client, report)

    with committed():
        cycle.approve_report(submitted, secretariat)

    assert (before, dashboard_shows_87(client, report)) == (False, True)


def test_cached_dashboard_is_rendered_again_for_a_new_release(client, report, settings):
    before = dashboard_shows_87(client, report)
    # Nothing says the data changed: only the release moves the key.
    ProgressReport.objects.filter(pk=report.pk).update(percent=87)
    cached = dashboard_shows_87(client, report)

    settings.RELEASE = "next"

    assert (before, cached, dashboard_shows_87(client, report)) == (False, False, True)
