"""In production, static files get hashed names and WhiteNoise serves them with long caching."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    # The project's own files only: the admin's hundred files add seconds, not coverage.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    with override_settings(
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


@pytest.mark.django_db
def test_pages_link_the_hashed_stylesheet(client, collected):
    response = client.get("/ar/accounts/login/")

    links = re.findall(r'href="(/static/css/site\.[^"]+)"', response.content.decode())
    assert len(links) == 1
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", links[0])


@pytest.mark.django_db
def test_hashed_stylesheet_is_served_compressed_and_cached_for_a_year(client, collected):
    url = re.search(r'href="(/static/css/site\.[^"]+)"', client.get("/ar/accounts/login/").text)

    response = client.get(url[1], HTTP_ACCEPT_ENCODING="br, gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
