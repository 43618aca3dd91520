"""Full backup and restore of the tracker as a folder of CSV files.

The format (version 1) is described in docs/spreadsheets-and-backup.md: one UTF-8 CSV per model
in dependency order, columns named as in the admin's exports (natural keys,
every language), plus ``manifest.json`` with the format version and the row
count of each file, and ``evidence/`` with the evidence files. It reads in
any spreadsheet and restores into any empty database: it holds no database
id but in ``row_ids.csv``, which lets the change history (``history/``, see
backup_history.py) point to the rows a restore writes. A backup written before the
history was kept restores too, and starts a new history.
"""

import datetime
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import tablib
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import (
    ActionPlan,
    Activity,
    ActivityChange,
    Axis,
    Commitment,
    Evidence,
    Institution,
    PlanProgress,
    ProgressReport,
    ReviewComment,
)
from commitments.roles import ensure_secretariat_group
from meetings.models import AgendaItem, Committee, Meeting, NextStep, Participant
from ogptracker.civilsociety.models import Assessment, AssessmentEvidence, Forum
from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    CommitmentRevision,
    IRMAssessment,
    PlanRevision,
    SelfAssessmentComment,
    SelfAssessmentReport,
)

from . import civilsociety_resources, irm_resources, meeting_resources, revision_resources
from . import plan_resources as resources
from .backup_files import (
    STORED_FILE_COLUMNS,
    BackupError,
    Problem,
    as_text,
    cannot_restore,
    field_value,
    messages_of,
    read_csv,
    restore_stored_file,
    stored_file_cells,
    write_csv,
)
from .backup_history import (
    ROW_IDS,
    IdMap,
    export_history,
    export_row_ids,
    import_history,
    read_row_ids,
)
from .import_report import import_problems
from .sheets import TrackerResource

FORMAT = "ogptracker-backup"
VERSION = 1
TRACKER_APPS = ("commitments", "meetings", "ogpcycle", "civilsociety")

# In dependency order: a file only points to rows of the files before it.
TABLES = [
    ("institutions.csv", resources.InstitutionResource),
    ("action_plans.csv", resources.ActionPlanResource),
    ("axes.csv", resources.AxisResource),
    ("committees.csv", meeting_resources.CommitteeResource),
    ("meetings.csv", meeting_resources.MeetingResource),
    ("commitments.csv", resources.CommitmentResource),
    ("activities.csv", resources.ActivityResource),
    ("progress_snapshots.csv", resources.ProgressReportResource),
    ("plan_progress.csv", resources.PlanProgressResource),
    ("participants.csv", meeting_resources.ParticipantResource),
    ("memberships.csv", meeting_resources.MembershipResource),
    ("agenda_items.csv", meeting_resources.AgendaItemResource),
    ("next_steps.csv", meeting_resources.NextStepResource),
    ("irm_assessments.csv", irm_resources.IRMAssessmentResource),
    ("self_assessment_reports.csv", irm_resources.SelfAssessmentReportResource),
    ("plan_revisions.csv", revision_resources.PlanRevisionResource),
    ("commitment_revisions.csv", revision_resources.CommitmentRevisionResource),
    ("commitment_designs.csv", revision_resources.CommitmentDesignResource),
    ("self_assessment_comments.csv", revision_resources.SelfAssessmentCommentResource),
    ("forums.csv", civilsociety_resources.ForumResource),
    ("assessments.csv", civilsociety_resources.AssessmentResource),
]
# Tables a backup written before them lacks: it restores without them.
LATER_TABLES = {
    "plan_revisions.csv",
    "commitment_revisions.csv",
    "commitment_designs.csv",
    "self_assessment_comments.csv",
    "forums.csv",
    "assessments.csv",
}
# Kept by a backup though no spreadsheet import may set them.
BOOKKEEPING = ("version", "created_at", "updated_at")

USER_COLUMNS = [
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "groups",
    "password",
    "date_joined",
    "last_login",
]
EVIDENCE_COLUMNS = [
    "plan",
    "commitment",
    "snapshot_date",
    "snapshot_index",
    *STORED_FILE_COLUMNS,
]


