"""`load_demo`: reference data plus demo accounts, and nothing changes on a second run."""

import re
from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from commitments.roles import is_secretariat
from meetings.models import Participant
from ogptracker.civilsociety.models import Forum
from ogptracker.participation.models import Citizen

PASSWORD_LINE = re.compile(r"^\s+(\S+)\s+password (\S+)", re.MULTILINE)


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return dict(PASSWORD_LINE.findall(out.getvalue()))


def row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def test_load_demo_second_run_changes_no_row_count(db):
    load_demo()
    first = row_counts()

    load_demo()

    assert row_counts() == first
    assert first["commitments.HistoricalCommitment"] == first["commitments.Commitment"]


def test_load_demo_prints_a_working_password_for_each_account(db):
    passwords = load_demo()

    users = get_user_model().objects.in_bulk(passwords, field_name="username")
    assert sorted(passwords) == sorted(
        [
            "admin",
            "secretariat",
            "h.mouradi",
            "h.bouihi",
            "n.lasfir",
            "s.bouros",
            "w.elmoustamid",
            "i.habbi",
            "b.mellouk",
            "h.benamer",
            "s.elmoudni",
            "citizen",
            "forum.member",
        ]
    )
    assert [u for u, p in passwords.items() if not users[u].check_password(p)] == []


def test_load_demo_second_run_keeps_passwords(db):
    passwords = load_demo()

    again = load_demo()

    user = get_user_model().objects.get(username="h.mouradi")
    assert again["h.mouradi"] == "unchanged"
    assert user.check_password(passwords["h.mouradi"])


def test_load_demo_reset_passwords_replaces_them(db):
    passwords = load_demo()

    again = load_demo("--reset-passwords")

    user = get_user_model().objects.get(username="h.mouradi")
    assert (
        user.check_password(passwords["h.mouradi"]),
        user.check_password(again["h.mouradi"]),
    ) == (
        False,
        True,
    )


def test_load_demo_makes_each_june_2020_participant_the_lead_of_their_commitments(db):
    load_demo()

    user = get_user_model().objects.get(username="h.mouradi")
    participant = Participant.objects.get(name="حاتم مورادي")
    assert [c.number for c in user.led_commitments.order_by("number")] == [1, 2, 8]
    assert participant.user == user
    assert (user.first_name, user.last_name, user.is_staff) == ("حاتم", "مورادي", False)


def test_load_demo_links_every_participant_again_after_a_reload(db):
    load_demo()

    load_demo()

    unlinked = Participant.objects.filter(meeting__date="2020-06-17", user__isnull=True)
    assert list(unlinked) == []


def test_load_demo_secretariat_account_is_staff_in_the_secretariat_group(db):
    load_demo()

    user = get_user_model().objects.get(username="secretariat")
    assert (user.is_staff, is_secretariat(user), user.led_commitments.count()) == (True, True, 0)


def test_load_demo_creates_one_superuser_and_prints_its_login(db):
    out = StringIO()
    call_command("load_demo", stdout=out)

    superusers = get_user_model().objects.filter(is_superuser=True)
    (superuser,) = superusers
    line = next(line for line in out.getvalue().splitlines() if "superuser" in line)
    assert line.split()[:2] == [superuser.username, "password"]
    assert superuser.check_password(line.split()[2])
    assert superuser.is_staff is True


def test_load_demo_accounts_have_an_address_for_the_review_notices(db):
    load_demo()

    addresses = dict(get_user_model().objects.values_list("username", "email"))

    assert addresses["secretariat"] == "secretariat@example.org"
    assert addresses["h.mouradi"] == "h.mouradi@example.org"


def test_load_demo_without_accounts_loads_the_data_and_creates_no_user(db):
    passwords = load_demo("--without-accounts")

    assert (passwords, get_user_model().objects.count()) == ({}, 0)
    assert Participant.objects.count() == 33


def test_load_demo_makes_a_verified_citizen_and_a_forum_member(db):
    load_demo()
    load_demo()

    citizen = Citizen.objects.get(user__username="citizen")
    (forum,) = Forum.objects.all()
    assert citizen.verified and not citizen.user.is_staff
    assert [user.username for user in forum.members.all()] == ["forum.member"]
    assert not get_user_model().objects.get(username="forum.member").is_staff
