"""A forum member records an assessment 25 points from the official figure; the
commitment page and the plan's dashboard flag the gap beside both figures."""

import pytest

from commitments.models import Commitment
from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.civilsociety.periods import period_of
from tests.factories import make_user


def sign_in(page, username, path="/ar/accounts/login/"):
    page.goto(path)
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_forum_member_records_a_diverging_assessment_and_both_pages_flag_it(
    journey, seed_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    commitment = Commitment.objects.with_latest_progress().get(plan__number=1, number=3)
    official = commitment.latest_percent
    period = period_of(commitment.latest_date)
    assessed = official - 25 if official >= 25 else official + 25
    forum = Forum.objects.create(name="المنتدى الوطني للمجتمع المدني")
    forum.members.add(make_user("amal", first_name="أمال", last_name="بناني"))
    trip = journey(name="civil-society")
    page = trip.page

    sign_in(page, "amal")
    trip.snap("signed-in")
    page.get_by_role("link", name="تقييمات المجتمع المدني").first.click()
    page.wait_for_selector(".lead-commitment-title")
    trip.snap("forum-assessments")
    page.locator(".lead-commitment-title", has_text=commitment.title).first.click()
    page.wait_for_selector("#id_percent")
    direction = page.locator("html").get_attribute("dir")
    # First a figure past 100: the form says which field is wrong.
    page.select_option("#id_period_end", period.end.isoformat())
    page.fill("#id_percent", "125")
    page.select_option("#id_completion", "limited")
    page.fill("#id_narrative", "زرنا ثلاث جماعات: البوابة لم تُفتح بعد للمرتفقين.")
    page.get_by_role("button", name="حفظ التقييم ونشره").click()
    page.wait_for_selector(".message.error")
    trip.snap("form-with-error")
    error_links = page.locator(".message.error a").all_inner_texts()
    page.fill("#id_percent", str(assessed))
    page.get_by_role("button", name="حفظ التقييم ونشره").click()
    page.wait_for_selector(".message.success")
    trip.snap("assessment-saved")

    saved = Assessment.objects.get()
    assert direction == "rtl"
    assert error_links == ["نسبة التقدم في نظر المجتمع المدني (%)"]
    assert (saved.percent, saved.period_end, saved.forum) == (assessed, period.end, forum)

    visitor = journey(name="civil-society-public")
    public = visitor.page
    public.goto(f"/ar/plans/1/commitments/{commitment.number}/")
    visitor.snap("commitment-page")
    official_card = public.locator("section.summary-card").first
    civil_card = public.locator("section.civil-society-card")
    assert "25 نقطة" in official_card.locator(".gap-flag").inner_text()
    assert "25 نقطة" in civil_card.locator(".gap-flag").inner_text()
    assert f"{assessed}" in civil_card.locator(".big-figure").inner_text()

    public.goto("/ar/plans/1/")
    row = public.locator(".bar-row", has_text=commitment.title).first
    row.scroll_into_view_if_needed()
    visitor.snap("dashboard")
    assert row.locator("rect.meter-mark").count() == 1
    assert "25 نقطة" in row.locator(".gap-flag").inner_text()
    label = row.locator("svg.meter").get_attribute("aria-label")
    assert label.startswith("الرقم الرسمي") and f"{assessed}" in label

    phone = journey(viewport={"width": 360, "height": 740}, name="civil-society-phone")
    phone.page.goto("/ar/plans/1/")
    phone_row = phone.page.locator(".bar-row", has_text=commitment.title).first
    phone_row.scroll_into_view_if_needed()
    phone.snap("dashboard-phone", full_page=False)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert trip.console_errors == visitor.console_errors == phone.console_errors == []
