import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments.models import ProgressReport
from ogptracker.devdata.synthetic import SyntheticData
from ogptracker.pagecache import bump_data_version, data_changed, data_version
from ogptracker.pagecache.models import DataVersion
from ogptracker.pagecache.recent import Copy, RecentPages, recent_pages
from ogptracker.publishing import params
from tests.factories import make_commitment, make_meeting, make_report, make_user

pytestmark = [pytest.mark.urls("tests.pagecache_urls"), pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def report(db):
    return make_report(make_commitment(title="بوابة الشفافية"), percent=40)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block leaves for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def url(report):
    return f"/progress/{report.commitment_id}/"


def change_unnoticed(report, percent):
    """Change the figure without moving the data version: a cached page keeps the old one."""
    ProgressReport.objects.filter(pk=report.pk).update(percent=percent)


def test_page_cache_serves_the_second_anonymous_visit_in_one_query(
    client, report, django_assert_num_queries
):
    first = client.get(url(report))

    # The data version: the page is this process's copy.
    with django_assert_num_queries(1):
        second = client.get(url(report))

    assert second.content.decode() == "بوابة الشفافية: 40 % (0 leads)"
    assert second["Content-Type"] == first["Content-Type"]


def test_page_cache_keeps_serving_the_page_while_nothing_says_the_data_changed(client, report):
    client.get(url(report))

    change_unnoticed(report, 70)
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


def test_page_cache_shows_the_new_figure_after_a_report_is_edited(client, report, committed):
    client.get(url(report))

    with committed():
        report.percent = 65
        report.save()
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 65 % (0 leads)"


def test_page_cache_shows_the_previous_figure_after_the_newest_report_is_deleted(
    client, report, committed
):
    newer = make_report(report.commitment, percent=90, date="2021-01-05")
    client.get(url(report))

    with committed():
        newer.delete()
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


def test_page_cache_is_invalidated_by_a_many_to_many_change(client, report, committed):
    lead = make_user()
    client.get(url(report))

    with committed():
        report.commitment.leads.add(lead)
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 40 % (1 leads)"


def test_page_cache_is_invalidated_by_a_writer_without_signals_that_says_so(
    client, report, committed
):
    client.get(url(report))

    with committed():
        change_unnoticed(report, 70)
        data_changed()
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_is_invalidated_by_a_change_in_the_meetings_app(client, report, committed):
    client.get(url(report))
    version = data_version()

    with committed():
        make_meeting()

    assert data_version() != version


def test_page_cache_is_invalidated_by_bulk_synthetic_data(client, report, committed):
    client.get(url(report))
    version = data_version()

    with committed():
        SyntheticData(1, 1, 1, seed=1).generate()

    assert data_version() != version


def test_page_cache_keeps_serving_the_page_while_a_change_is_uncommitted(client, report):
    client.get(url(report))

    report.percent = 65
    report.save()
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


@pytest.mark.django_db(transaction=True)
def test_page_cache_changes_the_version_once_per_committed_transaction(client):
    report = make_report(percent=10)
    before = data_version()

    with transaction.atomic():
        for percent in (20, 30, 40):
            report.percent = percent
            report.save()
        during = data_version()

    assert during == before
    assert data_version() != before


def test_page_cache_shows_the_data_after_another_process_moves_the_version(client, report):
    client.get(url(report))
    change_unnoticed(report, 70)

    # What another server process does after its commit.
    bump_data_version()
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_survives_losing_the_version_token(client, report):
    client.get(url(report))
    DataVersion.objects.all().delete()
    change_unnoticed(report, 70)

    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_does_not_serve_the_pages_of_the_previous_release(client, report, settings):
    client.get(url(report))
    change_unnoticed(report, 70)

    settings.RELEASE = "next"
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_renders_the_pages_again_the_next_day(client, report, monkeypatch):
    client.get(url(report))
    change_unnoticed(report, 70)

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_keeps_one_entry_per_language(client, db):
    client.get("/address/", headers={"accept-language": "fr"})

    response = client.get("/address/", headers={"accept-language": "ar"})

    assert response.content.decode() == "ar http://testserver/address/"


def test_page_cache_keeps_one_entry_per_value_of_a_parameter_the_page_reads(
    client, db, monkeypatch
):
    monkeypatch.setitem(params.PARAMETERS, "address", {"q": params.text})
    client.get("/address/?q=budget")

    response = client.get("/address/?q=archives")

    assert response.content.decode() == "ar http://testserver/address/?q=archives"


def test_page_cache_key_leaves_out_what_the_page_does_not_read(client, db, monkeypatch):
    monkeypatch.setitem(params.PARAMETERS, "address", {"q": params.text, "page": params.text})
    client.get("/address/?q=budget")

    # Another order, an empty value, and a shared link's additions: the same page.
    response = client.get("/address/?utm_source=fb&page=&fbclid=IwAR0x&q=budget&gclid=7")

    assert response.content.decode() == "ar http://testserver/address/?q=budget"


def test_page_cache_keeps_one_entry_per_host(client, db, settings):
    settings.ALLOWED_HOSTS = ["tracker.example.org", "testserver"]
    client.get("/address/")

    response = client.get("/address/", headers={"host": "tracker.example.org"})

    assert response.content.decode() == "ar http://tracker.example.org/address/"


def test_page_cache_neither_serves_nor_stores_pages_of_signed_in_users(client, report):
    client.force_login(make_user())
    client.get(url(report))
    change_unnoticed(report, 70)
    client.logout()
    anonymous = client.get(url(report))
    change_unnoticed(report, 80)

    client.force_login(make_user("second"))
    signed_in = client.get(url(report))

    assert anonymous.content.decode() == "بوابة الشفافية: 70 % (0 leads)"
    assert signed_in.content.decode() == "بوابة الشفافية: 80 % (0 leads)"


def test_page_cache_does_not_store_a_page_carrying_a_form_token(client, db):
    first = client.get("/form/")

    second = client.get("/form/")

    assert first.content != second.content
    assert first["Cache-Control"] == "private, max-age=0"


def test_page_cache_does_not_store_errors(client, db):
    client.get("/missing/")
    make_commitment()

    response = client.get("/missing/")

    assert response.status_code == 404
    assert response.content.decode() == "not found 1"


def test_page_cache_does_not_serve_a_page_to_a_visitor_with_a_pending_message(client, report):
    client.get(url(report))
    change_unnoticed(report, 70)
    client.cookies["messages"] = "pending"

    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_is_off_when_its_lifetime_is_zero(client, report, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(url(report))
    change_unnoticed(report, 70)

    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 70 % (0 leads)"


def test_page_cache_lets_browsers_keep_no_page(client, report):
    # The next visit may come after an edit: browsers and proxies ask the site again.
    first = client.get(url(report))

    second = client.get(url(report))

    assert (first["Cache-Control"], second["Cache-Control"]) == ("max-age=0", "max-age=0")


def test_page_cache_hit_gets_the_headers_the_middleware_adds(client, report):
    first = client.get(url(report))

    second = client.get(url(report))

    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"
    assert second["Content-Language"] == first["Content-Language"]


def test_page_cache_serves_another_process_from_the_shared_cache_in_three_queries(
    client, report, django_assert_num_queries
):
    first = client.get(url(report))
    recent_pages.clear()

    # The data version, the address's list of headers the page varies on, the page.
    with django_assert_num_queries(3):
        second = client.get(url(report))

    assert second.content == first.content


def test_page_cache_hit_reads_the_process_copy_while_the_version_holds(client, report):
    client.get(url(report))
    # Only the shared version token is read on a hit; the page comes from this process.
    cache.clear()
    change_unnoticed(report, 70)

    response = client.get(url(report))

    assert response.content.decode() == "بوابة الشفافية: 40 % (0 leads)"


def test_page_cache_process_copy_is_not_taken_of_errors(client, db):
    client.get("/missing/")
    make_commitment()

    response = client.get("/missing/")

    assert response.content.decode() == "not found 1"


def test_page_cache_answers_a_visitor_with_a_session_from_the_cache(
    client, report, django_assert_num_queries
):
    client.get(url(report))
    client.cookies[settings.SESSION_COOKIE_NAME] = "expired-session"

    # The session, the version, the list of headers the page varies on, the page.
    with django_assert_num_queries(4):
        response = client.get(url(report))

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
