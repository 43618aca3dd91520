"""The invitation to a meeting, e-mailed by the secretariat with the meeting's `.ics`.

It goes to the meeting's participants who have an account with an address
(the committee's standing membership, once kept, is where they will come
from), one message each, in Arabic then French like the review's e-mails
(`commitments/notices.py`), sent once the transaction commits.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from commitments.notices import LANGUAGES, SEPARATOR

from . import calendar
from .models import Meeting

logger = logging.getLogger(__name__)


def invitees(meeting: Meeting) -> list[str]:
    """The addresses of the meeting's participants who have an active account."""
    users = (
        get_user_model()
        .objects.filter(participations__meeting=meeting, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def send_invitation(request: HttpRequest, meeting: Meeting) -> int:
    """E-mail the invitation with the meeting's `.ics`; returns how many were sent."""
    addresses = invitees(meeting)
    if not addresses:
        return 0
    subjects, bodies = [], []
    for language in LANGUAGES:
        with translation.override(language):
            context = {
                "meeting": meeting,
                "committee": calendar.committee_name(meeting.committee),
                "start": calendar.event_start(meeting),
                "ics_link": request.build_absolute_uri(
                    reverse("meetings:meeting_ics", args=[meeting.pk])
                ),
            }
            subject = render_to_string("meetings/invitation_subject.txt", context)
            subjects.append(" ".join(subject.split()))
            bodies.append(render_to_string("meetings/invitation.txt", context).strip())
    with translation.override(LANGUAGES[0]):
        ics = calendar.calendar([meeting], request.get_host(), lambda meeting: None)
    messages = []
    for address in addresses:
        message = EmailMessage(" / ".join(subjects), SEPARATOR.join(bodies) + "\n", to=[address])
        message.attach(f"meeting-{meeting.date:%Y-%m-%d}.ics", ics, "text/calendar")
        messages.append(message)
    transaction.on_commit(lambda: _deliver(messages, meeting.pk))
    return len(messages)


send_invitation.alters_data = True


def _deliver(messages, meeting_pk):
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("The invitation to meeting %s was not sent", meeting_pk)
