"""The production timeline: events on their real dates, in lanes by phase."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import numpy as np
import plotly.graph_objects as go

from timeline.charts.base import (
    DAY_MS,
    Spec,
    base_layout,
    empty_figure,
    figure_from,
    hover_once,
    with_note,
)
from timeline.charts.milestones import Milestone, milestone_marks
from timeline.columns import Ints, columns_of
from timeline.dates import FuzzyDate
from timeline.index import DatasetIndex
from timeline.models import PHASES, ProductionEvent
from timeline.months import view_range
from timeline.selection import Selection
from timeline.style import MUTED, PHASE_COLOURS, PHASE_LABELS, PRODUCTION_COLOUR
from timeline.text import hover_block, hover_escape, join_names

# Past this many events the chart shows counts per month instead (and says so).
MAX_PRODUCTION_EVENTS = 1500


def _pack_rows(spans: list[tuple[date, date]], min_gap: timedelta) -> list[int]:
    """Give each span (sorted by start) the first row where it does not touch another."""
    ends: list[date] = []
    rows = []
    for start, end in spans:
        for row, last in enumerate(ends):
            if start > last + min_gap:
                ends[row] = max(end, start + min_gap)
                rows.append(row)
                break
        else:
            ends.append(max(end, start + min_gap))
            rows.append(len(ends) - 1)
    return rows


def _production_hover(index: DatasetIndex, ev: ProductionEvent) -> str:
    return hover_once(index, ev.id, lambda: _make_production_hover(index, ev))


def _make_production_hover(index: DatasetIndex, ev: ProductionEvent) -> str:
    when = index.dates[ev.id]
    people = join_names([index.person_names[p] for p in ev.people])
    places = join_names([index.location_names[loc] for loc in ev.locations])
    extra = "".join(
        f"<br><i>{label}:</i> {hover_escape(value)}"
        for label, value in (("People", people), ("Where", places))
        if value
    )
    return (
        f"<b>{hover_escape(ev.title)}</b><br>{hover_escape(ev.date_text)}"
        f" <span style='color:{MUTED}'>({hover_escape(when.label)})</span>"
        f"<br>{hover_block(ev.summary)}{extra}"
    )


def production_timeline(index: DatasetIndex, shown: Selection) -> go.Figure:
    """Production events on real dates, in lanes by phase.

    A known day is a diamond; a span the source gives as such (April to June) is a
    solid bar; a date known only to the month, season or year is a pale hatched bar
    covering the whole period it could be in. A qualified date (``~``, ``?``) adds a
    faint extension out to its fuzzy bounds. A date of separate periods ("summer 2021
    and summer 2022") draws each period, joined by a dotted line; an open end ("by
    July 2020") fades out on its open side to an arrow.
    """
    cols = columns_of(index)
    positions = shown.production_positions
    if not len(positions):
        return empty_figure("No production events match these filters.")
    if len(positions) > MAX_PRODUCTION_EVENTS:
        return production_density(index, positions)
    events = [index.production[k] for k in (positions - cols.n_story).tolist()]
    first, last, left_out = view_range(
        [index.dates[e.id].fuzzy_earliest for e in events],
        [index.dates[e.id].fuzzy_latest for e in events],
    )
    # Markers need room too: keep events ~1.5% of the axis apart within a row.
    min_gap = timedelta(days=max(1, (last - first).days // 65))
    min_days = max(1, (last - first).days // 250)
    stub = timedelta(days=max(30, (last - first).days // 14))  # how far an open end fades
    phases = [p for p in PHASE_LABELS if any(e.phase == p for e in events)]
    y_of: dict[str, float] = {}
    ticks: list[tuple[float, str]] = []
    top = 0.0
    for phase in phases:
        members = [e for e in events if e.phase == phase]
        spans = [_reach(index.dates[e.id], stub) for e in members]
        rows = _pack_rows(spans, min_gap)
        for ev, row in zip(members, rows, strict=True):
            y_of[ev.id] = -(top + row)
        n_rows = max(rows) + 1
        ticks.append((-(top + (n_rows - 1) / 2), PHASE_LABELS[phase]))
        top += n_rows + 0.8

    traces: list[Spec] = []
    # One mark per period of each event: most have one, a set of two summers has two.
    marks = [
        _Mark(e, start, end, _kind(index.dates[e.id], start, end))
        for e in events
        for start, end in index.dates[e.id].periods
    ]
    kinds = {kind: [m for m in marks if m.kind == kind] for kind in KINDS}
    fuzzy = [
        e
        for e in events
        if index.dates[e.id].fuzzy_earliest != index.dates[e.id].earliest
        or index.dates[e.id].fuzzy_latest != index.dates[e.id].latest
    ]
    if fuzzy:
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [index.dates[e.id].fuzzy_earliest.isoformat() for e in fuzzy],
                "x": [
                    ((index.dates[e.id].fuzzy_latest - index.dates[e.id].fuzzy_earliest).days + 1)
                    * DAY_MS
                    for e in fuzzy
                ],
                "y": [y_of[e.id] for e in fuzzy],
                "marker": {"color": [PHASE_COLOURS[e.phase] for e in fuzzy], "opacity": 0.15},
                "width": 0.6,
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    # Hatched bars are a trace per phase, each of one colour: a hatch pattern is an SVG
    # definition per colour and trace, so one colour per bar would draw a pattern per bar.
    traces += _joins(index, events, y_of)
    traces += _open_ends(index, events, y_of, stub)
    groups = [
        ("span", kinds["span"]),
        *(("within", [m for m in kinds["within"] if m.event.phase == phase]) for phase in phases),
        ("month", kinds["month"]),
        ("day", kinds["day"]),
    ]
    for kind, group in groups:
        if not group:
            continue
        hover = [_production_hover(index, m.event) for m in group]
        colours = [PHASE_COLOURS[m.event.phase] for m in group]
        custom = [[m.event.id] for m in group]
        ys = [y_of[m.event.id] for m in group]
        if kind in ("day", "month"):
            # Dated facts stand out: a diamond on its day, a square in the middle of its month.
            traces.append(
                {
                    "type": "scatter",
                    "x": [_mark_day(m).isoformat() for m in group],
                    "y": ys,
                    "mode": "markers",
                    "marker": {
                        "symbol": "diamond" if kind == "day" else "square",
                        "size": 12 if kind == "day" else 10,
                        "color": colours,
                        "line": {"width": 1, "color": "white"},
                    },
                    "customdata": custom,
                    "hovertext": hover,
                    "hoverinfo": "text",
                    "showlegend": False,
                }
            )
            continue
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [m.start.isoformat() for m in group],
                # A three-day span on a six-year axis would be under a pixel wide:
                # give every bar at least a visible sliver of the axis.
                "x": [max((m.end - m.start).days + 1, min_days) * DAY_MS for m in group],
                "y": ys,
                # "Some time within" a long range recedes: thin, pale, hatched.
                "width": 0.6 if kind == "span" else 0.4,
                "marker": {
                    "color": colours if kind == "span" else colours[0],
                    "opacity": 0.9 if kind == "span" else 0.3,
                    "pattern": {"shape": "" if kind == "span" else "/", "solidity": 0.2},
                    "line": {
                        "width": 1 if kind == "span" else 0.5,
                        "color": colours if kind == "span" else colours[0],
                    },
                },
                "customdata": custom,
                "hovertext": hover,
                "hoverinfo": "text",
                "showlegend": False,
            }
        )
    # Legend entries only: one empty trace per kind of mark.
    traces += [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {"symbol": "diamond", "size": 10, "color": MUTED},
            "name": "Known day",
        },
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {"symbol": "square", "size": 9, "color": MUTED},
            "name": "Known month",
        },
        {
            "type": "bar",
            "x": [None],
            "y": [None],
            "orientation": "h",
            "marker": {"color": MUTED},
            "name": "Lasted this long",
        },
        {
            "type": "bar",
            "x": [None],
            "y": [None],
            "orientation": "h",
            "marker": {"color": MUTED, "opacity": 0.3, "pattern": {"shape": "/"}},
            "name": "Some time within",
        },
    ]
    if any(index.dates[e.id].is_open for e in events):
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "marker": {"symbol": "triangle-left", "size": 9, "color": MUTED},
                "name": "Open end (no date given)",
            }
        )
    pad = timedelta(days=max(5, (last - first).days // 40))
    labels, guides, band = milestone_marks(
        [
            Milestone(m.event.milestone, _mark_day(m), y_of[m.event.id])
            for m in marks
            if m.event.milestone and m.start == index.dates[m.event.id].earliest
        ],
        first - pad,
        last + pad,
        base_y=0.5,
    )
    layout = base_layout(height=int(150 + 19 * (top + band)))
    if labels:
        layout["annotations"] = labels
        layout["shapes"] = guides
    layout["yaxis"] = {
        "tickvals": [t for t, _ in ticks],
        "ticktext": [label for _, label in ticks],
        "range": [-(top - 0.3), 0.8 + band],
        "showgrid": False,
        "zeroline": False,
        "fixedrange": True,
    }
    # A tall chart: dates on top where the eye starts, the legend underneath.
    layout["xaxis"] = {
        "type": "date",
        "range": [(first - pad).isoformat(), (last + pad).isoformat()],
        "gridcolor": "#EEEEEE",
        "side": "top",
    }
    layout |= {"barmode": "overlay", "bargap": 0}
    layout["legend"] = {"orientation": "h", "yanchor": "top", "y": -0.005, "x": 0}
    layout["margin"] |= {"t": 40, "b": 40}
    if left_out:
        with_note(
            layout,
            f"{left_out} earlier event{'s' if left_out > 1 else ''} off to the left: "
            f"zoom out to see {'them' if left_out > 1 else 'it'}.",
        )
    return figure_from(traces, layout)


@dataclass(frozen=True, slots=True)
class _Mark:
    """One period of one event, as drawn: a diamond (``day``) or a bar."""

    event: ProductionEvent
    start: date
    end: date
    kind: str  # "day", "month", "span" (lasted this long) or "within" (some time within)


#: Kinds of mark, drawn in this order (later on top).
KINDS = ("span", "within", "month", "day")


def _kind(when: FuzzyDate, start: date, end: date) -> str:
    if start == end and not when.is_open:
        return "day"
    if when.precision == "interval":
        return "span"
    return "month" if when.precision == "month" and not when.is_open else "within"


def _mark_day(mark: _Mark) -> date:
    """Where a marker sits: its day, or the middle of its month."""
    return mark.start + (mark.end - mark.start) / 2 if mark.kind == "month" else mark.start


def _reach(when: FuzzyDate, stub: timedelta) -> tuple[date, date]:
    """The days an event's marks cover, open ends' fades included (for packing rows)."""
    start = when.earliest - stub if when.open_start else when.earliest
    return start, when.latest + stub if when.open_end else when.latest


def _joins(
    index: DatasetIndex, events: list[ProductionEvent], y_of: dict[str, float]
) -> list[Spec]:
    """A dotted line through the periods of each date that has several: one event, not two."""
    xs: list[str | None] = []
    ys: list[float | None] = []
    for ev in events:
        periods = index.dates[ev.id].periods
        for (_, end), (start, _) in pairwise(periods):
            xs += [end.isoformat(), start.isoformat(), None]
            ys += [y_of[ev.id], y_of[ev.id], None]
    if not xs:
        return []
    return [
        {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "line": {"color": MUTED, "width": 1, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]


# An open end fades out over this many steps, each fainter, to an arrow.
_FADE = (0.4, 0.28, 0.17, 0.08)


def _open_ends(
    index: DatasetIndex, events: list[ProductionEvent], y_of: dict[str, float], stub: timedelta
) -> list[Spec]:
    """Fading bars and an arrow on the open side of each open-ended date."""
    opened = [
        (ev, side)
        for ev in events
        for side, is_open in (
            (-1, index.dates[ev.id].open_start),
            (1, index.dates[ev.id].open_end),
        )
        if is_open
    ]
    if not opened:
        return []
    step = stub / len(_FADE)
    traces: list[Spec] = []
    for n, opacity in enumerate(_FADE):
        bases = [
            index.dates[ev.id].earliest - step * (n + 1)
            if side < 0
            else index.dates[ev.id].latest + timedelta(days=1) + step * n
            for ev, side in opened
        ]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [b.isoformat() for b in bases],
                "x": [step.days * DAY_MS] * len(opened),
                "y": [y_of[ev.id] for ev, _ in opened],
                "width": 0.6,
                "marker": {
                    "color": [PHASE_COLOURS[ev.phase] for ev, _ in opened],
                    "opacity": opacity,
                    "line": {"width": 0},
                },
                "hovertext": [_production_hover(index, ev) for ev, _ in opened],
                "hoverinfo": "text",
                "showlegend": False,
            }
        )
    tips = [
        index.dates[ev.id].earliest - stub
        if side < 0
        else index.dates[ev.id].latest + timedelta(days=1) + stub
        for ev, side in opened
    ]
    traces.append(
        {
            "type": "scatter",
            "x": [t.isoformat() for t in tips],
            "y": [y_of[ev.id] for ev, _ in opened],
            "mode": "markers",
            "marker": {
                "symbol": ["triangle-left" if side < 0 else "triangle-right" for _, side in opened],
                "size": 9,
                "color": [PHASE_COLOURS[ev.phase] for ev, _ in opened],
                "opacity": 0.6,
            },
            "hovertext": [_production_hover(index, ev) for ev, _ in opened],
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    return traces


def production_density(index: DatasetIndex, positions: Ints) -> go.Figure:
    """Too many events to draw one by one: how many each phase has per month, as dots.

    ``positions`` are production events' positions in :mod:`timeline.columns`.
    """
    cols = columns_of(index)
    months = cols.month[positions]
    span = int(months.max()) + 1
    keys, counts = np.unique(cols.phase[positions] * span + months, return_counts=True)
    phase_codes, month_codes = np.divmod(keys, span)
    labels = [PHASE_LABELS[PHASES[p]] for p in phase_codes.tolist()]
    days = [f"{m // 12:04d}-{m % 12 + 1:02d}-01" for m in month_codes.tolist()]
    biggest = int(counts.max())
    phases = [PHASE_LABELS[PHASES[p]] for p in sorted(set(phase_codes.tolist()))]
    trace = {
        "type": "scatter",
        "x": days,
        "y": labels,
        "mode": "markers",
        "marker": {
            "size": [6 + 24 * math.sqrt(n / biggest) for n in counts.tolist()],
            "color": PRODUCTION_COLOUR,
            "opacity": 0.7,
        },
        "hovertext": [
            f"{hover_escape(label)}, {day[:7]}: {n:,} events"
            for label, day, n in zip(labels, days, counts.tolist(), strict=True)
        ],
        "hoverinfo": "text",
        "showlegend": False,
    }
    layout = base_layout(height=150 + 34 * len(phases))
    layout["yaxis"] = {"categoryorder": "array", "categoryarray": list(reversed(phases))}
    layout["xaxis"] = {"type": "date", "gridcolor": "#EEEEEE"}
    with_note(
        layout,
        f"{len(positions):,} events: each dot counts a phase's events starting that month. "
        "Narrow the filters to see the events one by one.",
    )
    return figure_from([trace], layout)
