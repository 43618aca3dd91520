"""The secretariat prepares the meeting after June 2020 and publishes it from the workspace.

Counts the fields touched (every fill, selection or tick) and measures the
page: the whole meeting, 17 rows, fits in three screens of 1366 × 768.
"""

import datetime

import pytest

from commitments.enums import MeetingStatus, ReportStatus
from meetings.enums import Attendance
from meetings.models import Meeting
from tests.factories import make_user

SCREEN = {"width": 1366, "height": 768}


class Fields:
    """Every field the secretariat types in, selects or ticks goes through here."""

    def __init__(self, page):
        self.page, self.touched = page, 0

    def fill(self, selector, value):
        self.touched += 1
        self.page.fill(selector, value)

    def select(self, selector, value):
        self.touched += 1
        self.page.select_option(selector, value)

    def check(self, selector):
        self.touched += 1
        self.page.locator(selector).check()


@pytest.mark.django_db(transaction=True)
def test_secretariat_prepares_and_publishes_a_meeting_in_the_workspace(journey, seed_data):
    make_user("amina", secretariat=True)
    june = Meeting.objects.get(date="2020-06-17")
    trip = journey(viewport=SCREEN, name="workspace")
    page = trip.page
    fields = Fields(page)

    page.goto("/ar/admin/")
    fields.fill("#id_username", "amina")
    fields.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.goto("/ar/admin/meetings/meeting/")
    fields.check(f"input.action-select[value='{june.pk}']")
    fields.select("select[name=action]", "prepare_next_meeting")
    page.locator("button[name=index]").click()
    fields.fill("#id_date", "2020-10-20")
    page.locator("input[name=apply]").click()
    page.get_by_role("link", name="فضاء العمل").click()
    page.wait_for_selector(".ws-grid")
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.evaluate("document.documentElement.scrollWidth")
    trip.snap("prepared")

    # The grid from the keyboard: Enter goes down a row, the row is saved when left.
    fields.fill("#id_rows-2-percent", "72")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    fields.fill("#id_rows-3-percent", "40")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("#rows-2-errors .ws-saved")
    page.wait_for_selector("#rows-3-errors .ws-saved")
    trip.snap("saved-in-place", full_page=False)
    fields.fill("#id_rows-4-narrative_ar", "- النشاط 1: أنجز")
    page.locator("label[for=ws-lang-fr]").click()
    fields.fill("#id_rows-4-narrative_fr", "- Activité 1 : réalisée")
    trip.snap("french-tab", full_page=False)
    page.locator("label[for=ws-lang-ar]").click()
    absent = page.locator(".ws-people select").last
    fields.select(f"#{absent.get_attribute('id')}", Attendance.EXCUSED)
    fields.fill("#id_agenda-0-order", "1")
    fields.fill("#id_agenda-0-title_ar", "تتبع تقدم إنجاز الالتزامات")
    fields.fill("#id_steps-0-order", "1")
    fields.fill("#id_steps-0-text_ar", "موافاة الكتابة بالتقارير قبل نهاية السنة")
    trip.snap("filled")
    page.get_by_role("button", name="نشر").click()
    page.wait_for_selector(".messagelist")
    trip.snap("published")
    assert page.locator(".messagelist .success").count() == 1

    meeting = Meeting.objects.get(committee=june.committee, date=datetime.date(2020, 10, 20))
    rows = {row.commitment.number: row for row in meeting.reports.select_related("commitment")}
    print(f"\nworkspace: {fields.touched} fields touched, page {width} × {height} px")
    assert focused == "id_rows-3-percent"
    assert fields.touched < 30
    assert height <= 3 * SCREEN["height"]
    assert width <= SCREEN["width"]
    assert (meeting.status, len(rows)) == (MeetingStatus.PUBLISHED, 17)
    assert {row.status for row in rows.values()} == {ReportStatus.PUBLISHED}
    assert (rows[3].percent, rows[4].percent) == (72, 40)
    assert rows[5].narrative_fr == "- Activité 1 : réalisée"
    assert meeting.participants.filter(attendance=Attendance.EXCUSED).count() == 1
    assert list(meeting.next_steps.values_list("order", flat=True)) == [1]
    assert sorted(set(trip.console_errors)) == []
