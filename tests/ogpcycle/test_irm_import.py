"""The IRM's assessments from a CSV keyed by OGP id: all or nothing, problems by line and column."""

import datetime

import pytest
import tablib

from ogptracker.ogpcycle.models import IRMAssessment
from ogptracker.spreadsheets.import_report import import_problems
from ogptracker.spreadsheets.irm_resources import IRMAssessmentResource
from tests.factories import make_commitment, make_plan

HEADER = (
    "ogp_id,report,report_date,verifiable,access_to_information,"
    "potential_impact,completion,early_results,starred\n"
)


@pytest.fixture
def plans(db):
    first = make_plan(1, start=datetime.date(2018, 8, 1))
    second = make_plan(2, start=datetime.date(2021, 7, 1))
    make_commitment(first, 6, ogp_id="MO0006")
    make_commitment(first, 8, ogp_id="MO0008")
    make_commitment(second, 22, ogp_id="MO0046")
    return first, second


def run(text, labels=False):
    resource = IRMAssessmentResource(labels=labels)
    result = resource.import_data(tablib.Dataset().load(text, format="csv"), dry_run=False)
    return result, [(p.line, p.column, p.message) for p in import_problems(result, resource)]


def test_irm_import_writes_each_era_on_its_own_scale(plans):
    text = HEADER + (
        "MO0006,design,2019-05-01,1,1,moderate,,,0\n"
        "mo0006,implementation,2021-03-01,,,,substantial,marginal,0\n"
        "MO0046,action_plan_review,2022-01-15,1,1,modest,,,1\n"
    )

    result, problems = run(text)

    assert problems == []
    assert list(
        IRMAssessment.objects.order_by("report_date").values_list(
            "commitment__ogp_id", "report", "verifiable", "potential_impact", "early_results"
        )
    ) == [
        ("MO0006", "design", True, "moderate", ""),
        ("MO0006", "implementation", None, "", "marginal"),
        ("MO0046", "action_plan_review", True, "modest", ""),
    ]


def test_irm_import_reimporting_its_export_changes_nothing(plans):
    run(HEADER + "MO0006,design,2019-05-01,1,1,moderate,,,0\n")
    exported = IRMAssessmentResource().export().csv

    result, problems = run(exported)

    assert (problems, result.totals["skip"], IRMAssessment.objects.count()) == ([], 1, 1)


def test_irm_import_with_bad_rows_writes_nothing_and_names_line_and_column_in_arabic(plans):
    text = HEADER + (
        "MO0006,design,2019-05-01,1,1,moderate,,,0\n"
        "MO0099,design,2019-05-01,1,1,minor,,,0\n"
        "MO0008,design,2019-05-01,1,1,modest,,,0\n"
        "MO0008,implementation,2021-03-01,,,,complete,huge,0\n"
        "MO0006,design,2019-06-01,1,0,minor,,,0\n"
    )

    result, problems = run(text, labels=True)

    assert IRMAssessment.objects.count() == 0
    assert problems == [
        (
            3,
            "معرف الشراكة من أجل الحكومة المنفتحة",
            "لا يوجد التزام بمعرف الشراكة «\u2068MO0099\u2069».",
        ),
        (
            4,
            "الأثر المحتمل",
            "«متواضعة» ليست على سلم آلية الإبلاغ المستقلة لهذه الخطة: منعدم، طفيف، متوسط، تحويلي.",
        ),
        (
            5,
            "النتائج الأولى (هل جعل الحكومة أكثر انفتاحا؟)",
            "القيمة «\u2068huge\u2069» غير مقبولة هنا؛ اكتب إحدى القيم: تراجع، لم يتغير، "
            "هامشي، كبير، استثنائي، لا نتائج تُذكر، متوسط، ملموس.",
        ),
        (
            6,
            "معرف الشراكة من أجل الحكومة المنفتحة",
            "يقدم السطر 2 سلفا تقييم هذا الالتزام في تقرير الآلية نفسه.",
        ),
    ]


def test_irm_import_refuses_a_results_judgement_in_a_design_report(plans):
    result, problems = run(HEADER + "MO0006,design,2019-05-01,1,1,moderate,complete,,0\n")

    assert (IRMAssessment.objects.count(), [(line, column) for line, column, _m in problems]) == (
        0,
        [(2, "completion")],
    )


def test_irm_import_refuses_a_report_of_the_other_era(plans):
    result, problems = run(HEADER + "MO0046,design,2022-01-15,1,1,,,,0\n")

    assert [(line, column) for line, column, _m in problems] == [(2, "report")]
