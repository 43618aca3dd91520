"""Every change of state of an account, a question, an answer and a follow.

Each step checks where it starts from (`Refused` with the reason otherwise),
records who made the change and why in the question's history, lets the page
cache go when the public pages change, and queues its e-mails once the
transaction commits (`notices.py`, run by the task worker).

Question, with `PARTICIPATION_MODERATION`:

    before: ask ──▶ held ──publish──▶ published ──answer──▶ (answered)
                     └──refuse──▶ refused
    after:  ask ──▶ published ──refuse──▶ refused ──publish──▶ published
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.enums import ReportStatus
from commitments.models import Commitment, ProgressReport
from commitments.roles import is_secretariat
from ogptracker.common.bidi import strip_controls
from ogptracker.pagecache import data_changed

from . import notices
from .enums import Moderation, QuestionStatus
from .models import Answer, Citizen, Follow, Question


class Refused(Exception):
    """The change asked does not start from the record's state; the message says why."""


def _record(instance, user, reason):
    instance._history_user = user
    instance._change_reason = reason
    instance.save()
    return instance


def clean_text(text: str) -> str:
    """What a visitor typed, as kept: trimmed, without bidirectional overrides."""
    return strip_controls(text or "").strip()


# Accounts ----------------------------------------------------------------------------


@transaction.atomic
def sign_up(*, email: str, password: str, name: str, organisation: str, language: str) -> Citizen:
    """A citizen's account: no group, no admin access; its address to verify by a link."""
    email = email.strip().lower()
    user = get_user_model().objects.create_user(username=email, email=email, password=password)
    citizen = Citizen.objects.create(
        user=user, name=clean_text(name), organisation=clean_text(organisation), language=language
    )
    notices.queue(notices.send_verification, user.pk)
    return citizen


sign_up.alters_data = True


def verify_email(citizen: Citizen) -> Citizen:
    if citizen.email_verified_at is None:
        citizen.email_verified_at = timezone.now()
        citizen.save(update_fields=["email_verified_at"])
    return citizen


verify_email.alters_data = True


def may_delete_account(user: User) -> bool:
    """Only a citizen's own account: the secretariat manages the others."""
    return (
        hasattr(user, "citizen")
        and not user.is_staff
        and not user.is_superuser
        and not user.groups.exists()
        and not Commitment.objects.filter(leads=user).exists()
    )


@transaction.atomic
def delete_account(user: User) -> int:
    """Remove a citizen's personal data (Law 09-08): the account, its profile, its
    follows and sign-in records; their questions stay, anonymised, in the history
    too. Return how many questions were kept."""
    if not may_delete_account(user):
        raise Refused(_("This account is managed by the secretariat."))
    questions = Question.objects.filter(author=user)
    kept = questions.count()
    anonymous = {"author": None, "author_name": "", "author_organisation": ""}
    Question.history.filter(author=user).update(**anonymous)
    questions.update(**anonymous)
    Follow.objects.filter(email__iexact=user.email).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.get_username()).delete()
    user.delete()
    data_changed()
    return kept


delete_account.alters_data = True


# Questions ---------------------------------------------------------------------------


def moderation() -> Moderation:
    return Moderation(settings.PARTICIPATION_MODERATION)


@transaction.atomic
def ask(
    citizen: Citizen,
    commitment: Commitment,
    text: str,
    *,
    report: ProgressReport | None = None,
    language: str,
) -> Question:
    """A verified citizen asks about a commitment, or one of its published reports."""
    if not citizen.verified:
        raise Refused(_("Verify your e-mail address before asking a question."))
    if report is not None and (
        report.commitment_id != commitment.pk or report.status != ReportStatus.PUBLISHED
    ):
        raise Refused(_("Questions are asked about published reports of this commitment."))
    text = clean_text(text)
    if not text:
        raise Refused(_("The question is empty."))
    question = Question(
        commitment=commitment,
        report=report,
        author=citizen.user,
        author_name=citizen.name,
        author_organisation=citizen.organisation,
        text=text,
        language=language,
    )
    if moderation() == Moderation.AFTER:
        question.status = QuestionStatus.PUBLISHED
        question.published_at = timezone.now()
    _record(question, citizen.user, "Asked")
    if question.is_published:
        data_changed()
        notices.queue(notices.send_question_to_leads, question.pk)
    return question


