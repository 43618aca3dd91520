"""The files of a backup: CSV read and written as the format says, and what a restore
reports when one of them is wrong (in the language of the command or the admin)."""

import csv
import datetime
import json
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Field, JSONField
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup that cannot be restored; ``problems`` says where and why."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class Problem:
    file: str
    line: int | None
    column: str
    message: str

    def __str__(self):
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f" [{self.column}]" if self.column else ""
        return f"{where}{column}: {self.message}"


def cannot_restore(name: str, problems: Iterable[Problem]) -> BackupError:
    return BackupError(_("%(file)s cannot be restored.") % {"file": name}, problems)


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        writer.writerows(rows)


def read_csv(
    path: Path, name: str | None = None, columns: Sequence[str] = ()
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a backup file; a missing, non-UTF-8 or ragged file, or
    one without all of ``columns``, is a BackupError naming it."""
    name = name or path.name
    if not path.is_file():
        raise cannot_restore(name, [Problem(name, None, "", _("The file is missing."))])
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
    except (UnicodeDecodeError, csv.Error):
        raise cannot_restore(
            name, [Problem(name, None, "", _("The file is not UTF-8 CSV text."))]
        ) from None
    if not rows:
        raise cannot_restore(name, [Problem(name, None, "", _("The file is empty."))])
    headers, rows = rows[0], rows[1:]
    missing = [
        Problem(name, 1, column, _("This column is missing."))
        for column in columns
        if column not in headers
    ]
    if missing:
        raise cannot_restore(name, missing)
    ragged = [
        Problem(
            name,
            line,
            "",
            _("This line has %(cells)s cells; the header has %(headers)s.")
            % {"cells": len(row), "headers": len(headers)},
        )
        for line, row in enumerate(rows, start=2)
        if len(row) != len(headers)
    ]
    if ragged:
        raise cannot_restore(name, ragged)
    return headers, rows


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def field_text(field: Field, value: object) -> str:
    """A field's value as its backup cell."""
    if isinstance(field, JSONField) and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return as_text(value)


def field_value(field: Field, text: str) -> object:
    """A backup cell as the field's value; an empty cell is NULL where the field allows
    it. Raises ValidationError for a value the field cannot hold."""
    if text == "" and field.null:
        return None
    if isinstance(field, JSONField):
        try:
            return json.loads(text)
        except ValueError:
            raise ValidationError(_("Enter a valid JSON.")) from None
    value = field.to_python(text)
    if value not in field.empty_values:
        field.run_validators(value)
        if field.choices:
            field.validate(value, None)
    return value


def messages_of(invalid: ValidationError) -> list[str]:
    return [str(message) for message in invalid.messages]


# The cells of an uploaded file (a report's or an assessment's evidence), after its key.
STORED_FILE_COLUMNS = ["file", "description", "content_type", "size", "uploaded_by", "uploaded_at"]


def stored_file_cells(item, directory: Path, copy: str) -> list[object]:
    """The STORED_FILE_COLUMNS of `item`, its file copied to `directory / copy`."""
    return [
        copy_stored_file(item.file, directory, copy),
        item.description,
        item.content_type,
        item.size,
        item.uploaded_by.get_username() if item.uploaded_by else "",
        as_text(item.uploaded_at),
    ]


def restore_stored_file(
    item, record: dict, directory: Path, path: Path, line: int, users: dict, stored_files: list
) -> None:
    """Fill `item` (unsaved, its key set) from the STORED_FILE_COLUMNS of `record`
    (line `line` of `path`), copy its file into storage, naming the copy in
    `stored_files` (so that a failed restore removes it), and save it with the
    time it was uploaded. `users`: the accounts' ids by username."""
    source = directory / record["file"] if record["file"] else None
    if source is None or not source.is_file():
        missing = _("%(file)s is missing from the backup.") % {"file": record["file"]}
        raise cannot_restore(path.name, [Problem(path.name, line, "file", missing)])
    item.description = record["description"]
    item.content_type = record["content_type"]
    item.size = int(record["size"] or 0)
    item.uploaded_by_id = users.get(record["uploaded_by"])
    with open(source, "rb") as stream:
        item.file.save(source.name, File(stream), save=False)
    stored_files.append(item.file.name)
    item.save()
    if record["uploaded_at"]:
        type(item).objects.filter(pk=item.pk).update(
            uploaded_at=datetime.datetime.fromisoformat(record["uploaded_at"])
        )


def copy_stored_file(file: FieldFile, directory: Path, copy: str) -> str:
    """Copies a stored file (disk or bucket) to `directory / copy`; returns `copy`, or ""
    when the storage no longer holds the file."""
    if not file or not default_storage.exists(file.name):
        return ""
    target = directory / copy
    target.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(file.name, "rb") as source, open(target, "wb") as out:
        shutil.copyfileobj(source, out)
    return copy
