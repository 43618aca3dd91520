"""The first action plan and the June 2020 progress table, read back from the database."""

import datetime

import pytest
from django.db import connection
from django.utils import translation

from commitments.models import ActionPlan, Commitment, ProgressReport
from meetings.models import Meeting
from ogptracker.devdata.demo import load_seed_data
from tests.factories import make_commitment, make_institution
from tests.seed_facts import JUNE_2020_PERCENTS

JUNE_2020 = datetime.date(2020, 6, 17)


def june_2020_reports():
    meeting = Meeting.objects.get(date=JUNE_2020)
    return meeting.reports.select_related("commitment").order_by("commitment__number")


def test_seed_first_plan_has_18_commitments_mo0001_to_mo0018(seed_data):
    plan = ActionPlan.objects.get(number=1)

    commitments = list(plan.commitments.values_list("number", "ogp_id"))

    assert commitments == [(n, f"MO{n:04d}") for n in range(1, 19)]


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ar", "بوابة الشفافية"),
        ("fr", "Portail de transparence"),
        ("en", "Transparency Portal"),
    ],
)
def test_seed_commitment_title_reads_in_each_language(seed_data, language, title):
    with translation.override(language):
        commitment = Commitment.objects.get(ogp_id="MO0006")

        assert commitment.title == title


def test_seed_untranslated_column_holds_arabic_whatever_the_active_language(db):
    with translation.override("fr"):
        load_seed_data()

    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM commitments_commitment WHERE ogp_id = 'MO0007'")
        assert cursor.fetchone() == ("بوابة النزاهة",)


def test_seed_commitment_has_lead_institution_and_dates_from_the_plan(seed_data):
    commitment = Commitment.objects.select_related("lead_institution").get(ogp_id="MO0003")

    assert (
        commitment.lead_institution.name_fr,
        commitment.start_date,
        commitment.end_date,
    ) == ("Archives du Maroc", datetime.date(2018, 8, 1), datetime.date(2020, 6, 30))


def test_seed_june_2020_reports_have_the_minutes_percents_in_commitment_order(seed_data):
    rows = [(s.commitment.number, s.percent) for s in june_2020_reports()]

    assert rows == JUNE_2020_PERCENTS


def test_seed_june_2020_reports_are_published_at_the_meeting_date(seed_data):
    reports = june_2020_reports()

    assert {(s.status, s.date) for s in reports} == {("published", JUNE_2020)}
    assert ProgressReport.objects.filter(meeting__isnull=True).count() == 0


def test_seed_commitment_3_schedule_mentions_october_november_2020(seed_data):
    report = june_2020_reports().get(commitment__number=3)

    assert "شهر أكتوبر-نونبر 2020" in report.schedule


def test_seed_narratives_leave_the_percent_phrase_to_the_percent_field(seed_data):
    report = june_2020_reports().get(commitment__number=3)
    with_phrase = [s.commitment.number for s in june_2020_reports() if "بنسبة" in s.narrative[:30]]

    assert report.narrative.startswith("-النشاط 1: إعادة هيكلة تدبير الأرشيف، لا تغيير")
    assert with_phrase == []


def test_seed_middle_block_of_the_table_is_read_in_its_reversed_column_order(seed_data):
    report = june_2020_reports().get(commitment__number=6)

    assert (report.percent, report.platform_status) == (89, "yes")
    assert report.narrative.startswith("-إطلاق بوابة الحصول على المعلومات بشكل رسمي")
    assert report.schedule.startswith("يرتقب إعطاء الانطلاقة الرسمية للنسخة الثانية")


def test_seed_no_progress_is_flagged_where_the_minutes_say_so(seed_data):
    flagged = [s.commitment.number for s in june_2020_reports() if s.no_progress]

    assert flagged == [13, 14, 15, 16, 18]


def test_seed_platform_column_is_a_status_or_a_note(seed_data):
    platform = {
        s.commitment.number: (s.platform_status, bool(s.platform_note)) for s in june_2020_reports()
    }

    assert platform == {
        1: ("", True),
        2: ("", True),
        3: ("yes", False),
        4: ("no", False),
        5: ("no", False),
        6: ("yes", False),
        8: ("", True),
        9: ("yes", False),
        10: ("no", False),
        11: ("", True),
        12: ("yes", False),
        13: ("no", False),
        14: ("yes", False),
        15: ("yes", False),
        16: ("yes", False),
        17: ("no", False),
        18: ("yes", False),
    }


