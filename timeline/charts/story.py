"""The story timeline: one row per beat in narrative order, its title written on the chart.

Each beat is a row: its number and title (and where it is set, or who is in it) as a
label across the top of the row, then a mark in the column of every character (or
setting) in it. Columns run down the chart, so a character's thread reads top to
bottom, and the titles read as the story, without hovering. The labels wrap to fit a
phone (see :mod:`timeline.charts.rows`), so the same figure reads at any width.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import plotly.graph_objects as go

from timeline.charts.base import GRID, Spec, figure_from, hover_once, shown_beats, with_note
from timeline.charts.rows import (
    LABEL_CHARS,
    LABEL_LINES,
    SEP,
    Tok,
    empty_rows,
    pixel_rows,
    row_labels,
    stack,
    words,
    wrap,
)
from timeline.index import DatasetIndex
from timeline.models import StoryEvent
from timeline.plaintext import shorten_at_word
from timeline.selection import Selection
from timeline.style import MUTED, STORY_COLOUR
from timeline.text import hover_block, hover_escape, join_names

StoryLanes = Literal["character", "setting"]
NO_LANE = "(none named)"
# Beyond these, a chart would be slow to send and draw and too long to read: it is
# thinned, and says so.
MAX_STORY_BEATS = 150
MAX_LANES = 60
#: Column names longer than this are cut at a word (the hover has them in full).
COLUMN_CHARS = 18
_MARK_PX = 12
_CHAR_PX = 6.2  # about the width of one character of an 11 px column name


@dataclass(frozen=True)
class _Column:
    """One column: a character (or a setting), keyed by id so namesakes stay apart."""

    key: str
    name: str


def _columns_of(index: DatasetIndex, beat: StoryEvent, lanes: StoryLanes) -> list[_Column]:
    if lanes == "character":
        cols = [_Column(c, index.character_names[c]) for c in beat.characters]
    else:
        cols = [_Column(loc, index.location_names[loc]) for loc in beat.locations]
    return cols or [_Column("", NO_LANE)]


def _label(index: DatasetIndex, beat: StoryEvent, lanes: StoryLanes) -> list[str]:
    """``3. Title · where it is set`` (or ``· who is in it``), in at most three lines.

    A label too long for that is cut at a word, the other half first; the hover and
    the details have it in full.
    """
    title = f"{beat.order}. {beat.title}"
    if lanes == "character":
        other = join_names([index.location_names[loc] for loc in beat.locations])
    else:
        other = join_names([index.character_names[c] for c in beat.characters], limit=4)
    for title_limit, other_limit in ((2 * LABEL_CHARS, LABEL_CHARS), (LABEL_CHARS, 0)):
        lines = _wrapped(
            shorten_at_word(title, title_limit - 4), shorten_at_word(other, other_limit - 4)
        )
        if len(lines) <= LABEL_LINES:
            break
    return lines


def _wrapped(title: str, other: str) -> list[str]:
    tokens = [Tok(t.text, bold=True) for t in words(title)]
    if other:
        # The dot sticks to the first word after it, and is dropped if that starts a line.
        first, *rest = words(other, f"color:{MUTED}")
        tokens += [Tok(SEP, f"color:{MUTED}"), replace(first, glue=True), *rest]
    return wrap(tokens)


def _beat_hover(index: DatasetIndex, beat: StoryEvent) -> str:
    return hover_once(index, beat.id, lambda: _make_beat_hover(index, beat))


def _make_beat_hover(index: DatasetIndex, beat: StoryEvent) -> str:
    who = join_names([index.character_names[c] for c in beat.characters]) or "—"
    where = join_names([index.location_names[loc] for loc in beat.locations]) or "—"
    return (
        f"<b>{beat.order}. {hover_escape(beat.title)}</b><br>{hover_block(beat.summary)}"
        f"<br><i>Who:</i> {hover_escape(who)}<br><i>Where:</i> {hover_escape(where)}"
    )


def story_timeline(
    index: DatasetIndex, shown: Selection, *, lanes: StoryLanes = "character"
) -> go.Figure:
    """Story beats in narrative order as titled rows, one column per character (or setting).

    Every clickable mark carries its beat's id in ``customdata[0]``; each hover names
    the column first ("<character>, in <N>. ...") and then the beat in full.
    """
    n_beats, beats = shown_beats(index, shown, MAX_STORY_BEATS)
    if not beats:
        return empty_rows("No story beats match these filters.")
    per_beat = [_columns_of(index, beat, lanes) for beat in beats]
    counts: dict[_Column, int] = {}
    for cols in per_beat:
        for col in cols:
            counts[col] = counts.get(col, 0) + 1
    busiest = sorted(counts, key=lambda c: -counts[c])[:MAX_LANES]
    # Columns in order of first appearance, left to right.
    kept = set(busiest)
    order = {col: k for k, col in enumerate(c for c in counts if c in kept)}
    labels = [_label(index, beat, lanes) for beat in beats]
    tops, centres, plot_px = stack(labels, _MARK_PX)

    xs: list[int] = []
    ys: list[int] = []
    ids: list[list[str]] = []
    hovers: list[str] = []
    spans: dict[_Column, list[int]] = {}
    for beat, cols, centre in zip(beats, per_beat, centres, strict=True):
        for col in cols:
            if col not in order:
                continue
            xs.append(order[col])
            ys.append(centre)
            ids.append([beat.id])
            hovers.append(f"<b>{hover_escape(col.name)}</b>, in {_beat_hover(index, beat)}")
            spans.setdefault(col, []).append(centre)
    # A faint line down each column from its first beat to its last: the thread.
    traces: list[Spec] = [
        {
            "type": "scatter",
            "x": [order[col], order[col]],
            "y": [min(ys_), max(ys_)],
            "mode": "lines",
            "line": {"color": "#DDDDDD", "width": 2},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        for col, ys_ in spans.items()
        if len(ys_) > 1
    ]
    traces.append(
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "markers",
            "name": "Story beat",
            "marker": {
                "size": _MARK_PX,
                "color": STORY_COLOUR,
                "line": {"width": 1, "color": "white"},
            },
            "customdata": ids,
            "hovertext": hovers,
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    names = [shorten_at_word(col.name, COLUMN_CHARS) for col in order]
    top = 14 + round(_CHAR_PX * max(len(n) for n in names))
    layout: Spec = {
        "xaxis": {
            "side": "top",
            "tickmode": "array",
            "tickvals": list(range(len(names))),
            "ticktext": [hover_escape(n) for n in names],
            "tickangle": -90,
            "range": [-0.6, len(names) - 0.4],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "automargin": False,
        },
        "yaxis": {"range": [plot_px, 0]},
        "annotations": row_labels(labels, tops),
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": t - 4,
                "y1": t - 4,
                "line": {"color": GRID, "width": 1},
                "layer": "below",
            }
            for t in tops[1:]
        ],
    }
    pixel_rows(layout, plot_px, top=top)
    if len(beats) < n_beats or len(order) < len(counts):
        kind = "characters" if lanes == "character" else "settings"
        with_note(
            layout,
            f"Showing {len(beats):,} of {n_beats:,} beats and the {len(order)} busiest of "
            f"{len(counts):,} {kind}: narrow the filters to see every one.",
        )
    return figure_from(traces, layout)
