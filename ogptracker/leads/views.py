"""Project leads' pages: their commitments, the progress report form, evidence files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.activity_changes import as_proposed
from commitments.enums import ActivityStatus, ReportVoice
from commitments.evidence import serve
from commitments.models import Commitment, Evidence
from commitments.roles import is_secretariat
from meetings.models import Meeting
from ogptracker.civilsociety.roles import is_forum_member
from ogptracker.participation.models import waiting_count

from .due import with_due_items
from .forms import ActivityFormSet, ProgressUpdateForm
from .progress_update import (
    ACTIVITY_FIELDS,
    StaleUpdate,
    differences,
    editable_report,
    initial_values,
    save_update,
    submitted_report,
)


def _commitment_for_user(request, pk):
    """The commitment if the user may see its lead pages, and in whose voice they report
    on it: the government's (a project lead), civil society's (a co-lead), or None.

    Another lead's commitment is a 404, as if it did not exist. The secretariat
    sees every commitment but reviews in the admin: the report is the leads' word.
    """
    commitment = get_object_or_404(
        Commitment.objects.for_user(request.user).select_related("plan", "lead_institution"),
        pk=pk,
    )
    voice = None
    if commitment.leads.filter(pk=request.user.pk).exists():
        voice = ReportVoice.GOVERNMENT
    elif commitment.co_leads.filter(pk=request.user.pk).exists():
        voice = ReportVoice.CIVIL_SOCIETY
    return commitment, voice


@login_required
def my_commitments(request: HttpRequest) -> HttpResponse:
    if request.session.get("citizen"):
        # Where signing in leads: a citizen's page is their questions.
        return redirect("participation:account")
    commitments = with_due_items(
        Commitment.objects.for_user(request.user)
        .with_latest_progress()
        .annotate(waiting_questions=waiting_count())
        .select_related("plan", "lead_institution")
        # The plan under way first, as on the home page.
        .order_by("-plan__number", "number")
    )
    commitments = Meeting.objects.attach_next_to_plans(list(commitments), timezone.localdate())
    return render(
        request,
        "leads/my_commitments.html",
        {
            "commitments": commitments,
            "is_secretariat": is_secretariat(request.user),
            "is_forum_member": is_forum_member(request.user),
        },
    )


@login_required
def commitment_update(request: HttpRequest, pk: int) -> HttpResponse:
    commitment, voice = _commitment_for_user(request, pk)
    can_edit = voice is not None
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    shown_voice = voice or ReportVoice.GOVERNMENT
    report = editable_report(commitment, shown_voice)
    awaiting = submitted_report(commitment, shown_voice)
    # The activities are the government's plan: only its leads' reports change them.
    activities = commitment.activities.order_by("number")
    if voice == ReportVoice.CIVIL_SOCIETY:
        activities = activities.none()
    conflict = None
    initial = {"version": commitment.version, **initial_values(commitment, report, shown_voice)}
    if request.method == "POST" and awaiting is None:
        form = ProgressUpdateForm(request.POST, request.FILES, initial=initial, report=report)
        formset = ActivityFormSet(request.POST, queryset=activities, report=report)
        if form.is_valid() and formset.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                save_update(
                    commitment,
                    form,
                    formset,
                    request.user,
                    submit=submit,
                    request=request,
                    voice=voice,
                )
            except StaleUpdate:
                commitment.refresh_from_db()
                conflict = differences(commitment, form, formset, voice)
            else:
                if submit:
                    messages.success(request, _("Your report was sent to the secretariat."))
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect("leads:commitment_update", pk=commitment.pk)
        if conflict is not None:
            # Keep what the lead typed, rebased on what is saved now: saving again is a
            # knowing choice over the new version.
            report = editable_report(commitment, voice)
            data = _rebased(request.POST, commitment, report, voice)
            form = ProgressUpdateForm(data, report=report)
            formset = ActivityFormSet(data, queryset=activities, report=report)
    else:
        form = ProgressUpdateForm(initial=initial, report=report)
        formset = ActivityFormSet(queryset=activities, report=report or awaiting)
    awaiting = submitted_report(commitment, shown_voice)
    summarized = awaiting or report
    return render(
        request,
        "leads/update.html",
        {
            "commitment": commitment,
            "can_edit": can_edit and awaiting is None,
            "is_lead": can_edit,
            "is_co_lead": voice == ReportVoice.CIVIL_SOCIETY,
            "form": form,
            "activity_rows": _activity_rows(formset, timezone.localdate()),
            "formset": formset,
            "report": report,
            "awaiting": awaiting,
            "conflict": conflict,
            "proposed_changes": (
                summarized.activity_changes.select_related("activity") if summarized else []
            ),
            "reports": commitment.reports.filter(voice=shown_voice)
            .latest_first()
            .select_related("author")
            .prefetch_related("evidence", "review_comments__author"),
        },
    )


def _rebased(posted, commitment, report, voice):
    """What the lead posted, as if they had loaded the form as it is saved now."""
    data = posted.copy()
    data["version"] = str(commitment.version)
    for name, value in initial_values(commitment, report, voice).items():
        data[f"initial-{name}"] = _as_posted(value)
    prefix = ActivityFormSet.get_default_prefix()
    activities = {
        str(activity.pk): activity for activity in as_proposed(commitment.activities.all(), report)
    }
    for index in range(int(posted.get(f"{prefix}-TOTAL_FORMS", 0))):
        activity = activities.get(posted.get(f"{prefix}-{index}-id"))
        if activity is not None:
            for name in ACTIVITY_FIELDS:
                data[f"initial-{prefix}-{index}-{name}"] = _as_posted(getattr(activity, name))
    return data


def _as_posted(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _activity_rows(formset, today):
    """Each activity's form, whether it is overdue as the report leaves it, and the
    published values of the fields the report changes (empty if it changes none)."""
    rows = []
    for form in formset.forms:
        activity = form.instance
        public = getattr(activity, "public_values", {})
        changed = {name: public[name] for name in public if public[name] != getattr(activity, name)}
        if "status" in changed:
            changed["status"] = ActivityStatus(changed["status"]).label
        rows.append((form, activity.is_overdue(today), changed))
    return rows


def evidence_download(request: HttpRequest, pk: int) -> FileResponse | HttpResponseRedirect:
    """Evidence is public once its report is published; before that, only the
    secretariat and those who report in the report's voice see it: a project
    lead the government's, a civil-society co-lead civil society's."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__meeting", "report__commitment"), pk=pk
    )
    report = evidence.report
    if not report.is_published and not _reports_in_its_voice(request.user, report):
        raise Http404
    return serve(evidence.file, evidence.content_type, public=report.is_published)


def _reports_in_its_voice(user, report) -> bool:
    if is_secretariat(user):
        return True
    if not user.is_authenticated:
        return False
    commitment = report.commitment
    civil_society = report.voice == ReportVoice.CIVIL_SOCIETY
    people = commitment.co_leads if civil_society else commitment.leads
    return people.filter(pk=user.pk).exists()
