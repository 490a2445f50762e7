"""Pure Plotly figure builders: events in, ``go.Figure`` out, nothing rendered here.

Every clickable point carries the event id (or, on the map, the location id) in
``customdata[0]`` so the app can open the details of whatever was clicked.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

import numpy as np
import plotly.graph_objects as go

from timeline.columns import Ints, columns_of
from timeline.index import DatasetIndex, derived
from timeline.links import map_links
from timeline.models import PHASES, ProductionEvent, StoryEvent
from timeline.style import MUTED, PHASE_COLOURS, PHASE_LABELS, PRODUCTION_COLOUR, STORY_COLOUR
from timeline.text import hover_block, hover_escape, join_names

T = TypeVar("T")
Spec = dict[str, Any]
StoryLanes = Literal["character", "setting"]
NO_LANE = "(none named)"
_FONT = {"family": "Source Sans Pro, DejaVu Sans, sans-serif", "size": 13}
_DAY_MS = 86_400_000
# Beyond these, a chart would be slow to send and draw and unreadable anyway: it is
# thinned or aggregated, and says so.
MAX_STORY_BEATS = 400
MAX_LANES = 60
MAX_PRODUCTION_EVENTS = 1500
MAX_LINKS = 150


def _hover_once(index: DatasetIndex, event_id: str, make: Callable[[], str]) -> str:
    # An event's hover text depends on the dataset alone, not on the filters: each is
    # made once per dataset (the first time it is drawn) and kept as long as the dataset.
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


def _notes_meta(notes: ChartNotes) -> Spec:
    return {"notes": {"headline": notes.headline, "lines": list(notes.lines)}}


def attach_notes(fig: go.Figure, notes: ChartNotes) -> go.Figure:
    """Carry ``notes`` in the figure (``layout.meta``), so they are cached along with it."""
    fig.update_layout(meta=_notes_meta(notes))
    return fig


def with_note(layout: Spec, text: str) -> None:
    """Add a note line to a layout being built (see :class:`ChartNotes`)."""
    found = notes_of_meta(layout.get("meta"))
    layout["meta"] = _notes_meta(ChartNotes(found.headline, (*found.lines, text)))


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
        "font": dict(_FONT),
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        # What Streamlit sets on a chart that reports clicked points: set here, the
        # chart is drawn once instead of twice (a clickmode change redraws it all).
        "clickmode": "event+select",
        "hovermode": "closest",
        "dragmode": "pan",
    }


def _layout(fig: go.Figure, *, height: int) -> go.Figure:
    fig.update_layout(base_layout(height=height))
    return fig


def empty_figure(message: str) -> go.Figure:
    """A blank chart with a centred message, for when nothing matches."""
    layout = base_layout(height=200)
    layout["annotations"] = [
        {"text": hover_escape(message), "showarrow": False, "font": {"size": 15}}
    ]
    layout["xaxis"] = {"visible": False}
    layout["yaxis"] = {"visible": False}
    return figure_from([], layout)


def shown_beats(
    index: DatasetIndex, ids: tuple[str, ...], limit: int
) -> tuple[int, list[StoryEvent]]:
    """How many story beats ``ids`` has, and at most ``limit`` of them, evenly spread."""
    cols = columns_of(index)
    positions, _ = cols.split(ids)
    return len(positions), [index.story[k] for k in thin(positions.tolist(), limit)]


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
    return _hover_once(index, beat.id, lambda: _make_story_hover(index, beat))


def _make_story_hover(index: DatasetIndex, beat: StoryEvent) -> str:
    who = join_names([index.character_names[c] for c in beat.characters]) or "—"
    where = join_names([index.location_names[loc] for loc in beat.locations]) or "—"
    return (
        f"<b>{beat.order}. {hover_escape(beat.title)}</b><br>{hover_block(beat.summary)}"
        f"<br><i>Who:</i> {hover_escape(who)}<br><i>Where:</i> {hover_escape(where)}"
    )


def story_timeline(
    index: DatasetIndex, ids: tuple[str, ...], *, lanes: StoryLanes = "character"
) -> go.Figure:
    """Story beats in narrative order, one lane per character (or per setting)."""
    n_beats, beats = shown_beats(index, ids, MAX_STORY_BEATS)
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


def view_range(starts: list[date], ends: list[date]) -> tuple[date, date, int]:
    """The initial time window: all events but far-earlier outliers, and how many were left out.

    One event decades before the rest (a bridge built in 1912 in a 2020s production)
    would squeeze everything else into a sliver; it stays on the chart, off to the left.
    """
    return view_range_of(
        np.array([d.toordinal() for d in starts]), np.array([d.toordinal() for d in ends])
    )


def view_range_of(starts: Ints, ends: Ints) -> tuple[date, date, int]:
    """:func:`view_range` for arrays of date ordinals (what :mod:`timeline.columns` holds)."""
    ordered = np.sort(starts)
    q1, q3 = int(ordered[len(ordered) // 4]), int(ordered[(3 * len(ordered)) // 4])
    fence = q1 - 3 * max(q3 - q1, 365)
    left_out = int(np.searchsorted(ordered, fence))  # the first start on or after the fence
    return date.fromordinal(int(ordered[left_out])), date.fromordinal(int(ends.max())), left_out


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
    return _hover_once(index, ev.id, lambda: _make_production_hover(index, ev))


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


def production_timeline(index: DatasetIndex, ids: tuple[str, ...]) -> go.Figure:
    """Production events on real dates, in lanes by phase.

    A known day is a diamond; a span the source gives as such (April to June) is a
    solid bar; a date known only to the month, season or year is a pale hatched bar
    covering the whole period it could be in. A qualified date (``~``, ``?``) adds a
    faint extension out to its fuzzy bounds.
    """
    cols = columns_of(index)
    _, positions = cols.split(ids)
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
    phases = [p for p in PHASE_LABELS if any(e.phase == p for e in events)]
    y_of: dict[str, float] = {}
    ticks: list[tuple[float, str]] = []
    top = 0.0
    for phase in phases:
        members = [e for e in events if e.phase == phase]
        spans = [(index.dates[e.id].earliest, index.dates[e.id].latest) for e in members]
        rows = _pack_rows(spans, min_gap)
        for ev, row in zip(members, rows, strict=True):
            y_of[ev.id] = -(top + row)
        n_rows = max(rows) + 1
        ticks.append((-(top + (n_rows - 1) / 2), PHASE_LABELS[phase]))
        top += n_rows + 0.8

    traces: list[Spec] = []
    kinds = {
        "span": [
            e
            for e in events
            if index.dates[e.id].precision == "interval" and not index.dates[e.id].is_point
        ],
        "within": [
            e
            for e in events
            if index.dates[e.id].precision != "interval" and not index.dates[e.id].is_point
        ],
        "day": [e for e in events if index.dates[e.id].is_point],
    }
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
                    * _DAY_MS
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
    groups = [
        ("span", kinds["span"]),
        *(("within", [e for e in kinds["within"] if e.phase == phase]) for phase in phases),
        ("day", kinds["day"]),
    ]
    for kind, members in groups:
        if not members:
            continue
        hover = [_production_hover(index, e) for e in members]
        colours = [PHASE_COLOURS[e.phase] for e in members]
        custom = [[e.id] for e in members]
        ys = [y_of[e.id] for e in members]
        if kind == "day":
            traces.append(
                {
                    "type": "scatter",
                    "x": [index.dates[e.id].earliest.isoformat() for e in members],
                    "y": ys,
                    "mode": "markers",
                    "marker": {
                        "symbol": "diamond",
                        "size": 11,
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
                "base": [index.dates[e.id].earliest.isoformat() for e in members],
                # A three-day span on a six-year axis would be under a pixel wide:
                # give every bar at least a visible sliver of the axis.
                "x": [
                    max(
                        (index.dates[e.id].latest - index.dates[e.id].earliest).days + 1,
                        min_days,
                    )
                    * _DAY_MS
                    for e in members
                ],
                "y": ys,
                "width": 0.6,
                "marker": {
                    "color": colours if kind == "span" else colours[0],
                    "opacity": 0.9 if kind == "span" else 0.45,
                    "pattern": {"shape": "" if kind == "span" else "/", "solidity": 0.3},
                    "line": {"width": 1, "color": colours if kind == "span" else colours[0]},
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
            "marker": {"color": MUTED, "opacity": 0.45, "pattern": {"shape": "/"}},
            "name": "Some time within",
        },
    ]
    pad = timedelta(days=max(5, (last - first).days // 40))
    layout = base_layout(height=int(150 + 19 * top))
    layout["yaxis"] = {
        "tickvals": [t for t, _ in ticks],
        "ticktext": [label for _, label in ticks],
        "range": [-(top - 0.3), 0.8],
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


_HOVER_TITLES = 8  # event titles listed in a place's hover


def _place_uses(
    index: DatasetIndex, ids: tuple[str, ...]
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, list[str]]]]:
    """Per chronology and place: how many shown events, and the first few titles; the
    places in the order the shown events first name them."""
    cols = columns_of(index)
    pairs = cols.places
    shown = cols.mask_of(ids)[pairs.event]
    events, codes = pairs.event[shown], pairs.code[shown]
    n_codes = len(pairs.codes)
    group = np.where(events < cols.n_story, 0, n_codes) + codes
    order = np.argsort(group, kind="stable")  # by group, then by position within one
    grouped = group[order]
    starts = np.flatnonzero(np.r_[len(grouped) > 0, grouped[1:] != grouped[:-1]])
    sizes = np.diff(np.r_[starts, len(grouped)])
    location_ids = list(pairs.codes)  # by code
    uses: dict[str, dict[str, int]] = {"story": {}, "production": {}}
    titles: dict[str, dict[str, list[str]]] = {"story": {}, "production": {}}
    # order[start] is where a group first appears among the shown events' places.
    for start, size in sorted(zip(starts, sizes.tolist(), strict=True), key=lambda g: order[g[0]]):
        chronology = "story" if grouped[start] < n_codes else "production"
        place = location_ids[grouped[start] % n_codes]
        uses[chronology][place] = size
        first = events[order[start : start + min(size, _HOVER_TITLES)]].tolist()
        titles[chronology][place] = [index.events[cols.ids[k]].title for k in first]
    return uses, titles


def _place_hover(name: str, chronology: str, count: int, titles: list[str]) -> str:
    noun = "beat" if chronology == "story" else "event"
    more = f"<br>… and {count - len(titles)} more" if count > len(titles) else ""
    listed = "<br>".join(hover_escape(t) for t in titles)
    return (
        f"<b>{hover_escape(name)}</b> · {count} {noun}{'s' if count != 1 else ''}<br>{listed}{more}"
    )


MAX_MARKER_PX = 44


def _marker_size(count: int, biggest: int) -> float:
    """Area grows with the events at a place; the busiest place is at most MAX_MARKER_PX."""
    scale = min(7.0, (MAX_MARKER_PX - 9) / math.sqrt(max(biggest, 1)))
    return 9 + scale * math.sqrt(count)


def map_bounds(
    lats: list[float], lons: list[float], *, pad: float = 0.25, min_span: float = 8.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Latitude and longitude ranges around the points, padded so markers never touch the edge."""
    lat_lo, lat_hi, lon_lo, lon_hi = min(lats), max(lats), min(lons), max(lons)
    lat_pad = max((lat_hi - lat_lo) * pad, (min_span - (lat_hi - lat_lo)) / 2, 1.0)
    lon_pad = max((lon_hi - lon_lo) * pad, (min_span * 1.6 - (lon_hi - lon_lo)) / 2, 1.5)
    return (
        (max(-85.0, lat_lo - lat_pad), min(85.0, lat_hi + lat_pad)),
        (max(-180.0, lon_lo - lon_pad), min(180.0, lon_hi + lon_pad)),
    )


