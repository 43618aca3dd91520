"""What every spreadsheet resource of the tracker shares.

Cells are checked and converted strictly: a value that a spreadsheet would
silently misread (a US-style date, «yes» for a boolean, 12.5 for a whole
number) is refused with a message the secretariat can act on. Headers are
the technical column names (``plan``, ``title_ar``) or their labels in any
of the site's languages, so a file exported from the Arabic admin can be
imported back from the French one.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import ModelInstanceLoader

# A cell a spreadsheet would run as a formula: =, @, tab or carriage return
# first, or + / - directly followed by a function call (-HYPERLINK(...)).
# A plain leading dash stays allowed: the minutes write lists as «-النشاط 1».
FORMULA = re.compile(r"^(?:[=@\t\r]|[+-]\s*[A-Za-z_][\w.]*\s*\()")
ESCAPE = "'"

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def isolated(value):
    """A cell's text inside a message, kept in its own direction (a Latin formula in Arabic)."""
    return f"\u2068{value}\u2069"


def is_formula(value):
    return isinstance(value, str) and bool(FORMULA.match(value))


def escape_formula(value):
    """Prefix a formula-like text with an apostrophe, as spreadsheets do for literal text."""
    if isinstance(value, str) and is_formula(value.lstrip(ESCAPE)):
        return ESCAPE + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and value.startswith(ESCAPE) and is_formula(value.lstrip(ESCAPE)):
        return value[1:]
    return value


class XLSX(base_formats.XLSX):
    """Reads formulas as written, so a formula cell is refused rather than run or dropped."""

    def create_dataset(self, in_stream):
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


FORMATS = [base_formats.CSV, XLSX]


class TextWidget(widgets.CharWidget):
    """Trimmed text; an empty cell is None where the column allows it (French and English
    texts not written yet), so a re-imported export compares equal."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = "" if value is None else force_str(value).strip()
        if not text and not self.allow_blank:
            return None
        return text


class IntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
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


class BooleanWidget(widgets.BooleanWidget):
    TRUE = {"1", "true", "yes", "oui", "vrai", "نعم", "x"}
    FALSE = {"0", "false", "no", "non", "faux", "لا", ""}

    def clean(self, value, row=None, **kwargs):
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


class DateWidget(widgets.DateWidget):
    """ISO dates (2020-06-17) or the Moroccan day/month/year (17/06/2020); never month first."""

    INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]

    def clean(self, value, row=None, **kwargs):
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

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class DateTimeWidget(widgets.DateTimeWidget):
    def clean(self, value, row=None, **kwargs):
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

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class TimeWidget(widgets.TimeWidget):
    def clean(self, value, row=None, **kwargs):
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

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class ChoiceWidget(widgets.Widget):
    """Stores the code (``published``); accepts the code or its label in any site language."""

    def __init__(self, choices, blank=False):
        super().__init__()
        self.choices = choices
        self.blank = blank
        self._lookup = None

    def lookup(self):
        if self._lookup is None:
            self._lookup = {}
            for code in LANGUAGE_CODES:
                with translation.override(code):
                    for value, label in self.choices.choices:
                        self._lookup[str(label).strip().lower()] = value
            for value in self.choices.values:
                self._lookup[value.lower()] = value
        return self._lookup

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            if self.blank:
                return ""
            return None
        try:
            return self.lookup()[text.lower()]
        except KeyError:
            allowed = ", ".join(self.choices.values)
            raise ValueError(
                _("«%(value)s» is not one of the allowed values: %(allowed)s.")
                % {"value": isolated(value), "allowed": allowed}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class KeyWidget(widgets.Widget):
    """Resolves a natural key to a row, once per distinct key in a file.

    ``resolve(key)`` returns the object or None; ``key(row, value)`` builds
    the key from the row's cells; ``describe(key)`` says what was not found.
    """

    def __init__(self, render):
        super().__init__()
        self.render_value = render
        self.cache = {}

    def key(self, value, row):
        return value

    def resolve(self, key):
        raise NotImplementedError

    def missing(self, key):
        raise NotImplementedError

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        key = self.key(value, row or {})
        if key not in self.cache:
            self.cache[key] = self.resolve(key)
        if self.cache[key] is None:
            raise ValueError(self.missing(key))
        return self.cache[key]

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else force_str(self.render_value(value))


def empty_as_none(value):
    return None if value == "" else value


def cell_number(value):
    """A key cell as a whole number, whether the spreadsheet gave 7, 7.0 or «7»."""
    return IntegerWidget().clean(value)


class Field(fields.Field):
    """A resource column with a label that the admin shows and accepts as a header."""

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label


# Beyond this many rows the preview lists what each row does, without a per-cell diff.
PREVIEW_DIFF_ROWS = 500


class NaturalKeyLoader(ModelInstanceLoader):
    """Finds the existing rows a file names with one query, not one per row.

    Rows created earlier in the same file are remembered, so a key repeated
    in a file updates the row it created instead of adding a twin.
    """

    AMBIGUOUS = object()

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        resource.instance_loader = self
        self.fields = [resource.fields[name] for name in resource.get_import_id_fields()]
        self.instances = None
        self.last_key = None

    @staticmethod
    def plain(value):
        return value.pk if isinstance(value, models.Model) else value

    def key(self, row):
        return tuple(self.plain(field.clean(row)) for field in self.fields)

    def load(self):
        keys = set()
        for row in self.dataset.dict:
            try:
                keys.add(self.key(row))
            except (ValueError, ValidationError):
                continue  # Reported when the row itself is imported.
        self.instances = {}
        if not keys:
            return
        queryset = self.get_queryset()
        for index, field in enumerate(self.fields):
            values = {key[index] for key in keys}
            if None not in values:
                queryset = queryset.filter(**{f"{field.attribute}__in": values})
        attributes = [field.attribute for field in self.fields]
        pks = {}
        for pk, *values in queryset.values_list("pk", *attributes):
            key = tuple(values)
            pks[key] = self.AMBIGUOUS if key in pks else pk
        rows = queryset.model._default_manager.in_bulk(
            [pk for key, pk in pks.items() if key in keys and pk is not self.AMBIGUOUS]
        )
        for key, pk in pks.items():
            if key in keys:
                self.instances[key] = pk if pk is self.AMBIGUOUS else rows[pk]

    def get_instance(self, row):
        if self.instances is None:
            self.load()
        # Kept for remember(), called once the same row is saved.
        self.last_key = self.key(row)
        instance = self.instances.get(self.last_key)
        if instance is self.AMBIGUOUS:
            raise ValueError(
                _("Several saved rows have this row's key; correct them in the admin first.")
            )
        return instance

    def remember(self, row, instance):
        if self.instances is not None:
            self.instances[self.last_key] = instance


class PreviewDiff(resources.Diff):
    """The preview's per-cell diff, skipped for a large file where nobody reads it."""

    def __init__(self, resource, instance, new):
        self.skip = not resource.preview_diff
        self.left = [] if self.skip else self._read_field_values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource, instance):
        if not self.skip:
            super().compare_with(resource, instance)


