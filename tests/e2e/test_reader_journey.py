"""A member of the public follows the plans on a phone, in the three languages."""

import csv
import io

import pytest

from tests.text import pdf_text, squeezed

PHONE = {"width": 390, "height": 844}


def layout(page):
    """What the reader sees of the page's layout: its language, direction and width."""
    return page.evaluate(
        """() => ({
            lang: document.documentElement.lang,
            direction: getComputedStyle(document.body).direction,
            scrolls: document.documentElement.scrollWidth > window.innerWidth,
        })"""
    )


def switch_language(page, code):
    page.locator(f".language-switcher a[hreflang={code}]").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_reader_follows_a_plan_on_a_phone_in_three_languages(journey, seed_data, tmp_path):
    trip = journey(viewport=PHONE, name="reader")
    page = trip.page
    seen = {}

    def look(label):
        trip.snap(label)
        seen[label] = layout(page)

    page.goto("/ar/")
    look("home-ar")
    switch_language(page, "fr")
    look("home-fr")
    switch_language(page, "en")
    look("home-en")
    first_plan = page.locator(".plan-card", has_text="2018-2020")
    first_plan.get_by_role("link", name="Open the dashboard").click()
    look("dashboard-en")
    dashboard_heading = page.get_by_role("heading", level=1).inner_text()
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV — Progress reports").click()
    page.locator(".bar-row .bar-label").nth(2).click()
    look("commitment-en")
    commitment_heading = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name="Reported at the meeting").first.click()
    look("minutes-en")
    switch_language(page, "ar")
    look("minutes-ar")
    minutes_heading = page.get_by_role("heading", level=1).inner_text()
    status_table_width = page.locator("table.minutes-status").bounding_box()["width"]
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="تحميل بصيغة PDF").click()
    saved_pdf = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(saved_pdf)
    saved_csv = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(saved_csv)

    assert seen == {
        label: {
            "lang": label.rsplit("-", 1)[1],
            "direction": "rtl" if label.endswith("-ar") else "ltr",
            "scrolls": False,
        }
        for label in seen
    }
    assert dashboard_heading == "First National Action Plan for Open Government 2018-2020"
    assert commitment_heading.startswith("3.")
    # The status table reads as blocks on a phone, not as a table to scroll sideways.
    assert status_table_width <= PHONE["width"]
    assert minutes_heading == "محضر اجتماع لجنة التنفيذ"
    rows = list(csv.DictReader(io.StringIO(saved_csv.read_text(encoding="utf-8-sig"))))
    assert (rows[0]["plan_number"], len(rows)) == ("1", 17)
    assert saved_pdf.name == "minutes-2020-06-17.pdf"
    assert squeezed("محضر اجتماع لجنة التنفيذ") in squeezed(pdf_text(saved_pdf))
    assert trip.console_errors == []
