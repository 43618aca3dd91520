"""A right-to-left override left in a name reverses nothing after it, on the page or in the PDF."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils.translation import override

from meetings.models import Participant
from tests.factories import make_committee, make_meeting, make_participant, make_plan
from tests.text import pdf_text

pytestmark = pytest.mark.django_db

RLO = "\u202e"


@pytest.fixture
def meeting_with_an_override():
    """A participant whose name kept an override, as saved before names were cleaned."""
    cache.clear()
    meeting = make_meeting(committee=make_committee(plan=make_plan(1), name="Comité"))
    participant = make_participant(
        meeting,
        name="Ahmed Alami",
        function="Directeur des études",
        function_fr="Directeur des études",
    )
    # Written past the model, which would take the override out: a row saved before the rule.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Participant._meta.db_table} SET name = %s WHERE id = %s",
            [f"Ahmed Alami{RLO}", participant.pk],
        )
    return meeting


def url(name, meeting):
    with override("fr"):
        return reverse(name, args=[meeting.pk])


def test_minutes_page_isolates_the_name_so_its_override_ends_with_it(
    client, meeting_with_an_override
):
    content = client.get(url("meetings:minutes", meeting_with_an_override)).content.decode()

    assert (
        f'<li dir="auto">\u2068Ahmed Alami{RLO}\u2069, \u2068Directeur des études\u2069</li>'
        in (content)
    )


def test_minutes_pdf_prints_the_text_after_the_name_in_its_order(client, meeting_with_an_override):
    text = pdf_text(client.get(url("meetings:minutes_pdf", meeting_with_an_override)).content)

    assert "Ahmed Alami, Directeur des études" in text
