"""Every page a reader or a lead opens passes an accessibility audit in Chromium.

The audit (accessibility_audit.js) checks what a screen reader, a keyboard or
poor sight meets: the page's language and direction, one h1 and no skipped
heading level, names for images, charts, fields, links and buttons, unique
ids, and text contrast of at least 4.5:1 (3:1 for large text), with every
disclosure opened.
"""

import datetime
from pathlib import Path

import pytest

from commitments.models import Commitment
from meetings.models import Meeting
from tests.e2e.test_lead_journey import sign_in
from tests.factories import make_activity, make_user

AUDIT = (Path(__file__).parent / "accessibility_audit.js").read_text()

pytestmark = pytest.mark.django_db(transaction=True)


def audit(page, path):
    assert page.goto(path).ok, path
    return page.evaluate(AUDIT)


def public_paths(language):
    commitment = Commitment.objects.get(plan__number=1, number=3)
    meeting = Meeting.objects.get(date=datetime.date(2020, 6, 17))
    steering = Meeting.objects.get(date=datetime.date(2025, 3, 18))
    return [
        f"/{language}/",
        f"/{language}/plans/1/",
        f"/{language}/plans/3/",
        f"/{language}/plans/1/commitments/3/",
        f"/{language}/institutions/{commitment.lead_institution_id}/",
        f"/{language}/meetings/",
        f"/{language}/meetings/{meeting.pk}/",
        f"/{language}/meetings/{steering.pk}/",
        f"/{language}/search/?q=الأرشيف",
        f"/{language}/search/?q=archives",
        f"/{language}/search/?q=المجتمع المدني",
        f"/{language}/open-data/",
        f"/{language}/accounts/login/",
        f"/{language}/accounts/password_reset/",
    ]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_accessibility_of_the_public_pages(journey, seed_data, language):
    page = journey().page

    problems = {path: audit(page, path) for path in public_paths(language)}

    assert {path: found for path, found in problems.items() if found} == {}


def test_accessibility_of_the_lead_pages(journey, seed_data):
    lead = make_user("h.bouihi", first_name="هدى", last_name="بويهي")
    commitment = Commitment.objects.get(plan__number=1, number=3)
    commitment.leads.add(lead)
    make_activity(commitment, 1, title="تنظيم ورشة تكوينية", planned_end=datetime.date(2020, 6, 30))
    page = journey().page
    sign_in(page, "h.bouihi")

    problems = {
        path: audit(page, path)
        for path in ["/ar/my/commitments/", f"/ar/my/commitments/{commitment.pk}/update/"]
    }

    assert {path: found for path, found in problems.items() if found} == {}


def test_accessibility_audit_names_each_kind_of_problem(journey, seed_data):
    page = journey().page
    page.goto("/ar/")
    page.evaluate(
        """() => {
            document.querySelector("main").insertAdjacentHTML("afterbegin",
                '<p class="faint">نص باهت</p><img src="/static/favicon.svg"><input name="q2">'
                + '<h4>عنوان</h4><a href="/ar/meetings/"></a><span id="content"></span>'
                + '<svg width="10" height="10"><rect width="10" height="10"/></svg>');
            // Set from a script: the site's policy refuses inline styles.
            document.querySelector(".faint").style.color = "#bbb";
        }"""
    )

    problems = page.evaluate(AUDIT)

    assert [problem.split(":")[0] for problem in problems] == [
        "heading level skipped",
        "image without alt",
        "chart without a name",
        "field without a label",
        "link or button without text",
        "duplicate id",
        "contrast 1.77",
    ]


def test_accessibility_skip_link_is_the_first_stop_and_reaches_the_content(journey, seed_data):
    page = journey().page
    page.goto("/ar/plans/1/")

    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const link = document.activeElement;
            const box = link.getBoundingClientRect();
            return [link.innerText, box.top >= 0 && box.bottom <= innerHeight];
        }"""
    )
    page.keyboard.press("Enter")

    assert focused == ["الانتقال إلى المحتوى", True]
    assert page.evaluate("location.hash") == "#content"
