from django.contrib import admin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from commitments.import_admin import SpreadsheetAdmin

from . import resources
from .models import AgendaItem, Committee, Meeting, NextStep, Participant


class TrackedAdmin(SpreadsheetAdmin, SimpleHistoryAdmin, TranslationAdmin):
    pass


@admin.register(Committee)
class CommitteeAdmin(TrackedAdmin):
    resource_classes = [resources.CommitteeResource]
    list_display = ["name", "kind", "plan"]
    list_filter = ["kind", "plan"]
    search_fields = ["name"]


class ParticipantInline(TranslationTabularInline):
    model = Participant
    extra = 0
    fields = [
        "order",
        "group",
        "honorific",
        "name",
        "function",
        "organisation",
        "role",
        "commitments",
    ]
    autocomplete_fields = ["commitments"]


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    extra = 0


class NextStepInline(TranslationTabularInline):
    model = NextStep
    fk_name = "meeting"
    extra = 0
    fields = ["order", "text", "owner", "due_date", "status", "closed_at"]
    autocomplete_fields = ["closed_at"]


@admin.register(Meeting)
class MeetingAdmin(TrackedAdmin):
    resource_classes = [resources.MeetingResource]
    list_display = ["date", "committee", "sequence", "format", "status"]
    list_filter = ["committee", "committee__kind", "committee__plan", "status", "format"]
    search_fields = ["title", "place", "committee__name"]
    date_hierarchy = "date"
    ordering = ["-date"]
    list_select_related = ["committee"]
    inlines = [ParticipantInline, AgendaItemInline, NextStepInline]


@admin.register(Participant)
class ParticipantAdmin(TrackedAdmin):
    resource_classes = [resources.ParticipantResource]
    list_display = ["name", "function", "organisation", "role", "meeting"]
    list_filter = ["meeting__committee", "role"]
    search_fields = ["name", "organisation"]
    autocomplete_fields = ["meeting", "commitments", "user"]


@admin.register(NextStep)
class NextStepAdmin(TrackedAdmin):
    resource_classes = [resources.NextStepResource]
    list_display = ["order", "text", "meeting", "owner", "due_date", "status"]
    list_filter = ["status", "meeting__committee"]
    search_fields = ["text", "owner"]
    autocomplete_fields = ["meeting", "closed_at"]


@admin.register(AgendaItem)
class AgendaItemAdmin(TrackedAdmin):
    resource_classes = [resources.AgendaItemResource]
    list_display = ["order", "title", "meeting"]
    list_filter = ["meeting__committee"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["meeting"]
