import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commitments.activity_changes import as_proposed
from commitments.enums import PlatformStatus
from commitments.evidence import EvidenceFilesField
from commitments.models import Activity, Evidence


def text_area(rows: int) -> forms.Textarea:
    # Leads write in Arabic or French: let the browser set each text's direction.
    return forms.Textarea(attrs={"rows": rows, "dir": "auto"})


def french_text(label: str | Promise, rows: int) -> forms.CharField:
    """The optional French version of a report's text, for the French pages."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows, "lang": "fr", "dir": "ltr"}),
        show_hidden_initial=True,
    )


class ProgressUpdateForm(forms.Form):
    """A project lead's report. The hidden initial values let a refused save say what moved."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    percent = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, show_hidden_initial=True
    )
    no_progress = forms.BooleanField(
        label=_("No progress since the previous meeting"),
        required=False,
        show_hidden_initial=True,
    )
    narrative = forms.CharField(
        label=_("Actions taken"),
        required=False,
        widget=text_area(6),
        show_hidden_initial=True,
        help_text=_("What was done since the last report, and what is blocking, if anything."),
    )
    narrative_fr = french_text(_("Actions taken, in French (optional)"), 4)
    platform_status = forms.ChoiceField(
        label=_("Tracking platform updated"),
        choices=[("", "—"), *PlatformStatus.choices],
        required=False,
        show_hidden_initial=True,
    )
    platform_note = forms.CharField(
        label=_("Tracking platform note"),
        required=False,
        widget=text_area(2),
        show_hidden_initial=True,
        help_text=_("What remains to be entered on the tracking platform, if anything."),
    )
    platform_note_fr = french_text(_("Tracking platform note, in French (optional)"), 2)
    schedule = forms.CharField(
        label=_("Schedule for the remaining activities"),
        required=False,
        widget=text_area(3),
        show_hidden_initial=True,
    )
    schedule_fr = french_text(_("Schedule for the remaining activities, in French (optional)"), 2)
    evidence = EvidenceFilesField(
        label=_("Evidence attachments"),
        help_text=_("PDF, PNG or JPEG images, Word, Excel or OpenDocument files; 10 MB each."),
    )
    remove_evidence = forms.ModelMultipleChoiceField(
        label=_("Remove attached files"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        if report is not None and report.pk:
            self.fields["remove_evidence"].queryset = report.evidence.all()
        else:
            del self.fields["remove_evidence"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("action") == "submit" and not cleaned.get("narrative", "").strip():
            if not cleaned.get("no_progress"):
                self.add_error(
                    "narrative",
                    _("Describe the actions taken before submitting, or tick «no progress»."),
                )
        return cleaned


class ActivityUpdateForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["status", "revised_end"]
        # Named here, not by the model: the lead's pages are translated in every
        # language, the models' names only for the admin (tests/test_locale.py).
        labels = {"status": _("Status"), "revised_end": _("Revised end")}
        widgets = {"revised_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.show_hidden_initial = True

    def clean_revised_end(self) -> datetime.date | None:
        revised_end = self.cleaned_data["revised_end"]
        start = self.instance.planned_start
        if revised_end and start and revised_end < start:
            raise ValidationError(_("The revised end is before the planned start."))
        return revised_end


class BaseActivityFormSet(forms.BaseModelFormSet):
    """The commitment's activities as the lead's open report (`report`) would leave them.

    Its forms are never saved to the activities: `activity_changes.propose`
    keeps what they change with the report until it is published.
    """

    def __init__(self, *args, report=None, **kwargs):
        self.report = report
        super().__init__(*args, **kwargs)

    def get_queryset(self) -> list[Activity]:
        if not hasattr(self, "_proposed"):
            self._proposed = as_proposed(super().get_queryset(), self.report)
        return self._proposed


# Leads update the activities the plan lists; they neither add nor delete any.
ActivityFormSet = forms.modelformset_factory(
    Activity, form=ActivityUpdateForm, formset=BaseActivityFormSet, extra=0, edit_only=True
)
