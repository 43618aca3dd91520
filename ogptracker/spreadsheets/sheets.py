"""What every spreadsheet resource of the tracker shares.

Headers are the technical column names (``plan``, ``title_ar``) or their
labels in any of the site's languages, so a file exported from the Arabic
admin can be imported back from the French one. Rows are found by natural
keys, an import is all or nothing, and re-importing an export changes
nothing.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import Result
from tablib import Dataset

from commitments import versions
from commitments.models import Commitment
from ogptracker.common.cells import (
    LANGUAGE_CODES,
    KeyWidget,
    empty_as_none,
    escape_formula,
    is_formula,
    isolated,
    joined,
    unescape_formula,
)
from ogptracker.pagecache import data_changed


def _commitment_ids(instances):
    for instance in instances:
        if isinstance(instance, Commitment):
            yield instance.pk
        elif getattr(instance, "commitment_id", None) is not None:
            yield instance.commitment_id


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
    def plain(value: Any) -> Any:
        return value.pk if isinstance(value, models.Model) else value

    def key(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(self.plain(field.clean(row)) for field in self.fields)

    def load(self) -> None:
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

    def get_instance(self, row: Mapping[str, Any]) -> models.Model | None:
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

    def remember(self, row: Mapping[str, Any], instance: models.Model) -> None:
        if self.instances is not None:
            self.instances[self.last_key] = instance


class PreviewDiff(resources.Diff):
    """The preview's per-cell diff, skipped for a large file where nobody reads it."""

    def __init__(self, resource, instance, new):
        self.skip = not resource.preview_diff
        self.left = [] if self.skip else self._read_field_values(resource, instance)
        self.right = []
        self.new = new

    def compare_with(self, resource: resources.ModelResource, instance: models.Model) -> None:
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
        # What this import wrote, for the reporting cycle's steps once it is saved.
        self.saved = []

    class Meta:
        instance_loader_class = NaturalKeyLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    # --- headers ---------------------------------------------------------

    def label_for(self, field: Field) -> str:
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

    def get_export_headers(self, selected_fields: Sequence[str] | None = None) -> list[str]:
        export_fields = self.get_export_fields(selected_fields)
        if not self.labels:
            return [field.column_name for field in export_fields]
        return [self.label_for(field) for field in export_fields]

    def get_diff_headers(self) -> list[str]:
        # The import preview's headers: the columns as the admin's language names them.
        if not self.labels:
            return super().get_diff_headers()
        return [self.label_for(field) for field in self.get_import_fields()]

    def expected_value(self, name: str) -> str:
        """What a column (or model field) `name` holds, for a message about its cell."""
        for candidate in (name, f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"):
            for field in self.fields.values():
                if candidate in (field.column_name, field.attribute):
                    return str(getattr(field.widget, "expected", _("a value")))
        return _("a value")

    def header_aliases(self) -> dict[str, str]:
        """Every accepted header, lower-cased, mapped to its column name."""
        aliases = {}
        for field in self.fields.values():
            aliases[field.column_name.lower()] = field.column_name
            for code in LANGUAGE_CODES:
                with translation.override(code):
                    aliases[self.label_for(field).strip().lower()] = field.column_name
        return aliases

    def column_label(self, name: str) -> str:
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

    def get_diff_class(self) -> type[PreviewDiff]:
        return PreviewDiff

    def before_import(self, dataset: Dataset, **kwargs: Any) -> None:
        for widget in self.key_widgets():
            widget.cache.clear()
        self.preview_diff = len(dataset) <= PREVIEW_DIFF_ROWS
        self.saved = []
        user = kwargs.get("user")
        self.user = user if user is not None and user.is_authenticated else None
        aliases = self.header_aliases()
        headers = [str(header or "").strip() for header in dataset.headers or []]
        unknown = [header for header in headers if header and header.lower() not in aliases]
        # A backup's files hold more columns (version, created_at) than the admin's.
        if unknown and self.labels:
            columns = [self.label_for(field) for field in self.get_import_fields()]
            raise ValidationError(
                _("Unknown columns: %(unknown)s. The columns of this page are: %(columns)s.")
                % {
                    "unknown": joined(f"«{isolated(header)}»" for header in unknown),
                    "columns": joined(f"«{column}»" for column in columns),
                }
            )
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

    def get_import_fields(self) -> list[Field]:
        # Asked several times a row; the columns do not change during an import.
        if not hasattr(self, "_import_fields"):
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def key_widgets(self) -> list[KeyWidget]:
        return [
            field.widget for field in self.fields.values() if isinstance(field.widget, KeyWidget)
        ]

    def before_import_row(self, row: dict[str, Any], **kwargs: Any) -> None:
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

    def get_or_init_instance(
        self, instance_loader: ModelInstanceLoader, row: Mapping[str, Any]
    ) -> tuple[models.Model, bool]:
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

    def import_instance(
        self, instance: models.Model, row: Mapping[str, Any], **kwargs: Any
    ) -> None:
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

    def skip_row(
        self,
        instance: models.Model,
        original: models.Model,
        row: Mapping[str, Any],
        import_validation_errors: dict[str, Any] | None = None,
    ) -> bool:
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

    def validate_instance(
        self,
        instance: models.Model,
        import_validation_errors: dict[str, Any] | None = None,
        validate_unique: bool = True,
    ) -> None:
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

    def save_instance(
        self, instance: models.Model, is_create: bool, row: Mapping[str, Any], **kwargs: Any
    ) -> None:
        if self._meta.use_bulk and not is_create and instance.pk is None:
            # A key repeated in the file: the row is already queued for creation.
            self.after_save_instance(instance, row, **kwargs)
            return
        super().save_instance(instance, is_create, row, **kwargs)

    def bulk_create(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
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

    def bulk_update(
        self,
        using_transactions: bool,
        dry_run: bool,
        raise_errors: bool,
        batch_size: int | None = None,
        result: Result | None = None,
    ) -> None:
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

    def get_bulk_update_fields(self) -> list[str]:
        return [
            field.attribute
            for field in self.fields.values()
            if not field.readonly and "__" not in field.attribute
        ]

    def after_save_instance(
        self, instance: models.Model, row: Mapping[str, Any], **kwargs: Any
    ) -> None:
        if self.instance_loader is not None:
            self.instance_loader.remember(row, instance)
        self.saved.append(instance)

    def after_import(self, dataset: Dataset, result: Result, **kwargs: Any) -> None:
        """Rows are saved by batches, without `save()` or its signals: what any change
        to the tracker's data does is done here, once for the whole file."""
        super().after_import(dataset, result, **kwargs)
        versions.bump(_commitment_ids(self.saved))
        data_changed()

    def import_data(self, dataset: Dataset, *args: Any, **kwargs: Any) -> Result:
        # All or nothing: a file with one invalid row saves no row at all.
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    # --- export ------------------------------------------------------------

    def export_field(self, field: Field, instance: models.Model, **kwargs: Any) -> Any:
        # The admin's exports name choices by their label; backups keep the codes.
        return escape_formula(super().export_field(field, instance, labels=self.labels, **kwargs))
