"""The reference data (plans, commitments, committee minutes) and the demo accounts.

The fixtures in `fixtures/` carry fixed primary keys, so loading them again
rewrites the same rows instead of adding new ones.
"""

import secrets
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation

from commitments.models import Commitment
from commitments.roles import ensure_secretariat_group
from meetings.copying import membership_from
from meetings.models import Meeting, Membership, Participant
from ogptracker.civilsociety.models import Forum
from ogptracker.participation.models import Citizen

FIXTURE_DIR = settings.BASE_DIR / "fixtures"
SEED_FIXTURES = (
    "institutions",
    "nap1",
    "meeting_2020_06_17",
    "nap2",
    "nap3",
    "meeting_2025_03_18",
)
TRACKED_APPS = ("commitments", "meetings", "ogpcycle")
# The meetings of meeting_2020_06_17.json and meeting_2025_03_18.json.
SEED_MEETINGS = (1, 2)
SECRETARIAT_USERNAME = "secretariat"
# The one account above the roles: it alone manages the secretariat's own permissions.
SUPERUSER_USERNAME = "admin"
# A signed-up citizen (asks questions, follows) and a member of a civil-society forum
# (records the forum's assessments): made-up people, for trying those pages.
CITIZEN_USERNAME = "citizen"
CITIZEN_NAME = "مواطنة تجريبية"
FORUM_MEMBER_USERNAME = "forum.member"
DEMO_FORUM = "منتدى المجتمع المدني (تجريبي)"

# The project leads named in the June 2020 execution committee report, by
# participant id in meeting_2020_06_17.json.
DEMO_LEADS = (
    ("h.mouradi", 1),
    ("h.bouihi", 2),
    ("n.lasfir", 3),
    ("s.bouros", 4),
    ("w.elmoustamid", 5),
    ("i.habbi", 6),
    ("b.mellouk", 7),
    ("h.benamer", 8),
    ("s.elmoudni", 9),
)


def fixture_paths() -> list[str]:
    return [str(FIXTURE_DIR / f"{name}.json") for name in SEED_FIXTURES]


def load_seed_data(verbosity: int = 0) -> None:
    """Write the fixtures' rows, then give each row without history its first entry."""
    # The untranslated column of each translated field (e.g. `title`) is saved
    # from the active language: keep it Arabic, the default language.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        call_command("loaddata", *fixture_paths(), verbosity=verbosity)
        _record_initial_history()
        seed_memberships()


def seed_memberships() -> list[Membership]:
    """The seed committees' standing members: the participants of their seeded minutes.

    The minutes show only that each sat on the committee on that day: the term
    starts then (an earlier start is not known) and stays open (no end is known).
    """
    members = []
    seeded = Meeting.objects.filter(pk__in=SEED_MEETINGS).prefetch_related(
        "participants__commitments"
    )
    for meeting in seeded:
        for participant in meeting.participants.all():
            values = membership_from(participant)
            commitments = values.pop("commitments")
            # Once: a second run neither rewrites them nor adds to their history.
            member, created = Membership.objects.get_or_create(
                committee_id=meeting.committee_id,
                name=participant.name,
                start_date=meeting.date,
                defaults=values,
            )
            if created:
                member.commitments.set(commitments)
            members.append(member)
    return members


def _record_initial_history():
    # Fixtures are saved raw, which skips django-simple-history; without a first
    # entry the first real edit of a seeded row would have nothing to compare to.
    for model in _tracked_models():
        with_history = model.history.values("id")
        missing = list(model.objects.exclude(pk__in=with_history))
        if missing:
            model.history.bulk_history_create(missing)


def _tracked_models():
    for app_label in TRACKED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if hasattr(model._meta, "simple_history_manager_attribute"):
                yield model


@dataclass
class AccountReport:
    username: str
    password: str | None  # None when an existing password was kept
    commitments: list
    superuser: bool = False
    role: str = ""


def ensure_demo_accounts(reset_passwords: bool = False) -> list[AccountReport]:
    """Create a superuser, the secretariat account and one account per June 2020
    project lead.

    Existing accounts keep their password unless `reset_passwords`. Returns one
    report per account, in a stable order.
    """
    reports = []
    with transaction.atomic():
        group = ensure_secretariat_group()
        user, password = _ensure_user(
            SUPERUSER_USERNAME, reset_passwords, is_staff=True, is_superuser=True
        )
        reports.append(AccountReport(user.username, password, [], superuser=True))
        user, password = _ensure_user(SECRETARIAT_USERNAME, reset_passwords, is_staff=True)
        user.groups.add(group)
        reports.append(AccountReport(user.username, password, []))

        in_charge = Prefetch("commitments", Commitment.objects.select_related("plan"))
        participants = Participant.objects.prefetch_related(in_charge).in_bulk(
            [pk for _, pk in DEMO_LEADS]
        )
        for username, participant_pk in DEMO_LEADS:
            participant = participants[participant_pk]
            first_name, last_name = participant.name.rsplit(" ", 1)
            user, password = _ensure_user(
                username, reset_passwords, first_name=first_name, last_name=last_name
            )
            commitments = list(participant.commitments.all())
            _link_lead(user, participant, commitments)
            reports.append(AccountReport(user.username, password, commitments))
        reports += _ensure_civil_society_accounts(reset_passwords)
    return reports


def _ensure_civil_society_accounts(reset_passwords):
    citizen, password = _ensure_user(CITIZEN_USERNAME, reset_passwords)
    Citizen.objects.get_or_create(
        user=citizen,
        defaults={
            "name": CITIZEN_NAME,
            "language": settings.LANGUAGE_CODE,
            "email_verified_at": timezone.now(),
        },
    )
    reports = [AccountReport(citizen.username, password, [], role="citizen")]
    member, password = _ensure_user(FORUM_MEMBER_USERNAME, reset_passwords)
    forum, _created = Forum.objects.get_or_create(name=DEMO_FORUM)
    if not forum.members.filter(pk=member.pk).exists():
        forum.members.add(member)
    reports.append(AccountReport(member.username, password, [], role="civil-society forum member"))
    return reports


def _ensure_user(username, reset_password, **fields):
    # Addresses of the reserved example.org domain: with DEBUG the review
    # notices sent to them are printed to the console.
    fields.setdefault("email", f"{username}@example.org")
    user, created = get_user_model().objects.get_or_create(username=username, defaults=fields)
    if not (created or reset_password):
        return user, None
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user, password


def _link_lead(user, participant, commitments):
    # Through the tables directly: reloading the fixtures clears
    # `Participant.user`, and relinking must not add history entries each run.
    Participant.objects.filter(pk=participant.pk).exclude(user=user).update(user=user)
    Membership.objects.filter(
        committee__meetings=participant.meeting_id, name=participant.name
    ).exclude(user=user).update(user=user)
    Commitment.leads.through.objects.bulk_create(
        [
            Commitment.leads.through(commitment_id=commitment.pk, user_id=user.pk)
            for commitment in commitments
        ],
        ignore_conflicts=True,
    )
