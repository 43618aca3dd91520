"""What a link carries beyond what a page reads, and one client's share of the live work."""

import logging
import zlib

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

from ogptracker.publishing.params import PARAMETERS
from ogptracker.throttle import client_key
from tests.factories import make_commitment, make_user

# What the fair share adds to a live page: the client's count (one statement), a
# slot taken and given back, the time limit set and reset.
SHARE_QUERIES = 5
SHARED = "?fbclid=IwAR2xYz&utm_source=facebook&utm_medium=social&gclid=Cj0K"


def commitment_url(commitment):
    return f"/ar/plans/{commitment.plan.number}/commitments/{commitment.number}/"


def canonical_link(response):
    content = response.content.decode()
    start = content.index('<link rel="canonical" href="') + len('<link rel="canonical" href="')
    return content[start : content.index('"', start)]


def cached_views(resolver=None, prefix=""):
    """(name, pattern) of every view of the site under the page cache."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from cached_views(pattern, namespace)
        elif isinstance(pattern, URLPattern) and getattr(pattern.callback, "page_cache", False):
            yield f"{prefix}{pattern.name}", pattern


# Former addresses: a 301 to the endpoint with the query as given, which the cache never
# stores; the endpoint's own view makes the query canonical.
REDIRECTS = {"api:plan_snapshots_moved", "api:plan_decisions_moved"}


def test_every_cached_view_declares_the_parameters_it_reads():
    names = [name for name, _ in cached_views()]

    assert len(names) == 35
    assert {name for name in names if name not in PARAMETERS} == REDIRECTS


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_shared_link_is_served_from_the_cache_like_the_plain_page(
    client, django_assert_num_queries
):
    url = commitment_url(make_commitment())
    plain = client.get(url)
    with django_assert_num_queries(1):
        client.get(url)

    # The data version, as for the plain page: the same copy.
    with django_assert_num_queries(1):
        shared = client.get(url + SHARED)

    assert shared.content == plain.content
    assert canonical_link(shared) == f"http://testserver{url}"


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_shared_link_with_a_parameter_the_page_reads_keeps_it_alone_in_the_canonical_link(
    client, django_assert_num_queries
):
    commitment = make_commitment()
    url = f"/ar/plans/{commitment.plan.number}/"
    client.get(url + "?sort=progress")

    # This process's copy of ?sort=progress: the rest can change no page.
    with django_assert_num_queries(1):
        response = client.get(url + SHARED + "&sort=progress&page=")

    assert response.status_code == 200
    assert canonical_link(response) == f"http://testserver{url}?sort=progress"


@pytest.mark.django_db
def test_default_value_is_left_out_of_the_canonical_link(client):
    commitment = make_commitment()

    response = client.get(f"/ar/plans/{commitment.plan.number}/?sort=number&utm_source=x")

    assert canonical_link(response) == f"http://testserver/ar/plans/{commitment.plan.number}/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/ar/?page=2", "/ar/search/?q=budget&page=2", "/ar/meetings/?page=9"]
)
def test_page_past_the_last_is_a_bad_request(client, url):
    make_commitment()

    response = client.get(url)

    assert response.status_code == 400


def live_pages(client, count, address, **extra):
    # A new search each time: none is in the cache.
    return [
        client.get(f"/ar/search/?q=word{n}", REMOTE_ADDR=address, **extra) for n in range(count)
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_client_past_its_share_gets_429_in_arabic_while_another_is_served(client, settings):
    settings.FAIR_SHARE_ANONYMOUS = "3/m"
    served = live_pages(client, 3, "192.0.2.10")

    refused = client.get("/ar/search/?q=other", REMOTE_ADDR="192.0.2.10")
    other = client.get("/ar/search/?q=other", REMOTE_ADDR="192.0.2.20")

    assert [response.status_code for response in served] == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "<h1>طلبات كثيرة جدا</h1>" in refused.content.decode()
    assert refused.content.decode().startswith("<!DOCTYPE html>")
    assert other.status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_client_past_its_share_is_refused_again_without_the_database(
    client, settings, django_assert_num_queries
):
    settings.FAIR_SHARE_ANONYMOUS = "1/m"
    live_pages(client, 2, "192.0.2.10")

    with django_assert_num_queries(0):
        response = client.get("/ar/plans/1/", REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 429


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_api_client_past_its_share_gets_429_as_json(client, settings):
    settings.FAIR_SHARE_ANONYMOUS = "1/m"
    make_commitment()
    client.get("/api/plans/", REMOTE_ADDR="192.0.2.10")

    response = client.get("/api/meetings/", REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": "Too many requests from this client; try again after Retry-After seconds."
    }
    assert int(response["Retry-After"]) >= 1


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_signed_in_secretariat_has_a_share_apart_from_its_address(client, settings):
    settings.FAIR_SHARE_ANONYMOUS = "2/m"
    live_pages(client, 3, "192.0.2.10")
    client.force_login(make_user(secretariat=True))

    response = client.get("/ar/search/?q=other", REMOTE_ADDR="192.0.2.10")

    assert response.status_code == 200


def test_share_is_by_account_when_signed_in_and_by_address_otherwise(rf, db):
    from django.contrib.auth.models import AnonymousUser

    anonymous = rf.get("/", REMOTE_ADDR="192.0.2.10")
    anonymous.user = AnonymousUser()
    signed_in = rf.get("/", REMOTE_ADDR="192.0.2.10")
    signed_in.user = make_user()

    assert client_key(anonymous) == "address:192.0.2.10"
    assert client_key(signed_in) == f"user:{signed_in.user.pk}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_client_with_its_requests_already_running_waits_a_second(client):
    # Another worker's connection, in the middle of two of this address's requests.
    from ogptracker.throttle import _lock_ids

    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            for slot in range(settings.FAIR_SHARE_AT_ONCE):
                cursor.execute(
                    "SELECT pg_try_advisory_lock(%s, %s)", [_lock_ids("address:192.0.2.10"), slot]
                )
        refused = client.get("/ar/search/?q=budget", REMOTE_ADDR="192.0.2.10")
        other_address = client.get("/ar/search/?q=budget", REMOTE_ADDR="192.0.2.20")
    finally:
        other.close()

    assert (refused.status_code, refused["Retry-After"]) == (429, "1")
    assert other_address.status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.pagecache_urls")
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_query_past_the_time_limit_gives_the_503_page_and_is_logged(client, settings, caplog):
    settings.PUBLIC_QUERY_TIMEOUT_MS = 200

    with caplog.at_level(logging.WARNING, logger="ogptracker.throttle"):
        response = client.get("/slow/", headers={"accept-language": "ar"})
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        after = cursor.fetchone()[0]

    assert response.status_code == 503
    assert "الخدمة غير متاحة" in response.content.decode()
    assert [r.getMessage() for r in caplog.records if r.name == "ogptracker.throttle"] == [
        "A query of /slow/ took more than 200 ms: cancelled, 503 for address:127.0.0.1."
    ]
    # The worker's connection is given back without the limit.
    assert after == "0"


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("tests.pagecache_urls")
@pytest.mark.usefixtures("page_cache", "fair_share")
def test_api_query_past_the_time_limit_gives_json_503(client, settings):
    settings.PUBLIC_QUERY_TIMEOUT_MS = 200

    response = client.get("/api/slow/")

    assert response.status_code == 503
    assert response.json() == {"error": "The request took too long; try again later."}


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_the_fair_share_costs_a_live_page_a_known_number_of_queries(client, settings):
    """The share's own queries on a page the cache does not hold, with the
    production settings: the client's count, a slot taken and given back, the
    time limit set and reset."""
    from django.test.utils import CaptureQueriesContext

    from ogptracker import settings as production

    make_commitment()

    def live_queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ar/search/", {"q": query}).status_code == 200
        return [entry["sql"] for entry in captured.captured_queries]

    live_queries("warm")  # The first request reads what later ones find ready.
    without = live_queries("first")
    settings.FAIR_SHARE_ANONYMOUS = production.FAIR_SHARE_ANONYMOUS
    settings.FAIR_SHARE_AT_ONCE = production.FAIR_SHARE_AT_ONCE
    settings.PUBLIC_QUERY_TIMEOUT_MS = production.PUBLIC_QUERY_TIMEOUT_MS
    with_share = live_queries("second")

    added = len(with_share) - len(without)
    assert added == SHARE_QUERIES, "\n".join(q[:90] for q in with_share)


@pytest.mark.django_db
def test_count_starts_over_in_each_window_of_the_client(monkeypatch):
    from ogptracker import throttle

    rate = throttle.Rate.parse("3/m")
    offset = zlib.crc32(b"address:192.0.2.10") % 60
    start = 1_800_000_000 - (1_800_000_000 - offset) % 60
    monkeypatch.setattr(throttle.time, "time", lambda: start + 10)

    counts = [throttle.counted("address:192.0.2.10", rate) for _ in range(4)]
    other = throttle.counted("address:192.0.2.20", rate)[0]
    monkeypatch.setattr(throttle.time, "time", lambda: start + 60)
    next_window = throttle.counted("address:192.0.2.10", rate)

    assert counts == [(1, 50), (2, 50), (3, 50), (4, 50)]
    assert other == 1
    assert next_window == (1, 60)


@pytest.mark.django_db(transaction=True)
def test_requests_counted_at_once_by_several_workers_each_count():
    """Each worker's count is one statement: two connections counting the same
    client at the same moment never count once for two."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from ogptracker.throttle import Rate, counted

    rate = Rate.parse("1000/h")

    def count_fifty(_):
        try:
            return [counted("address:192.0.2.10", rate)[0] for _ in range(50)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as workers:
        counts = [count for batch in workers.map(count_fifty, range(4)) for count in batch]

    assert sorted(counts) == list(range(1, 201))


@pytest.mark.django_db
def test_idle_clients_are_forgotten_after_a_day(monkeypatch):
    from ogptracker import throttle
    from ogptracker.pagecache.models import ShareCount

    now = 1_800_000_000
    ShareCount.objects.create(client="address:192.0.2.10", window=now - 86_401, count=7)
    ShareCount.objects.create(client="address:192.0.2.20", window=now - 3600, count=2)
    monkeypatch.setattr(throttle.time, "time", lambda: now)

    assert throttle.forget_idle_clients() == 1
    assert list(ShareCount.objects.values_list("client", flat=True)) == ["address:192.0.2.20"]


@pytest.mark.parametrize(
    ("text", "limit", "period"),
    [("120/5m", 120, 300), ("600/m", 600, 60), ("5/h", 5, 3600), ("1/2d", 1, 172_800)],
)
def test_rate_reads_django_ratelimit_rates(text, limit, period):
    from ogptracker.throttle import Rate

    rate = Rate.parse(text)

    assert (rate.limit, rate.period) == (limit, period)


def test_a_mistyped_rate_stops_the_site_at_its_checks(settings):
    from ogptracker.pagecache.apps import check_fair_share_rates

    settings.FAIR_SHARE_ANONYMOUS = "120 per 5 minutes"

    (error,) = check_fair_share_rates(None)
    assert error.id == "pagecache.E001"
    assert "FAIR_SHARE_ANONYMOUS" in error.msg
