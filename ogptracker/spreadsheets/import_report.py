"""Turns an import result into the list of problems the admin shows, one line each.

Line numbers are the spreadsheet's: the header is line 1, the first data
row line 2, so the secretariat finds the cell where Excel shows it.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from import_export.results import Result

from .sheets import TrackerResource

# Django's words for an empty cell («This field cannot be null.») name neither
# the column nor what to write in it.
EMPTY_CELL_CODES = {"null", "blank", "required"}


@dataclass(frozen=True)
class Problem:
    line: int | None
    column: str
    message: str


def spreadsheet_line(row_number: int) -> int:
    return row_number + 1


def messages_of(error: BaseException) -> list[str]:
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    if isinstance(error, IntegrityError):
        constraint = getattr(getattr(error, "__cause__", None), "diag", None)
        name = getattr(constraint, "constraint_name", None) or ""
        return [_("This row conflicts with a record already saved (%(rule)s).") % {"rule": name}]
    return [str(error)]


def empty_cell(column: str, expected: str) -> str:
    return _("The column «%(column)s» is empty; write %(expected)s.") % {
        "column": column,
        "expected": expected,
    }


def import_problems(result: Result, resource: TrackerResource) -> list[Problem]:
    """Every problem of an import, ordered by line, the file-wide ones first."""
    problems = []
    for error in result.base_errors:
        problems += [Problem(None, "", message) for message in messages_of(error.error)]
    for number, errors in result.row_errors():
        for error in errors:
            problems += [
                Problem(spreadsheet_line(number), "", message)
                for message in messages_of(error.error)
            ]
    for row in result.invalid_rows:
        error = row.error
        if hasattr(error, "error_dict"):
            for field, field_errors in error.error_dict.items():
                column = "" if field == NON_FIELD_ERRORS else resource.column_label(field)
                for field_error in field_errors:
                    messages = field_error.messages
                    if field_error.code in EMPTY_CELL_CODES and column:
                        messages = [empty_cell(column, resource.expected_value(field))]
                    problems += [
                        Problem(spreadsheet_line(row.number), column, message)
                        for message in messages
                    ]
        else:
            problems += [
                Problem(spreadsheet_line(row.number), "", message) for message in messages_of(error)
            ]
    return sorted(problems, key=lambda problem: problem.line or 0)
