"""The reporting cycle: every change of state of a report and of a meeting.

A lead reports, the secretariat reviews, a committee meets on a status table,
its minutes are published. Each step is one function here, and every writer
(the lead's form, the review queue, the admin's forms and inlines, the
spreadsheet imports, the backup's restore) calls it; no `save()` infers a
step. Each function checks the state it starts from (`Refused` otherwise),
records who made the change and why in the change history, moves the
commitments' versions on (a form still open on them is stale), and once the
transaction commits sends its notices, lets the page cache go and queues the
renders of the minutes' PDFs. docs/reporting-cycle.md draws the states.

Report (`ProgressReport` without a meeting):

    draft ──submit──▶ submitted ──approve──▶ published
    returned ◀─return─┘                        ▲
    draft / returned / submitted ──publish─────┘   (the secretariat records it)

Meeting, with its status table (rows are `ProgressReport`s of the meeting):

    prepare_next_meeting ──▶ draft ──publish──▶ published ──withdraw──▶ draft
    a draft is deleted with the draft rows it holds; a published one is not.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments import notices, versions
from commitments.activity_changes import make_changes, make_pending_changes
from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import OPEN_REPORT as OPEN
from commitments.models import Commitment, ProgressReport, ReviewComment
from commitments.signals import report_published
from ogptracker.pagecache import data_changed

from .copying import copy_participants, new_meeting_after, row_values
from .minutes_pdf import render_minutes_pdfs
from .models import Meeting
from .signals import meeting_scheduled, minutes_published

# What a lead may still edit.
EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
# Reports that a committee's next status table is prepared from.
REPORTED = (ReportStatus.SUBMITTED, ReportStatus.PUBLISHED)


class Refused(Exception):
    """The change asked does not start from the record's state; the message says why."""


def _as_tracked(report):
    """The same row as a ProgressReport: history is recorded for that class, not its proxies."""
    if type(report) is ProgressReport:
        return report
    tracked = ProgressReport()
    tracked.__dict__.update(report.__dict__)
    return tracked


def _record(instance, user, reason, **save_kwargs):
    instance._history_user = user
    instance._change_reason = reason
    instance.save(**save_kwargs)
    return instance


def _changed(commitment_ids: Iterable[int] = (), meeting_ids: Iterable[int] = ()):
    """What every step ends with: versions on, pages let go, published PDFs queued.

    The page cache's bump waits for the commit and runs once per transaction,
    however many steps the transaction holds (ogptracker/pagecache).
    """
    versions.bump(commitment_ids)
    data_changed()
    for meeting_id in set(meeting_ids):
        transaction.on_commit(lambda meeting_id=meeting_id: _queue_pdfs(meeting_id))


def _announce(signal, **values):
    """Send `signal` once the transaction commits: followers hear only of what holds."""
    transaction.on_commit(lambda: signal.send(sender=__name__, **values))


def _queue_pdfs(meeting_id):
    if Meeting.objects.published().filter(pk=meeting_id).exists():
        render_minutes_pdfs.enqueue(meeting_id)


def _claim_or_bump(commitment_id, loaded_version, claimed=False):
    """Claim the version a form was loaded at (StaleUpdate if it moved), else bump it;
    nothing if the caller `claimed` it already (ogptracker/secretariat/admin/versions.py)."""
    if claimed:
        return
    if loaded_version is None:
        versions.bump([commitment_id])
    else:
        versions.claim(commitment_id, loaded_version)


# Reports -----------------------------------------------------------------------------


def _check_report(report, allowed, message):
    if report.meeting_id is not None:
        raise Refused(
            _("This row belongs to a meeting's status table: it is published with the minutes.")
        )
    if report.status not in allowed:
        raise Refused(message)


@transaction.atomic
def save_draft(
    report: ProgressReport, user: User | None, *, loaded_version: int | None = None
) -> ProgressReport:
    """Keep a lead's report as a draft (new, draft or returned); it stays theirs to edit."""
    report = _as_tracked(report)
    if report.pk is not None:
        _check_report(report, EDITABLE, _("This report is no longer a draft."))
    elif report.status not in EDITABLE:
        report.status = ReportStatus.DRAFT
    _claim_or_bump(report.commitment_id, loaded_version)
    _record(report, user, "Draft saved")
    _changed()
    return report


save_draft.alters_data = True


