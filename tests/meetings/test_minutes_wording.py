"""The Arabic wording the minutes compose from the data: ordinals, hours, participant lines."""

import datetime

import pytest
from django.utils.translation import override

from commitments.enums import PlatformStatus
from meetings.enums import Honorific, ParticipantRole
from meetings.minutes import (
    arabic_ordinal,
    arabic_time,
    meeting_name,
    meeting_time,
    participant_line,
    status_row,
    with_li,
)
from meetings.models import Participant
from tests.factories import make_commitment, make_report
from tests.text import readable


@pytest.mark.parametrize(
    ("number", "masculine", "feminine"),
    [(1, "الأول", "الأولى"), (2, "الثاني", "الثانية"), (11, "الحادي عشر", "الحادية عشرة")],
)
def test_arabic_ordinal_agrees_with_the_noun(number, masculine, feminine):
    assert (arabic_ordinal(number), arabic_ordinal(number, feminine=True)) == (masculine, feminine)


def test_meeting_name_is_an_arabic_ordinal_then_a_number():
    with override("ar"):
        names = [meeting_name(2), meeting_name(21), meeting_name(None)]

    assert names == ["الاجتماع الثاني", "الاجتماع رقم 21", None]


def test_meeting_name_in_french():
    with override("fr"):
        assert meeting_name(2) == "réunion n° 2"


@pytest.mark.parametrize(
    ("hour", "minute", "spoken"),
    [
        (14, 0, "على الساعة الثانية بعد الزوال"),
        (10, 30, "على الساعة العاشرة والنصف صباحا"),
        (12, 0, "على الساعة الثانية عشرة زوالا"),
        (9, 15, "على الساعة التاسعة والربع صباحا"),
        (15, 45, "على الساعة الرابعة إلا ربعا بعد الزوال"),
        (18, 0, "على الساعة السادسة مساء"),
        (13, 0, "على الساعة الواحدة بعد الزوال"),
        (14, 20, "على الساعة 14:20"),
    ],
)
def test_arabic_time_is_said_in_words(hour, minute, spoken):
    assert arabic_time(datetime.time(hour, minute)) == spoken


def test_meeting_time_in_french_uses_digits():
    with override("fr"):
        assert meeting_time(datetime.time(14, 0)) == "à 14:00"


def test_with_li_joins_the_arabic_preposition():
    assert (with_li("لجنة الإشراف"), with_li("اللجنة الوطنية")) == (
        "للجنة الإشراف",
        "للجنة الوطنية",
    )


@pytest.mark.django_db
def test_participant_line_does_not_repeat_commitments_named_in_the_function():
    participant = Participant(
        honorific=Honorific.MR,
        name="حاتم مورادي",
        function="رئيس المشروع المكلف بالالتزامات 1، 2، 8",
    )
    participant.commitments_in_charge = [make_commitment(number=n) for n in (1, 2, 8)]

    with override("ar"):
        line = participant_line(participant)

    assert readable(line) == "السيد حاتم مورادي، رئيس المشروع المكلف بالالتزامات 1، 2، 8"


@pytest.mark.django_db
def test_participant_line_adds_commitments_in_charge_gendered():
    participant = Participant(honorific=Honorific.MS, name="سلمى المودني", function="رئيسة المشروع")
    participant.commitments_in_charge = [make_commitment(number=n) for n in (5, 17)]

    with override("ar"):
        line = participant_line(participant)

    assert readable(line) == "السيدة سلمى المودني، رئيسة المشروع، المكلفة بالالتزامين 5، 17"


def test_participant_line_shows_the_role_without_a_function_and_the_organisation_once():
    participant = Participant(
        name="بلال الرملي",
        role=ParticipantRole.REPRESENTATIVE,
        organisation="جمعية أريج الشباب",
    )

    with override("ar"):
        line = participant_line(participant)

    assert readable(line) == "بلال الرملي، الممثل الرئيسي، جمعية أريج الشباب"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("narrative", "note"),
    [
        ("", "لا تقدم منذ الاجتماع الأخير"),
        ("لا تقدم منذ الاجتماع الأخير.", ""),
        ("-لا تقدم منذ  الاجتماع الأخير نظرا لتأجيل اللقاءات", ""),
    ],
)
def test_status_row_says_no_progress_once(narrative, note):
    report = make_report(percent=14, no_progress=True, narrative=narrative)

    with override("ar"):
        row = status_row(report)

    assert row.no_progress_note == note


@pytest.mark.django_db
def test_status_row_platform_column_has_the_answer_and_the_note():
    report = make_report(
        platform_status=PlatformStatus.PARTLY, platform_note="تحسين تفاصيل النشاط رقم 5"
    )

    with override("ar"):
        row = status_row(report)

    assert [str(text) for text in row.platform] == ["جزئيا", "تحسين تفاصيل النشاط رقم 5"]
