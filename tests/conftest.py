"""The fixed cast of users for permission tests, and the commitment they act on."""

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.factories import make_commitment, make_user


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
    from commitments.demo import load_seed_data

    load_seed_data()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher takes ~0.3 s per user on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language():
    # A request under /fr/ leaves French active in the thread; each test starts in Arabic.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