@transaction.atomic
def submit_report(
    report: ProgressReport,
    user: User | None,
    *,
    loaded_version: int | None = None,
    claimed: bool = False,
    request: HttpRequest | None = None,
) -> ProgressReport:
    """A lead sends their report to the secretariat's review queue."""
    report = _as_tracked(report)
    if report.pk is not None:
        _check_report(report, EDITABLE, _("This report was already sent or published."))
    returned = report.status == ReportStatus.RETURNED
    _claim_or_bump(report.commitment_id, loaded_version, claimed)
    report.status = ReportStatus.SUBMITTED
    _record(report, user, "Resubmitted after revision" if returned else "Submitted for review")
    _changed()
    if request is not None:
        notices.report_submitted(request, report)
    return report


submit_report.alters_data = True


@transaction.atomic
def approve_report(
    report: ProgressReport, user: User | None, *, request: HttpRequest | None = None
) -> ProgressReport:
    """The secretariat publishes a report that awaits its review."""
    report = _as_tracked(report)
    _check_report(report, [ReportStatus.SUBMITTED], _("This report does not await review."))
    _publish(report, user, "Approved and published")
    _changed([report.commitment_id])
    _announce(report_published, report=report)
    if request is not None:
        notices.report_published(request, report)
    return report


approve_report.alters_data = True


@transaction.atomic
def return_report(
    report: ProgressReport,
    user: User | None,
    comment: str,
    *,
    request: HttpRequest | None = None,
) -> ProgressReport:
    """The secretariat sends a report back to its leads, with a comment added to its thread."""
    report = _as_tracked(report)
    _check_report(report, [ReportStatus.SUBMITTED], _("This report does not await review."))
    comment = (comment or "").strip()
    if not comment:
        raise Refused(_("A report is returned with a comment saying what to revise."))
    report.status = ReportStatus.RETURNED
    _record(report, user, "Returned for revision")
    ReviewComment.objects.create(report=report, text=comment, author=user)
    _changed([report.commitment_id])
    if request is not None:
        notices.report_returned(request, report)
    return report


return_report.alters_data = True


@transaction.atomic
def publish_report(
    report: ProgressReport,
    user: User | None,
    *,
    reason: str = "Published by the secretariat",
    loaded_version: int | None = None,
    claimed: bool = False,
) -> ProgressReport:
    """The secretariat records a report as published without the review queue (an
    admin form, a spreadsheet import): a draft, returned or submitted one."""
    report = _as_tracked(report)
    _check_report(report, OPEN, _("This report is already published."))
    _claim_or_bump(report.commitment_id, loaded_version, claimed)
    _publish(report, user, reason)
    _changed()
    _announce(report_published, report=report)
    return report


publish_report.alters_data = True


def _publish(report, user, reason):
    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    _record(report, user, reason)
    # The activities change only now: the public never saw them before validation.
    make_changes(report)


@transaction.atomic
def correct(
    report: ProgressReport,
    user: User | None,
    *,
    reason: str,
    loaded_version: int | None = None,
    claimed: bool = False,
) -> ProgressReport:
    """The secretariat corrects a report or a status row without changing its state.

    A row of a published meeting changes the minutes: their PDFs are rendered again.
    """
    report = _as_tracked(report)
    _claim_or_bump(report.commitment_id, loaded_version, claimed)
    _record(report, user, reason)
    _changed(meeting_ids=[report.meeting_id] if report.meeting_id else [])
    return report


correct.alters_data = True


@transaction.atomic
def imported_rows(
    rows: list[ProgressReport], user: User | None, *, published: list[ProgressReport] = ()
) -> None:
    """The steps of reports and status rows a spreadsheet import saved by batches.

    A row of published minutes is published with them; a report the file
    publishes makes the activity changes it proposed, and those of `published`
    (the reports the file published) outside a meeting are announced, once the
    import commits, as the admin's publication announces them. (A row of a
    draft meeting cannot be published: the import refuses it.)
    """
    ids = [row.pk for row in rows if row.pk is not None]
    following = ProgressReport.objects.filter(
        pk__in=ids, status__in=OPEN, meeting__status=MeetingStatus.PUBLISHED
    )
    now = timezone.now()
    for row in following:
        row.status = ReportStatus.PUBLISHED
        row.published_at = row.published_at or now
        _record(row, user, "Published with the meeting's minutes")
    make_pending_changes()
    meeting_ids = {row.meeting_id for row in rows if row.meeting_id is not None}
    _changed({row.commitment_id for row in rows}, meeting_ids)
    for report in published:
        if report.meeting_id is None:
            _announce(report_published, report=report)


imported_rows.alters_data = True


