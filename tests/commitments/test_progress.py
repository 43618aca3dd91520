import datetime
from decimal import Decimal

from commitments import progress
from ogptracker.common.charts import Bar, LineChart

JUNE_2020 = [100, 100, 65, 64, 100, 89, 100, 88, 91, 98, 100, 14, 26, 63, 88, 81, 48]


def test_round_percent_keeps_one_decimal_rounding_halves_up():
    assert progress.round_percent(Decimal(1315) / 17) == Decimal("77.4")
    assert progress.round_percent(Decimal("77.25")) == Decimal("77.3")
    assert progress.round_percent(Decimal("77.24")) == Decimal("77.2")


def test_roll_up_of_june_2020_is_the_plain_mean_of_17_rows():
    result = progress.roll_up([(percent, None) for percent in JUNE_2020] + [(None, None)])

    assert result == progress.RollUp(Decimal("77.4"), progress.PLAIN, 17, 1)


def test_roll_up_is_weighted_when_every_reported_commitment_has_a_weight():
    result = progress.roll_up([(100, 3), (0, 1), (None, None)])

    assert result == progress.RollUp(Decimal("75.0"), progress.WEIGHTED, 2, 1)


def test_roll_up_falls_back_to_the_plain_mean_when_one_weight_is_missing():
    result = progress.roll_up([(100, 3), (0, None)])

    assert result == progress.RollUp(Decimal("50.0"), progress.PLAIN, 2, 0)


def test_roll_up_falls_back_to_the_plain_mean_when_a_weight_is_zero():
    result = progress.roll_up([(100, 3), (0, 0)])

    assert result.method == progress.PLAIN


def test_roll_up_without_any_report_has_no_figure():
    assert progress.roll_up([(None, None)] * 3) == progress.RollUp(None, progress.PLAIN, 0, 3)


def test_usable_weight_needs_every_activity_weighted():
    assert progress.usable_weight(7, 0) == 7
    assert progress.usable_weight(7, 1) is None
    assert progress.usable_weight(None, 0) is None


TODAY = datetime.date(2020, 6, 17)


def flags(**overrides):
    arguments = {
        "percent": 50,
        "previous_percent": 40,
        "no_progress": False,
        "platform_status": "yes",
        "end_date": datetime.date(2020, 8, 31),
        "today": TODAY,
    }
    return progress.commitment_flags(**{**arguments, **overrides})


def test_flags_progressing_before_the_end_is_on_track():
    assert flags() == [progress.ON_TRACK]


def test_flags_100_percent_is_done_even_if_equal_to_the_previous_figure():
    assert flags(percent=100, previous_percent=100) == [progress.DONE]


def test_flags_same_figure_as_the_previous_report_is_stalled():
    assert flags(percent=40, previous_percent=40) == [progress.STALLED]


def test_flags_no_progress_recorded_by_the_minutes_is_stalled():
    assert flags(no_progress=True) == [progress.STALLED]


def test_flags_end_passed_below_100_is_late_and_can_be_stalled_too():
    assert flags(end_date=datetime.date(2020, 6, 16), no_progress=True) == [
        progress.LATE,
        progress.STALLED,
    ]


def test_flags_end_date_today_is_not_late_yet():
    assert flags(end_date=TODAY) == [progress.ON_TRACK]


def test_flags_platform_not_updated_is_added_to_the_status():
    assert flags(percent=100, platform_status="no") == [
        progress.DONE,
        progress.PLATFORM_NOT_UPDATED,
    ]


def test_flags_without_a_report_is_no_report_only():
    assert flags(percent=None, platform_status="") == [progress.NO_REPORT]


def test_count_flags_counts_each_flag_of_each_commitment():
    counts = progress.count_flags([[progress.DONE], [progress.LATE, progress.STALLED], []])

    assert (counts.done, counts.late, counts.stalled, counts.on_track) == (1, 1, 1, 0)


def test_progress_over_time_rolls_up_the_latest_figure_of_each_commitment_at_each_date():
    first, second = datetime.date(2019, 12, 1), datetime.date(2020, 6, 17)
    reports = [(1, first, 40), (2, first, 20), (1, second, 100)]

    points = progress.progress_over_time(reports, {1: None, 2: None, 3: None}, 3)

    assert [(p.date, p.percent, p.reported) for p in points] == [
        (first, Decimal("30.0"), 2),
        (second, Decimal("60.0"), 2),
    ]


def test_slippage_days_counts_only_a_later_revised_end():
    planned = datetime.date(2020, 6, 30)

    assert progress.slippage_days(planned, datetime.date(2020, 8, 29)) == 60
    assert progress.slippage_days(planned, datetime.date(2020, 6, 1)) == 0
    assert progress.slippage_days(planned, None) == 0


def test_bar_grows_from_the_left_in_ltr_and_from_the_right_in_rtl():
    assert (Bar(65).x, Bar(65).length) == ("0", "65")
    assert (Bar(65, rtl=True).x, Bar(65, rtl=True).length) == ("35", "65")


def test_line_chart_runs_time_from_the_inline_start_side():
    class Row:
        def __init__(self, date, percent):
            self.date, self.percent, self.reported = date, percent, 1

    series = [Row(datetime.date(2019, 1, 1), 0), Row(datetime.date(2020, 1, 1), 100)]

    ltr, rtl = LineChart(series, []), LineChart(series, [], rtl=True)

    assert [(p.x, p.y) for p in ltr.series] == [("48", "200"), ("464", "14")]
    assert [(p.x, p.y) for p in rtl.series] == [("432", "200"), ("16", "14")]


def test_line_chart_draws_a_trend_only_from_two_dates():
    class Row:
        def __init__(self, date, percent):
            self.date, self.percent, self.reported = date, percent, 1

    one_date = LineChart([Row(datetime.date(2020, 6, 17), 77)], [])
    two_dates = LineChart(
        [Row(datetime.date(2020, 6, 17), 77)], [Row(datetime.date(2025, 3, 18), 29)]
    )

    assert (LineChart([], []).is_empty, one_date.shows_a_trend, two_dates.shows_a_trend) == (
        True,
        False,
        True,
    )
