"""Two gunicorn servers on one PostgreSQL, one Redis and one bucket behave as one site:
what is done on either is seen at once on the other, and losing one loses nothing."""

import http.client
import json
import os
import signal
import subprocess
import threading
import time

import pytest
import redis
from django.core.management import call_command
from django.urls import reverse

from commitments.enums import MeetingStatus, ReportStatus
from meetings.models import Meeting
from tests.factories import (
    PDF_BYTES,
    make_commitment,
    make_committee,
    make_meeting,
    make_report,
    make_user,
)
from tests.servers.conftest import GUNICORN, ROOT
from tests.servers.web import Visitor, form_fields
from tests.services import bucket_objects

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def server_password_hashing(settings):
    """Passwords hashed as the servers check them (the suite's own hashing is quicker)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture
def lead():
    return make_user("lead_two_servers")


@pytest.fixture
def led(lead):
    commitment = make_commitment(title="بوابة المعطيات المفتوحة")
    commitment.leads.add(lead)
    make_report(commitment, percent=40, status=ReportStatus.PUBLISHED)
    return commitment


def update_path(commitment):
    return reverse("leads:commitment_update", args=[commitment.pk])


def report_with_evidence(visitor, port, commitment, action, content=PDF_BYTES):
    """The lead's report form posted as a browser would, with one evidence file."""
    page = visitor.get(port, update_path(commitment))
    assert page.status == 200
    fields = form_fields(page.text, "lead-form")
    fields.update({"percent": "70", "narrative": "نشرت البوابة", "action": action})
    return visitor.post(
        port, update_path(commitment), fields, files={"evidence": ("rapport.pdf", content)}
    )


def api_percents(port, commitment):
    answer = Visitor().get(port, f"/api/plans/{commitment.plan.number}/commitments/")
    assert answer.status == 200
    return [row["latest_percent"] for row in json.loads(answer.body)["results"]]


def test_signed_in_on_one_server_stays_signed_in_on_the_other(two_servers, lead, led):
    visitor = Visitor()

    signed_in = visitor.sign_in(two_servers.a.port, lead.username)
    on_b = visitor.get(two_servers.b.port, "/ar/my/commitments/")
    visitor.post(two_servers.b.port, "/ar/accounts/logout/", {})
    back_on_a = visitor.get(two_servers.a.port, "/ar/my/commitments/")

    assert signed_in.status == 302
    assert on_b.status == 200
    assert "بوابة المعطيات المفتوحة" in on_b.text
    assert (back_on_a.status, back_on_a.headers["Location"]) == (
        302,
        "/ar/accounts/login/?next=/ar/my/commitments/",
    )


def test_evidence_uploaded_on_one_server_is_downloaded_from_the_other(two_servers, lead, led):
    visitor = Visitor()
    visitor.sign_in(two_servers.a.port, lead.username)

    saved = report_with_evidence(visitor, two_servers.a.port, led, "draft")
    evidence = led.reports.get(status=ReportStatus.DRAFT).evidence.get()
    path = reverse("leads:evidence_download", args=[evidence.pk])
    by_the_lead = visitor.get(two_servers.b.port, path)
    by_the_public = Visitor().get(two_servers.b.port, path)

    assert saved.status == 302
    assert (by_the_lead.status, by_the_lead.body) == (200, PDF_BYTES)
    assert by_the_public.status == 404
    assert bucket_objects(two_servers.endpoint, two_servers.bucket)[evidence.file.name] == (
        PDF_BYTES
    )
    assert [path.name for path in two_servers.folder.glob("media-*/**/*")] == []


def test_publishing_on_one_server_shows_the_new_figure_on_the_other_at_once(
    two_servers, redis_url, lead, led
):
    secretariat = make_user("secretariat_two_servers", secretariat=True)
    submitted = make_report(
        led, percent=70, status=ReportStatus.SUBMITTED, narrative="نشرت البوابة"
    )
    # Both servers hold the page in the shared cache, with 40 %.
    before = [api_percents(server.port, led) for server in (two_servers.b, two_servers.a)]
    visitor = Visitor()
    visitor.sign_in(two_servers.a.port, secretariat.username)

    published = visitor.post(
        two_servers.a.port,
        reverse("admin:commitments_reportawaitingreview_changelist"),
        {"action": "approve_and_publish", "_selected_action": submitted.pk, "index": "0"},
    )
    after = [api_percents(server.port, led) for server in (two_servers.b, two_servers.a)]

    assert published.status == 302
    assert before == [[40], [40]]
    assert after == [[70], [70]]
    # Served from the shared Redis: Django's cached pages are there.
    assert redis.Redis.from_url(redis_url).keys("*views.decorators.cache.cache_page*")


