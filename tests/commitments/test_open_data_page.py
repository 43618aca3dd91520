"""The public open-data page."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_plan

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
        for dataset in ("commitments", "activities", "snapshots"):
            for fmt in ("csv", "xlsx", "json"):
                assert content.count(f'href="/fr/plans/{number}/data/{dataset}.{fmt}"') == 1


def test_open_data_page_lists_the_fields_of_each_dataset(client):
    content = _get(client, "en").content.decode()

    assert content.count("<code>narrative_ar</code>") == 1
    assert content.count("<code>latest_percent</code>") == 1
    assert content.count("Number of the commitment within its plan.") == 3


@pytest.mark.parametrize("plans", [1, 3])
def test_open_data_page_runs_one_query(client, django_assert_num_queries, plans):
    for number in range(1, plans + 1):
        make_plan(number)

    with django_assert_num_queries(1):
        _get(client, "ar")
