"""Character storylines, after xkcd's "Movie Narrative Charts".

x is the narrative order; each character is a line. At every beat the characters
in the scene are drawn next to each other (consecutive rows, nobody else between
them), and a character who is not in the scene keeps the row it had, so lines only
move when their character acts. A line runs from the character's first beat to
their last.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from timeline.figures import _layout, empty_figure
from timeline.index import DatasetIndex
from timeline.models import StoryEvent
from timeline.text import hover_block, hover_escape

# Colour-blind-safe (Okabe-Ito) first, then darker tones for larger casts.
LINE_COLOURS = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C6D31",
    "#6A3D9A",
    "#B15928",
    "#1B7837",
    "#5E3C99",
    "#A6761D",
    "#666666",
)
SETTING_BANDS = ("#F4F1EA", "#EAF2F8")

Scene = tuple[int, Sequence[str]]


def _nearest_free_block(size: int, target: float, taken: set[int]) -> int:
    """The first row of the ``size`` consecutive free rows whose middle is nearest ``target``."""
    best: int | None = None
    best_distance = 0.0
    low = int(target - size - len(taken) - 2)
    high = int(target + size + len(taken) + 2)
    for start in range(low, high + 1):
        if any(row in taken for row in range(start, start + size)):
            continue
        distance = abs(start + (size - 1) / 2 - target)
        if best is None or distance < best_distance:
            best, best_distance = start, distance
    assert best is not None  # the range is wide enough to hold a free block
    return best


def storyline_layout(scenes: Sequence[Scene]) -> dict[str, list[tuple[int, int]]]:
    """Rows for each character at each beat of its span: ``{name: [(order, row), ...]}``.

    ``scenes`` are (order, characters) in narrative order.
    """
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, (_, people) in enumerate(scenes):
        for person in people:
            first.setdefault(person, i)
            last[person] = i
    rows: dict[str, int] = {}
    out: dict[str, list[tuple[int, int]]] = {name: [] for name in first}
    for i, (order, people) in enumerate(scenes):
        present = list(dict.fromkeys(people))
        absent_rows = {
            rows[name] for name in rows if name not in present and first[name] <= i <= last[name]
        }
        known = [rows[p] for p in present if p in rows]
        target = sum(known) / len(known) if known else max(rows.values(), default=-1) + 1
        # Keep the scene's characters in the order they already had, newcomers after.
        present.sort(key=lambda p: (rows.get(p, 10**9), first[p]))
        start = _nearest_free_block(len(present), target, absent_rows)
        for offset, person in enumerate(present):
            rows[person] = start + offset
        for name, row in rows.items():
            if first[name] <= i <= last[name]:
                out[name].append((order, row))
    return out


def storylines_figure(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """One line per character across the shown beats, with bands for the settings."""
    beats = [e for i in ids if isinstance(e := index.events[i], StoryEvent)]
    scenes = [(b.order, [index.character_names[c] for c in b.characters]) for b in beats]
    layout = storyline_layout(scenes)
    if not layout:
        return empty_figure("No story beats with characters match these filters.")
    actors = {
        index.character_names[c]: ", ".join(index.person_names[p] for p in people)
        for c, people in index.character_actors.items()
    }
    by_order = {b.order: b for b in beats}
    cast_at = {order: set(people) for order, people in scenes}
    fig = go.Figure()
    _setting_bands(fig, index, beats)
    for n, (name, points) in enumerate(sorted(layout.items(), key=lambda kv: kv[1][0])):
        present = {order for order, _ in points if name in cast_at[order]}
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        label = f"{name} ({actors[name]})" if actors.get(name) else name
        fig.add_trace(
            go.Scatter(
                x=[o for o, _ in points],
                y=[-row for _, row in points],
                mode="lines+markers",
                name=label,
                line={"color": colour, "width": 3, "shape": "spline", "smoothing": 0.6},
                marker={
                    "size": [10 if o in present else 0 for o, _ in points],
                    "color": colour,
                    "line": {"width": 1, "color": "white"},
                },
                customdata=[[by_order[o].id] for o, _ in points],
                hovertext=[
                    f"<b>{hover_escape(label)}</b><br>{o}. {hover_escape(by_order[o].title)}"
                    + ("" if o in present else " <i>(not in this scene)</i>")
                    + f"<br>{hover_block(by_order[o].summary)}"
                    for o, _ in points
                ],
                hoverinfo="text",
            )
        )
    rows = {row for points in layout.values() for _, row in points}
    fig.update_yaxes(visible=False, range=[-(max(rows) + 0.8), -(min(rows) - 1.6)], fixedrange=True)
    orders = [b.order for b in beats]
    fig.update_xaxes(
        title="Story beat (narrative order)",
        range=[min(orders) - 0.6, max(orders) + 0.6],
        showgrid=False,
        zeroline=False,
    )
    _layout(fig, height=140 + 30 * (max(rows) - min(rows) + 2))
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "y": 1, "yanchor": "top"})
    return fig


def _setting_bands(fig: go.Figure, index: DatasetIndex, beats: list[StoryEvent]) -> None:
    """Shade runs of consecutive beats that share a setting, labelled at the top."""
    runs: list[tuple[str, int, int]] = []
    for beat in beats:
        place = index.location_names[beat.locations[0]] if beat.locations else ""
        if runs and runs[-1][0] == place:
            runs[-1] = (place, runs[-1][1], beat.order)
        else:
            runs.append((place, beat.order, beat.order))
    for n, (place, start, end) in enumerate(runs):
        if not place:
            continue
        fig.add_vrect(
            x0=start - 0.5,
            x1=end + 0.5,
            fillcolor=SETTING_BANDS[n % 2],
            line_width=0,
            layer="below",
            annotation_text=hover_escape(place),
            annotation_position="top left",
            annotation_font={"size": 11, "color": "#555555"},
            annotation_textangle=0,
        )
