"""Spreadsheet cells and columns: strict conversions, formulas, natural-key lookups.

A value that a spreadsheet would silently misread (a US-style date, «yes»
for a boolean, 12.5 for a whole number) is refused with a message the
secretariat can act on; a cell a spreadsheet would run as a formula is
refused on import and neutralised on export.
"""

import datetime
import re
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets
from import_export.formats import base_formats

from .languages import CODES as LANGUAGE_CODES

if TYPE_CHECKING:
    import tablib

# A cell a spreadsheet would run as a formula: =, @, tab or carriage return
# first, or + / - directly followed by a function call (-HYPERLINK(...)).
# An import refuses such a cell. A plain leading dash is allowed: the minutes
# write lists as «-النشاط 1».
FORMULA = re.compile(r"^(?:[=@\t\r]|[+-]\s*[A-Za-z_][\w.]*\s*\()")
# The one neutralising rule of every export (the admin's spreadsheets and open
# data alike): a text cell starting with one of these, «-النشاط 1» included, may
# be run or broken by a spreadsheet, so it gets a leading apostrophe, which the
# imports take off again.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"

T = TypeVar("T")


def isolated(value: object) -> str:
    """A cell's text inside a message, kept in its own direction (a Latin formula in Arabic)."""
    return f"\u2068{value}\u2069"


def joined(items: Iterable[object]) -> str:
    """A list inside a message, with the comma of the active language."""
    return ("، " if translation.get_language_bidi() else ", ").join(str(item) for item in items)


def is_formula(value: object) -> bool:
    return isinstance(value, str) and bool(FORMULA.match(value))


def escape_formula(value: T) -> T | str:
    """Prefix a text a spreadsheet could run with an apostrophe, as spreadsheets do for
    literal text (and one more to a text already escaped, so that importing gives it back)."""
    if isinstance(value, str) and value.lstrip(ESCAPE).startswith(FORMULA_TRIGGERS):
        return ESCAPE + value
    return value


def unescape_formula(value: T) -> T | str:
    """The text `escape_formula` escaped."""
    if (
        isinstance(value, str)
        and value.startswith(ESCAPE)
        and value.lstrip(ESCAPE).startswith(FORMULA_TRIGGERS)
    ):
        return value[1:]
    return value


class XLSX(base_formats.XLSX):
    """Reads formulas as written, so a formula cell is refused rather than run or dropped;
    writes sheets laid out for reading: right to left in Arabic, the header row frozen,
    each column as wide as its text (within bounds), dates shown as dates."""

    def export_data(self, dataset: "tablib.Dataset", **kwargs: Any) -> bytes:
        from io import BytesIO

        import openpyxl

        book = openpyxl.load_workbook(BytesIO(super().export_data(dataset, **kwargs)))
        lay_out(book.active)
        out = BytesIO()
        book.save(out)
        return out.getvalue()

    def create_dataset(self, in_stream: bytes) -> "tablib.Dataset":
        from io import BytesIO

        import openpyxl
        import tablib

        book = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=False)
        rows = book.active.iter_rows(values_only=True)
        dataset = tablib.Dataset()
        try:
            dataset.headers = [value for value in next(rows)]
        except StopIteration:
            return dataset
        for row in rows:
            if any(value not in (None, "") for value in row):
                dataset.append(list(row))
        return dataset


# Column widths in characters: a number stays readable, a long text wraps at the edge.
NARROWEST, WIDEST = 8, 60
DATE_FORMATS = {datetime.datetime: "yyyy-mm-dd hh:mm", datetime.date: "yyyy-mm-dd"}


def lay_out(sheet: Any) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    sheet.freeze_panes = "A2"
    for header in sheet[1]:
        header.font = Font(bold=True)
    for index, column in enumerate(sheet.iter_cols(), start=1):
        longest = 0
        for cell in column:
            for kind, number_format in DATE_FORMATS.items():
                if isinstance(cell.value, kind):
                    cell.number_format = number_format
                    break
            text = "" if cell.value is None else str(cell.value)
            longest = max([longest, *(len(line) for line in text.splitlines())])
        width = min(max(longest + 2, NARROWEST), WIDEST)
        sheet.column_dimensions[get_column_letter(index)].width = width


FORMATS = [base_formats.CSV, XLSX]


