"""The fixed cast of users for permission tests, and the commitment they act on."""

import pytest

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
def default_language():
    """Each test starts in Arabic: a request to /fr/ leaves French active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