ACTIVITY_CHANGE_COLUMNS = [
    "plan",
    "commitment",
    "snapshot_date",
    "snapshot_index",
    "activity",
    "status",
    "revised_end",
    "status_before",
    "revised_end_before",
    "made_at",
]


# --- export --------------------------------------------------------------------


def export_all(directory: str | Path) -> dict[str, Any]:
    """Writes the whole tracker into ``directory``; returns the manifest."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # One transaction: the history and the row ids describe the same rows as the tables.
    with transaction.atomic():
        files = [("groups.csv", export_groups(directory)), ("users.csv", export_users(directory))]
        row_ids = []
        for name, resource_class in TABLES:
            rows, ids = export_table(directory / name, resource_class)
            files.append((name, rows))
            row_ids.append((name, ids))
        files.append(("evidence.csv", export_evidence(directory)))
        files.append(("activity_changes.csv", export_activity_changes(directory)))
        files.append(("review_comments.csv", export_review_comments(directory)))
        files.append(("assessment_evidence.csv", export_assessment_evidence(directory)))
        files.append((ROW_IDS, export_row_ids(directory, row_ids)))
        files += export_history(directory, TRACKER_APPS, table_models())
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "files": [{"name": name, "rows": rows} for name, rows in files],
    }
    (directory / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return manifest


def bookkeeping_fields(model: type[Model]) -> list[str]:
    names = {field.name for field in model._meta.concrete_fields}
    return [name for name in BOOKKEEPING if name in names]


def table_models() -> set[type[Model]]:
    return {resource_class._meta.model._meta.concrete_model for _name, resource_class in TABLES}


def export_table(path: Path, resource_class: type[TrackerResource]) -> tuple[int, list[int]]:
    """Writes a table's file; returns its row count and its rows' ids in file order."""
    resource = resource_class()
    model = resource._meta.model
    dataset = resource.export()
    extra = bookkeeping_fields(model)
    # The resource's own ordering, so these columns line up with its rows.
    values = list(resource.filter_export(model.objects.all()).values_list("pk", *extra))
    for index, name in enumerate(extra, start=1):
        dataset.append_col([as_text(row[index]) for row in values], header=name)
    write_csv(path, dataset.headers, dataset)
    return len(dataset), [row[0] for row in values]


def export_groups(directory: Path) -> int:
    groups = Group.objects.prefetch_related("permissions__content_type").order_by("name")
    rows = [
        [
            group.name,
            ", ".join(
                sorted(
                    f"{permission.content_type.app_label}.{permission.codename}"
                    for permission in group.permissions.all()
                )
            ),
        ]
        for group in groups
    ]
    write_csv(directory / "groups.csv", ["name", "permissions"], rows)
    return len(rows)


def export_users(directory: Path) -> int:
    users = get_user_model().objects.prefetch_related("groups").order_by("username")
    rows = []
    for user in users:
        groups = ", ".join(sorted(group.name for group in user.groups.all()))
        rows.append(
            [
                as_text(groups if column == "groups" else getattr(user, column))
                for column in USER_COLUMNS
            ]
        )
    write_csv(directory / "users.csv", USER_COLUMNS, rows)
    return len(rows)


def report_positions() -> dict[int, int]:
    """Each report's position among its commitment's reports of the same day."""
    positions = {}
    counters = {}
    for pk, commitment_id, date in ProgressReport.objects.order_by(
        "commitment_id", "date", "pk"
    ).values_list("pk", "commitment_id", "date"):
        key = (commitment_id, date)
        counters[key] = counters.get(key, -1) + 1
        positions[pk] = counters[key]
    return positions


def export_evidence(directory: Path) -> int:
    positions = report_positions()
    rows = []
    evidence = Evidence.objects.select_related("report__commitment__plan", "uploaded_by").order_by(
        "report__commitment__plan__number", "report__commitment__number", "pk"
    )
    for number, item in enumerate(evidence, start=1):
        report = item.report
        # Numbered folders: two evidence files may share a name.
        copy = f"evidence/{number}/{Path(item.file.name).name}"
        rows.append(
            [
                report.commitment.plan.number,
                report.commitment.number,
                report.date.isoformat(),
                positions[report.pk],
                *stored_file_cells(item, directory, copy),
            ]
        )
    write_csv(directory / "evidence.csv", EVIDENCE_COLUMNS, rows)
    return len(rows)


def export_activity_changes(directory: Path) -> int:
    """The activity changes reports propose: those waiting for review, and those made."""
    positions = report_positions()
    changes = ActivityChange.objects.select_related(
        "report__commitment__plan", "activity"
    ).order_by("report__commitment__plan__number", "report__commitment__number", "pk")
    rows = [
        [
            change.report.commitment.plan.number,
            change.report.commitment.number,
            change.report.date.isoformat(),
            positions[change.report_id],
            change.activity.number,
            change.status,
            as_text(change.revised_end),
            change.status_before,
            as_text(change.revised_end_before),
            as_text(change.made_at),
        ]
        for change in changes
    ]
    write_csv(directory / "activity_changes.csv", ACTIVITY_CHANGE_COLUMNS, rows)
    return len(rows)


REVIEW_COMMENT_COLUMNS = [
    "plan",
    "commitment",
    "snapshot_date",
    "snapshot_index",
    "written_at",
    "author",
    "text",
]


def export_review_comments(directory: Path) -> int:
    """Each report's thread: the secretariat's comments, oldest first."""
    positions = report_positions()
    comments = ReviewComment.objects.select_related("report__commitment__plan", "author").order_by(
        "report__commitment__plan__number", "report__commitment__number", "pk"
    )
    rows = [
        [
            comment.report.commitment.plan.number,
            comment.report.commitment.number,
            comment.report.date.isoformat(),
            positions[comment.report_id],
            as_text(comment.written_at),
            comment.author.get_username() if comment.author else "",
            comment.text,
        ]
        for comment in comments
    ]
    write_csv(directory / "review_comments.csv", REVIEW_COMMENT_COLUMNS, rows)
    return len(rows)


# --- import --------------------------------------------------------------------


def tracker_models() -> list[type[Model]]:
    return [
        model
        for app in TRACKER_APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # history tables are not restored
    ]


def tracker_is_empty() -> bool:
    return not any(model.objects.exists() for model in tracker_models())


def read_manifest(directory: str | Path) -> dict[str, Any]:
    path = Path(directory) / "manifest.json"
    if not path.is_file():
        raise BackupError(_("%(path)s not found: not a backup folder.") % {"path": path})
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files = {entry["name"]: int(entry["rows"]) for entry in manifest["files"]}
    except (ValueError, KeyError, TypeError):
        raise BackupError(
            _("%(path)s is not an ogptracker backup manifest.") % {"path": path}
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s is not an ogptracker backup manifest.") % {"path": path})
    if manifest.get("version") != VERSION:
        raise BackupError(
            _("Backup format version %(version)s is not supported (this version reads %(ours)s).")
            % {"version": manifest.get("version"), "ours": VERSION}
        )
    return {**manifest, "rows": files}


def import_all(directory: str | Path, replace: bool = False) -> dict[str, int]:
    """Restores a backup; all or nothing. Returns the number of rows per file."""
    directory = Path(directory)
    expected = read_manifest(directory)["rows"]
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            counts = _restore(directory, expected, replace, stored_files)
    except BaseException:
        # The database rolled back; the files copied into storage go too.
        for name in stored_files:
            default_storage.delete(name)
        raise
    return counts


def _restore(directory, expected, replace, stored_files):
    if not tracker_is_empty():
        if not replace:
            raise BackupError(
                _(
                    "The database already holds tracker data; "
                    "restore into an empty database or pass --replace."
                )
            )
        delete_tracker_rows()
    # Backups written before the history was kept have no row ids: a new history starts.
    row_ids = read_row_ids(directory, TABLES, expected) if ROW_IDS in expected else None
    counts = {"groups.csv": import_groups(directory), "users.csv": import_users(directory)}
    bookkeeping = []
    ids: IdMap = {}
    for name, resource_class in TABLES:
        if name in LATER_TABLES and name not in expected:
            continue
        counts[name], instances, restored = import_table(directory / name, resource_class)
        bookkeeping.append(restored)
        if row_ids is not None:
            model = resource_class._meta.model._meta.concrete_model
            ids.setdefault(model, {}).update(
                zip(row_ids[name], (instance.pk for instance in instances), strict=True)
            )
    counts["evidence.csv"] = import_evidence(directory, stored_files)
    if "activity_changes.csv" in expected:  # Not in backups written before it existed.
        counts["activity_changes.csv"] = import_activity_changes(directory)
    if "review_comments.csv" in expected:
        counts["review_comments.csv"] = import_review_comments(directory)
    if "assessment_evidence.csv" in expected:
        counts["assessment_evidence.csv"] = import_assessment_evidence(directory, stored_files)
    # Last: restoring a meeting's participants touches the meeting's updated_at.
    for restore_bookkeeping in bookkeeping:
        restore_bookkeeping()
    if row_ids is not None:
        counts[ROW_IDS] = sum(len(listed) for listed in row_ids.values())
        counts.update(import_history(directory, TRACKER_APPS, set(expected), ids))
    mismatched = [
        _("%(file)s: %(restored)s rows restored, the manifest says %(rows)s")
        % {"file": name, "restored": counts.get(name, 0), "rows": rows}
        for name, rows in expected.items()
        if counts.get(name, 0) != rows
    ]
    if mismatched:
        raise BackupError(_("The backup is incomplete: ") + "; ".join(mismatched))
    return counts


def delete_tracker_rows() -> None:
    # Children first: meetings and institutions are protected while referenced.
    for model in (
        AssessmentEvidence,
        Assessment,
        Forum,
        # Before the next steps they follow and the commitments they merge into.
        PlanRevision,
        CommitmentRevision,
        CommitmentDesign,
        SelfAssessmentComment,
        SelfAssessmentReport,
        IRMAssessment,
        Evidence,
        NextStep,
        AgendaItem,
        Participant,
        PlanProgress,
        ProgressReport,
        Activity,
        Commitment,
        Axis,
        Meeting,
        Committee,
        ActionPlan,
        Institution,
    ):
        model.objects.all().delete()


def import_table(
    path: Path, resource_class: type[TrackerResource]
) -> tuple[int, list[Model], Callable[[], None]]:
    """Restores a table's file; returns its row count, the rows restored in the file's
    order, and what restores their bookkeeping columns once every file is in."""
    headers, rows = read_csv(path)
    resource = resource_class(restore=True)
    model = resource._meta.model
    extra = [name for name in bookkeeping_fields(model) if name in headers]
    dataset = tablib.Dataset(*rows, headers=headers)
    result = resource.import_data(
        dataset, dry_run=False, use_transactions=True, retain_instance_in_row_result=True
    )
    if result.has_errors() or result.has_validation_errors():
        problems = [
            Problem(path.name, problem.line, problem.column, problem.message)
            for problem in import_problems(result, resource)
        ]
        raise cannot_restore(path.name, problems)
    instances = [row.instance for row in result.rows]

    def restore_bookkeeping():
        if not extra:
            return
        problems = []
        for line, (instance, row) in enumerate(zip(instances, rows, strict=True), start=2):
            for name in extra:
                try:
                    value = field_value(model._meta.get_field(name), row[headers.index(name)])
                except ValidationError as invalid:
                    problems.append(Problem(path.name, line, name, " ".join(messages_of(invalid))))
                else:
                    setattr(instance, name, value)
        if problems:
            raise cannot_restore(path.name, problems)
        model.objects.bulk_update(instances, extra, batch_size=1000)

    return len(rows), instances, restore_bookkeeping


def import_groups(directory: Path) -> int:
    headers, rows = read_csv(directory / "groups.csv", columns=["name", "permissions"])
    for row in rows:
        record = dict(zip(headers, row, strict=True))
        group, _created = Group.objects.get_or_create(name=record["name"])
        wanted = [item.strip() for item in record["permissions"].split(",") if item.strip()]
        permissions = []
        for item in wanted:
            app_label, codename = item.split(".", 1)
            permissions += Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        group.permissions.set(permissions)
    # The secretariat's permissions follow the code, not the backup.
    ensure_secretariat_group()
    return len(rows)


def import_users(directory: Path) -> int:
    headers, rows = read_csv(directory / "users.csv", columns=USER_COLUMNS)
    User = get_user_model()
    for row in rows:
        record = dict(zip(headers, row, strict=True))
        user = User.objects.filter(username=record["username"]).first() or User(
            username=record["username"]
        )
        for column in ("first_name", "last_name", "email", "password"):
            setattr(user, column, record[column])
        for column in ("is_active", "is_staff", "is_superuser"):
            setattr(user, column, record[column] == "1")
        user.date_joined = datetime.datetime.fromisoformat(record["date_joined"])
        user.last_login = (
            datetime.datetime.fromisoformat(record["last_login"]) if record["last_login"] else None
        )
        user.save()
        names = [name.strip() for name in record["groups"].split(",") if name.strip()]
        user.groups.set(Group.objects.filter(name__in=names))
    return len(rows)


class ReportKeys:
    """Finds a restored report from a row's plan, commitment, date and index that day."""

    def __init__(self):
        self.reports = {}
        for pk, plan, commitment, date in ProgressReport.objects.order_by("pk").values_list(
            "pk", "commitment__plan__number", "commitment__number", "date"
        ):
            self.reports.setdefault((plan, commitment, date), []).append(pk)

    def pk(self, path: Path, line: int, record: Mapping[str, str]) -> int:
        key = (
            int(record["plan"]),
            int(record["commitment"]),
            datetime.date.fromisoformat(record["snapshot_date"]),
        )
        try:
            return self.reports[key][int(record["snapshot_index"])]
        except (KeyError, IndexError):
            raise cannot_restore(
                path.name,
                [Problem(path.name, line, "snapshot_date", _("No such progress report."))],
            ) from None


