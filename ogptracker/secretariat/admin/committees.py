from collections.abc import Sequence
from functools import partial
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelChoiceField, ModelForm, Textarea, TextInput
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult
from modeltranslation.admin import TranslationStackedInline

from commitments.enums import MeetingStatus
from commitments.models import Commitment, ProgressReport
from meetings import cycle, invitations
from meetings.models import AgendaItem, Committee, Meeting, Membership, NextStep, Participant
from ogptracker.spreadsheets import meeting_resources as resources

from .directions import TypingDirectionMixin
from .meeting_forms import NewDraftMeetingForm, PlanCommitmentField
from .plans import TrackedAdmin
from .versions import LoadedValuesForm, LockedAdmin, VersionedRowsFormSet
from .workspace import workspace_view

# The task queue renders the minutes' PDFs (meetings/cycle.py); its results are the
# operators' to read in the logs, not a page of the secretariat's admin.
admin.site.unregister(DBTaskResult)


class MembershipInline(TypingDirectionMixin, admin.TabularInline):
    """The committee's standing members, Arabic columns only like a meeting's participants;
    each membership's own page holds the French and English."""

    model = Membership
    extra = 0
    show_change_link = True
    fields = [
        "order",
        "honorific",
        "name",
        "role",
        "organisation_ar",
        "commitments",
        "start_date",
        "end_date",
    ]
    autocomplete_fields = ["commitments"]
    formfield_overrides = {models.CharField: {"widget": TextInput(attrs={"size": 16})}}


@admin.register(Committee)
class CommitteeAdmin(TrackedAdmin):
    resource_classes = [resources.CommitteeResource]
    list_display = ["__str__", "kind", "plan"]
    list_filter = ["kind", "plan"]
    search_fields = ["name", "plan__title"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(TrackedAdmin):
    resource_classes = [resources.MembershipResource]
    list_display = ["name", "role", "organisation", "committee", "start_date", "end_date"]
    list_filter = ["committee", "role"]
    search_fields = ["name", "organisation", "function"]
    autocomplete_fields = ["committee", "user", "commitments"]
    list_select_related = ["committee__plan"]


class ParticipantInline(TypingDirectionMixin, admin.TabularInline):
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


class AgendaItemInline(TypingDirectionMixin, TranslationStackedInline):
    model = AgendaItem
    extra = 0


class NextStepInline(TypingDirectionMixin, admin.TabularInline):
    """Arabic text only, like the participants; translations on the step's own page."""

    model = NextStep
    fk_name = "meeting"
    extra = 0
    show_change_link = True
    fields = ["order", "text_ar", "owner", "due_date", "status", "closed_at"]
    autocomplete_fields = ["closed_at"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 50})}}


class StatusTableInline(TypingDirectionMixin, TranslationStackedInline):
    """The meeting's status table, typed where the minutes are prepared."""

    model = ProgressReport
    fk_name = "meeting"
    form = LoadedValuesForm
    formset = VersionedRowsFormSet
    extra = 0
    verbose_name = _("status table row")
    verbose_name_plural = _("status table")
    fields = [
        "commitment",
        "origin",
        "date",
        "percent",
        "no_progress",
        "narrative",
        "platform_status",
        "platform_note",
        "schedule",
        "status",
    ]
    readonly_fields = ["origin"]
    ordering = ["commitment__plan__number", "commitment__number", "pk"]
    # Eighteen rows of nine text boxes: short boxes keep the table in reach.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 60})}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProgressReport]:
        return super().get_queryset(request).select_related("prepared_from__meeting")

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        if db_field.name == "commitment":
            # Only the meeting's plan's commitments (every plan's before its
            # committee is saved, or for a committee of every plan).
            commitments = Commitment.objects.select_related("plan").order_by(
                "-plan__number", "number"
            )
            plan_id = _plan_of_meeting(request)
            if plan_id:
                commitments = commitments.filter(plan_id=plan_id)
            kwargs.update(queryset=commitments, form_class=PlanCommitmentField)
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            # Read once for the page, not once for each row's select.
            field.choices = list(field.choices)
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("prepared from"))
    def origin(self, row: ProgressReport) -> str:
        source = row.prepared_from
        if source is None:
            return "—"
        if source.meeting_id is None:
            return _("the leads' report of %(date)s (%(percent)s %%)") % {
                "date": date_format(source.date),
                "percent": source.percent,
            }
        return _("no new report: the row of the meeting of %(date)s") % {
            "date": date_format(source.meeting.date)
        }


