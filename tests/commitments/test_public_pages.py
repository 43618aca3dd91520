import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from commitments.models import PlanProgress
from ogptracker.civilsociety.models import Assessment, Forum
from tests.factories import (
    make_activity,
    make_commitment,
    make_institution,
    make_meeting,
    make_plan,
    make_report,
    make_user,
)
from tests.text import readable

pytestmark = pytest.mark.django_db


JUNE_2020 = [100, 100, 65, 64, 100, 89, 100, 88, 91, 98, 100, 14, 26, 63, 88, 81, 48]


def url(name, language="ar", **kwargs):
    with translation.override(language):
        return reverse(f"commitments:{name}", kwargs=kwargs)


def make_reported_plan(percents, number=1):
    """A plan whose commitments have one published report each; None: no report."""
    plan = make_plan(number)
    institution = make_institution()
    for index, percent in enumerate(percents, start=1):
        commitment = make_commitment(plan, index, lead_institution=institution)
        if percent is not None:
            make_report(commitment, percent, date=datetime.date(2020, 6, 17))
    return plan


@pytest.fixture
def nap1(db):
    return make_reported_plan([*JUNE_2020, None])


@pytest.mark.parametrize(("language", "figure"), [("ar", "77,4"), ("fr", "77,4"), ("en", "77.4")])
def test_dashboard_shows_the_june_2020_mean_of_17_rows(client, nap1, language, figure):
    response = client.get(url("plan_dashboard", language, number=1))

    assert response.context["summary"].rollup.percent == Decimal("77.4")
    assert f'<span class="number">{figure}\u00a0%</span>' in response.content.decode()


def test_dashboard_counts_the_commitment_without_report_apart(client, nap1):
    response = client.get(url("plan_dashboard", number=1))

    rollup = response.context["summary"].rollup
    assert (rollup.reported, rollup.not_reported, rollup.method) == (17, 1, "plain")


def test_dashboard_counts_done_and_late_commitments(client, nap1):
    response = client.get(url("plan_dashboard", number=1))

    counts = response.context["summary"].counts
    # The factory plan ended on 31 August 2020: every commitment below 100 % is late.
    assert (counts.done, counts.late, counts.on_track, counts.no_report) == (5, 12, 0, 1)


def test_dashboard_shows_the_latest_committee_figure_with_its_date(client):
    plan = make_reported_plan([20, 40], number=3)
    meeting = make_meeting(date=datetime.date(2025, 3, 18))
    PlanProgress.objects.create(plan=plan, date="2024-12-01", percent=12)
    PlanProgress.objects.create(plan=plan, date="2025-03-18", percent=29, meeting=meeting)

    response = client.get(url("plan_dashboard", number=3))

    assert response.context["summary"].committee_record.percent == 29
    assert "<strong>29\u00a0%</strong> في 18 مارس 2025" in response.content.decode()


def test_dashboard_hides_a_committee_figure_of_an_unpublished_meeting(client):
    plan = make_reported_plan([20], number=3)
    draft = make_meeting(date=datetime.date(2025, 3, 18), status="draft")
    PlanProgress.objects.create(plan=plan, date="2025-03-18", percent=29, meeting=draft)

    response = client.get(url("plan_dashboard", number=3))

    assert response.context["summary"].committee_record is None
    assert response.context["records"] == []


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("number", [1, 2, 3]), ("progress", [2, 3, 1]), ("updated", [3, 1, 2]), ("", [1, 2, 3])],
)
def test_dashboard_sorts_the_commitments(client, db, sort, expected):
    plan = make_plan(1)
    for number, percent, day in [(1, 10, 2), (2, 90, 1), (3, 50, 3)]:
        make_report(make_commitment(plan, number), percent, date=datetime.date(2020, 6, day))

    response = client.get(url("plan_dashboard", number=1), {"sort": sort})

    assert [c.number for c in response.context["commitments"]] == expected


def test_dashboard_line_chart_has_one_point_per_report_date(client, db):
    plan = make_plan(1)
    first, second = make_commitment(plan, 1), make_commitment(plan, 2)
    make_report(first, 40, date=datetime.date(2019, 12, 5))
    make_report(first, 60, date=datetime.date(2020, 6, 17))
    make_report(second, 20, date=datetime.date(2020, 6, 17))

    response = client.get(url("plan_dashboard", number=1))

    series = [(p.date.isoformat(), str(p.percent)) for p in response.context["series"]]
    assert series == [("2019-12-05", "40.0"), ("2020-06-17", "40.0")]


