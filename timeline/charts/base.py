"""What every chart shares: figures assembled from plain dicts, the house layout, notes.

Every builder takes the index and a :class:`~timeline.selection.Selection` (plus
keyword options) and returns a ``go.Figure`` made by :func:`figure_from`; each
clickable point carries the event id (on the map, the location id) in
``customdata[0]``, so the app can open whatever was clicked.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import plotly.graph_objects as go

from timeline.index import DatasetIndex, derived
from timeline.models import StoryEvent
from timeline.selection import Selection
from timeline.text import hover_escape

T = TypeVar("T")
Spec = dict[str, Any]
FONT = {"family": "Source Sans Pro, DejaVu Sans, sans-serif", "size": 13}
DAY_MS = 86_400_000
GRID = "#EEEEEE"


def hover_once(index: DatasetIndex, event_id: str, make: Callable[[], str]) -> str:
    """An event's hover text, made once per dataset (it does not depend on the filters)."""
    made: dict[str, str] = derived(index, "hover texts", dict)
    text = made.get(event_id)
    if text is None:
        text = made[event_id] = make()
    return text


def thin(items: list[T], limit: int) -> list[T]:
    """At most ``limit`` items, evenly spread and in their order (all of them if fewer)."""
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(k * step)] for k in range(limit)]


def figure_from(traces: list[Spec], layout: Spec) -> go.Figure:
    """A figure from plain trace and layout dicts, assembled in one step.

    Setting properties one by one on graph objects validates every value as it goes,
    about ten milliseconds a chart here, paid on every filter change. Assembled like
    this Plotly still checks each property's name, not its value; the unit tests put
    every figure the app draws through a validating ``go.Figure`` instead.
    """
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


@dataclass(frozen=True)
class ChartNotes:
    """What a chart says in words, for the app to show above it where text wraps.

    ``headline`` is the chart's main finding (may be empty); each of ``lines`` is a
    sentence: what the chart shows, how to read it, and what it leaves out (a sample,
    a cap). Plain text, not yet escaped for Markdown. Text inside a figure would run
    off the side of a phone.
    """

    headline: str = ""
    lines: tuple[str, ...] = ()


def set_notes(layout: Spec, notes: ChartNotes) -> None:
    """Carry ``notes`` in a layout being built (``layout.meta``), cached with the figure."""
    notes_meta = {"headline": notes.headline, "lines": list(notes.lines)}
    layout["meta"] = {**(layout.get("meta") or {}), "notes": notes_meta}


def with_note(layout: Spec, text: str) -> None:
    """Add a note line to a layout being built (see :class:`ChartNotes`)."""
    found = notes_of_meta(layout.get("meta"))
    set_notes(layout, ChartNotes(found.headline, (*found.lines, text)))


def set_aspect(layout: Spec, ratio: float) -> None:
    """Say (in ``layout.meta``) that the chart reads best at ``ratio`` = width / height.

    A map keeps its projection's shape: drawn at a fixed height, it would leave blank
    bands on a narrow screen. The app sizes such a chart's box by its width instead.
    """
    layout["meta"] = {**(layout.get("meta") or {}), "aspect": round(ratio, 3)}


def aspect_of(fig: go.Figure) -> float | None:
    """The width / height ratio a chart asks for with :func:`set_aspect`, if any."""
    meta = fig.layout.meta
    ratio = meta.get("aspect") if isinstance(meta, dict) else None
    return float(ratio) if isinstance(ratio, int | float) and ratio > 0 else None


def notes_of(fig: go.Figure) -> ChartNotes:
    """The notes attached to a figure; none when it has none."""
    return notes_of_meta(fig.layout.meta)


def notes_of_meta(meta: object) -> ChartNotes:
    """The notes held in a ``layout.meta`` value (a dict, or anything else: none)."""
    notes = meta.get("notes") if isinstance(meta, dict) else None
    if not isinstance(notes, dict):
        return ChartNotes()
    return ChartNotes(str(notes.get("headline", "")), tuple(map(str, notes.get("lines", ()))))


def base_layout(*, height: int) -> Spec:
    """The layout every chart starts from (a new dict each call: callers change it)."""
    return {
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "font": dict(FONT),
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        # What Streamlit sets on a chart that reports clicked points: set here, the
        # chart is drawn once instead of twice (a clickmode change redraws it all).
        "clickmode": "event+select",
        "hovermode": "closest",
        "dragmode": "pan",
    }


def empty_figure(message: str, *, wrap: int | None = None) -> go.Figure:
    """A blank chart with a centred message, for when nothing matches.

    ``wrap`` breaks the message into lines of at most that many characters (to fit a
    phone), in a slightly smaller font.
    """
    layout = base_layout(height=200)
    if wrap is None:
        text, size = hover_escape(message), 15
    else:
        lines = textwrap.wrap(message, wrap) or [""]
        text, size = "<br>".join(hover_escape(line) for line in lines), 14
    layout["annotations"] = [{"text": text, "showarrow": False, "font": {"size": size}}]
    layout["xaxis"] = {"visible": False}
    layout["yaxis"] = {"visible": False}
    return figure_from([], layout)


def shown_beats(index: DatasetIndex, shown: Selection, limit: int) -> tuple[int, list[StoryEvent]]:
    """How many story beats are shown, and at most ``limit`` of them, evenly spread."""
    positions = shown.story_positions.tolist()
    return len(positions), [index.story[k] for k in thin(positions, limit)]
