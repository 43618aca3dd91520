"""Public pages show published progress and published meetings only, in every language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from commitments.models import PlanProgress
from meetings.models import Meeting
from tests.factories import (
    make_commitment,
    make_institution,
    make_meeting,
    make_plan,
    make_report,
)

pytestmark = pytest.mark.django_db


UNPUBLISHED = ["draft", "submitted", "returned"]


@pytest.fixture
def commitment_with_hidden_rows():
    plan = make_plan(1, title_fr="Plan d'action national 2018-2020")
    institution = make_institution()
    commitment = make_commitment(
        plan,
        4,
        lead_institution=institution,
        title="البيانات المفتوحة",
        title_fr="Données ouvertes",
    )
    published_meeting = make_meeting(date=datetime.date(2020, 1, 10), title="اجتماع منشور")
    make_report(
        commitment, 40, date=published_meeting.date, meeting=published_meeting, narrative="منشور"
    )
    for day, status in enumerate(UNPUBLISHED, start=1):
        make_report(
            commitment,
            90 + day,
            date=datetime.date(2020, 6, day),
            status=status,
            narrative=f"مسودة {status}",
        )
    draft_meeting = make_meeting(date=datetime.date(2020, 6, 17), status="draft", title="سري")
    make_report(commitment, 40, date=datetime.date(2019, 12, 1), meeting=draft_meeting)
    draft_meeting.participants.create(name="مشارك").commitments.add(commitment)
    PlanProgress.objects.create(plan=plan, date="2020-06-17", percent=87, meeting=draft_meeting)
    return commitment


def public_urls(commitment, language):
    with translation.override(language):
        return [
            reverse("commitments:home"),
            reverse("commitments:plan_dashboard", args=[commitment.plan.number]),
            reverse(
                "commitments:commitment_detail", args=[commitment.plan.number, commitment.number]
            ),
            reverse("commitments:institution_detail", args=[commitment.lead_institution_id]),
        ]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_every_public_page_answers_200_in_each_language(
    client, commitment_with_hidden_rows, language
):
    statuses = [
        client.get(url).status_code for url in public_urls(commitment_with_hidden_rows, language)
    ]

    assert statuses == [200, 200, 200, 200]


# The home page shows the plan's mean (one decimal); the others the commitment's figure too.
@pytest.mark.parametrize(("page", "figure"), [(0, "40,0"), (1, "40"), (2, "40"), (3, "40")])
def test_public_page_shows_the_published_figure_and_never_an_unpublished_one(
    client, commitment_with_hidden_rows, page, figure
):
    content = client.get(public_urls(commitment_with_hidden_rows, "ar")[page]).content.decode()

    assert f">{figure}\u00a0%<" in content
    for percent in (87, 91, 92, 93):
        assert f"{percent}\u00a0%" not in content
    for status in UNPUBLISHED:
        assert f"مسودة {status}" not in content
    assert "سري" not in content


def test_commitment_page_lists_only_published_meetings(client, commitment_with_hidden_rows):
    url = public_urls(commitment_with_hidden_rows, "ar")[2]

    response = client.get(url)

    assert [m.title for m in response.context["meetings"]] == ["اجتماع منشور"]
    # The row of the draft minutes, though its own status says published, is not public.
    assert [
        (s.percent, s.meeting.title) for s in response.context["commitment"].published_reports
    ] == [(40, "اجتماع منشور")]


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ar", "<bdi>البيانات المفتوحة</bdi>"),
        ("fr", "<bdi>Données ouvertes</bdi>"),
        # No English title: the Arabic one, marked as Arabic, right to left.
        ("en", '<bdi lang="ar" dir="rtl">البيانات المفتوحة</bdi>'),
        ("zgh", '<bdi lang="ar" dir="rtl">البيانات المفتوحة</bdi>'),
    ],
)
def test_commitment_page_shows_the_language_field_falling_back_to_arabic(
    client, commitment_with_hidden_rows, language, title
):
    content = client.get(public_urls(commitment_with_hidden_rows, language)[2]).content.decode()

    assert f'<span class="commitment-number">4.</span> {title}</h1>' in content


@pytest.mark.parametrize(
    "path",
    [
        "/ar/plans/9/",
        "/ar/plans/1/commitments/9/",
        "/ar/plans/2/commitments/4/",
        "/ar/institutions/999999/",
    ],
)
def test_unknown_public_page_is_404(client, commitment_with_hidden_rows, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("language", "x"), [("ar", "35"), ("fr", "0"), ("en", "0")])
def test_bars_grow_from_the_inline_start_side(client, db, language, x):
    make_report(make_commitment(make_plan(1), 1), 65)

    with translation.override(language):
        content = client.get(reverse("commitments:plan_dashboard", args=[1])).content.decode()

    assert f'<rect class="meter-fill" x="{x}" width="65" height="10"' in content


def test_dashboard_charts_are_images_with_a_text_alternative(client, commitment_with_hidden_rows):
    make_report(commitment_with_hidden_rows, 55, date=datetime.date(2020, 3, 1))
    content = client.get(public_urls(commitment_with_hidden_rows, "ar")[1]).content.decode()

    assert 'aria-labelledby="progress-chart-title progress-chart-desc"' in content
    assert '<title id="progress-chart-title">تطور إنجاز الخطة عبر الزمن</title>' in content
    assert content.count(">بيانات الرسم البياني في جدول</summary>") == 2


def test_public_pages_carry_no_inline_style_or_script(client, commitment_with_hidden_rows):
    pages = [
        client.get(url).content.decode() for url in public_urls(commitment_with_hidden_rows, "ar")
    ]

    assert [("style=" in page, "<script" in page) for page in pages] == [(False, False)] * 4


def test_institution_page_query_count_does_not_grow(client, db, django_assert_num_queries):
    institution = make_institution()
    make_report(make_commitment(make_plan(1), 1, lead_institution=institution), 10)
    # The institution, the count of its plans, the page's plans, their commitments.
    with django_assert_num_queries(4):
        client.get(reverse("commitments:institution_detail", args=[institution.pk]))

    for plan_number in (2, 3):
        plan = make_plan(plan_number)
        for number in range(1, 21):
            make_report(make_commitment(plan, number, lead_institution=institution), number)
    with django_assert_num_queries(4):
        response = client.get(reverse("commitments:institution_detail", args=[institution.pk]))
    assert [len(group.commitments) for group in response.context["plans"]] == [1, 20, 20]


def test_commitment_page_links_to_the_minutes_of_published_meetings_only(
    client, commitment_with_hidden_rows
):
    content = client.get(public_urls(commitment_with_hidden_rows, "ar")[2]).content.decode()

    published = Meeting.objects.get(status="published")
    draft = Meeting.objects.get(status="draft")
    # Listed among the meetings, and linked from the report it recorded (to its row).
    minutes_url = reverse("meetings:minutes", args=[published.pk])
    assert content.count(f'href="{minutes_url}"') == 1
    assert content.count(f'href="{minutes_url}#{commitment_with_hidden_rows.minutes_row_id}"') == 1
    assert reverse("meetings:minutes", args=[draft.pk]) not in content


def test_dashboard_links_to_the_plan_downloads(client, commitment_with_hidden_rows):
    content = client.get(public_urls(commitment_with_hidden_rows, "fr")[1]).content.decode()

    with translation.override("fr"):
        links = [
            reverse("commitments:plan_download", args=[1, dataset, fmt])
            for dataset in ("commitments", "activities", "reports", "next-steps")
            for fmt in ("csv", "xlsx", "json")
        ]
    assert [f'href="{link}"' in content for link in links] == [True] * 12