def test_a_lockout_on_one_server_holds_on_the_other_until_lifted(two_servers, lead):
    guesser = Visitor()
    wrong = [
        guesser.sign_in(server.port, lead.username, password="wrong").status
        for server in (two_servers.a, two_servers.b) * 3
    ]
    locked_on = [
        Visitor().sign_in(server.port, lead.username).status
        for server in (two_servers.a, two_servers.b)
    ]

    call_command("axes_reset_username", lead.username)  # docs/deploy.md, «Locked-out users»
    lifted_on = [
        Visitor().sign_in(server.port, lead.username).status
        for server in (two_servers.b, two_servers.a)
    ]

    # Failures on either server count together: the fifth locks the pair out.
    assert wrong == [200, 200, 200, 200, 429, 429]
    assert locked_on == [429, 429]
    assert lifted_on == [302, 302]


def test_minutes_published_on_one_server_are_rendered_by_the_worker_of_the_other(two_servers, led):
    secretariat = make_user("secretariat_worker", secretariat=True)
    meeting = make_meeting(make_committee(led.plan), status=MeetingStatus.DRAFT)
    make_report(led, percent=85, meeting=meeting, date=meeting.date, status=ReportStatus.DRAFT)
    workspace = reverse("admin:meetings_meeting_workspace", args=[meeting.pk])
    visitor = Visitor()
    visitor.sign_in(two_servers.a.port, secretariat.username)
    fields = form_fields(visitor.get(two_servers.a.port, workspace).text, "ws-form")

    published = visitor.post(two_servers.a.port, workspace, {**fields, "_publish": "1"})
    queued_pdfs = [key for key in bucket_objects(two_servers.endpoint, two_servers.bucket)
                   if key.startswith(f"minutes-pdf/{meeting.pk}/")]  # fmt: skip
    # The worker of machine b, which has never served the meeting, runs what a queued.
    worker = subprocess.run(
        [
            str(GUNICORN.parent / "python"),
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
        ],
        cwd=ROOT,
        env=two_servers.environments["b"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    stored = {
        key.split("/")[2]: body
        for key, body in bucket_objects(two_servers.endpoint, two_servers.bucket).items()
        if key.startswith(f"minutes-pdf/{meeting.pk}/")
    }
    served = Visitor().get(two_servers.a.port, reverse("meetings:minutes_pdf", args=[meeting.pk]))

    assert published.status == 302
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PUBLISHED
    assert queued_pdfs == []
    assert worker.returncode == 0, worker.stderr
    assert sorted(stored) == ["ar", "en", "fr", "zgh"]
    assert all(body.startswith(b"%PDF") for body in stored.values())
    # Server a serves the file b's worker rendered, from the bucket, without rendering it.
    assert (served.status, served.body) == (200, stored["ar"])
    assert [path.name for path in two_servers.folder.glob("media-*/**/*")] == []


def test_killing_one_server_during_a_load_run_loses_nothing(two_servers, lead, led):
    """Last in this module: server a is gone after it."""
    visitor = Visitor()
    visitor.sign_in(two_servers.a.port, lead.username)
    submitted = report_with_evidence(visitor, two_servers.a.port, led, "submit")
    pages = ["/ar/", f"/ar/plans/{led.plan.number}/", f"/api/plans/{led.plan.number}/commitments/"]
    answers = {"a": [], "b": []}
    stop = threading.Event()

    def load(name, port):
        visitor = Visitor()
        while not stop.is_set():
            for page in pages:
                try:
                    answers[name].append(visitor.get(port, page).status)
                # Server a killed mid-answer: refused, reset, or its answer cut short.
                except (OSError, http.client.HTTPException) as error:
                    answers[name].append(type(error).__name__)

    threads = [threading.Thread(target=load, args=("b", two_servers.b.port)) for _ in range(3)]
    threads.append(threading.Thread(target=load, args=("a", two_servers.a.port)))
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    os.killpg(two_servers.a.process.pid, signal.SIGKILL)  # The machine is gone.
    killed_after = len(answers["b"])
    time.sleep(2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)

    report = led.reports.get(status=ReportStatus.SUBMITTED)
    download = visitor.get(
        two_servers.b.port,
        reverse("leads:evidence_download", args=[report.evidence.get().pk]),
    )
    assert submitted.status == 302
    assert 200 in answers["a"]
    assert set(answers["b"]) == {200}
    assert len(answers["b"]) > killed_after > 0
    # What server a acknowledged before it died is all there, from server b.
    assert (report.percent, report.narrative) == (70, "نشرت البوابة")
    assert (download.status, download.body) == (200, PDF_BYTES)
