"""The fixed cast of users for permission tests, and the commitment they act on."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from ogptracker.throttle import refusals
from tests.factories import make_commitment, make_user


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in Arabic.

    A request through LocaleMiddleware leaves its language active in the
    thread; without this, a test after a French page would write French
    columns of translated fields.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def secretariat(db):
    return make_user("secretariat", secretariat=True)


@pytest.fixture
def owning_lead(db):
    return make_user("owning_lead")


@pytest.fixture
def other_lead(db):
    return make_user("other_lead")


@pytest.fixture
def commitment(owning_lead, other_lead):
    owned = make_commitment()
    owned.leads.add(owning_lead)
    make_commitment(plan=owned.plan).leads.add(other_lead)
    return owned


@pytest.fixture
def seed_data(db):
    """The plans, commitments and committee minutes of fixtures/, as `load_demo` loads them."""
    from ogptracker.devdata.demo import load_seed_data

    load_seed_data()


@pytest.fixture(autouse=True, scope="session")
def settings_for_the_test_client():
    """Production settings, except what the test client cannot do or need not wait for.

    It speaks plain HTTP (the HTTPS redirect would answer every request with a
    301); the hashed static storage needs `collectstatic` first, which the
    suite skips, so static files come from the source folders as in
    development (tests/ogptracker/ covers both for real); and password hashing
    is slow on purpose, a second per login here and there.
    """
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        WHITENOISE_AUTOREFRESH=True,
        WHITENOISE_USE_FINDERS=True,
        # Queued tasks are kept, not run: a test runs the one it is about.
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Page tests see the views' own queries; the page cache's tests turn it on."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600


@pytest.fixture(autouse=True)
def _no_fair_share(settings):
    """Page tests see the views' own queries, and ask as often as they like from one
    address; the fair share's tests turn it on (`fair_share`)."""
    settings.FAIR_SHARE_ANONYMOUS = None
    settings.FAIR_SHARE_SIGNED_IN = None
    settings.FAIR_SHARE_AT_ONCE = 0
    settings.PUBLIC_QUERY_TIMEOUT_MS = 0
    yield
    refusals.clear()


@pytest.fixture
def fair_share(settings):
    """The production settings' shares, from ogptracker/settings.py."""
    from ogptracker import settings as production

    settings.FAIR_SHARE_ANONYMOUS = production.FAIR_SHARE_ANONYMOUS
    settings.FAIR_SHARE_SIGNED_IN = production.FAIR_SHARE_SIGNED_IN
    settings.FAIR_SHARE_AT_ONCE = production.FAIR_SHARE_AT_ONCE
    settings.PUBLIC_QUERY_TIMEOUT_MS = production.PUBLIC_QUERY_TIMEOUT_MS
