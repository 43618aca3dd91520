"""The OGP cycle's pages: the IRM's assessments, the self-assessment reports' publication,
the plans' revisions with what each did to the commitments."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ogptracker.ogpcycle.models import (
    CommitmentRevision,
    IRMAssessment,
    PlanRevision,
    SelfAssessmentReport,
)
from ogptracker.spreadsheets.irm_resources import (
    IRMAssessmentResource,
    SelfAssessmentReportResource,
)

from .history import DeletedRecordsMixin
from .imports import SpreadsheetAdmin


@admin.register(IRMAssessment)
class IRMAssessmentAdmin(DeletedRecordsMixin, SpreadsheetAdmin, SimpleHistoryAdmin):
    resource_classes = [IRMAssessmentResource]
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


@admin.register(SelfAssessmentReport)
class SelfAssessmentReportAdmin(DeletedRecordsMixin, SpreadsheetAdmin, SimpleHistoryAdmin):
    resource_classes = [SelfAssessmentReportResource]
    list_display = ["plan", "kind", "published_on"]
    list_filter = ["plan", "kind"]
    ordering = ["plan__number", "kind"]


class CommitmentRevisionInline(admin.TabularInline):
    model = CommitmentRevision
    fk_name = "revision"
    extra = 0
    autocomplete_fields = ["commitment", "merged_into"]


@admin.register(PlanRevision)
class PlanRevisionAdmin(DeletedRecordsMixin, SimpleHistoryAdmin):
    list_display = ["plan", "date", "decision"]
    list_filter = ["plan"]
    list_select_related = ["plan", "decision"]
    autocomplete_fields = ["decision"]
    ordering = ["plan__number", "date"]
    inlines = [CommitmentRevisionInline]