def test_seed_rows_start_their_change_history(seed_data):
    commitment = Commitment.objects.get(ogp_id="MO0001")

    assert list(commitment.history.values_list("history_type", flat=True)) == ["+"]


def test_seed_third_plan_has_its_5_axes(seed_data):
    plan = ActionPlan.objects.get(number=3)

    with translation.override("fr"):
        axes = [(a.number, a.title) for a in plan.axes.all()]

    assert axes == [
        (1, "Transparence et participation"),
        (2, "Espace civique"),
        (3, "Égalité d'accès aux services publics"),
        (4, "Justice ouverte"),
        (5, "Collectivités territoriales ouvertes"),
    ]


def test_seed_third_plan_holds_only_the_commitments_the_sources_identify(seed_data):
    plan = ActionPlan.objects.get(number=3)

    commitments = list(plan.commitments.values_list("number", "ogp_id", "axis__number"))

    assert commitments == [
        (1, "MO0054", 1),
        (2, "MO0055", 1),
        (3, "MO0056", 1),
        (4, "MO0057", 2),
        (5, "MO0058", 2),
        (6, "MO0059", 3),
        (10, "MO0063", 4),
        (12, "MO0065", 5),
    ]


def test_seed_third_plan_total_is_29_percent_at_18_march_2025(seed_data):
    plan = ActionPlan.objects.get(number=3)

    records = list(plan.progress_records.values_list("date", "percent", "meeting__date"))

    assert records == [(datetime.date(2025, 3, 18), 29, datetime.date(2025, 3, 18))]


def test_seed_second_plan_holds_the_commitments_the_sources_identify(seed_data):
    plan = ActionPlan.objects.get(number=2)

    commitments = list(plan.commitments.values_list("number", "ogp_id"))

    assert commitments == [
        (1, "MO0025"),
        (2, "MO0026"),
        (3, "MO0027"),
        (4, "MO0028"),
        (5, "MO0029"),
        (7, "MO0031"),
        (9, "MO0033"),
        (10, "MO0034"),
        (11, "MO0035"),
        (18, "MO0042"),
        (19, "MO0043"),
        (21, "MO0045"),
        (22, "MO0046"),
    ]


def test_seed_titles_are_the_published_ones_where_published(seed_data):
    second = dict(ActionPlan.objects.get(number=2).commitments.values_list("number", "title_ar"))
    third = dict(ActionPlan.objects.get(number=3).commitments.values_list("number", "title_fr"))

    # The portal's plan dashboard, a written question in the House, the press.
    assert second[1] == "تعزيز الشفافية المالية"
    assert second[3] == "إصدار ومواكبة تفعيل ميثاق المرافق العمومية"
    assert second[19] == "تعزيز المشاركة المواطنة عبر وضع إطار قانوني للتشاور العمومي"
    assert second[5] == "النشر الاستباقي للمعلومات والمعطيات الإحصائية لقطاع التربية الوطنية"
    # The portal's plan list and commitment page.
    assert third[6] == (
        "Promouvoir un accès inclusif aux services publics pour les usagers parlant la langue"
        " amazighe"
    )


def test_seed_rows_created_after_loading_get_fresh_keys(seed_data):
    plan = ActionPlan.objects.get(number=3)

    created = make_commitment(plan=plan, number=7, lead_institution=make_institution())

    assert created.pk > 312
    assert plan.commitments.count() == 9


@pytest.mark.parametrize(
    ("language", "narrative"),
    [
        ("ar", "لا تقدم منذ الاجتماع الأخير."),
        ("fr", "Aucun avancement depuis la dernière réunion."),
        ("en", "No progress since the previous meeting."),
    ],
)
def test_seed_report_text_reads_in_each_language(seed_data, language, narrative):
    report = june_2020_reports().get(commitment__number=13)

    with translation.override(language):
        assert report.narrative == narrative
