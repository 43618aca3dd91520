"""PostgreSQL restarts under a running site: every worker's kept connection is dead."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.factories import make_commitment, make_plan

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

DASHBOARD = "/ar/plans/1/?sort=number"


def test_database_restart_costs_no_500_and_no_false_health_alarm(serve, database):
    make_commitment(plan=make_plan(1), number=1)
    server = serve(workers=4)
    # Several at once, so that every worker opens, and keeps, a connection.
    with ThreadPoolExecutor(8) as pool:
        before = list(pool.map(lambda _: server.get(DASHBOARD).status, range(24)))

    database.restart()
    pages = [server.get(DASHBOARD).status for _ in range(12)]
    probes = [server.get("/healthz").status for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda _: server.get(DASHBOARD).status, range(24)))

    assert set(before) == {200}
    assert pages == [200] * 12
    assert probes == [200] * 8
    assert set(together) == {200}
