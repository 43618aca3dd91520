"""Finding published minutes by words of their agenda, status table and next steps.

Every term of the query (ogptracker/publishing/search.py: words, less stop words, and
quoted phrases) must occur in the meeting's title, one of its agenda items (title,
discussion or points), a row of its status table (actions taken, tracking
platform note, new schedule; published reports only) or one of its next
steps, in any of the site's languages, folded as the commitments' search folds
them (ogptracker/publishing/search.py). Each of those keeps its folded text in a column
(`search_text`).

On PostgreSQL, each meeting also keeps the words of all of those
(meetings/search_words.py): a word is looked for there, in one index, and a
quoted phrase of several words in the parts themselves.
"""

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from commitments.enums import ReportStatus
from commitments.models import ProgressReport
from meetings.models import AgendaItem, Meeting, NextStep
from meetings.search_words import meetings_holding
from ogptracker.common.languages import translated

from . import id_sets
from .search import attach_parts_found, holding, holding_every_word, terms

# Where an excerpt of a minutes found is taken from, in this order: the fields
# read, its text, and its anchor on the minutes page.
EXCERPT_SOURCES = [
    (
        AgendaItem,
        translated("title", "body", "bullets"),
        lambda item: " ".join(filter(None, [item.title, item.body, item.bullets])),
        lambda item: f"agenda-{item.order}",
    ),
    (NextStep, translated("text"), lambda step: step.text, lambda step: f"step-{step.order}"),
]


def search_minutes(query):
    """Published meetings whose minutes hold every word of `query`, latest first."""
    wanted = terms(query)
    if not wanted:
        return Meeting.objects.none()
    found = Meeting.objects.published()
    words = [term for term in wanted if _single_words(term)]
    if words and connection.vendor == "postgresql":
        found = found.filter(pk__in=meetings_holding(words))
        wanted = [term for term in wanted if term not in words]
    for term in wanted:
        found = found.filter(held_by_a_part(term))
    return found.order_by("-date", "-pk")


def _single_words(term):
    """Whether each of `term`'s strings is a single word (a quoted phrase may be several)."""
    return all(len(text.split()) == 1 for text in term)


def held_by_a_part(term):
    """Q: a part of the meeting's minutes holds `term`."""
    return (
        holding(term)
        | Q(pk__in=id_sets.holding(AgendaItem, term, selected="meeting_id"))
        | Q(pk__in=id_sets.holding(NextStep, term, selected="meeting_id"))
        # The meeting is published, so are its rows that are. A common word is
        # in thousands of them: each meeting is looked up in its own rows.
        | Exists(
            ProgressReport.objects.filter(
                holding(term), meeting=OuterRef("pk"), status=ReportStatus.PUBLISHED
            )
        )
    )


def listed_minutes(query):
    """`search_minutes(query)` with what a list of them shows of each: its date,
    committee and plan."""
    return (
        search_minutes(query)
        .select_related("committee__plan")
        .only(
            "date",
            "committee__plan",
            *(f"committee__{name}" for name in translated("name")),
            *(f"committee__plan__{name}" for name in ["number", *translated("title")]),
        )
    )


def attach_rows_found(meetings, query):
    """Under each minutes found, the status rows that hold every word."""
    rows = (
        # The minutes found are published, so are their rows that are.
        ProgressReport.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("commitment__plan")
        # What a row shows under its minutes: its commitment's number and title.
        .only(
            "meeting",
            *(f"commitment__{name}" for name in ["number", *translated("title")]),
            "commitment__plan__number",
        )
    )
    order = ["commitment__plan__number", "commitment__number"]
    return attach_parts_found(meetings, rows, query, "meeting", order)


def attach_excerpt_texts(meetings, query):
    """Give each minutes found `excerpt_text`: the text, in the active language,
    of its first agenda item, else its first next step, that holds every word of
    `query` (None if no single one does), and `excerpt_anchor`: its place on the
    minutes page. One query for each source, none once each has one."""
    found = {meeting.pk: (None, None) for meeting in meetings}
    for model, fields, text_of, anchor_of in EXCERPT_SOURCES:
        wanting = {pk for pk, excerpt in found.items() if excerpt == (None, None)}
        if not wanting:
            break
        # A meeting has a few parts: all that hold the words are read, the first kept.
        parts = holding_every_word(model.objects.filter(meeting__in=wanting), query)
        for part in parts.only("meeting", "order", *fields).order_by("order"):
            if part.meeting_id in wanting:
                wanting.discard(part.meeting_id)
                found[part.meeting_id] = (text_of(part), anchor_of(part))
    for meeting in meetings:
        meeting.excerpt_text, meeting.excerpt_anchor = found[meeting.pk]
    return meetings


def attach_minutes_found(meetings, query):
    """What a list of minutes found shows under each: its rows and excerpt."""
    attach_rows_found(meetings, query)
    return attach_excerpt_texts(meetings, query)
