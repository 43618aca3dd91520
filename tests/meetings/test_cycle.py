"""The reporting cycle's steps (meetings/cycle.py), and every writer going through them."""

import datetime

import pytest
import tablib
from django.urls import reverse
from django_tasks import default_task_backend

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import Commitment, ProgressReport
from meetings import cycle, pdf
from meetings.minutes_pdf import render_minutes_pdfs
from meetings.models import Meeting
from ogptracker.pagecache import version as page_version
from ogptracker.spreadsheets import backup
from ogptracker.spreadsheets.meeting_resources import MeetingResource
from ogptracker.spreadsheets.plan_resources import ProgressReportResource
from tests.commitments.lead_forms import load_report_form, post_report
from tests.factories import (
    make_commitment,
    make_committee,
    make_meeting,
    make_participant,
    make_plan,
    make_report,
)
from tests.meetings.test_publishing import change_form_as_displayed

pytestmark = pytest.mark.django_db

PREVIOUS = datetime.date(2025, 3, 18)
NEXT = datetime.date(2025, 7, 10)


@pytest.fixture
def plan_meeting():
    """A plan of three commitments and its committee's published meeting of 18 March 2025."""
    plan = make_plan(3)
    committee = make_committee(plan=plan)
    meeting = make_meeting(committee, sequence=1, date=PREVIOUS)
    for number, percent in ((1, 40), (2, 55), (3, 10)):
        make_report(
            make_commitment(plan=plan, number=number), percent, meeting=meeting, date=PREVIOUS
        )
    return meeting


def commitment(plan_meeting, number):
    return Commitment.objects.get(plan__number=plan_meeting.committee.plan.number, number=number)


def lead_report(commitment, percent, status=ReportStatus.SUBMITTED, date=None):
    return make_report(commitment, percent, status=status, date=date or PREVIOUS.replace(month=5))


# Preparing the next meeting -----------------------------------------------------------


def test_the_next_meeting_is_prepared_from_the_reports_since_the_previous_one(
    plan_meeting, secretariat
):
    submitted = lead_report(commitment(plan_meeting, 1), 60)
    approved = lead_report(commitment(plan_meeting, 2), 70, status=ReportStatus.PUBLISHED)
    lead_report(commitment(plan_meeting, 3), 90, date=PREVIOUS - datetime.timedelta(days=3))
    make_participant(plan_meeting, "هدى بويهي")

    meeting, rows = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)

    previous_row = plan_meeting.reports.get(commitment__number=3)
    assert [(r.commitment.number, r.percent, r.prepared_from) for r in rows] == [
        (1, 60, submitted),
        (2, 70, approved),
        (3, 10, previous_row),
    ]
    assert {r.status for r in rows} == {ReportStatus.DRAFT}
    assert {r.date for r in rows} == {NEXT}
    assert (meeting.status, meeting.sequence) == (MeetingStatus.DRAFT, 2)
    assert list(meeting.participants.values_list("name", flat=True)) == ["هدى بويهي"]
    assert rows[2].history.first().history_change_reason == "No new report"


def test_a_report_dated_after_the_new_meeting_is_left_for_a_later_one(plan_meeting, secretariat):
    lead_report(commitment(plan_meeting, 1), 60, date=NEXT + datetime.timedelta(days=1))

    _, rows = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)

    assert (rows[0].percent, rows[0].prepared_from.meeting) == (40, plan_meeting)


def test_publishing_the_prepared_meeting_adopts_the_reports_still_awaiting_review(
    plan_meeting, secretariat
):
    submitted = lead_report(commitment(plan_meeting, 1), 60)
    meeting, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)

    cycle.publish_meeting(meeting, secretariat)

    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.PUBLISHED
    assert set(meeting.reports.values_list("status", flat=True)) == {ReportStatus.PUBLISHED}
    latest = ProgressReport.objects.published().filter(commitment__number=1).latest_first()
    assert (latest.first().percent, latest.first().meeting) == (60, meeting)


def test_the_admin_lists_where_each_prepared_row_comes_from(client, plan_meeting, secretariat):
    lead_report(commitment(plan_meeting, 1), 60)
    client.force_login(secretariat)

    response = client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "prepare_next_meeting", "_selected_action": [plan_meeting.pk]},
    )

    content = response.content.decode()
    assert "3 أسطر من جدول الوضعية" in content
    assert "1 منها من تقرير مرسل أو مصادق عليه منذئذ" in content