def status_change_refusal(
    wanted: str, status_before: str | None, *, in_meeting: bool = False
) -> str | None:
    """Why an admin form may not take a report from `status_before` (None: a new one)
    to `wanted`, or None. Rows of a meeting follow their meeting (`save_row`)."""
    if in_meeting:
        return None
    if wanted == status_before:
        return None
    if status_before == ReportStatus.PUBLISHED:
        return _("A published report is corrected, not taken back.")
    if wanted == ReportStatus.PUBLISHED:
        return None
    if status_before == ReportStatus.SUBMITTED:
        return _("A report that awaits review is returned with a comment (Return for revision).")
    if wanted == ReportStatus.SUBMITTED:
        return None
    if status_before is None:
        return None if wanted == ReportStatus.DRAFT else _("A new report starts as a draft.")
    return _("Only its project leads move a report between draft and returned.")


@transaction.atomic
def save_edited(
    report: ProgressReport,
    user: User | None,
    *,
    status_before: str | None,
    reason: str,
    loaded_version: int | None = None,
    claimed: bool = False,
) -> ProgressReport:
    """A report or status row as the secretariat's admin form left it, saved by the
    step its status change calls for (see `status_change_refusal`)."""
    report = _as_tracked(report)
    lock = {"loaded_version": loaded_version, "claimed": claimed}
    if report.meeting_id is not None:
        return save_row(report, user, reason=reason, **lock)
    refusal = status_change_refusal(report.status, status_before)
    if refusal:
        raise Refused(refusal)
    wanted = report.status
    if wanted == status_before or (status_before is None and wanted == ReportStatus.DRAFT):
        return correct(report, user, reason=reason, **lock)
    report.status = status_before or ReportStatus.DRAFT
    if wanted == ReportStatus.SUBMITTED:
        return submit_report(report, user, **lock)
    return publish_report(report, user, reason=reason, **lock)


save_edited.alters_data = True


@transaction.atomic
def save_row(
    row: ProgressReport,
    user: User | None,
    *,
    reason: str = "Edited in the status table",
    loaded_version: int | None = None,
    claimed: bool = False,
) -> ProgressReport:
    """A row of a meeting's status table, typed by the secretariat: a draft while the
    minutes are, published with them once they are."""
    row = _as_tracked(row)
    published = Meeting.objects.published().filter(pk=row.meeting_id).exists()
    if published and row.status != ReportStatus.PUBLISHED:
        row.status = ReportStatus.PUBLISHED
        row.published_at = timezone.now()
    elif not published:
        row.status = ReportStatus.DRAFT
        row.published_at = None
    return correct(row, user, reason=reason, loaded_version=loaded_version, claimed=claimed)


save_row.alters_data = True


# Meetings ----------------------------------------------------------------------------


def latest_reports(
    commitment_ids: Iterable[int], since: datetime.date, until: datetime.date | None = None
) -> dict[int, ProgressReport]:
    """Each commitment's latest report submitted or published after the date `since`
    (and by the date `until`, if given)."""
    # Civil-society co-leads' reports are their own word, never the committee's table.
    reports = ProgressReport.objects.official().filter(
        commitment__in=commitment_ids,
        meeting__isnull=True,
        status__in=REPORTED,
        date__gt=since,
    )
    if until is not None:
        reports = reports.filter(date__lte=until)
    reports = reports.select_related("commitment").order_by("commitment_id", "-date", "-pk")
    latest = {}
    for report in reports:
        latest.setdefault(report.commitment_id, report)
    return latest


@transaction.atomic
def prepare_next_meeting(
    source: Meeting, *, date: datetime.date, user: User | None
) -> tuple[Meeting, list[ProgressReport]]:
    """A draft meeting after `source`: its participants, and a status table prepared
    from the leads' reports.

    For each commitment of the committee's plan, the row holds the latest report
    submitted or published since `source`; without one, `source`'s own row (the
    row's `prepared_from` is then a row of a meeting: "no new report"). Return the
    meeting and its rows.
    """
    if date <= source.date:
        raise Refused(_("The new meeting must come after the one it is prepared from."))
    meeting = _record(new_meeting_after(source, date), user, "Prepared from the previous meeting")
    copy_participants(source, meeting)
    rows = []
    for origin in next_table(source, until=date):
        row = ProgressReport(
            **row_values(origin),
            date=date,
            meeting=meeting,
            status=ReportStatus.DRAFT,
            author=user,
            prepared_from=origin,
        )
        reason = "Prepared from a report" if origin.meeting_id is None else "No new report"
        rows.append(_record(row, user, reason))
    _changed([row.commitment_id for row in rows])
    meeting_set(meeting)
    return meeting, rows


