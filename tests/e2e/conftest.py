"""Real-browser tests: Playwright driving Debian's Chromium against the live server.

Each step's screenshot is saved under test-artifacts/e2e/ (ignored by git).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# the tests make between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class Journey:
    """A browser page that records console errors and screenshots each step."""

    def __init__(self, page, name):
        self.page = page
        self.name = name
        self.step_number = 0
        self.console_errors = []
        page.on(
            "console",
            lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def snap(self, label, *, full_page=True):
        """Save the step's screenshot; `full_page=False` for the viewport only, as
        the admin's meeting form runs to some twenty thousand pixels."""
        self.step_number += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(
            path=ARTIFACTS / f"{self.name}-{self.step_number:02d}-{label}.png",
            full_page=full_page,
        )


@pytest.fixture
def journey(browser, live_server, request):
    def start(viewport=None, name=None):
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900},
            base_url=live_server.url,
            accept_downloads=True,
        )
        request.addfinalizer(context.close)
        # A missing element fails the step in seconds, not after Playwright's 30.
        context.set_default_timeout(10_000)
        return Journey(context.new_page(), name or request.node.name)

    return start