def test_a_report_adopted_with_the_minutes_counts_once_as_their_row(plan_meeting, secretariat):
    lead_report(commitment(plan_meeting, 1), 60)
    meeting, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)

    cycle.publish_meeting(meeting, secretariat)

    listed = Commitment.objects.with_latest_progress().get(pk=commitment(plan_meeting, 1).pk)
    assert (listed.latest_percent, listed.previous_percent) == (60, 40)
    assert ProgressReport.objects.figures().filter(commitment=listed).count() == 2
    assert ProgressReport.objects.published().filter(commitment=listed).count() == 3


# Deleting a draft meeting -------------------------------------------------------------


def test_deleting_a_prepared_draft_meeting_deletes_its_draft_rows(
    client, plan_meeting, secretariat
):
    draft, rows = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)
    make_participant(draft, "هدى بويهي").commitments.add(commitment(plan_meeting, 1))
    client.force_login(secretariat)
    url = reverse("admin:meetings_meeting_delete", args=[draft.pk])

    confirmation = client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})

    assert "<li>سطر من جدول الوضعية: الخطة 3 · 1. الالتزام 1 — 40 %</li>" in confirmation
    assert "object (" not in confirmation
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=draft.pk).exists()
    assert not ProgressReport.objects.filter(pk__in=[row.pk for row in rows]).exists()
    assert not ProgressReport.objects.filter(meeting__isnull=True, status="draft").exists()


def test_deleting_published_minutes_is_refused(client, plan_meeting, secretariat):
    client.force_login(secretariat)
    url = reverse("admin:meetings_meeting_delete", args=[plan_meeting.pk])

    response = client.post(url, {"post": "yes"})

    assert Meeting.objects.filter(pk=plan_meeting.pk).exists()
    assert plan_meeting.reports.count() == 3
    assert "لا يُحذف محضر منشور" in response.content.decode()
    with pytest.raises(cycle.Refused):
        cycle.delete_draft_meeting(plan_meeting, secretariat)


# Reviews ------------------------------------------------------------------------------


def test_each_return_adds_a_dated_comment_to_the_reports_thread(plan_meeting, secretariat):
    report = lead_report(commitment(plan_meeting, 1), 60)

    cycle.return_report(report, secretariat, "أرفقوا لائحة الحضور")
    cycle.submit_report(report, None)
    cycle.return_report(report, secretariat, "النسبة غير مبررة")

    assert [c.text for c in report.review_comments.all()] == [
        "أرفقوا لائحة الحضور",
        "النسبة غير مبررة",
    ]
    with pytest.raises(cycle.Refused):
        cycle.approve_report(report, secretariat)


def test_a_meetings_row_takes_no_report_step(plan_meeting, secretariat):
    row = plan_meeting.reports.first()

    with pytest.raises(cycle.Refused):
        cycle.approve_report(row, secretariat)


# Imports ------------------------------------------------------------------------------


def test_a_meeting_imported_as_published_publishes_its_status_table(plan_meeting, secretariat):
    draft, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)
    exported = MeetingResource().export(Meeting.objects.filter(pk=draft.pk)).csv
    published = exported.replace(",draft", ",published")
    assert published != exported

    result = MeetingResource().import_data(
        tablib.Dataset().load(published, format="csv"), dry_run=False, user=secretariat
    )

    assert not result.has_errors() and not result.has_validation_errors()
    draft.refresh_from_db()
    assert draft.status == MeetingStatus.PUBLISHED
    assert set(draft.reports.values_list("status", flat=True)) == {ReportStatus.PUBLISHED}
    assert draft.history.first().history_change_reason == "Minutes published"


# Every writer: the commitment's version moves, the page cache goes once -----------------


def _import_reports(plan_meeting, secretariat):
    number = plan_meeting.committee.plan.number
    text = f"plan,commitment,date,percent,status\n{number},1,2025-05-02,66,published\n"
    ProgressReportResource().import_data(
        tablib.Dataset().load(text, format="csv"), dry_run=False, user=secretariat
    )


def _import_meeting(plan_meeting, secretariat):
    draft, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)
    text = MeetingResource().export(Meeting.objects.filter(pk=draft.pk)).csv
    MeetingResource().import_data(
        tablib.Dataset().load(text.replace(",draft", ",published"), format="csv"),
        dry_run=False,
        user=secretariat,
    )


