"""The form a forum member records an assessment with."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments.evidence import EvidenceFilesField
from commitments.models import Commitment
from ogptracker.ogpcycle.enums import SCALES
from ogptracker.ogpcycle.models import irm_era

from .models import Assessment, AssessmentEvidence, Forum
from .periods import periods_between


class AssessmentForm(forms.ModelForm):
    period_end = forms.TypedChoiceField(
        label=_("Period"),
        coerce=datetime.date.fromisoformat,
        help_text=_("The half-year assessed: the official figure beside it is the one of its end."),
    )
    percent = forms.IntegerField(
        label=_("Progress in civil society's view (%)"), min_value=0, max_value=100
    )
    evidence = EvidenceFilesField(
        label=_("Evidence attachments"),
        help_text=_("PDF, PNG or JPEG images, Word, Excel or OpenDocument files; 10 MB each."),
    )
    remove_evidence = forms.ModelMultipleChoiceField(
        label=_("Remove attached files"),
        queryset=AssessmentEvidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Assessment
        fields = ["forum", "period_end", "percent", "completion", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6, "dir": "auto"})}
        help_texts = {
            "narrative": _("What the forum saw, and what its rating rests on."),
        }

    def __init__(self, *args, commitment: Commitment, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.commitment = commitment
        self.fields["forum"].queryset = forums
        self.fields["forum"].empty_label = None
        if self.instance.pk:
            # Another period or forum is another assessment: recorded apart.
            self.fields["forum"].disabled = True
            self.fields["period_end"].disabled = True
            self.fields["remove_evidence"].queryset = self.instance.evidence.all()
        else:
            del self.fields["remove_evidence"]
        plan = commitment.plan
        last = min(plan.end, timezone.localdate())
        periods = periods_between(commitment.start_date or plan.start, max(last, plan.start))
        self.fields["period_end"].choices = [
            (period.end.isoformat(), period.label) for period in periods
        ]
        if self.instance.period_end:
            self.initial["period_end"] = self.instance.period_end.isoformat()
        levels = SCALES[irm_era(plan)]["completion"]
        self.fields["completion"].choices = [("", "—")] + [
            (level.value, level.label) for level in levels
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        forum: Forum | None = cleaned.get("forum")
        period_end = cleaned.get("period_end")
        if forum and period_end and not self.instance.pk:
            taken = Assessment.objects.filter(
                forum=forum, commitment=self.instance.commitment, period_end=period_end
            )
            if taken.exists():
                self.add_error(
                    "period_end",
                    _(
                        "The forum has already assessed this commitment for this period: "
                        "change that assessment instead."
                    ),
                )
        return cleaned
