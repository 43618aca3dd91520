"""Read-only JSON API of the published data: plans, commitments, activities, progress, meetings.

Field names and values follow the downloads (`ogptracker/publishing/opendata.py`): every
translated text in the four languages (`title_ar`, `title_zgh`, `title_fr`, `title_en`),
ISO 8601 dates, natural keys (plan, commitment and activity numbers). The
commitments' and meetings' lists take `q`, words to find as the site's search
finds them (`ogptracker/publishing/search.py`, `ogptracker/publishing/minutes_search.py`).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from commitments.enums import MeetingStatus
from commitments.models import ActionPlan, Axis, Commitment, PlanProgress
from meetings.models import AgendaItem, Meeting, Participant
from ogptracker.common.counting import row_count
from ogptracker.common.languages import translated
from ogptracker.pagecache import cache_public_page

from . import opendata
from .minutes_search import search_minutes
from .params import DEFAULT_PAGE_SIZE, BadParameter, cleaned
from .search import search_commitments

ALLOWED_METHODS = ["GET", "HEAD", "OPTIONS"]
MAX_PAGE_SIZE = 200


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def _json(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Read only, and says so in JSON: GET and HEAD answer; OPTIONS lists the
    methods; any other method is a JSON 405, never Django's CSRF page (which
    is HTML, and meaningless for a read-only API without sessions).
    Errors answer as JSON `{"error": …}`."""

    @cache_public_page
    @wraps(view)
    def read(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return _json({"error": error.message}, status=error.status)
        except BadParameter as error:
            return _json({"error": str(error)}, status=400)
        except Http404:
            return _json({"error": "Not found."}, status=404)

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return read(request, *args, **kwargs)
        if request.method == "OPTIONS":
            response = _json({"methods": ALLOWED_METHODS})
        else:
            message = f"The API is read-only: {', '.join(ALLOWED_METHODS)}, not {request.method}."
            response = _json({"error": message}, status=405)
        response["Allow"] = ", ".join(ALLOWED_METHODS)
        return response

    # Its GETs are under the page cache: declared in params.PARAMETERS like the pages.
    wrapper.page_cache = True
    return wrapper


def _searched(request, queryset, search):
    """`queryset` narrowed to what `search` finds for the `q` parameter, if given."""
    query = cleaned(request, "q", "")
    if not query.strip():
        return queryset
    return queryset.filter(pk__in=search(query).values("pk"))


def _page_link(request, page):
    query = request.GET.copy()
    query["page"] = page
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest, queryset: QuerySet, serialise: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    page = cleaned(request, "page", 1)
    size = min(cleaned(request, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    count = queryset.count()
    last = max(1, -(-count // size))
    if page > last:
        raise ApiError(400, f"Page {page} does not exist: the last page is {last}.")
    start = (page - 1) * size
    return {
        "count": count,
        "next": _page_link(request, page + 1) if page < last else None,
        "previous": _page_link(request, page - 1) if page > 1 else None,
        "results": [serialise(obj) for obj in queryset[start : start + size]],
    }


def _translated(obj, field):
    return {column: getattr(obj, column) or "" for column in translated(field)}


def _absolute(request, name, **kwargs):
    return request.build_absolute_uri(reverse(name, kwargs=kwargs))


def _downloads(request, plan):
    # The files are the same in every language; link the default one.
    with translation.override("ar"):
        return {
            dataset: {
                fmt: _absolute(
                    request,
                    "commitments:plan_download",
                    number=plan.number,
                    dataset=dataset,
                    fmt=fmt,
                )
                for fmt in opendata.FORMATS
            }
            for dataset in opendata.DATASETS
        }


def _plan(request, plan):
    return {
        "number": plan.number,
        **_translated(plan, "title"),
        "start": plan.start,
        "planned_end": plan.planned_end,
        "revised_end": plan.revised_end,
        "status": plan.status,
        "commitments_count": plan.commitments_count,
        "url": _absolute(request, "api:plan", number=plan.number),
        "commitments_url": _absolute(request, "api:plan_commitments", number=plan.number),
        "activities_url": _absolute(request, "api:plan_activities", number=plan.number),
        "reports_url": _absolute(request, "api:plan_reports", number=plan.number),
        "next_steps_url": _absolute(request, "api:plan_next_steps", number=plan.number),
        "irm_url": _absolute(request, "api:plan_irm", number=plan.number),
        "civil_society_url": _absolute(request, "api:plan_civil_society", number=plan.number),
        "revisions_url": _absolute(request, "api:plan_revisions", number=plan.number),
        "downloads": _downloads(request, plan),
    }


def _plans():
    commitments = row_count(Commitment.objects.all(), "plan")
    return ActionPlan.objects.annotate(commitments_count=commitments).order_by("number")


def _get_plan(number):
    plan = ActionPlan.objects.filter(number=number).first()
    if plan is None:
        raise ApiError(404, f"No action plan number {number}.")
    return plan


@api_view
def index(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "plans": _absolute(request, "api:plans"),
            "meetings": _absolute(request, "api:meetings"),
        }
    )


@api_view
def plans(request: HttpRequest) -> JsonResponse:
    return _json(paginate(request, _plans(), lambda plan: _plan(request, plan)))


@api_view
def plan(request: HttpRequest, number: int) -> JsonResponse:
    found = (
        _plans()
        .filter(number=number)
        .prefetch_related(
            Prefetch("axes", queryset=Axis.objects.order_by("number")),
            Prefetch("progress_records", queryset=PlanProgress.objects.public().order_by("date")),
        )
        .first()
    )
    if found is None:
        raise ApiError(404, f"No action plan number {number}.")
    return _json(
        {
            **_plan(request, found),
            **_translated(found, "summary"),
            "axes": [
                {"number": axis.number, **_translated(axis, "title")} for axis in found.axes.all()
            ],
            "progress_records": [
                {"date": record.date, "percent": record.percent, **_translated(record, "note")}
                for record in found.progress_records.all()
            ],
        }
    )


@api_view
def plan_commitments(request: HttpRequest, number: int) -> JsonResponse:
    found = _get_plan(number)
    activities_url = _absolute(request, "api:plan_activities", number=number)
    reports_url = _absolute(request, "api:plan_reports", number=number)

    def serialise(commitment):
        return {
            **opendata.COMMITMENTS.record(commitment),
            "activities_url": f"{activities_url}?commitment={commitment.number}",
            "reports_url": f"{reports_url}?commitment={commitment.number}",
        }

    commitments = _searched(request, opendata.plan_commitments(found), search_commitments)
    return _json(paginate(request, commitments, serialise))


# The parameter most per-record lists read, and the field lookup it narrows on.
COMMITMENT = {"commitment": "commitment__number"}


def _narrowed(request: HttpRequest, rows: QuerySet, lookups: dict[str, str]) -> QuerySet:
    """`rows` filtered on each parameter of `lookups` (its name → the field lookup
    it sets) the request gives, checked as PARAMETERS says."""
    for name, lookup in lookups.items():
        value = cleaned(request, name)
        if value is not None:
            rows = rows.filter(**{lookup: value})
    return rows


def _plan_list(request, number, rows_of, dataset, lookups):
    """A page of a plan's records of `dataset` (`rows_of(plan)`), narrowed by `lookups`."""
    rows = _narrowed(request, rows_of(_get_plan(number)), lookups)
    return _json(paginate(request, rows, dataset.record))


@api_view
def plan_activities(request: HttpRequest, number: int) -> JsonResponse:
    return _plan_list(request, number, opendata.plan_activities, opendata.ACTIVITIES, COMMITMENT)


@api_view
def plan_reports(request: HttpRequest, number: int) -> JsonResponse:
    lookups = {**COMMITMENT, "date": "date"}
    return _plan_list(request, number, opendata.plan_reports, opendata.REPORTS, lookups)


@api_view
def plan_next_steps(request: HttpRequest, number: int) -> JsonResponse:
    lookups = {"status": "status", "meeting": "meeting_id"}
    return _plan_list(request, number, opendata.plan_next_steps, opendata.NEXT_STEPS, lookups)


@api_view
def plan_irm(request: HttpRequest, number: int) -> JsonResponse:
    return _plan_list(request, number, opendata.plan_irm_assessments, opendata.IRM, COMMITMENT)


@api_view
def plan_civil_society(request: HttpRequest, number: int) -> JsonResponse:
    return _plan_list(
        request, number, opendata.plan_assessments, opendata.CIVIL_SOCIETY, COMMITMENT
    )


@api_view
def plan_revisions(request: HttpRequest, number: int) -> JsonResponse:
    return _plan_list(request, number, opendata.plan_revisions, opendata.REVISIONS, COMMITMENT)


def published_meetings() -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(status=MeetingStatus.PUBLISHED)
        .select_related("committee__plan")
        .annotate(participants_count=row_count(Participant.objects.all(), "meeting"))
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")))
        .order_by("-date", "-pk")
    )


def _meeting(request, meeting):
    committee = meeting.committee
    return {
        "id": meeting.pk,
        "committee": {
            "kind": committee.kind,
            **_translated(committee, "name"),
            "plan_number": committee.plan.number if committee.plan else None,
        },
        "sequence": meeting.sequence,
        **_translated(meeting, "title"),
        "date": meeting.date,
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "format": meeting.format,
        **_translated(meeting, "place"),
        "participants_count": meeting.participants_count,
        "agenda": [
            {"order": item.order, **_translated(item, "title")}
            for item in meeting.agenda_items.all()
        ],
        # The minutes were written in Arabic; /fr/ and /en/ serve the same page.
        "minutes_url": request.build_absolute_uri(f"/ar/meetings/{meeting.pk}/"),
    }


@api_view
def meetings(request: HttpRequest) -> JsonResponse:
    found = _narrowed(
        request,
        _searched(request, published_meetings(), search_minutes),
        {"plan": "committee__plan__number", "committee": "committee__kind"},
    )
    return _json(paginate(request, found, lambda meeting: _meeting(request, meeting)))


@api_view
def moved(request: HttpRequest, number: int, to: str) -> HttpResponse:
    """A former address of the endpoint `to`, which outside users may have kept."""
    url = reverse(to, kwargs={"number": number})
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@api_view
def not_found(request: HttpRequest) -> JsonResponse:
    raise ApiError(404, "No such API endpoint; see /api/ for the list.")