def import_evidence(directory: Path, stored_files: list[str]) -> int:
    """Restores the evidence rows and copies their files into storage, naming each
    copy in ``stored_files`` (so that a failed restore removes them)."""
    path = directory / "evidence.csv"
    headers, rows = read_csv(path, columns=EVIDENCE_COLUMNS)
    users = dict(get_user_model().objects.values_list("username", "pk"))
    reports = ReportKeys()
    for line, row in enumerate(rows, start=2):
        record = dict(zip(headers, row, strict=True))
        evidence = Evidence(report_id=reports.pk(path, line, record))
        restore_stored_file(evidence, record, directory, path, line, users, stored_files)
    return len(rows)


def import_activity_changes(directory: Path) -> int:
    path = directory / "activity_changes.csv"
    headers, rows = read_csv(path, columns=ACTIVITY_CHANGE_COLUMNS)
    reports = ReportKeys()
    activities = {
        (commitment_id, number): pk
        for pk, commitment_id, number in Activity.objects.values_list(
            "pk", "commitment_id", "number"
        )
    }
    commitment_of = dict(ProgressReport.objects.values_list("pk", "commitment_id"))
    changes = []
    for line, row in enumerate(rows, start=2):
        record = dict(zip(headers, row, strict=True))
        report_pk = reports.pk(path, line, record)
        activity_pk = activities.get((commitment_of[report_pk], int(record["activity"])))
        if activity_pk is None:
            raise cannot_restore(
                path.name,
                [Problem(path.name, line, "activity", _("No such activity in the commitment."))],
            )
        try:
            change = ActivityChange(
                report_id=report_pk,
                activity_id=activity_pk,
                **{
                    name: _cell(ActivityChange._meta.get_field(name), record[name])
                    for name in ACTIVITY_CHANGE_COLUMNS[5:]
                },
            )
            change.full_clean(exclude=["report", "activity"], validate_unique=False)
        except ValidationError as invalid:
            raise cannot_restore(
                path.name,
                [
                    Problem(path.name, line, column, " ".join(messages))
                    for column, messages in _messages(invalid).items()
                ],
            ) from None
        changes.append(change)
    ActivityChange.objects.bulk_create(changes, batch_size=1000)
    return len(rows)


