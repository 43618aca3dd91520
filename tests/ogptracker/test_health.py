"""/healthz tells a load balancer whether this server can reach its database."""

import json
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.ogptracker.test_settings import ROOT, production_environment


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_sets_no_cookie_and_is_never_cached(client):
    response = client.get("/healthz")

    assert list(response.cookies) == []
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_is_not_redirected_to_https_unlike_the_pages(client):
    page = client.get("/ar/accounts/login/")
    probe = client.get("/healthz")

    assert (page.status_code, probe.status_code) == (301, 200)


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    # A real server process whose database socket does not exist.
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='ogp.example.ma', secure=True);"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    environment = production_environment(
        DATABASE_URL=f"postgres://postgres@{str(tmp_path).replace('/', '%2F')}/ogptracker",
        DJANGO_SETTINGS_MODULE="ogptracker.settings",
        LOG_LEVEL="CRITICAL",
    )

    command = [sys.executable, "-c", script]

    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)

    assert json.loads(result.stdout) == [503, {"status": "error", "database": "unreachable"}]
