"""Every public page and API answer runs the same number of queries however
much data there is: synthetic plans at two sizes, each page measured live and
then served from the page cache.

The page owners' own tests count queries on hand-made rows; these run on the
generator's rows, which hold everything at once (drafts, steering meetings,
next steps closed at later meetings, leads with accounts).
"""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import override

from commitments.enums import MeetingStatus, ReportVoice
from commitments.models import ActionPlan, Commitment
from meetings.enums import CommitteeKind
from meetings.models import Meeting, NextStep
from ogptracker.civilsociety.models import Assessment, Forum
from ogptracker.devdata.synthetic import SyntheticData
from ogptracker.ogpcycle.enums import IRMReport, RevisionChange
from ogptracker.ogpcycle.models import (
    CommitmentDesign,
    CommitmentRevision,
    IRMAssessment,
    PlanRevision,
)
from tests.factories import make_citizen, make_question, make_report, make_user

SIZES = {
    "small": {"plans": 1, "commitments": 2, "reports": 2},
    "large": {"plans": 3, "commitments": 14, "reports": 8},
}

# Live queries of each page; a cached visit is one query for all of them.
PAGES = [
    ("home", 4),
    ("plan_dashboard", 10),
    ("commitment_detail", 12),
    ("institution_detail", 4),
    ("search", 6),
    ("search_minutes", 4),
    ("open_data", 2),
    ("plan_download_csv", 2),
    ("plan_download_next_steps", 2),
    ("plan_download_irm", 2),
    ("plan_download_revisions", 2),
    ("plan_download_civil_society", 2),
    ("meeting_list", 2),
    ("minutes_feed", 2),
    ("plan_feed", 2),
    ("minutes", 8),
    ("sitemap", 6),
    ("sitemap_commitments", 1),
    ("api_index", 0),
    ("api_plans", 2),
    ("api_plan", 3),
    ("api_commitments", 3),
    ("api_activities", 3),
    ("api_reports", 3),
    ("api_next_steps", 3),
    ("api_meetings", 3),
    ("api_irm", 3),
    ("api_revisions", 3),
    ("api_civil_society", 3),
    ("self_assessment", 11),
    ("self_assessment_docx", 11),
    ("plan_governance", 7),
    ("plan_revisions", 3),
]


@pytest.fixture(params=list(SIZES))
def data(request, db):
    SyntheticData(**SIZES[request.param], seed=3, today=datetime.date(2026, 11, 23)).generate()
    forum = Forum.objects.create(name="منتدى المجتمع المدني")
    co_lead = make_user("co_lead", first_name="كريم", last_name="العلوي")
    for commitment in Commitment.objects.all():
        irm_assessments(commitment)
        civil_society(commitment, forum, co_lead)
        CommitmentDesign.objects.create(commitment=commitment, objective="الهدف", budget_planned=1)
    for plan in ActionPlan.objects.all():
        revise(plan)
    commitment = Commitment.objects.select_related("plan").order_by("plan__number", "number")[0]
    questions_with_answers(commitment, 1 if request.param == "small" else 12)
    meeting = (
        Meeting.objects.filter(
            committee__plan=commitment.plan, committee__kind=CommitteeKind.EXECUTION
        )
        .order_by("-date")
        .first()
    )
    return commitment, meeting


def questions_with_answers(commitment, count):
    """Questions from the public on the commitment, each answered for its institution."""
    citizen = make_citizen()
    for number in range(count):
        question = make_question(commitment, citizen, text=f"سؤال {number}")
        question.answers.create(institution=commitment.lead_institution, text="جواب")


def revise(plan):
    """A revision that withdraws the plan's last commitment and reschedules the others."""
    step = NextStep.objects.filter(
        meeting__committee__plan=plan, meeting__status=MeetingStatus.PUBLISHED
    ).first()
    revision = PlanRevision.objects.create(
        plan=plan, date=step.meeting.date, reason="المراجعة المرحلية", next_step=step
    )
    *kept, withdrawn = plan.commitments.order_by("number")
    CommitmentRevision.objects.create(
        revision=revision, commitment=withdrawn, change=RevisionChange.WITHDRAWN
    )
    for commitment in kept:
        CommitmentRevision.objects.create(
            revision=revision,
            commitment=commitment,
            change=RevisionChange.RESCHEDULED,
            revised_end=plan.planned_end + datetime.timedelta(days=90),
        )


def irm_assessments(commitment):
    """A design report's and an implementation report's word on the commitment."""
    IRMAssessment.objects.create(
        commitment=commitment,
        report=IRMReport.DESIGN,
        report_date=datetime.date(2019, 5, 1),
        verifiable=True,
        potential_impact="moderate",
    )
    IRMAssessment.objects.create(
        commitment=commitment,
        report=IRMReport.IMPLEMENTATION,
        report_date=datetime.date(2021, 3, 1),
        completion="limited",
        early_results="marginal",
    )


