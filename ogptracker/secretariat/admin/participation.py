"""Moderating citizens' questions: publish a held one, refuse one saying why.

Each decision goes through ogptracker/participation/steps.py, which records who
decided and why in the question's history (its «History» page). A question is
never deleted here: refused, it stays in the record; its asker's account may go,
which leaves the text without a name. Asker's e-mail addresses are not shown.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ogptracker.participation import steps
from ogptracker.participation.enums import QuestionStatus
from ogptracker.participation.models import Answer, Question

KEEP, PUBLISH, REFUSE = "", "publish", "refuse"


class ModerationForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            (KEEP, _("No change")),
            (PUBLISH, _("Publish")),
            (REFUSE, _("Refuse, or take down")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to refuse: the asker reads it, in their e-mail and their page."),
    )

    class Meta:
        model = Question
        fields: list[str] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        decision = cleaned.get("decision")
        status = self.instance.status
        if decision == PUBLISH and status == QuestionStatus.PUBLISHED:
            self.add_error("decision", _("This question is already published."))
        if decision == REFUSE:
            if status == QuestionStatus.REFUSED:
                self.add_error("decision", _("This question is already refused."))
            if not steps.clean_text(cleaned.get("reason", "")):
                self.add_error("reason", _("Say why the question is refused: the asker reads it."))
        return cleaned


class AnswerInline(admin.TabularInline):
    """Answers are given from the questions page of «My commitments», not here."""

    model = Answer
    extra = 0
    fields = ["created_at", "institution", "author_name", "text"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    form = ModerationForm
    inlines = [AnswerInline]
    list_display = ["created_at", "commitment", "author_name", "status", "published_at"]
    list_filter = ["status", "commitment__plan"]
    list_select_related = ["commitment"]
    search_fields = ["text", "author_name", "commitment__title"]
    readonly_fields = [
        "commitment",
        "report",
        "author_name",
        "author_organisation",
        "language",
        "text",
        "status",
        "created_at",
        "published_at",
        "moderated_by",
        "moderated_at",
        "moderation_reason",
    ]
    fieldsets = [
        (None, {"fields": readonly_fields[:8]}),
        (_("Moderation"), {"fields": ["moderated_by", "moderated_at", "moderation_reason"]}),
        (_("Decide"), {"fields": ["decision", "reason"]}),
    ]
    # Held questions first: they are the work.
    ordering = ["-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Question]:
        held_first = Case(
            When(status=QuestionStatus.HELD, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            super()
            .get_queryset(request)
            .alias(held_first=held_first)
            .order_by("held_first", "-created_at")
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: Question, form: ModelForm, change: bool
    ) -> None:
        decision = form.cleaned_data.get("decision")
        reason = form.cleaned_data.get("reason", "")
        if decision == PUBLISH:
            steps.publish(obj, request.user, reason)
            self.message_user(request, _("The question is published."), messages.SUCCESS)
        elif decision == REFUSE:
            steps.refuse(obj, request.user, reason)
            self.message_user(
                request, _("The question is refused; the asker is told why."), messages.SUCCESS
            )
