"""Bidirectional controls: kept out of names, titles and file names; typed text isolated on output.

An override such as U+202E (RIGHT-TO-LEFT OVERRIDE) typed in a participant's
name reverses everything after it on the line, the function and commitments
that follow in the minutes included; U+2066–U+2069 open and close isolates the
same way. One rule, `strip_controls`, takes them out of names and titles as
they are saved (`NameField`, whatever the path: admin, spreadsheet imports,
restores) and of uploaded file names (`FileSystemStorage`). The
marks (LRM, RLM, ALM) orient only the character beside them and are kept:
Arabic typists use them around Latin words and digits. Text saved before this
rule, and longer texts, are isolated where they are printed (`isolated`).
"""

import re
from collections.abc import Sequence
from typing import Any

from django.core.files import storage
from django.db import models

# LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI.
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
LEFT_TO_RIGHT_ISOLATE = "\u2066"
RIGHT_TO_LEFT_ISOLATE = "\u2067"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def strip_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def isolated(text: str | None) -> str | None:
    """`text` between FSI and PDI: its direction, and any control left in it, end where it ends.

    Characters rather than markup, so that they hold in composed lines, in the
    page and in the PDF alike.
    """
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text


class NameField(models.CharField):
    """A name or title: a CharField that keeps no bidirectional control."""

    def to_python(self, value: Any) -> Any:
        # Called by the model's validation (the admin's forms show the cleaned text) and,
        # through CharField.get_prep_value, for every value written: save(), bulk_create()
        # and update() alike, so spreadsheet imports and restores too.
        value = super().to_python(value)
        return strip_controls(value) if isinstance(value, str) else value

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        # The same column as a CharField: migrations need not know.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class FileSystemStorage(storage.FileSystemStorage):
    """Uploaded files' names under the same rule as names and titles, then Django's own."""

    def get_valid_filename(self, name: str) -> str:
        return super().get_valid_filename(strip_controls(name))
