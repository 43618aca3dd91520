"""The public open-data page."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from commitments.enums import MeetingStatus, ReportStatus
from ogptracker.ogpcycle.models import IRMAssessment
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_plan,
    make_report,
)

pytestmark = pytest.mark.django_db


def _get(client, language):
    with translation.override(language):
        return client.get(reverse("commitments:open_data"))


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ar", "<h1>البيانات المفتوحة</h1>"),
        ("fr", "<h1>Données ouvertes</h1>"),
        ("en", "<h1>Open data</h1>"),
    ],
)
def test_open_data_page_answers_in_every_language(client, language, heading):
    make_plan(1)

    response = _get(client, language)

    assert response.status_code == 200
    assert response.content.decode().count(heading) == 1


def test_open_data_page_links_every_dataset_of_every_plan(client):
    make_plan(1)
    make_plan(2)

    content = _get(client, "fr").content.decode()

    for number in (1, 2):
        for dataset in ("commitments", "activities", "reports"):
            for fmt in ("csv", "xlsx", "json"):
                assert content.count(f'href="/fr/plans/{number}/data/{dataset}.{fmt}"') == 1


def test_open_data_page_lists_the_fields_of_each_dataset(client):
    content = _get(client, "en").content.decode()

    assert content.count("<code>narrative_ar</code>") == 1
    assert content.count("<code>latest_percent</code>") == 1
    assert content.count("Number of the commitment within its plan.") == 6


@pytest.mark.parametrize("plans", [1, 3])
def test_open_data_page_runs_two_queries(client, django_assert_num_queries, plans):
    for number in range(1, plans + 1):
        make_activity(make_report(make_commitment(make_plan(number), 1)).commitment, 1)

    # The count for the pages, then the page's plans with their rows counted.
    with django_assert_num_queries(2):
        _get(client, "ar")


def test_open_data_page_lists_twelve_plans_a_page(client):
    for number in range(1, 15):
        make_commitment(make_plan(number), 1)

    with translation.override("en"):
        second = client.get(reverse("commitments:open_data"), {"page": 2})

    content = second.content.decode()
    linked = sorted(set(re.findall(r'href="/en/plans/(\d+)/data/commitments\.csv"', content)))
    assert linked == ["13", "14"]
    assert [plan.datasets[0][1] for plan in second.context["plans"]] == [1, 1]
    assert 'rel="prev" href="?page=1"' in content


def test_open_data_page_counts_rows_of_published_data_only(client):
    plan = make_plan(1)
    commitment = make_commitment(plan, 1)
    make_activity(commitment, 1)
    make_activity(commitment, 2)
    make_report(commitment, 40, date=datetime.date(2020, 6, 17))
    make_report(commitment, 90, date=datetime.date(2020, 9, 18), status=ReportStatus.SUBMITTED)
    committee = make_committee(plan=plan)
    make_next_step(make_meeting(committee, date=datetime.date(2020, 6, 17)))
    draft = make_meeting(committee, date=datetime.date(2020, 9, 18), status=MeetingStatus.DRAFT)
    make_next_step(draft)
    IRMAssessment.objects.create(
        commitment=commitment, report="design", report_date=datetime.date(2019, 5, 1)
    )

    response = _get(client, "fr")

    assert [(d.name, rows) for d, rows in response.context["plans"][0].datasets] == [
        ("commitments", 1),
        ("activities", 2),
        ("reports", 1),
        ("next-steps", 1),
        ("irm", 1),
        ("revisions", 0),
        ("civil-society", 0),
    ]
    latest = "dernier rapport d'avancement publié : 17 juin 2020"
    assert response.content.decode().count(latest) == 1


def test_plan_downloads_tag_links_the_eighteen_files_and_the_open_data_page():
    plan = make_plan(3)

    with translation.override("fr"):
        html = Template("{% load opendata_tags %}{% plan_downloads plan %}").render(
            Context({"plan": plan})
        )

    assert re.findall(r'href="(/fr/plans/3/data/[a-z-]+\.[a-z]+)"', html) == [
        f"/fr/plans/3/data/{dataset}.{fmt}"
        for dataset in (
            "commitments",
            "activities",
            "reports",
            "next-steps",
            "irm",
            "revisions",
            "civil-society",
        )
        for fmt in ("csv", "xlsx", "json")
    ]
    assert html.count('href="/fr/open-data/"') == 1
    assert html.count("Télécharger les données") == 1
