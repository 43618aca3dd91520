"""A meeting's minutes PDF: the HTML it is rendered from, and rendering the public
PDFs ahead of their first visitor.

After a release every cached PDF is stale (the cache key holds
`settings.RELEASE`), and each first download would wait for a render
of a few tenths of a second; `manage.py warm_minutes_pdfs` renders them beforehand. A
meeting's own PDFs are rendered by the task queue as soon as the reporting
cycle publishes or changes its minutes (`render_minutes_pdfs`, meetings/cycle.py).
"""

import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from ogptracker.common.languages import CODES

from . import pdf
from .minutes import minutes_context
from .models import Meeting
from .querysets import change_marks


def minutes_html(request: HttpRequest, pk: int, *, preview: bool) -> str:
    """The HTML the minutes PDF is rendered from: the minutes page, for print."""
    meeting = Meeting.objects.for_minutes(include_drafts=preview).get(pk=pk)
    context = minutes_context(meeting, preview=preview) | {"for_pdf": True}
    return render_to_string("meetings/minutes.html", context, request=request)


@dataclass
class Warmed:
    rendered: int = 0
    already_cached: int = 0
    seconds: float = 0.0


def warm_minutes_pdfs(languages: Iterable[str] | None = None, latest: int | None = None) -> Warmed:
    """Render and cache the public PDF of each published meeting (or of the `latest`
    ones) in each language, where the cache does not hold the current one yet."""
    meetings = Meeting.objects.with_change_marks().published().order_by("-date", "-pk")
    warmed = Warmed()
    started = time.perf_counter()
    for meeting in meetings[:latest] if latest else meetings:
        _warm(meeting, languages or CODES, warmed)
    warmed.seconds = time.perf_counter() - started
    return warmed


@task()
def render_minutes_pdfs(meeting_id: int) -> int:
    """Render the public PDFs of a published meeting in every language; return how many.

    Queued when the minutes are published or changed, so that their first
    readers download them without waiting for a render.
    """
    meeting = Meeting.objects.with_change_marks().published().filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    warmed = Warmed()
    _warm(meeting, CODES, warmed)
    return warmed.rendered


def _warm(meeting, languages, warmed):
    for language in languages:
        with translation.override(language):
            key = pdf.cache_key(meeting, change_marks(meeting), preview=False)
            if pdf.is_stored(key):
                warmed.already_cached += 1
                continue
            request = _visitor(reverse("meetings:minutes_pdf", args=[meeting.pk]))
            pdf.cached_pdf(key, partial(minutes_html, request, meeting.pk, preview=False))
            warmed.rendered += 1


def _visitor(path):
    """A request as an anonymous visitor's, for the templates' links."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.user = AnonymousUser()
    return request
