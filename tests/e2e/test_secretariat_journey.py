"""The secretariat prepares the next execution committee meeting and publishes its minutes."""

import datetime
import re

import pytest
from django.utils.formats import date_format

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import Commitment
from meetings.models import Meeting
from tests.factories import make_user
from tests.text import pdf_text, readable, squeezed


def sign_in_to_admin(page, username):
    page.goto("/ar/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")


def add_inline_row(page, group):
    """Click the inline's «add another» link and return the new row's form prefix."""
    total = page.locator(f"#id_{group}-TOTAL_FORMS")
    index = int(total.input_value())
    page.locator(f"#{group}-group .add-row a").click()
    page.wait_for_selector(f"#id_{group}-{index}-order")
    return f"#id_{group}-{index}"


@pytest.mark.django_db(transaction=True)
def test_secretariat_publishes_the_next_meeting_minutes(journey, seed_data, tmp_path):
    make_user("amina", secretariat=True)
    previous = Meeting.objects.get(date="2020-06-17")
    attended = list(previous.participants.values_list("name", flat=True))
    trip = journey(name="secretariat")
    page = trip.page

    sign_in_to_admin(page, "amina")
    trip.snap("admin-index")
    page.get_by_role("link", name="الاجتماعات", exact=True).first.click()
    page.locator(f"input.action-select[value='{previous.pk}']").check()
    page.select_option("select[name=action]", "prepare_next_meeting")
    page.locator("button[name=index]").click()
    # The new meeting's date comes first: leads see it as their next meeting.
    page.wait_for_selector("#id_date")
    trip.snap("new-draft-date", full_page=False)
    page.fill("#id_date", "2020-10-20")
    page.locator("input[name=apply]").click()
    page.wait_for_selector("#meeting_form")
    trip.snap("new-draft-meeting", full_page=False)

    assert page.locator(".messagelist .success").count() == 1
    page.fill("#id_sequence", "2")
    page.fill("#id_title_ar", "محضر الاجتماع الثاني للجنة التنفيذ")
    # The previous meeting's participants are copied: one is absent, a chair comes.
    copied_names = page.locator("#participants-group input[name$='-name']")
    # (Less the inline's blank rows.)
    copied = [copied_names.nth(i).input_value() for i in range(copied_names.count())]
    copied = [name for name in copied if name]
    page.locator(f"#id_participants-{len(attended) - 1}-DELETE").check()
    chair = add_inline_row(page, "participants")
    page.fill(f"{chair}-order", "0")
    page.select_option(f"{chair}-honorific", "ms")
    page.fill(f"{chair}-name", "أمينة الإدريسي")
    page.fill(f"{chair}-function_ar", "رئيسة لجنة التنفيذ")
    page.select_option(f"{chair}-role", "chair")
    item = add_inline_row(page, "agenda_items")
    page.fill(f"{item}-order", "1")
    page.fill(f"{item}-title_ar", "تتبع تقدم إنجاز الالتزامات")
    row = page.locator("#reports-group .inline-related").filter(
        has=page.locator(".inline_label", has_text=re.compile(r"^3 — "))
    )
    row.locator("input[name$='-percent']:not([type=hidden])").fill("72")
    page.select_option("#id_status", MeetingStatus.PUBLISHED)
    trip.snap("meeting-filled", full_page=False)
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    trip.snap("meeting-saved", full_page=False)

    meeting = Meeting.objects.exclude(pk=previous.pk).get(committee=previous.committee)
    assert meeting.status == MeetingStatus.PUBLISHED
    assert meeting.date == datetime.date(2020, 10, 20)
    assert copied == attended
    assert list(meeting.participants.values_list("name", flat=True)) == [
        "أمينة الإدريسي",
        *attended[:-1],
    ]
    assert list(meeting.agenda_items.values_list("title_ar", flat=True)) == [
        "تتبع تقدم إنجاز الالتزامات"
    ]
    changed = meeting.reports.get(commitment__number=3)
    assert (changed.percent, changed.status) == (72, ReportStatus.PUBLISHED)
    assert Commitment.objects.get(plan__number=1, number=3).reports.latest_first()[0] == changed

    with page.context.expect_page() as preview:
        page.get_by_role("link", name="معاينة المحضر").click()
    preview.value.wait_for_load_state()
    trip.page = preview.value
    trip.snap("minutes-preview")

    # The minutes as anyone reads them, without signing in.
    visitor = journey(name="secretariat-visitor")
    visitor.page.goto("/ar/meetings/")
    visitor.page.get_by_role("link", name=date_format(meeting.date, "l j F Y")).click()
    visitor.snap("public-minutes")
    heading = visitor.page.get_by_role("heading", level=1).inner_text()
    percent = (
        visitor.page.locator("table.minutes-status tbody tr").nth(2).locator(".minutes-percent")
    )
    with visitor.page.expect_download() as download:
        visitor.page.get_by_role("link", name="تحميل بصيغة PDF").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    assert heading == "محضر الاجتماع الثاني للجنة التنفيذ"
    assert readable(percent.inner_text()) == "تنفيذ الالتزام بنسبة 72 %"
    assert saved.name == f"minutes-{meeting.date:%Y-%m-%d}.pdf"
    assert squeezed("تنفيذ الالتزام بنسبة 72 %") in squeezed(pdf_text(saved))
    assert trip.console_errors == []
    assert visitor.console_errors == []
