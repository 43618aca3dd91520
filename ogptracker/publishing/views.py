"""Public pages: no login, published data only."""

from operator import attrgetter

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.http import urlencode

from commitments import progress
from commitments.enums import MeetingStatus, ReportVoice
from commitments.models import (
    ActionPlan,
    Activity,
    Commitment,
    Institution,
    PlanProgress,
    ProgressReport,
)
from meetings.models import Meeting, NextStep, Participant
from ogptracker.civilsociety.models import Assessment
from ogptracker.civilsociety.side_by_side import with_latest_assessment
from ogptracker.common import charts
from ogptracker.common.languages import translated
from ogptracker.ogpcycle import irm, monitor, revisions
from ogptracker.ogpcycle.enums import FIELD_LABELS, SelfAssessmentKind
from ogptracker.ogpcycle.models import IRMAssessment, irm_era
from ogptracker.pagecache import cache_public_page
from ogptracker.participation.models import Question
from ogptracker.participation.stats import answers_by_institution

from . import dashboard, opendata
from .change_log import published_change_log
from .minutes_search import attach_minutes_found, listed_minutes
from .params import cleaned, page_of
from .search import attach_activities_found, search_commitments

PLANS_PER_PAGE = 12
# A result is a card (its excerpt, plan, figure and the activities found): ten of
# them, as search engines list, keep the minutes found below within reach.
RESULTS_PER_PAGE = 10
# The latest minutes found are listed under the commitments, on the first page
# only, with a link to all of them (`minutes_found`), MINUTES_PER_PAGE a page.
MINUTES_SHOWN = 3
MINUTES_PER_PAGE = 10
# Committees' next steps still open, listed on a plan's dashboard.
OPEN_STEPS_SHOWN = 10


@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    # The plan under way first: it is the one readers come for.
    plans = ActionPlan.objects.order_by("-number")
    page = page_of(request, plans, PLANS_PER_PAGE)
    plans = list(page)
    summaries = dashboard.summarise_plans(
        plans,
        revisions.with_left_plan(Commitment.objects.filter(plan__in=plans).for_dashboard()),
        PlanProgress.objects.public().filter(plan__in=plans).order_by("plan", "-date"),
        timezone.localdate(),
    )
    return render(request, "publishing/home.html", {"summaries": summaries, "page": page})


@cache_public_page
def plan_dashboard(request: HttpRequest, number: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, number=number)
    records = list(PlanProgress.objects.public().filter(plan=plan).order_by("-date"))
    (summary,) = dashboard.summarise_plans(
        [plan],
        with_latest_assessment(revisions.with_left_plan(plan.commitments.for_dashboard())),
        records,
        timezone.localdate(),
    )
    in_force = summary.in_force
    commitments, sort = dashboard.sort_commitments(in_force, request.GET.get("sort"))
    reports = (
        ProgressReport.objects.figures()
        .filter(commitment__plan=plan)
        .exclude(commitment__in=[c.pk for c in summary.left])
        .order_by("date", "pk")
        .values_list("commitment_id", "date", "percent")
    )
    series = progress.progress_over_time(reports, {c.pk: c.weight for c in in_force}, len(in_force))
    open_steps = list(NextStep.objects.open_in_plan(plan))
    irm_tallies = irm.tally(plan, IRMAssessment.objects.of_plan(plan), len(summary.commitments))
    revised = revisions.revise(plan, summary.commitments, revisions.changes_of(plan))
    return render(
        request,
        "publishing/plan_dashboard.html",
        {
            "plan": plan,
            "plans": sorted(ActionPlan.objects.nearest(plan.number, 5), key=attrgetter("number")),
            "summary": summary,
            "commitments": commitments,
            "sort": sort,
            "sorts": dashboard.SORTS,
            "series": series,
            "records": records[::-1],
            "line_chart": charts.LineChart(
                series, records[::-1], rtl=translation.get_language_bidi()
            ),
            "axes": dashboard.group_by(
                sorted(in_force, key=lambda c: (c.axis is None, c.axis and c.axis.number)),
                key=lambda c: c.axis_id,
                label=lambda c: c.axis.title if c.axis else "",
            ),
            "open_steps": open_steps[:OPEN_STEPS_SHOWN],
            "more_open_steps": len(open_steps) - OPEN_STEPS_SHOWN,
            "today": timezone.localdate(),
            "irm_tallies": irm_tallies,
            "answers": answers_by_institution(plan),
            "revised": revised,
            "self_assessment_kinds": list(SelfAssessmentKind),
            "datasets": opendata.DATASETS.values(),
            "formats": list(opendata.FORMATS),
            "institutions": dashboard.group_by(
                sorted(in_force, key=lambda c: c.lead_institution.name),
                key=lambda c: c.lead_institution_id,
                label=lambda c: c.lead_institution.name,
            ),
        },
    )


