import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in Arabic and leaves no language behind.

    A request under /fr/ leaves French active in the test's thread, which
    would otherwise change the language of the tests that follow.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield
