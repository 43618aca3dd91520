"""The IRM's assessments on the commitment page, the plan dashboard, the downloads and the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from ogptracker.ogpcycle.enums import IRMReport
from ogptracker.ogpcycle.models import IRMAssessment
from tests.factories import make_commitment, make_plan


@pytest.fixture
def plan(db):
    plan = make_plan(1, start=datetime.date(2018, 8, 1))
    for number, ogp_id, impact, results in [
        (6, "MO0006", "moderate", "marginal"),
        (8, "MO0008", "minor", "major"),
        (15, "MO0015", "moderate", "major"),
    ]:
        commitment = make_commitment(plan, number, ogp_id=ogp_id, access_to_information=True)
        IRMAssessment.objects.create(
            commitment=commitment,
            report=IRMReport.DESIGN,
            report_date=datetime.date(2019, 5, 1),
            verifiable=True,
            civic_participation=True,
            potential_impact=impact,
        )
        IRMAssessment.objects.create(
            commitment=commitment,
            report=IRMReport.IMPLEMENTATION,
            report_date=datetime.date(2021, 3, 1),
            completion="substantial",
            early_results=results,
            starred=number == 15,
        )
    make_commitment(plan, 18, ogp_id="MO0018")
    return plan


def page(client, name, language="en", **kwargs):
    with translation.override(language):
        return client.get(reverse(f"commitments:{name}", kwargs=kwargs))


def test_dashboard_counts_commitments_per_level_of_the_plans_irm_scales(client, plan):
    response = page(client, "plan_dashboard", number=1)

    tallies = {
        tally.label: ([(level.label, level.count) for level in tally.levels], tally.not_assessed)
        for tally in response.context["irm_tallies"]
    }
    assert tallies == {
        "Potential impact": (
            [("None", 0), ("Minor", 1), ("Moderate", 2), ("Transformative", 0)],
            1,
        ),
        "Completion": (
            [("Not started", 0), ("Limited", 0), ("Substantial", 3), ("Complete", 0)],
            1,
        ),
        "Did it open government?": (
            [
                ("Worsened", 0),
                ("Did not change", 0),
                ("Marginal", 1),
                ("Major", 2),
                ("Outstanding", 0),
            ],
            1,
        ),
        "Starred commitment": ([("Yes", 1), ("No", 2)], 1),
    }


def test_dashboard_of_a_plan_the_irm_has_not_assessed_shows_no_irm_section(client, db):
    make_commitment(make_plan(2, start=datetime.date(2021, 7, 1)), 1)

    response = page(client, "plan_dashboard", number=2)

    assert (response.context["irm_tallies"], b'id="irm-title"' in response.content) == ([], False)


def test_commitment_page_shows_each_irm_report_beside_the_declared_values(client, plan):
    response = page(client, "commitment_detail", "fr", plan_number=1, number=15)

    content = response.content.decode()
    assert content.count("Rapport de conception") == 1
    assert content.count("Rapport de mise en œuvre") == 1
    assert "Valeurs que déclare le plan : Accès à l&#x27;information" in content
    assert content.count("<td>Participation citoyenne</td>") == 1
    assert content.count("<td>Majeur</td>") == 1


def test_refresh_era_commitment_page_uses_the_refresh_names(client, db):
    commitment = make_commitment(make_plan(2, start=datetime.date(2021, 7, 1)), 22)
    IRMAssessment.objects.create(
        commitment=commitment,
        report=IRMReport.ACTION_PLAN_REVIEW,
        report_date=datetime.date(2022, 1, 15),
        potential_impact="modest",
        starred=True,
    )

    content = page(client, "commitment_detail", plan_number=2, number=22).content.decode()

    assert (
        content.count('<th scope="col">Potential for results</th>'),
        content.count('<th scope="col">Promising commitment</th>'),
        content.count("<td>Modest</td>"),
    ) == (1, 1, 1)


def test_api_lists_a_plans_irm_assessments_filtered_by_commitment(client, plan):
    answer = client.get("/api/plans/1/irm/?commitment=8").json()

    assert [
        (row["ogp_id"], row["report"], row["potential_impact"], row["early_results"])
        for row in answer["results"]
    ] == [("MO0008", "design", "minor", ""), ("MO0008", "implementation", "", "major")]
    assert client.get("/api/plans/1/").json()["irm_url"] == "http://testserver/api/plans/1/irm/"


def test_model_refuses_a_level_of_the_other_era_naming_the_field(plan):
    assessment = IRMAssessment(
        commitment=plan.commitments.get(number=18),
        report=IRMReport.DESIGN,
        report_date=datetime.date(2019, 5, 1),
        potential_impact="modest",
    )

    with pytest.raises(ValidationError) as refused:
        assessment.full_clean()

    assert list(refused.value.message_dict) == ["potential_impact"]


def test_database_refuses_a_completion_in_a_design_report(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        IRMAssessment.objects.create(
            commitment=plan.commitments.get(number=18),
            report=IRMReport.DESIGN,
            report_date=datetime.date(2019, 5, 1),
            completion="complete",
        )
