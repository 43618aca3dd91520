"""Civil-society co-leads report on their commitment through the same review, shown apart."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from commitments.enums import ActivityStatus, ReportStatus, ReportVoice
from commitments.models import Commitment, ProgressReport
from meetings.cycle import latest_reports
from tests.commitments.lead_forms import load_report_form, post_report
from tests.commitments.test_lead_workflow import secretariat_action
from tests.factories import make_activity, make_commitment, make_evidence, make_report, make_user


@pytest.fixture
def co_lead(official):
    user = make_user("karim", first_name="كريم", last_name="العلوي", email="karim@example.org")
    official.co_leads.add(user)
    return user


def public_html(client, commitment):
    url = reverse("commitments:commitment_detail", args=[commitment.plan.number, commitment.number])
    return client.get(url).content.decode()


def _section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
def test_co_lead_report_goes_through_review_and_is_shown_apart(
    client, co_lead, official, secretariat, django_capture_on_commit_callbacks
):
    activity = make_activity(official, 1)
    client.force_login(co_lead)
    data = load_report_form(client, official)
    # A co-lead's form starts from the co-leads' own last figure, not the government's.
    assert data["percent"] == "0"
    assert "formset" not in data and not [key for key in data if key.endswith("-id")]
    data.update({"percent": "30", "narrative": "الجمعيات لم تُستشر بعد"})

    response = post_report(client, official, data, action="submit")

    assert response.status_code == 302
    report = official.reports.get(voice=ReportVoice.CIVIL_SOCIETY)
    assert (report.status, report.author, report.percent) == (ReportStatus.SUBMITTED, co_lead, 30)
    client.force_login(secretariat)
    queue = client.get(reverse("admin:commitments_reportawaitingreview_changelist"))
    assert "المجتمع المدني" in queue.content.decode()
    assert public_html(client, official).count("الجمعيات لم تُستشر بعد") == 0

    with django_capture_on_commit_callbacks(execute=True):
        secretariat_action(client, "approve_and_publish", report)

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    # The co-leads hear of it, not the project leads.
    assert [message.to for message in mail.outbox] == [["karim@example.org"]]
    html = public_html(client, official)
    assert "الجمعيات لم تُستشر بعد" in _section(html, "co-leads-title")
    assert "الجمعيات لم تُستشر بعد" not in _section(html, "timeline-title")
    assert "كريم العلوي" in html
    assert co_lead.email not in html
    # Never the official figure, and the activities are untouched.
    assert Commitment.objects.with_latest_progress().get(pk=official.pk).latest_percent == 60
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


@pytest.mark.django_db
def test_co_lead_reports_only_on_their_own_commitment(client, co_lead, official):
    elsewhere = make_commitment(plan=official.plan, number=2)
    client.force_login(co_lead)

    assert client.get(reverse("leads:commitment_update", args=[elsewhere.pk])).status_code == 404
    response = client.post(
        reverse("leads:commitment_update", args=[elsewhere.pk]),
        {"version": elsewhere.version, "percent": 10, "action": "submit"},
    )
    assert response.status_code == 404
    assert not elsewhere.reports.exists()
    listed = client.get(reverse("leads:my_commitments")).context["commitments"]
    assert [commitment.pk for commitment in listed] == [official.pk]


@pytest.mark.django_db
def test_lead_and_co_lead_each_keep_their_own_open_report(client, co_lead, official, owning_lead):
    client.force_login(co_lead)
    data = load_report_form(client, official)
    post_report(client, official, {**data, "percent": "20", "narrative": "رأينا"}, "submit")
    client.force_login(owning_lead)
    data = load_report_form(client, official)
    assert data["percent"] == "60"

    response = post_report(client, official, {**data, "percent": "70"}, action="draft")

    assert response.status_code == 302
    assert sorted(
        official.reports.exclude(status=ReportStatus.PUBLISHED).values_list("voice", "percent")
    ) == [(ReportVoice.CIVIL_SOCIETY, 20), (ReportVoice.GOVERNMENT, 70)]


@pytest.mark.django_db
def test_next_meeting_s_status_table_takes_no_co_lead_report(co_lead, official):
    ProgressReport.objects.create(
        commitment=official,
        percent=10,
        date=datetime.date(2025, 5, 1),
        status=ReportStatus.SUBMITTED,
        voice=ReportVoice.CIVIL_SOCIETY,
        author=co_lead,
    )

    assert latest_reports([official.pk], since=datetime.date(2025, 4, 1)) == {}


@pytest.mark.django_db
def test_unpublished_evidence_is_seen_only_in_its_own_voice(client, co_lead, official, secretariat):
    lead = official.leads.first()
    government = make_evidence(make_report(official, status=ReportStatus.SUBMITTED))
    civil = make_evidence(
        make_report(official, status=ReportStatus.DRAFT, voice=ReportVoice.CIVIL_SOCIETY)
    )

    def status(user, evidence):
        client.force_login(user)
        return client.get(reverse("leads:evidence_download", args=[evidence.pk])).status_code

    # Each side's drafts are its own until published; the secretariat reviews both.
    assert (status(lead, government), status(lead, civil)) == (200, 404)
    assert (status(co_lead, government), status(co_lead, civil)) == (404, 200)
    assert (status(secretariat, government), status(secretariat, civil)) == (200, 200)
