"""Forms and fields of the meetings' admin pages besides the model forms."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment


class NewDraftMeetingForm(forms.Form):
    """The date of a draft meeting copied from `source`: a day after it at the earliest."""

    date = forms.DateField(
        label=_("Date of the new meeting"),
        help_text=_("Project leads see it as their committee's next meeting."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, source, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        earliest = source.date + datetime.timedelta(days=1)
        self.fields["date"].initial = max(timezone.localdate(), earliest)
        self.fields["date"].widget.attrs["min"] = earliest.isoformat()

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date <= self.source.date:
            raise ValidationError(
                _("The new meeting must come after the one it is copied from (%(date)s)."),
                code="before_source",
                params={"date": date_format(self.source.date)},
            )
        return date


class PlanCommitmentField(forms.ModelChoiceField):
    """A status row's commitment, named with its plan: «plan · number · OGP id · title»."""

    def label_from_instance(self, commitment: Commitment) -> str:
        parts = [
            _("plan %(number)s") % {"number": commitment.plan.number},
            str(commitment.number),
            commitment.ogp_id,
            commitment.title,
        ]
        return " · ".join(part for part in parts if part)
