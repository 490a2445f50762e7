"""Character storylines, after xkcd's "Movie Narrative Charts".

x is the narrative order; each character is a line. At every beat the characters
in the scene are drawn next to each other (consecutive rows, nobody else between
them), in the order with the fewest crossings, then the fewest wiggles
(:mod:`timeline.storyline_layout`). A line runs from the character's first beat to
their last. Characters are told apart by id, never by name: two characters both
called "Guard" are two lines.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import plotly.graph_objects as go

from timeline.charts.base import (
    Spec,
    base_layout,
    empty_figure,
    figure_from,
    shown_beats,
    with_note,
)
from timeline.index import DatasetIndex
from timeline.models import StoryEvent
from timeline.selection import Selection
from timeline.storyline_layout import cached_layout
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
# Past these the chart is a sample (and says so): more lines than this cannot be told apart.
MAX_BEATS = 200
MAX_CHARACTERS = 40
# For placing the names: the plot's width on a phone (390 px screen: a 338 px plot),
# and the width of an average character of the 11 px label font (both in px; a little
# generous). Names kept apart on the narrowest screen stay apart on every wider one.
PLOT_PX = 330
CHAR_PX = 6.4
LABEL_GAP = 0.3  # beats kept clear between two names in the same gap between rows
# Setting names along the top are slanted this steeply: a one-beat band on a phone is
# ~12 px wide, and 12 px x sin(70 degrees) keeps 10 px names of neighbouring bands apart.
SLANT_DEGREES = 70
SETTING_CHAR_PX = 5.8  # about one character of the 10 px setting names
TOP_PX = 150  # the margin above the plot when the setting names need no more

Scene = tuple[int, Sequence[str]]
# Where a name goes: its line's start (x, row) and whether above that row or below it.
Placement = tuple[float, int, bool]


def storyline_layout(scenes: Sequence[Scene]) -> dict[str, list[tuple[int, int]]]:
    """Rows for each character at each beat of its span: ``{id: [(order, row), ...]}``.

    ``scenes`` are (order, character ids) in narrative order. The layout with the
    fewest crossings, then wiggles (:mod:`timeline.storyline_layout`), memoised by the
    scenes, so a rerun with the same selection costs nothing.
    """
    key = tuple((order, tuple(people)) for order, people in scenes)
    return {c: list(points) for c, points in cached_layout(key).rows.items()}


def place_labels(
    starts: Sequence[tuple[str, float, int]], beats_per_char: float
) -> list[Placement]:
    """Put each name just above the start of its line, or just below it when the gap
    above already holds another name there; ``(x, row, above)`` per name, in order.

    A name above row ``r`` and one below row ``r - 1`` share the gap between the two
    rows; names only collide with names in the same gap whose extents (``x`` to ``x`` +
    its length in beats) overlap. Where both gaps are taken, the name moves right, in
    the gap where it moves least, to where it is free (the chart then points it at its
    line's start).
    """
    taken: dict[int, list[tuple[float, float]]] = {}  # gap (row above it) -> extents

    def free_from(gap: int, x: float, length: float) -> float:
        """The first x at or after ``x`` where a name of ``length`` fits in ``gap``."""
        moved = True
        while moved:
            moved = False
            for b0, b1 in taken.get(gap, ()):
                if x < b1 + LABEL_GAP and b0 - LABEL_GAP < x + length:
                    x, moved = b1 + LABEL_GAP, True
        return x

    out: dict[int, Placement] = {}
    for i in sorted(range(len(starts)), key=lambda i: (starts[i][1], starts[i][2])):
        name, x, row = starts[i]
        length = len(name) * beats_per_char
        # Above the row first, then below it; the nearer of the two if both are taken.
        options = [(free_from(gap, x, length), n, gap) for n, gap in enumerate((row - 1, row))]
        x_at, n, gap = min(options)
        taken.setdefault(gap, []).append((x_at, x_at + length))
        out[i] = (x_at, row, n == 0)
    return [out[i] for i in range(len(starts))]


def storylines_figure(index: DatasetIndex, shown: Selection) -> go.Figure:
    """One line per character across the shown beats, with bands for the settings."""
    n_beats, beats = shown_beats(index, shown, MAX_BEATS)
    appearances = Counter(c for b in beats for c in b.characters)
    kept = {c for c, _ in appearances.most_common(MAX_CHARACTERS)}
    scenes = [(b.order, [c for c in b.characters if c in kept]) for b in beats]
    layout = storyline_layout(scenes)
    if not layout:
        return empty_figure("No story beats with characters match these filters.")
    actors = {
        c: ", ".join(index.person_names[p] for p in people)
        for c, people in index.character_actors.items()
    }
    by_order = {b.order: b for b in beats}
    # Summaries in every hover of a long story would make the chart megabytes to send.
    short = len(beats) <= 60
    cast_at = {order: set(people) for order, people in scenes}
    orders = [b.order for b in beats]
    rows = {row for points in layout.values() for _, row in points}
    spec = base_layout(height=260 + 26 * (max(rows) - min(rows) + 2))
    traces = _setting_bands(spec, index, beats)
    starts: list[tuple[str, float, int]] = []
    colours: list[str] = []
    for n, (character, points) in enumerate(sorted(layout.items(), key=lambda kv: kv[1][0])):
        colour = LINE_COLOURS[n % len(LINE_COLOURS)]
        name = index.character_names[character]
        label = f"{name} ({actors[character]})" if actors.get(character) else name
        xs, ys, sizes, custom, hover = [], [], [], [], []
        for k, (order, row) in enumerate(points):
            # Hold the row until just before the next beat, then slant across: lines stay
            # level through a scene and change rows only between scenes.
            steps: list[tuple[float, int]] = [(order, row)]
            if k + 1 < len(points) and points[k + 1][1] != row:
                steps.append((order + 0.3, row))
                steps.append((points[k + 1][0] - 0.3, points[k + 1][1]))
            for x, r in steps:
                beat = by_order[order]
                on_stage = x == order and character in cast_at[order]
                xs.append(x)
                ys.append(-r)
                sizes.append(10 if on_stage else 0)
                custom.append([beat.id])
                hover.append(
                    f"<b>{hover_escape(label)}</b><br>{order}. {hover_escape(beat.title)}"
                    + ("" if character in cast_at[order] else " <i>(not in this scene)</i>")
                    + (f"<br>{hover_block(beat.summary)}" if short else "")
                )
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines+markers",
                "name": hover_escape(label),
                "line": {"color": colour, "width": 3},
                "marker": {
                    "size": sizes,
                    "color": colour,
                    "line": {"width": 1, "color": "white"},
                },
                "customdata": custom,
                "hovertext": hover,
                "hoverinfo": "text",
                "showlegend": False,
            }
        )
        first_order, first_row = points[0]
        starts.append((name, first_order - 0.15, first_row))
        colours.append(colour)
    # Each name rides just above (or below) the start of its line, reading along it.
    x_span = max(orders) - min(orders) + 1.4
    labels = [
        _label(name, start, placed, colour)
        for (name, start, _), placed, colour in zip(
            starts, place_labels(starts, CHAR_PX * x_span / PLOT_PX), colours, strict=True
        )
    ]
    if len(beats) < n_beats or len(kept) < len(appearances):
        with_note(
            spec,
            f"Showing {len(beats):,} of {n_beats:,} beats and the {len(kept)} busiest of "
            f"{len(appearances):,} characters: narrow the filters to see every one.",
        )
    spec["annotations"] = labels
    spec["yaxis"] = {
        "visible": False,
        "range": [-(max(rows) + 0.8), -(min(rows) - 1.2)],
        "fixedrange": True,
    }
    spec["xaxis"] = {
        "title": {"text": "Story beat (narrative order)"},
        "range": [min(orders) - 0.7, max(orders) + 0.7],
        "showgrid": False,
        "zeroline": False,
    }
    if len(orders) <= 15:
        spec["xaxis"]["tickvals"] = orders
    spec.setdefault("xaxis2", {})["range"] = spec["xaxis"]["range"]
    return figure_from(traces, spec)


def _label(name: str, start: float, placed: Placement, colour: str) -> Spec:
    """A character's name at its place; a thin arrow to its line if it had to move."""
    x, row, above = placed
    label: Spec = {
        "x": x,
        "y": -row,
        "text": hover_escape(name),
        "xanchor": "left",
        "yanchor": "bottom" if above else "top",
        "yshift": 2 if above else -2,
        "showarrow": False,
        "font": {"size": 11, "color": colour},
        # Lines crossing a name do not hide it.
        "bgcolor": "rgba(255, 255, 255, 0.85)",
        "borderpad": 0,
    }
    if x > start + 1e-9:
        # The text sits at the arrow's tail (x, row); the head is the line's first point.
        label.update(
            x=start + 0.15,
            ax=x,
            ay=-row,
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor=colour,
            standoff=5,
            yshift=0,
        )
    return label


def _setting_bands(spec: Spec, index: DatasetIndex, beats: list[StoryEvent]) -> list[Spec]:
    """Shade runs of consecutive beats that share a setting, named along the top axis.

    Adds the bands, and room above the plot for their slanted names, to the layout
    ``spec``; returns the trace the top axis needs.
    """
    runs: list[tuple[str, int, int]] = []
    for beat in beats:
        place = index.location_names[beat.locations[0]] if beat.locations else ""
        if runs and runs[-1][0] == place:
            runs[-1] = (place, runs[-1][1], beat.order)
        else:
            runs.append((place, beat.order, beat.order))
    named = [(n, place, start, end) for n, (place, start, end) in enumerate(runs) if place]
    # Room on top for the slanted names (the plot keeps its height).
    longest = max((len(place) for _, place, _, _ in named), default=0)
    rise = SETTING_CHAR_PX * math.sin(math.radians(SLANT_DEGREES)) * longest
    top = max(TOP_PX, 30 + round(rise))
    spec["margin"]["t"] = top
    spec["height"] += top - TOP_PX
    spec["shapes"] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": start - 0.5,
            "x1": end + 0.5,
            "y0": 0,
            "y1": 1,
            "fillcolor": SETTING_BANDS[n % 2],
            "line": {"width": 0},
            "layer": "below",
        }
        for n, _, start, end in named
    ]
    if not named:
        return []
    # A second x axis on top carries the setting names, slanted so narrow bands fit.
    spec["xaxis2"] = {
        "overlaying": "x",
        "side": "top",
        "tickvals": [(start + end) / 2 for _, _, start, end in named],
        "ticktext": [hover_escape(place) for _, place, _, _ in named],
        "tickangle": -SLANT_DEGREES,
        "tickfont": {"size": 10, "color": "#555555"},
        "showgrid": False,
        "zeroline": False,
    }
    return [
        {"type": "scatter", "x": [named[0][2]], "y": [None], "xaxis": "x2", "showlegend": False}
    ]
