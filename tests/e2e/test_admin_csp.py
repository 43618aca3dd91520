"""The admin works under the production Content-Security-Policy (no inline script or style).

A blocked inline script or style shows in the browser console, so every admin
screen the secretariat uses is opened and the console must stay empty.
"""

import pytest
from django.urls import reverse

from tests.factories import make_activity, make_meeting, make_report, make_user


@pytest.mark.django_db(transaction=True)
def test_admin_screens_raise_no_csp_violation(journey):
    make_user("amina", secretariat=True)
    activity = make_activity()
    commitment = activity.commitment
    meeting = make_meeting()
    make_report(commitment, meeting=meeting)
    meeting.participants.create(name="حاتم مورادي", order=1)
    history_id = commitment.history.first().history_id
    trip = journey()

    trip.page.goto(reverse("admin:login"))
    trip.page.fill("#id_username", "amina")
    trip.page.fill("#id_password", "correct-horse-battery")
    trip.page.click("input[type=submit]")
    headers, overflows = [], []
    for name, args in [
        ("admin:index", []),
        ("admin:commitments_commitment_changelist", []),
        ("admin:commitments_commitment_change", [commitment.pk]),
        ("admin:meetings_meeting_change", [meeting.pk]),
        ("admin:meetings_meeting_add", []),
        ("admin:commitments_commitment_history", [commitment.pk]),
        ("admin:commitments_commitment_simple_history", [commitment.pk, history_id]),
        ("admin:commitments_commitment_import", []),
        ("admin:commitments_commitment_export", []),
        ("admin:commitments_commitment_deleted", []),
        ("admin:commitments_reportawaitingreview_changelist", []),
    ]:
        response = trip.page.goto(reverse(name, args=args))
        trip.page.wait_for_load_state("networkidle")
        headers.append(response.headers.get("content-security-policy", ""))
        # Nothing, the participants table included, makes the page wider than the screen.
        width = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        overflows.append((name, trip.page.evaluate(width)))
        trip.snap(name.split(":")[1])

    assert [
        ("'unsafe-inline'" not in header, "script-src 'self'" in header) for header in headers
    ] == [(True, True)] * 11
    assert [(name, overflow) for name, overflow in overflows if overflow > 0] == []
    assert trip.console_errors == []


@pytest.mark.django_db(transaction=True)
def test_admin_scripts_run_under_the_policy(journey):
    """The inline's "add another" row and the autocomplete only exist if the scripts ran."""
    make_user("amina", secretariat=True)
    report = make_report(meeting=make_meeting())
    trip = journey()
    trip.page.goto(reverse("admin:login"))
    trip.page.fill("#id_username", "amina")
    trip.page.fill("#id_password", "correct-horse-battery")
    trip.page.click("input[type=submit]")

    trip.page.goto(reverse("admin:commitments_progressreport_change", args=[report.pk]))
    trip.page.wait_for_load_state("networkidle")
    trip.page.locator(".select2-selection").first.click()
    trip.page.wait_for_selector(".select2-results__option")
    trip.snap("autocomplete-open")

    assert trip.page.locator(".add-row a").count() == 1
    assert trip.page.locator(".select2-results__option").count() >= 1
    assert trip.console_errors == []
