"""With the page cache on, every public page and the API show an edit at once:
render, change a snapshot's percent through the ORM, render again."""

import datetime

import pytest
import tablib
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import SnapshotStatus
from commitments.models import ProgressSnapshot
from meetings import cycle
from ogptracker.spreadsheets.plan_resources import ProgressSnapshotResource
from tests.factories import make_commitment, make_meeting, make_plan, make_snapshot
from tests.text import pdf_text, squeezed

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def snapshot(db):
    plan = make_plan(number=4)
    meeting = make_meeting(date=datetime.date(2020, 6, 17))
    return make_snapshot(
        make_commitment(plan=plan, number=3), 41, date=meeting.date, meeting=meeting
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def page_urls(snapshot):
    with override("ar"):
        return {
            "dashboard": reverse("commitments:plan_dashboard", args=[4]),
            "commitment": reverse("commitments:commitment_detail", args=[4, 3]),
            "minutes": reverse("meetings:minutes", args=[snapshot.meeting_id]),
            "minutes PDF": reverse("meetings:minutes_pdf", args=[snapshot.meeting_id]),
            "API": "/api/plans/4/snapshots/",
        }


# How each page prints a figure of N percent (the PDF's text read without spaces).
FIGURES = {
    "dashboard": "{}\u00a0%",
    "commitment": "{}\u00a0%",
    "minutes": "{} %",
    "minutes PDF": "{}%",
    "API": '"percent": {}',
}


def text(response):
    if response["Content-Type"] != "application/pdf":
        return response.content.decode()
    return squeezed(pdf_text(response.content))


@pytest.mark.parametrize("page", list(FIGURES))
def test_cached_page_shows_a_snapshot_edit_at_once(
    client, snapshot, committed, django_assert_num_queries, page
):
    url = page_urls(snapshot)[page]
    old, new = FIGURES[page].format(41), FIGURES[page].format(87)
    client.get(url)
    # From this process's copy: the data version only.
    with django_assert_num_queries(1):
        before = client.get(url)

    with committed():
        snapshot.percent = 87
        snapshot.save()
    after = client.get(url)

    before_text, after_text = text(before), text(after)
    assert (old in before_text, new in before_text) == (True, False)
    assert (new in after_text, old in after_text) == (True, False)


def dashboard_shows_87(client, snapshot):
    text = client.get(page_urls(snapshot)["dashboard"]).content.decode()
    return FIGURES["dashboard"].format(87) in text


def test_cached_dashboard_shows_a_spreadsheet_import_at_once(
    client, snapshot, committed, secretariat
):
    before = dashboard_shows_87(client, snapshot)
    rows = "plan,commitment,date,percent,status\n4,3,2021-01-05,87,published\n"

    # Saved in batches, without save() or its signals.
    with committed():
        ProgressSnapshotResource().import_data(
            tablib.Dataset().load(rows, format="csv"), dry_run=False, user=secretariat
        )

    assert (before, dashboard_shows_87(client, snapshot)) == (False, True)


def test_cached_dashboard_shows_an_approved_report_at_once(
    client, snapshot, committed, secretariat
):
    report = make_snapshot(
        snapshot.commitment, 87, status=SnapshotStatus.SUBMITTED, date=datetime.date(2021, 1, 5)
    )
    before = dashboard_shows_87(client, snapshot)

    with committed():
        cycle.approve_report(report, secretariat)

    assert (before, dashboard_shows_87(client, snapshot)) == (False, True)


def test_cached_dashboard_is_rendered_again_for_a_new_release(client, snapshot, settings):
    before = dashboard_shows_87(client, snapshot)
    # Nothing says the data changed: only the release moves the key.
    ProgressSnapshot.objects.filter(pk=snapshot.pk).update(percent=87)
    cached = dashboard_shows_87(client, snapshot)

    settings.RELEASE = "next"

    assert (before, cached, dashboard_shows_87(client, snapshot)) == (False, False, True)
