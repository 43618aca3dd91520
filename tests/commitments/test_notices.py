"""The review workflow's e-mails: the secretariat hears of submissions, the leads of decisions."""

import logging
import socket

import pytest
from django.urls import reverse
from django.utils.translation import override

from commitments import notices
from commitments.enums import ReportStatus
from tests.commitments.lead_forms import load_report_form, post_report
from tests.factories import make_report, make_user


def isolated(commitment):
    """«3. title» in a message of another language: the Arabic title between
    RIGHT-TO-LEFT ISOLATE and POP DIRECTIONAL ISOLATE."""
    return f"{commitment.number}. \u2067{commitment.title}\u2069"


@pytest.fixture
def addressed(owning_lead, secretariat):
    owning_lead.email = "lead@example.org"
    owning_lead.save()
    secretariat.email = "secretariat@example.org"
    secretariat.save()
    make_user("clerk", secretariat=True, email="clerk@example.org")
    make_user("no_address", secretariat=True)
    make_user("gone", secretariat=True, email="gone@example.org", is_active=False)


def in_french(path_name, args):
    with override("fr"):
        return reverse(path_name, args=args)


def submit(client, lead, commitment, captured):
    client.force_login(lead)
    data = {**load_report_form(client, commitment), "narrative": "إطلاق البوابة", "percent": "40"}
    with captured(execute=True):
        response = post_report(client, commitment, data, action="submit")
    assert response.status_code == 302
    return commitment.reports.get(status=ReportStatus.SUBMITTED)


def review(client, secretariat, action, report, captured, **extra):
    client.force_login(secretariat)
    with captured(execute=True):
        return client.post(
            reverse("admin:commitments_reportawaitingreview_changelist"),
            {"action": action, "_selected_action": [report.pk], **extra},
        )


@pytest.mark.django_db
def test_submitted_report_is_announced_to_each_active_member_of_the_secretariat(
    client, owning_lead, commitment, addressed, mailoutbox, django_capture_on_commit_callbacks
):
    report = submit(client, owning_lead, commitment, django_capture_on_commit_callbacks)

    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "clerk@example.org",
        "secretariat@example.org",
    ]
    mail = mailoutbox[0]
    # The title has no Amazigh nor French text: there, its Arabic one is isolated.
    assert mail.subject == (
        f"تقرير في انتظار المراجعة: {commitment} / ⴰⵏⵇⵇⵉⵙ ⵉⵜⵜⵔⴰⵊⵓⵏ ⴰⵙⵎⵇⵇⵍ: {isolated(commitment)}"
        f" / Rapport en attente d'examen : {isolated(commitment)}"
    )
    review_url = reverse("admin:commitments_reportawaitingreview_change", args=[report.pk])
    arabic, amazigh, french = mail.body.split(notices.SEPARATOR)
    assert f"http://testserver{review_url}" in arabic
    with override("zgh"):
        amazigh_url = reverse("admin:commitments_reportawaitingreview_change", args=[report.pk])
    assert f"http://testserver{amazigh_url}" in amazigh
    assert "ⴰⵙⵎⵖⵓⵔ: 40 %" in amazigh
    assert review_url.startswith("/ar/")
    assert "40 %" in arabic
    french_url = in_french("admin:commitments_reportawaitingreview_change", [report.pk])
    assert f"http://testserver{french_url}" in french
    assert "Avancement : 40 %" in french


@pytest.mark.django_db
def test_a_saved_draft_sends_nothing(
    client, owning_lead, commitment, addressed, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(owning_lead)
    with django_capture_on_commit_callbacks(execute=True):
        post_report(client, commitment, load_report_form(client, commitment), action="draft")

    assert mailoutbox == []


@pytest.mark.django_db
def test_returned_report_sends_the_secretariats_comment_to_the_leads(
    client, owning_lead, secretariat, commitment, addressed, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    report = make_report(commitment, status=ReportStatus.SUBMITTED)

    review(
        client, secretariat, "return_for_revision", report, django_capture_on_commit_callbacks,
        apply="1", **{f"comment-{report.pk}": "أرفقوا لائحة الحضور"},
    )  # fmt: skip

    (mail,) = mailoutbox
    assert mail.to == ["lead@example.org"]
    assert mail.subject == (
        f"أعيد التقرير للمراجعة: {commitment}"
        f" / ⴰⵏⵇⵇⵉⵙ ⵉⵜⵜⵡⴰⵔⵔ ⵉ ⵓⵍⵙⴰ ⵏ ⵜⵉⵔⴰ: {isolated(commitment)}"
        f" / Rapport renvoyé pour révision : {isolated(commitment)}"
    )
    arabic, amazigh, french = mail.body.split(notices.SEPARATOR)
    update_url = reverse("leads:commitment_update", args=[commitment.pk])
    assert f"http://testserver{update_url}" in arabic
    french_url = in_french("leads:commitment_update", [commitment.pk])
    assert f"http://testserver{french_url}" in french
    # The comment is given as the secretariat wrote it, in both parts.
    assert "أرفقوا لائحة الحضور" in arabic
    assert "أرفقوا لائحة الحضور" in amazigh
    assert "أرفقوا لائحة الحضور" in french


@pytest.mark.django_db
def test_published_report_sends_the_public_page_to_the_leads(
    client, owning_lead, secretariat, commitment, addressed, mailoutbox,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    report = make_report(commitment, percent=55, status=ReportStatus.SUBMITTED)

    review(client, secretariat, "approve_and_publish", report, django_capture_on_commit_callbacks)

    (mail,) = mailoutbox
    assert (mail.to, mail.subject) == (
        ["lead@example.org"],
        f"نشر التقرير: {commitment} / ⴰⵏⵇⵇⵉⵙ ⵉⵜⵜⵡⴰⵙⵙⵓⴼⵖ: {isolated(commitment)}"
        f" / Rapport publié : {isolated(commitment)}",
    )
    arabic, amazigh, french = mail.body.split(notices.SEPARATOR)
    args = [commitment.plan.number, commitment.number]
    public_url = reverse("commitments:commitment_detail", args=args)
    assert f"http://testserver{public_url}" in arabic
    assert f"http://testserver{in_french('commitments:commitment_detail', args)}" in french
    assert "55 %" in arabic
    assert "55 %" in amazigh
    assert "55 %" in french


@pytest.mark.django_db
def test_a_mail_server_that_fails_is_logged_and_the_report_stays_submitted(
    client, owning_lead, commitment, addressed, settings, caplog,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    with socket.socket() as probe:  # A port nothing listens on.
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"

    with caplog.at_level(logging.ERROR, logger="commitments.notices"):
        report = submit(client, owning_lead, commitment, django_capture_on_commit_callbacks)

    assert report.status == ReportStatus.SUBMITTED
    assert f"The submitted notice of progress report {report.pk} was not sent" in caplog.text
