"""Charts as stacks of labelled rows: a label of one or more lines, then the mark it names.

Each row's label is left-aligned above its bar or markers, across the whole width.
Nothing is written beside a mark, so nothing runs off the side however narrow the
chart. The y axis counts pixels from the top, so a label's height and the gap to its
mark do not depend on how many rows there are. The fortunes charts (release, box
office, reception) are built this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

import plotly.graph_objects as go

from timeline.charts.base import Spec, base_layout, empty_figure
from timeline.index import DatasetIndex
from timeline.models import ProductionEvent
from timeline.style import MUTED
from timeline.text import hover_block, hover_escape

Annotation = dict[str, Any]
#: Characters per label line: about what fits across a phone-wide chart at 12 px.
LABEL_CHARS = 44
#: Lines a label's words may take before they are cut short (the hover has them in full).
LABEL_LINES = 3
#: The ``name`` of every row-label annotation.
ROW_LABEL = "row label"
LINE_PX = 16
LABEL_GAP = 3
ROW_GAP = 11
MARK_PX = 14
FIRST_PX = 4
SIDE_PX = 12
AXIS_PX = 30
SEP = "·"
# A white glow round text written over lines, so a reference line never cuts through it.
HALO = ", ".join(f"{x}px {y}px 1px white" for x in (-2, 0, 2) for y in (-2, 0, 2))


@dataclass(frozen=True)
class Tok:
    """A piece of a label never broken across lines, its CSS, and whether it sticks to the last."""

    text: str
    style: str = ""
    bold: bool = False
    glue: bool = False


BREAK = Tok("\n")


def words(text: str, style: str = "") -> list[Tok]:
    """``text`` as words that may wrap, cut short past :data:`LABEL_LINES` lines."""
    text = " ".join(text.split())
    limit = LABEL_CHARS * LABEL_LINES
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return [
        Tok(word[i : i + LABEL_CHARS], style)
        for word in text.split()
        for i in range(0, len(word), LABEL_CHARS)
    ]


def value(text: str, *, bold: bool = False) -> list[Tok]:
    """`` · text``: the dot is dropped when the value starts a line."""
    return [Tok(SEP), Tok(text, bold=bold, glue=True)]


def _markup(line: list[Tok]) -> str:
    """One label line as Plotly markup, runs of one style in one span; all text escaped."""
    parts = []
    for (style, bold), run in groupby(line, key=lambda t: (t.style, t.bold)):
        html = hover_escape(" ".join(t.text for t in run))
        html = f"<b>{html}</b>" if bold else html
        parts.append(f"<span style='{style}'>{html}</span>" if style else html)
    return " ".join(parts)


def wrap(tokens: list[Tok]) -> list[str]:
    """Tokens as lines of at most :data:`LABEL_CHARS` characters, glued runs kept whole."""
    units: list[list[Tok]] = []
    for tok in tokens:
        if tok.glue and units and units[-1][-1] is not BREAK:
            units[-1].append(tok)
        else:
            units.append([tok])
    lines: list[list[Tok]] = [[]]
    for unit in units:
        if unit[0] is BREAK:
            lines.append([])
            continue
        used = sum(len(t.text) + 1 for t in lines[-1])
        if lines[-1] and used + sum(len(t.text) + 1 for t in unit) - 1 > LABEL_CHARS:
            lines.append([])
        if not lines[-1] and unit[0].text == SEP and len(unit) > 1:
            unit = unit[1:]
        lines[-1].extend(unit)
    return [_markup(line) for line in lines if line]


def stack(
    labels: list[list[str]], mark_px: int, first: int = FIRST_PX
) -> tuple[list[int], list[int], int]:
    """Rows top to bottom in pixels: each label's top, each mark's centre, the total height."""
    tops, centres, y = [], [], first
    for lines in labels:
        tops.append(y)
        y += LINE_PX * len(lines) + LABEL_GAP
        centres.append(y + mark_px // 2)
        y += mark_px + ROW_GAP
    return tops, centres, y


def row_labels(labels: list[list[str]], tops: list[int], yref: str = "y") -> list[Annotation]:
    """Each label at the left edge of the plot, its first line's top at its row's top."""
    return [
        {
            "text": "<br>".join(lines),
            "name": ROW_LABEL,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": top,
            "yref": yref,
            "yanchor": "top",
            "align": "left",
            "showarrow": False,
            "borderpad": 0,
            # A white glow, so a reference line or a step behind a label never cuts it.
            "font": {"size": 12, "color": "#222222", "shadow": HALO},
        }
        for lines, top in zip(labels, tops, strict=True)
    ]


def pixel_rows(layout: Spec, plot_px: int, *, top: int = AXIS_PX, bottom: int = 8) -> None:
    """Size a layout being built so one y unit is one pixel, with fixed margins, no legend,
    and hover labels on white (so grey notes in them stay readable).

    Applies to every x and y axis already in ``layout`` (``xaxis``, ``xaxis2``...), and
    to ``xaxis``/``yaxis`` when there are none.
    """
    layout |= base_layout(height=plot_px + top + bottom) | {
        "margin": {"l": SIDE_PX, "r": SIDE_PX, "t": top, "b": bottom},
        "showlegend": False,
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"color": "#222222"}},
    }
    for axis in [k for k in layout if k.startswith("xaxis")] or ["xaxis"]:
        # Only sideways: a taller axis would squeeze the rows under their labels.
        layout[axis] = {"automargin": "left+right", "tickangle": 0, "tickfont": {"size": 11}} | (
            layout.get(axis) or {}
        )
    for axis in [k for k in layout if k.startswith("yaxis")] or ["yaxis"]:
        layout[axis] = (layout.get(axis) or {}) | {"visible": False, "fixedrange": True}


def empty_rows(message: str) -> go.Figure:
    """An empty chart with its message wrapped to fit a phone."""
    return empty_figure(message, wrap=LABEL_CHARS * 12 // 14)


def event_hover(index: DatasetIndex, ev: ProductionEvent, *, summary_lines: int = 6) -> str:
    """An event's title, its date as the source words it and as a label, and its summary."""
    when = index.dates[ev.id]
    return (
        f"<b>{hover_escape(ev.title)}</b><br>{hover_block(ev.date_text, max_lines=3)}"
        f"<br><span style='color:{MUTED}'>({hover_escape(when.label)})</span>"
        f"<br>{hover_block(ev.summary, max_lines=summary_lines)}"
    )


#: Rows past this are unreadable; a larger set is shown as an even sample, with a note.
MAX_ROWS = 80
#: Colours as the notes name them (the chart keys are words, where text wraps).
COLOUR_WORDS = {"#D55E00": "orange", "#009E73": "green", "#56B4E9": "blue"}
