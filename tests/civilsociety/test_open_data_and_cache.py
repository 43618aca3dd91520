"""Civil society's figures in open data and the API, and on cached pages at once."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from commitments.enums import ReportVoice
from ogptracker.civilsociety.models import Assessment
from ogptracker.civilsociety.recording import record_assessment
from ogptracker.publishing import opendata
from tests.factories import make_report

from .conftest import make_assessment


@pytest.mark.django_db
def test_civil_society_dataset_sets_each_assessment_beside_the_official_figure(forum, official):
    make_assessment(forum, official, 35, narrative='=HYPERLINK("http://x")')
    make_assessment(forum, official, 70, period_end=datetime.date(2024, 12, 31))

    rows = opendata.CIVIL_SOCIETY.rows(official.plan)

    assert [
        (row["period_start"], row["period_end"], row["percent"], row["official_percent"])
        for row in rows
    ] == [
        (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31), 70, None),
        (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30), 35, 60),
    ]
    assert [(row["gap"], row["gap_flagged"]) for row in rows] == [(None, False), (-25, True)]
    assert rows[1]["forum"] == forum.name
    assert rows[1]["completion"] == "limited"
    as_csv = list(
        csv.DictReader(
            io.StringIO(opendata.to_csv(opendata.CIVIL_SOCIETY, rows).decode("utf-8-sig"))
        )
    )
    assert as_csv[1]["narrative"] == '\'=HYPERLINK("http://x")'
    assert as_csv[1]["gap_flagged"] == "true"


@pytest.mark.django_db
def test_commitments_dataset_carries_the_latest_civil_society_figure_and_gap(forum, official):
    make_assessment(forum, official, 70, period_end=datetime.date(2024, 12, 31))
    make_assessment(forum, official, 35)

    (row,) = opendata.COMMITMENTS.rows(official.plan)

    assert (row["latest_percent"], row["civil_society_percent"]) == (60, 35)
    assert row["civil_society_period_end"] == datetime.date(2025, 6, 30)
    assert row["civil_society_gap"] == -25


@pytest.mark.django_db
def test_reports_dataset_says_whose_report_each_is(official):
    make_report(
        official, percent=20, date=datetime.date(2025, 4, 1), voice=ReportVoice.CIVIL_SOCIETY
    )

    rows = opendata.REPORTS.rows(official.plan)

    assert [(row["percent"], row["reported_by"]) for row in rows] == [
        (60, "government"),
        (20, "civil_society"),
    ]


@pytest.mark.django_db
def test_api_lists_the_assessments_with_the_download_s_columns(client, forum, official):
    make_assessment(forum, official, 35)

    answer = client.get(
        reverse("api:plan_civil_society", args=[official.plan.number]), {"commitment": 1}
    ).json()

    assert answer["count"] == 1
    assert list(answer["results"][0]) == opendata.CIVIL_SOCIETY.columns
    assert answer["results"][0]["gap"] == -25
    plan = client.get(reverse("api:plan", args=[official.plan.number])).json()
    assert plan["civil_society_url"].endswith(f"/api/plans/{official.plan.number}/civil-society/")
    assert set(plan["downloads"]["civil-society"]) == {"csv", "xlsx", "json"}


@pytest.mark.django_db
def test_download_of_the_dataset_in_json(client, forum, official, forum_member):
    make_assessment(forum, official, 35, recorded_by=forum_member)

    response = client.get(
        reverse("commitments:plan_download", args=[official.plan.number, "civil-society", "json"])
    )

    assert response.status_code == 200
    (row,) = json.loads(response.content)
    assert row["percent"] == 35
    # Who recorded it stays in the history, never in the public data.
    assert forum_member.email not in response.content.decode()
    assert forum_member.username not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_a_new_assessment_shows_at_once_on_cached_pages(
    client, forum, forum_member, official, django_capture_on_commit_callbacks
):
    pages = [
        reverse("commitments:plan_dashboard", args=[official.plan.number]),
        reverse("commitments:commitment_detail", args=[official.plan.number, official.number]),
    ]
    for page in pages:
        assert "gap-flag" not in client.get(page).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        record_assessment(
            Assessment(
                forum=forum,
                commitment=official,
                period_end=datetime.date(2025, 6, 30),
                percent=35,
                completion="limited",
                narrative="تقييم",
            ),
            forum_member,
        )

    for page in pages:
        assert "25 نقطة دون الرقم الرسمي" in client.get(page).content.decode()
