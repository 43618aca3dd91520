"""Issue 20: two leads report, the secretariat prepares the next meeting from their
reports and publishes it, and the public sees the new figures at once."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import Commitment
from meetings.models import Meeting
from tests.e2e.test_lead_journey import sign_in
from tests.factories import make_user
from tests.text import pdf_text, readable, squeezed

# Plan 1's commitments 3 and 4 (65 % and 64 % in June 2020), their leads and the
# figures they report: figures that no status row of plan 1 holds yet.
LEADS = {3: "h.bouihi", 4: "n.lasfir"}
FIGURES = {3: 83, 4: 77}
IMPLEMENTED_AT = "تنفيذ الالتزام بنسبة {} %"


def submit_report(trip, commitment, percent):
    """The lead signs in, opens their commitment's report form and submits a figure."""
    page = trip.page
    sign_in(page, LEADS[commitment.number])
    page.get_by_role("link", name=str(commitment)).click()
    page.fill("#id_percent", str(percent))
    page.fill("#id_narrative", f"-تقدم الالتزام {commitment.number} إلى {percent} في المائة.")
    trip.snap("report-filled")
    page.get_by_role("button", name="إرسال إلى الكتابة الدائمة").click()
    page.wait_for_selector(".status-submitted")
    trip.snap("report-submitted")


def dashboard_figures(page):
    """Each commitment's figure on the plan dashboard's bar chart, by commitment number."""
    bars = page.locator(".bar-row").evaluate_all(
        "rows => rows.map(row => [row.querySelector('.bar-number').innerText,"
        " row.querySelector('.bar-value').innerText])"
    )
    return {int(readable(number).rstrip(".")): readable(value) for number, value in bars}


def minutes_figures(page):
    """Each row's «implemented at» line of a minutes page's status table, by row id."""
    rows = page.locator("table.minutes-status tbody tr").evaluate_all(
        "rows => rows.map(row => [row.id, row.querySelector('.minutes-percent').innerText])"
    )
    return {row_id: readable(text) for row_id, text in rows}


def pdf_figures(pdf):
    """The figures of the «implemented at» lines of a minutes PDF, in the order printed."""
    prefix = re.escape(squeezed(IMPLEMENTED_AT.format("")).removesuffix("%"))
    return [int(figure) for figure in re.findall(prefix + r"(\d+)%", squeezed(pdf_text(pdf)))]


def status_row(page, number):
    """The admin's inline of plan 1's commitment `number` in a meeting's status table."""
    return page.locator("#reports-group .inline-related").filter(
        has=page.locator(".inline_label", has_text=re.compile(rf"^{number} — "))
    )


