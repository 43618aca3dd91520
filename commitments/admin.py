from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from . import resources
from .import_admin import SpreadsheetAdmin
from .models import (
    ActionPlan,
    Activity,
    Axis,
    Commitment,
    Evidence,
    Institution,
    PlanProgress,
    ProgressSnapshot,
)


class TrackedAdmin(SpreadsheetAdmin, SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, the change history one click away, and
    spreadsheet import and export."""


class AxisInline(TranslationTabularInline):
    model = Axis
    extra = 0


class PlanProgressInline(TranslationTabularInline):
    model = PlanProgress
    extra = 0
    autocomplete_fields = ["meeting"]


@admin.register(ActionPlan)
class ActionPlanAdmin(TrackedAdmin):
    resource_classes = [resources.ActionPlanResource]
    list_display = ["number", "title", "start", "planned_end", "revised_end", "status"]
    list_filter = ["status"]
    search_fields = ["title", "summary"]
    ordering = ["number"]
    inlines = [AxisInline, PlanProgressInline]


@admin.register(Axis)
class AxisAdmin(TrackedAdmin):
    resource_classes = [resources.AxisResource]
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]
    search_fields = ["title"]
    ordering = ["plan__number", "number"]


@admin.register(Institution)
class InstitutionAdmin(TrackedAdmin):
    resource_classes = [resources.InstitutionResource]
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]


class ActivityInline(TranslationTabularInline):
    model = Activity
    extra = 0
    fields = ["number", "title", "planned_start", "planned_end", "revised_end", "status", "weight"]


class SnapshotInline(TranslationStackedInline):
    model = ProgressSnapshot
    extra = 0
    fields = [
        "date",
        "percent",
        "status",
        "narrative",
        "platform_status",
        "platform_note",
        "schedule",
        "meeting",
        "review_comment",
    ]
    autocomplete_fields = ["meeting"]
    ordering = ["-date"]
    show_change_link = True


@admin.register(Commitment)
class CommitmentAdmin(TrackedAdmin):
    resource_classes = [resources.CommitmentResource]
    list_display = ["number", "title", "plan", "ogp_id", "lead_institution"]
    list_display_links = ["number", "title"]
    list_filter = ["plan", "lead_institution", "axis"]
    search_fields = ["title", "ogp_id", "description"]
    ordering = ["plan__number", "number"]
    autocomplete_fields = ["lead_institution", "axis", "leads"]
    list_select_related = ["plan", "lead_institution"]
    inlines = [ActivityInline, SnapshotInline]


@admin.register(Activity)
class ActivityAdmin(TrackedAdmin):
    resource_classes = [resources.ActivityResource]
    list_display = ["number", "title", "commitment", "planned_end", "revised_end", "status"]
    list_filter = ["commitment__plan", "status"]
    search_fields = ["title", "commitment__title"]
    autocomplete_fields = ["commitment"]
    list_select_related = ["commitment__plan"]
    ordering = ["commitment__plan__number", "commitment__number", "number"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(ProgressSnapshot)
class ProgressSnapshotAdmin(TrackedAdmin):
    resource_classes = [resources.ProgressSnapshotResource]
    list_display = ["commitment", "date", "percent", "platform_status", "status", "meeting"]
    list_filter = ["status", "commitment__plan", "platform_status", "meeting__committee"]
    search_fields = ["commitment__title", "narrative"]
    autocomplete_fields = ["commitment", "meeting", "author"]
    list_select_related = ["commitment__plan", "meeting__committee"]
    date_hierarchy = "date"
    inlines = [EvidenceInline]


@admin.register(PlanProgress)
class PlanProgressAdmin(TrackedAdmin):
    resource_classes = [resources.PlanProgressResource]
    list_display = ["plan", "date", "percent", "meeting"]
    list_filter = ["plan"]
    search_fields = ["note"]
    autocomplete_fields = ["plan", "meeting"]
