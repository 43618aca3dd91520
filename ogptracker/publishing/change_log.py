"""A commitment's public change log, read from the progress reports' history.

Only what the public could see is told: a report being published, a published
report being corrected, and a published report being withdrawn. Drafts,
submissions and returns stay between the leads and the secretariat, and no
person is named.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import get_language

from commitments.enums import ReportStatus, ReportVoice
from commitments.models import ActivityChange, Commitment, Evidence, ProgressReport
from meetings.models import Meeting
from ogptracker.common.languages import translated

PUBLISHED = "published"
CORRECTED = "corrected"
WITHDRAWN = "withdrawn"

# Fields whose correction the log mentions, as the public page labels them.
WATCHED = ("date", "percent", "narrative", "platform_status", "schedule")
TRANSLATED = ("narrative", "schedule")


@dataclass
class ChangeLogEntry:
    kind: str
    when: datetime | date
    report_id: int
    date: date
    percent: int
    previous_percent: int | None = None
    narrative: str = ""
    changed: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    activity_changes: list = field(default_factory=list)

    @property
    def delta(self) -> int | None:
        if self.previous_percent is None:
            return None
        return self.percent - self.previous_percent


def _text(record, name, language):
    return getattr(record, f"{name}_{language}", "") or getattr(record, f"{name}_ar", "") or ""


def _changed_fields(before, after):
    changed = []
    for name in WATCHED:
        columns = translated(name) if name in TRANSLATED else [name]
        if any(getattr(before, column) != getattr(after, column) for column in columns):
            changed.append(name)
    return changed


def _published_when(record):
    """When the public could first read it: a report entered already published (from
    the minutes, say) counts from its own date, not from the day it was typed in."""
    if record.published_at:
        return record.published_at
    if record.history_type == "+":
        return record.date
    return record.history_date


def _public(record, published_meetings):
    """As `ProgressReportQuerySet.published`, for a historical record."""
    return record.status == ReportStatus.PUBLISHED and (
        record.meeting_id is None or record.meeting_id in published_meetings
    )


def _latest_percent(published):
    if not published:
        return None
    return published[max(published)][1]


def _link_publications(entries, last_percent):
    """Each publication's previous figure: the still-published report dated just before
    it, whatever the order in which reports were typed in (old minutes often come later)."""
    publications = sorted(
        (entry for entry in entries if entry.kind == PUBLISHED),
        key=lambda entry: (entry.date, entry.report_id),
    )
    earlier = None
    for entry in publications:
        entry.previous_percent = last_percent[earlier.report_id] if earlier else None
        if entry.report_id in last_percent:
            earlier = entry


def published_change_log(
    commitment: Commitment, published_meetings: set[int] | None = None
) -> list[ChangeLogEntry]:
    """Entries newest first; four queries at most whatever the length of the history.

    A status row was public only once its meeting's minutes were published:
    `published_meetings`, the ids of the commitment's published meetings when
    the caller has them already (else one query more).
    """
    language = (get_language() or "ar").split("-")[0]
    if published_meetings is None:
        published_meetings = set(
            Meeting.objects.published()
            .filter(reports__commitment=commitment)
            .values_list("pk", flat=True)
        )
    # The official figure's history: civil-society co-leads' reports are listed apart.
    records = ProgressReport.history.filter(
        commitment_id=commitment.pk, voice=ReportVoice.GOVERNMENT
    ).order_by("history_date", "history_id")
    previous = {}
    # Currently published reports: (date, id) -> (id, percent); the max key is the figure.
    published = {}
    key_of = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        was_public = before is not None and _public(before, published_meetings)
        is_public = record.history_type != "-" and _public(record, published_meetings)
        figure_before = _latest_percent(published)
        if record.id in key_of:
            published.pop(key_of.pop(record.id))
        if is_public:
            key_of[record.id] = (record.date, record.id)
            published[key_of[record.id]] = (record.id, record.percent)
        entry = None
        if is_public and not was_public:
            entry = ChangeLogEntry(
                PUBLISHED, _published_when(record), record.id, record.date, record.percent,
            )  # fmt: skip
        elif is_public and was_public:
            changed = _changed_fields(before, record)
            if changed:
                entry = ChangeLogEntry(
                    CORRECTED, record.history_date, record.id, record.date, record.percent,
                    previous_percent=before.percent, changed=changed,
                )  # fmt: skip
        elif was_public:
            entry = ChangeLogEntry(
                WITHDRAWN, record.history_date, record.id, before.date, before.percent,
                previous_percent=figure_before,
            )  # fmt: skip
        if entry is not None:
            entry.narrative = _text(record if is_public else before, "narrative", language)
            entries.append(entry)
        previous[record.id] = record
    still_public = {id: previous[id].percent for id in key_of}
    _link_publications(entries, still_public)
    # History order breaks ties; reports typed in from old minutes sort by their own date.
    entries.sort(key=_moment)
    _attach_evidence(entries, set(key_of))
    _attach_activity_changes(entries)
    entries.reverse()
    return entries


def _moment(entry):
    if isinstance(entry.when, datetime):
        return entry.when
    return timezone.make_aware(datetime.combine(entry.when, time()))


def _attach_evidence(entries, public_ids):
    """Evidence goes with the latest entry of each report still published."""
    if not public_ids:
        return
    files = {}
    for evidence in Evidence.objects.filter(report_id__in=public_ids).order_by("uploaded_at"):
        files.setdefault(evidence.report_id, []).append(evidence)
    seen = set()
    for entry in reversed(entries):
        if entry.report_id in public_ids and entry.report_id not in seen:
            entry.evidence = files.get(entry.report_id, [])
            seen.add(entry.report_id)


def _attach_activity_changes(entries):
    """The activity changes a report made go with its first publication (entries oldest first)."""
    first_publications = {}
    for entry in entries:
        if entry.kind == PUBLISHED:
            first_publications.setdefault(entry.report_id, entry)
    if not first_publications:
        return
    made = (
        ActivityChange.objects.filter(report_id__in=first_publications, made_at__isnull=False)
        .select_related("activity")
        .order_by("activity__number")
    )
    for change in made:
        first_publications[change.report_id].activity_changes.append(change)
