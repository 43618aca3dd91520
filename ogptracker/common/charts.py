"""Geometry of the server-rendered SVG charts.

Coordinates are computed here so the templates only place elements. In a
right-to-left language the horizontal axis is mirrored: bars grow from the
right and time runs from right to left, as the text around them reads.
"""

from dataclasses import dataclass
from decimal import Decimal


def mirror(x: float, width: float, rtl: bool) -> float:
    return width - x if rtl else x


def coordinate(value: float | Decimal) -> str:
    """An SVG coordinate as text: templates would localise a float («12,5» in Arabic)."""
    return format(round(float(value), 1), "g")


@dataclass(frozen=True)
class Bar:
    """A horizontal bar of a 0-100 scale drawn in a `width`-wide box."""

    percent: float
    width: float = 100
    rtl: bool = False

    @property
    def length(self) -> str:
        return coordinate(self.width * float(self.percent) / 100)

    @property
    def x(self) -> str:
        return coordinate(self.width - float(self.length) if self.rtl else 0)


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    date: object
    percent: object
    reported: int = 0


@dataclass(frozen=True)
class Tick:
    position: str
    label: object
    anchor: str = "middle"


class LineChart:
    """Plan progress over time: a line through the roll-ups and the committee's points."""

    width = 480
    height = 240
    margin_top = 14
    margin_bottom = 40
    margin_axis = 48
    margin_far = 16

    def __init__(self, series, records, rtl=False):
        self.rtl = rtl
        dates = [point.date for point in series] + [record.date for record in records]
        self.first = min(dates, default=None)
        self.last = max(dates, default=None)
        self.series = [self._point(p.date, p.percent, p.reported) for p in series]
        self.records = [self._point(r.date, r.percent) for r in records]

    @property
    def plot_start(self) -> int:
        return self.margin_axis

    @property
    def plot_end(self) -> int:
        return self.width - self.margin_far

    @property
    def plot_top(self) -> int:
        return self.margin_top

    @property
    def plot_bottom(self) -> int:
        return self.height - self.margin_bottom

    @property
    def is_empty(self) -> bool:
        return not self.series and not self.records

    @property
    def shows_a_trend(self) -> bool:
        """A single date draws a lone dot: the figure beside the chart says as much."""
        return self.first is not None and self.first != self.last

    def _x(self, date):
        span = (self.last - self.first).days
        start, end = self.plot_start, self.plot_end
        if span == 0:
            x = (start + end) / 2
        else:
            x = start + (end - start) * (date - self.first).days / span
        return coordinate(mirror(x, self.width, self.rtl))

    def _y(self, percent):
        top, bottom = self.plot_top, self.plot_bottom
        return coordinate(bottom - (bottom - top) * float(percent) / 100)

    def _point(self, date, percent, reported=0):
        return Point(self._x(date), self._y(percent), date, percent, reported)

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.series)

    @property
    def y_ticks(self) -> list[Tick]:
        return [Tick(self._y(value), value) for value in (0, 25, 50, 75, 100)]

    @property
    def axis_x(self) -> str:
        """Where the vertical axis stands: the inline-start edge of the plot."""
        return coordinate(mirror(self.plot_start, self.width, self.rtl))

    @property
    def far_x(self) -> str:
        return coordinate(mirror(self.plot_end, self.width, self.rtl))

    @property
    def label_x(self) -> str:
        """The y labels sit just outside the axis, on the inline-start side."""
        return coordinate(mirror(self.plot_start - 6, self.width, self.rtl))

    @property
    def label_anchor(self) -> str:
        return "start" if self.rtl else "end"

    @property
    def x_ticks(self) -> list[Tick]:
        if self.first is None:
            return []
        if self.first == self.last:
            return [Tick(self._x(self.first), self.first)]
        start_anchor, end_anchor = ("end", "start") if self.rtl else ("start", "end")
        return [
            Tick(self._x(self.first), self.first, start_anchor),
            Tick(self._x(self.last), self.last, end_anchor),
        ]
