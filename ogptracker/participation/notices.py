"""The e-mails of questions and follows, sent by the task worker.

Every step queues its e-mail once its transaction commits (`queue`), so that
publishing, asking or answering never waits on the mail server; each task
loads what it needs again and sends nothing if it is gone. Plain text only:
what a visitor typed is quoted as typed, never as markup. A citizen and a
follower read their messages in the language they chose; a lead reads it in
Arabic then French, as the review's e-mails (commitments/notices.py).

Links are absolute, on SITE_URL: a task has no request to take a host from.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from commitments.notices import LANGUAGES, SEPARATOR

from . import tokens
from .enums import NoticeKind
from .models import Answer, Follow, Notice, Question

logger = logging.getLogger(__name__)


def queue(job, *args) -> None:
    transaction.on_commit(lambda: job.enqueue(*args))


def absolute(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _render(kind: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"participation/notices/{kind}_subject.txt", context)
    body = render_to_string(f"participation/notices/{kind}.txt", context).strip() + "\n"
    # A subject is one line.
    return " ".join(subject.split()), body


def _in(language: str, kind: str, context: Callable[[], dict]) -> tuple[str, str]:
    with translation.override(language):
        return _render(kind, context())


def _bilingual(kind: str, context: Callable[[], dict]) -> tuple[str, str]:
    parts = [_in(language, kind, context) for language in LANGUAGES]
    return (
        " / ".join(subject for subject, _ in parts),
        SEPARATOR.join(body.strip() for _, body in parts) + "\n",
    )


def _send(messages: list[EmailMessage], what: str) -> int:
    if not messages:
        return 0
    # Raised to the task worker, which records the failure; the change it tells of holds.
    messages[0].get_connection().send_messages(messages)
    logger.info("Sent %d %s e-mail(s)", len(messages), what)
    return len(messages)


def _commitment_link(commitment) -> str:
    return absolute("commitments:commitment_detail", commitment.plan.number, commitment.number)


@task()
def send_verification(user_pk: int) -> int:
    user = get_user_model().objects.select_related("citizen").filter(pk=user_pk).first()
    if user is None or not hasattr(user, "citizen") or user.citizen.verified:
        return 0
    citizen = user.citizen

    def context():
        token = tokens.verification(user.pk, user.email)
        return {"citizen": citizen, "link": absolute("participation:verify", token)}

    subject, body = _in(citizen.language, "verify", context)
    return _send([EmailMessage(subject, body, to=[user.email])], "verification")


@task()
def send_question_to_leads(question_pk: int) -> int:
    """The commitment's leads hear of a published question, to answer from «My commitments»."""
    question = (
        Question.objects.public()
        .select_related("commitment__plan", "report")
        .filter(pk=question_pk)
        .first()
    )
    if question is None:
        return 0
    addresses = sorted(
        set(
            question.commitment.leads.filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )

    def context():
        return {
            "question": question,
            "commitment": question.commitment,
            "link": absolute("leads:questions"),
        }

    subject, body = _bilingual("asked", context)
    return _send([EmailMessage(subject, body, to=[to]) for to in addresses], "question")


@task()
def send_answer(answer_pk: int) -> int:
    """The asker hears of the answer, if they still have an account."""
    reply = (
        Answer.objects.select_related(
            "institution", "question__author__citizen", "question__commitment__plan"
        )
        .filter(pk=answer_pk)
        .first()
    )
    if reply is None or reply.question.author is None or not reply.question.author.email:
        return 0
    asker = reply.question.author
    language = getattr(getattr(asker, "citizen", None), "language", settings.LANGUAGE_CODE)
    commitment = reply.question.commitment

    def context():
        return {
            "answer": reply,
            "question": reply.question,
            "commitment": commitment,
            "link": _commitment_link(commitment) + f"#question-{reply.question.pk}",
        }

    subject, body = _in(language, "answered", context)
    return _send([EmailMessage(subject, body, to=[asker.email])], "answer")


@task()
def send_refusal(question_pk: int) -> int:
    """The asker hears why their question was refused, in their language."""
    question = (
        Question.objects.select_related("author__citizen", "commitment__plan")
        .filter(pk=question_pk)
        .first()
    )
    if question is None or question.author is None or not question.author.email:
        return 0
    language = getattr(getattr(question.author, "citizen", None), "language", "ar")

    def context():
        return {
            "question": question,
            "commitment": question.commitment,
            "link": absolute("participation:account"),
        }

    subject, body = _in(language, "refused", context)
    return _send([EmailMessage(subject, body, to=[question.author.email])], "refusal")


@task()
def send_confirmation(follow_pk: int) -> int:
    found = (
        Follow.objects.select_related("commitment__plan", "plan", "committee__plan")
        .filter(pk=follow_pk, confirmed_at__isnull=True)
        .first()
    )
    if found is None:
        return 0

    def context():
        return {
            "follow": found,
            "link": absolute("participation:follow_confirm", tokens.confirmation(found.pk)),
        }

    subject, body = _in(found.language, "confirm", context)
    return _send([EmailMessage(subject, body, to=[found.email])], "confirmation")


def follower_message(found, notice, kind_context) -> EmailMessage:
    """One notice to one follower, with its one-click unsubscribe (RFC 8058)."""
    unsubscribe = absolute("participation:unsubscribe", tokens.unsubscription(found.pk))

    def context():
        return kind_context() | {"follow": found, "unsubscribe": unsubscribe}

    subject, body = _in(found.language, "notice", context)
    return EmailMessage(
        subject,
        body,
        to=[found.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@task()
def send_notice(notice_pk: int) -> int:
    """Each address that follows what `notice` concerns gets it once, whatever it follows."""
    notice = Notice.objects.for_feed().filter(pk=notice_pk).first()
    if notice is None:
        return 0
    follows = (
        Follow.objects.of_notice(notice)
        .select_related("commitment__plan", "plan", "committee__plan")
        # The narrowest follow first: its unsubscribe link is the one the message carries.
        .order_by(
            "email",
            F("plan_id").asc(nulls_first=True),
            F("committee_id").asc(nulls_first=True),
            "pk",
        )
    )
    seen, messages = set(), []
    for found in follows:
        if found.email in seen:
            continue
        seen.add(found.email)
        messages.append(follower_message(found, notice, lambda: notice_context(notice)))
    return _send(messages, "follower notice")


def notice_context(notice) -> dict:
    return {"notice": notice, "link": settings.SITE_URL.rstrip("/") + notice_path(notice)}


def notice_path(notice) -> str:
    """Where a notice's subject is read: the report's commitment, the minutes, the meetings."""
    if notice.kind == NoticeKind.REPORT_PUBLISHED:
        commitment = notice.report.commitment
        return reverse(
            "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
        )
    if notice.kind == NoticeKind.MINUTES_PUBLISHED:
        return reverse("meetings:minutes", args=[notice.meeting_id])
    return reverse("meetings:meeting_list")
