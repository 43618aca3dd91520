"""E-mails of the review workflow.

The secretariat hears of each report submitted for review; the commitment's
project leads (or, for theirs, its civil-society co-leads) hear of the decision
on it (returned with the comment, or published). One message per recipient,
in Arabic (the language of the committee's minutes), in Amazigh (the other
official language), then in French, as the ministries write, each part with its
link to the pages in that language; sent once the transaction commits. A mail
server that fails is logged and never undoes the decision.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .enums import ReportVoice
from .models import ProgressReport
from .roles import SECRETARIAT_GROUP

logger = logging.getLogger(__name__)

LANGUAGES = ("ar", "zgh", "fr")
# Between a message's parts in each language.
SEPARATOR = "\n\n" + "—" * 24 + "\n\n"


def report_submitted(request: HttpRequest, report: ProgressReport) -> None:
    secretariat = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP)
    _send(
        request,
        "submitted",
        report,
        secretariat,
        ("admin:commitments_reportawaitingreview_change", [report.pk]),
    )


def _reporters(report):
    """Who wrote in the report's voice: the project leads, or the civil-society co-leads."""
    if report.voice == ReportVoice.CIVIL_SOCIETY:
        return report.commitment.co_leads.all()
    return report.commitment.leads.all()


def report_returned(request: HttpRequest, report: ProgressReport) -> None:
    _send(
        request,
        "returned",
        report,
        _reporters(report),
        ("leads:commitment_update", [report.commitment_id]),
    )


def report_published(request: HttpRequest, report: ProgressReport) -> None:
    commitment = report.commitment
    _send(
        request,
        "published",
        report,
        _reporters(report),
        ("commitments:commitment_detail", [commitment.plan.number, commitment.number]),
    )


def _send(request, kind, report, users, url):
    addresses = sorted(
        set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )
    if not addresses:
        return
    name, args = url

    def context():
        return {
            "report": report,
            "commitment": report.commitment,
            "author": name_of(report.author),
            "link": request.build_absolute_uri(reverse(name, args=args)),
        }

    subject, body = bilingual(kind, context)
    messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
    transaction.on_commit(lambda: _deliver(messages, kind, report.pk))


def bilingual(kind: str, context: Callable[[], dict[str, Any]]) -> tuple[str, str]:
    """The subject and body of the `kind` message in each of LANGUAGES, one after
    the other; `context()` is called in each language, for its links."""
    subjects, bodies = [], []
    for language in LANGUAGES:
        with translation.override(language):
            values = context()
            # A subject is one line.
            subject = render_to_string(f"commitments/notices/{kind}_subject.txt", values)
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string(f"commitments/notices/{kind}.txt", values).strip())
    return " / ".join(subjects), SEPARATOR.join(bodies) + "\n"


def name_of(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _deliver(messages, kind, report_pk):
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("The %s notice of progress report %s was not sent", kind, report_pk)
