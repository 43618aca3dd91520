"""The self-assessment report of a plan: its page, its PDF (as the minutes') and its DOCX."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commitments.models import ActionPlan
from meetings import pdf
from ogptracker.civilsociety.side_by_side import plan_views
from ogptracker.ogpcycle import self_assessment
from ogptracker.ogpcycle.enums import SelfAssessmentKind
from ogptracker.ogpcycle.models import SelfAssessmentReport
from ogptracker.pagecache import cache_public_page
from ogptracker.pagecache.version import data_version

from .comment_forms import CommentForm
from .self_assessment_docx import docx_bytes


def _plan_and_kind(number, kind):
    plan = get_object_or_404(ActionPlan, number=number)
    if kind not in SelfAssessmentKind.values:
        raise Http404("No such self-assessment report.")
    return plan, SelfAssessmentKind(kind)


def _report(number, kind):
    """The report, each commitment's part with civil society's latest view by the
    report's date (`civil_society`, None where no forum assessed it)."""
    report = self_assessment.build(*_plan_and_kind(number, kind))
    views = plan_views(report.plan.commitments.all(), report.until)
    for axis in report.axes:
        for part in axis.commitments:
            part.civil_society = views.get(part.commitment.pk)
    return report


def _record(report):
    """The secretariat's record of the report, with the comments it received, if any."""
    return (
        SelfAssessmentReport.objects.filter(plan=report.plan, kind=report.kind)
        .prefetch_related("comments")
        .first()
    )


def _context(request, report, *, for_print=False):
    record = _record(report)
    today = timezone.localdate()
    return {
        "report": report,
        "record": record,
        "open_for_comment": record is not None and record.open_for_comment(today),
        "published": record is not None and record.published_on is not None,
        "title": report.kind.label,
        "kinds": list(SelfAssessmentKind),
        "today": timezone.localdate(),
        "for_print": for_print,
        # Links in the PDF and DOCX are read outside the site: absolute.
        "base_url": request.build_absolute_uri("/").rstrip("/") if for_print else "",
    }


def _filename(report, extension):
    return f"self-assessment-plan-{report.plan.number}-{report.kind}-{get_language()}.{extension}"


@cache_public_page
def self_assessment_page(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    report = _report(number, kind)
    return render(request, "publishing/self_assessment.html", _context(request, report))


@cache_public_page
def self_assessment_pdf(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    report = _report(number, kind)
    # Rendered again only once the tracked data changed (or the release, or the day).
    key = (
        f"self-assessment-pdf:{report.plan.number}:{report.kind}:{get_language()}:"
        f"{timezone.localdate()}:{data_version()}"
    )
    content = pdf.cached_pdf(
        pdf.release_key(key),
        lambda: render_to_string(
            "publishing/self_assessment.html",
            _context(request, report, for_print=True),
            request=request,
        ),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response


def self_assessment_comment(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    """The form for a reader's comment on the draft, while comments are open; not cached."""
    plan, kind = _plan_and_kind(number, kind)
    record = SelfAssessmentReport.objects.filter(plan=plan, kind=kind).first()
    if record is None or not record.open_for_comment(timezone.localdate()):
        raise Http404("This report is not open for comment.")
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.report = record
        form.save()
        messages.success(request, _("Thank you: your comment was received."))
        return redirect("commitments:self_assessment", number=plan.number, kind=kind)
    return render(
        request,
        "publishing/self_assessment_comment.html",
        {"plan": plan, "kind": kind, "record": record, "form": form},
    )


@cache_public_page
def self_assessment_docx(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    report = _report(number, kind)
    content = docx_bytes(report, _context(request, report, for_print=True))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "docx")}"'
    return response
