"""Horizontal bar charts as inline SVG, drawn at build time.

No script and no external file: the chart is part of the page, so it shows without JavaScript,
prints, and scales with the page. Each chart is an `<svg role="img">` named by its `<title>` and
described by its `<desc>` (`aria-labelledby` points at both); the page shows the same figures in a
table beside it, which is what screen readers and copy-paste use.

A chart is rows; a row is a label above one or more bars; a bar is one or more stacked segments,
each of a series (its colour, named in the legend), with its value written after its end. A row
may carry a target (a line, or a band from a minimum to a maximum).
"""

import math
from dataclasses import dataclass, field
from typing import Callable, Optional

from markupsafe import Markup, escape

WIDTH = 480  # viewBox units; the stylesheet caps the drawn width so text stays near 15px
FONT = 16
LABEL_HEIGHT = 26
BAR_HEIGHT = 22
BAR_GAP = 4
ROW_GAP = 16
TEXT_ROOM = 150  # room after the longest bar for its value
LEGEND_HEIGHT = 30
AXIS_HEIGHT = 26
#: Series colours: each at least 3:1 against white (WCAG 1.4.11), segments separated by white.
COLOURS = ("#0b6e4f", "#1d70b8", "#6f4e9c")
TARGET_COLOUR = "#1b1b1b"
GRID_COLOUR = "#c9cecc"


@dataclass
class Segment:
    value: float
    series: int = 0


@dataclass
class Bar:
    segments: list
    text: str  # the value as written after the bar, e.g. "271, target 250"

    @property
    def total(self):
        return sum(segment.value for segment in self.segments)


@dataclass
class Row:
    label: str
    bars: list
    target: Optional[tuple] = None  # (minimum, maximum); equal for a single target


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    rows: list
    series: list = field(default_factory=list)  # series names, shown in a legend when > 1
    target_label: Optional[str] = None  # legend entry for the target marks
    number: Callable = str  # formats the axis figures in the page's language


def nice_scale(largest, ticks=4):
    """(axis maximum, step): a round step giving at most `ticks` intervals that cover `largest`."""
    if largest <= 0:
        return 1, 1
    rough = largest / ticks
    power = 10 ** math.floor(math.log10(rough))
    for multiple in (1, 2, 2.5, 5, 10):
        step = multiple * power
        if step >= rough:
            break
    maximum = math.ceil(largest / step) * step
    return maximum, step


def _tick_span(position, label, first, last):
    """(left, right) of an axis figure: the first starts at its tick, the last ends there."""
    width = _text_width(label)
    if first:
        return position, position + width
    if last:
        return position - width, position
    return position - width / 2, position + width / 2


def _ticks_fit(chart, maximum, step, plot):
    values = _ticks(maximum, step)
    spans = [
        _tick_span(plot * value / maximum, chart.number(value), index == 0, index == len(values) - 1)
        for index, value in enumerate(values)
    ]
    return all(left >= previous_right + 12 for (_, previous_right), (left, _) in zip(spans, spans[1:]))


def _ticks(maximum, step):
    count = round(maximum / step)
    return [step * index for index in range(count + 1)]


