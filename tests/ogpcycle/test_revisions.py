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
        plan=plan, date=date, reason="المراجعة المرحلية", next_step=step
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
        plan,
        (commitment, RevisionChange.RESCHEDULED, {"revised_end": datetime.date(2027, 3, 31)}),
        date=datetime.date(2026, 9, 30),
    )
    plan.revised_end = datetime.date(2028, 6, 30)
    plan.save()

    response = client.get(reverse("commitments:plan_dashboard", args=[3]))

    (slipped,) = response.context["revised"].slippage
    assert (slipped.commitment.number, slipped.days, slipped.times) == (2, 274, 2)
    assert response.context["revised"].plan_days_late == 182


def test_a_plan_has_one_revision_a_day(plan):
    revise(plan)

    with pytest.raises(ValidationError) as refused:
        PlanRevision(
            plan=plan,
            date=datetime.date(2026, 6, 30),
            reason="x",
            next_step=make_next_step(plan.committees.first().meetings.first()),
        ).full_clean()

    assert refused.value.messages == ["لهذه الخطة مراجعة في هذا التاريخ."]


def test_revision_follows_a_next_step_of_published_minutes_of_its_plan(plan):
    draft = make_meeting(make_committee(plan), date=DECIDED, status=MeetingStatus.DRAFT)
    other = make_next_step(make_meeting(make_committee(make_plan(9)), date=DECIDED))

    for step, message in [
        (make_next_step(draft), "A revision follows a next step of published minutes."),
        (other, "This next step belongs to the minutes of another plan."),
    ]:
        revision = PlanRevision(plan=plan, date=DECIDED, reason="x", next_step=step)
        with pytest.raises(ValidationError) as refused:
            revision.full_clean()
        with translation.override("en"):
            assert refused.value.message_dict == {"next_step": [message]}


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
        revise(plan, (added, RevisionChange.ADDED, {}), date=datetime.date(2026, 7, number))
    with django_assert_num_queries(3):
        page(client, plan)


def test_the_dashboards_count_the_plan_as_revised_and_list_what_left_it(client, plan):
    def dashboard():
        return client.get(reverse("commitments:plan_dashboard", args=[plan.number]))

    before = dashboard().context["summary"]
    assert (before.rollup.percent, before.rollup.total) == (Decimal("43.3"), 3)

    added = make_commitment(plan, 4, title="التشاور العمومي")
    make_report(added, 100, date=datetime.date(2026, 9, 1))
    withdrawn = plan.commitments.get(number=3)
    revise(plan, (withdrawn, RevisionChange.WITHDRAWN, {}), (added, RevisionChange.ADDED, {}))

    response = dashboard()
    summary = response.context["summary"]
    # (40 + 80 + 100) / 3: the withdrawn commitment's 10 % no longer counts.
    assert (summary.rollup.percent, summary.rollup.total) == (Decimal("73.3"), 3)
    assert numbers(response.context["commitments"]) == [1, 2, 4]
    assert numbers(summary.left) == [3]
    assert (summary.counts.done, summary.counts.on_track) == (1, 2)
    home = client.get(reverse("commitments:home")).context["summaries"]
    assert [(s.rollup.percent, s.rollup.total) for s in home] == [(Decimal("73.3"), 3)]

    with translation.override("en"):
        left = client.get(reverse("commitments:commitment_detail", args=[plan.number, 3]))
        kept = client.get(reverse("commitments:commitment_detail", args=[plan.number, 1]))
        revisions_url = reverse("commitments:plan_revisions", args=[plan.number])
    assert f'class="flag left" href="{revisions_url}"' in left.content.decode()
    assert ">Withdrawn</a>" in left.content.decode()
    assert left.context["commitment"].flags == ()
    assert 'class="flag left"' not in kept.content.decode()


def test_a_merged_commitment_is_flagged_on_its_institution_page(client, plan):
    first, second = plan.commitments.get(number=1), plan.commitments.get(number=2)
    revise(plan, (first, RevisionChange.MERGED, {"merged_into": second}))

    with translation.override("en"):
        response = client.get(
            reverse("commitments:institution_detail", args=[first.lead_institution_id])
        )

    (group,) = [g for g in response.context["plans"] if g.key == plan.pk]
    assert numbers(group.left) == [1]
    assert group.rollup.total == len(group.commitments) - 1
    assert ">Merged into another</a>" in response.content.decode()