@admin.register(Meeting)
class MeetingAdmin(LockedAdmin, TrackedAdmin):
    resource_classes = [resources.MeetingResource]
    list_display = ["date", "committee", "sequence", "format", "status"]
    list_filter = ["committee", "committee__kind", "committee__plan", "status", "format"]
    search_fields = ["title", "place", "committee__name"]
    date_hierarchy = "date"
    ordering = ["-date"]
    list_select_related = ["committee__plan"]
    inlines = [ParticipantInline, AgendaItemInline, StatusTableInline, NextStepInline]
    actions = ["prepare_next_meeting"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return super().get_queryset(request).select_related("committee__plan")

    def get_urls(self) -> list[URLPattern]:
        workspace = self.admin_site.admin_view(partial(workspace_view, self))
        return [
            path("<path:object_id>/workspace/", workspace, name="meetings_meeting_workspace"),
            path(
                "<path:object_id>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="meetings_meeting_invite",
            ),
            *super().get_urls(),
        ]

    def invite_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """E-mails the invitation, with the meeting's .ics, to its participants."""
        # A POST only, so that a link or an image cannot send anything.
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        meeting = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, meeting):
            raise PermissionDenied
        sent = invitations.send_invitation(request, meeting)
        if sent:
            self.message_user(
                request,
                ngettext(
                    "The invitation was sent to %(count)d participant.",
                    "The invitation was sent to %(count)d participants.",
                    sent,
                )
                % {"count": sent},
            )
        else:
            self.message_user(
                request,
                _("No participant of this meeting has an account with an e-mail address."),
                messages.WARNING,
            )
        return redirect("admin:meetings_meeting_change", meeting.pk)

    def save_model(self, request: HttpRequest, obj: Meeting, form: ModelForm, change: bool) -> None:
        # Publishing and withdrawing are the cycle's steps, taken once the inlines are saved.
        saved = Meeting.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        form.status_asked = obj.status
        obj.status = saved or MeetingStatus.DRAFT
        super().save_model(request, obj, form, change)
        changed = set(form.changed_data)
        # The place is a field per language (place_ar, place_fr, place_en).
        if (
            not change
            or {"date", "start_time"} & changed
            or any(n.startswith("place") for n in changed)
        ):
            # Those who follow the committee hear of a meeting still to come.
            cycle.meeting_set(obj)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not ProgressReport:
            return super().save_formset(request, form, formset, change)
        formset.claim_versions()
        for row in formset.save(commit=False):
            cycle.save_row(row, request.user, claimed=True)
        for row in formset.deleted_objects:
            row._history_user = request.user
            row.delete()
        formset.save_m2m()

    def save_related(
        self, request: HttpRequest, form: ModelForm, formsets: list[BaseInlineFormSet], change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        asked = getattr(form, "status_asked", meeting.status)
        if asked == meeting.status:
            return
        if asked == MeetingStatus.PUBLISHED:
            rows = cycle.publish_meeting(meeting, request.user)
            message = ngettext(
                "The minutes were published with %(count)d row of the status table.",
                "The minutes were published with %(count)d rows of the status table.",
                len(rows),
            ) % {"count": len(rows)}
        else:
            rows = cycle.withdraw_meeting(meeting, request.user)
            message = _("The minutes were withdrawn: they and their status table are drafts again.")
        meeting.status = asked
        self.message_user(request, message, messages.SUCCESS)

    def get_deleted_objects(
        self, objs: Sequence[Meeting] | QuerySet[Meeting], request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[str]]:
        """What deleting meetings deletes, in the site's words; published minutes are refused.

        The draft rows of a meeting's status table go with it (their link to it
        would otherwise be cut, leaving drafts that no lead wrote); the links
        between participants and commitments are not worth a line each.
        """
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        through = Participant.commitments.through._meta
        hidden = str(capfirst(through.verbose_name))
        deleted = _without(deleted, hidden)
        counts.pop(through.verbose_name_plural, None)
        rows = []
        for meeting in objs:
            refusal = cycle.deletion_refused(meeting)
            if refusal:
                protected.append(f"{meeting}: {refusal}")
                continue
            rows.extend(
                format_html(
                    "{}: {}",
                    capfirst(_("status table row")),
                    _("%(plan)s · %(number)s. %(title)s — %(percent)s %%")
                    % {
                        "plan": row.commitment.plan.number,
                        "number": row.commitment.number,
                        "title": row.commitment.title,
                        "percent": row.percent,
                    },
                )
                for row in cycle.rows_deleted_with(meeting)
            )
        if rows:
            deleted.extend(rows)
            counts[_("status table rows")] = len(rows)
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj: Meeting) -> None:
        cycle.delete_draft_meeting(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        for meeting in queryset:
            cycle.delete_draft_meeting(meeting, request.user)

    @admin.action(
        description=_(
            "Prepare the next meeting: its status table from the leads' reports, "
            "its participants from this meeting"
        ),
        permissions=["add"],
    )
    def prepare_next_meeting(
        self, request: HttpRequest, queryset: QuerySet[Meeting]
    ) -> HttpResponse | None:
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
                    meeting, rows = cycle.prepare_next_meeting(
                        source, date=form.cleaned_data["date"], user=request.user
                    )
            except IntegrityError:
                form.add_error(
                    "date", _("This committee already has a meeting with that number on that date.")
                )
            else:
                reported = sum(1 for row in rows if row.prepared_from.meeting_id is None)
                self.message_user(
                    request,
                    _(
                        "A new draft meeting holds a copy of the %(participants)s participants "
                        "and a status table of %(count)s rows: %(reported)s from the leads' "
                        "reports since the previous meeting, the others without a new report. "
                        "Remove whoever is absent and check each row."
                    )
                    % {
                        "participants": meeting.participants.count(),
                        "count": len(rows),
                        "reported": reported,
                    },
                    messages.SUCCESS,
                )
                return redirect("admin:meetings_meeting_change", meeting.pk)
        table = cycle.next_table(source)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("New draft meeting"),
            "source": source,
            "participants": source.participants.count(),
            "rows": len(table),
            "reported": sum(1 for origin in table if origin.meeting_id is None),
            "form": form,
        }
        return TemplateResponse(request, "admin/meetings/meeting/copy_to_new_draft.html", context)


def _plan_of_meeting(request):
    """The plan of the meeting whose admin page `request` shows, if any."""
    meeting_id = request.resolver_match.kwargs.get("object_id")
    if not meeting_id or not str(meeting_id).isdigit():
        return None
    return Meeting.objects.filter(pk=meeting_id).values_list("committee__plan", flat=True).first()


def _without(nested, prefix):
    """A nested list of the admin's deletion lines without those starting with `prefix`."""
    kept = []
    for item in nested:
        if isinstance(item, list):
            kept.append(_without(item, prefix))
        elif not str(item).startswith(prefix):
            kept.append(item)
    return [item for item in kept if item != []]


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

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str | Promise]]:
        return [("past", _("past, still open"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[NextStep]) -> QuerySet[NextStep]:
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
