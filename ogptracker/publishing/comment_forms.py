"""A reader's comment on a self-assessment report's draft."""

from django import forms

from ogptracker.ogpcycle.models import SelfAssessmentComment


class CommentForm(forms.ModelForm):
    class Meta:
        model = SelfAssessmentComment
        fields = ["name", "organisation", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
