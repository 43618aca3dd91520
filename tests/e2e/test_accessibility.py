"""Every page a reader, a lead or the secretariat opens passes accessibility audits in Chromium.

axe-core 4.12 (axe-playwright-python) reads one page of each type in each
language (tests/checked_pages.py: public pages, the lead's pages, the sign-in
and password pages, the admin pages the project adds, forms with their
errors) at a desktop's width (1366 px) and a phone's (390 px), and must find
nothing serious or critical; no page scrolls sideways on a 360 px screen.

On the site's own pages, the project's audit (accessibility_audit.js) adds
what axe leaves to a person: one h1 and no skipped heading level, names for
charts, and text contrast with every disclosure opened.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.checked_pages import serve_pages
from tests.e2e.conftest import ARTIFACTS

AUDIT = (Path(__file__).parent / "accessibility_audit.js").read_text()
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 740}
# What fails the test; "moderate" and "minor" findings are advice.
GRAVE = {"serious", "critical"}
STATIC = "/" + settings.STATIC_URL.lstrip("/")


def axe_findings(page):
    results = page.evaluate("axe.run({resultTypes: ['violations']})")
    return [
        f"{violation['impact']} {violation['id']}: "
        + " | ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in GRAVE
    ]


def sideways_scroll(page):
    width, screen = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    return [f"{width} px wide on a {screen} px screen"] if width > screen else []


class ServedPages:
    """A browser tab handed each page as the test client got it.

    The page (signed in, or answering a post) is what the Nu checker reads
    too; its stylesheets and images are read from the static folders, and
    anything else (the admin's script catalogue) is refused.
    """

    def __init__(self, browser):
        self.context = browser.new_context(viewport=DESKTOP, base_url="http://testserver")
        self.page = self.context.new_page()
        self.page.add_init_script(AXE_SCRIPT)
        self.page.route("**/*", self.answer)
        self.current = None

    def answer(self, route):
        if route.request.is_navigation_request():
            served = self.current
            return route.fulfill(
                status=served.status, content_type=served.content_type, body=served.html
            )
        path = urlsplit(route.request.url).path
        found = path.startswith(STATIC) and finders.find(path[len(STATIC) :])
        return route.fulfill(path=found) if found else route.abort()

    def open(self, served, width):
        self.current = served
        self.page.set_viewport_size(width)
        self.page.goto(served.path)
        return self.page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, widths",
    [("ar", [DESKTOP, PHONE]), ("fr", [DESKTOP, PHONE]), ("en", [PHONE])],
    ids=["ar", "fr", "en"],
)
def test_accessibility_of_every_type_of_page(browser, seed_data, language, widths):
    """English is read at the phone's width only: it has the French pages'
    layout and shorter words, and a third full pass would double this test's time."""
    tab = ServedPages(browser)
    problems = {}

    for served in serve_pages([language]):
        page = tab.open(served, widths[0])
        found = []
        for width in widths:
            page.set_viewport_size(width)
            found += [f"{width['width']} px: {finding}" for finding in axe_findings(page)]
        if not served.in_admin:
            found += page.evaluate(AUDIT)
        if served.name.startswith("report form ("):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"{served.name}.png", full_page=True)
        page.set_viewport_size(NARROW_PHONE)
        found += sideways_scroll(page)
        if found:
            problems[served.name] = found
    tab.context.close()

    assert problems == {}


@pytest.mark.django_db(transaction=True)
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


@pytest.mark.django_db(transaction=True)
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
