"""Odd query parameters are refused with a 400 or read as usual: never a 500, nor HTML from
the API."""

import datetime
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ogptracker.publishing.params import MAX_INTEGER, PARAMETERS
from tests.factories import make_commitment, make_meeting, make_report

SUITABLE = dict(
    max_examples=200,
    deadline=None,
    # No example folder in the working tree; a failure prints its example.
    database=None,
    # The rows are made once per test; the requests only read them.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def published(db):
    """One of everything the public URLs show: plan 1, its commitment 1, a meeting."""
    commitment = make_commitment(number=1)
    plan = commitment.plan
    plan.number = 1
    plan.save()
    make_report(commitment)
    meeting = make_meeting()
    return {"plan": plan, "commitment": commitment, "meeting": meeting}


def url_of(name, objects):
    """The address of URL `name` for the rows of `published`, in Arabic where it has a language."""
    kwargs = {
        "commitments:plan_dashboard": {"number": objects["plan"].number},
        "commitments:institution_detail": {"pk": objects["commitment"].lead_institution_id},
        "meetings:minutes_pdf": {"pk": objects["meeting"].pk},
        "sitemap_section": {"section": "plans"},
    }.get(name, {})
    if name.startswith("api:plan_"):
        kwargs = {"number": objects["plan"].number}
    return reverse(name, kwargs=kwargs)


ADDRESSES = [(name, parameter) for name, checks in PARAMETERS.items() for parameter in checks]

values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["1", "2", "0", str(MAX_INTEGER), str(MAX_INTEGER + 1), "9" * 5000]),
    st.sampled_from(["number", "progress", "open", "execution", "2020-06-17", "2020-02-30"]),
    st.text(alphabet="\x00\u202e\u2066 ١٢٣²-+.eE", max_size=8),
    st.dates().map(datetime.date.isoformat),
)


def assert_answered_properly(response, url):
    # A sitemap's page past the last, or empty, is its own 404.
    allowed = (200, 400, 404) if url.startswith("/sitemap-") else (200, 400)
    assert response.status_code in allowed, (url, response.status_code)
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
    elif response.status_code == 400:
        language = url.split("/")[1] if re.match(r"/(ar|fr|en)/", url) else "ar"
        assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
@settings(**SUITABLE)
@given(address=st.sampled_from(ADDRESSES), value=values, data=st.data())
def test_every_parameter_of_every_url_is_read_or_refused_with_a_400(
    client, published, address, value, data
):
    name, parameter = address
    url = url_of(name, published)
    if data.draw(st.booleans(), label="in French"):
        url = url.replace("/ar/", "/fr/", 1)

    response = client.get(url, {parameter: value})

    assert_answered_properly(response, url)


@pytest.mark.django_db
@settings(**SUITABLE)
@given(number=st.integers(min_value=0, max_value=10**30), data=st.data())
def test_numbers_in_addresses_find_a_row_or_answer_404(client, published, number, data):
    url = data.draw(
        st.sampled_from(
            [
                f"/ar/plans/{number}/",
                f"/ar/plans/{number}/commitments/{number}/",
                f"/ar/institutions/{number}/",
                f"/ar/meetings/{number}/",
                f"/api/plans/{number}/",
                f"/api/plans/{number}/commitments/",
                f"/api/plans/1/activities/?commitment={number}",
                f"/api/meetings/?plan={number}",
            ]
        )
    )

    response = client.get(url)

    assert response.status_code in (200, 400, 404), (url, response.status_code)
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/ar/search/?q=%00", "/api/meetings/?q=%00", "/api/plans/1/commitments/?q=a%00b"],
)
def test_null_byte_in_a_search_is_refused_with_a_400(client, published, url):
    response = client.get(url)

    assert response.status_code == 400


@pytest.mark.django_db
def test_null_byte_in_the_api_is_refused_in_json(client, published):
    response = client.get("/api/meetings/?q=%00")

    assert response.json() == {"error": "Parameters may not hold control characters."}


@pytest.mark.django_db
def test_null_byte_in_a_page_is_refused_in_the_address_language(client, published):
    response = client.get("/fr/search/?q=%00")

    content = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fr" dir="ltr">' in content
    assert "<h1>Requête invalide</h1>" in content


@pytest.mark.django_db
def test_page_number_past_an_integer_column_is_refused(client, published):
    response = client.get("/api/plans/", {"page": "99999999999999999999"})

    assert (response.status_code, response.json()) == (
        400,
        {"error": "`page` must be at most 2147483647."},
    )


@pytest.mark.django_db
def test_page_number_of_thousands_of_digits_is_refused(client, published):
    # int() refuses more than 4,300 digits: this was a 500.
    response = client.get("/api/plans/", {"page": "9" * 5000})

    assert (response.status_code, response.json()) == (
        400,
        {"error": "`page` must be at most 2147483647."},
    )


@pytest.mark.django_db
def test_unknown_sort_of_a_plan_dashboard_is_refused(client, published):
    response = client.get("/ar/plans/1/", {"sort": "salary"})

    assert response.status_code == 400


@pytest.mark.django_db
def test_parameters_a_page_does_not_read_are_left_alone(client, published):
    response = client.get("/ar/plans/1/", {"utm_source": "newsletter", "sort": "progress"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_null_byte_in_the_admin_search_is_refused(client, secretariat):
    client.force_login(secretariat)

    response = client.get("/ar/admin/commitments/commitment/", {"q": "\x00"})

    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/ar/plans/10000000000000000000/", "/api/plans/10000000000000000000/"]
)
def test_number_in_an_address_past_any_row_is_404(client, published, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_refusal_carries_the_security_policy(client, published):
    response = client.get("/ar/search/", {"q": "\x00"})

    assert "default-src 'self'" in response["Content-Security-Policy"].split("; ")
