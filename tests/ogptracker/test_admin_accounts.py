"""The secretariat manages accounts in the admin without being superuser."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from commitments.roles import SECRETARIAT_GROUP
from tests.factories import make_commitment, make_user

User = get_user_model()
LINK = re.compile(r"https?://\S+/reset/\S+/")


@pytest.fixture
def office(secretariat):
    client = Client()
    client.force_login(secretariat)
    return client


def add_account(client, **fields):
    data = {
        "username": "k.amrani",
        "first_name": "كريم",
        "last_name": "العمراني",
        "email": "k.amrani@example.org",
        "Commitment_leads-TOTAL_FORMS": "0",
        "Commitment_leads-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post(reverse("admin:auth_user_add"), data)


def change_data(user, **fields):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "groups": [],
        "Commitment_leads-TOTAL_FORMS": "0",
        "Commitment_leads-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def test_secretariat_creates_an_account_that_receives_a_set_password_link(office):
    response = add_account(office)

    user = User.objects.get(username="k.amrani")
    assert response.status_code == 302
    assert (user.has_usable_password(), user.is_staff, user.is_superuser) == (False, False, False)
    assert [message.to for message in mail.outbox] == [["k.amrani@example.org"]]
    assert "/ar/accounts/reset/" in mail.outbox[0].body
    assert "/fr/accounts/reset/" in mail.outbox[0].body


def test_set_password_link_lets_the_new_lead_choose_a_password_and_sign_in(office):
    add_account(office)
    link = LINK.findall(mail.outbox[0].body)[0]
    visitor = Client()

    form_page = visitor.get(link, follow=True)
    visitor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "un mot de passe sûr", "new_password2": "un mot de passe sûr"},
    )

    user = User.objects.get(username="k.amrani")
    assert user.check_password("un mot de passe sûr") is True


def test_new_account_without_an_address_is_refused_on_the_address_field(office):
    response = add_account(office, email="")

    assert list(response.context["adminform"].form.errors) == ["email"]
    assert User.objects.filter(username="k.amrani").exists() is False


def test_secretariat_gives_a_lead_commitments(office, secretariat):
    lead = make_user("k.amrani", email="k.amrani@example.org")
    commitment = make_commitment()

    response = office.post(
        reverse("admin:auth_user_change", args=[lead.pk]),
        change_data(
            lead,
            **{
                "Commitment_leads-TOTAL_FORMS": "1",
                "Commitment_leads-0-commitment": str(commitment.pk),
                "Commitment_leads-0-user": str(lead.pk),
            },
        ),
    )

    assert response.status_code == 302
    assert list(lead.led_commitments.all()) == [commitment]


def test_secretariat_cannot_make_anyone_superuser_or_staff(office):
    lead = make_user("k.amrani")
    observers = Group.objects.create(name="observers")

    office.post(
        reverse("admin:auth_user_change", args=[lead.pk]),
        change_data(lead, is_superuser="on", is_staff="on", groups=[observers.pk]),
    )

    lead.refresh_from_db()
    assert (lead.is_superuser, lead.is_staff, list(lead.groups.all())) == (False, False, [])


def test_secretariat_role_given_by_the_secretariat_makes_staff_and_taking_it_back_unmakes(office):
    lead = make_user("k.amrani")
    role = Group.objects.get(name=SECRETARIAT_GROUP)
    url = reverse("admin:auth_user_change", args=[lead.pk])

    office.post(url, change_data(lead, groups=[role.pk]))
    lead.refresh_from_db()
    given = lead.is_staff
    office.post(url, change_data(lead, groups=[]))
    lead.refresh_from_db()

    assert (given, lead.is_staff) == (True, False)


def test_secretariat_keeps_groups_outside_the_roles_it_does_not_see(office):
    lead = make_user("k.amrani")
    observers = Group.objects.create(name="observers")
    lead.groups.add(observers)

    office.post(reverse("admin:auth_user_change", args=[lead.pk]), change_data(lead))

    assert list(lead.groups.all()) == [observers]


def test_secretariat_cannot_change_a_superuser_account(office):
    boss = make_user("boss", is_superuser=True, is_staff=True, email="boss@example.org")

    office.post(
        reverse("admin:auth_user_change", args=[boss.pk]),
        change_data(boss, email="thief@example.org"),
    )

    boss.refresh_from_db()
    assert boss.email == "boss@example.org"


def test_secretariat_cannot_set_a_password_directly(office):
    lead = make_user("k.amrani")

    response = office.get(reverse("admin:auth_user_password_change", args=[lead.pk]))

    assert response.status_code == 403


def test_secretariat_cannot_delete_an_account(office):
    lead = make_user("k.amrani")

    response = office.post(reverse("admin:auth_user_delete", args=[lead.pk]), {"post": "yes"})

    assert (response.status_code, User.objects.filter(pk=lead.pk).exists()) == (403, True)


def run_action(client, action, *users):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": action, "_selected_action": [user.pk for user in users]},
    )


def test_secretariat_deactivates_an_account_but_not_a_superuser(office):
    lead = make_user("k.amrani")
    boss = make_user("boss", is_superuser=True, is_staff=True)

    run_action(office, "deactivate", lead, boss)

    lead.refresh_from_db()
    boss.refresh_from_db()
    assert (lead.is_active, boss.is_active) == (False, True)


def test_secretariat_sends_a_set_password_link_to_an_existing_account(office):
    lead = make_user("k.amrani", email="k.amrani@example.org")

    run_action(office, "send_set_password_link", lead)

    assert [message.to for message in mail.outbox] == [["k.amrani@example.org"]]
    # In Arabic, Amazigh and French.
    assert mail.outbox[0].subject.count("/") == 2


def test_secretariat_lifts_a_lockout(office):
    lead = make_user("k.amrani")
    AccessAttempt.objects.create(
        username="k.amrani", ip_address="192.0.2.10", user_agent="x", failures_since_start=5
    )

    run_action(office, "lift_lockout", lead)

    assert AccessAttempt.objects.filter(username="k.amrani").count() == 0


def test_secretariat_deletes_a_lockout_in_the_lockout_list(office):
    attempt = AccessAttempt.objects.create(
        username="k.amrani", ip_address="192.0.2.10", user_agent="x", failures_since_start=5
    )

    office.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    assert AccessAttempt.objects.count() == 0


@pytest.mark.parametrize("accounts", [1, 20])
def test_account_list_queries_do_not_grow_with_the_accounts(
    office, accounts, django_assert_num_queries
):
    for number in range(accounts):
        make_user(f"lead{number}")

    with django_assert_num_queries(8):
        response = office.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 200
