"""A project lead reports progress; the secretariat returns it once, then publishes it."""

import datetime
from pathlib import Path

import pytest

from commitments.enums import ActivityStatus, ReportStatus
from commitments.models import Commitment
from tests.factories import make_activity, make_user
from tests.text import readable

EVIDENCE = Path(__file__).parent / "files" / "rapport-atelier.pdf"


def sign_in(page, username, path="/ar/accounts/login/"):
    page.goto(path)
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def open_report_in_review_queue(page, commitment):
    page.goto("/ar/admin/commitments/reportawaitingreview/")
    open_listed_report(page, commitment)


def open_listed_report(page, commitment):
    page.locator("#result_list tbody tr").get_by_role("link", name=str(commitment)).click()
    page.wait_for_selector("#id_review_comment")


@pytest.mark.django_db(transaction=True)
def test_lead_report_is_returned_revised_and_published(journey, seed_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = make_user("h.bouihi", first_name="هدى", last_name="بويهي")
    mine = Commitment.objects.get(plan__number=1, number=3)
    mine.leads.add(lead)
    workshop = make_activity(
        mine, 1, title="تنظيم ورشة تكوينية لفائدة المرتفقين", planned_end=datetime.date(2020, 6, 30)
    )
    theirs = Commitment.objects.get(plan__number=1, number=4)
    theirs.leads.add(make_user("n.lasfir"))
    make_user("amina", secretariat=True)
    trip = journey(name="lead")
    page = trip.page

    sign_in(page, "h.bouihi")
    trip.snap("my-commitments")
    landed_on = page.url
    listed = page.locator(".lead-commitment-title").all_inner_texts()
    page.get_by_role("link", name=str(mine)).click()
    page.fill("#id_percent", "70")
    page.fill("#id_narrative", "-النشاط 3: تنظيم ورشة تكوينية لفائدة المرتفقين.")
    page.set_input_files("#id_evidence", EVIDENCE)
    page.select_option("select[name=form-0-status]", ActivityStatus.DONE)
    trip.snap("report-filled")
    page.get_by_role("button", name="إرسال إلى الكتابة الدائمة").click()
    page.wait_for_selector(".status-submitted")
    trip.snap("report-submitted")

    assert landed_on.endswith("/ar/my/commitments/")
    assert listed == [str(mine)]
    submitted = mine.reports.awaiting_review().get()
    assert (submitted.percent, submitted.author) == (70, lead)
    assert [evidence.file.read() for evidence in submitted.evidence.all()] == [
        EVIDENCE.read_bytes()
    ]

    office = journey(name="lead-secretariat")
    sign_in(office.page, "amina", "/ar/admin/")
    office.snap("admin-to-do")
    to_do = office.page.locator("#work-to-do")
    waiting = to_do.locator("li").all_inner_texts()
    to_do.get_by_role("link", name="1 تقرير في انتظار المراجعة").click()
    open_listed_report(office.page, mine)
    office.page.fill("#id_review_comment", "المرجو إرفاق لائحة الحضور في الورشة وتدقيق النسبة.")
    office.snap("return-with-comment")
    office.page.locator("input[name=_return]").click()
    office.page.wait_for_selector(".messagelist .success")
    office.snap("returned")

    assert "1 تقرير في انتظار المراجعة" in waiting

    page.reload()
    trip.snap("report-returned")
    comment = readable(page.locator(".status-returned blockquote").inner_text())
    page.fill("#id_percent", "75")
    page.fill(
        "#id_narrative",
        "-النشاط 3: تنظيم ورشة تكوينية لفائدة المرتفقين بحضور 40 مشاركا (اللائحة مرفقة).",
    )
    page.get_by_role("button", name="إرسال إلى الكتابة الدائمة").click()
    page.wait_for_selector(".status-submitted")
    trip.snap("report-resubmitted")

    assert comment == "المرجو إرفاق لائحة الحضور في الورشة وتدقيق النسبة."
    assert mine.reports.awaiting_review().get().pk == submitted.pk
    workshop.refresh_from_db()
    assert workshop.status == ActivityStatus.PLANNED

    open_report_in_review_queue(office.page, mine)
    office.snap("review-again")
    proposed = readable(office.page.locator(".field-proposed_status").inner_text())
    assert proposed == str(ActivityStatus.DONE.label)
    office.page.locator("input[name=_approve]").click()
    office.page.wait_for_selector(".messagelist .success")
    office.snap("approved")

    submitted.refresh_from_db()
    assert (submitted.status, submitted.percent) == (ReportStatus.PUBLISHED, 75)

    visitor = journey(name="lead-visitor")
    visitor.page.goto("/ar/plans/1/")
    bar = visitor.page.locator(".bar-row").filter(has_text=mine.title)
    dashboard_figure = readable(bar.locator(".bar-value").inner_text())
    bar.locator(".bar-label").click()
    visitor.snap("public-commitment")
    detail_figure = readable(visitor.page.locator(".big-figure .number").inner_text())
    evidence_links = visitor.page.get_by_role("link", name="rapport-atelier.pdf").count()
    activity_row = readable(visitor.page.locator(".activity-table tbody tr").inner_text())
    logged = readable(visitor.page.locator(".change-log-activities li").inner_text())

    assert (dashboard_figure, detail_figure) == ("75 %", "75 %")
    assert evidence_links == 1
    assert "منجز" in activity_row.split()
    assert logged == "1. تنظيم ورشة تكوينية لفائدة المرتفقين: مبرمج ← منجز"

    # Chromium logs the 404 itself as a console error: collect the others before.
    errors_before_the_404 = list(trip.console_errors)
    response = page.goto(f"/ar/my/commitments/{theirs.pk}/update/")
    trip.snap("another-leads-commitment")

    assert response.status == 404
    assert errors_before_the_404 == []
    assert office.console_errors == []
    assert visitor.console_errors == []
