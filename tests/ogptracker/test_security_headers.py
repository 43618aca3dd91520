"""What every page sends the browser: CSP without inline code, HSTS, secure cookies."""

import pytest

EXPECTED_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header):
    return dict(part.split(" ", 1) for part in header.split("; "))


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_code(client):
    response = client.get("/ar/accounts/login/")

    assert directives(response["Content-Security-Policy"]) == EXPECTED_POLICY


@pytest.mark.django_db
def test_https_pages_send_hsts_and_refuse_framing(client):
    response = client.get("/ar/accounts/login/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_csrf_cookie_is_secure_outside_development(client):
    response = client.get("/ar/accounts/login/", secure=True)

    cookie = response.cookies["csrftoken"]
    assert (bool(cookie["secure"]), bool(cookie["httponly"])) == (True, False)


@pytest.mark.django_db
def test_session_cookie_is_secure_and_hidden_from_scripts(client, owning_lead):
    response = client.post(
        "/ar/accounts/login/",
        {"username": "owning_lead", "password": "correct-horse-battery"},
        secure=True,
    )

    cookie = response.cookies["sessionid"]
    assert (response.status_code, bool(cookie["secure"]), bool(cookie["httponly"])) == (
        302,
        True,
        True,
    )