@pytest.mark.django_db(transaction=True)
def cached_answers():
    """How many entries the shared cache (a database table) holds."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {settings.CACHES['default']['LOCATION']}")
        return cursor.fetchone()[0]


def test_two_leads_reports_reach_the_public_with_the_next_minutes(journey, seed_data, page_cache):
    commitments = {n: Commitment.objects.get(plan__number=1, number=n) for n in LEADS}
    for number, commitment in commitments.items():
        commitment.leads.add(make_user(LEADS[number]))
    make_user("amina", secretariat=True)
    previous = Meeting.objects.get(date="2020-06-17")
    june = dict(previous.reports.values_list("commitment__number", "percent"))
    # The committee meets the day the leads report (their reports are dated today).
    today = timezone.localdate()

    # With the page cache on, the visitor's pages are cached before anything changes.
    visitor = journey(name="cycle-visitor")
    visitor.page.goto("/ar/plans/1/")
    cached_before = cached_answers()
    dashboard_before = dashboard_figures(visitor.page)
    visitor.snap("dashboard-before")
    visitor.page.goto("/ar/plans/1/commitments/3/")
    detail_before = readable(visitor.page.locator(".big-figure .number").inner_text())
    visitor.page.goto("/ar/meetings/")
    meetings_before = visitor.page.locator(".meeting-list li").count()

    assert cached_before > 0  # The dashboard is cached before anything changes.
    assert (june[3], june[4]) == (65, 64)
    assert (dashboard_before[3], dashboard_before[4], detail_before) == ("65 %", "64 %", "65 %")
    assert set(FIGURES.values()).isdisjoint(june.values())

    leads = {}
    for number, percent in FIGURES.items():
        leads[number] = journey(name=f"cycle-lead-{number}")
        submit_report(leads[number], commitments[number], percent)

    reports = {
        n: commitment.reports.awaiting_review().get() for n, commitment in commitments.items()
    }
    assert {n: (report.percent, report.author.username) for n, report in reports.items()} == {
        3: (83, "h.bouihi"),
        4: (77, "n.lasfir"),
    }
    # A submitted report is not public yet.
    visitor.page.goto("/ar/plans/1/")
    assert dashboard_figures(visitor.page) == dashboard_before

    office = journey(name="cycle-secretariat")
    page = office.page
    sign_in(page, "amina", "/ar/admin/")
    page.get_by_role("link", name="الاجتماعات", exact=True).first.click()
    page.locator(f"input.action-select[value='{previous.pk}']").check()
    page.select_option("select[name=action]", "prepare_next_meeting")
    page.locator("button[name=index]").click()
    page.wait_for_selector("#id_date")
    office.snap("new-draft-date", full_page=False)
    page.fill("#id_date", today.isoformat())
    page.locator("input[name=apply]").click()
    page.wait_for_selector("#meeting_form")
    office.snap("new-draft-meeting", full_page=False)
    draft_figures = {
        number: status_row(page, number)
        .locator("input[type=number][name$='-percent']")
        .input_value()
        for number in (3, 4, 5)
    }
    page.select_option("#id_status", MeetingStatus.PUBLISHED)
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    office.snap("meeting-published", full_page=False)

    # The leads' figures; commitment 5, without a new report, keeps its June row.
    assert draft_figures == {3: "83", 4: "77", 5: str(june[5])}
    meeting = Meeting.objects.exclude(pk=previous.pk).get(committee=previous.committee)
    assert (meeting.status, meeting.date) == (MeetingStatus.PUBLISHED, today)
    rows = meeting.reports.filter(commitment__number__in=LEADS)
    assert {row.commitment.number: (row.percent, row.prepared_from_id) for row in rows} == {
        n: (FIGURES[n], report.pk) for n, report in reports.items()
    }
    assert {row.status for row in meeting.reports.all()} == {ReportStatus.PUBLISHED}
    # Publishing adopted the reports the rows were prepared from.
    for report in reports.values():
        report.refresh_from_db()
    assert {report.status for report in reports.values()} == {ReportStatus.PUBLISHED}

    # At once: the copy cached before is no longer served.
    visitor.page.goto("/ar/plans/1/")
    dashboard_after = dashboard_figures(visitor.page)
    visitor.snap("dashboard-after")
    visitor.page.get_by_role("link", name=str(commitments[3]), exact=True).click()
    detail_after = readable(visitor.page.locator(".big-figure .number").inner_text())
    visitor.snap("commitment-after")

    assert dashboard_after == {**dashboard_before, 3: "83 %", 4: "77 %"}
    assert detail_after == "83 %"

    visitor.page.goto("/ar/meetings/")
    meetings_after = visitor.page.locator(".meeting-list li").count()
    visitor.page.get_by_role("link", name=date_format(meeting.date, "l j F Y")).click()
    visitor.page.wait_for_selector("table.minutes-status")
    visitor.snap("minutes")
    minutes_url = visitor.page.url
    on_the_minutes = minutes_figures(visitor.page)
    expected = {**june, **FIGURES}

    assert meetings_after == meetings_before + 1
    assert minutes_url.endswith(reverse("meetings:minutes", args=[meeting.pk]))
    assert on_the_minutes == {
        f"status-1-{number}": IMPLEMENTED_AT.format(percent)
        for number, percent in sorted(expected.items())
    }

    pdf = visitor.page.request.get(reverse("meetings:minutes_pdf", args=[meeting.pk]))

    assert pdf.headers["content-type"] == "application/pdf"
    # The status table's rows print in commitment order: 3 and 4 are the third and fourth.
    assert pdf_figures(pdf.body()) == [percent for _, percent in sorted(expected.items())]
    assert visitor.console_errors == []
    assert office.console_errors == []
    assert [trip.console_errors for trip in leads.values()] == [[], []]
