"""Forms of the reports' admin pages: a status change is checked against the cycle's steps."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings import cycle

from .versions import LoadedValuesForm, VersionedForm


class StatusStepsMixin:
    """A report's status moves only where a step of the reporting cycle takes it
    (meetings/cycle.py); the form says which field is wrong otherwise."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "status" in cleaned:
            before = self.initial.get("status") if self.instance.pk else None
            meeting = cleaned.get(
                "meeting", self.instance.meeting if self.instance.meeting_id else None
            )
            refusal = cycle.status_change_refusal(
                cleaned["status"], before, in_meeting=meeting is not None
            )
            if refusal:
                self.add_error("status", refusal)
        return cleaned


class ReportAdminForm(StatusStepsMixin, VersionedForm):
    """A report or status row on its own admin page."""


class ReportRowForm(StatusStepsMixin, LoadedValuesForm):
    """A report among its commitment's, on the commitment's page."""


class ReviewForm(VersionedForm):
    """A report in the review queue, with the comment a return for revision adds to its thread."""

    review_comment = forms.CharField(
        label=_("secretariat's comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_(
            "Sent to the project leads with «Return for revision», and kept in the report's thread."
        ),
    )
