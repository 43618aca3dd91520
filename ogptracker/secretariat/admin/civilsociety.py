"""Civil society's pages: the forums and their members, the forums' assessments.

The members record assessments on their own pages (ogptracker/civilsociety);
the secretariat names the members here and may correct or remove an
assessment, through the same step, so the history keeps who did it.
"""

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ogptracker.civilsociety.models import Assessment, AssessmentEvidence, Forum
from ogptracker.civilsociety.recording import record_assessment

from .directions import TypingDirectionMixin
from .history import DeletedRecordsMixin


@admin.register(Forum)
class ForumAdmin(TypingDirectionMixin, DeletedRecordsMixin, SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    autocomplete_fields = ["members"]


class AssessmentEvidenceInline(admin.TabularInline):
    model = AssessmentEvidence
    extra = 0
    fields = ["file", "description", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(TypingDirectionMixin, DeletedRecordsMixin, SimpleHistoryAdmin):
    list_display = ["commitment", "forum", "period_end", "percent", "completion", "updated_at"]
    list_filter = ["forum", "commitment__plan", "completion"]
    list_select_related = ["commitment", "forum"]
    search_fields = ["commitment__ogp_id", "commitment__title", "narrative"]
    autocomplete_fields = ["commitment"]
    readonly_fields = ["recorded_by", "created_at", "updated_at"]
    ordering = ["commitment__plan__number", "commitment__number", "-period_end"]
    inlines = [AssessmentEvidenceInline]

    def save_model(self, request: HttpRequest, obj: Assessment, form, change: bool) -> None:
        record_assessment(obj, request.user)
