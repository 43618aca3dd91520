"""In the browser, an override left in a participant's name reverses nothing after it."""

import pytest
from django.db import connection

from meetings.models import Participant
from tests.factories import make_committee, make_meeting, make_participant, make_plan

# Left edges of the first and last letters of `word` in the first participant's line.
EDGES = """word => {
  const node = document.querySelector('.minutes-participants li').firstChild;
  const start = node.textContent.indexOf(word);
  const left = i => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().left;
  };
  return [left(start), left(start + word.length - 1)];
}"""


@pytest.mark.django_db(transaction=True)
def test_participant_name_override_leaves_the_function_after_it_in_reading_order(journey):
    meeting = make_meeting(committee=make_committee(plan=make_plan(1), name="Comité"))
    participant = make_participant(
        meeting,
        name="Ahmed Alami",
        function="Directeur des études",
        function_fr="Directeur des études",
    )
    # A row saved before names were cleaned.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Participant._meta.db_table} SET name = %s WHERE id = %s",
            ["Ahmed Alami\u202e", participant.pk],
        )
    trip = journey()

    trip.page.goto(f"/fr/meetings/{meeting.pk}/")
    trip.snap("participants")
    first, last = trip.page.evaluate(EDGES, "Directeur")

    assert first < last
