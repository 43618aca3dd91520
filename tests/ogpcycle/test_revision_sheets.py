"""The OGP template fields and the plan's revisions as spreadsheets: all or nothing,
problems by line and column, and a revision's next step named as the minutes number it."""

import datetime
from decimal import Decimal

import pytest
import tablib

from commitments.enums import MeetingStatus
from ogptracker.ogpcycle.models import CommitmentDesign, PlanRevision
from ogptracker.spreadsheets.import_report import import_problems
from ogptracker.spreadsheets.revision_resources import (
    CommitmentDesignResource,
    PlanRevisionResource,
)
from tests.factories import make_commitment, make_committee, make_meeting, make_next_step, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = make_plan(3, start=datetime.date(2024, 1, 1))
    for number in (1, 2):
        make_commitment(plan, number)
    meeting = make_meeting(
        make_committee(plan), date=datetime.date(2025, 3, 18), status=MeetingStatus.PUBLISHED
    )
    make_next_step(meeting, "إعداد المراجعة المرحلية", order=1)
    return plan


def run(resource_class, text):
    resource = resource_class()
    result = resource.import_data(tablib.Dataset().load(text, format="csv"), dry_run=False)
    return [(p.line, p.column, p.message) for p in import_problems(result, resource)]


def test_template_fields_import_with_budgets_and_a_bad_budget_writes_nothing(plan):
    header = "plan,commitment,objective_ar,budget_planned,sdg_targets\n"

    assert run(CommitmentDesignResource, header + "3,1,نشر المعطيات,1500000,16.10\n") == []
    design = CommitmentDesign.objects.get()
    assert (design.objective_ar, design.budget_planned) == ("نشر المعطيات", Decimal("1500000"))

    problems = run(
        CommitmentDesignResource,
        header + "3,1,تعديل,2 500 000,16.10\n3,2,هدف,مليون,16.6\n",
    )

    assert [(line, column) for line, column, _message in problems] == [(3, "budget_planned")]
    assert "«\u2068مليون\u2069» ليس عددا." in problems[0][2]
    design.refresh_from_db()
    assert (design.objective_ar, CommitmentDesign.objects.count()) == ("نشر المعطيات", 1)


def test_a_revision_names_its_next_step_by_its_minutes_and_number(plan):
    header = "plan,date,reason,committee,meeting,next_step\n"
    text = header + "3,2025-06-30,المراجعة المرحلية,execution,2025-03-18,1\n"

    assert run(PlanRevisionResource, text) == []
    revision = PlanRevision.objects.get()
    assert (revision.next_step.text, revision.date) == (
        "إعداد المراجعة المرحلية",
        datetime.date(2025, 6, 30),
    )
    assert PlanRevisionResource().export().csv.splitlines()[1] == text.splitlines()[1]

    problems = run(PlanRevisionResource, header + "3,2025-07-01,مراجعة,execution,2025-03-18,2\n")

    assert [(line, column) for line, column, _message in problems] == [(2, "next_step")]
    assert "مرحلة قادمة تحمل الرقم 2" in problems[0][2]
    assert PlanRevision.objects.count() == 1
