"""The geometry of the statistics page's bar charts, drawn as inline SVG by a template.

Lengths are percentages of the chart's width (SVG accepts them in x and width), so a chart
fills whatever width the page gives it without any script; heights are in pixels.
"""

import math
from dataclasses import dataclass

from django.utils.formats import date_format

from .stats import Day, Row

ROW_HEIGHT = 26  # px per bar of a horizontal chart
LABEL_SHARE = 34  # % of the width for the labels of a horizontal chart
BAR_SHARE = 56  # % for the longest bar; the rest is room for its number
LABEL_CHARACTERS = 30  # longer labels are cut (the table below the chart has them whole)
COLUMN_AREA = 120  # px for the tallest column of a column chart
AXIS_LABELS = 8  # at most this many dates under a column chart
COUNTED_COLUMNS = 31  # up to this many columns, each has its number over it


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    count: int
    y: int
    width: float
    number_x: float


@dataclass(frozen=True)
class BarChart:
    slug: str  # unique on the page: the ids that label the chart are made from it
    title: str
    note: str
    bars: list[Bar]
    height: int
    label_share: int = LABEL_SHARE


@dataclass(frozen=True)
class Column:
    label: str
    count: int
    x: float
    width: float
    center: float
    y: int
    height: int
    show_label: bool


@dataclass(frozen=True)
class ColumnChart:
    slug: str
    title: str
    note: str
    columns: list[Column]
    height: int
    baseline: int
    show_counts: bool  # a number over each column, while there is room for it


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(rows: list[Row], *, slug: str, title: str, note: str = "") -> BarChart:
    """Horizontal bars, one per row, the longest for the largest count."""
    largest = max((row.count for row in rows), default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        width = round(BAR_SHARE * row.count / largest, 2)
        bars.append(
            Bar(
                label=row.label,
                short_label=_shorten(row.label),
                count=row.count,
                y=index * ROW_HEIGHT,
                width=width,
                number_x=round(LABEL_SHARE + width + 1, 2),
            )
        )
    return BarChart(slug=slug, title=title, note=note, bars=bars, height=len(rows) * ROW_HEIGHT)


def column_chart(days: list[Day], *, slug: str, title: str, note: str = "") -> ColumnChart:
    """Vertical columns, one per day, with a date under some of them."""
    largest = max((day.count for day in days), default=0) or 1
    share = 100 / len(days) if days else 0
    every = max(1, math.ceil(len(days) / AXIS_LABELS))
    baseline = COLUMN_AREA + 20  # room above the tallest column for its number
    columns = []
    for index, day in enumerate(days):
        height = round(COLUMN_AREA * day.count / largest)
        columns.append(
            Column(
                label=date_format(day.date, "SHORT_DATE_FORMAT"),
                count=day.count,
                x=round(index * share + share * 0.1, 3),
                width=round(share * 0.8, 3),
                center=round(index * share + share / 2, 3),
                y=baseline - height,
                height=height,
                show_label=index % every == 0,
            )
        )
    return ColumnChart(
        slug=slug,
        title=title,
        note=note,
        columns=columns,
        height=baseline + 24,
        baseline=baseline,
        show_counts=len(days) <= COUNTED_COLUMNS,
    )