def civil_society(commitment, forum, co_lead):
    """A co-lead's published report and two half-years of the forum's assessments."""
    commitment.co_leads.add(co_lead)
    make_report(commitment, 35, date=datetime.date(2026, 1, 15), voice=ReportVoice.CIVIL_SOCIETY)
    for year in (2025, 2026):
        assessment = Assessment.objects.create(
            forum=forum,
            commitment=commitment,
            period_end=datetime.date(year, 6, 30),
            percent=30,
            completion="limited",
            narrative="تقييم المنتدى",
        )
        assessment.evidence.create(file=f"evidence/civil-society/{assessment.pk}.pdf")


def page_url(name, commitment, meeting):
    plan = commitment.plan.number
    with override("ar"):
        return {
            "home": lambda: reverse("commitments:home"),
            "plan_dashboard": lambda: reverse("commitments:plan_dashboard", args=[plan]),
            "commitment_detail": lambda: reverse(
                "commitments:commitment_detail", args=[plan, commitment.number]
            ),
            "institution_detail": lambda: reverse(
                "commitments:institution_detail", args=[commitment.lead_institution_id]
            ),
            "open_data": lambda: reverse("commitments:open_data"),
            # «ال», the article: every synthetic commitment, a page of them.
            "search": lambda: reverse("commitments:search") + "?q=%D8%A7%D9%84",
            "search_minutes": lambda: reverse("commitments:search_minutes") + "?q=%D8%A7%D9%84",
            "plan_download_csv": lambda: reverse(
                "commitments:plan_download", args=[plan, "reports", "csv"]
            ),
            "plan_download_next_steps": lambda: reverse(
                "commitments:plan_download", args=[plan, "next-steps", "json"]
            ),
            "plan_download_irm": lambda: reverse(
                "commitments:plan_download", args=[plan, "irm", "csv"]
            ),
            "plan_download_civil_society": lambda: reverse(
                "commitments:plan_download", args=[plan, "civil-society", "csv"]
            ),
            "plan_download_revisions": lambda: reverse(
                "commitments:plan_download", args=[plan, "revisions", "json"]
            ),
            "meeting_list": lambda: reverse("meetings:meeting_list"),
            "minutes_feed": lambda: reverse("meetings:minutes_feed"),
            "plan_feed": lambda: reverse("commitments:plan_feed", args=[plan]),
            "minutes": lambda: reverse("meetings:minutes", args=[meeting.pk]),
            "sitemap": lambda: "/sitemap.xml",
            "sitemap_commitments": lambda: "/sitemap-commitments.xml",
            "api_index": lambda: "/api/",
            "api_plans": lambda: "/api/plans/",
            "api_plan": lambda: f"/api/plans/{plan}/",
            "api_commitments": lambda: f"/api/plans/{plan}/commitments/",
            "api_activities": lambda: f"/api/plans/{plan}/activities/",
            "api_reports": lambda: f"/api/plans/{plan}/reports/?commitment=1",
            "api_next_steps": lambda: f"/api/plans/{plan}/next-steps/?status=done",
            "api_meetings": lambda: "/api/meetings/",
            "api_irm": lambda: f"/api/plans/{plan}/irm/",
            "api_revisions": lambda: f"/api/plans/{plan}/revisions/",
            "api_civil_society": lambda: f"/api/plans/{plan}/civil-society/",
            "self_assessment": lambda: reverse(
                "commitments:self_assessment", args=[plan, "end-of-term"]
            ),
            "plan_governance": lambda: reverse("commitments:plan_governance", args=[plan]),
            "plan_revisions": lambda: reverse("commitments:plan_revisions", args=[plan]),
            "self_assessment_docx": lambda: reverse(
                "commitments:self_assessment_docx", args=[plan, "end-of-term"]
            ),
        }[name]()


@pytest.mark.parametrize(("page", "queries"), PAGES)
def test_public_page_query_count_is_the_same_at_both_sizes(
    client, data, django_assert_num_queries, page, queries
):
    url = page_url(page, *data)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize(("page", "queries"), PAGES)
def test_public_page_served_from_the_cache_runs_one_query(
    client, data, django_assert_num_queries, page, queries
):
    url = page_url(page, *data)
    first = client.get(url)

    # The data version: the page is this process's copy.
    with django_assert_num_queries(1):
        response = client.get(url)

    assert response.content == first.content


def test_minutes_pdf_first_render_query_count_is_the_same_at_both_sizes(
    client, data, django_assert_num_queries
):
    commitment, meeting = data
    with override("ar"):
        url = reverse("meetings:minutes_pdf", args=[meeting.pk])

    # The meeting with its change marks, the minutes' queries, the PDF cache's read and write.
    with django_assert_num_queries(15):
        response = client.get(url)

    assert response.content.startswith(b"%PDF-")


@pytest.mark.usefixtures("page_cache")
def test_minutes_pdf_served_from_the_cache_runs_one_query(client, data, django_assert_num_queries):
    commitment, meeting = data
    with override("ar"):
        url = reverse("meetings:minutes_pdf", args=[meeting.pk])
    first = client.get(url)

    with django_assert_num_queries(1):
        second = client.get(url)

    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
