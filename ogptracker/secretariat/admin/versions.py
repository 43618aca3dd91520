"""The secretariat's admin pages keep to the commitment's version, as the leads' form does.

Every admin form that edits a report or a commitment's activities carries,
hidden, its commitment's version as the page was loaded (`commitment_version`;
on a meeting's status table, one per row, each row of its own commitment) and
each field's value as loaded (`show_hidden_initial`). The admin validates and
saves a page in one transaction (`ModelAdmin.changeform_view`): validation
reads the commitments' versions `FOR UPDATE`, so that nobody saves them
between the check and the admin's save, and refuses the page if one moved.
The page comes back with the leads' field-by-field table (field, when loaded,
saved in the meantime, your entry), rebased on what is saved now: saving
again is a knowing choice. The save claims the versions (`versions.claim`),
so that a lead's form opened before is refused in turn.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.forms.formsets import DELETION_FIELD_NAME
from django.forms.models import BaseInlineFormSet, model_to_dict
from django.http import HttpRequest, HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, ProgressReport
from commitments.versions import bump, claim
from ogptracker.leads.progress_update import Difference, loaded_value, shown

STALE = _("Not saved: someone else saved this commitment while you were editing")
# Translators: in the table of what moved since a page was loaded, a report or an activity.
ADDED = _("added since you opened the page")


def locked_versions(commitment_ids: Iterable[int]) -> dict[int, int]:
    """The commitments' versions now, their rows locked until the transaction ends.

    In primary key order, so that two pages locking the same commitments wait
    for each other instead of deadlocking.
    """
    rows = Commitment.objects.filter(pk__in=commitment_ids).order_by("pk")
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    return dict(rows.values_list("pk", "version"))


def _loaded_version(instance):
    """The version of the instance's commitment, read with it if it could be."""
    if isinstance(instance, Commitment):
        return instance.version
    if hasattr(instance, "loaded_commitment_version"):
        return instance.loaded_commitment_version
    # A report or activity as it was (a history page's): its values are not today's anyway.
    return Commitment.objects.values_list("version", flat=True).get(pk=instance.commitment_id)


def _commitment_id(instance):
    return instance.pk if isinstance(instance, Commitment) else instance.commitment_id


class VersionField(forms.IntegerField):
    """The commitment's version the form was loaded at: never a change of the form's own."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return False


class LoadedValuesForm(forms.ModelForm):
    """Posts back, hidden, each field's value as the page showed it.

    A refused save tells from them what moved since. And an inline row is
    saved only if it was changed on the page: an untouched row never writes
    back what it showed over what someone saved since.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.FileField):
                field.show_hidden_initial = True


class VersionedForm(LoadedValuesForm):
    """The form of a commitment's, a report's or an activity's own admin page."""

    commitment_version = VersionField()

    def __init__(self, *args, instance=None, **kwargs):
        bound = bool(args) or kwargs.get("data") is not None
        version = None
        if instance is not None and instance.pk is not None and not bound:
            version = _loaded_version(instance)
        super().__init__(*args, instance=instance, **kwargs)
        if version is not None:
            self.initial["commitment_version"] = version
        # A report or an activity may be moved to another commitment: the one it was loaded with.
        self.loaded_commitment_id = _commitment_id(self.instance) if self.instance.pk else None
        self.stale = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.loaded_commitment_id is not None:
            now = locked_versions([self.loaded_commitment_id]).get(self.loaded_commitment_id)
            if cleaned.get("commitment_version") != now:
                self.stale = True
                raise ValidationError(STALE, code="stale")
        return cleaned

    def claim_versions(self) -> None:
        """Move on the loaded commitment's version (locked since `clean`), and make
        stale the forms open on the one a new row, or a moved one, goes to."""
        if self.loaded_commitment_id is not None:
            version = claim(self.loaded_commitment_id, self.cleaned_data["commitment_version"])
            if isinstance(self.instance, Commitment):
                # The commitment's save writes every column: not the version it was loaded at.
                self.instance.version = version
        bump({_commitment_id(self.instance)} - {self.loaded_commitment_id, None})


