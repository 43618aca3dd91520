from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from commitments.roles import is_secretariat
from meetings import pdf
from meetings.minutes import minutes_context
from meetings.minutes_pdf import minutes_html
from meetings.models import Meeting
from meetings.querysets import change_marks
from ogptracker.pagecache import cache_public_page

from .params import page_of

MEETINGS_PER_PAGE = 50


def _meeting_for_user(request, pk, *, for_pdf=False):
    """The meeting if the visitor may read it, and whether drafts are shown.

    Anyone reads published minutes; the secretariat also previews drafts.
    For the PDF, only what tells whether the cached file is still current.
    """
    preview = is_secretariat(request.user)
    if for_pdf:
        meetings = Meeting.objects.with_change_marks()
    else:
        meetings = Meeting.objects.for_minutes(include_drafts=preview)
    if not preview:
        meetings = meetings.published()
    return get_object_or_404(meetings, pk=pk), preview


@cache_public_page
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.for_list()
    if not is_secretariat(request.user):
        meetings = meetings.published()
    page = page_of(request, meetings, MEETINGS_PER_PAGE)
    return render(request, "publishing/meeting_list.html", {"meetings": page})


@cache_public_page
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, preview = _meeting_for_user(request, pk)
    return render(request, "meetings/minutes.html", minutes_context(meeting, preview=preview))


@cache_public_page
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, preview = _meeting_for_user(request, pk, for_pdf=True)
    key = pdf.cache_key(meeting, change_marks(meeting), preview=preview)

    content = pdf.cached_pdf(key, lambda: minutes_html(request, pk, preview=preview))
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if request.GET.get("inline") else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    )
    return response
