import io

import pytest
from django.utils import translation
from PIL import Image

from tests.factories import make_commitment, make_plan, make_report


def make_plan_with_three_commitments():
    with translation.override("ar"):
        plan = make_plan(1)
        for number, percent in [(1, 50), (2, 100), (3, None)]:
            commitment = make_commitment(plan, number)
            if percent is not None:
                make_report(commitment, percent)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["ar", "fr"])
def test_dashboard_on_a_phone_reads_in_the_language_direction(journey, language):
    make_plan_with_three_commitments()
    trip = journey(viewport={"width": 390, "height": 844}, name=f"dashboard-phone-{language}")

    trip.page.goto(f"/{language}/plans/1/")
    trip.snap("dashboard")
    track = trip.page.locator(".bar-row .meter-track").first.bounding_box()
    fill = trip.page.locator(".bar-row .meter-fill").first.bounding_box()

    # Commitment 1 is at 50 %: half the track, on the side the text starts from.
    assert fill["width"] == pytest.approx(track["width"] / 2, abs=1)
    if language == "ar":
        assert fill["x"] + fill["width"] == pytest.approx(track["x"] + track["width"], abs=1)
    else:
        assert fill["x"] == pytest.approx(track["x"], abs=1)
    assert trip.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert trip.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_dashboard_sort_links_reorder_the_bars_without_javascript(browser, live_server):
    make_plan_with_three_commitments()
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()

    page.goto("/en/plans/1/")
    page.get_by_role("link", name="progress", exact=True).click()
    page.wait_for_url("**/en/plans/1/?sort=progress#by-commitment-title")

    assert page.locator(".bar-number").all_inner_texts() == ["2.", "1.", "3."]
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_table_wider_than_a_phone_is_shaded_on_the_side_it_goes_on(journey):
    make_plan_with_three_commitments()
    trip = journey(viewport={"width": 390, "height": 844}, name="table-shadow")
    trip.page.goto("/ar/plans/1/")
    table = trip.page.locator('div.table-wrap[aria-labelledby="by-institution-title"]')
    assert table.evaluate("wrap => wrap.scrollWidth > wrap.clientWidth")

    def edges():
        """The mean grey of the table's left and right edges, under its header."""
        image = Image.open(io.BytesIO(table.screenshot())).convert("L")
        rows = range(image.height // 3, image.height - 4)
        return [sum(image.getpixel((x, y)) for y in rows) / len(rows) for x in (3, image.width - 4)]

    # In Arabic the table starts on the right: it goes on to the left.
    left, right = edges()
    assert left < right - 10
    table.evaluate("wrap => { wrap.scrollLeft = -wrap.scrollWidth; }")
    left, right = edges()
    assert right < left - 10