class TrackerResource(resources.ModelResource):
    """Base of every model resource: strict cells, natural keys, labelled headers.

    ``labels=True`` (the admin) writes headers in the active language;
    ``restore=True`` (``import_all``) creates every row without looking
    for an existing one, since the database it fills is empty.
    """

    def __init__(self, labels=False, restore=False, **kwargs):
        super().__init__(**kwargs)
        self.labels = labels
        self.restore = restore
        self.instance_loader = None
        self.preview_diff = True
        self.user = None

    class Meta:
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    # --- headers ---------------------------------------------------------

    def label_for(self, field):
        label = getattr(field, "label", None)
        if label is not None:
            return str(label)
        model = self._meta.model
        name = field.attribute or field.column_name
        for code in LANGUAGE_CODES:
            suffix = f"_{code}"
            if name.endswith(suffix):
                base = model._meta.get_field(name[: -len(suffix)])
                language = dict(settings.LANGUAGES)[code]
                return f"{base.verbose_name} ({translation.gettext(language)})"
        return str(model._meta.get_field(name).verbose_name)

    def get_export_headers(self, selected_fields=None):
        export_fields = self.get_export_fields(selected_fields)
        if not self.labels:
            return [field.column_name for field in export_fields]
        return [self.label_for(field) for field in export_fields]

    def header_aliases(self):
        """Every accepted header, lower-cased, mapped to its column name."""
        aliases = {}
        for field in self.fields.values():
            aliases[field.column_name.lower()] = field.column_name
            for code in LANGUAGE_CODES:
                with translation.override(code):
                    aliases[self.label_for(field).strip().lower()] = field.column_name
        return aliases

    def column_label(self, name):
        """The header a problem is reported under, for a column or a model field name."""
        # A required translated field (title) is validated on its Arabic column.
        for candidate in (name, f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"):
            for field in self.fields.values():
                if candidate in (field.column_name, field.attribute):
                    return self.label_for(field) if self.labels else field.column_name
        try:
            return str(self._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name

    # --- import ------------------------------------------------------------

    def get_diff_class(self):
        return PreviewDiff

    def before_import(self, dataset, **kwargs):
        for widget in self.key_widgets():
            widget.cache.clear()
        self.preview_diff = len(dataset) <= PREVIEW_DIFF_ROWS
        user = kwargs.get("user")
        self.user = user if user is not None and user.is_authenticated else None
        aliases = self.header_aliases()
        headers = [str(header or "").strip() for header in dataset.headers or []]
        dataset.headers = [aliases.get(header.lower(), header) for header in headers]
        missing = [
            self.label_for(self.fields[name])
            for name in self.get_import_id_fields()
            if self.fields[name].column_name not in dataset.headers
        ]
        if missing:
            raise ValidationError(
                _("Columns missing from the file: %(columns)s.") % {"columns": ", ".join(missing)}
            )

    def get_import_fields(self):
        # Asked several times a row; the columns do not change during an import.
        if not hasattr(self, "_import_fields"):
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def key_widgets(self):
        return [
            field.widget for field in self.fields.values() if isinstance(field.widget, KeyWidget)
        ]

    def before_import_row(self, row, **kwargs):
        errors = {}
        for column, value in row.items():
            if is_formula(value):
                errors[column] = ValidationError(
                    _(
                        "«%(value)s» looks like a spreadsheet formula; formulas are refused. "
                        "Remove the leading sign or start the cell with an apostrophe."
                    )
                    % {"value": isolated(str(value)[:60])}
                )
            else:
                row[column] = unescape_formula(value)
        if errors:
            raise ValidationError(errors)

    def get_or_init_instance(self, instance_loader, row):
        if self.restore:
            return self.init_instance(row), True
        # A bad key cell (unknown commitment, impossible date) is reported
        # against its column, like any other cell.
        errors = {}
        for name in self.get_import_id_fields():
            field = self.fields[name]
            if field.column_name not in row:
                continue
            try:
                field.clean(row)
            except ValueError as error:
                errors[field.column_name] = ValidationError(str(error))
        if errors:
            raise ValidationError(errors)
        return super().get_or_init_instance(instance_loader, row)

    def import_instance(self, instance, row, **kwargs):
        # Lists (leads, commitments) are saved after the row; check them with its other cells.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error))]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged rows are skipped and write no history; an empty text is empty
        whether the database holds NULL or "" (an empty cell cannot tell)."""
        if not self._meta.skip_unchanged or import_validation_errors:
            return False
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if field.column_name not in row:
                    continue
                new = sorted(item.pk for item in field.clean(row))
                old = (
                    []
                    if original.pk is None
                    else sorted(field.get_value(original).values_list("pk", flat=True))
                )
                if new != old:
                    return False
            elif empty_as_none(field.get_value(instance)) != empty_as_none(
                field.get_value(original)
            ):
                return False
        return True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # A key cell was resolved to a saved row: checking it exists again costs a query a row.
        resolved = {
            field.attribute
            for field in self.fields.values()
            if isinstance(field.widget, KeyWidget)
            and getattr(instance, f"{field.attribute}_id", None) is not None
        }
        try:
            # Check constraints repeat the fields' validators (percent 0 to 100) and
            # the database enforces them anyway; unique constraints are checked below.
            instance.full_clean(
                exclude=set(errors) | resolved,
                validate_unique=validate_unique,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for constraint in instance._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint):
                try:
                    constraint.validate(type(instance), instance, exclude=set(errors))
                except ValidationError as error:
                    errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    # --- bulk saving (resources with ``use_bulk``): one query per batch, history kept -----

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._meta.use_bulk and not is_create and instance.pk is None:
            # A key repeated in the file: the row is already queued for creation.
            self.after_save_instance(instance, row, **kwargs)
            return
        super().save_instance(instance, is_create, row, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        from simple_history.utils import bulk_create_with_history

        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(
                    self.create_instances,
                    self._meta.model,
                    batch_size=batch_size,
                    default_user=self.user,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        from django.utils import timezone
        from simple_history.utils import bulk_update_with_history

        if self.update_instances and (using_transactions or not dry_run):
            fields = self.get_bulk_update_fields()
            if any(field.name == "updated_at" for field in self._meta.model._meta.fields):
                # bulk_update does not run auto_now.
                now = timezone.now()
                for instance in self.update_instances:
                    instance.updated_at = now
                fields.append("updated_at")
            try:
                bulk_update_with_history(
                    self.update_instances,
                    self._meta.model,
                    fields,
                    batch_size=batch_size,
                    default_user=self.user,
                )
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def get_bulk_update_fields(self):
        return [
            field.attribute
            for field in self.fields.values()
            if not field.readonly and "__" not in field.attribute
        ]

    def after_save_instance(self, instance, row, **kwargs):
        if self.instance_loader is not None:
            self.instance_loader.remember(row, instance)

    def import_data(self, dataset, *args, **kwargs):
        # All or nothing: a file with one invalid row saves no row at all.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    # --- export ------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))


WIDGETS_BY_FIELD = {
    "CharField": TextWidget,
    "TextField": TextWidget,
    "PositiveSmallIntegerField": IntegerWidget,
    "PositiveIntegerField": IntegerWidget,
    "BooleanField": BooleanWidget,
    "DateField": DateWidget,
    "DateTimeField": DateTimeWidget,
    "TimeField": TimeWidget,
}


def model_fields(model, names):
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