def _admin_report_form(plan_meeting, secretariat, client):
    report = lead_report(commitment(plan_meeting, 1), 60)
    client.force_login(secretariat)
    url = reverse("admin:commitments_progressreport_change", args=[report.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data |= {"percent": 75, "status": ReportStatus.PUBLISHED}
    for prefix in ("activity_changes", "review_comments", "evidence"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    assert client.post(url, data).status_code == 302


def _review_approve(plan_meeting, secretariat, client):
    report = lead_report(commitment(plan_meeting, 1), 60)
    client.force_login(secretariat)
    client.post(
        reverse("admin:commitments_reportawaitingreview_changelist"),
        {"action": "approve_and_publish", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED


def _lead_submits(plan_meeting, secretariat, client, owning_lead):
    owned = commitment(plan_meeting, 1)
    owned.leads.add(owning_lead)
    client.force_login(owning_lead)
    data = load_report_form(client, owned) | {"percent": "61", "narrative": "تقدم"}
    assert post_report(client, owned, data, action="submit").status_code == 302


def _publish_in_admin(plan_meeting, secretariat, client):
    draft, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)
    client.force_login(secretariat)
    cycle.publish_meeting(draft, secretariat)


def _restore(plan_meeting, secretariat, tmp_path):
    backup.export_all(tmp_path)
    backup.import_all(tmp_path, replace=True)


WRITERS = {
    "spreadsheet of reports": _import_reports,
    "spreadsheet of meetings": _import_meeting,
    "admin report form": _admin_report_form,
    "review queue": _review_approve,
    "lead's form": _lead_submits,
    "publishing minutes": _publish_in_admin,
    "restore": _restore,
}


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_moves_the_version_and_lets_the_page_cache_go_once(
    writer,
    plan_meeting,
    secretariat,
    owning_lead,
    client,
    tmp_path,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    bumps = []
    real_bump = page_version.bump_data_version
    monkeypatch.setattr(page_version, "bump_data_version", lambda: bumps.append(real_bump()))
    before = commitment(plan_meeting, 1).version
    arguments = {"client": client, "owning_lead": owning_lead, "tmp_path": tmp_path}
    write = WRITERS[writer]
    wanted = write.__code__.co_varnames[: write.__code__.co_argcount]

    with django_capture_on_commit_callbacks(execute=True):
        write(plan_meeting, secretariat, **{k: v for k, v in arguments.items() if k in wanted})

    if writer == "restore":
        # A restore gives each commitment back the version the backup holds: the
        # forms opened before it point at rows that are gone (new ids).
        assert commitment(plan_meeting, 1).version == before
    else:
        assert commitment(plan_meeting, 1).version > before
    assert len(bumps) == 1


# The minutes' PDFs ------------------------------------------------------------------


def test_publishing_minutes_queues_their_pdfs_which_the_task_renders_in_every_language(
    plan_meeting, secretariat, django_capture_on_commit_callbacks
):
    draft, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)
    default_task_backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cycle.publish_meeting(draft, secretariat)

    # The followers' notice is queued too (tests/participation/test_follow.py).
    queued = [r for r in default_task_backend.results if r.task.name == "render_minutes_pdfs"]
    assert [result.args for result in queued] == [[draft.pk]]
    renders = pdf.render_count
    # One PDF per language: Arabic, Amazigh, French and English.
    assert render_minutes_pdfs.call(draft.pk) == 4
    assert pdf.render_count == renders + 4
    assert render_minutes_pdfs.call(draft.pk) == 0


# The meeting's admin page -------------------------------------------------------------


def test_the_status_table_says_which_report_or_row_each_row_comes_from(
    client, plan_meeting, secretariat
):
    lead_report(commitment(plan_meeting, 1), 60, date=datetime.date(2025, 5, 2))
    draft, _ = cycle.prepare_next_meeting(plan_meeting, date=NEXT, user=secretariat)
    client.force_login(secretariat)

    content = client.get(reverse("admin:meetings_meeting_change", args=[draft.pk])).content

    text = content.decode()
    assert "تقرير رؤساء المشروع المؤرخ في 2 ماي 2025 (60 %)" in text
    assert text.count("لا تقرير جديد: سطر اجتماع 18 مارس 2025") == 2


def test_withdrawing_minutes_in_the_admin_takes_their_rows_back_to_drafts(
    client, plan_meeting, secretariat
):
    url = reverse("admin:meetings_meeting_change", args=[plan_meeting.pk])
    client.force_login(secretariat)
    data = change_form_as_displayed(client.get(url))

    response = client.post(url, data | {"status": MeetingStatus.DRAFT, "_continue": "1"})

    plan_meeting.refresh_from_db()
    assert response.status_code == 302
    assert plan_meeting.status == MeetingStatus.DRAFT
    assert set(plan_meeting.reports.values_list("status", flat=True)) == {ReportStatus.DRAFT}
    assert not ProgressReport.objects.published().exists()
