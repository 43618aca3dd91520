"""The words each meeting's minutes keep for the search (meetings/search_words.py):
the same minutes found as by their parts, and kept as the parts change."""

import datetime

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import ProgressReport
from meetings.models import AgendaItem, Meeting, NextStep
from meetings.search_words import MAX_LENGTH, meetings_holding
from ogptracker.common.folding import fold
from ogptracker.publishing.minutes_search import held_by_a_part, search_minutes
from tests.factories import (
    make_agenda_item,
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_report,
)

pytestmark = pytest.mark.django_db


def by_words(*words):
    """The ids of the meetings whose kept words hold each of `words`."""
    found = Meeting.objects.filter(pk__in=meetings_holding([(word,) for word in words]))
    return set(found.values_list("pk", flat=True))


def by_parts(word):
    """The ids of the meetings one of whose parts holds `word`, asked of the parts."""
    return set(Meeting.objects.filter(held_by_a_part((word,))).values_list("pk", flat=True))


def test_the_kept_words_find_the_minutes_their_parts_hold(seed_data):
    texts = [
        text
        for model in (Meeting, AgendaItem, NextStep, ProgressReport)
        for text in model.objects.values_list("search_text", flat=True)
    ]
    words = {word for text in texts for word in text.split()}
    # Every word of the seed minutes, and pieces of them: their ends and middles.
    pieces = (words | {word[1:] for word in words} | {word[1:4] for word in words}) - {""}
    assert len(pieces) > 500

    differing = {piece for piece in pieces if by_words(piece) != by_parts(piece)}

    assert not differing
    assert by_words("zzzz") == by_parts("zzzz") == set()


@pytest.fixture
def meeting():
    return make_meeting(make_committee(), title="الاجتماع الأول")


def test_a_meetings_words_follow_its_agenda_items(meeting):
    other = make_meeting(meeting.committee, date=datetime.date(2021, 1, 5))
    item = make_agenda_item(meeting, "عرض منصة المشاركة", body="نقاش")
    assert by_words("منصه") == {meeting.pk}
    assert by_words("منصه", "نقاش") == {meeting.pk}

    item.title = "عرض البوابة"
    item.save()
    assert by_words("منصه") == set()
    assert by_words("بوابه") == {meeting.pk}

    item.meeting = other
    item.save()
    assert by_words("بوابه") == {other.pk}

    item.delete()
    assert by_words("بوابه") == set()
    assert by_words("اجتماع") == {meeting.pk}  # its own title stays


def test_a_meetings_words_follow_its_next_steps_and_title(meeting):
    step = make_next_step(meeting, "إعداد دليل المرتفق", text_fr="Préparer le guide")
    assert by_words("guide") == by_words("مرتفق") == {meeting.pk}

    Meeting.objects.filter(pk=meeting.pk).update(title_ar="لقاء تشاوري")
    assert by_words("تشاوري") == {meeting.pk}
    assert by_words("اجتماع") == set()
    assert by_words("guide") == {meeting.pk}  # the parts' words stay

    step.delete()
    assert by_words("guide") == set()


def test_a_meetings_words_hold_its_published_status_rows_only(meeting):
    report = make_report(
        make_commitment(), meeting=meeting, narrative="طلب العروض", status=ReportStatus.SUBMITTED
    )
    assert by_words("عروض") == set()

    report.status = ReportStatus.PUBLISHED
    report.save()
    assert by_words("عروض") == {meeting.pk}

    report.status = ReportStatus.SUBMITTED
    report.save()
    assert by_words("عروض") == set()


def meeting_row_version(meeting):
    """Where the meeting's row lies: a new place for each write of it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid::text FROM meetings_meeting WHERE id = %s", [meeting.pk])
        return cursor.fetchone()[0]


def test_a_status_row_not_published_leaves_its_meeting_alone(meeting):
    report = make_report(
        make_commitment(), meeting=meeting, narrative="مسودة", status=ReportStatus.SUBMITTED
    )
    before = meeting_row_version(meeting)

    report.narrative = "مسودة ثانية"
    report.save()
    report.delete()
    make_report(make_commitment(), meeting=meeting, status=ReportStatus.DRAFT)
    assert meeting_row_version(meeting) == before

    make_report(make_commitment(), meeting=meeting, narrative="تقرير منشور")
    assert meeting_row_version(meeting) != before
    assert by_words("منشور") == {meeting.pk}


def test_a_latin_word_begins_a_word_where_an_arabic_one_is_found_anywhere(meeting):
    make_agenda_item(meeting, "Programme d'information (2024-2027)", body="والتكوين")

    assert by_words("information") == by_words("info") == by_words("2027") == {meeting.pk}
    assert by_words("formation") == by_words("027") == set()
    assert by_words("تكوين") == by_words("كوين") == {meeting.pk}


def test_rows_added_at_once_give_each_meeting_its_words(meeting):
    other = make_meeting(meeting.committee, date=datetime.date(2021, 1, 5))

    AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=meeting, order=1, title="الميزانية"),
            AgendaItem(meeting=other, order=1, title="الأرشيف"),
            AgendaItem(meeting=other, order=2, title="الميزانية"),
        ]
    )

    assert by_words("ميزانيه") == {meeting.pk, other.pk}
    assert by_words("ارشيف") == {other.pk}


def test_words_with_quotes_backslashes_or_beyond_the_kept_length(meeting):
    link = "https://example.org/" + "a" * MAX_LENGTH
    make_agenda_item(meeting, "O'Brien \\ rapport", body=link)

    assert by_words("o'brien") == by_words("\\") == by_words("'") == {meeting.pk}
    assert by_words(fold(link)) == {meeting.pk}
    assert by_words("o'brian") == set()


def test_the_search_of_minutes_asks_the_kept_words_for_words_and_the_parts_for_phrases(meeting):
    make_agenda_item(meeting, "تقييم منصة المشاركة")
    draft = make_meeting(meeting.committee, status=MeetingStatus.DRAFT)
    make_agenda_item(draft, "تقييم منصة المشاركة")

    assert list(search_minutes("المنصة")) == [meeting]
    assert list(search_minutes("«منصة المشاركة» تقييم")) == [meeting]
    assert list(search_minutes("«المشاركة منصة»")) == []


# Letters and marks the minutes are written in, quotes, backslashes and the
# spaces a pasted text brings (a line break, a tab, a no-break space).
LETTERS = "منصةالإطارقنوي" + "abcéè'’" + "\\" + "0123"
SPACES = " \n\t\u00a0"


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(st.text(alphabet=LETTERS + SPACES, min_size=1, max_size=40), max_size=3),
    data=st.data(),
)
def test_any_piece_of_any_text_finds_the_same_minutes_either_way(meeting, texts, data):
    with transaction.atomic():
        for order, text in enumerate(texts):
            make_agenda_item(meeting, text, order=order)
        folded = " ".join(fold(text) for text in texts)
        words = folded.split() or ["zzzz"]
        word = data.draw(st.sampled_from(words))
        start = data.draw(st.integers(0, len(word) - 1))
        piece = word[start : data.draw(st.integers(start + 1, len(word)))]

        assert by_words(piece) == by_parts(piece)
        transaction.set_rollback(True)
