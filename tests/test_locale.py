"""One exact translation per language, and Moroccan month names."""

import datetime

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "الالتزامات"), ("fr", "engagements"), ("en", "commitments")],
)
def test_locale_smoke_translates_commitments(language, expected):
    with translation.override(language):
        assert gettext("commitments") == expected


def test_18_september_2020_renders_with_the_moroccan_month_name():
    with translation.override("ar"):
        assert formats.date_format(datetime.date(2020, 9, 18)) == "18 شتنبر 2020"


@pytest.mark.parametrize(
    ("month", "name"),
    [
        (1, "يناير"),
        (4, "أبريل"),
        (5, "ماي"),
        (7, "يوليوز"),
        (8, "غشت"),
        (11, "نونبر"),
        (12, "دجنبر"),
    ],
)
def test_every_moroccan_month_name_overrides_djangos_arabic(month, name):
    with translation.override("ar"):
        assert formats.date_format(datetime.date(2024, month, 1), "F") == name


def test_arabic_dates_keep_western_digits_and_24_hour_time():
    with translation.override("ar"):
        assert formats.date_format(datetime.date(2025, 3, 18), "l j F Y") == "الثلاثاء 18 مارس 2025"
        assert formats.time_format(datetime.time(14, 0)) == "14:00"


def test_french_dates_are_french():
    with translation.override("fr"):
        assert formats.date_format(datetime.date(2020, 9, 18)) == "18 septembre 2020"
