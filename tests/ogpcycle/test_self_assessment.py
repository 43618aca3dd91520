"""The self-assessment report: page, PDF and DOCX, built from the tracked data."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from meetings.models import Meeting
from tests.seed_facts import JUNE_2020_PERCENTS
from tests.text import pdf_text, squeezed


def url(name, language="ar", number=1, kind="end-of-term"):
    with translation.override(language):
        return reverse(f"commitments:{name}", args=[number, kind])


def test_plan_1_end_of_term_pdf_holds_every_june_2020_figure_and_the_meeting(client, seed_data):
    response = client.get(url("self_assessment_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    # Each commitment's section, in the plan's order, gives its figure and the day
    # it was reported (pdftotext reads the percent sign before the figure).
    figures = re.findall(r"نسبةالتقدم%(\d+):في(\d+)يونيو2020", squeezed(text))
    assert figures == [(str(percent), "17") for _number, percent in JUNE_2020_PERCENTS]
    meeting = Meeting.objects.get(date=datetime.date(2020, 6, 17))
    # pdftotext moves the digits and colons of a right-to-left line about.
    meeting_line = (
        "لجنةالتنفيذ17،يونيو:2020تقريراجتماعلجنةالتنفيذ—المحضر"
        f"http://testserver/ar/meetings/{meeting.pk}/"
    )
    assert squeezed(text).count(meeting_line) == 1


def test_plan_1_end_of_term_pdf_in_french_holds_the_figures(client, seed_data):
    text = squeezed(pdf_text(client.get(url("self_assessment_pdf", "fr")).content))

    found = re.findall(r"Avancement:(\d+)%le17juin2020", text)
    assert found == [str(percent) for _number, percent in JUNE_2020_PERCENTS]


def test_self_assessment_pdf_is_tagged_like_the_minutes(client, seed_data):
    import pikepdf

    with pikepdf.open(io.BytesIO(client.get(url("self_assessment_pdf", "en")).content)) as pdf:
        catalog = pdf.Root
        assert (str(catalog.Lang), bool(catalog.MarkInfo.Marked)) == ("en", True)
        assert "/StructTreeRoot" in catalog


def test_self_assessment_docx_holds_the_same_figures_right_to_left(client, seed_data):
    from docx import Document

    response = client.get(url("self_assessment_docx"))

    document = Document(io.BytesIO(response.content))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for _number, percent in JUNE_2020_PERCENTS:
        assert f"{percent}\u00a0% في 17 يونيو 2020" in text
    assert (
        document.paragraphs[0].paragraph_format.element.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
        )
        is not None
    )
    assert document.core_properties.title == "تقرير التقييم الذاتي في نهاية المدة"


def test_self_assessment_docx_in_english_reads_left_to_right(client, seed_data):
    from docx import Document

    document = Document(io.BytesIO(client.get(url("self_assessment_docx", "en")).content))

    assert document.paragraphs[0].text == "End-of-term self-assessment report"
    assert (
        document.paragraphs[0].paragraph_format.element.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
        )
        is None
    )


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ar", "تقرير التقييم الذاتي في منتصف المدة"),
        ("fr", "Rapport d'auto-évaluation à mi-parcours"),
        ("en", "Mid-term self-assessment report"),
    ],
)
def test_mid_term_page_counts_only_what_was_published_by_the_midpoint(
    client, seed_data, language, heading
):
    response = client.get(url("self_assessment", language, kind="mid-term"))

    report = response.context["report"]
    assert (report.until, report.rollup.reported, report.meetings) == (
        datetime.date(2019, 8, 16),
        0,
        [],
    )
    assert response.content.decode().count(f"<h1>{escape(heading)}</h1>") == 1


def test_unknown_kind_of_report_is_not_found(client, seed_data):
    assert client.get(url("self_assessment", kind="yearly")).status_code == 404


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def arabic_only(db):
    """A plan whose axis, commitment, institution and activity have no French text."""
    from commitments.models import Axis
    from tests.factories import make_activity, make_commitment, make_institution, make_plan

    plan = make_plan(7, title_fr="Plan d'action national 7")
    axis = Axis.objects.create(plan=plan, number=1, title="الشفافية")
    commitment = make_commitment(
        plan=plan,
        number=1,
        title="الحق في الحصول على المعلومات",
        axis=axis,
        lead_institution=make_institution("وزارة العدل"),
    )
    make_activity(commitment, number=1, title="إعداد دليل المرتفق")
    return plan


def test_docx_marks_the_arabic_text_of_a_french_report_as_arabic(client, arabic_only):
    """A field with no French text shows its Arabic one: its run says so, in
    Arabic and right to left, as the page's `lang` and `dir` do."""
    from docx import Document

    response = client.get(url("self_assessment_docx", "fr", number=7))

    document = Document(io.BytesIO(response.content))
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    runs = {run.text: run for paragraph in paragraphs for run in paragraph.runs}
    for text in ["الشفافية", "الحق في الحصول على المعلومات", "وزارة العدل", "إعداد دليل المرتفق"]:
        language = runs[text].font.element.find(f"{W}rPr/{W}lang")
        assert (runs[text].font.rtl, language.get(f"{W}bidi")) == (True, "ar"), text
    # The plan's own French title, and the French words around, are the document's.
    assert runs["Plan d'action national 7"].font.element.find(f"{W}rPr/{W}lang") is None
    assert runs["Plan d'action national 7"].font.rtl is None
    heading = next(p for p in document.paragraphs if "الحق في الحصول" in p.text)
    assert heading.text == "1. الحق في الحصول على المعلومات"


def test_page_marks_an_axis_shown_in_arabic(client, arabic_only):
    page = client.get(url("self_assessment", "fr", number=7)).content.decode()

    assert '<bdi lang="ar" dir="rtl">الشفافية</bdi>' in page
