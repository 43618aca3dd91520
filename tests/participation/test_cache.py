"""The cached commitment page is the same for everyone: no form, no token, no name of
the signed-in; it moves on when a question or an answer is published."""

import pytest
from django.urls import reverse
from django.utils import translation

from ogptracker.participation import steps
from tests.factories import make_question


def page_of(commitment):
    with translation.override("ar"):
        return reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_the_cached_page_holds_no_form_and_a_signed_in_citizen_never_fills_it(
    client, citizen, commitment
):
    from django.test import Client

    client.force_login(citizen.user)
    signed_in = client.get(page_of(commitment))
    anonymous = Client().get(page_of(commitment))

    assert "no-store" in signed_in["Cache-Control"]
    body = anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert "<textarea" not in body
    assert "سلمى العلوي" not in body
    assert reverse("participation:ask", args=[commitment.plan.number, commitment.number]) in body


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_a_question_published_and_answered_shows_on_the_cached_page(
    citizen, commitment, owning_lead, secretariat
):
    from django.test import Client

    reader = Client()
    question = steps.ask(citizen, commitment, "سؤال عن البوابة", language="ar")
    assert "سؤال عن البوابة" not in reader.get(page_of(commitment)).content.decode()

    question = steps.publish(question, secretariat)
    assert "سؤال عن البوابة" in reader.get(page_of(commitment)).content.decode()

    steps.answer(question, owning_lead, "جواب الوزارة")
    assert "جواب الوزارة" in reader.get(page_of(commitment)).content.decode()


@pytest.mark.django_db
def test_the_ask_page_is_never_cached(client, citizen, commitment, page_cache):
    client.force_login(citizen.user)

    response = client.get(
        reverse("participation:ask", args=[commitment.plan.number, commitment.number])
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 10])
def test_the_lead_questions_page_query_count_does_not_grow(
    client, citizen, commitment, owning_lead, django_assert_num_queries, count
):
    for number in range(count):
        question = make_question(commitment, citizen, text=f"سؤال {number}")
        question.answers.create(institution=commitment.lead_institution, text="جواب")
    client.force_login(owning_lead)

    # session, user, groups (secretariat?), the questions, their answers
    with django_assert_num_queries(5):
        response = client.get(reverse("leads:questions"))

    assert len(response.context["questions"]) == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 10])
def test_the_citizen_page_query_count_does_not_grow(
    client, citizen, commitment, django_assert_num_queries, count
):
    for number in range(count):
        make_question(commitment, citizen, text=f"سؤال {number}")
    client.force_login(citizen.user)

    # session, user, the citizen, the questions, their answers
    with django_assert_num_queries(5):
        client.get(reverse("participation:account"))
