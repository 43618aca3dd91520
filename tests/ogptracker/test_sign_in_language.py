"""Signing in and out keeps the language the visitor chose."""

import pytest

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ar", "zgh", "fr", "en"])
def test_sign_in_lands_on_my_commitments_in_the_same_language(client, language):
    make_user("h.bouihi")

    response = client.post(
        f"/{language}/accounts/login/",
        {"username": "h.bouihi", "password": "correct-horse-battery"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )

    assert (response.status_code, response["Location"]) == (302, f"/{language}/my/commitments/")


def test_sign_out_returns_to_the_home_page_in_the_same_language(client):
    client.force_login(make_user("h.bouihi"))

    response = client.post("/fr/accounts/logout/", HTTP_ACCEPT_LANGUAGE="ar")

    assert (response.status_code, response["Location"]) == (302, "/fr/")
