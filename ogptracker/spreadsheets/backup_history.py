"""The change history in a backup: one ``history/<table>.csv`` per history table.

A history row keeps its own ``history_id`` (the restore empties the history tables
before writing them back), names people by username, and points to tracker rows by
the ids they had when the backup was written. ``row_ids.csv`` gives those ids for
every row of the tables' files, in their order, so a restore maps each old id to the
row it restored; an object deleted before the backup, known only by its history,
gets a new id above every id in use, and the table's sequence moves past it so that
no later row takes it.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection
from django.db.models import ForeignKey, Max, Model
from django.utils.translation import gettext as _

from ogptracker.pagecache import data_changed

from .backup_files import (
    BackupError,
    Problem,
    cannot_restore,
    field_text,
    field_value,
    messages_of,
    read_csv,
    write_csv,
)

ROW_IDS = "row_ids.csv"

# Old id -> restored id, for each model the backup's tables restore.
IdMap = dict[type[Model], dict[int, int]]


def is_history(model: type[Model]) -> bool:
    return hasattr(model, "instance_type")


def history_models(app_labels: Sequence[str], id_models: set[type[Model]]) -> list[type[Model]]:
    """The history tables of these apps whose records the backup's tables hold, each
    many-to-many history after the one it belongs to (its rows point to that table's
    history_id)."""
    found = [
        model
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
        if is_history(model) and _covered(model, id_models)
    ]
    return sorted(found, key=lambda model: bool(_parent_history(model)))


def _covered(history: type[Model], id_models: set[type[Model]]) -> bool:
    tracked = _tracked_model(history)
    if tracked is not None:
        return tracked in id_models
    return all(_covered(fk.related_model, id_models) for fk in _parent_history(history))


def _parent_history(model: type[Model]) -> list[ForeignKey]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and is_history(field.related_model)
    ]


def history_file(model: type[Model]) -> str:
    return f"history/{model._meta.model_name}.csv"


def _tracked_model(model: type[Model]) -> type[Model] | None:
    """The model whose ids the history's ``id`` column holds (none for a m2m history)."""
    tracked = model.instance_type._meta.concrete_model
    return None if tracked._meta.auto_created else tracked


class Column:
    """How one field of a history table is written and read back."""

    def __init__(self, history: type[Model], field, id_models: set[type[Model]]):
        self.field = field
        self.user = False
        self.points_to = None  # the tracker model whose old ids the column holds
        tracked = _tracked_model(history)
        if isinstance(field, ForeignKey):
            target = field.related_model._meta.concrete_model
            if target is get_user_model():
                self.user = True
            elif not is_history(target):
                self.points_to = target
        elif tracked is not None and field.attname == tracked._meta.pk.attname:
            self.points_to = tracked
        if self.points_to is not None and self.points_to not in id_models:
            raise ValueError(
                f"{history._meta.label}.{field.name} points to {self.points_to._meta.label}, "
                "whose rows are not in the backup's tables"
            )
        self.name = field.name if self.user else field.attname


def columns_of(history: type[Model], id_models: set[type[Model]]) -> list[Column]:
    return [Column(history, field, id_models) for field in history._meta.concrete_fields]


# --- export --------------------------------------------------------------------


def export_row_ids(directory: Path, tables: Sequence[tuple[str, Sequence[int]]]) -> int:
    rows = [(name, pk) for name, ids in tables for pk in ids]
    write_csv(directory / ROW_IDS, ["file", "id"], rows)
    return len(rows)


def export_history(
    directory: Path, app_labels: Sequence[str], id_models: set[type[Model]]
) -> list[tuple[str, int]]:
    usernames = dict(get_user_model().objects.values_list("pk", "username"))
    files = []
    for history in history_models(app_labels, id_models):
        columns = columns_of(history, id_models)
        rows = []
        for record in history._default_manager.order_by("pk").iterator(chunk_size=2000):
            rows.append(
                [
                    usernames.get(getattr(record, column.field.attname), "")
                    if column.user
                    else field_text(column.field, getattr(record, column.field.attname))
                    for column in columns
                ]
            )
        name = history_file(history)
        write_csv(directory / name, [column.name for column in columns], rows)
        files.append((name, len(rows)))
    return files


# --- restore -------------------------------------------------------------------