def import_review_comments(directory: Path) -> int:
    path = directory / "review_comments.csv"
    headers, rows = read_csv(path, columns=REVIEW_COMMENT_COLUMNS)
    reports = ReportKeys()
    users = dict(get_user_model().objects.values_list("username", "pk"))
    comments = []
    for line, row in enumerate(rows, start=2):
        record = dict(zip(headers, row, strict=True))
        author = record["author"]
        if author and author not in users:
            raise cannot_restore(
                path.name, [Problem(path.name, line, "author", _("No such user."))]
            )
        comments.append(
            ReviewComment(
                report_id=reports.pk(path, line, record),
                author_id=users.get(author),
                written_at=datetime.datetime.fromisoformat(record["written_at"]),
                text=record["text"],
            )
        )
    ReviewComment.objects.bulk_create(comments, batch_size=1000)
    return len(rows)


ASSESSMENT_EVIDENCE_COLUMNS = [
    "plan",
    "commitment",
    "forum",
    "period_end",
    *STORED_FILE_COLUMNS,
]


def export_assessment_evidence(directory: Path) -> int:
    """The files civil society attached to its assessments, copied under evidence/civil-society/."""
    rows = []
    evidence = AssessmentEvidence.objects.select_related(
        "assessment__commitment__plan", "assessment__forum", "uploaded_by"
    ).order_by("pk")
    for number, item in enumerate(evidence, start=1):
        assessment = item.assessment
        copy = f"evidence/civil-society/{number}/{Path(item.file.name).name}"
        rows.append(
            [
                assessment.commitment.plan.number,
                assessment.commitment.number,
                assessment.forum.name,
                assessment.period_end.isoformat(),
                *stored_file_cells(item, directory, copy),
            ]
        )
    write_csv(directory / "assessment_evidence.csv", ASSESSMENT_EVIDENCE_COLUMNS, rows)
    return len(rows)


