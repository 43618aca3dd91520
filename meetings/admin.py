from django.contrib import admin, messages
from django.db import IntegrityError, models, transaction
from django.forms import Textarea, TextInput
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationStackedInline

from commitments.admin import TrackedAdmin
from commitments.admin_versions import LoadedValuesForm, LockedAdmin, VersionedRowsFormSet
from commitments.models import ProgressSnapshot

from . import resources
from .admin_forms import NewDraftMeetingForm
from .copying import copy_status_table
from .models import AgendaItem, Committee, Meeting, NextStep, Participant
from .publishing import publish_status_table


@admin.register(Committee)
class CommitteeAdmin(TrackedAdmin):
    resource_classes = [resources.CommitteeResource]
    list_display = ["name", "kind", "plan"]
    list_filter = ["kind", "plan"]
    search_fields = ["name"]


class ParticipantInline(admin.TabularInline):
    """Arabic columns only, so that the table fits the screen; each
    participant's own page (the change link) holds the French and English."""

    model = Participant
    extra = 0
    show_change_link = True
    fields = [
        "order",
        "group_ar",
        "honorific",
        "name",
        "function_ar",
        "organisation_ar",
        "role",
        "commitments",
    ]
    autocomplete_fields = ["commitments"]
    formfield_overrides = {models.CharField: {"widget": TextInput(attrs={"size": 14})}}


class AgendaItemInline(TranslationStackedInline):
    model = AgendaItem
    extra = 0


class NextStepInline(admin.TabularInline):
    """Arabic text only, like the participants; translations on the step's own page."""

    model = NextStep
    fk_name = "meeting"
    extra = 0
    show_change_link = True
    fields = ["order", "text_ar", "owner", "due_date", "status", "closed_at"]
    autocomplete_fields = ["closed_at"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 50})}}


class StatusTableInline(TranslationStackedInline):
    """The meeting's status table, typed where the minutes are prepared."""

    model = ProgressSnapshot
    fk_name = "meeting"
    form = LoadedValuesForm
    formset = VersionedRowsFormSet
    extra = 0
    verbose_name = _("status table row")
    verbose_name_plural = _("status table")
    fields = [
        "commitment",
        "date",
        "percent",
        "no_progress",
        "narrative",
        "platform_status",
        "platform_note",
        "schedule",
        "status",
    ]
    autocomplete_fields = ["commitment"]
    ordering = ["commitment__plan__number", "commitment__number", "pk"]
    # Eighteen rows of nine text boxes: short boxes keep the table in reach.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 60})}}


@admin.register(Meeting)
class MeetingAdmin(LockedAdmin, TrackedAdmin):
    resource_classes = [resources.MeetingResource]
    list_display = ["date", "committee", "sequence", "format", "status"]
    list_filter = ["committee", "committee__kind", "committee__plan", "status", "format"]
    search_fields = ["title", "place", "committee__name"]
    date_hierarchy = "date"
    ordering = ["-date"]
    list_select_related = ["committee"]
    inlines = [ParticipantInline, AgendaItemInline, StatusTableInline, NextStepInline]
    actions = ["copy_status_table_to_new_draft"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("committee")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.is_published:
            return
        count = publish_status_table(form.instance, request.user)
        if count:
            self.message_user(
                request,
                ngettext(
                    "%(count)d row of the status table was published with the minutes.",
                    "%(count)d rows of the status table were published with the minutes.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )

    @admin.action(
        description=_(
            "Copy the participants and status table of the previous meeting "
            "into a new draft meeting"
        ),
        permissions=["add"],
    )
    def copy_status_table_to_new_draft(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one meeting to copy from."), messages.WARNING
            )
            return None
        source = queryset.select_related("committee").get()
        form = NewDraftMeetingForm(source, request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    meeting, copies = copy_status_table(
                        source, date=form.cleaned_data["date"], author=request.user
                    )
            except IntegrityError:
                form.add_error(
                    "date", _("This committee already has a meeting with that number on that date.")
                )
            else:
                self.message_user(
                    request,
                    _(
                        "A new draft meeting holds a copy of the %(participants)s participants "
                        "and of the %(count)s rows of the status table: remove whoever is absent "
                        "and change only what moved since the previous meeting."
                    )
                    % {"participants": meeting.participants.count(), "count": len(copies)},
                    messages.SUCCESS,
                )
                return redirect("admin:meetings_meeting_change", meeting.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("New draft meeting"),
            "source": source,
            "participants": source.participants.count(),
            "rows": source.snapshots.count(),
            "form": form,
        }
        return TemplateResponse(request, "admin/meetings/meeting/copy_to_new_draft.html", context)


@admin.register(Participant)
class ParticipantAdmin(TrackedAdmin):
    resource_classes = [resources.ParticipantResource]
    list_display = ["name", "function", "organisation", "role", "meeting"]
    list_filter = ["meeting__committee", "role"]
    search_fields = ["name", "organisation"]
    autocomplete_fields = ["meeting", "commitments", "user"]


class PastDueFilter(admin.SimpleListFilter):
    title = _("due date")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("past", _("past, still open"))]

    def queryset(self, request, queryset):
        if self.value() == "past":
            return queryset.past_due(timezone.localdate())
        return queryset


@admin.register(NextStep)
class NextStepAdmin(TrackedAdmin):
    resource_classes = [resources.NextStepResource]
    list_display = ["order", "text", "meeting", "owner", "due_date", "status"]
    list_filter = ["status", PastDueFilter, "meeting__committee"]
    search_fields = ["text", "owner"]
    autocomplete_fields = ["meeting", "closed_at"]


@admin.register(AgendaItem)
class AgendaItemAdmin(TrackedAdmin):
    resource_classes = [resources.AgendaItemResource]
    list_display = ["order", "title", "meeting"]
    list_filter = ["meeting__committee"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["meeting"]