def _public_commitment(plan_number, number):
    """The commitment with everything its public page shows, published rows only."""
    reports = ProgressReport.objects.published().latest_first().select_related("meeting__committee")
    assessments = (
        Assessment.objects.with_official_figure()
        .select_related("forum")
        .prefetch_related("evidence")
        .latest_first()
    )
    return get_object_or_404(
        with_latest_assessment(revisions.with_left_plan(Commitment.objects.for_dashboard()))
        .select_related("design")
        .prefetch_related(
            "leads",
            "co_leads",
            Prefetch("civil_society_assessments", queryset=assessments, to_attr="assessment_list"),
            Prefetch("activities", queryset=Activity.objects.order_by("number")),
            Prefetch("reports", queryset=reports, to_attr="published_reports"),
            Prefetch(
                "irm_assessments",
                queryset=IRMAssessment.objects.order_by("report_date", "pk"),
                to_attr="irm_list",
            ),
        ),
        plan__number=plan_number,
        number=number,
    )


@cache_public_page
def commitment_detail(request: HttpRequest, plan_number: int, number: int) -> HttpResponse:
    commitment = _public_commitment(plan_number, number)
    dashboard.flag_commitment(commitment, timezone.localdate())
    meetings = (
        Meeting.objects.filter(status=MeetingStatus.PUBLISHED)
        # Two id lists rather than one join through reports and participants: the
        # join multiplies the rows of every meeting and needs a DISTINCT over them all.
        .filter(
            Q(pk__in=ProgressReport.objects.filter(commitment=commitment).values("meeting"))
            | Q(
                pk__in=Participant.commitments.through.objects.filter(commitment=commitment).values(
                    "participant__meeting"
                )
            )
        )
        .select_related("committee")
        .order_by("-date", "-pk")
    )
    meetings = list(meetings)
    for activity in commitment.activities.all():
        activity.slippage = progress.slippage_days(activity.planned_end, activity.revised_end)
    # The civil-society co-leads' reports are their own word, listed apart.
    official = [r for r in commitment.published_reports if r.voice == ReportVoice.GOVERNMENT]
    co_leads_reports = [
        r for r in commitment.published_reports if r.voice != ReportVoice.GOVERNMENT
    ]
    series = [progress.TimePoint(report.date, report.percent, 1) for report in reversed(official)]
    return render(
        request,
        "publishing/commitment_detail.html",
        {
            "commitment": commitment,
            "plan": commitment.plan,
            "official_reports": official,
            "co_leads_reports": co_leads_reports,
            "assessments": [(assessment, False) for assessment in commitment.assessment_list],
            "meetings": meetings,
            "series": series,
            "line_chart": charts.LineChart(series, [], rtl=translation.get_language_bidi()),
            "irm_labels": FIELD_LABELS[irm_era(commitment.plan)],
            "change_log": published_change_log(commitment, {meeting.pk for meeting in meetings}),
            "questions": Question.objects.filter(commitment=commitment).thread(),
            # Login names are not public: only leads with a full name are listed.
            "leads": [
                lead.get_full_name() for lead in commitment.leads.all() if lead.get_full_name()
            ],
            "co_leads": [
                co_lead.get_full_name()
                for co_lead in commitment.co_leads.all()
                if co_lead.get_full_name()
            ],
        },
    )


@cache_public_page
def plan_governance(request: HttpRequest, number: int) -> HttpResponse:
    """How the plan is run: OGP's minimum requirements and whether each holds."""
    plan = get_object_or_404(ActionPlan, number=number)
    checks = monitor.check_plans([plan], timezone.localdate())[plan.pk]
    return render(
        request,
        "publishing/plan_governance.html",
        {
            "plan": plan,
            "checks": checks,
            "forum_days": settings.OGP_FORUM_EVERY_DAYS,
            "minutes_days": settings.OGP_MINUTES_WITHIN_DAYS,
            "self_assessment_days": settings.OGP_SELF_ASSESSMENT_WITHIN_DAYS,
        },
    )


