from functools import partial

from django.contrib import admin, messages
from django.db.models import Count, Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from commitments.models import (
    ActionPlan,
    Activity,
    ActivityChange,
    Axis,
    Commitment,
    Evidence,
    Institution,
    PlanProgress,
    ProgressReport,
    ReportAwaitingReview,
    ReviewComment,
)
from meetings import cycle
from ogptracker.spreadsheets import plan_resources as resources

from .directions import TypingDirectionMixin
from .filters import FrenchVersionFilter, OwesFilter
from .history import DeletedRecordsMixin
from .imports import SpreadsheetAdmin
from .report_forms import ReportAdminForm, ReportRowForm, ReviewForm
from .search import FoldedSearchMixin
from .translations import translations_view
from .versions import LoadedValuesForm, LockedAdmin, VersionedForm


class TrackedAdmin(
    TypingDirectionMixin,
    FoldedSearchMixin,
    DeletedRecordsMixin,
    SpreadsheetAdmin,
    SimpleHistoryAdmin,
    TranslationAdmin,
):
    """Translated fields side by side, spreadsheet import and export, the
    change history one click away, deletions undoable, and the public search's
    folding in the search box."""


class AxisInline(TypingDirectionMixin, TranslationTabularInline):
    model = Axis
    extra = 0


class PlanProgressInline(TypingDirectionMixin, TranslationTabularInline):
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

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<path:object_id>/translations/",
                self.admin_site.admin_view(partial(translations_view, self)),
                name="commitments_actionplan_translations",
            ),
            *super().get_urls(),
        ]


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


class ActivityInline(TypingDirectionMixin, TranslationTabularInline):
    model = Activity
    form = LoadedValuesForm
    extra = 0
    fields = ["number", "title", "planned_start", "planned_end", "revised_end", "status", "weight"]


class ReportInline(TypingDirectionMixin, TranslationStackedInline):
    model = ProgressReport
    form = ReportRowForm
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
    ]
    autocomplete_fields = ["meeting"]
    ordering = ["-date"]
    show_change_link = True


@admin.register(Commitment)
class CommitmentAdmin(LockedAdmin, TrackedAdmin):
    resource_classes = [resources.CommitmentResource]
    form = VersionedForm
    list_display = ["number", "title", "plan", "ogp_id", "lead_institution"]
    list_display_links = ["number", "title"]
    list_filter = [OwesFilter, "plan", "lead_institution", "axis"]
    search_fields = ["title", "ogp_id", "description"]
    ordering = ["plan__number", "number"]
    autocomplete_fields = ["lead_institution", "axis", "leads", "co_leads"]
    list_select_related = ["plan", "lead_institution"]
    inlines = [ActivityInline, ReportInline]

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not ProgressReport:
            return super().save_formset(request, form, formset, change)
        save_reports(request, formset)


@admin.register(Activity)
class ActivityAdmin(LockedAdmin, TrackedAdmin):
    resource_classes = [resources.ActivityResource]
    form = VersionedForm
    list_display = ["number", "title", "commitment", "planned_end", "revised_end", "status"]
    list_filter = ["commitment__plan", "status"]
    search_fields = ["title", "commitment__title"]
    autocomplete_fields = ["commitment"]
    list_select_related = ["commitment__plan"]
    ordering = ["commitment__plan__number", "commitment__number", "number"]


