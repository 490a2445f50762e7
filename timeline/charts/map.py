"""The map: story settings and real places from the making of the film, on one map."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import plotly.graph_objects as go

from timeline.charts.base import (
    Spec,
    base_layout,
    empty_figure,
    figure_from,
    set_aspect,
    with_note,
)
from timeline.columns import columns_of
from timeline.index import DatasetIndex
from timeline.links import map_links
from timeline.models import Location
from timeline.selection import Selection
from timeline.style import PRODUCTION_COLOUR, STORY_COLOUR
from timeline.text import hover_escape

# Past this many set → filmed-at lines, only the most travelled are drawn (with a note).
MAX_LINKS = 150
_HOVER_TITLES = 8  # event titles listed in a place's hover
MAX_MARKER_PX = 44
#: The ring round the open event's places: near-black, apart from both marker colours.
OPEN_COLOUR = "#1F2328"
#: The map's box, width / height: never taller than square, never flatter than a strip.
MIN_ASPECT = 1.0
MAX_ASPECT = 2.4


def _place_uses(
    index: DatasetIndex, shown: Selection
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, list[str]]]]:
    """Per chronology and place: how many shown events, and the first few titles; the
    places in the order the shown events first name them."""
    cols = columns_of(index)
    pairs = cols.places
    hit = shown.mask[pairs.event]
    events, codes = pairs.event[hit], pairs.code[hit]
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


def _rings(
    places: dict[str, Location], settings: tuple[str, ...], filmed_at: tuple[str, ...]
) -> list[Spec]:
    """A dark ring round each place of the open event, saying which it is, clickable."""
    roles: dict[str, list[str]] = {}
    for loc_id in settings:
        roles.setdefault(loc_id, []).append("where the open event is set")
    for loc_id in filmed_at:
        roles.setdefault(loc_id, []).append("where it was filmed")
    ringed = [i for i in roles if i in places]
    if not ringed:
        return []
    return [
        {
            "type": "scattergeo",
            "lat": [places[i].lat for i in ringed],
            "lon": [places[i].lon for i in ringed],
            "mode": "markers",
            "name": "The open event's places",
            "marker": {
                "size": 30,
                "symbol": "circle-open",
                "color": OPEN_COLOUR,
                "line": {"width": 3, "color": OPEN_COLOUR},
            },
            "customdata": [[i] for i in ringed],
            "hovertext": [
                f"<b>{hover_escape(places[i].name)}</b><br>{' and '.join(roles[i]).capitalize()}"
                for i in ringed
            ],
            "hoverinfo": "text",
        }
    ]


def location_map(
    index: DatasetIndex,
    shown: Selection,
    *,
    focus: bool = False,
    links: bool = False,
    settings: tuple[str, ...] = (),
    filmed_at: tuple[str, ...] = (),
) -> go.Figure:
    """Story settings and real production places on one map, sized by event count.

    ``links`` draws lines from each story setting to the real places its beats were
    filmed in (the most travelled :data:`MAX_LINKS` of them). ``focus`` zooms to where
    most events are instead of fitting every place. Land outlines come from the
    topojson the app serves itself, so the map draws without internet; pass
    ``config={"topojsonURL": ...}`` when rendering. ``settings`` and ``filmed_at``
    (location ids: where the open event is set and where it was filmed) are ringed.
    """
    uses, titles = _place_uses(index, shown)
    if not any(uses.values()):
        return empty_figure("None of the events shown has a place.")
    places = {loc.id: loc for loc in index.dataset.locations}
    counts: dict[str, int] = defaultdict(int)
    for found in uses.values():
        for loc_id, n in found.items():
            counts[loc_id] += n
    points = [(places[i].lat, places[i].lon, n) for i, n in counts.items()]
    framed = focus_points(points) if focus else [(lat, lon) for lat, lon, _ in points]
    lat_range, lon_range = map_bounds([p[0] for p in framed], [p[1] for p in framed])
    traces: list[Spec] = []
    # Only join places that are on the map: both ends belong to events shown.
    joined = (
        [(a, b) for a, b in map_links(index, shown) if a in counts and b in counts] if links else []
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
    traces += _rings(places, settings, filmed_at)
    # Plotly keeps the map's aspect: the chart asks for a box of the same shape (the app
    # sizes it by its width), and its height here is for a desktop's main column.
    aspect = (lat_range[1] - lat_range[0]) / max(lon_range[1] - lon_range[0], 1e-6)
    layout = base_layout(height=int(min(620, max(340, 620 * aspect * 1.25))))
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0}
    # The key sits on the map, in its corner, so it takes no height of its own.
    layout["legend"] = {
        "x": 0.01,
        "y": 0.01,
        "xanchor": "left",
        "yanchor": "bottom",
        "bgcolor": "rgba(255, 255, 255, 0.85)",
        "font": {"size": 11},
    }
    set_aspect(layout, min(MAX_ASPECT, max(MIN_ASPECT, 1 / (aspect * 1.25))))
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
