"""A plan's revisions: commitments added, withdrawn, merged or rescheduled."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from commitments.enums import MeetingStatus
from meetings.models import Committee
from ogptracker.ogpcycle.enums import RevisionChange
from ogptracker.ogpcycle.models import CommitmentRevision, PlanRevision
from tests.factories import (
    make_commitment,
    make_committee,
    make_meeting,
    make_next_step,
    make_plan,
    make_report,
)

pytestmark = pytest.mark.django_db

DECIDED = datetime.date(2026, 2, 3)


@pytest.fixture
def plan():
    plan = make_plan(3, start=datetime.date(2024, 1, 1), planned_end=datetime.date(2027, 12, 31))
    for number, percent in [(1, 40), (2, 80), (3, 10)]:
        make_report(make_commitment(plan, number), percent, date=datetime.date(2025, 3, 18))
    return plan


def revise(plan, *changes, date=datetime.date(2026, 6, 30)):
    committee = Committee.objects.filter(plan=plan).first() or make_committee(plan)
    meeting = make_meeting(committee, date=DECIDED)
    step = make_next_step(meeting, "مراجعة خطة العمل الوطنية")
    revision = PlanRevision.objects.create(
        plan=plan, date=date, reason="المراجعة المرحلية", decision=step
    )
    for commitment, change, fields in changes:
        CommitmentRevision.objects.create(
            revision=revision, commitment=commitment, change=change, **fields
        )
    return revision


def page(client, plan, language="en"):
    with translation.override(language):
        return client.get(reverse("commitments:plan_revisions", args=[plan.number]))


def numbers(commitments):
    return [commitment.number for commitment in commitments]


def test_one_withdrawn_and_one_added_change_the_lists_and_the_plan_figure(client, plan):
    before = page(client, plan).context["revised"]
    assert (numbers(before.revised), before.revised_rollup.percent) == ([1, 2, 3], Decimal("43.3"))

    added = make_commitment(plan, 4, title="التشاور العمومي")
    make_report(added, 100, date=datetime.date(2026, 9, 1))
    revise(
        plan,
        (plan.commitments.get(number=3), RevisionChange.WITHDRAWN, {}),
        (added, RevisionChange.ADDED, {}),
    )

    after = page(client, plan).context["revised"]
    assert (numbers(after.adopted), numbers(after.revised)) == ([1, 2, 3], [1, 2, 4])
    assert (numbers(after.added), numbers(after.withdrawn)) == ([4], [3])
    # (10 + 40 + 80) / 3 as adopted; (40 + 80 + 100) / 3 as revised.
    assert (after.adopted_rollup.percent, after.revised_rollup.percent) == (
        Decimal("43.3"),
        Decimal("73.3"),
    )
    content = page(client, plan).content.decode()
    assert content.count("43.3\u00a0% over 3 commitments") == 1
    assert content.count("73.3\u00a0% over 3 commitments") == 1


def test_merged_commitment_leaves_the_plan_as_revised(client, plan):
    first, second = plan.commitments.get(number=1), plan.commitments.get(number=2)
    revise(plan, (first, RevisionChange.MERGED, {"merged_into": second}))

    revised = page(client, plan).context["revised"]

    assert (numbers(revised.revised), [(a.number, b.number) for a, b in revised.merged]) == (
        [2, 3],
        [(1, 2)],
    )


def test_slippage_counts_days_from_the_adopted_end_and_times_rescheduled(client, plan):
    commitment = plan.commitments.get(number=2)
    commitment.end_date = datetime.date(2026, 6, 30)
    commitment.save()
    new_end = {"revised_end": datetime.date(2026, 12, 31)}
    revise(plan, (commitment, RevisionChange.RESCHEDULED, new_end))
    revise(
        plan, (commitment, RevisionChange.RESCHEDULED, {"revised_end": datetime.date(2027, 3, 31)})
    )
    plan.revised_end = datetime.date(2028, 6, 30)
    plan.save()

    response = client.get(reverse("commitments:plan_dashboard", args=[3]))

    (slipped,) = response.context["revised"].slippage
    assert (slipped.commitment.number, slipped.days, slipped.times) == (2, 274, 2)
    assert response.context["revised"].plan_days_late == 182


def test_revision_follows_a_decision_of_published_minutes_of_its_plan(plan):
    draft = make_meeting(make_committee(plan), date=DECIDED, status=MeetingStatus.DRAFT)
    other = make_next_step(make_meeting(make_committee(make_plan(9)), date=DECIDED))

    for step, message in [
        (make_next_step(draft), "A revision follows a decision of published minutes."),
        (other, "This decision was taken for another plan."),
    ]:
        revision = PlanRevision(plan=plan, date=DECIDED, reason="x", decision=step)
        with pytest.raises(ValidationError) as refused:
            revision.full_clean()
        with translation.override("en"):
            assert refused.value.message_dict == {"decision": [message]}


def test_database_refuses_a_merge_without_its_target(plan):
    revision = revise(plan)

    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentRevision.objects.create(
            revision=revision,
            commitment=plan.commitments.get(number=1),
            change=RevisionChange.MERGED,
        )


def test_revisions_page_query_count_does_not_grow(client, plan, django_assert_num_queries):
    revise(plan, (plan.commitments.get(number=3), RevisionChange.WITHDRAWN, {}))
    with django_assert_num_queries(3):
        page(client, plan)

    for number in range(10, 20):
        added = make_commitment(plan, number)
        revise(plan, (added, RevisionChange.ADDED, {}))
    with django_assert_num_queries(3):
        page(client, plan)
