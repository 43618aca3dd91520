"""Saving a project lead's progress report, without ever losing someone else's.

Every save goes through `Commitment.version`: the form carries the version it
was loaded with and the save bumps it only if nobody saved in between
(`UPDATE … WHERE version = loaded`). A stale form changes nothing; the lead is
shown what moved since they opened it.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser as User
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.activity_changes import FIELDS as ACTIVITY_FIELDS
from commitments.activity_changes import as_proposed, propose
from commitments.enums import ReportStatus, ReportVoice
from commitments.models import REPORT_TEXTS, Commitment, Evidence, ProgressReport
from commitments.versions import StaleUpdate
from meetings import cycle

from .forms import BaseActivityFormSet, ProgressUpdateForm

# Report fields the lead form edits. Texts are written in Arabic, the
# language of the committee's minutes, and in French if the lead wishes
# (form fields `narrative_fr`…); the secretariat adds what is missing.
TEXT_FIELDS = REPORT_TEXTS
FRENCH_FIELDS = tuple(f"{name}_fr" for name in TEXT_FIELDS)
REPORT_FIELDS = ("percent", "no_progress", "platform_status", *TEXT_FIELDS, *FRENCH_FIELDS)


@dataclass
class Difference:
    label: str
    loaded: object
    current: object
    yours: object


def editable_report(
    commitment: Commitment, voice: str = ReportVoice.GOVERNMENT
) -> ProgressReport | None:
    """The report a lead (or, with `voice` civil society, a co-lead) works on: an open
    draft or returned one, if any.

    A meeting's draft status row is the secretariat's, never a lead's report.
    """
    return (
        commitment.reports.by_leads()
        .filter(voice=voice, status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED])
        .latest_first()
        .first()
    )


def submitted_report(
    commitment: Commitment, voice: str = ReportVoice.GOVERNMENT
) -> ProgressReport | None:
    return (
        commitment.reports.by_leads().filter(voice=voice).awaiting_review().latest_first().first()
    )


def initial_values(
    commitment: Commitment, report: ProgressReport | None, voice: str = ReportVoice.GOVERNMENT
) -> dict[str, Any]:
    """What the form shows: the open report, else a new one from the last published figures."""
    if report is not None:
        source = report
        values = {name: getattr(source, name) for name in ("percent", "no_progress")}
        values["platform_status"] = source.platform_status
        values.update({name: getattr(source, f"{name}_ar") for name in TEXT_FIELDS})
        values.update({name: getattr(source, name) for name in FRENCH_FIELDS})
        return values
    published = commitment.reports.published().filter(voice=voice).latest_first().first()
    return {
        "percent": published.percent if published else 0,
        "no_progress": False,
        "platform_status": "",
        "narrative": "",
        "platform_note": "",
        "schedule": published.schedule_ar if published else "",
        "narrative_fr": "",
        "platform_note_fr": "",
        "schedule_fr": published.schedule_fr if published else "",
    }


def save_update(
    commitment: Commitment,
    form: ProgressUpdateForm,
    formset: BaseActivityFormSet,
    user: User,
    *,
    submit: bool,
    request: HttpRequest | None = None,
    voice: str = ReportVoice.GOVERNMENT,
) -> ProgressReport:
    """Save the report and the activity changes it proposes; raise StaleUpdate if stale.

    The report is kept as a draft or submitted by the reporting cycle's steps
    (meetings/cycle.py), which claim the version the form was loaded at.
    """
    data = form.cleaned_data
    with transaction.atomic():
        if submitted_report(commitment, voice) is not None:
            # Submitted in the meantime by another lead whose save raced ours.
            raise StaleUpdate
        report = editable_report(commitment, voice) or ProgressReport(
            commitment=commitment, voice=voice
        )
        for name in ("percent", "no_progress", "platform_status"):
            setattr(report, name, data[name])
        for name in TEXT_FIELDS:
            setattr(report, f"{name}_ar", data[name])
        for name in FRENCH_FIELDS:
            setattr(report, name, data[name])
        report.date = timezone.localdate()
        report.author = user
        if submit:
            report = cycle.submit_report(
                report, user, loaded_version=data["version"], request=request
            )
        else:
            report = cycle.save_draft(report, user, loaded_version=data["version"])
        commitment.version = data["version"] + 1
        propose(report, formset.forms)
        for evidence in data.get("remove_evidence") or []:
            evidence.file.delete(save=False)
            evidence.delete()
        for upload in data["evidence"]:
            Evidence.objects.create(
                report=report,
                file=upload,
                content_type=upload.detected_type,
                size=upload.size,
                uploaded_by=user,
            )
    return report


def loaded_value(form: BaseForm, name: str) -> Any:
    """The value a field had when the form was loaded (from its hidden initial input)."""
    field = form.fields[name]
    widget = field.hidden_widget()
    raw = widget.value_from_datadict(form.data, form.files, form.add_initial_prefix(name))
    try:
        return field.to_python(raw)
    except Exception:
        return raw


def shown(field: forms.Field, value: Any) -> object:
    choices = dict(getattr(field, "choices", []) or [])
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return choices.get(value, value)


def differences(
    commitment: Commitment,
    form: ProgressUpdateForm,
    formset: BaseActivityFormSet,
    voice: str = ReportVoice.GOVERNMENT,
) -> list[Difference]:
    """Fields someone else changed since the form was loaded: then, now, and what you typed."""
    changed = []
    report = editable_report(commitment, voice) or submitted_report(commitment, voice)
    current = initial_values(commitment, report, voice)
    for name in REPORT_FIELDS:
        field = form.fields[name]
        loaded = loaded_value(form, name)
        if loaded in (None, "") and current[name] in (None, ""):
            continue
        if loaded != current[name]:
            yours = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
            changed.append(
                Difference(
                    str(field.label),
                    shown(field, loaded),
                    shown(field, current[name]),
                    shown(field, yours),
                )
            )
    activities = {
        activity.pk: activity for activity in as_proposed(commitment.activities.all(), report)
    }
    for activity_form in formset.forms:
        activity = activities.get(activity_form.instance.pk)
        if activity is None:
            continue
        for name in ACTIVITY_FIELDS:
            field = activity_form.fields[name]
            loaded = loaded_value(activity_form, name)
            now = getattr(activity, name)
            if loaded != now:
                yours = activity_form.cleaned_data.get(name) if activity_form.is_valid() else None
                changed.append(
                    Difference(
                        f"{activity.number}. {activity.title} — {field.label}",
                        shown(field, loaded),
                        shown(field, now),
                        shown(field, yours),
                    )
                )
    return changed
