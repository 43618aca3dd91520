"""Commitments' spreadsheets: strict cells, natural keys, exports without N+1 queries."""

import pytest
import tablib

from commitments.models import Commitment
from ogptracker.common.cells import escape_formula, is_formula, unescape_formula
from ogptracker.spreadsheets.plan_resources import CommitmentResource
from tests.factories import make_commitment, make_institution, make_plan, make_user


def load(text):
    return tablib.Dataset().load(text, format="csv")


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ('=HYPERLINK("http://x")', True),
        ("@SUM(A1)", True),
        ('-HYPERLINK("http://x")', True),
        ("+cmd(1)", True),
        ("\t=1", True),
        ("-النشاط 1: إعادة هيكلة تدبير الأرشيف", False),
        ("- 2020-2021", False),
        ("+212 5 37 00 00 00", False),
        ("تنفيذ الالتزام بنسبة 65 %", False),
    ],
)
def test_is_formula_refuses_formulas_and_keeps_minutes_dashes(text, formula):
    assert is_formula(text) is formula


@pytest.mark.parametrize("text", ["=1+1", "'=1+1", "''=x", "'quoted", "-النشاط 1"])
def test_escape_then_unescape_gives_the_text_back(text):
    assert unescape_formula(escape_formula(text)) == text


def test_commitment_import_resolves_institution_axis_and_leads(db):
    plan = make_plan(1)
    plan.axes.create(number=2, title="المشاركة")
    institution = make_institution("وزارة العدل", acronym="MJ")
    lead = make_user("h.bouihi")
    text = (
        "plan,number,title_ar,axis,lead_institution,leads,access_to_information\n"
        "1,3,الولوج إلى المعلومة,2,MJ,h.bouihi,نعم\n"
    )

    result = CommitmentResource().import_data(load(text), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    commitment = Commitment.objects.get()
    assert (
        commitment.axis.number,
        commitment.lead_institution,
        commitment.access_to_information,
    ) == (
        2,
        institution,
        True,
    )
    assert list(commitment.leads.all()) == [lead]


def test_commitment_import_refuses_unknown_leads_and_a_yes_no_it_cannot_read(db):
    make_plan(1)
    make_institution("وزارة العدل", acronym="MJ")
    text = (
        "plan,number,title_ar,lead_institution,leads,civic_participation\n"
        "1,3,t,MJ,ghost,peut-être\n"
    )

    result = CommitmentResource().import_data(load(text), dry_run=False)

    assert [row.error.message_dict for row in result.invalid_rows] == [
        {
            "civic_participation": ["«\u2068peut-être\u2069» ليس نعم أو لا (استعمل 1 أو 0)."],
            "leads": ["مستخدمون غير معروفين: ghost."],
        }
    ]
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize("commitments", [1, 15])
def test_commitment_export_reads_a_fixed_number_of_queries(
    db, django_assert_num_queries, commitments
):
    plan = make_plan(1)
    institution = make_institution()
    lead = make_user()
    for number in range(1, commitments + 1):
        make_commitment(plan=plan, number=number, lead_institution=institution).leads.add(lead)

    # A count (the export pages through rows it prefetches for), the commitments
    # with plan, axis and institution, their leads and their civil-society co-leads.
    with django_assert_num_queries(4):
        dataset = CommitmentResource().export()

    assert len(dataset) == commitments


def test_the_admin_export_neutralises_a_leading_dash_as_open_data_does_and_imports_it_back(db):
    commitment = make_commitment(title="-النشاط 1: إعادة هيكلة الأرشيف")

    exported = CommitmentResource().export(Commitment.objects.all())
    result = CommitmentResource().import_data(load(exported.csv), dry_run=False)

    assert exported.dict[0]["title_ar"] == "'-النشاط 1: إعادة هيكلة الأرشيف"
    assert not result.has_errors() and not result.has_validation_errors()
    commitment.refresh_from_db()
    assert commitment.title_ar == "-النشاط 1: إعادة هيكلة الأرشيف"