def native(kwargs: Mapping[str, Any]) -> bool:
    """Whether the export writes typed cells (XLSX: numbers and dates as such) rather
    than text (CSV); django-import-export says so to every widget's `render`."""
    return bool(kwargs.get("force_native_type"))


class TextWidget(widgets.CharWidget):
    """Trimmed text; an empty cell is None where the column allows it (French and English
    texts not written yet), so a re-imported export compares equal."""

    expected = gettext_lazy("a text")

    def clean(self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any) -> str | None:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else force_str(value).strip()
        if not text and not self.allow_blank:
            return None
        return text


class IntegerWidget(widgets.IntegerWidget):
    expected = gettext_lazy("a whole number, such as 7")

    def clean(self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(
                _("«%(value)s» is not a number.") % {"value": isolated(value)}
            ) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("«%(value)s» is not a whole number.") % {"value": isolated(value)})
        if abs(number) > 10**9:
            raise ValueError(_("«%(value)s» is too large.") % {"value": isolated(value)})
        return int(number)


class DecimalWidget(widgets.DecimalWidget):
    """A sum such as 1500000 or 1500000.50; a decimal comma (1500000,50) is read too."""

    expected = gettext_lazy("a number, such as 1500000 or 1500000.50")

    def clean(
        self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _("«%(value)s» is not a number.") % {"value": isolated(value)}
            ) from None
        if not number.is_finite():
            raise ValueError(_("«%(value)s» is not a number.") % {"value": isolated(value)})
        return number


