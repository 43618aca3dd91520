"""A plan's texts still to translate, out to a spreadsheet and back.

Arabic is the text of record (the committees' minutes are written in it); the
other languages are its translations. The export lists every public text of a
plan whose Arabic is written and one of its translations is empty: one row per
text, one column per language (the Arabic for reference, then Amazigh, French
and English). The translator fills the empty cells and the secretariat imports
the file back: all or nothing, as the other imports. A row is refused, and
nothing is saved, when its record or field is unknown, when its Arabic changed
since the export (the translation would be of an older text), or when a cell
would run as a formula. An empty cell leaves the text as it is; a filled one
replaces it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from commitments.enums import MeetingStatus, ReportStatus
from commitments.models import ActionPlan, Activity, Axis, Commitment, Institution, ProgressReport
from meetings.models import AgendaItem, Meeting, NextStep, Participant
from ogptracker.common.cells import escape_formula, is_formula, isolated, lay_out, unescape_formula
from ogptracker.common.languages import CODES
from ogptracker.ogpcycle.models import CommitmentDesign
from ogptracker.ogpcycle.translation import DESIGN_TEXTS

SOURCE = settings.LANGUAGE_CODE
TARGETS = tuple(code for code in CODES if code != SOURCE)
HEADERS = ["record", "id", "field", *CODES]
LANGUAGE_NAMES = [(code, name) for code, name in settings.LANGUAGES if code != SOURCE]


@dataclass(frozen=True)
class Kind:
    """The translated texts of one model that the public pages show: `plan` is the
    lookup from a row to its plan, `public` the rows the public sees."""

    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    plan: str
    public: Q = Q()

    def rows(self, plan: ActionPlan | None = None) -> models.QuerySet:
        rows = self.model.objects.filter(self.public)
        return rows.filter(**{self.plan: plan.pk}).distinct() if plan else rows


PUBLISHED_MEETING = Q(meeting__status=MeetingStatus.PUBLISHED)
KINDS = [
    Kind("plan", ActionPlan, ("title", "summary"), "pk"),
    Kind("axis", Axis, ("title",), "plan"),
    Kind("institution", Institution, ("name",), "led_commitments__plan"),
    Kind(
        "commitment",
        Commitment,
        ("title", "problem", "status_quo", "description", "other_actors"),
        "plan",
    ),
    Kind("design", CommitmentDesign, DESIGN_TEXTS, "commitment__plan"),
    Kind("activity", Activity, ("title", "note"), "commitment__plan"),
    Kind(
        "report",
        ProgressReport,
        ("narrative", "platform_note", "schedule"),
        "commitment__plan",
        Q(status=ReportStatus.PUBLISHED),
    ),
    Kind(
        "meeting",
        Meeting,
        ("title", "place"),
        "committee__plan",
        Q(status=MeetingStatus.PUBLISHED),
    ),
    Kind(
        "participant",
        Participant,
        ("group", "function", "organisation"),
        "meeting__committee__plan",
        PUBLISHED_MEETING,
    ),
    Kind(
        "agenda_item",
        AgendaItem,
        ("title", "body", "bullets"),
        "meeting__committee__plan",
        PUBLISHED_MEETING,
    ),
    Kind("next_step", NextStep, ("text",), "meeting__committee__plan", PUBLISHED_MEETING),
]
KIND_BY_NAME = {kind.name: kind for kind in KINDS}


def _filled(column: str) -> Q:
    return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})


def lacking(field: str, language: str) -> Q:
    """Rows whose Arabic `field` is written and whose `language` version is empty."""
    return _filled(f"{field}_{SOURCE}") & ~_filled(f"{field}_{language}")


def untranslated(plan: ActionPlan) -> Iterator[list[Any]]:
    """The export's rows: record, id, field, then the text in each language."""
    for kind in KINDS:
        for field in kind.fields:
            wanted = Q()
            for language in TARGETS:
                wanted |= lacking(field, language)
            columns = [f"{field}_{code}" for code in CODES]
            rows = kind.rows(plan).filter(wanted).order_by("pk").values_list("pk", *columns)
            for pk, *texts in rows:
                yield [kind.name, pk, field, *(escape_formula(text or "") for text in texts)]


