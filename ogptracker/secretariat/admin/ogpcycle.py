"""The OGP cycle's pages: the IRM's assessments, the self-assessment reports' publication."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ogptracker.ogpcycle.models import IRMAssessment, SelfAssessmentReport
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
