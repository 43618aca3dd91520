"""Standing committee membership: terms, the members of a date, committees named with their plan."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from meetings.models import Committee, Membership
from ogptracker.devdata.demo import seed_memberships
from tests.factories import make_commitment, make_committee, make_plan

JUNE = datetime.date(2020, 6, 17)


def make_member(committee, name="حاتم مورادي", start=JUNE, end=None, **fields):
    return Membership.objects.create(
        committee=committee, name=name, start_date=start, end_date=end, **fields
    )


@pytest.mark.django_db
def test_membership_ending_before_it_starts_is_refused_by_the_database():
    committee = make_committee(plan=make_plan())

    with pytest.raises(IntegrityError), transaction.atomic():
        make_member(committee, end=JUNE - datetime.timedelta(days=1))


@pytest.mark.django_db
def test_membership_without_a_name_is_refused_by_the_database():
    committee = make_committee(plan=make_plan())

    with pytest.raises(IntegrityError), transaction.atomic():
        make_member(committee, name="")


@pytest.mark.django_db
def test_membership_on_a_date_holds_the_terms_covering_it():
    committee = make_committee(plan=make_plan())
    make_member(committee, "انتهت", end=datetime.date(2020, 12, 31))
    make_member(committee, "مفتوحة")
    make_member(committee, "لاحقة", start=datetime.date(2021, 3, 1))

    names = list(Membership.objects.on(datetime.date(2021, 1, 5)).values_list("name", flat=True))

    assert names == ["مفتوحة"]


@pytest.mark.django_db
def test_committee_is_named_with_its_plan():
    first = make_committee(plan=make_plan(1))
    second = make_committee(plan=make_plan(2))

    names = [str(committee) for committee in Committee.objects.order_by("pk")]

    assert (names, str(first)) == (["لجنة التنفيذ · الخطة 1", "لجنة التنفيذ · الخطة 2"], names[0])
    assert str(second.meetings.model(committee=second, date=JUNE)).startswith(names[1])


@pytest.mark.django_db
def test_seed_committees_have_their_minutes_participants_as_members(seed_data):
    again = seed_memberships()

    members = Membership.objects.filter(committee__plan__number=1).order_by("order")
    assert (len(again), members.count(), Membership.objects.count()) == (33, 9, 33)
    first = members.first()
    assert (first.name, first.start_date, first.end_date) == ("حاتم مورادي", JUNE, None)
    assert sorted(c.number for c in first.commitments.all()) == [1, 2, 8]


@pytest.mark.django_db
def test_membership_form_names_the_wrong_field(client, secretariat):
    committee = make_committee(plan=make_plan())
    commitment = make_commitment(plan=committee.plan)
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:meetings_membership_add"),
        {
            "committee": committee.pk,
            "name": "هدى بويهي",
            "role": "project_lead",
            "order": 1,
            "commitments": [commitment.pk],
            "start_date": "2021-01-01",
            "end_date": "2020-01-01",
        },
    )

    assert (response.status_code, list(response.context["adminform"].form.errors)) == (
        200,
        ["end_date"],
    )
    assert Membership.objects.count() == 0