def export_xlsx(plan: ActionPlan) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"plan {plan.number}"
    sheet.append(HEADERS)
    for row in untranslated(plan):
        sheet.append(row)
    lay_out(sheet)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def missing_counts(plan: ActionPlan | None = None) -> dict[str, int]:
    """For each language other than Arabic, how many public texts (of `plan`, or of
    every plan) lack it: one query per kind of record."""
    counts = dict.fromkeys(TARGETS, 0)
    for kind in KINDS:
        totals = kind.rows(plan).aggregate(
            **{
                f"{field}__{language}": models.Count("pk", filter=lacking(field, language))
                for field in kind.fields
                for language in TARGETS
            }
        )
        for column, count in totals.items():
            counts[column.rsplit("__", 1)[1]] += count
    return counts


class TranslationFileError(ValueError):
    """The file is not a translation spreadsheet: nothing was read from it."""


def read_rows(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(line, row by header) of an XLSX file exported by `export_xlsx`."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file it cannot read
        raise TranslationFileError(
            _("The file is not an Excel XLSX workbook: export the translations again.")
        ) from error
    rows = book.active.iter_rows(values_only=True)
    headers = [str(value).strip() if value is not None else "" for value in next(rows, [])]
    missing = [header for header in HEADERS if header not in headers]
    if missing:
        raise TranslationFileError(
            _("The first line must hold the columns %(columns)s; %(missing)s is missing.")
            % {
                "columns": ", ".join(HEADERS),
                "missing": ", ".join(isolated(column) for column in missing),
            }
        )
    return [
        (line, dict(zip(headers, values, strict=False)))
        for line, values in enumerate(rows, start=2)
        if any(value not in (None, "") for value in values)
    ]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    column: str = ""


def import_xlsx(plan: ActionPlan, data: bytes) -> tuple[int, list[Problem]]:
    """Writes the filled translations of the file, or nothing if any row is wrong:
    (texts written, problems)."""
    rows = read_rows(data)
    problems: list[Problem] = []
    changes: dict[tuple[str, int], dict[str, str]] = {}
    records = _records(plan, rows)
    for line, row in rows:
        kind = KIND_BY_NAME.get(str(row.get("record") or "").strip())
        field = str(row.get("field") or "").strip()
        if kind is None or field not in kind.fields:
            problems.append(
                Problem(
                    line,
                    _("«%(record)s %(field)s» is not a translated text of a plan.")
                    % {"record": row.get("record"), "field": field},
                )
            )
            continue
        record = records.get((kind.name, _id(row.get("id"))))
        if record is None:
            problems.append(
                Problem(
                    line,
                    _("No %(record)s %(id)s belongs to this plan's published texts.")
                    % {"record": kind.name, "id": row.get("id")},
                )
            )
            continue
        source = unescape_formula(_text(row.get(SOURCE)))
        if source.strip() != (getattr(record, f"{field}_{SOURCE}") or "").strip():
            problems.append(
                Problem(
                    line,
                    _(
                        "The Arabic text changed since this file was exported: export the "
                        "translations again."
                    ),
                )
            )
            continue
        for language in TARGETS:
            text = _text(row.get(language))
            if not text.strip():
                continue
            if is_formula(text):
                problems.append(
                    Problem(
                        line,
                        _("The text starts like a formula (%(text)s).")
                        % {"text": isolated(text[:20])},
                        language,
                    )
                )
                continue
            text = unescape_formula(text).strip()
            column = f"{field}_{language}"
            # A translation the file repeats as it stands is not written again.
            if text != (getattr(record, column) or ""):
                changes.setdefault((kind.name, record.pk), {})[column] = text
    if problems:
        return 0, problems
    written = 0
    with transaction.atomic():
        for (name, pk), values in changes.items():
            record = records[(name, pk)]
            for column, text in values.items():
                setattr(record, column, text)
            # save(), not update(): history, the page cache's version and NameField's rule.
            record.save(update_fields=list(values))
            written += len(values)
    return written, []


def _records(
    plan: ActionPlan, rows: Iterable[tuple[int, dict[str, Any]]]
) -> dict[tuple[str, int], models.Model]:
    """The plan's records the rows name, one query per kind named."""
    wanted: dict[str, set[int]] = {}
    for _line, row in rows:
        pk = _id(row.get("id"))
        name = str(row.get("record") or "").strip()
        if name in KIND_BY_NAME and pk is not None:
            wanted.setdefault(name, set()).add(pk)
    found = {}
    for name, pks in wanted.items():
        for record in KIND_BY_NAME[name].rows(plan).filter(pk__in=pks):
            found[(name, record.pk)] = record
    return found


def _id(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str:
    return "" if value is None else str(value)