def read_row_ids(
    directory: Path, tables: Sequence[tuple[str, type[Model]]], counts: Mapping[str, int]
) -> dict[str, list[int]]:
    headers, rows = read_csv(directory / ROW_IDS)
    if headers != ["file", "id"]:
        raise cannot_restore(ROW_IDS, [Problem(ROW_IDS, 1, "", _("The header must be: file, id."))])
    ids: dict[str, list[int]] = {name: [] for name, _model in tables}
    problems = []
    for line, (name, pk) in enumerate(rows, start=2):
        if name not in ids:
            problems.append(Problem(ROW_IDS, line, "file", _("No such table in the backup.")))
        elif not pk.isdigit():
            problems.append(Problem(ROW_IDS, line, "id", _("Not a row id.")))
        else:
            ids[name].append(int(pk))
    for name, listed in ids.items():
        if len(listed) != counts.get(name, 0):
            problems.append(
                Problem(
                    ROW_IDS,
                    None,
                    "",
                    _("It gives %(ids)s ids for %(file)s, which has %(rows)s rows.")
                    % {"ids": len(listed), "file": name, "rows": counts.get(name, 0)},
                )
            )
        elif len(set(listed)) != len(listed):
            problems.append(
                Problem(ROW_IDS, None, "", _("%(file)s has the same id twice.") % {"file": name})
            )
    if problems:
        raise cannot_restore(ROW_IDS, problems)
    return ids


def import_history(
    directory: Path, app_labels: Sequence[str], present: set[str], ids: IdMap
) -> dict[str, int]:
    """Replaces the history of every table the backup holds one for with the backup's;
    the tables it has none for (added since) keep what the restore wrote."""
    known = {history_file(model): model for model in history_models(app_labels, set(ids))}
    unknown = sorted(name for name in present if name.startswith("history/") and name not in known)
    if unknown:
        raise cannot_restore(
            unknown[0], [Problem(name, None, "", _("No such history table.")) for name in unknown]
        )
    replaced = [
        model
        for name, model in known.items()
        if name in present
        or any(history_file(fk.related_model) in present for fk in _parent_history(model))
    ]
    users = dict(get_user_model().objects.values_list("username", "pk"))
    read = {}
    problems = []
    for model in replaced:
        name = history_file(model)
        if name in present:
            read[model] = _read_history(directory, name, model, set(ids), users, problems)
    if problems:
        raise cannot_restore(problems[0].file, problems)
    _give_deleted_objects_ids(read, ids)
    with connection.cursor() as cursor:
        for model in reversed(replaced):  # A m2m history before the table it points to.
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    counts = {}
    for model, rows in read.items():
        model._default_manager.bulk_create(
            [
                model(
                    **{
                        attname: ids[target][value] if target and value is not None else value
                        for attname, target, value in row
                    }
                )
                for row in rows
            ],
            batch_size=1000,
        )
        counts[history_file(model)] = len(rows)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), replaced):
            cursor.execute(statement)
    data_changed()  # The public change logs read the history.
    return counts


def _read_history(directory, name, model, id_models, users, problems):
    """Each row as (attname, tracker model or None, value); problems appended."""
    headers, lines = read_csv(directory / name, name)
    columns = {column.name: column for column in columns_of(model, id_models)}
    missing = [column for column in columns if column not in headers]
    extra = [header for header in headers if header not in columns]
    if missing or extra:
        problems += [
            Problem(name, 1, column, _("This column is missing.")) for column in missing
        ] + [Problem(name, 1, header, _("No such column.")) for header in extra]
        return []
    order = [columns[header] for header in headers]
    rows = []
    for line, cells in enumerate(lines, start=2):
        row = []
        for column, text in zip(order, cells, strict=True):
            if column.user:
                if text and text not in users:
                    problems.append(Problem(name, line, column.name, _("No such user.")))
                row.append((column.field.attname, None, users.get(text)))
                continue
            try:
                value = field_value(column.field, text)
            except ValidationError as invalid:
                problems.append(Problem(name, line, column.name, " ".join(messages_of(invalid))))
                continue
            row.append((column.field.attname, column.points_to, value))
        rows.append(row)
    return rows


def _give_deleted_objects_ids(read, ids: IdMap) -> None:
    """Ids, above every id in use, for the objects only the history knows."""
    unknown: dict[type[Model], set[int]] = {}
    for rows in read.values():
        for row in rows:
            for _attname, target, value in row:
                if target is not None and value is not None and value not in ids[target]:
                    unknown.setdefault(target, set()).add(value)
    for model, old_ids in unknown.items():
        in_use = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
        top = max([in_use, *ids[model].values()])
        for new, old in enumerate(sorted(old_ids), start=top + 1):
            ids[model][old] = new
        _move_sequence_past(model, top + len(old_ids))


def _move_sequence_past(model: type[Model], value: int) -> None:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST(%s, COALESCE("
                "pg_sequence_last_value(pg_get_serial_sequence(%s, %s)::regclass), 0)))",
                [table, column, value, table, column],
            )
        elif connection.vendor == "sqlite":
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [value, table]
            )
            if cursor.rowcount == 0:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, value]
                )
        else:
            raise BackupError(f"Restoring history is not supported on {connection.vendor}.")