class ReviewCommentInline(TypingDirectionMixin, admin.TabularInline):
    """The report's thread: the secretariat's comments, each return adding one."""

    model = ReviewComment
    extra = 0
    fields = ["written_at", "author", "text"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = _("the secretariat's comments")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class EvidenceInline(TypingDirectionMixin, admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]


class ActivityChangeInline(TypingDirectionMixin, admin.TabularInline):
    """What a report changes in the activities, beside what the public sees until then."""

    model = ActivityChange
    extra = 0
    fields = [
        "activity",
        "status_now",
        "proposed_status",
        "revised_end_now",
        "proposed_revised_end",
        "made_at",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ActivityChange]:
        return super().get_queryset(request).select_related("activity")

    @admin.display(description=_("status now"))
    def status_now(self, change: ActivityChange) -> str:
        return change.activity.get_status_display()

    @admin.display(description=_("proposed status"))
    def proposed_status(self, change: ActivityChange) -> str:
        return change.get_status_display()

    @admin.display(description=_("revised end now"))
    def revised_end_now(self, change: ActivityChange) -> str:
        return _date_or_dash(change.activity.revised_end)

    @admin.display(description=_("proposed revised end"))
    def proposed_revised_end(self, change: ActivityChange) -> str:
        return _date_or_dash(change.revised_end)


def _date_or_dash(value):
    return date_format(value) if value else "—"


def save_reports(request: HttpRequest, formset: BaseInlineFormSet) -> None:
    """Reports of the commitment's page, each saved by the cycle's step for its status;
    the page's own form claimed the commitment's version."""
    statuses = {id(form.instance): form.initial.get("status") for form in formset.initial_forms}
    for report in formset.save(commit=False):
        cycle.save_edited(
            report,
            request.user,
            status_before=statuses.get(id(report)),
            reason="Edited in the admin",
            claimed=True,
        )
    for report in formset.deleted_objects:
        report._history_user = request.user
        report.delete()
    formset.save_m2m()


def _decide_each(reports, decide):
    """Apply a review decision to each report: (those decided, those the review refused)."""
    done, refused = [], []
    for report in reports:
        try:
            decided = decide(report)
        except cycle.Refused:
            refused.append(report)
        else:
            done.append(decided)
    return done, refused


class ReviewActionsMixin:
    """Approve or return submitted reports, from a changelist selection."""

    actions = ["approve_and_publish", "return_for_revision"]

    @admin.action(description=_("Approve and publish"), permissions=["change"])
    def approve_and_publish(self, request: HttpRequest, queryset: QuerySet[ProgressReport]) -> None:
        done, refused = _decide_each(
            queryset.select_related("commitment"),
            lambda report: cycle.approve_report(report, request.user, request=request),
        )
        if done:
            self.message_user(
                request,
                ngettext("%(count)d report published.", "%(count)d reports published.", len(done))
                % {"count": len(done)},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not published, as they are not awaiting review: %(reports)s")
                % {"reports": "; ".join(str(report) for report in refused)},
                messages.WARNING,
            )

    @admin.action(description=_("Return for revision"), permissions=["change"])
    def return_for_revision(
        self, request: HttpRequest, queryset: QuerySet[ProgressReport]
    ) -> TemplateResponse | None:
        reports = list(queryset.select_related("commitment"))
        if "apply" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Return for revision"),
                "reports": reports,
            }
            return TemplateResponse(request, "admin/commitments/return_for_revision.html", context)
        done, refused = _decide_each(
            reports,
            lambda report: cycle.return_report(
                report, request.user, request.POST.get(f"comment-{report.pk}"), request=request
            ),
        )
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d report returned to its project leads.",
                    "%(count)d reports returned to their project leads.",
                    len(done),
                )
                % {"count": len(done)},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _(
                    "Not returned: a report is returned only with a comment, and only while "
                    "it awaits review: %(reports)s"
                )
                % {"reports": "; ".join(str(report) for report in refused)},
                messages.ERROR,
            )
        return None


@admin.register(ProgressReport)
class ProgressReportAdmin(LockedAdmin, ReviewActionsMixin, TrackedAdmin):
    resource_classes = [resources.ProgressReportResource]
    form = ReportAdminForm
    list_display = [
        "commitment",
        "date",
        "percent",
        "voice",
        "platform_status",
        "status",
        "meeting",
    ]
    list_filter = [
        "status",
        "voice",
        "commitment__plan",
        "platform_status",
        "meeting__committee",
        FrenchVersionFilter,
    ]
    search_fields = ["commitment__title", "narrative"]
    autocomplete_fields = ["commitment", "meeting", "author"]
    list_select_related = ["commitment__plan", "meeting__committee"]
    date_hierarchy = "date"
    inlines = [ActivityChangeInline, ReviewCommentInline, EvidenceInline]

    def save_model(
        self, request: HttpRequest, obj: ProgressReport, form: VersionedForm, change: bool
    ) -> None:
        form.claim_versions()
        cycle.save_edited(
            obj,
            request.user,
            status_before=form.initial.get("status") if change else None,
            reason="Edited in the admin",
            claimed=True,
        )


