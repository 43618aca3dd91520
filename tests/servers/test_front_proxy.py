"""nginx in front of gunicorn, configured by `manage.py proxy_config`: a client past
its rate is refused there, with the site's 429 in its language, while another
client is served; static files never count."""

import http.client
import io
import json

import pytest
from django.core.management import call_command

from tests.faults.conftest import serve  # noqa: F401 (a fixture)
from tests.services import free_port, nginx_server

FLOODER = "127.0.0.2"
READER = "127.0.0.1"


def get(port, path, source):
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def proxy(serve, static_root, tmp_path, settings):  # noqa: F811
    """nginx on a free port in front of a gunicorn: 1 request a second, 4 more at once."""
    site = serve(workers=2)
    port = free_port()
    settings.STATIC_ROOT = static_root
    call_command(
        "proxy_config",
        str(tmp_path / "nginx"),
        listen=f"127.0.0.1:{port}",
        upstream=f"127.0.0.1:{site.port}",
        rate=1,
        burst=4,
        stdout=io.StringIO(),
    )
    with nginx_server(tmp_path / "nginx", tmp_path / "nginx" / "ogptracker.conf", port):
        yield port


def test_a_client_past_its_rate_gets_429_in_its_language_while_another_is_served(proxy, db):
    statuses = [get(proxy, "/ar/", FLOODER)[0] for _ in range(12)]

    # One a second and four more at once: the rest, asked within the second, refused.
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    status, headers, body = get(proxy, "/ar/", FLOODER)
    assert status == 429
    assert headers["Retry-After"] == "1"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    page = body.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "طلبات كثيرة جدا" in page
    status, _, body = get(proxy, "/fr/plans/1/", FLOODER)
    assert status == 429
    assert "Trop de requêtes" in body.decode()
    status, headers, body = get(proxy, "/api/plans/", FLOODER)
    assert status == 429
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["Retry-After"] == "1"
    assert "error" in json.loads(body)
    # Another address is served meanwhile.
    assert get(proxy, "/ar/", READER)[0] == 200


def test_static_files_are_served_by_the_proxy_and_never_count(proxy, static_root):
    stylesheet = next((static_root / "css").glob("site.*.css")).name

    answers = [get(proxy, f"/static/css/{stylesheet}", FLOODER) for _ in range(20)]

    assert {status for status, _, _ in answers} == {200}
    assert "immutable" in answers[0][1]["Cache-Control"]
    assert get(proxy, "/ar/", FLOODER)[0] == 200