def meeting_set(meeting: Meeting) -> None:
    """A meeting was set, or its date, time or place changed: if it is still to come
    (dated today or later, its minutes a draft), those who follow its committee hear of it."""
    if meeting.status == MeetingStatus.DRAFT and meeting.date >= timezone.localdate():
        _announce(meeting_scheduled, meeting=meeting)


def next_table(source: Meeting, until: datetime.date | None = None) -> list[ProgressReport]:
    """What the status table of the meeting after `source` is prepared from, in
    commitment order: for each commitment, its latest report since `source` (and
    by `until`, the new meeting's date), else `source`'s own row."""
    previous = {}
    for row in source.reports.order_by("pk"):
        previous[row.commitment_id] = row
    plan_id = source.committee.plan_id
    if plan_id:
        commitments = Commitment.objects.filter(plan_id=plan_id)
    else:
        # A committee of every plan: the commitments its previous table held.
        commitments = Commitment.objects.filter(pk__in=previous)
    commitments = list(commitments.order_by("plan__number", "number").values_list("pk", flat=True))
    reports = latest_reports(commitments, source.date, until)
    origins = (reports.get(pk) or previous.get(pk) for pk in commitments)
    return [origin for origin in origins if origin is not None]


prepare_next_meeting.alters_data = True


@transaction.atomic
def publish_meeting(
    meeting: Meeting, user: User | None, *, announce: bool = True
) -> list[ProgressReport]:
    """Publish a draft meeting's minutes with its status table.

    Its draft rows become the committee's record and each commitment's current
    figure; the leads' reports they were prepared from and that still await
    review are published with them, as the committee adopted them. Return the
    rows published. Those who follow are told, unless not to `announce` (a
    backup's restore publishes again what was published).
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.DRAFT:
        raise Refused(_("These minutes are already published."))
    meeting.status = MeetingStatus.PUBLISHED
    _record(meeting, user, "Minutes published")
    rows = list(meeting.reports.filter(status__in=OPEN).select_related("prepared_from"))
    # A row marked published before its minutes were (an older file, say) goes public
    # now: the activity changes it proposed are made now too.
    for row in meeting.reports.filter(
        status=ReportStatus.PUBLISHED, activity_changes__made_at__isnull=True
    ).distinct():
        row._history_user = user
        make_changes(row)
    for row in rows:
        _publish(row, user, "Published with the meeting's minutes")
        source = row.prepared_from
        if source is not None and source.status == ReportStatus.SUBMITTED:
            _publish(source, user, "Adopted with the meeting's minutes")
    _changed([row.commitment_id for row in rows], [meeting.pk])
    if announce:
        _announce(minutes_published, meeting=meeting, rows=rows)
    return rows


publish_meeting.alters_data = True


@transaction.atomic
def withdraw_meeting(meeting: Meeting, user: User | None) -> list[ProgressReport]:
    """Take published minutes back to a draft, their status table with them."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PUBLISHED:
        raise Refused(_("These minutes are not published."))
    meeting.status = MeetingStatus.DRAFT
    _record(meeting, user, "Minutes withdrawn")
    rows = list(meeting.reports.filter(status=ReportStatus.PUBLISHED))
    for row in rows:
        row.status = ReportStatus.DRAFT
        row.published_at = None
        _record(row, user, "Withdrawn with the meeting's minutes")
    _changed([row.commitment_id for row in rows])
    return rows


withdraw_meeting.alters_data = True


def rows_deleted_with(meeting: Meeting) -> QuerySet[ProgressReport]:
    """The rows that deleting the draft `meeting` deletes: its whole status table."""
    return meeting.reports.select_related("commitment__plan").order_by(
        "commitment__plan__number", "commitment__number", "pk"
    )


def deletion_refused(meeting: Meeting) -> str | None:
    """Why `meeting` may not be deleted, or None."""
    if meeting.status != MeetingStatus.DRAFT:
        return _("Published minutes are not deleted: withdraw them first.")
    if meeting.reports.exclude(status=ReportStatus.DRAFT).exists():
        return _("This draft meeting holds status rows that are not drafts.")
    return None


@transaction.atomic
def delete_draft_meeting(meeting: Meeting, user: User | None) -> int:
    """Delete a draft meeting and the draft rows of its status table; return how many rows."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    refusal = deletion_refused(meeting)
    if refusal:
        raise Refused(refusal)
    rows = list(rows_deleted_with(meeting))
    for row in rows:
        row._history_user = user
        row._change_reason = "Deleted with its draft meeting"
        row.delete()
    meeting._history_user = user
    meeting._change_reason = "Draft meeting deleted"
    meeting.delete()
    _changed([row.commitment_id for row in rows])
    return len(rows)


delete_draft_meeting.alters_data = True
