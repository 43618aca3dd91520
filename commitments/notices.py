"""E-mails of the review workflow.

The secretariat hears of each report submitted for review; the commitment's
project leads hear of the decision on it (returned with the comment, or
published). One message per recipient, in Arabic (the language of the
committee's minutes) then in French, as the ministries write, each part with
its link to the pages in that language; sent once the transaction commits. A
mail server that fails is logged and never undoes the decision.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .roles import SECRETARIAT_GROUP

logger = logging.getLogger(__name__)

LANGUAGES = ("ar", "fr")
# Between a message's parts in each language.
SEPARATOR = "\n\n" + "—" * 24 + "\n\n"


def report_submitted(request, snapshot):
    secretariat = get_user_model().objects.filter(groups__name=SECRETARIAT_GROUP)
    _send(
        request,
        "submitted",
        snapshot,
        secretariat,
        ("admin:commitments_snapshotawaitingreview_change", [snapshot.pk]),
    )


def report_returned(request, snapshot):
    leads = snapshot.commitment.leads.all()
    _send(
        request,
        "returned",
        snapshot,
        leads,
        ("commitments:commitment_update", [snapshot.commitment_id]),
    )


def report_published(request, snapshot):
    commitment = snapshot.commitment
    _send(
        request,
        "published",
        snapshot,
        commitment.leads.all(),
        ("commitments:commitment_detail", [commitment.plan.number, commitment.number]),
    )


def _send(request, kind, snapshot, users, url):
    addresses = sorted(
        set(users.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    )
    if not addresses:
        return
    name, args = url
    subjects, bodies = [], []
    for language in LANGUAGES:
        with translation.override(language):
            context = {
                "snapshot": snapshot,
                "commitment": snapshot.commitment,
                "author": _name(snapshot.author),
                "link": request.build_absolute_uri(reverse(name, args=args)),
            }
            # A subject is one line.
            subject = render_to_string(f"commitments/notices/{kind}_subject.txt", context)
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string(f"commitments/notices/{kind}.txt", context).strip())
    subject, body = " / ".join(subjects), SEPARATOR.join(bodies)
    messages = [EmailMessage(subject, body + "\n", to=[address]) for address in addresses]
    transaction.on_commit(lambda: _deliver(messages, kind, snapshot.pk))


def _name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _deliver(messages, kind, snapshot_pk):
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("The %s notice of progress report %s was not sent", kind, snapshot_pk)
