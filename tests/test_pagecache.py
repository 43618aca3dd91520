import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction

from commitments.models import ProgressSnapshot
from commitments.synthetic import SyntheticData
from ogptracker.pagecache import bump_data_version, data_version
from ogptracker.pagecache.models import DataVersion
from ogptracker.pagecache.recent import Copy, RecentPages
from tests.factories import make_commitment, make_meeting, make_snapshot, make_user

pytestmark = [pytest.mark.urls("tests.pagecache_urls"), pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def snapshot(db):
    return make_snapshot(make_commitment(title="بوابة الشفافية"), percent=40)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def url(snapshot):
    return f"/progress/{snapshot.commitment_id}/"


def test_page_cache_serves_the_second_anonymous_visit_in_one_query(
    client, snapshot, django_assert_num_queries
):
    first = client.get(url(snapshot))

    with django_assert_num_queries(1):
        second = client.get(url(snapshot))

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode() == "بوابة الشفافية: 40 % (0 leads)"
    assert second["Content-Type"] == first["Content-Type"]


def test_page_cache_shows_the_new_figure_after_a_snapshot_is_edited(client, snapshot, committed):
    client.get(url(snapshot))

    with committed():
        snapshot.percent = 65
        snapshot.save()
    response = client.get(url(snapshot))

    assert response["X-Page-Cache"] == "miss"
    assert response.content.decode() == "بوابة الشفافية: 65 % (0 leads)"


def test_page_cache_shows_the_previous_figure_after_the_newest_snapshot_is_deleted(
    client, snapshot, committed
):
    newer = make_snapshot(snapshot.commitment, percent=90, date="2021-01-05")
    client.get(url(snapshot))

    with committed():
        newer.delete()
    response = client.get(url(snapshot))

    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


def test_page_cache_is_invalidated_by_a_many_to_many_change(client, snapshot, committed):
    lead = make_user()
    client.get(url(snapshot))

    with committed():
        snapshot.commitment.leads.add(lead)
    response = client.get(url(snapshot))

    assert response.content.decode() == "بوابة الشفافية: 40 % (1 leads)"


def test_page_cache_is_invalidated_by_a_change_in_the_meetings_app(client, snapshot, committed):
    client.get(url(snapshot))
    version = data_version()

    with committed():
        make_meeting()

    assert data_version() != version


def test_page_cache_is_invalidated_by_bulk_synthetic_data(client, snapshot, committed):
    client.get(url(snapshot))
    version = data_version()

    with committed():
        SyntheticData(1, 1, 1, seed=1).generate()

    assert data_version() != version


def test_page_cache_keeps_serving_the_page_while_a_change_is_uncommitted(client, snapshot):
    client.get(url(snapshot))

    snapshot.percent = 65
    snapshot.save()
    response = client.get(url(snapshot))

    assert response["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_page_cache_changes_the_version_once_per_committed_transaction(client):
    snapshot = make_snapshot(percent=10)
    before = data_version()

    with transaction.atomic():
        for percent in (20, 30, 40):
            snapshot.percent = percent
            snapshot.save()
        during = data_version()

    assert during == before
    assert data_version() != before


def test_page_cache_survives_losing_the_version_token(client, snapshot):
    client.get(url(snapshot))
    DataVersion.objects.all().delete()
    ProgressSnapshot.objects.filter(pk=snapshot.pk).update(percent=70)

    response = client.get(url(snapshot))

    assert response["X-Page-Cache"] == "miss"
    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_keeps_one_entry_per_language(client, snapshot):
    client.get(url(snapshot), headers={"accept-language": "fr"})

    response = client.get(url(snapshot), headers={"accept-language": "ar"})

    assert response["X-Page-Cache"] == "miss"


def test_page_cache_keeps_one_entry_per_query_string(client, snapshot):
    client.get(url(snapshot))

    response = client.get(url(snapshot) + "?order=progress")

    assert response["X-Page-Cache"] == "miss"


def test_page_cache_keeps_one_entry_per_host(client, snapshot, settings):
    settings.ALLOWED_HOSTS = ["tracker.example.org", "testserver"]
    client.get(url(snapshot))

    response = client.get(url(snapshot), headers={"host": "tracker.example.org"})

    assert response["X-Page-Cache"] == "miss"


def test_page_cache_neither_serves_nor_stores_pages_of_signed_in_users(client, snapshot):
    client.force_login(make_user())
    client.get(url(snapshot))

    signed_in = client.get(url(snapshot))
    client.logout()
    anonymous = client.get(url(snapshot))

    assert "X-Page-Cache" not in signed_in
    assert anonymous["X-Page-Cache"] == "miss"


def test_page_cache_does_not_store_a_page_carrying_a_form_token(client, db):
    first = client.get("/form/")

    second = client.get("/form/")

    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in second


def test_page_cache_does_not_store_errors(client, db):
    client.get("/missing/")

    response = client.get("/missing/")

    assert response.status_code == 404
    assert "X-Page-Cache" not in response


def test_page_cache_does_not_serve_a_page_to_a_visitor_with_a_pending_message(client, snapshot):
    client.get(url(snapshot))
    client.cookies["messages"] = "pending"

    response = client.get(url(snapshot))

    assert "X-Page-Cache" not in response


def test_page_cache_is_off_when_its_lifetime_is_zero(client, snapshot, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url(snapshot))

    response = client.get(url(snapshot))

    assert "X-Page-Cache" not in response


def test_page_cache_hit_reads_the_process_copy_while_the_version_holds(client, snapshot):
    client.get(url(snapshot))
    # Only the shared version token is read on a hit; the page comes from this process.
    cache.clear()

    response = client.get(url(snapshot))

    assert response["X-Page-Cache"] == "hit"
    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


def test_page_cache_process_copy_is_dropped_when_another_process_changes_the_data(client, snapshot):
    client.get(url(snapshot))
    ProgressSnapshot.objects.filter(pk=snapshot.pk).update(percent=70)
    # What another server process does after its commit.
    bump_data_version()

    response = client.get(url(snapshot))

    assert response["X-Page-Cache"] == "miss"
    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_process_copy_keeps_the_headers_the_middleware_added(client, snapshot):
    first = client.get(url(snapshot))

    second = client.get(url(snapshot))

    assert second["X-Page-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == first["Content-Language"]


def test_page_cache_answers_a_visitor_with_a_session_from_the_shared_cache(
    client, snapshot, django_assert_num_queries
):
    client.get(url(snapshot))
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired-session"

    # The session, the version and the page.
    with django_assert_num_queries(3):
        response = client.get(url(snapshot))

    assert response["X-Page-Cache"] == "hit"
    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


def test_recent_pages_drop_the_least_recently_used_copy_beyond_their_budget():
    pages = RecentPages(max_bytes=100)
    for key in ("a", "b", "c"):
        pages.put(key, Copy("v1", b"x" * 40, {}))
        pages.get("a")

    assert list(pages.entries) == ["c", "a"]
    assert pages.size == 80


def test_recent_pages_count_a_replaced_copy_once():
    pages = RecentPages(max_bytes=100)
    pages.put("a", Copy("v1", b"x" * 40, {}))

    pages.put("a", Copy("v2", b"x" * 50, {}))

    assert pages.get("a").version == "v2"
    assert pages.size == 50


def test_data_version_is_one_row(db):
    bump_data_version()

    with pytest.raises(IntegrityError), transaction.atomic():
        DataVersion.objects.create(id=2, token="second")

    assert DataVersion.objects.count() == 1
