"""With the page cache on, every public page and the API show an edit at once:
render, change a snapshot's percent through the ORM, render again."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import override

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
def test_cached_page_shows_a_snapshot_edit_at_once(client, snapshot, committed, page):
    url = page_urls(snapshot)[page]
    old, new = FIGURES[page].format(41), FIGURES[page].format(87)
    client.get(url)
    before = client.get(url)

    with committed():
        snapshot.percent = 87
        snapshot.save()
    after = client.get(url)

    assert before["X-Page-Cache"] == "hit"
    assert after["X-Page-Cache"] == "miss"
    before_text, after_text = text(before), text(after)
    assert (old in before_text, new in before_text) == (True, False)
    assert (new in after_text, old in after_text) == (True, False)