def _num(value):
    """A coordinate: at most two decimals, no trailing zeros (stable, compact output)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def render(chart):
    """The chart as an SVG element (Markup), ready to put in a page."""
    plot = WIDTH - TEXT_ROOM
    maximum, step = _scale(chart, plot)

    def x(value):
        return plot * value / maximum

    legend, top = _legend(chart)
    rows, y = [], top
    for row in chart.rows:
        y = _draw_row(rows, row, x, y)
    bottom = y - ROW_GAP + 6
    grid = _grid(chart, x, maximum, step, top, bottom)
    return _svg(chart, bottom + AXIS_HEIGHT, legend, grid, rows)


def _scale(chart, plot):
    """(axis maximum, step) with as many axis figures as fit without touching each other."""
    largest = max(
        [bar.total for row in chart.rows for bar in row.bars]
        + [row.target[1] for row in chart.rows if row.target]
    )
    for ticks in (4, 3, 2, 1):
        maximum, step = nice_scale(largest, ticks)
        if _ticks_fit(chart, maximum, step, plot):
            break
    return maximum, step


def _legend(chart):
    """([SVG of the legend], its height): series names when more than one, and the target mark."""
    legend = [(name, COLOURS[index], "box") for index, name in enumerate(chart.series)] if len(chart.series) > 1 else []
    if chart.target_label and any(row.target for row in chart.rows):
        legend.append((chart.target_label, TARGET_COLOUR, "line"))
    if not legend:
        return [], 0
    parts = ['<g class="app-chart__legend">']
    left = 0
    for name, colour, shape in legend:
        if shape == "box":
            parts.append(f'<rect x="{_num(left)}" y="4" width="14" height="14" fill="{colour}"/>')
        else:
            parts.append(f'<rect x="{_num(left + 5)}" y="1" width="4" height="20" fill="{colour}"/>')
        parts.append(f'<text x="{_num(left + 20)}" y="16">{escape(name)}</text>')
        left += 20 + _text_width(name) + 18
    parts.append("</g>")
    return parts, LEGEND_HEIGHT


def _draw_row(parts, row, x, y):
    """Append a row's label, bars and target to `parts`, from height `y`; return the next row's `y`."""
    parts.append(f'<text class="app-chart__label" x="0" y="{_num(y + FONT)}">{escape(row.label)}</text>')
    y += LABEL_HEIGHT
    bars_top = y
    for bar in row.bars:
        _draw_bar(parts, bar, row, x, y)
        y += BAR_HEIGHT + BAR_GAP
    y -= BAR_GAP
    if row.target:
        _draw_target(parts, row.target, x, bars_top, y)
    return y + ROW_GAP


def _draw_bar(parts, bar, row, x, y):
    start = 0
    for index, segment in enumerate(bar.segments):
        width = x(segment.value)
        gap = 2 if index < len(bar.segments) - 1 and width > 2 else 0  # white between segments
        parts.append(
            f'<rect x="{_num(x(start))}" y="{_num(y)}" width="{_num(max(width - gap, 0))}" '
            f'height="{BAR_HEIGHT}" fill="{COLOURS[segment.series]}"/>'
        )
        start += segment.value
    end = max(x(bar.total), x(row.target[1]) if row.target else 0)
    parts.append(
        f'<text class="app-chart__value" x="{_num(end + 6)}" y="{_num(y + BAR_HEIGHT - 6)}">{escape(bar.text)}</text>'
    )


def _draw_target(parts, target, x, top, bottom):
    """A dashed band from the minimum to the maximum (when they differ), and a mark at each."""
    low, high = target
    if high > low:
        parts.append(
            f'<rect x="{_num(x(low))}" y="{_num(top - 3)}" width="{_num(x(high) - x(low))}" '
            f'height="{_num(bottom - top + 6)}" fill="none" stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
    for value in sorted({low, high}):
        parts.append(
            f'<rect x="{_num(x(value) - 2.5)}" y="{_num(top - 5)}" width="5" height="{_num(bottom - top + 10)}" fill="#fff"/>'
            f'<rect x="{_num(x(value) - 1.5)}" y="{_num(top - 5)}" width="3" height="{_num(bottom - top + 10)}" fill="{TARGET_COLOUR}"/>'
        )


def _grid(chart, x, maximum, step, top, bottom):
    """The vertical grid lines and the axis figures under them."""
    grid = []
    for tick in _ticks(maximum, step):
        grid.append(f'<line x1="{_num(x(tick))}" y1="{_num(top)}" x2="{_num(x(tick))}" y2="{_num(bottom)}" stroke="{GRID_COLOUR}" stroke-width="1"/>')
        anchor = "start" if tick == 0 else "end" if tick >= maximum else "middle"
        grid.append(f'<text class="app-chart__tick" x="{_num(x(tick))}" y="{_num(bottom + 18)}" text-anchor="{anchor}">{escape(chart.number(tick))}</text>')
    return grid


def _svg(chart, height, legend, grid, rows):
    svg = (
        f'<svg class="app-chart__svg" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{chart.id}-title {chart.id}-desc" viewBox="0 0 {WIDTH} {_num(height)}" '
        f'width="{WIDTH}" height="{_num(height)}" font-size="{FONT}">'
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(chart.desc)}</desc>'
        + "".join(legend)
        + '<g class="app-chart__grid">' + "".join(grid) + "</g>"
        + '<g class="app-chart__rows">' + "".join(rows) + "</g>"
        + "</svg>"
    )
    return Markup(svg)


def _text_width(text):
    """A rough width of `text` at FONT: Han characters are square, Latin about half as wide."""
    return sum(FONT if ord(char) > 0x2E80 else FONT * 0.62 for char in str(text))
