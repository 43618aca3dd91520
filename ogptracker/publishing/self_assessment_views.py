"""The self-assessment report of a plan: its page, its PDF (as the minutes') and its DOCX."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from commitments.models import ActionPlan
from meetings import pdf
from ogptracker.ogpcycle import self_assessment
from ogptracker.ogpcycle.enums import SelfAssessmentKind
from ogptracker.pagecache import cache_public_page
from ogptracker.pagecache.version import data_version

from .self_assessment_docx import docx_bytes


def _report(number, kind):
    plan = get_object_or_404(ActionPlan, number=number)
    if kind not in SelfAssessmentKind.values:
        raise Http404("No such self-assessment report.")
    return self_assessment.build(plan, SelfAssessmentKind(kind))


def _context(request, report, *, for_print=False):
    return {
        "report": report,
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