class VersionedRowsFormSet(BaseInlineFormSet):
    """Rows of several commitments (a meeting's status table), each with its commitment's version.

    Only the rows changed or deleted on the page are checked and claimed,
    each commitment once: the others are not written.
    """

    def get_queryset(self) -> QuerySet:
        if hasattr(self, "_queryset"):
            return self._queryset
        rows = super().get_queryset()
        if not self.is_bound:
            # The versions first, then the rows: a save in between makes a row stale, never lost.
            self.loaded_versions = dict(
                Commitment.objects.filter(pk__in=rows.values("commitment"))
                .order_by()
                .values_list("pk", "version")
            )
            len(rows)
        return rows

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["commitment_version"] = VersionField()
        existing = form.instance.pk is not None
        form.loaded_commitment_id = form.instance.commitment_id if existing else None
        if existing and not self.is_bound:
            versions = getattr(self, "loaded_versions", {})
            form.fields["commitment_version"].initial = versions.get(form.loaded_commitment_id)

    def clean(self) -> None:
        super().clean()
        self.touched_forms = [
            form
            for form in self.initial_forms
            if form.loaded_commitment_id is not None
            and (form.has_changed() or form.cleaned_data.get(DELETION_FIELD_NAME))
        ]
        now = locked_versions({form.loaded_commitment_id for form in self.touched_forms})
        self.stale_forms = []
        for form in self.touched_forms:
            if form.cleaned_data.get("commitment_version") != now.get(form.loaded_commitment_id):
                form.add_error(None, ValidationError(STALE, code="stale"))
                self.stale_forms.append(form)

    def claim_versions(self) -> None:
        """Claim each touched row's commitment once, and bump those new rows go to."""
        claimed = {}
        for form in self.touched_forms:
            claimed.setdefault(form.loaded_commitment_id, form.cleaned_data["commitment_version"])
        for commitment_id, version in claimed.items():
            claim(commitment_id, version)
        written = {
            form.instance.commitment_id
            for form in self.forms
            if form.has_changed() and not form.cleaned_data.get(DELETION_FIELD_NAME)
        }
        bump(written - claimed.keys() - {None})


class LockedAdmin:
    """Mixed into a model admin whose form is a `VersionedForm`, or one of whose
    inlines has a `VersionedRowsFormSet`: claims at save, the table when refused."""

    # They render the versions, hidden, at the top of the form, rows' included.
    change_form_template = "admin/commitments/locked_change_form.html"
    object_history_form_template = "admin/commitments/locked_history_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if not issubclass(self.form, VersionedForm) or queryset.model is Commitment:
            return queryset
        # A report or an activity is read with its commitment's version, in one
        # statement: a save in between would show new values as of an old version.
        return queryset.annotate(loaded_commitment_version=F("commitment__version"))

    def get_fieldsets(
        self, request: HttpRequest, obj: Model | None = None
    ) -> list[tuple[str | None, dict[str, Any]]]:
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f != "commitment_version"]},
            )
            for name, options in super().get_fieldsets(request, obj)
        ]

    def save_model(
        self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool
    ) -> None:
        if isinstance(form, VersionedForm):
            form.claim_versions()
        super().save_model(request, obj, form, change)

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if isinstance(formset, VersionedRowsFormSet):
            formset.claim_versions()
        super().save_formset(request, form, formset, change)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        if issubclass(self.form, VersionedForm):
            bump([_commitment_id(obj)])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        ids = []
        if issubclass(self.form, VersionedForm) and queryset.model is not Commitment:
            ids = list(queryset.values_list("commitment", flat=True))
        super().delete_queryset(request, queryset)
        bump(ids)

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        formsets = [inline.formset for inline in context["inline_admin_formsets"]]
        context["conflict"] = refused_changes(context["adminform"].form, formsets)
        return super().render_change_form(request, context, *args, **kwargs)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # Reverting to a past version is a save as the change form's: validated
        # and saved in one transaction, so that the check's lock holds until the save.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def render_history_view(
        self, request: HttpRequest, template: str, context: dict[str, Any], **kwargs: Any
    ) -> HttpResponse:
        if "adminform" in context:
            context["conflict"] = refused_changes(context["adminform"].form, [])
        return super().render_history_view(request, template, context, **kwargs)