@cache_public_page
def plan_revisions(request: HttpRequest, number: int) -> HttpResponse:
    """The plan as adopted and as revised, its revisions and its commitments' slippage."""
    plan = get_object_or_404(ActionPlan, number=number)
    commitments = plan.commitments.with_latest_progress().order_by("number")
    changes = revisions.changes_of(plan).select_related(
        "revision__next_step__meeting__committee", "commitment", "merged_into"
    )
    plan_revisions = {}
    for change in changes:
        plan_revisions.setdefault(change.revision.pk, (change.revision, []))[1].append(change)
    return render(
        request,
        "publishing/plan_revisions.html",
        {
            "plan": plan,
            "revised": revisions.revise(plan, commitments, changes),
            "revisions": list(plan_revisions.values()),
        },
    )


@cache_public_page
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_object_or_404(Institution, pk=pk)
    led = Commitment.objects.filter(lead_institution=institution)
    plans = ActionPlan.objects.filter(Exists(led.filter(plan=OuterRef("pk"))))
    page = page_of(request, plans, PLANS_PER_PAGE)
    today = timezone.localdate()
    rows = [
        dashboard.flag_commitment(commitment, today)
        for commitment in revisions.with_left_plan(led.filter(plan__in=list(page)).for_dashboard())
    ]
    return render(
        request,
        "publishing/institution_detail.html",
        {
            "institution": institution,
            "plans": dashboard.group_by(
                rows, key=lambda c: c.plan_id, label=lambda c: c.plan.title
            ),
            "page": page,
        },
    )


def searched(request: HttpRequest) -> str:
    """The search's words as typed, spaces made single; its first 200 characters."""
    return " ".join(request.GET.get("q", "").split())[:200]


class CountedPaginator(Paginator):
    """A paginator told how many rows there are, so it does not count them again."""

    def __init__(self, object_list: QuerySet, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def counted_page(found: QuerySet, number: int, per_page: int, rows: QuerySet) -> Page:
    """Page `number` of `found`, as `page_of` gives it (a page past the last
    is a 400), its rows read from `rows` (the same model, with what the page
    shows). The page's ids and the count of them all come from one pass over
    `found` (a window COUNT), on narrow rows: counting then reading the page
    ran the search twice, and counting whole rows spills them to disk."""
    start = (number - 1) * per_page
    counted = found.annotate(total=Window(Count("pk"))).values_list("pk", "total")
    ids = list(counted[start : start + per_page])
    if not ids and number > 1:
        last = CountedPaginator(found, per_page, found.count()).num_pages
        raise BadRequest(f"Page {number} does not exist: the last page is {last}.")
    by_pk = rows.in_bulk([pk for pk, _ in ids])
    paginator = CountedPaginator(found, per_page, ids[0][1] if ids else 0)
    return Page([by_pk[pk] for pk, _ in ids if pk in by_pk], number, paginator)


@cache_public_page
def search(request: HttpRequest) -> HttpResponse:
    query = searched(request)
    page = counted_page(
        search_commitments(query),
        cleaned(request, "page", 1),
        RESULTS_PER_PAGE,
        Commitment.objects.with_latest_figure()
        .select_related("plan", "lead_institution")
        # What a result shows: the commitment's texts, its plan's and its institution's.
        .only(
            "number",
            "ogp_id",
            *translated("title", "description"),
            "plan__number",
            *(f"plan__{name}" for name in translated("title")),
            *(f"lead_institution__{name}" for name in translated("name")),
        ),
    )
    page.object_list = attach_activities_found(page.object_list, query)
    minutes = []
    if page.number == 1:
        # One row more than shown says whether there are more.
        minutes = list(listed_minutes(query)[: MINUTES_SHOWN + 1])
        attach_minutes_found(minutes[:MINUTES_SHOWN], query)
    return render(
        request,
        "publishing/search.html",
        {
            "query": query,
            "page": page,
            "keep": urlencode({"q": query}) + "&",
            "minutes": minutes[:MINUTES_SHOWN],
            "more_minutes": len(minutes) > MINUTES_SHOWN,
        },
    )


@cache_public_page
def minutes_found(request: HttpRequest) -> HttpResponse:
    """Every published minutes holding the search's words, latest first, a page at a time."""
    query = searched(request)
    found = listed_minutes(query)
    page = page_of(request, found, MINUTES_PER_PAGE)
    page.object_list = attach_minutes_found(list(page.object_list), query)
    return render(
        request,
        "publishing/minutes_found.html",
        {"query": query, "page": page, "keep": urlencode({"q": query}) + "&"},
    )