def import_assessment_evidence(directory: Path, stored_files: list[str]) -> int:
    path = directory / "assessment_evidence.csv"
    headers, rows = read_csv(path, columns=ASSESSMENT_EVIDENCE_COLUMNS)
    users = dict(get_user_model().objects.values_list("username", "pk"))
    assessments = {
        (plan, commitment, forum, period_end): pk
        for pk, plan, commitment, forum, period_end in Assessment.objects.values_list(
            "pk", "commitment__plan__number", "commitment__number", "forum__name", "period_end"
        )
    }
    for line, row in enumerate(rows, start=2):
        record = dict(zip(headers, row, strict=True))
        try:
            key = (
                int(record["plan"]),
                int(record["commitment"]),
                record["forum"],
                datetime.date.fromisoformat(record["period_end"]),
            )
        except ValueError:
            key = None
        if key not in assessments:
            raise cannot_restore(
                path.name,
                [Problem(path.name, line, "period_end", _("No such civil-society assessment."))],
            )
        evidence = AssessmentEvidence(assessment_id=assessments[key])
        restore_stored_file(evidence, record, directory, path, line, users, stored_files)
    return len(rows)


def _messages(invalid):
    if hasattr(invalid, "error_dict"):
        return invalid.message_dict
    return {"": invalid.messages}


def _cell(field, text):
    """A CSV cell as the field's value; an empty cell is NULL where the field allows it."""
    return field.to_python(text if text or not field.null else None)
