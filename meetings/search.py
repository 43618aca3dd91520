"""Finding published minutes by words of their agenda, status table and decisions.

Every word must occur in the meeting's title, one of its agenda items (title,
discussion or points), a row of its status table (actions taken, tracking
platform note, new schedule; published reports only) or one of its next
steps, in any of the three languages, folded as the commitments' search folds
them (commitments/search.py). Each of those keeps its folded text in a column
(`search_text`).
"""

from django.db.models import Q

from commitments.models import ProgressSnapshot
from commitments.search import words

from .models import AgendaItem, Meeting, NextStep


def search_minutes(query):
    """Published meetings whose minutes hold every word of `query`, latest first."""
    wanted = words(query)
    if not wanted:
        return Meeting.objects.none()
    found = Meeting.objects.published()
    published_rows = ProgressSnapshot.objects.published()
    for word in wanted:
        # Each table read once per word, not once per meeting.
        found = found.filter(
            Q(search_text__contains=word)
            | Q(pk__in=AgendaItem.objects.filter(search_text__contains=word).values("meeting"))
            | Q(pk__in=NextStep.objects.filter(search_text__contains=word).values("meeting"))
            | Q(pk__in=published_rows.filter(search_text__contains=word).values("meeting"))
        )
    return found.order_by("-date", "-pk")


ROWS_SHOWN = 5


def attach_rows_found(meetings, query):
    """Give each meeting `rows_found`: the first ROWS_SHOWN published status
    rows holding every word of `query`, by commitment, for the search page to
    point to, and `more_rows_found`: how many others do. One query."""
    rows = ProgressSnapshot.objects.published().filter(meeting__in=meetings)
    for word in words(query):
        rows = rows.filter(search_text__contains=word)
    by_meeting = {meeting.pk: [] for meeting in meetings}
    for row in rows.select_related("commitment__plan").order_by(
        "commitment__plan__number", "commitment__number"
    ):
        by_meeting[row.meeting_id].append(row)
    for meeting in meetings:
        found = by_meeting[meeting.pk]
        meeting.rows_found = found[:ROWS_SHOWN]
        meeting.more_rows_found = len(found) - len(meeting.rows_found)
    return meetings
