"""The open-data datasets and their CSV, XLSX and JSON forms, tested directly."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings

from commitments.enums import ActivityStatus, MeetingStatus, PlatformStatus, ReportStatus
from meetings.enums import NextStepStatus
from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.common.cells import escape_formula
from ogptracker.ogpcycle.enums import RevisionChange
from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    CommitmentRevision,
    IRMAssessment,
    PlanRevision,
)
from ogptracker.participation.enums import QuestionStatus
from ogptracker.publishing import opendata
from tests.factories import (
    make_activity,
    make_commitment,
    make_committee,
    make_institution,
    make_meeting,
    make_next_step,
    make_plan,
    make_question,
    make_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = make_plan(1)
    ministry = make_institution("وزارة الاقتصاد والمالية", name_fr="Ministère de l'Économie")
    first = make_commitment(
        plan,
        1,
        title="الحق في الحصول على المعلومات",
        title_fr="Droit d'accès à l'information",
        lead_institution=ministry,
        access_to_information=True,
        start_date=datetime.date(2018, 9, 1),
    )
    second = make_commitment(plan, 2, title="الميزانية المفتوحة", lead_institution=ministry)
    make_activity(first, 1, title="إطلاق البوابة", status=ActivityStatus.DONE, weight=40)
    make_activity(first, 2, title="التكوين", planned_end=datetime.date(2020, 6, 30))
    make_activity(second, 1, title="نشر الميزانية")
    committee = make_committee(plan=plan)
    meeting = make_meeting(committee, date=datetime.date(2020, 6, 17))
    later = make_meeting(committee, date=datetime.date(2020, 10, 8))
    draft = make_meeting(committee, date=datetime.date(2021, 1, 5), status=MeetingStatus.DRAFT)
    make_next_step(
        meeting,
        "-إعداد دليل المرتفق",
        order=1,
        owner="وزارة العدل",
        due_date=datetime.date(2020, 9, 30),
    )
    make_next_step(meeting, "برمجة ورشة", order=2, status=NextStepStatus.DONE, closed_at=later)
    make_next_step(later, "تقييم الورشة", order=1, status=NextStepStatus.DROPPED, closed_at=draft)
    make_next_step(draft, "قرار لم ينشر", order=1)
    make_report(first, 60, date=datetime.date(2020, 2, 1))
    make_report(
        first,
        89,
        date=datetime.date(2020, 6, 17),
        narrative="-النشاط 1: إطلاق البوابة",
        platform_status=PlatformStatus.YES,
        meeting=meeting,
    )
    make_report(second, 30, date=datetime.date(2020, 6, 17), no_progress=True)
    IRMAssessment.objects.create(
        commitment=first,
        report="design",
        report_date=datetime.date(2019, 5, 1),
        verifiable=True,
        access_to_information=True,
        potential_impact="moderate",
    )
    IRMAssessment.objects.create(
        commitment=first,
        report="implementation",
        report_date=datetime.date(2021, 3, 1),
        completion="substantial",
        early_results="marginal",
        starred=True,
    )
    asked = make_question(first, text='=HYPERLINK("http://example.org","انقر")')
    asked.answers.create(institution=ministry, author_name="", text="+1 جواب الوزارة")
    make_question(second, status=QuestionStatus.HELD, text="سؤال لم ينشر")
    CommitmentDesign.objects.create(
        commitment=first,
        objective="=نشر المعطيات",
        objective_fr="Publier les données",
        budget_planned=Decimal("1500000"),
        budget_secured=Decimal("250000.50"),
        sdg_targets="16.10",
    )
    revision = PlanRevision.objects.create(
        plan=plan,
        date=datetime.date(2020, 7, 1),
        reason="المراجعة المرحلية",
        next_step=meeting.next_steps.get(order=1),
    )
    CommitmentRevision.objects.create(
        revision=revision, commitment=second, change=RevisionChange.MERGED, merged_into=first
    )
    CommitmentRevision.objects.create(
        revision=revision,
        commitment=first,
        change=RevisionChange.RESCHEDULED,
        revised_end=datetime.date(2021, 6, 30),
    )
    forum = Forum.objects.create(name="منتدى المجتمع المدني")
    Assessment.objects.create(
        forum=forum,
        commitment=first,
        period_end=datetime.date(2020, 6, 30),
        percent=50,
        completion="substantial",
        narrative="-البوابة لا تعمل في الجماعات القروية",
    )
    return plan


def test_commitments_rows_carry_latest_published_progress(plan):
    make_report(plan.commitments.get(number=2), 95, status=ReportStatus.SUBMITTED)

    rows = opendata.COMMITMENTS.rows(plan)

    assert [(r["commitment_number"], r["latest_percent"], r["latest_date"]) for r in rows] == [
        (1, 89, datetime.date(2020, 6, 17)),
        (2, 30, datetime.date(2020, 6, 17)),
    ]
    assert rows[0]["title_ar"] == "الحق في الحصول على المعلومات"
    assert rows[0]["title_fr"] == "Droit d'accès à l'information"
    assert rows[0]["title_en"] == ""
    assert rows[0]["lead_institution_fr"] == "Ministère de l'Économie"
    assert rows[0]["access_to_information"] is True
    assert rows[0]["axis_number"] is None
    assert rows[0]["start_date"] == datetime.date(2018, 9, 1)


def test_commitments_columns_are_the_documented_ones():
    assert opendata.COMMITMENTS.columns[:8] == [
        "plan_number",
        "commitment_number",
        "ogp_id",
        "title_ar",
        "title_zgh",
        "title_fr",
        "title_en",
        "axis_number",
    ]
    # 68 with three languages; each of the 15 translated texts takes an Amazigh column.
    assert len(opendata.COMMITMENTS.columns) == len(set(opendata.COMMITMENTS.columns)) == 83


def test_commitments_rows_carry_the_ogp_template_and_the_revisions(plan):
    first, second = opendata.COMMITMENTS.rows(plan)

    assert {key: first[key] for key in ("objective_ar", "objective_fr", "objective_en")} == {
        "objective_ar": "=نشر المعطيات",
        "objective_fr": "Publier les données",
        "objective_en": "",
    }
    assert (first["budget_planned"], first["budget_secured"], first["sdg_targets"]) == (
        1500000,
        250000.5,
        "16.10",
    )
    assert (second["budget_planned"], second["objective_ar"], second["sdg_targets"]) == (
        None,
        "",
        "",
    )
    marks = ("in_plan", "added_at_revision", "rescheduled_end", "times_rescheduled")
    assert [tuple(row[key] for key in marks) for row in (first, second)] == [
        ("in_force", False, datetime.date(2021, 6, 30), 1),
        ("merged", False, None, 0),
    ]


def test_revisions_rows_name_the_next_step_and_each_change(plan):
    rows = opendata.REVISIONS.rows(plan)

    assert [
        (
            row["revision_date"],
            row["committee"],
            row["meeting_date"],
            row["next_step_number"],
            row["commitment_number"],
            row["change"],
            row["merged_into_number"],
            row["revised_end"],
        )
        for row in rows
    ] == [
        (
            datetime.date(2020, 7, 1),
            "execution",
            datetime.date(2020, 6, 17),
            1,
            1,
            "rescheduled",
            None,
            datetime.date(2021, 6, 30),
        ),
        (
            datetime.date(2020, 7, 1),
            "execution",
            datetime.date(2020, 6, 17),
            1,
            2,
            "merged",
            1,
            None,
        ),
    ]


def test_activities_rows_follow_commitment_then_activity_number(plan):
    rows = opendata.ACTIVITIES.rows(plan)

    assert [
        (r["commitment_number"], r["activity_number"], r["status"], r["weight"]) for r in rows
    ] == [(1, 1, "done", 40), (1, 2, "planned", None), (2, 1, "planned", None)]
    assert rows[1]["planned_end"] == datetime.date(2020, 6, 30)


def test_reports_rows_hold_published_reports_only(plan):
    first = plan.commitments.get(number=1)
    for status in (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED):
        make_report(first, 99, status=status, date=datetime.date(2020, 9, 18))
    make_report(make_commitment(make_plan(2), 1), 77)

    rows = opendata.REPORTS.rows(plan)

    assert [(r["commitment_number"], r["date"].isoformat(), r["percent"]) for r in rows] == [
        (1, "2020-02-01", 60),
        (1, "2020-06-17", 89),
        (2, "2020-06-17", 30),
    ]
    assert rows[1]["platform_status"] == "yes"
    assert rows[2]["no_progress"] is True


def test_next_steps_rows_hold_the_next_steps_of_published_minutes(plan):
    rows = opendata.NEXT_STEPS.rows(plan)

    assert [
        (row["meeting_date"], row["next_step_number"], row["text_ar"], row["status"])
        for row in rows
    ] == [
        (datetime.date(2020, 6, 17), 1, "-إعداد دليل المرتفق", "open"),
        (datetime.date(2020, 6, 17), 2, "برمجة ورشة", "done"),
        (datetime.date(2020, 10, 8), 1, "تقييم الورشة", "dropped"),
    ]
    first, done, dropped = rows
    assert (first["committee"], first["owner"], first["due_date"]) == (
        "execution",
        "وزارة العدل",
        datetime.date(2020, 9, 30),
    )
    assert first["text_fr"] == "" and first["closed_meeting_date"] is None
    assert done["closed_meeting_date"] == datetime.date(2020, 10, 8)
    # Closed at a meeting whose minutes are still a draft: no date yet.
    assert dropped["closed_meeting_date"] is None


def test_reports_rows_leave_out_the_rows_of_draft_minutes_whatever_their_status(plan):
    published = plan.commitments.get(number=1).reports.get(percent=89)
    draft = make_meeting(date=datetime.date(2020, 9, 18), status=MeetingStatus.DRAFT)
    make_report(plan.commitments.get(number=2), 40, date=draft.date, meeting=draft)

    rows = opendata.REPORTS.rows(plan)

    assert [r["meeting_id"] for r in rows] == [None, published.meeting_id, None]
    assert 40 not in [r["percent"] for r in rows]


def _csv_rows(content):
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _as_csv_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escape_formula(value) if isinstance(value, str) else str(value)


@pytest.mark.parametrize("name", list(opendata.DATASETS))
def test_csv_parses_back_to_the_same_rows(plan, name):
    dataset = opendata.DATASETS[name]
    rows = dataset.rows(plan)

    parsed = _csv_rows(opendata.to_csv(dataset, rows))

    assert parsed == [{k: _as_csv_text(v) for k, v in row.items()} for row in rows]
    assert len(parsed) > 0


@pytest.mark.parametrize("name", list(opendata.DATASETS))
def test_xlsx_parses_back_to_the_same_rows(plan, name):
    dataset = opendata.DATASETS[name]
    rows = dataset.rows(plan)

    workbook = openpyxl.load_workbook(io.BytesIO(opendata.to_xlsx(dataset, rows)))

    sheet = workbook[dataset.name]
    header, *body = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert header == dataset.columns
    parsed = [dict(zip(header, values, strict=True)) for values in body]
    expected = [
        {k: (escape_formula(v) or None) if isinstance(v, str) else v for k, v in row.items()}
        for row in rows
    ]
    assert [
        {k: v.date() if isinstance(v, datetime.datetime) else v for k, v in row.items()}
        for row in parsed
    ] == expected


def test_xlsx_dates_are_date_cells_shown_as_iso(plan):
    content = opendata.to_xlsx(opendata.REPORTS, opendata.REPORTS.rows(plan))

    cell = openpyxl.load_workbook(io.BytesIO(content))["reports"]["C2"]

    assert (cell.value, cell.number_format) == (datetime.datetime(2020, 2, 1), "yyyy-mm-dd")


def test_xlsx_freezes_the_header_row_and_widens_translated_texts(plan):
    content = opendata.to_xlsx(opendata.REPORTS, opendata.REPORTS.rows(plan))

    sheet = openpyxl.load_workbook(io.BytesIO(content))["reports"]

    assert (sheet.freeze_panes, sheet["A1"].font.bold) == ("A2", True)
    assert (sheet.column_dimensions["D"].width, sheet.column_dimensions["G"].width) == (14, 40)


@pytest.mark.parametrize("name", list(opendata.DATASETS))
def test_json_parses_back_to_the_same_rows(plan, name):
    dataset = opendata.DATASETS[name]
    rows = dataset.rows(plan)

    parsed = json.loads(opendata.to_json(dataset, rows))

    assert parsed == [
        {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in row.items()}
        for row in rows
    ]


@pytest.mark.parametrize(
    ("text", "neutralised"),
    [
        ("-النشاط 1: إطلاق البوابة", "'-النشاط 1: إطلاق البوابة"),
        ('=HYPERLINK("http://x.example","تحميل")', '\'=HYPERLINK("http://x.example","تحميل")'),
        ("+212 5 37 00 00 00", "'+212 5 37 00 00 00"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("النشاط 1 - 2020", "النشاط 1 - 2020"),
        ("", ""),
    ],
)
def test_escape_formula_prefixes_an_apostrophe_to_formula_triggers(text, neutralised):
    assert escape_formula(text) == neutralised


def test_formula_text_is_neutralised_in_csv_and_xlsx_but_raw_in_json(plan):
    rows = opendata.REPORTS.rows(plan)

    as_csv = _csv_rows(opendata.to_csv(opendata.REPORTS, rows))
    as_xlsx = openpyxl.load_workbook(io.BytesIO(opendata.to_xlsx(opendata.REPORTS, rows)))
    as_json = json.loads(opendata.to_json(opendata.REPORTS, rows))

    assert as_csv[1]["narrative_ar"] == "'-النشاط 1: إطلاق البوابة"
    narrative = as_xlsx["reports"]["G3"]
    assert (narrative.value, narrative.data_type) == ("'-النشاط 1: إطلاق البوابة", "s")
    assert as_json[1]["narrative_ar"] == "-النشاط 1: إطلاق البوابة"


def test_xlsx_drops_control_characters_that_the_format_forbids(plan):
    report = plan.commitments.get(number=2).reports.get()
    report.narrative = "تأجيل\x0bالتكوين"
    report.save()

    content = opendata.to_xlsx(opendata.REPORTS, opendata.REPORTS.rows(plan))

    assert openpyxl.load_workbook(io.BytesIO(content))["reports"]["G4"].value == "تأجيلالتكوين"


def test_filename_names_plan_dataset_and_day(plan):
    name = opendata.filename(opendata.REPORTS, plan, "csv", today=datetime.date(2020, 6, 18))

    assert name == "ogp-morocco-plan-1-reports-2020-06-18.csv"


@pytest.mark.parametrize("name", list(opendata.DATASETS))
def test_docs_document_every_column_of_the_dataset(name):
    readme = (settings.BASE_DIR / "docs" / "open-data-and-api.md").read_text(encoding="utf-8")
    section = readme.split(f"#### `{name}`", 1)[1].split("\n#", 1)[0]
    table = [line for line in section.splitlines() if line.startswith("| `")]

    documented = [column for line in table for column in re.findall(r"`([a-z_]+)`", line)]

    assert documented == opendata.DATASETS[name].columns


def test_questions_rows_hold_the_published_questions_and_first_answers(plan):
    rows = opendata.QUESTIONS.rows(plan)

    assert [
        (row["commitment_number"], row["text"], row["answers"], row["answered_for_fr"])
        for row in rows
    ] == [(1, '=HYPERLINK("http://example.org","انقر")', 1, "Ministère de l'Économie")]
    assert rows[0]["answered_by_secretariat"] is False


def test_questions_csv_neutralises_formulas_typed_by_visitors(plan):
    parsed = _csv_rows(opendata.to_csv(opendata.QUESTIONS, opendata.QUESTIONS.rows(plan)))

    assert (parsed[0]["text"][0], parsed[0]["answer"][0]) == ("'", "'")
