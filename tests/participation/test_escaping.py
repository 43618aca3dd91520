"""What a visitor types is shown as text everywhere: pages, feeds, e-mails, spreadsheets."""

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from ogptracker.participation import steps
from ogptracker.publishing import opendata
from tests.factories import make_question

SCRIPT = '<script>alert("x")</script>'
JAVASCRIPT = "javascript:alert(document.cookie)"
OVERRIDE = "\u202eفقط"


def page_of(commitment):
    with translation.override("ar"):
        return reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )


@pytest.mark.django_db
def test_a_script_in_a_question_or_its_name_is_shown_as_text(client, citizen, commitment):
    citizen.name = "<b>salma</b>"
    citizen.save()
    make_question(commitment, citizen, text=f"{SCRIPT} {JAVASCRIPT}")

    page = client.get(page_of(commitment)).content.decode()

    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;salma&lt;/b&gt;" in page
    # Plain text: no address in a question becomes a link.
    assert 'href="javascript:' not in page
    assert JAVASCRIPT in page


@pytest.mark.django_db
def test_bidirectional_overrides_are_taken_out_of_questions_and_answers(
    citizen, commitment, owning_lead, secretariat
):
    question = steps.ask(citizen, commitment, f"سؤال {OVERRIDE}", language="ar")
    question = steps.publish(question, secretariat)
    answer = steps.answer(question, owning_lead, f"جواب {OVERRIDE}\u2066")

    question.refresh_from_db()
    assert (question.text, answer.text) == ("سؤال فقط", "جواب فقط")


@pytest.mark.django_db
def test_a_signed_up_name_loses_its_overrides(client):
    client.post(
        reverse("participation:sign_up"),
        {
            "email": "x@example.org",
            "name": f"أمل{OVERRIDE}",
            "organisation": "\u202bجمعية",
            "password1": "a long enough passphrase 7",
            "password2": "a long enough passphrase 7",
        },
    )

    from ogptracker.participation.models import Citizen

    citizen = Citizen.objects.get()
    assert (citizen.name, citizen.organisation) == ("أملفقط", "جمعية")


@pytest.mark.django_db
def test_texts_shown_in_the_page_are_isolated_from_the_page_direction(client, citizen, commitment):
    make_question(commitment, citizen, text="What about 2025?")

    page = client.get(page_of(commitment)).content.decode()

    assert '<p class="question-text" dir="auto">What about 2025?</p>' in page


@pytest.mark.django_db
def test_e_mails_are_plain_text_with_the_question_as_typed(
    citizen, commitment, owning_lead, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    owning_lead.email = "lead@example.org"
    owning_lead.save()
    question = make_question(commitment, citizen, text=SCRIPT)

    with django_capture_on_commit_callbacks(execute=True):
        steps.answer(question, owning_lead, f"{SCRIPT} & co")
    run_queued()

    (message,) = mailoutbox
    assert message.content_subtype == "plain"
    assert not isinstance(message, EmailMultiAlternatives)
    assert f"{SCRIPT} & co" in message.body


@pytest.mark.django_db
def test_spreadsheet_cells_neutralise_formulas_typed_in_questions(citizen, commitment):
    make_question(commitment, citizen, text='=HYPERLINK("http://evil.example","x")')
    rows = opendata.QUESTIONS.rows(commitment.plan)

    content = opendata.to_csv(opendata.QUESTIONS, rows).decode("utf-8-sig")

    assert "'=HYPERLINK" in content
    assert "\n=HYPERLINK" not in content and ",=HYPERLINK" not in content


@pytest.mark.django_db
def test_the_feed_titles_hold_no_visitor_text(client, commitment, citizen):
    make_question(commitment, citizen, text=SCRIPT)

    with translation.override("ar"):
        url = reverse("commitments:follow_feed", args=["commitment", commitment.pk])
    feed = client.get(url).content.decode()

    assert "<script>" not in feed
