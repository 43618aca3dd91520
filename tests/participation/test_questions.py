"""Asking, moderating, answering; the thread on the commitment's page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from ogptracker.participation import steps
from ogptracker.participation.enums import QuestionStatus
from ogptracker.participation.models import Answer, Question
from ogptracker.participation.stats import answers_by_institution
from tests.factories import make_commitment, make_institution, make_question, make_report


def ask_url(commitment):
    return reverse("participation:ask", args=[commitment.plan.number, commitment.number])


def page_url(commitment):
    with translation.override("ar"):
        return reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )


def ask(client, commitment, text="متى ستنشر البوابة؟", **extra):
    return client.post(ask_url(commitment), {"text": text, "report": "", "website": "", **extra})


@pytest.mark.django_db
def test_a_question_is_held_until_the_secretariat_publishes_it(client, citizen, commitment):
    client.force_login(citizen.user)

    response = ask(client, commitment)

    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.status, question.author_name) == (QuestionStatus.HELD, "سلمى العلوي")
    assert "سؤالكم في انتظار" in client.get(response["Location"]).content.decode()
    assert "متى ستنشر البوابة؟" not in client.get(page_url(commitment)).content.decode()


@pytest.mark.django_db
def test_with_moderation_after_publication_a_question_is_published_at_once_and_the_lead_told(
    client,
    citizen,
    commitment,
    owning_lead,
    moderated_after,
    run_queued,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    owning_lead.email = "lead@example.org"
    owning_lead.save()
    client.force_login(citizen.user)

    with django_capture_on_commit_callbacks(execute=True):
        ask(client, commitment)
    run_queued()

    assert Question.objects.get().status == QuestionStatus.PUBLISHED
    (message,) = mailoutbox
    assert message.to == ["lead@example.org"]
    assert "متى ستنشر البوابة؟" in message.body
    assert "salma@example.org" not in message.body


@pytest.mark.django_db
def test_an_unverified_citizen_cannot_ask(client, commitment):
    from tests.factories import make_citizen

    unverified = make_citizen(verified=False)
    client.force_login(unverified.user)

    response = ask(client, commitment)

    assert response.status_code == 200
    assert not Question.objects.exists()
    with pytest.raises(steps.Refused):
        steps.ask(unverified, commitment, "سؤال", language="ar")


@pytest.mark.django_db
def test_a_lead_or_the_secretariat_does_not_ask_as_a_citizen(client, owning_lead, commitment):
    client.force_login(owning_lead)

    assert ask(client, commitment).status_code == 403
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_a_question_about_a_report_of_another_commitment_is_refused(client, citizen, commitment):
    other = make_report(make_commitment())
    client.force_login(citizen.user)

    response = ask(client, commitment, report=other.pk)

    assert response.status_code == 200
    assert not Question.objects.exists()
    with pytest.raises(steps.Refused):
        steps.ask(citizen, commitment, "سؤال", report=other, language="ar")


@pytest.mark.django_db
def test_the_honeypot_refuses_a_question_in_the_visitor_language(client, citizen, commitment):
    client.force_login(citizen.user)

    response = client.post(
        ask_url(commitment).replace("/ar/", "/fr/"),
        {"text": "Acheter maintenant", "report": "", "website": "http://spam.example"},
    )

    assert response.status_code == 400
    assert "il n&#x27;a pas été envoyé" in response.content.decode()
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_questions_are_limited_per_account_and_the_refusal_says_why(
    client, citizen, commitment, settings
):
    settings.PARTICIPATION_QUESTION_RATE = "2/h"
    client.force_login(citizen.user)
    for number in range(2):
        assert ask(client, commitment, text=f"سؤال {number}").status_code == 302

    response = client.post(
        ask_url(commitment).replace("/ar/", "/en/"), {"text": "third", "report": ""}
    )

    assert response.status_code == 429
    assert "wait an hour before asking another" in response.content.decode()
    assert Question.objects.count() == 2


@pytest.mark.django_db
def test_the_secretariat_publishes_from_the_admin_and_the_history_says_who_and_why(
    client, citizen, commitment, secretariat
):
    question = make_question(commitment, citizen, status=QuestionStatus.HELD)
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:participation_question_change", args=[question.pk]),
        {"decision": "publish", "reason": "سؤال واضح", **_no_answers()},
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.moderated_by) == (QuestionStatus.PUBLISHED, secretariat)
    latest = question.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        secretariat,
        "Published: سؤال واضح",
    )


def _no_answers():
    return {
        "answers-TOTAL_FORMS": "0",
        "answers-INITIAL_FORMS": "0",
        "answers-MIN_NUM_FORMS": "0",
        "answers-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.django_db
def test_refusing_needs_a_reason_which_the_asker_reads_in_their_language(
    client, citizen, commitment, secretariat, run_queued, mailoutbox
):
    question = make_question(commitment, citizen, status=QuestionStatus.HELD)
    client.force_login(secretariat)
    url = reverse("admin:participation_question_change", args=[question.pk])

    without = client.post(url, {"decision": "refuse", "reason": " ", **_no_answers()})
    assert without.status_code == 200
    question.refresh_from_db()
    assert question.status == QuestionStatus.HELD

    steps.refuse(question, secretariat, "إشهار لا علاقة له بالالتزام")
    run_queued()
    client.force_login(citizen.user)
    page = client.get(reverse("participation:account")).content.decode()

    question.refresh_from_db()
    assert question.status == QuestionStatus.REFUSED
    assert "إشهار لا علاقة له بالالتزام" in page
    assert "لم تنشره الكتابة الدائمة" in page
    history = question.history.latest()
    assert (history.history_user, history.moderation_reason) == (
        secretariat,
        "إشهار لا علاقة له بالالتزام",
    )


@pytest.mark.django_db
def test_the_lead_answers_from_my_commitments_for_their_institution_and_the_asker_is_told(
    client,
    citizen,
    commitment,
    owning_lead,
    run_queued,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    owning_lead.first_name, owning_lead.last_name = "حاتم", "مورادي"
    owning_lead.save()
    question = make_question(commitment, citizen)
    client.force_login(owning_lead)
    listing = client.get("/en/my/commitments/").content.decode()
    assert "1 question from the public to answer" in listing
    assert "/en/my/commitments/questions/" in listing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("leads:answer", args=[question.pk]), {"text": "ستنشر في دجنبر."}
        )
    run_queued()

    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.institution, answer.author, answer.author_name) == (
        commitment.lead_institution,
        owning_lead,
        "حاتم مورادي",
    )
    (message,) = mailoutbox
    assert message.to == ["salma@example.org"]
    assert "ستنشر في دجنبر." in message.body
    public = client.get(page_url(commitment)).content.decode()
    assert f"جواب باسم {commitment.lead_institution.name}" in public
    assert "ستنشر في دجنبر." in public


@pytest.mark.django_db
def test_another_lead_cannot_answer(client, citizen, commitment, other_lead):
    question = make_question(commitment, citizen)
    client.force_login(other_lead)

    response = client.post(reverse("leads:answer", args=[question.pk]), {"text": "جواب"})

    assert response.status_code == 404
    assert not Answer.objects.exists()
    with pytest.raises(steps.Refused):
        steps.answer(question, other_lead, "جواب")


@pytest.mark.django_db
def test_the_secretariat_answers_for_the_committee(citizen, commitment, secretariat):
    question = make_question(commitment, citizen)

    answer = steps.answer(question, secretariat, "جواب الكتابة")

    assert answer.institution is None


@pytest.mark.django_db
def test_a_held_question_is_not_answered(citizen, commitment, owning_lead):
    question = make_question(commitment, citizen, status=QuestionStatus.HELD)

    with pytest.raises(steps.Refused):
        steps.answer(question, owning_lead, "جواب")


@pytest.mark.django_db
def test_the_thread_shows_dates_and_who_answered_for_which_institution_never_an_address(
    client, citizen, commitment, secretariat
):
    question = make_question(
        commitment, citizen, published_at=timezone.make_aware(datetime.datetime(2025, 3, 4, 10))
    )
    steps.answer(question, secretariat, "جواب الكتابة")

    page = client.get(page_url(commitment)).content.decode()

    assert "سلمى العلوي" in page
    assert "4 مارس 2025" in page
    assert "جواب باسم الكتابة الدائمة" in page
    assert "salma@example.org" not in page


@pytest.mark.django_db
def test_answer_times_per_institution_take_the_median_of_first_answers(citizen, secretariat):
    ministry = make_institution("وزارة العدل")
    commitment = make_commitment(lead_institution=ministry)
    start = timezone.now() - datetime.timedelta(days=30)
    for days in (2, 4, 10):
        question = make_question(commitment, citizen, published_at=start)
        answer = Answer.objects.create(question=question, institution=ministry, text="جواب")
        Answer.objects.filter(pk=answer.pk).update(created_at=start + datetime.timedelta(days=days))
        # A second answer does not move the first one's delay.
        Answer.objects.create(question=question, institution=None, text="إضافة")
    make_question(commitment, citizen, published_at=start)
    make_question(commitment, citizen, status=QuestionStatus.HELD)

    (row,) = answers_by_institution(commitment.plan)

    assert (row.institution, row.asked, row.answered, row.median_days) == (ministry, 4, 3, 4.0)


@pytest.mark.django_db
def test_the_plan_dashboard_shows_answer_times(client, citizen, commitment, owning_lead):
    question = make_question(commitment, citizen)
    steps.answer(question, owning_lead, "جواب")

    page = client.get(
        reverse("commitments:plan_dashboard", args=[commitment.plan.number]).replace("/ar/", "/en/")
    ).content.decode()

    assert "Median days to answer" in page
    assert commitment.lead_institution.name in page


@pytest.mark.django_db
def test_a_citizen_account_reaches_no_admin_page(client, citizen):
    client.force_login(citizen.user)

    response = client.get(reverse("admin:participation_question_changelist"))

    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=citizen.user.pk).is_staff


@pytest.mark.django_db
def test_only_the_secretariat_moderates(citizen, commitment, owning_lead):
    question = make_question(commitment, citizen, status=QuestionStatus.HELD)

    with pytest.raises(steps.Refused):
        steps.publish(question, owning_lead)
    with pytest.raises(steps.Refused):
        steps.refuse(question, owning_lead, "لا")

    question.refresh_from_db()
    assert question.status == QuestionStatus.HELD
