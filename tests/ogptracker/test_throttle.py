"""Login throttling: five wrong passwords for one username from one address lock that pair out."""

import pytest
from django.test import RequestFactory, override_settings

from ogptracker.throttle import client_ip

WRONG = {"username": "owning_lead", "password": "wrong-password"}
RIGHT = {"username": "owning_lead", "password": "correct-horse-battery"}


def fail_five_times(client, url, address="192.0.2.10"):
    return [client.post(url, WRONG, REMOTE_ADDR=address).status_code for _ in range(5)]


@pytest.mark.django_db
def test_login_locks_out_after_five_failures_even_with_the_right_password(client, owning_lead):
    statuses = fail_five_times(client, "/ar/accounts/login/")

    response = client.post("/ar/accounts/login/", RIGHT, REMOTE_ADDR="192.0.2.10")

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_page_explains_the_pause_in_arabic(client, owning_lead):
    fail_five_times(client, "/ar/accounts/login/")

    response = client.post("/ar/accounts/login/", RIGHT, REMOTE_ADDR="192.0.2.10")

    content = response.content.decode()
    assert "تسجيل الدخول موقوف مؤقتا" in content
    assert "لمدة 30 دقيقة" in content
    assert '<a href="/ar/accounts/password_reset/">' in content


@pytest.mark.django_db
def test_lockout_spares_the_same_user_elsewhere_and_others_here(client, owning_lead, other_lead):
    fail_five_times(client, "/ar/accounts/login/")

    from_elsewhere = client.post("/ar/accounts/login/", RIGHT, REMOTE_ADDR="198.51.100.7")
    client.logout()
    other_user_here = client.post(
        "/ar/accounts/login/",
        {"username": "other_lead", "password": "correct-horse-battery"},
        REMOTE_ADDR="192.0.2.10",
    )

    assert (from_elsewhere.status_code, other_user_here.status_code) == (302, 302)


@pytest.mark.django_db
def test_a_successful_login_forgives_earlier_failures(client, owning_lead):
    for _ in range(4):
        client.post("/ar/accounts/login/", WRONG, REMOTE_ADDR="192.0.2.10")
    client.post("/ar/accounts/login/", RIGHT, REMOTE_ADDR="192.0.2.10")
    client.logout()

    statuses = fail_five_times(client, "/ar/accounts/login/")

    assert statuses == [200, 200, 200, 200, 429]


@pytest.mark.django_db
def test_admin_login_is_throttled_too(client, secretariat):
    wrong = {"username": "secretariat", "password": "wrong-password", "next": "/ar/admin/"}

    statuses = [
        client.post("/ar/admin/login/", wrong, REMOTE_ADDR="192.0.2.10").status_code
        for _ in range(5)
    ]

    assert statuses == [200, 200, 200, 200, 429]


def test_client_ip_is_the_peer_address_when_no_proxy_is_trusted():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )

    assert client_ip(request) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_ip_ignores_addresses_the_client_wrote_itself():
    # The client forged the first entry; the balancer appended the real one.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7"
    )

    assert client_ip(request) == "198.51.100.7"