ask.alters_data = True


@transaction.atomic
def publish(question: Question, user: User, reason: str = "") -> Question:
    """The secretariat publishes a held question, or one it had refused."""
    _check_moderator(user)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == QuestionStatus.PUBLISHED:
        raise Refused(_("This question is already published."))
    first_time = question.published_at is None
    question.status = QuestionStatus.PUBLISHED
    question.published_at = question.published_at or timezone.now()
    _moderated(question, user, reason, "Published")
    data_changed()
    if first_time:
        notices.queue(notices.send_question_to_leads, question.pk)
    return question


publish.alters_data = True


@transaction.atomic
def refuse(question: Question, user: User, reason: str) -> Question:
    """The secretariat refuses a held question, or takes a published one down, saying why."""
    _check_moderator(user)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == QuestionStatus.REFUSED:
        raise Refused(_("This question is already refused."))
    reason = clean_text(reason)
    if not reason:
        raise Refused(_("Say why the question is refused: the asker reads it."))
    was_public = question.is_published
    question.status = QuestionStatus.REFUSED
    _moderated(question, user, reason, "Refused")
    if was_public:
        data_changed()
    notices.queue(notices.send_refusal, question.pk)
    return question


refuse.alters_data = True


def _check_moderator(user):
    if not is_secretariat(user):
        raise Refused(_("Only the secretariat moderates questions."))


def _moderated(question, user, reason, what):
    question.moderated_by = user
    question.moderated_at = timezone.now()
    question.moderation_reason = clean_text(reason)
    _record(question, user, f"{what}: {question.moderation_reason}" if reason else what)


def may_answer(user: User, question: Question) -> bool:
    return is_secretariat(user) or question.commitment.leads.filter(pk=user.pk).exists()


@transaction.atomic
def answer(question: Question, user: User, text: str) -> Answer:
    """The commitment's lead answers for its institution, or the secretariat for the committee."""
    if not question.is_published:
        raise Refused(_("Only published questions are answered."))
    if not may_answer(user, question):
        raise Refused(_("Only the commitment's leads and the secretariat answer its questions."))
    text = clean_text(text)
    if not text:
        raise Refused(_("The answer is empty."))
    leads = question.commitment.leads.filter(pk=user.pk).exists()
    reply = Answer(
        question=question,
        author=user,
        author_name=user.get_full_name(),
        institution=question.commitment.lead_institution if leads else None,
        text=text,
    )
    _record(reply, user, "Answered")
    data_changed()
    notices.queue(notices.send_answer, reply.pk)
    return reply


answer.alters_data = True


# Follows -----------------------------------------------------------------------------


@transaction.atomic
def follow(email: str, target: dict, language: str) -> Follow | None:
    """Ask to follow `target` (commitment=, plan= or committee=): the address gets a
    confirmation link, unless it follows already. The page says the same either way,
    so that nobody learns who follows what."""
    email = email.strip().lower()
    existing = Follow.objects.filter(email=email, **target).first()
    if existing is not None and existing.confirmed_at is not None:
        return None
    found = existing or Follow.objects.create(email=email, language=language, **target)
    notices.queue(notices.send_confirmation, found.pk)
    return found


follow.alters_data = True


def confirm(found: Follow) -> Follow:
    if found.confirmed_at is None:
        found.confirmed_at = timezone.now()
        found.save(update_fields=["confirmed_at"])
    return found


confirm.alters_data = True


def unsubscribe(found: Follow) -> None:
    found.delete()


unsubscribe.alters_data = True