def refused_changes(
    form: forms.BaseForm, formsets: Sequence[BaseInlineFormSet]
) -> list[Difference] | None:
    """What moved since a refused page was loaded, or None if it was not refused.

    The page's forms are rebased on what is saved now: they keep what was
    typed, and their hidden versions and loaded values are today's.
    """
    compared = []
    added = []
    if getattr(form, "stale", False):
        compared.append((form, ""))
        for formset in formsets:
            if issubclass(formset.form, LoadedValuesForm):
                compared += [(row, _row_name(row.instance)) for row in formset.initial_forms]
                added += _rows_added(formset)
    for formset in formsets:
        compared += [(row, _row_name(row.instance)) for row in getattr(formset, "stale_forms", [])]
    if not compared:
        return None
    data = form.data.copy()
    changes = []
    for compared_form, name in compared:
        changes += _changes(compared_form, name, data)
    changes += [Difference(_row_name(row), "—", ADDED, "—") for row in added]
    for each in [form, *(row for formset in formsets for row in formset.forms)]:
        each.data = data
    return changes


def _row_name(instance):
    if isinstance(instance, ProgressReport):
        return f"{instance.commitment} — {date_format(instance.date)}"
    return str(instance)


def _rows_added(formset):
    shown_rows = [row.instance.pk for row in formset.initial_forms]
    rows = formset.model._base_manager.filter(**{formset.fk.name: formset.instance})
    return list(rows.exclude(pk__in=shown_rows))


def _changes(form, name, data):
    """The fields of `form` saved differently since it was loaded; `data` rebased on them."""
    fresh = type(form.instance)._base_manager.filter(pk=form.instance.pk).first()
    if fresh is None:
        return []
    current = model_to_dict(fresh)
    changes = []
    for field_name, field in form.fields.items():
        if not field.show_hidden_initial or field_name not in current:
            continue
        now = current[field_name]
        if isinstance(now, datetime.datetime | datetime.time):
            # As the form shows it (BoundField.initial).
            now = now if field.widget.supports_microseconds else now.replace(microsecond=0)
        key = form.add_initial_prefix(field_name)
        raw = field.hidden_widget().value_from_datadict(form.data, form.files, key)
        if field.has_changed(now, raw):
            label = f"{name} — {field.label}" if name else str(field.label)
            yours = form.cleaned_data.get(field_name, form[field_name].data)
            changes.append(
                Difference(
                    label,
                    _shown(field, loaded_value(form, field_name)),
                    _shown(field, _as_python(field, now)),
                    _shown(field, yours),
                )
            )
        _post(data, field, key, now)
    if "commitment_version" in form.fields:
        version = Commitment.objects.values_list("version", flat=True).get(
            pk=form.loaded_commitment_id
        )
        data[form.add_prefix("commitment_version")] = str(version)
    return changes


def _as_python(field, value):
    try:
        return field.to_python(field.prepare_value(value))
    except ValidationError:
        return value


def _shown(field, value):
    if isinstance(value, list | tuple):
        return ", ".join(str(_shown(field, item)) for item in value) or "—"
    if isinstance(field, forms.ModelChoiceField):
        return "—" if value in (None, "") else value
    return shown(field, value)


def _post(data, field, key, value):
    """Set `data` as the page's hidden inputs would post `value` as the loaded one."""
    widget = field.hidden_widget()
    widget.is_localized = field.localize
    context = widget.get_context(key, field.prepare_value(value), {})["widget"]
    if "subwidgets" in context:
        posted = {key: []} if not context["subwidgets"] else {}
        for sub in context["subwidgets"]:
            posted.setdefault(sub["name"], []).append(sub["value"])
    else:
        posted = {key: [context["value"]]}
    for name, values in posted.items():
        data.setlist(name, ["" if item is None else str(item) for item in values])
