"""The story timeline: beats in narrative order, one lane per character (or setting)."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

import plotly.graph_objects as go

from timeline.charts.base import (
    Spec,
    base_layout,
    empty_figure,
    figure_from,
    hover_once,
    shown_beats,
    with_note,
)
from timeline.index import DatasetIndex
from timeline.models import StoryEvent
from timeline.selection import Selection
from timeline.style import STORY_COLOUR
from timeline.text import hover_block, hover_escape, join_names

StoryLanes = Literal["character", "setting"]
NO_LANE = "(none named)"
# Beyond these, a chart would be slow to send and draw and unreadable anyway: it is
# thinned, and says so.
MAX_STORY_BEATS = 400
MAX_LANES = 60


def _story_rows(
    index: DatasetIndex, beats: list[StoryEvent], lanes: StoryLanes
) -> list[tuple[str, StoryEvent]]:
    rows: list[tuple[str, StoryEvent]] = []
    for beat in beats:
        # Lane names become axis labels, where Plotly would render tags: escape them.
        if lanes == "character":
            names = [hover_escape(index.character_names[c]) for c in beat.characters]
        else:
            names = [hover_escape(index.location_names[loc]) for loc in beat.locations]
        rows.extend((name, beat) for name in names or [NO_LANE])
    return rows


def _story_hover(index: DatasetIndex, beat: StoryEvent) -> str:
    return hover_once(index, beat.id, lambda: _make_story_hover(index, beat))


def _make_story_hover(index: DatasetIndex, beat: StoryEvent) -> str:
    who = join_names([index.character_names[c] for c in beat.characters]) or "—"
    where = join_names([index.location_names[loc] for loc in beat.locations]) or "—"
    return (
        f"<b>{beat.order}. {hover_escape(beat.title)}</b><br>{hover_block(beat.summary)}"
        f"<br><i>Who:</i> {hover_escape(who)}<br><i>Where:</i> {hover_escape(where)}"
    )


def story_timeline(
    index: DatasetIndex, shown: Selection, *, lanes: StoryLanes = "character"
) -> go.Figure:
    """Story beats in narrative order, one lane per character (or per setting)."""
    n_beats, beats = shown_beats(index, shown, MAX_STORY_BEATS)
    if not beats:
        return empty_figure("No story beats match these filters.")
    rows = _story_rows(index, beats, lanes)
    lane_counts: dict[str, int] = defaultdict(int)
    for name, _ in rows:
        lane_counts[name] += 1
    kept = set(sorted(lane_counts, key=lambda n: -lane_counts[n])[:MAX_LANES])
    rows = [(name, beat) for name, beat in rows if name in kept]
    lane_order: list[str] = []
    for name, _ in rows:
        if name not in lane_order:
            lane_order.append(name)
    by_lane: dict[str, list[int]] = defaultdict(list)
    for name, beat in rows:
        by_lane[name].append(beat.order)
    # A faint line per lane joins its beats, so a character's thread reads left to right.
    traces: list[Spec] = [
        {
            "type": "scatter",
            "x": by_lane[name],
            "y": [name] * len(by_lane[name]),
            "mode": "lines",
            "line": {"color": "#D9D9D9", "width": 2},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        for name in lane_order
    ]
    traces.append(
        {
            "type": "scatter",
            "x": [beat.order for _, beat in rows],
            "y": [name for name, _ in rows],
            "mode": "markers",
            "name": "Story beat",
            "marker": {"size": 13, "color": STORY_COLOUR, "line": {"width": 1, "color": "white"}},
            "customdata": [[beat.id] for _, beat in rows],
            "hovertext": [_story_hover(index, beat) for _, beat in rows],
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    orders = [beat.order for beat in beats]
    layout = base_layout(height=110 + 26 * len(lane_order))
    layout["yaxis"] = {
        "categoryorder": "array",
        "categoryarray": list(reversed(lane_order)),
        "gridcolor": "#F0F0F0",
    }
    layout["xaxis"] = {
        "title": {"text": "Story beat (narrative order)"},
        "range": [min(orders) - 0.7, max(orders) + 0.7],
        "gridcolor": "#F0F0F0",
        "zeroline": False,
    }
    if len(orders) <= 15:
        layout["xaxis"]["dtick"] = 1
    if len(beats) < n_beats or len(kept) < len(lane_counts):
        with_note(
            layout,
            f"Showing {len(beats):,} of {n_beats:,} beats in the {len(kept)} busiest of "
            f"{len(lane_counts):,} lanes: narrow the filters to see every one.",
        )
    return figure_from(traces, layout)
