"""The index's chart of findings by rule and severity: the geometry of an inline SVG bar chart.

One bar per rule with findings, longest first, stacked by severity (a rule such as
grammar grades its own findings). The template draws it; the numbers are also in the
table below it, so the chart needs no script and reads the same to a screen reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

CHARACTER = 8.5
"""Width of a character of the labels' monospace font (14 px), with some to spare."""
GAP = 8
BARS_WIDTH = 240
"""The longest bar; the others in proportion."""
COUNT_ROOM = 52
"""Room for the total after the longest bar."""
ROW = 26
BAR = 16
TOP = 4


@dataclass(frozen=True)
class Segment:
    severity: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    rule: str
    total: int
    y: float
    segments: tuple[Segment, ...]
    end: float
    """Where the bar ends, for its total."""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_x: int
    bar_height: int
    bars: tuple[Bar, ...]


def chart(by_rule: Mapping[str, Mapping[str, int]]) -> Chart | None:
    """Bars for each rule's counts by severity (worst first); None when nothing was found."""
    totals = {rule: sum(counts.values()) for rule, counts in by_rule.items()}
    shown = sorted((rule for rule, total in totals.items() if total), key=lambda rule: (-totals[rule], rule))
    if not shown:
        return None
    label_width = CHARACTER * max(len(rule) for rule in shown) + GAP
    scale = BARS_WIDTH / totals[shown[0]]
    bars = []
    for row, rule in enumerate(shown):
        x, segments = float(label_width), []
        for severity, count in by_rule[rule].items():
            if count:
                segments.append(Segment(severity, count, x, count * scale))
                x += count * scale
        bars.append(Bar(rule, totals[rule], TOP + row * ROW, tuple(segments), x))
    width = label_width + BARS_WIDTH + COUNT_ROOM
    return Chart(width, TOP * 2 + len(shown) * ROW, label_width - GAP, BAR, tuple(bars))
