"""Civil society's voice, on one commitment of the first plan: a citizen signs up and
asks; the secretariat publishes the question; the lead answers from «My commitments»;
the public reads the thread; then a forum member records an assessment 25 points
from the official figure, and the commitment page and the dashboard flag the gap
beside both figures, on a phone too."""

import re

import pytest
from django.core import mail

from commitments.models import Commitment
from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.civilsociety.periods import period_of
from ogptracker.participation.models import Answer, Question
from tests.factories import make_user
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


def link_in(message):
    return re.search(r"http://localhost:8000(/\S+)", message.body).group(1)


def commitment_path(commitment):
    return f"/ar/plans/{commitment.plan.number}/commitments/{commitment.number}/"


@pytest.mark.django_db(transaction=True)
def test_a_citizen_asks_the_lead_answers_and_a_forum_s_diverging_assessment_is_flagged(
    journey, seed_data, live_server, settings, tmp_path
):
    # E-mails go out as the worker would send them, from the server's thread.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PARTICIPATION_MODERATION = "before"
    settings.MEDIA_ROOT = tmp_path
    commitment = Commitment.objects.with_latest_progress().get(plan__number=1, number=3)
    lead = make_user("h.bouihi", first_name="هدى", last_name="بويهي", email="h@example.org")
    commitment.leads.add(lead)
    make_user("amina", secretariat=True)
    mail.outbox.clear()

    ask_answer_and_read(journey, commitment, lead)
    assess_and_see_the_gap_flagged(journey, commitment)


def ask_answer_and_read(journey, commitment, lead):
    citizen = journey(name="participation-citizen")
    page = citizen.page
    page.goto(commitment_path(commitment))
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
    page.goto(link_in(verification))
    page.wait_for_selector(".messages")
    citizen.snap("verified")

    page.goto(commitment_path(commitment))
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
    sign_in(answering.page, lead.username)
    answering.snap("my-commitments")
    answering.page.locator(".lead-commitment .flag", has_text="سؤال").click()
    answering.page.fill(f"#question-{question.pk} textarea", ANSWER)
    answering.snap("answer")
    answering.page.get_by_role("button", name="نشر الجواب").click()
    answering.page.wait_for_selector(".messages")
    answering.snap("answered")

    answer = Answer.objects.get()
    assert (answer.institution, answer.author) == (commitment.lead_institution, lead)
    told = [message for message in mail.outbox if message.to == ["salma@example.org"]]
    assert len(told) == 2 and ANSWER in told[-1].body

    public = journey(name="participation-public")
    public.page.goto(commitment_path(commitment))
    thread = public.page.locator("#questions")
    thread.scroll_into_view_if_needed()
    public.snap("thread")
    text = readable(thread.inner_text())

    assert QUESTION in text and ANSWER in text
    assert "سلمى العلوي (جمعية الشفافية)" in text
    assert f"جواب باسم {commitment.lead_institution.name} (هدى بويهي)" in text
    assert "salma@example.org" not in public.page.content()
    assert citizen.console_errors == [] and public.console_errors == []


def assess_and_see_the_gap_flagged(journey, commitment):
    official = commitment.latest_percent
    period = period_of(commitment.latest_date)
    assessed = official - 25 if official >= 25 else official + 25
    forum = Forum.objects.create(name="المنتدى الوطني للمجتمع المدني")
    forum.members.add(make_user("amal", first_name="أمال", last_name="بناني"))
    trip = journey(name="civil-society")
    page = trip.page

    sign_in(page, "amal")
    trip.snap("signed-in")
    page.get_by_role("link", name="تقييمات المجتمع المدني").first.click()
    page.wait_for_selector(".lead-commitment-title")
    trip.snap("forum-assessments")
    page.locator(".lead-commitment-title", has_text=commitment.title).first.click()
    page.wait_for_selector("#id_percent")
    direction = page.locator("html").get_attribute("dir")
    # First a figure past 100: the form says which field is wrong.
    page.select_option("#id_period_end", period.end.isoformat())
    page.fill("#id_percent", "125")
    page.select_option("#id_completion", "limited")
    page.fill("#id_narrative", "زرنا ثلاث جماعات: البوابة لم تُفتح بعد للمرتفقين.")
    page.get_by_role("button", name="حفظ التقييم ونشره").click()
    page.wait_for_selector(".message.error")
    trip.snap("form-with-error")
    error_links = page.locator(".message.error a").all_inner_texts()
    page.fill("#id_percent", str(assessed))
    page.get_by_role("button", name="حفظ التقييم ونشره").click()
    page.wait_for_selector(".message.success")
    trip.snap("assessment-saved")

    saved = Assessment.objects.get()
    assert direction == "rtl"
    assert error_links == ["نسبة التقدم في نظر المجتمع المدني (%)"]
    assert (saved.percent, saved.period_end, saved.forum) == (assessed, period.end, forum)

    visitor = journey(name="civil-society-public")
    public = visitor.page
    public.goto(commitment_path(commitment))
    visitor.snap("commitment-page")
    official_card = public.locator("section.summary-card").first
    civil_card = public.locator("section.civil-society-card")
    assert "25 نقطة" in official_card.locator(".gap-flag").inner_text()
    assert "25 نقطة" in civil_card.locator(".gap-flag").inner_text()
    assert f"{assessed}" in civil_card.locator(".big-figure").inner_text()
    # The thread the citizen started is still there, beside the two figures.
    assert QUESTION in readable(public.locator("#questions").inner_text())

    public.goto(f"/ar/plans/{commitment.plan.number}/")
    row = public.locator(".bar-row", has_text=commitment.title).first
    row.scroll_into_view_if_needed()
    visitor.snap("dashboard")
    assert row.locator("rect.meter-mark").count() == 1
    assert "25 نقطة" in row.locator(".gap-flag").inner_text()
    label = row.locator("svg.meter").get_attribute("aria-label")
    assert label.startswith("الرقم الرسمي") and f"{assessed}" in label

    phone = journey(viewport={"width": 360, "height": 740}, name="civil-society-phone")
    phone.page.goto(f"/ar/plans/{commitment.plan.number}/")
    phone_row = phone.page.locator(".bar-row", has_text=commitment.title).first
    phone_row.scroll_into_view_if_needed()
    phone.snap("dashboard-phone", full_page=False)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert trip.console_errors == visitor.console_errors == phone.console_errors == []
