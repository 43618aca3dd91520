"""Following by e-mail (double opt-in, one-click unsubscribe) and by Atom feed."""

import datetime
import re

import feedparser
import pytest
import tablib
from django.urls import reverse
from django.utils import timezone, translation

from commitments.enums import MeetingStatus, ReportStatus
from meetings import cycle
from ogptracker.participation import tokens
from ogptracker.participation.models import Follow, Notice
from ogptracker.spreadsheets.plan_resources import ProgressReportResource
from tests.factories import make_committee, make_meeting, make_plan, make_report


def follow_url(kind, pk, language="ar"):
    with translation.override(language):
        return reverse("participation:follow", args=[kind, pk])


def link_in(message):
    return re.search(r"http://localhost:8000(/\S+)", message.body).group(1)


@pytest.fixture
def follower(commitment, client, run_queued, mailoutbox, django_capture_on_commit_callbacks):
    """reader@example.org, following the commitment once confirmed."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            follow_url("commitment", commitment.pk, "fr"),
            {"email": "Reader@Example.org", "website": ""},
        )
    run_queued()
    client.get(link_in(mailoutbox.pop()))
    return Follow.objects.get()


@pytest.mark.django_db
def test_a_follow_starts_only_once_the_address_confirms_it(
    client, commitment, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            follow_url("commitment", commitment.pk), {"email": "reader@example.org", "website": ""}
        )
    run_queued()

    assert response.status_code == 200
    found = Follow.objects.get()
    assert found.confirmed_at is None
    (message,) = mailoutbox
    confirmed = client.get(link_in(message))
    assert confirmed.status_code == 200
    found.refresh_from_db()
    assert found.confirmed_at is not None


@pytest.mark.django_db
def test_an_unconfirmed_address_gets_no_notice(
    client, commitment, secretariat, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    Follow.objects.create(email="reader@example.org", commitment=commitment, language="ar")
    report = make_report(commitment, status=ReportStatus.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        cycle.approve_report(report, secretariat)
    run_queued()

    assert mailoutbox == []
    assert Notice.objects.count() == 1


@pytest.mark.django_db
def test_a_published_report_is_told_to_followers_in_their_language_with_one_click_unsubscribe(
    client,
    commitment,
    secretariat,
    follower,
    run_queued,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    report = make_report(commitment, 70, status=ReportStatus.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        cycle.approve_report(report, secretariat)
    run_queued()

    (message,) = mailoutbox
    assert message.to == ["reader@example.org"]
    assert "Rapport d'avancement publié" in message.subject
    assert "70 %" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    # A mail program posts without a form token (RFC 8058).
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        unsubscribe.removeprefix("http://localhost:8000"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_opening_the_unsubscribe_link_asks_before_it_stops(client, follower):
    url = reverse("participation:unsubscribe", args=[tokens.unsubscription(follower.pk)])

    page = client.get(url)

    assert page.status_code == 200
    assert Follow.objects.exists()
    client.post(url)
    assert not Follow.objects.exists()
    assert client.post(url).status_code == 200


@pytest.mark.django_db
def test_a_forged_unsubscribe_or_confirmation_link_does_nothing(client, follower):
    token = tokens.unsubscription(follower.pk)

    forged = client.post(reverse("participation:unsubscribe", args=[token[:-2] + "zz"]))
    wrong_kind = client.get(reverse("participation:follow_confirm", args=[token]))

    assert (forged.status_code, wrong_kind.status_code) == (404, 400)
    assert Follow.objects.exists()


@pytest.mark.django_db
def test_publishing_minutes_tells_each_follower_once_whatever_they_follow(
    client, commitment, secretariat, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    committee = make_committee(plan=commitment.plan)
    meeting = make_meeting(committee, status=MeetingStatus.DRAFT)
    make_report(commitment, meeting=meeting, status=ReportStatus.DRAFT)
    now = timezone.now()
    for target in ({"commitment": commitment}, {"plan": commitment.plan}, {"committee": committee}):
        Follow.objects.create(email="reader@example.org", language="ar", confirmed_at=now, **target)
    Follow.objects.create(
        email="other@example.org", language="en", confirmed_at=now, committee=committee
    )

    with django_capture_on_commit_callbacks(execute=True):
        cycle.publish_meeting(meeting, secretariat)
    run_queued()

    assert sorted(message.to[0] for message in mailoutbox) == [
        "other@example.org",
        "reader@example.org",
    ]
    english = next(message for message in mailoutbox if message.to == ["other@example.org"])
    # The committee's name has no English text: its Arabic one, isolated.
    assert english.subject == f"Minutes published: \u2067{committee.name}\u2069"
    arabic = next(message for message in mailoutbox if message.to == ["reader@example.org"])
    # The narrowest follow's unsubscribe link: the commitment's.
    commitment_follow = Follow.objects.get(email="reader@example.org", commitment=commitment)
    assert tokens.unsubscription(commitment_follow.pk) in arabic.body


@pytest.mark.django_db
def test_a_meeting_set_in_the_admin_is_told_to_the_committee_followers(
    client, commitment, secretariat, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    committee = make_committee(plan=commitment.plan)
    Follow.objects.create(
        email="reader@example.org",
        language="fr",
        confirmed_at=timezone.now(),
        committee=committee,
    )
    client.force_login(secretariat)
    day = timezone.localdate() + datetime.timedelta(days=20)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:meetings_meeting_add"),
            {
                "committee": committee.pk,
                "date": day.isoformat(),
                "format": "in_person",
                "status": MeetingStatus.DRAFT,
                **_empty_inlines(),
            },
        )
    run_queued()

    assert response.status_code == 302, response.content.decode()[:3000]
    (message,) = mailoutbox
    assert message.subject == f"Réunion fixée : \u2067{committee.name}\u2069"


def _empty_inlines():
    prefixes = ["participants", "agenda_items", "next_steps", "reports", "plan_progress"]
    data = {}
    for prefix in prefixes:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


@pytest.mark.django_db
def test_the_atom_feed_lists_what_followers_are_told(
    client, commitment, secretariat, django_capture_on_commit_callbacks
):
    report = make_report(commitment, 40, status=ReportStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        cycle.approve_report(report, secretariat)

    with translation.override("en"):
        url = reverse("commitments:follow_feed", args=["commitment", commitment.pk])
    feed = feedparser.parse(client.get(url).content)

    assert feed.bozo == 0
    # The title has no English text: its Arabic one, isolated as the other feeds do.
    assert [entry.title for entry in feed.entries] == [
        f"Progress report published: {commitment.number}. \u2067{commitment.title}\u2069 — 40 %"
    ]


@pytest.mark.django_db
def test_follows_are_limited_per_address(client, commitment, settings):
    settings.PARTICIPATION_FOLLOW_RATE = "2/h"
    for number in range(2):
        client.post(
            follow_url("commitment", commitment.pk),
            {"email": f"r{number}@example.org", "website": ""},
        )

    response = client.post(
        follow_url("commitment", commitment.pk, "fr"), {"email": "r3@example.org", "website": ""}
    )

    assert response.status_code == 429
    assert "réessayez dans une heure" in response.content.decode()
    assert Follow.objects.count() == 2


@pytest.mark.django_db
def test_the_follow_honeypot_refuses(client, commitment):
    response = client.post(
        follow_url("commitment", commitment.pk),
        {"email": "bot@example.org", "website": "buy"},
    )

    assert response.status_code == 400
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_minutes_of_a_committee_of_no_plan_reach_its_followers_only(
    secretariat, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    forum = make_committee(plan=None)
    meeting = make_meeting(forum, status=MeetingStatus.DRAFT)
    now = timezone.now()
    Follow.objects.create(
        email="forum@example.org", language="ar", confirmed_at=now, committee=forum
    )
    Follow.objects.create(
        email="plan@example.org", language="ar", confirmed_at=now, plan=make_plan(9)
    )

    with django_capture_on_commit_callbacks(execute=True):
        cycle.publish_meeting(meeting, secretariat)
    run_queued()

    assert [message.to for message in mailoutbox] == [["forum@example.org"]]


@pytest.mark.django_db
def test_minutes_published_again_by_a_restore_are_not_announced(
    secretariat, django_capture_on_commit_callbacks
):
    meeting = make_meeting(status=MeetingStatus.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        cycle.publish_meeting(meeting, secretariat, announce=False)

    assert not Notice.objects.exists()


@pytest.mark.django_db
def test_a_report_a_spreadsheet_publishes_is_told_to_followers_once(
    commitment, secretariat, follower, run_queued, mailoutbox, django_capture_on_commit_callbacks
):
    plan, number = commitment.plan.number, commitment.number
    text = f"plan,commitment,date,percent,status\n{plan},{number},2025-05-02,66,published\n"

    def import_file(dry_run):
        with django_capture_on_commit_callbacks(execute=True):
            ProgressReportResource().import_data(
                tablib.Dataset().load(text, format="csv"), dry_run=dry_run, user=secretariat
            )
        run_queued()

    import_file(dry_run=True)  # The preview publishes nothing.
    assert mailoutbox == []
    import_file(dry_run=False)
    (message,) = mailoutbox
    assert message.to == ["reader@example.org"]
    assert "66 %" in message.body
    mailoutbox.clear()
    import_file(dry_run=False)  # The same file again: nothing new to tell.
    assert mailoutbox == []
