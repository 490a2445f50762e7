"""Milestones written on the production timeline: short labels above the lanes.

An event whose ``milestone`` is set ("Filming begins") gets its label in a band
above the phase lanes, with a dotted guide down to its mark. The chart does not
know how wide it will be drawn, so labels are packed into lines as if it were
phone-wide: none overlaps there, and on a desktop they only have more room.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.charts.base import Spec
from timeline.charts.rows import HALO
from timeline.text import hover_escape

#: The plot area's width on a phone (390 px, less the page margins and the lane names).
NARROW_PX = 240
_CHAR_PX = 6.3  # about one character of an 11 px label
_PAD_PX = 10
#: Height of one line of labels, in the production chart's y units (lane rows).
LINE_UNITS = 0.95


@dataclass(frozen=True)
class Milestone:
    """A label to write: the event's mark is at ``when`` in the lane at height ``y``."""

    label: str
    when: date
    y: float


def pack(milestones: list[Milestone], first: date, last: date) -> list[tuple[int, bool]]:
    """For each milestone (in date order), its line (0 nearest the lanes) and whether
    its label runs leftwards from the guide (near the right edge) instead of rightwards."""
    days = max((last - first).days, 1)
    taken: list[list[tuple[float, float]]] = []
    placed = []
    for m in milestones:
        x = (m.when - first).days / days * NARROW_PX
        width = _CHAR_PX * len(m.label) + _PAD_PX
        leftwards = x + width > NARROW_PX
        span = (x - width, x) if leftwards else (x, x + width)
        for line, spans in enumerate(taken):
            if all(span[1] <= a or span[0] >= b for a, b in spans):
                spans.append(span)
                placed.append((line, leftwards))
                break
        else:
            taken.append([span])
            placed.append((len(taken) - 1, leftwards))
    return placed


def milestone_marks(
    milestones: list[Milestone], first: date, last: date, *, base_y: float
) -> tuple[list[Spec], list[Spec], float]:
    """Annotations and guide lines for ``milestones`` above ``base_y``; the band's height.

    Milestones outside ``first``..``last`` (off the chart) are left out.
    """
    inside = sorted((m for m in milestones if first <= m.when <= last), key=lambda m: m.when)
    if not inside:
        return [], [], 0.0
    placed = pack(inside, first, last)
    annotations: list[Spec] = []
    shapes: list[Spec] = []
    for m, (line, leftwards) in zip(inside, placed, strict=True):
        y = base_y + LINE_UNITS * (line + 0.5)
        annotations.append(
            {
                "text": f"<b>{hover_escape(m.label)}</b>",
                "name": "milestone",
                "x": m.when.isoformat(),
                "y": y,
                "xanchor": "right" if leftwards else "left",
                "yanchor": "middle",
                "xshift": -3 if leftwards else 3,
                "showarrow": False,
                "font": {"size": 11, "color": "#1F2328", "shadow": HALO},
            }
        )
        shapes.append(
            {
                "type": "line",
                "x0": m.when.isoformat(),
                "x1": m.when.isoformat(),
                "y0": m.y,
                "y1": y + LINE_UNITS * 0.35,
                "line": {"color": "#8A8A8A", "width": 1, "dash": "dot"},
                "layer": "below",
            }
        )
    lines = 1 + max(line for line, _ in placed)
    return annotations, shapes, LINE_UNITS * lines + 0.2
