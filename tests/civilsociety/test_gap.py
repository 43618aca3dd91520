"""The gap flag: 20 points or more between civil society's figure and the official one."""

import datetime

import pytest
from django.urls import reverse

from ogptracker.civilsociety.gap import gap, is_flagged

from .conftest import make_assessment

FLAG = 'class="flag gap-flag"'


@pytest.mark.parametrize(
    ("civil_society", "official", "flagged"),
    [
        (41, 60, False),  # 19 below
        (40, 60, True),  # 20 below
        (35, 60, True),  # 25 below
        (79, 60, False),  # 19 above
        (80, 60, True),  # 20 above
        (85, 60, True),  # 25 above
        (60, None, False),  # no official figure yet
    ],
)
def test_gap_is_flagged_from_20_points_either_way(civil_society, official, flagged):
    assert is_flagged(gap(civil_society, official)) is flagged


def _section(html, heading_id):
    """The HTML of the section that the heading `heading_id` opens."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


@pytest.mark.django_db
@pytest.mark.parametrize(("points", "flagged"), [(19, False), (20, True), (25, True)])
def test_commitment_page_flags_the_gap_beside_both_figures(
    client, forum, official, points, flagged
):
    make_assessment(forum, official, 60 - points)

    html = client.get(
        reverse("commitments:commitment_detail", args=[official.plan.number, official.number])
    ).content.decode()

    assert (FLAG in _section(html, "latest-title")) is flagged
    assert (FLAG in _section(html, "civil-society-title")) is flagged
    assert (FLAG in _section(html, "assessments-title")) is flagged
    if flagged:
        assert f"{points} نقطة دون الرقم الرسمي" in _section(html, "latest-title")


@pytest.mark.django_db
@pytest.mark.parametrize(("points", "flagged"), [(19, False), (20, True), (25, True)])
def test_dashboard_bar_carries_the_second_mark_and_flags_the_gap(
    client, forum, official, points, flagged
):
    make_assessment(forum, official, 60 + points)

    html = client.get(
        reverse("commitments:plan_dashboard", args=[official.plan.number])
    ).content.decode()
    bars = _section(html, "by-commitment-title")

    assert bars.count('class="meter-mark"') == 1
    # Readable without colour: the figure is written beside the bar, and in the table.
    assert f"المجتمع المدني: {60 + points}" in bars
    assert (FLAG in bars.split('<details class="chart-data">')[0]) is flagged
    assert (FLAG in bars.split('<details class="chart-data">')[1]) is flagged
    if flagged:
        assert f"{points} نقطة فوق الرقم الرسمي" in bars


@pytest.mark.django_db
def test_gap_is_measured_against_the_official_figure_of_the_periods_end(client, forum, official):
    from tests.factories import make_report

    # Published after the half-year assessed: not the figure it is compared with.
    make_report(official, percent=95, date=datetime.date(2025, 8, 1))
    make_assessment(forum, official, 35, period_end=datetime.date(2025, 6, 30))

    html = client.get(
        reverse("commitments:commitment_detail", args=[official.plan.number, official.number])
    ).content.decode()

    assert "25 نقطة دون الرقم الرسمي" in _section(html, "assessments-title")
