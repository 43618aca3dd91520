"""A citizen signs up and asks about a commitment; the secretariat publishes the
question; the lead answers from «My commitments»; the public reads the thread."""

import re

import pytest
from django.core import mail

from ogptracker.participation.models import Answer, Question
from tests.factories import make_commitment, make_institution, make_plan, make_user
from tests.text import readable

PASSWORD = "correct-horse-battery"
QUESTION = "متى ستُفتح بوابة الحق في الحصول على المعلومات للجمعيات المحلية؟"
ANSWER = "تُفتح البوابة للجمعيات في دجنبر 2025، بعد تكوين المكلفين بالمعلومات."


def sign_in(page, username, path="/ar/accounts/login/"):
    page.goto(path)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()


def link_in(message, live_server):
    return re.search(r"http://localhost:8000(/\S+)", message.body).group(1)


@pytest.mark.django_db(transaction=True)
def test_a_citizen_question_is_moderated_answered_by_the_lead_and_read_in_public(
    journey, live_server, settings
):
    # E-mails go out as the worker would send them, from the server's thread.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PARTICIPATION_MODERATION = "before"
    ministry = make_institution("وزارة الانتقال الرقمي وإصلاح الإدارة")
    commitment = make_commitment(
        make_plan(2), 1, title="الحق في الحصول على المعلومات", lead_institution=ministry
    )
    lead = make_user("h.bouihi", first_name="هدى", last_name="بويهي", email="h@example.org")
    commitment.leads.add(lead)
    make_user("amina", secretariat=True)
    mail.outbox.clear()

    citizen = journey(name="participation-citizen")
    page = citizen.page
    page.goto("/ar/plans/2/commitments/1/")
    page.get_by_role("link", name="طرح سؤال").click()
    # Signed out: the sign-in page, which leads to the sign-up.
    page.goto("/ar/accounts/sign-up/")
    page.fill("#id_email", "salma@example.org")
    page.fill("#id_name", "سلمى العلوي")
    page.fill("#id_organisation", "جمعية الشفافية")
    page.fill("#id_password1", "a long enough passphrase 7")
    page.fill("#id_password2", "a long enough passphrase 7")
    citizen.snap("sign-up")
    page.get_by_role("button", name="إنشاء الحساب").click()
    page.wait_for_selector(".messages")
    citizen.snap("signed-up")
    (verification,) = mail.outbox
    page.goto(link_in(verification, live_server))
    page.wait_for_selector(".messages")
    citizen.snap("verified")

    page.goto("/ar/plans/2/commitments/1/")
    page.get_by_role("link", name="طرح سؤال").click()
    page.fill("#id_text", QUESTION)
    citizen.snap("ask")
    page.get_by_role("button", name="إرسال السؤال").click()
    page.wait_for_selector(".status-held")
    citizen.snap("held")
    held_message = readable(page.locator(".messages").inner_text())

    assert "سؤالكم في انتظار" in held_message
    question = Question.objects.get()
    assert question.author_name == "سلمى العلوي"

    office = journey(name="participation-secretariat")
    sign_in(office.page, "amina", "/ar/admin/")
    office.page.goto(f"/ar/admin/participation/question/{question.pk}/change/")
    office.page.select_option("#id_decision", "publish")
    office.snap("moderate")
    office.page.locator("input[name=_save]").click()
    office.page.wait_for_selector(".messagelist .success")

    asked = [message for message in mail.outbox if message.to == ["h@example.org"]]
    assert len(asked) == 1 and QUESTION in asked[0].body

    answering = journey(name="participation-lead")
    sign_in(answering.page, "h.bouihi")
    answering.snap("my-commitments")
    answering.page.locator(".lead-commitment .flag", has_text="سؤال").click()
    answering.page.fill(f"#question-{question.pk} textarea", ANSWER)
    answering.snap("answer")
    answering.page.get_by_role("button", name="نشر الجواب").click()
    answering.page.wait_for_selector(".messages")
    answering.snap("answered")

    answer = Answer.objects.get()
    assert (answer.institution, answer.author) == (ministry, lead)
    told = [message for message in mail.outbox if message.to == ["salma@example.org"]]
    assert len(told) == 2 and ANSWER in told[-1].body

    public = journey(name="participation-public")
    public.page.goto("/ar/plans/2/commitments/1/")
    thread = public.page.locator("#questions")
    thread.scroll_into_view_if_needed()
    public.snap("thread")
    text = readable(thread.inner_text())

    assert QUESTION in text and ANSWER in text
    assert "سلمى العلوي (جمعية الشفافية)" in text
    assert "جواب باسم وزارة الانتقال الرقمي وإصلاح الإدارة (هدى بويهي)" in text
    assert "salma@example.org" not in public.page.content()
    assert citizen.console_errors == [] and public.console_errors == []