@pytest.mark.parametrize(
    ("count", "number", "switcher"),
    [(3, 3, [1, 2, 3]), (9, 5, [3, 4, 5, 6, 7]), (9, 9, [5, 6, 7, 8, 9]), (9, 1, [1, 2, 3, 4, 5])],
)
def test_dashboard_switcher_links_the_plans_nearest_in_number(client, db, count, number, switcher):
    for plan_number in range(1, count + 1):
        make_plan(plan_number)

    response = client.get(url("plan_dashboard", number=number))

    assert [plan.number for plan in response.context["plans"]] == switcher
    nav = re.search(r'<nav class="plan-switcher.*?</nav>', response.content.decode(), re.S)[0]
    links = re.findall(r'href="/ar/plans/(\d+)/"( aria-current="page")?', nav)
    assert [(int(linked), bool(current)) for linked, current in links] == [
        (plan_number, plan_number == number) for plan_number in switcher
    ]


def test_dashboard_query_count_does_not_grow_with_commitments(
    client, db, django_assert_num_queries
):
    make_reported_plan([10, 20, 30], number=1)
    make_reported_plan([i % 101 for i in range(60)], number=2)

    with django_assert_num_queries(8):
        client.get(url("plan_dashboard", number=1))
    with django_assert_num_queries(8):
        client.get(url("plan_dashboard", number=2))


def test_home_query_count_does_not_grow_with_plans(client, db, django_assert_num_queries):
    make_reported_plan([10, 20, 30], number=1)
    # The count for the pages, the page's plans, their commitments, their committee figures.
    with django_assert_num_queries(4):
        client.get(url("home"))

    make_reported_plan([i % 101 for i in range(60)], number=2)
    make_reported_plan([50] * 20, number=3)
    with django_assert_num_queries(4):
        client.get(url("home"))


def test_home_shows_twelve_plans_a_page_newest_first_each_with_its_own_figure(client, db):
    for number in range(1, 15):
        make_reported_plan([number * 5], number=number)

    first = client.get(url("home", "en"))
    second = client.get(url("home", "en"), {"page": 2})

    # Newest plan first.
    assert [s.plan.number for s in first.context["summaries"]] == list(range(14, 2, -1))
    assert [(s.plan.number, s.rollup.percent) for s in second.context["summaries"]] == [
        (2, Decimal("10.0")),
        (1, Decimal("5.0")),
    ]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_institution_shows_twelve_of_its_plans_a_page_with_only_its_commitments(client, db):
    institution = make_institution(name="Haut-Commissariat au Plan")
    for number in range(1, 15):
        plan = make_plan(number)
        make_commitment(plan, 1, lead_institution=institution)
        make_commitment(plan, 2)
    make_commitment(make_plan(15), 1)
    address = url("institution_detail", "en", pk=institution.pk)

    first = client.get(address)
    second = client.get(address, {"page": 2})

    assert [group.commitments[0].plan.number for group in first.context["plans"]] == list(
        range(1, 13)
    )
    assert [
        [(c.plan.number, c.number) for c in group.commitments] for group in second.context["plans"]
    ] == [[(13, 1)], [(14, 1)]]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_home_shows_each_plan_with_its_figure_and_counts(client, nap1):
    make_reported_plan([None, None], number=2)

    response = client.get(url("home", "en"))

    summaries = response.context["summaries"]
    assert [(s.plan.number, s.rollup.percent) for s in summaries] == [
        (2, None),
        (1, Decimal("77.4")),
    ]
    assert [s.counts.done for s in summaries] == [0, 5]
    assert summaries[1].last_update == datetime.date(2020, 6, 17)


def make_detailed_commitment(activities=2, reports=2, meetings=2):
    commitment = make_commitment(make_plan(1), 4)
    for number in range(1, activities + 1):
        make_activity(commitment, number, planned_end=datetime.date(2020, 6, 30))
    first_activity = commitment.activities.order_by("number").first()
    for index in range(reports):
        meeting = make_meeting(make_meeting().committee, date=datetime.date(2020, 1, 1 + index))
        report = make_report(commitment, 10 + index, date=meeting.date, meeting=meeting)
        report.activity_changes.create(
            activity=first_activity, status="in_progress", made_at=timezone.now()
        )
    for index in range(meetings):
        meeting = make_meeting(date=datetime.date(2021, 1, 1 + index))
        meeting.participants.create(name="حاتم مورادي").commitments.add(commitment)
    # Civil society: a co-lead, and one assessment with evidence per report.
    commitment.co_leads.add(make_user(first_name="كريم", last_name="العلوي"))
    forum = Forum.objects.get_or_create(name="منتدى المجتمع المدني")[0]
    for index in range(reports):
        assessment = Assessment.objects.create(
            forum=forum,
            commitment=commitment,
            period_end=datetime.date(2010 + index, 6, 30),
            percent=40,
            completion="limited",
            narrative="تقييم",
        )
        assessment.evidence.create(file=f"evidence/civil-society/{index}.pdf")
    return commitment