class ReviewEvidenceInline(EvidenceInline):
    fields = ["file", "description", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ReportAwaitingReview)
class ReportAwaitingReviewAdmin(
    TypingDirectionMixin, LockedAdmin, FoldedSearchMixin, ReviewActionsMixin, TranslationAdmin
):
    """The review queue: submitted reports only, oldest first, with approve / return."""

    form = ReviewForm

    list_display = [
        "commitment",
        "plan",
        "date",
        "percent",
        "voice",
        "author",
        "activity_change_count",
        "evidence_count",
    ]
    list_filter = ["commitment__plan", "voice"]
    list_select_related = ["commitment__plan", "author"]
    search_fields = ["commitment__title", "narrative"]
    ordering = ["updated_at"]
    fields = [
        "commitment",
        "voice",
        "last_published",
        "date",
        "percent",
        "no_progress",
        "narrative",
        "platform_status",
        "platform_note",
        "schedule",
        "review_comment",
        "author",
    ]
    readonly_fields = ["commitment", "voice", "last_published", "author"]
    inlines = [ActivityChangeInline, ReviewCommentInline, ReviewEvidenceInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportAwaitingReview]:
        return (
            super()
            .get_queryset(request)
            .awaiting_review()
            .annotate(Count("evidence", distinct=True), Count("activity_changes", distinct=True))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("action plan"), ordering="commitment__plan__number")
    def plan(self, report: ProgressReport) -> ActionPlan:
        return report.commitment.plan

    @admin.display(description=_("Progress now published"))
    def last_published(self, report: ProgressReport) -> str | Promise:
        # Beside a co-lead's report, the co-leads' last published one.
        published = (
            ProgressReport.objects.published()
            .filter(commitment=report.commitment_id, voice=report.voice)
            .latest_first()
            .first()
        )
        if published is None:
            return _("No published progress yet")
        return f"{published.percent} % — {date_format(published.date)}"

    @admin.display(description=_("activity changes"), ordering="activity_changes__count")
    def activity_change_count(self, report: ProgressReport) -> int:
        return report.activity_changes__count

    @admin.display(description=_("evidence files"), ordering="evidence__count")
    def evidence_count(self, report: ProgressReport) -> int:
        return report.evidence__count

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ProgressReport, form: VersionedForm, change: bool
    ) -> None:
        form.claim_versions()
        cycle.correct(obj, request.user, reason="Edited during review", claimed=True)

    def response_change(self, request: HttpRequest, obj: ProgressReport) -> HttpResponse:
        queue = reverse("admin:commitments_reportawaitingreview_changelist")
        if "_approve" in request.POST:
            self.approve_and_publish(request, self.get_queryset(request).filter(pk=obj.pk))
            return HttpResponseRedirect(queue)
        if "_return" in request.POST:
            comment = request.POST.get("review_comment", "")
            try:
                cycle.return_report(obj, request.user, comment, request=request)
            except cycle.Refused:
                self.message_user(
                    request,
                    _("Write the secretariat's comment before returning the report."),
                    messages.ERROR,
                )
                return HttpResponseRedirect(request.path)
            self.message_user(
                request, _("The report was returned to its project leads."), messages.SUCCESS
            )
            return HttpResponseRedirect(queue)
        return super().response_change(request, obj)


@admin.register(PlanProgress)
class PlanProgressAdmin(TrackedAdmin):
    resource_classes = [resources.PlanProgressResource]
    list_display = ["plan", "date", "percent", "meeting"]
    list_filter = ["plan"]
    search_fields = ["note"]
    autocomplete_fields = ["plan", "meeting"]