class BooleanWidget(widgets.BooleanWidget):
    expected = gettext_lazy("1 for yes or 0 for no")
    TRUE = {"1", "true", "yes", "oui", "vrai", "نعم", "x"}
    FALSE = {"0", "false", "no", "non", "faux", "لا", ""}

    def clean(self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        text = str(value).strip().lower()
        if text.endswith(".0"):
            text = text[:-2]
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(
            _("«%(value)s» is not yes or no (use 1 or 0).") % {"value": isolated(value)}
        )

    def render(self, value: bool | None, obj: Model | None = None, **kwargs: Any) -> Any:
        # 1 and 0, the way the import's help and the backups write them.
        if value is None:
            return None if native(kwargs) else ""
        return int(value) if native(kwargs) else str(int(value))


class DateWidget(widgets.DateWidget):
    """ISO dates (2020-06-17) or the Moroccan day/month/year (17/06/2020); never month first."""

    INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
    expected = gettext_lazy("a date, such as 2020-06-17 or 17/06/2020")

    def clean(
        self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> datetime.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        # Spreadsheets add a midnight time to dates they recognised.
        text = re.sub(r"[ T]00:00(:00)?$", "", text)
        for date_format in self.INPUT_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(
            _("«%(value)s» is not a valid date (write it as 2020-06-17 or 17/06/2020).")
            % {"value": isolated(value)}
        )

    def render(self, value: datetime.date | None, obj: Model | None = None, **kwargs: Any) -> Any:
        if native(kwargs):
            return value
        return value.isoformat() if value else ""


class DateTimeWidget(widgets.DateTimeWidget):
    expected = gettext_lazy("a date and time, such as 2020-06-17 10:30")

    def clean(
        self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> datetime.datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.datetime):
            parsed = value
        else:
            try:
                parsed = datetime.datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(
                    _("«%(value)s» is not a valid date and time.") % {"value": isolated(value)}
                ) from None
        if parsed.tzinfo is None:
            from django.utils import timezone

            parsed = timezone.make_aware(parsed)
        return parsed

    def render(
        self, value: datetime.datetime | None, obj: Model | None = None, **kwargs: Any
    ) -> Any:
        if native(kwargs):
            from django.utils import timezone

            # Spreadsheets hold no time zone: Morocco's time, read back as such.
            return timezone.localtime(value).replace(tzinfo=None) if value else None
        return value.isoformat() if value else ""


class TimeWidget(widgets.TimeWidget):
    expected = gettext_lazy("a time, such as 14:30")

    def clean(
        self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> datetime.time | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime.time):
            return value
        for time_format in ("%H:%M:%S", "%H:%M"):
            try:
                return datetime.datetime.strptime(str(value).strip(), time_format).time()
            except ValueError:
                continue
        raise ValueError(
            _("«%(value)s» is not a valid time (write it as 14:30).") % {"value": isolated(value)}
        )

    def render(self, value: datetime.time | None, obj: Model | None = None, **kwargs: Any) -> Any:
        if native(kwargs):
            return value
        return value.strftime("%H:%M") if value else ""


class ChoiceWidget(widgets.Widget):
    """Stores the code (``published``); accepts the code or its label in any site language."""

    def __init__(self, choices, blank=False):
        super().__init__()
        self.choices = choices
        self.blank = blank
        self._lookup = None

    def lookup(self) -> dict[str, str]:
        if self._lookup is None:
            self._lookup = {}
            for code in LANGUAGE_CODES:
                with translation.override(code):
                    for value, label in self.choices.choices:
                        self._lookup[str(label).strip().lower()] = value
            for value in self.choices.values:
                self._lookup[value.lower()] = value
        return self._lookup

    def clean(self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any) -> str | None:
        text = "" if value is None else str(value).strip()
        if not text:
            if self.blank:
                return ""
            return None
        try:
            return self.lookup()[text.lower()]
        except KeyError:
            raise ValueError(
                _("«%(value)s» is not allowed here; write %(expected)s.")
                % {"value": isolated(value), "expected": self.expected}
            ) from None

    def render(self, value: str | None, obj: Model | None = None, **kwargs: Any) -> str:
        # With `labels` (the admin's exports) the label in the active language,
        # which the import reads back; the code otherwise (backups, open data).
        if value and kwargs.get("labels"):
            return str(dict(self.choices.choices).get(value, value))
        return value or ""

    @property
    def expected(self) -> str:
        return _("one of: %(allowed)s") % {
            "allowed": joined(label for _value, label in self.choices.choices)
        }


class KeyWidget(widgets.Widget):
    """Resolves a natural key to a row, once per distinct key in a file.

    ``resolve(key)`` returns the object or None; ``key(row, value)`` builds
    the key from the row's cells; ``describe(key)`` says what was not found.
    """

    expected = gettext_lazy("the number or name of a saved record")

    def __init__(self, render):
        super().__init__()
        self.render_value = render
        self.cache = {}

    def key(self, value: Any, row: Mapping[str, Any]) -> Hashable:
        return value

    def resolve(self, key: Any) -> Model | None:
        raise NotImplementedError

    def missing(self, key: Any) -> str:
        raise NotImplementedError

    def clean(
        self, value: Any, row: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> Model | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        key = self.key(value, row or {})
        if key not in self.cache:
            self.cache[key] = self.resolve(key)
        if self.cache[key] is None:
            raise ValueError(self.missing(key))
        return self.cache[key]

    def render(self, value: Model | None, obj: Model | None = None, **kwargs: Any) -> Any:
        if value is None:
            return None if native(kwargs) else ""
        key = self.render_value(value)
        # A plan's number or a meeting's date stays a number or a date in XLSX.
        if native(kwargs) and isinstance(key, int | datetime.date):
            return key
        return force_str(key)


def empty_as_none(value: T) -> T | None:
    return None if value == "" else value


def cell_number(value: Any) -> int | None:
    """A key cell as a whole number, whether the spreadsheet gave 7, 7.0 or «7»."""
    return IntegerWidget().clean(value)


class Field(fields.Field):
    """A resource column with a label that the admin shows and accepts as a header."""

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label


WIDGETS_BY_FIELD = {
    "CharField": TextWidget,
    "TextField": TextWidget,
    "PositiveSmallIntegerField": IntegerWidget,
    "PositiveIntegerField": IntegerWidget,
    "DecimalField": DecimalWidget,
    "BooleanField": BooleanWidget,
    "DateField": DateWidget,
    "DateTimeField": DateTimeWidget,
    "TimeField": TimeWidget,
}


def model_fields(model: type[Model], names: Iterable[str]) -> dict[str, Field]:
    """Plain columns for model fields, with the tracker's strict widgets."""
    declared = {}
    for name in names:
        django_field = model._meta.get_field(name)
        if django_field.choices:
            widget = ChoiceWidget(_Choices(django_field), blank=django_field.blank)
        else:
            widget = WIDGETS_BY_FIELD[django_field.get_internal_type()]()
            if isinstance(widget, TextWidget):
                widget.allow_blank = not django_field.null
        declared[name] = Field(attribute=name, column_name=name, widget=widget)
    return declared


class _Choices:
    def __init__(self, django_field):
        self.choices = django_field.choices
        self.values = [value for value, _label in django_field.choices]
