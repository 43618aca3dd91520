"""A citizen, and the queued e-mails run as the task worker would."""

import pytest
from django_tasks import default_task_backend

from tests.factories import make_citizen


@pytest.fixture
def citizen(db):
    return make_citizen("سلمى العلوي", email="salma@example.org")


@pytest.fixture
def run_queued():
    """Run the tasks queued so far, as the worker would; return what each returned."""

    def run():
        done = []
        while default_task_backend.results:
            result = default_task_backend.results.pop(0)
            done.append(result.task.call(*result.args, **result.kwargs))
        return done

    default_task_backend.clear()
    yield run
    default_task_backend.clear()


@pytest.fixture
def moderated_after(settings):
    settings.PARTICIPATION_MODERATION = "after"
