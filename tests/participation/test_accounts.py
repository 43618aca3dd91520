"""Signing up, verifying the address, deleting the account."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from ogptracker.participation import steps, tokens
from ogptracker.participation.models import Citizen, Follow, Question
from tests.factories import make_question

SIGN_UP = {
    "email": "Amal@Example.org",
    "name": "أمل",
    "organisation": "جمعية الشفافية",
    "password1": "a long enough passphrase 7",
    "password2": "a long enough passphrase 7",
    "website": "",
}


def sign_up(client, **changes):
    return client.post(reverse("participation:sign_up"), SIGN_UP | changes)


@pytest.mark.django_db
def test_sign_up_opens_an_account_without_any_admin_access(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="amal@example.org")
    assert (user.username, user.is_staff, user.is_superuser) == ("amal@example.org", False, False)
    assert (user.groups.count(), user.user_permissions.count()) == (0, 0)
    assert client.get(reverse("admin:index")).status_code == 302
    citizen = user.citizen
    assert (citizen.name, citizen.organisation, citizen.verified) == (
        "أمل",
        "جمعية الشفافية",
        False,
    )


@pytest.mark.django_db
def test_the_verification_link_comes_by_e_mail_and_verifies_the_address(
    client, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    run_queued()

    (message,) = mailoutbox
    assert message.to == ["amal@example.org"]
    link = re.search(r"http://localhost:8000(/\S+)", message.body).group(1)
    response = client.get(link)

    assert response.status_code == 302
    assert Citizen.objects.get().verified


@pytest.mark.django_db
def test_a_forged_or_outdated_verification_link_verifies_nothing(client, citizen, settings):
    citizen.email_verified_at = None
    citizen.save()
    token = tokens.verification(citizen.user.pk, "someone-else@example.org")

    forged = client.get(reverse("participation:verify", args=[token + "x"]))
    other = client.get(reverse("participation:verify", args=[token]))

    assert (forged.status_code, other.status_code) == (400, 400)
    citizen.refresh_from_db()
    assert not citizen.verified


@pytest.mark.django_db
def test_an_address_already_in_use_is_refused_in_the_visitor_language(client, citizen):
    response = client.post(
        reverse("participation:sign_up", urlconf=None).replace("/ar/", "/fr/"),
        SIGN_UP | {"email": "SALMA@example.org"},
    )

    assert response.status_code == 200
    assert "Un compte utilise déjà cette adresse" in response.content.decode()
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_the_honeypot_refuses_a_sign_up_and_says_why(client):
    response = sign_up(client, website="http://spam.example")

    assert response.status_code == 400
    assert "لم يُرسَل" in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.PARTICIPATION_SIGN_UP_RATE = "2/h"
    for number in range(2):
        assert sign_up(client, email=f"a{number}@example.org").status_code == 302
        client.logout()

    response = sign_up(client, email="a3@example.org")

    assert response.status_code == 429
    assert get_user_model().objects.count() == 2


@pytest.mark.django_db
def test_deleting_the_account_removes_personal_data_and_keeps_the_questions_anonymous(
    client, citizen, commitment
):
    question = make_question(commitment, citizen)
    Follow.objects.create(email="salma@example.org", plan=commitment.plan, language="ar")
    AccessAttempt.objects.create(
        username="salma@example.org", ip_address="192.0.2.1", user_agent="x", failures_since_start=1
    )
    client.force_login(citizen.user)

    response = client.post(
        reverse("participation:delete_account"), {"password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert not get_user_model().objects.filter(email="salma@example.org").exists()
    assert not Citizen.objects.exists()
    assert not Follow.objects.exists()
    assert not AccessAttempt.objects.exists()
    question.refresh_from_db()
    assert (question.text, question.author, question.author_name) == (
        "متى ستنشر البوابة؟",
        None,
        "",
    )
    assert not Question.history.filter(author_name="سلمى العلوي").exists()
    assert not Question.history.filter(author_id=citizen.user_id).exists()


@pytest.mark.django_db
def test_deleting_the_account_asks_for_the_password(client, citizen):
    client.force_login(citizen.user)

    response = client.post(reverse("participation:delete_account"), {"password": "wrong"})

    assert response.status_code == 200
    assert Citizen.objects.exists()


@pytest.mark.django_db
def test_a_lead_account_is_not_deleted_from_the_citizen_page(owning_lead, commitment):
    with pytest.raises(steps.Refused):
        steps.delete_account(owning_lead)

    assert get_user_model().objects.filter(pk=owning_lead.pk).exists()


@pytest.mark.django_db
def test_a_citizen_signing_in_lands_on_their_questions(client, citizen):
    response = client.post(
        reverse("login"),
        {"username": "salma@example.org", "password": "correct-horse-battery"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("participation:account")
    assert reverse("participation:account") in response.content.decode()
