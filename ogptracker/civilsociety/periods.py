"""The periods civil society assesses: half-years, January–June and July–December.

A period is stored by its last day (30 June or 31 December); the official
figure it is compared with is the latest one published by that day.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ogptracker.common.months import MONTHS


@dataclass(frozen=True, order=True)
class Period:
    end: datetime.date

    @property
    def start(self) -> datetime.date:
        return self.end.replace(month=self.end.month - 5, day=1)

    @property
    def label(self) -> str:
        return _("%(first)s–%(last)s %(year)s") % {
            "first": _(MONTHS[self.start.month - 1]),
            "last": _(MONTHS[self.end.month - 1]),
            "year": self.end.year,
        }

    def __str__(self) -> str:
        return self.label


def period_of(day: datetime.date) -> Period:
    """The half-year that holds `day`."""
    if day.month <= 6:
        return Period(datetime.date(day.year, 6, 30))
    return Period(datetime.date(day.year, 12, 31))


def is_period_end(day: datetime.date) -> bool:
    return (day.month, day.day) in ((6, 30), (12, 31))


def periods_between(first: datetime.date, last: datetime.date) -> list[Period]:
    """Every half-year from the one holding `first` to the one holding `last`, latest first."""
    periods = []
    period = period_of(first)
    final = period_of(last)
    while period <= final:
        periods.append(period)
        period = period_of(period.end + datetime.timedelta(days=1))
    return periods[::-1]