def _core(values: list[float]) -> tuple[float, float]:
    """The range of ``values`` without outliers (beyond 1.5 interquartile ranges)."""
    ordered = sorted(values)
    q1, q3 = ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]
    spread = q3 - q1
    return q1 - 1.5 * spread, q3 + 1.5 * spread


def focus_points(points: list[tuple[float, float, int]]) -> list[tuple[float, float]]:
    """The (lat, lon) of the places where most events are, weighting each place by its events.

    Far-flung places drop out, so the map can zoom to, say, Europe when most of a
    film happened there; with nothing left over, every place is kept.
    """
    lats = [lat for lat, _, n in points for _ in range(n)]
    lons = [lon for _, lon, n in points for _ in range(n)]
    (lat_lo, lat_hi), (lon_lo, lon_hi) = _core(lats), _core(lons)
    kept = [
        (lat, lon) for lat, lon, _ in points if lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi
    ]
    return kept or [(lat, lon) for lat, lon, _ in points]


def location_map(
    index: DatasetIndex,
    ids: tuple[str, ...],
    *,
    focus: bool = False,
    links: bool = False,
) -> go.Figure:
    """Story settings and real production places on one map, sized by event count.

    ``links`` draws lines from each story setting to the real places its beats were
    filmed in (the most travelled :data:`MAX_LINKS` of them). ``focus`` zooms to where
    most events are instead of fitting every place. Land outlines come from the
    topojson the app serves itself, so the map draws without internet; pass
    ``config={"topojsonURL": ...}`` when rendering.
    """
    uses, titles = _place_uses(index, ids)
    if not any(uses.values()):
        return empty_figure("None of the events shown has a place.")
    places = {loc.id: loc for loc in index.dataset.locations}
    counts: dict[str, int] = defaultdict(int)
    for found in uses.values():
        for loc_id, n in found.items():
            counts[loc_id] += n
    points = [(places[i].lat, places[i].lon, n) for i, n in counts.items()]
    shown = focus_points(points) if focus else [(lat, lon) for lat, lon, _ in points]
    lat_range, lon_range = map_bounds([p[0] for p in shown], [p[1] for p in shown])
    traces: list[Spec] = []
    # Only join places that are on the map: both ends belong to events shown.
    joined = (
        [(a, b) for a, b in map_links(index, ids) if a in counts and b in counts] if links else []
    )
    drawn = joined[:MAX_LINKS]
    if drawn:
        lats: list[float | None] = []
        lons: list[float | None] = []
        for setting, place in drawn:
            lats += [places[setting].lat, places[place].lat, None]
            lons += [places[setting].lon, places[place].lon, None]
        traces.append(
            {
                "type": "scattergeo",
                "lat": lats,
                "lon": lons,
                "mode": "lines",
                "name": "Set → filmed at",
                "line": {"color": "#7A5195", "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip",
            }
        )
    # Story settings are filled circles, real places open squares drawn on top, so a
    # place that is both (a city the story visits and the crew filmed in) shows both.
    marks = (
        ("story", "Story setting", "circle", STORY_COLOUR),
        ("production", "Real place (production)", "square-open", PRODUCTION_COLOUR),
    )
    biggest = max(n for found in uses.values() for n in found.values())
    for chronology, name, symbol, colour in marks:
        found = uses[chronology]
        if not found:
            continue
        loc_ids = sorted(found, key=lambda loc_id: -found[loc_id])
        traces.append(
            {
                "type": "scattergeo",
                "lat": [places[i].lat for i in loc_ids],
                "lon": [places[i].lon for i in loc_ids],
                "mode": "markers",
                "name": name,
                "marker": {
                    "size": [_marker_size(found[i], biggest) for i in loc_ids],
                    "color": colour,
                    "symbol": symbol,
                    "opacity": 0.8 if chronology == "story" else 1.0,
                    "line": {
                        "width": 1 if chronology == "story" else 2.5,
                        "color": colour if chronology == "production" else "white",
                    },
                },
                "customdata": [[i] for i in loc_ids],
                "hovertext": [
                    _place_hover(places[i].name, chronology, found[i], titles[chronology][i])
                    for i in loc_ids
                ],
                "hoverinfo": "text",
            }
        )
    # Plotly keeps the map's aspect: size the chart to the area shown, about 620 px wide
    # in the main column of a desktop screen.
    aspect = (lat_range[1] - lat_range[0]) / max(lon_range[1] - lon_range[0], 1e-6)
    layout = base_layout(height=int(min(620, max(340, 90 + 620 * aspect * 1.25))))
    if len(drawn) < len(joined):
        with_note(
            layout,
            f"Lines show the {len(drawn)} set → filmed-at pairs shared by the most beats, "
            f"of {len(joined):,}: narrow the filters to see the rest.",
        )
    layout["geo"] = {
        "projection": {"type": "natural earth"},
        "resolution": 50,
        "showland": True,
        "landcolor": "#F2F0EB",
        "showocean": True,
        "oceancolor": "#E8F1F8",
        "showcountries": True,
        "countrycolor": "#B8B8B8",
        "showcoastlines": True,
        "coastlinecolor": "#9A9A9A",
        "showlakes": True,
        "lakecolor": "#E8F1F8",
        "lataxis": {"range": list(lat_range)},
        "lonaxis": {"range": list(lon_range)},
    }
    return figure_from(traces, layout)