def test_commitment_page_query_count_does_not_grow(client, db, django_assert_num_queries):
    # 9 for the page (3 of them civil society's: co-leads, assessments, their evidence),
    # 3 for the change log (report history, evidence, activity changes).
    small = make_detailed_commitment(1, 1, 1)
    with django_assert_num_queries(12):
        client.get(url("commitment_detail", plan_number=1, number=small.number))

    small.plan.delete()
    large = make_detailed_commitment(15, 12, 8)
    with django_assert_num_queries(12):
        response = client.get(url("commitment_detail", plan_number=1, number=large.number))
    assert len(response.context["meetings"]) == 20


def test_commitment_page_charts_its_published_progress_oldest_first(client):
    commitment = make_commitment(make_plan(1), 4)
    make_report(commitment, 60, date=datetime.date(2020, 6, 17))
    make_report(commitment, 30, date=datetime.date(2019, 12, 5))
    make_report(commitment, 90, date=datetime.date(2020, 9, 1), status="submitted")

    response = client.get(url("commitment_detail", plan_number=1, number=4))

    assert [(p.date.isoformat(), p.percent) for p in response.context["series"]] == [
        ("2019-12-05", 30),
        ("2020-06-17", 60),
    ]


def test_commitment_page_report_links_to_its_row_of_the_minutes(client):
    commitment = make_commitment(make_plan(2), 4)
    meeting = make_meeting(date=datetime.date(2022, 5, 3))
    make_report(commitment, 60, meeting=meeting)

    content = client.get(url("commitment_detail", plan_number=2, number=4)).content.decode()
    minutes = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()

    assert f'href="{reverse("meetings:minutes", args=[meeting.pk])}#status-2-4"' in content
    assert '<tr id="status-2-4">' in minutes


def test_commitment_page_shows_how_late_a_revised_activity_is(client):
    commitment = make_commitment(make_plan(1), 4)
    planned = datetime.date(2019, 12, 31)
    make_activity(commitment, 1, planned_end=planned, revised_end=datetime.date(2020, 10, 31))
    make_activity(commitment, 2, planned_end=planned, revised_end=datetime.date(2020, 1, 20))
    make_activity(commitment, 3, planned_end=planned)

    content = client.get(url("commitment_detail", "fr", plan_number=1, number=4)).content.decode()

    assert content.count("10 mois de retard") == 1
    assert content.count("20 jours de retard") == 1


def test_dashboard_draws_no_line_for_a_single_report_date(client, nap1):
    content = client.get(url("plan_dashboard", number=1)).content.decode()

    assert "يظهر الرسم البياني ابتداء من نشر نسب الإنجاز في تاريخين على الأقل." in content
    assert "progress-chart-title" not in content


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_plan_titles_keep_their_year_range_on_one_line(client, seed_data, language):
    """Plan 3's title broke inside «2024-2027» on a phone."""
    range_ = '<span class="unbroken">2024-2027</span>'

    for page in [url("home", language), url("plan_dashboard", language, number=3)]:
        assert client.get(page).content.decode().count(range_) == 1
    with translation.override(language):
        meetings = client.get(reverse("meetings:meeting_list")).content.decode()
    assert range_ in meetings


def test_year_range_filter_escapes_the_title_around_the_range():
    from ogptracker.publishing.templatetags.progress_tags import whole_ranges

    assert whole_ranges("<b> 2018-2020, 2021–23") == (
        '&lt;b&gt; <span class="unbroken">2018-2020</span>, <span class="unbroken">2021–23</span>'
    )
    assert whole_ranges("20180-2020 et 12-2020") == "20180-2020 et 12-2020"


@pytest.mark.parametrize(
    ("language", "why", "one_date"),
    [
        (
            "ar",
            "لم تُنشر بعد أي نسبة إنجاز: سيعرض الرسم البياني متوسط تقدم الخطة حين تنشر محاضر"
            " اللجنة نسب الإنجاز في تاريخين على الأقل.",
            "يظهر الرسم البياني ابتداء من نشر نسب الإنجاز في تاريخين على الأقل.",
        ),
        (
            "fr",
            "Aucun avancement publié pour l'instant : le graphique tracera l'avancement moyen du"
            " plan dès que les procès-verbaux du comité l'auront publié à deux dates au moins.",
            "Le graphique apparaît dès que l'avancement a été publié à deux dates au moins.",
        ),
    ],
)
def test_dashboard_says_why_the_chart_over_time_is_empty_and_what_fills_it(
    client, seed_data, language, why, one_date
):
    """Every plan of the demo: plan 2 has no report yet, plans 1 and 3 reports at one date."""
    texts = {
        number: readable(
            client.get(url("plan_dashboard", language, number=number)).content.decode()
        )
        for number in (1, 2, 3)
    }

    assert why in texts[2].replace("&#x27;", "'")
    assert one_date in texts[1].replace("&#x27;", "'")
    assert one_date in texts[3].replace("&#x27;", "'")
