"""The forum members' pages: the commitments, and the forum's assessment of one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from commitments.evidence import serve
from commitments.models import Commitment

from .forms import AssessmentForm
from .models import Assessment, AssessmentEvidence, Forum
from .recording import record_assessment
from .roles import is_forum_member
from .side_by_side import side_by_side, with_latest_assessment


def _forums_of(request):
    """The forums the user records for; a visitor who is in none may not be here."""
    if not is_forum_member(request.user):
        raise PermissionDenied
    return Forum.objects.filter(members=request.user)


@login_required
def my_assessments(request: HttpRequest) -> HttpResponse:
    forums = _forums_of(request)
    commitments = list(
        with_latest_assessment(Commitment.objects.for_dashboard())
        # The plan under way first, as on the home page.
        .order_by("-plan__number", "number")
    )
    for commitment in commitments:
        commitment.civil_society = side_by_side(commitment)
    return render(
        request,
        "civilsociety/my_assessments.html",
        {"commitments": commitments, "forums": list(forums)},
    )


@login_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    forums = _forums_of(request)
    commitment = get_object_or_404(Commitment.objects.for_dashboard(), pk=pk)
    assessments = (
        Assessment.objects.filter(commitment=commitment)
        .with_official_figure()
        .select_related("forum")
        .prefetch_related("evidence")
        .latest_first()
    )
    editing = None
    if "assessment" in request.GET:
        wanted = request.GET["assessment"]
        # A number a row id can be, else no row: the database never sees the rest.
        if not (wanted.isascii() and wanted.isdigit() and len(wanted) <= 9):
            raise Http404
        editing = get_object_or_404(
            Assessment.objects.recorded_by(request.user).filter(commitment=commitment),
            pk=int(wanted),
        )
    instance = editing or Assessment(commitment=commitment)
    if request.method == "POST":
        form = AssessmentForm(
            request.POST, request.FILES, instance=instance, commitment=commitment, forums=forums
        )
        if form.is_valid():
            record_assessment(
                form.save(commit=False),
                request.user,
                uploads=form.cleaned_data["evidence"],
                removed=form.cleaned_data.get("remove_evidence") or [],
            )
            messages.success(
                request,
                _("The assessment was saved; it is public now, beside the official figure."),
            )
            return redirect("civilsociety:assessment_edit", pk=commitment.pk)
    else:
        form = AssessmentForm(instance=instance, commitment=commitment, forums=forums)
    mine = {forum.pk for forum in forums}
    return render(
        request,
        "civilsociety/assessment_edit.html",
        {
            "commitment": commitment,
            "form": form,
            "editing": editing,
            "assessments": [(a, a.forum_id in mine) for a in assessments],
        },
    )


def assessment_evidence(request: HttpRequest, pk: int) -> FileResponse | HttpResponseRedirect:
    """An assessment is public once saved, and so is its evidence."""
    evidence = get_object_or_404(AssessmentEvidence, pk=pk)
    return serve(evidence.file, evidence.content_type, public=True)
