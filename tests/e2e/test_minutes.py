import datetime

import pytest

from meetings.enums import Honorific
from meetings.models import Meeting
from tests.factories import (
    make_commitment,
    make_committee,
    make_meeting,
    make_participant,
    make_plan,
    make_report,
    make_user,
)


@pytest.mark.django_db(transaction=True)
def test_visitor_reads_the_minutes_and_downloads_the_pdf(journey):
    plan = make_plan(number=1, title="خطة العمل الوطنية الأولى 2018-2020")
    meeting = make_meeting(
        committee=make_committee(plan=plan), sequence=2, date=datetime.date(2020, 6, 17)
    )
    make_participant(meeting, "هدى بويهي", honorific=Honorific.MS, function="رئيسة المشروع")
    make_report(make_commitment(plan=plan, number=3), meeting=meeting, percent=65)
    trip = journey()

    trip.page.goto("/ar/meetings/")
    trip.page.get_by_role("link", name="الأربعاء 17 يونيو 2020").click()
    trip.page.wait_for_load_state("networkidle")
    trip.snap("minutes")

    assert trip.page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert trip.page.get_by_role("heading", level=1).inner_text() == (
        "محضر الاجتماع الثاني للجنة التنفيذ"
    )
    # The shipped Amiri face is what the page is set in, not a fallback; the language
    # switcher names Amazigh in Tifinagh, in the shipped Noto Sans Tifinagh.
    loaded = trip.page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)"
    )
    assert sorted(face for face in loaded if "Shipped" in face) == [
        "Amiri Shipped 400",
        "Amiri Shipped 700",
        "Noto Sans Tifinagh Shipped 400",
    ]
    with trip.page.expect_download() as download:
        trip.page.get_by_role("link", name="تحميل بصيغة PDF").click()
    assert download.value.suggested_filename == "minutes-2020-06-17.pdf"
    assert trip.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_secretariat_copies_the_status_table_into_a_new_draft(journey):
    make_user("amina", secretariat=True)
    plan = make_plan(number=1)
    meeting = make_meeting(committee=make_committee(plan=plan), sequence=2)
    make_report(make_commitment(plan=plan, number=3), meeting=meeting, percent=65)
    trip = journey()
    trip.page.goto("/ar/admin/login/")
    trip.page.fill("#id_username", "amina")
    trip.page.fill("#id_password", "correct-horse-battery")
    trip.page.click("input[type=submit]")

    trip.page.goto(f"/ar/admin/meetings/meeting/{meeting.pk}/change/")
    trip.snap("change-form")
    assert trip.page.get_by_role("link", name="معاينة المحضر").is_visible()
    trip.page.goto("/ar/admin/meetings/meeting/")
    trip.page.check(f"input[name=_selected_action][value='{meeting.pk}']")
    trip.page.select_option("select[name=action]", "prepare_next_meeting")
    trip.page.click("button[name=index]")
    trip.page.fill("#id_date", "2020-09-15")
    trip.snap("new-draft-date")
    trip.page.click("input[name=apply]")
    trip.snap("new-draft")

    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert trip.page.url.endswith(f"/ar/admin/meetings/meeting/{copy.pk}/change/")
    assert trip.page.locator("input[name$='-percent']").first.input_value() == "65"
    assert trip.console_errors == []
