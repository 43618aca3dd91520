"""PostgreSQL is down: pages say so in their own language, the API in JSON, the probe with a 503."""

import pytest

from tests.factories import make_commitment, make_plan

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server_without_database(serve, database):
    make_commitment(plan=make_plan(1), number=1)
    # One worker: the French page below is served by the same thread as the Arabic one.
    server = serve(workers=1)
    assert server.get("/fr/").status == 200
    database.stop()
    return server


def test_database_down_page_answers_503_in_the_address_language(server_without_database):
    arabic = server_without_database.get("/ar/")
    french = server_without_database.get("/fr/plans/1/")

    assert (arabic.status, french.status) == (503, 503)
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert "<h1>الخدمة غير متاحة</h1>" in arabic.text
    assert '<html lang="fr" dir="ltr">' in french.text
    assert "<h1>Service indisponible</h1>" in french.text
    assert arabic.headers["Retry-After"] == "30"


@pytest.mark.parametrize("path", ["/api/plans/", "/api/plans/1/commitments/?q=x", "/api/meetings/"])
def test_database_down_api_answers_json_503(server_without_database, path):
    answer = server_without_database.get(path)

    assert (answer.status, answer.headers["Content-Type"]) == (503, "application/json")
    assert answer.json() == {"error": "The database is unavailable; try again shortly."}


def test_database_down_health_probe_answers_503_then_200_once_it_is_back(
    server_without_database, database
):
    down = server_without_database.get("/healthz")
    database.start()
    back = [server_without_database.get("/healthz").status for _ in range(3)]
    page = server_without_database.get("/ar/plans/1/")

    assert (down.status, down.json()) == (503, {"status": "error", "database": "unreachable"})
    assert back == [200, 200, 200]
    assert page.status == 200
