"""The OGP cycle's pages: the IRM's assessments, the self-assessment reports' publication,
the readers' comments on a report's draft, the commitments' OGP template,
the plans' revisions with what each did to the commitments."""

from django.contrib import admin
from django.db import models
from django.db.models import Model
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    CommitmentRevision,
    IRMAssessment,
    PlanRevision,
    SelfAssessmentComment,
    SelfAssessmentReport,
)
from ogptracker.spreadsheets.irm_resources import (
    IRMAssessmentResource,
    SelfAssessmentReportResource,
)
from ogptracker.spreadsheets.revision_resources import (
    CommitmentDesignResource,
    PlanRevisionResource,
)

from .directions import TypingDirectionMixin
from .history import DeletedRecordsMixin
from .imports import SpreadsheetAdmin


@admin.register(IRMAssessment)
class IRMAssessmentAdmin(
    TypingDirectionMixin, DeletedRecordsMixin, SpreadsheetAdmin, SimpleHistoryAdmin
):
    resource_classes = [IRMAssessmentResource]
    # The IRM publishes its reports over HTTPS: an address typed without its scheme is one.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "commitment",
        "report",
        "report_date",
        "potential_impact",
        "completion",
        "early_results",
        "starred",
    ]
    list_filter = ["commitment__plan", "report", "completion", "early_results", "starred"]
    list_select_related = ["commitment"]
    search_fields = ["commitment__ogp_id", "commitment__title"]
    autocomplete_fields = ["commitment"]
    ordering = ["commitment__plan__number", "commitment__number", "report_date"]


class CommentInline(TypingDirectionMixin, admin.TabularInline):
    """Readers' comments, as sent: the secretariat may only delete one (spam, say)."""

    model = SelfAssessmentComment
    extra = 0
    fields = ["created_at", "name", "organisation", "text"]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(SelfAssessmentReport)
class SelfAssessmentReportAdmin(
    TypingDirectionMixin,
    DeletedRecordsMixin,
    SpreadsheetAdmin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    resource_classes = [SelfAssessmentReportResource]
    inlines = [CommentInline]
    list_display = ["plan", "kind", "comments_from", "comments_until", "published_on"]
    list_filter = ["plan", "kind"]
    ordering = ["plan__number", "kind"]


@admin.register(CommitmentDesign)
class CommitmentDesignAdmin(
    TypingDirectionMixin,
    DeletedRecordsMixin,
    SpreadsheetAdmin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    resource_classes = [CommitmentDesignResource]
    list_display = ["commitment", "budget_planned", "budget_secured", "sdg_targets"]
    list_filter = ["commitment__plan"]
    list_select_related = ["commitment"]
    search_fields = ["commitment__ogp_id", "commitment__title"]
    autocomplete_fields = ["commitment"]
    ordering = ["commitment__plan__number", "commitment__number"]


class CommitmentRevisionInline(TypingDirectionMixin, admin.TabularInline):
    model = CommitmentRevision
    fk_name = "revision"
    extra = 0
    autocomplete_fields = ["commitment", "merged_into"]


@admin.register(PlanRevision)
class PlanRevisionAdmin(
    TypingDirectionMixin, DeletedRecordsMixin, SpreadsheetAdmin, SimpleHistoryAdmin
):
    resource_classes = [PlanRevisionResource]
    list_display = ["plan", "date", "next_step"]
    list_filter = ["plan"]
    list_select_related = ["plan", "next_step"]
    autocomplete_fields = ["next_step"]
    ordering = ["plan__number", "date"]
    inlines = [CommitmentRevisionInline]
