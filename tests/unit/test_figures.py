"""Plotly figure builders: what is drawn, what is clickable, and that text stays text."""

from __future__ import annotations

import gc
import html
import random
import re
import weakref
from collections import Counter
from datetime import date, timedelta
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest

from tests.builders import make_dataset, shown, with_change
from tests.unit.island import PRODUCTION_IDS, STORY_IDS, index_of, island_document
from timeline import months
from timeline.charts import base, milestones, production, rows, story
from timeline.charts import map as geo
from timeline.charts.registry import CHARTS
from timeline.index import DatasetIndex
from timeline.links import map_links
from timeline.models import StoryEvent
from timeline.style import PHASE_COLOURS, PHASE_LABELS

ALL_IDS = STORY_IDS + PRODUCTION_IDS
SCRIPT = "<script>alert(1)</script>"


def markers(fig: go.Figure) -> Any:
    """The one trace of story-beat markers."""
    (trace,) = [t for t in fig.data if t.mode == "markers"]
    return trace


def clickable(fig: go.Figure) -> list[Any]:
    """Traces whose points carry ids in ``customdata``."""
    return [t for t in fig.data if t.customdata is not None]


def note(fig: go.Figure) -> str:
    """The chart's note lines (shown above it), one string."""
    return "\n".join(base.notes_of(fig).lines)


def clicked_ids(fig: go.Figure) -> list[str]:
    """Every id a click on the figure can return, once per drawn point."""
    return [row[0] for t in clickable(fig) for row in t.customdata]


def hover_texts(fig: go.Figure) -> list[str]:
    """Every hover text of every trace."""
    return [text for t in fig.data if t.hovertext is not None for text in t.hovertext]


@pytest.fixture(scope="module")
def hostile_index() -> DatasetIndex:
    """A dataset whose titles, summaries and place names are HTML."""
    document = make_dataset()
    document = with_change(document, "events[1].title", SCRIPT)
    document = with_change(document, "events[1].summary", f"<b>bold</b> {SCRIPT}")
    document = with_change(document, "events[2].title", SCRIPT)
    document = with_change(document, "events[2].summary", f"<i>x</i> {SCRIPT}")
    document = with_change(document, "locations[2].name", f"<b>{SCRIPT}</b>")
    return index_of(document)


# --- story timeline -----------------------------------------------------------------------


def column_names(fig: go.Figure) -> list[str]:
    """The story chart's column names, left to right."""
    return list(fig.layout.xaxis.ticktext)


def strip_tags(text: str) -> str:
    """Plotly markup as the plain text it shows (line breaks as spaces)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text.replace("<br>", " ")))


def row_label_texts(fig: go.Figure) -> list[str]:
    """The text written over each row of a labelled-row chart, top to bottom."""
    found = [a for a in fig.layout.annotations if a.name == rows.ROW_LABEL]
    return [a.text for a in sorted(found, key=lambda a: a.y)]


@pytest.mark.parametrize(
    "ids",
    [
        pytest.param(STORY_IDS, id="all-beats"),
        pytest.param(("the-rescue", "epilogue"), id="two-beats"),
        pytest.param(ALL_IDS, id="production-ids-are-ignored"),
    ],
)
def test_story_markers_one_per_character_or_one_unnamed(
    island_index: DatasetIndex, ids: tuple[str, ...]
) -> None:
    fig = story.story_timeline(island_index, shown(island_index, ids))
    beats = [e for i in ids if isinstance(e := island_index.events[i], StoryEvent)]
    assert len(markers(fig).x) == sum(max(1, len(b.characters)) for b in beats)


def test_story_markers_carry_event_ids(island_index: DatasetIndex) -> None:
    fig = story.story_timeline(island_index, shown(island_index, STORY_IDS))
    assert [row[0] for row in markers(fig).customdata] == [
        "storm-warning",
        "boat-in-trouble",
        "the-rescue",
        "the-rescue",
        "epilogue",
    ]


def test_story_rows_run_down_in_narrative_order(island_index: DatasetIndex) -> None:
    fig = story.story_timeline(island_index, shown(island_index, STORY_IDS))
    trace = markers(fig)
    order = {b: island_index.events[b].order for b in STORY_IDS}  # type: ignore[union-attr]
    by_y = [row[0] for _, row in sorted(zip(trace.y, trace.customdata, strict=True))]
    assert [order[b] for b in by_y] == sorted(order[b] for b in by_y)
    # One row per beat: the marks of one beat share a height, two beats never do.
    heights = {row[0]: y for y, row in zip(trace.y, trace.customdata, strict=True)}
    assert len(set(heights.values())) == len(STORY_IDS)
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # top to bottom


@pytest.mark.parametrize("lanes", ["character", "setting"])
def test_every_beat_title_is_written_on_the_story_chart(
    island_index: DatasetIndex, lanes: str
) -> None:
    fig = story.story_timeline(island_index, shown(island_index, STORY_IDS), lanes=lanes)  # type: ignore[arg-type]
    labels = row_label_texts(fig)
    beats = [island_index.events[b] for b in STORY_IDS]
    assert len(labels) == len(beats)
    for label, beat in zip(labels, beats, strict=True):
        plain = " ".join(label.replace("<br>", " ").split())
        assert f"{beat.order}. {beat.title}" in strip_tags(plain)  # type: ignore[union-attr]


def test_the_label_names_the_setting_or_the_characters(island_index: DatasetIndex) -> None:
    rescue = island_index.events["the-rescue"]
    assert isinstance(rescue, StoryEvent)
    one = shown(island_index, ("the-rescue",))
    by_character = strip_tags(row_label_texts(story.story_timeline(island_index, one))[0])
    by_setting = strip_tags(
        row_label_texts(story.story_timeline(island_index, one, lanes="setting"))[0]
    )
    for loc in rescue.locations:
        assert island_index.location_names[loc] in by_character
    for c in rescue.characters:
        assert island_index.character_names[c] in by_setting


def test_long_titles_wrap_and_are_cut_with_the_full_title_in_the_hover() -> None:
    long_title = " ".join(["Longword"] * 30)
    document = island_document()
    (k,) = [k for k, e in enumerate(document["events"]) if e["id"] == "the-rescue"]
    index = index_of(with_change(document, f"events[{k}].title", long_title))
    fig = story.story_timeline(index, shown(index, ("the-rescue",)))
    (label,) = row_label_texts(fig)
    lines = label.split("<br>")
    assert 1 < len(lines) <= rows.LABEL_LINES
    assert all(len(strip_tags(line)) <= rows.LABEL_CHARS for line in lines)
    assert "Longword…" in strip_tags(label)
    assert "Stromness" in strip_tags(label)  # where it is set survives the cut
    assert all(long_title in text for text in markers(fig).hovertext)


@pytest.mark.parametrize(
    ("lanes", "ids", "expected"),
    [
        pytest.param("character", STORY_IDS, ["Morag", "Tam", story.NO_LANE], id="characters"),
        pytest.param(
            "character",
            ("boat-in-trouble", "the-rescue"),
            ["Tam", "Morag"],
            id="first-appearance-not-alphabetical",
        ),
        pytest.param(
            "setting", STORY_IDS, ["Stromness", "North Sea", story.NO_LANE], id="settings"
        ),
    ],
)
def test_columns_in_order_of_first_appearance_left_to_right(
    island_index: DatasetIndex, lanes: str, ids: tuple[str, ...], expected: list[str]
) -> None:
    fig = story.story_timeline(island_index, shown(island_index, ids), lanes=lanes)  # type: ignore[arg-type]
    assert column_names(fig) == expected


def test_setting_columns_use_location_names(island_index: DatasetIndex) -> None:
    fig = story.story_timeline(island_index, shown(island_index, STORY_IDS), lanes="setting")
    names = column_names(fig)
    assert [names[x] for x in markers(fig).x] == [
        "Stromness",
        "North Sea",
        "Stromness",
        story.NO_LANE,
    ]


def test_namesakes_get_a_column_each() -> None:
    document = island_document()
    characters = document["characters"]
    first, second = characters[0]["id"], characters[1]["id"]
    document = with_change(document, "characters[1].name", characters[0]["name"])
    index = index_of(document)
    fig = story.story_timeline(index, shown(index, STORY_IDS))
    names = column_names(fig)
    assert names.count(index.character_names[first]) == 2
    assert index.character_names[second] == index.character_names[first]


def test_story_hover_escapes_html(hostile_index: DatasetIndex) -> None:
    fig = story.story_timeline(
        hostile_index, shown(hostile_index, ("storm-warning",)), lanes="setting"
    )
    (text,) = markers(fig).hovertext
    assert "&lt;script&gt;" in text
    assert "<script>" not in text
    assert "<b>" in text  # the figure's own markup is kept
    assert all("<script>" not in label for label in row_label_texts(fig))
    assert all("<script>" not in name for name in column_names(fig))


@pytest.mark.parametrize(
    "ids", [pytest.param((), id="no-ids"), pytest.param(PRODUCTION_IDS, id="no-story-beats")]
)
def test_story_timeline_without_beats_is_an_empty_figure(
    island_index: DatasetIndex, ids: tuple[str, ...]
) -> None:
    fig = story.story_timeline(island_index, shown(island_index, ids))
    assert len(fig.data) == 0
    assert "No story beats" in fig.layout.annotations[0].text


# --- production timeline ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "precision"), [("diamond", "day"), ("square", "month")], ids=["day", "month"]
)
def test_days_and_months_are_markers_that_stand_out(
    island_index: DatasetIndex, symbol: str, precision: str
) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    (marks,) = [t for t in clickable(fig) if t.type == "scatter" and t.marker.symbol == symbol]
    expected = [i for i in PRODUCTION_IDS if island_index.dates[i].precision == precision]
    assert expected and sorted(row[0] for row in marks.customdata) == sorted(expected)
    bars = [t for t in clickable(fig) if t.type == "bar"]
    assert all(not set(expected) & {row[0] for row in t.customdata} for t in bars)


def test_a_known_month_sits_in_the_middle_of_its_month(island_index: DatasetIndex) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    (squares,) = [t for t in clickable(fig) if t.type == "scatter" and t.marker.symbol == "square"]
    for x, row in zip(squares.x, squares.customdata, strict=True):
        when = island_index.dates[row[0]]
        assert when.earliest < date.fromisoformat(x) < when.latest


def test_milestones_are_labelled_on_the_chart_without_overlapping(
    island_index: DatasetIndex,
) -> None:
    document = island_document()
    named = {"stone-cast": "Star cast", "pickups": "Pick-ups", "premiere": "Premiere"}
    for k, event in enumerate(document["events"]):
        if event["id"] in named:
            document = with_change(document, f"events[{k}].milestone", named[event["id"]])
    index = index_of(document)
    fig = production.production_timeline(index, shown(index, PRODUCTION_IDS))
    labels = [a for a in fig.layout.annotations if a.name == "milestone"]
    assert sorted(strip_tags(a.text) for a in labels) == sorted(named.values())
    # Guides run from each label down to its event's day.
    guides = {s.x0 for s in fig.layout.shapes}
    assert guides == {index.dates[i].earliest.isoformat() for i in named}
    # Above every lane.
    lanes_top = max(fig.layout.yaxis.tickvals)
    assert all(a.y > lanes_top for a in labels)
    assert fig.layout.yaxis.range[1] > max(a.y for a in labels)


def test_milestone_labels_are_packed_so_none_overlaps_on_a_phone() -> None:
    first, last = date(2020, 1, 1), date(2024, 1, 1)
    ms = [
        milestones.Milestone(label, when, 0.0)
        for label, when in [
            ("Filming begins", date(2020, 9, 6)),
            ("Shoot suspended", date(2020, 10, 26)),
            ("Filming wraps", date(2021, 9, 1)),
            ("World premiere", date(2023, 6, 19)),
            ("US release", date(2023, 7, 12)),
        ]
    ]
    placed = milestones.pack(ms, first, last)
    days = (last - first).days
    spans: dict[int, list[tuple[float, float]]] = {}
    for m, (line, leftwards) in zip(ms, placed, strict=True):
        x = (m.when - first).days / days * milestones.NARROW_PX
        width = len(m.label) * 6.3 + 10
        span = (x - width, x) if leftwards else (x, x + width)
        assert span[0] >= 0 and span[1] <= milestones.NARROW_PX
        for a, b in spans.get(line, []):
            assert span[1] <= a or span[0] >= b
        spans.setdefault(line, []).append(span)
    assert len(spans) > 1  # these crowd one line at phone width


@pytest.mark.parametrize(
    ("shape", "expected"),
    [
        pytest.param("", ["shoot-orkney"], id="interval-solid"),
        pytest.param(
            "/", ["box-office", "script-written", "tank-glasgow"], id="season-year-hatched"
        ),
    ],
)
def test_bars_by_precision(island_index: DatasetIndex, shape: str, expected: list[str]) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    bars = [t for t in clickable(fig) if t.type == "bar" and t.marker.pattern.shape == shape]
    assert sorted(row[0] for t in bars for row in t.customdata) == expected


def test_hatched_bars_are_a_trace_per_phase_in_its_colour(island_index: DatasetIndex) -> None:
    # A hatch is an SVG pattern per colour and trace: one colour per trace keeps them few.
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    hatched = [t for t in clickable(fig) if t.type == "bar" and t.marker.pattern.shape == "/"]
    assert len(hatched) > 1
    phase_of = {e.id: e.phase for e in island_index.production}
    for trace in hatched:
        (phase,) = {phase_of[row[0]] for row in trace.customdata}
        assert trace.marker.color == PHASE_COLOURS[phase]
        assert trace.marker.line.color == PHASE_COLOURS[phase]


def test_a_one_of_range_is_a_hatched_bar() -> None:
    document = with_change(make_dataset(), "events[1].date", "[2021-04..2021-06]")
    fig = production.production_timeline(
        index_of(document), shown(index_of(document), ("stone-cast", "shoot"))
    )
    (bar,) = [t for t in clickable(fig) if t.type == "bar"]
    assert (bar.marker.pattern.shape, [r[0] for r in bar.customdata]) == ("/", ["shoot"])


def test_every_shown_event_is_clickable_exactly_once(island_index: DatasetIndex) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    assert Counter(clicked_ids(fig)) == Counter(PRODUCTION_IDS)


def test_a_one_day_interval_is_drawn_once() -> None:
    document = with_change(make_dataset(), "events[1].date", "2021-05-01/2021-05-01")
    fig = production.production_timeline(
        index_of(document), shown(index_of(document), ("stone-cast", "shoot"))
    )
    assert Counter(clicked_ids(fig)) == Counter({"stone-cast": 1, "shoot": 1})


def test_only_the_given_events_are_drawn(island_index: DatasetIndex) -> None:
    wanted = ("stone-cast", "tank-glasgow", "reviews")
    fig = production.production_timeline(island_index, shown(island_index, wanted + STORY_IDS))
    assert sorted(clicked_ids(fig)) == sorted(wanted)


def test_phase_ticks_are_the_phases_present_in_order(island_index: DatasetIndex) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    present = {e.phase for e in island_index.production}
    assert list(fig.layout.yaxis.ticktext) == [
        label for phase, label in PHASE_LABELS.items() if phase in present
    ]
    assert list(fig.layout.yaxis.ticktext) == [
        "Development",
        "Casting",
        "Filming",
        "Release",
        "Box office",
        "Reception",
    ]


def test_phase_ticks_run_top_down(island_index: DatasetIndex) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    ticks = list(fig.layout.yaxis.tickvals)
    assert ticks == sorted(ticks, reverse=True)


def test_overlapping_events_in_one_phase_get_different_rows(island_index: DatasetIndex) -> None:
    # shoot-orkney (April-June 2023), tank-glasgow (summer 2023), pickups (20 June 2023)
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    y_of = {row[0]: y for t in clickable(fig) for row, y in zip(t.customdata, t.y, strict=True)}
    assert len({y_of["shoot-orkney"], y_of["tank-glasgow"], y_of["pickups"]}) == 3


def test_events_far_apart_in_one_phase_share_a_row() -> None:
    # Both filming: 10 January 2019 and April-June 2021.
    document = with_change(make_dataset(), "events[0].phase", "filming")
    document = with_change(document, "events[0].date", "2019-01-10")
    fig = production.production_timeline(
        index_of(document), shown(index_of(document), ("stone-cast", "shoot"))
    )
    y_of = {row[0]: y for t in clickable(fig) for row, y in zip(t.customdata, t.y, strict=True)}
    assert y_of["stone-cast"] == y_of["shoot"]


def test_qualified_dates_get_a_faint_fuzzy_extension() -> None:
    document = with_change(make_dataset(), "events[1].date", "2021-05~")
    index = index_of(document)
    fig = production.production_timeline(index, shown(index, ("stone-cast", "shoot")))
    faint = [t for t in fig.data if t.customdata is None and t.type == "bar" and t.base]
    when = index.dates["shoot"]
    assert when.fuzzy_earliest < when.earliest
    assert [t.base for t in faint] == [(when.fuzzy_earliest.isoformat(),)]


@pytest.fixture(scope="module")
def outlier_index() -> DatasetIndex:
    """The island with its script written in 1912, a century before everything else."""
    document = island_document()
    assert document["events"][1]["id"] == "script-written"
    return index_of(with_change(document, "events[1].date", "1912"))


def test_a_far_earlier_event_is_left_off_the_initial_view(outlier_index: DatasetIndex) -> None:
    fig = production.production_timeline(outlier_index, shown(outlier_index, PRODUCTION_IDS))
    assert date.fromisoformat(fig.layout.xaxis.range[0]) > date(1912, 12, 31)
    assert note(fig).startswith("1 earlier event off to the left")
    assert fig.layout.title.text is None  # told beside the chart, not inside it


def test_a_far_earlier_event_is_still_drawn(outlier_index: DatasetIndex) -> None:
    fig = production.production_timeline(outlier_index, shown(outlier_index, PRODUCTION_IDS))
    assert "script-written" in clicked_ids(fig)


def test_no_note_without_outliers(island_index: DatasetIndex) -> None:
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    assert note(fig) == ""
    assert date.fromisoformat(fig.layout.xaxis.range[0]) < date(2022, 1, 1)


@pytest.mark.parametrize(
    ("starts", "first", "left_out"),
    [
        pytest.param([date(2020, m, 1) for m in range(1, 9)], date(2020, 1, 1), 0, id="no-outlier"),
        pytest.param(
            [date(1912, 1, 1)] + [date(2020, m, 1) for m in range(1, 9)],
            date(2020, 1, 1),
            1,
            id="one-outlier",
        ),
        pytest.param([date(1912, 1, 1)], date(1912, 1, 1), 0, id="single-event"),
    ],
)
def test_view_range(starts: list[date], first: date, left_out: int) -> None:
    ends = [d + timedelta(days=10) for d in starts]
    assert months.view_range(starts, ends) == (first, max(ends), left_out)


def test_production_hover_escapes_html(hostile_index: DatasetIndex) -> None:
    fig = production.production_timeline(hostile_index, shown(hostile_index, ("shoot",)))
    (text,) = hover_texts(fig)
    assert "&lt;script&gt;" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in text
    assert "<script>" not in text


@pytest.mark.parametrize(
    "ids", [pytest.param((), id="no-ids"), pytest.param(STORY_IDS, id="only-story-beats")]
)
def test_production_timeline_without_events_is_an_empty_figure(
    island_index: DatasetIndex, ids: tuple[str, ...]
) -> None:
    fig = production.production_timeline(island_index, shown(island_index, ids))
    assert len(fig.data) == 0
    assert "No production events" in fig.layout.annotations[0].text


# --- map ----------------------------------------------------------------------------------


def map_traces(fig: go.Figure) -> dict[str, Any]:
    """The map's traces by name."""
    return {t.name: t for t in fig.data}


def test_map_has_story_and_real_place_traces(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS))
    assert list(map_traces(fig)) == ["Story setting", "Real place (production)"]


@pytest.mark.parametrize(
    ("trace", "expected"),
    [
        ("Story setting", {"stromness", "north-sea"}),
        ("Real place (production)", {"stromness", "glasgow", "paris"}),
    ],
)
def test_map_customdata_are_location_ids(
    island_index: DatasetIndex, trace: str, expected: set[str]
) -> None:
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS))
    assert {row[0] for row in map_traces(fig)[trace].customdata} == expected


def test_map_points_sit_at_their_coordinates(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS))
    trace = map_traces(fig)["Story setting"]
    places = {loc.id: (loc.lat, loc.lon) for loc in island_index.dataset.locations}
    assert [(lat, lon) for lat, lon in zip(trace.lat, trace.lon, strict=True)] == [
        places[row[0]] for row in trace.customdata
    ]


def test_map_markers_grow_with_the_number_of_events(island_index: DatasetIndex) -> None:
    # Stromness has two story beats, the North Sea one.
    fig = geo.location_map(island_index, shown(island_index, STORY_IDS))
    trace = map_traces(fig)["Story setting"]
    size = dict(zip((row[0] for row in trace.customdata), trace.marker.size, strict=True))
    assert size["stromness"] > size["north-sea"]


def test_map_counts_only_the_given_events(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ("storm-warning", "boat-in-trouble")))
    trace = map_traces(fig)["Story setting"]
    assert trace.marker.size[0] == trace.marker.size[1]


def test_map_uses_the_50m_outlines(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS))
    assert fig.layout.geo.resolution == 50


def test_map_hover_escapes_html(hostile_index: DatasetIndex) -> None:
    fig = geo.location_map(hostile_index, shown(hostile_index, ("storm-warning", "shoot")))
    texts = hover_texts(fig)
    assert texts and all("<script>" not in t for t in texts)
    assert all("&lt;script&gt;" in t for t in texts)


def test_the_open_events_places_are_ringed_and_named(island_index: DatasetIndex) -> None:
    every = shown(island_index, ALL_IDS)
    plain = geo.location_map(island_index, every)
    fig = geo.location_map(
        island_index, every, settings=("north-sea",), filmed_at=("glasgow", "north-sea")
    )
    assert len(fig.data) == len(plain.data) + 1
    (rings,) = [t for t in fig.data if t.name == "The open event's places"]
    assert [row[0] for row in rings.customdata] == ["north-sea", "glasgow"]
    assert "set" in rings.hovertext[0] and "filmed" in rings.hovertext[0]
    assert "set" not in rings.hovertext[1] and "filmed" in rings.hovertext[1]
    places = {loc.id: loc for loc in island_index.dataset.locations}
    assert list(rings.lat) == [places["north-sea"].lat, places["glasgow"].lat]


def test_the_map_asks_for_a_box_of_its_own_shape(island_index: DatasetIndex) -> None:
    every = shown(island_index, ALL_IDS)
    wide = base.aspect_of(geo.location_map(island_index, every))
    focused = base.aspect_of(geo.location_map(island_index, every, focus=True))
    assert wide is not None and focused is not None
    assert all(geo.MIN_ASPECT <= r <= geo.MAX_ASPECT for r in (wide, focused))
    # Charts that grow with their rows ask for nothing; notes and aspect live side by side.
    assert base.aspect_of(story.story_timeline(island_index, every)) is None
    layout: dict[str, object] = {}
    base.set_aspect(layout, 1.5)
    base.with_note(layout, "a note")
    fig = go.Figure({"layout": layout})
    assert base.aspect_of(fig) == 1.5 and base.notes_of(fig).lines == ("a note",)


def test_map_without_places_is_an_empty_figure(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ("epilogue", "script-written")))
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text


# --- too many to draw one by one ----------------------------------------------------------


def test_too_many_beats_are_thinned_with_a_note(
    island_index: DatasetIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(story, "MAX_STORY_BEATS", 2)
    fig = story.story_timeline(island_index, shown(island_index, STORY_IDS))
    # Evenly spread through the story, not its first two beats.
    assert set(clicked_ids(fig)) == {STORY_IDS[0], STORY_IDS[2]}
    assert note(fig).startswith(f"Showing 2 of {len(STORY_IDS)} beats")
    # Told beside the chart, not inside it: the only text inside is the rows' labels.
    assert all(a.name == rows.ROW_LABEL for a in fig.layout.annotations)


def test_too_many_production_events_become_monthly_counts(
    island_index: DatasetIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(production, "MAX_PRODUCTION_EVENTS", 2)
    fig = production.production_timeline(island_index, shown(island_index, PRODUCTION_IDS))
    (trace,) = fig.data
    counts = [int(text.rsplit(": ", 1)[1].split()[0]) for text in trace.hovertext]
    assert sum(counts) == len(PRODUCTION_IDS)
    assert note(fig).startswith(f"{len(PRODUCTION_IDS)} events: each dot")


# --- every figure is one Plotly accepts ---------------------------------------------------


def _every_figure(index: DatasetIndex) -> dict[str, go.Figure]:
    """Every chart of the registry as the app draws it by default, and a few variants."""
    every = shown(index, ALL_IDS)
    return {
        **{chart.name: chart.build(index, every, **chart.defaults) for chart in CHARTS},
        "story by setting": story.story_timeline(index, every, lanes="setting"),
        "map without links": geo.location_map(index, every),
        "map, focus and links": geo.location_map(index, every, focus=True, links=True),
        "empty": base.empty_figure("Nothing <here>"),
        "empty, wrapped": base.empty_figure("Nothing <here> at all, not one thing", wrap=10),
    }


@pytest.mark.parametrize("capped", [False, True], ids=["all-drawn", "thinned"])
def test_every_figure_survives_plotly_validation_unchanged(
    island_index: DatasetIndex, monkeypatch: pytest.MonkeyPatch, capped: bool
) -> None:
    # Figures are assembled without Plotly's value checks (for speed): a validating
    # Figure must accept each one and change nothing in it.
    if capped:
        monkeypatch.setattr(story, "MAX_STORY_BEATS", 2)
        monkeypatch.setattr(production, "MAX_PRODUCTION_EVENTS", 2)
    for name, fig in _every_figure(island_index).items():
        spec = fig.to_dict()
        assert go.Figure(spec).to_dict() == spec, name


def test_hover_texts_are_made_once_and_freed_with_their_dataset() -> None:
    index = index_of(island_document())
    first = hover_texts(production.production_timeline(index, shown(index, PRODUCTION_IDS)))
    again = hover_texts(production.production_timeline(index, shown(index, PRODUCTION_IDS[:3])))
    assert all(any(a is b for b in first) for a in again)  # the same strings, not rebuilt
    gone = weakref.ref(index)
    del index
    gc.collect()
    assert gone() is None  # the texts kept for it do not keep the dataset alive


def test_map_link_lines_join_settings_to_filming_places(island_index: DatasetIndex) -> None:
    pairs = map_links(island_index, shown(island_index, ALL_IDS))
    assert pairs
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS), links=True)
    (lines,) = [t for t in fig.data if t.mode == "lines"]
    places = {loc.id: loc for loc in island_index.dataset.locations}
    expected = [
        coord
        for a, b in pairs
        for coord in ((places[a].lat, places[a].lon), (places[b].lat, places[b].lon), (None, None))
    ]
    assert list(zip(lines.lat, lines.lon, strict=True)) == expected
    assert note(fig) == ""  # all drawn: no note


def test_too_many_link_lines_keep_the_most_shared_with_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = island_document()
    (rescue,) = [e for e in document["events"] if e["id"] == "the-rescue"]
    rescue["locations"] = ["paris"]  # set in Paris, filmed in Stromness: a second pair
    index = index_of(document)
    pairs = map_links(index, shown(index, ALL_IDS))
    assert len(pairs) == 2
    monkeypatch.setattr(geo, "MAX_LINKS", 1)
    fig = geo.location_map(index, shown(index, ALL_IDS), links=True)
    (lines,) = [t for t in fig.data if t.mode == "lines"]
    assert len(lines.lat) == 3  # one segment: the first pair, then a break
    assert f"of {len(pairs)}:" in note(fig)


def test_no_link_lines_unless_asked(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS))
    assert all(t.mode != "lines" for t in fig.data)


def test_map_hover_lists_the_titles_of_that_place_only(island_index: DatasetIndex) -> None:
    fig = geo.location_map(island_index, shown(island_index, ALL_IDS))
    names = {loc.id: loc.name for loc in island_index.dataset.locations}
    checked = 0
    for trace in fig.data:
        chronology = "story" if trace.name == "Story setting" else "production"
        for (place,), text in zip(trace.customdata, trace.hovertext, strict=True):
            expected = [
                e.title
                for e in (*island_index.story, *island_index.production)
                if e.chronology == chronology and place in e.locations and e.id in ALL_IDS
            ]
            assert text.split("<br>")[0].startswith(f"<b>{names[place]}</b> · {len(expected)} ")
            assert text.split("<br>")[1:] == expected[:8]
            checked += 1
    assert checked >= 4


@pytest.mark.parametrize("seed", range(30))
def test_view_range_of_arrays_agrees_with_view_range(seed: int) -> None:
    rnd = random.Random(seed)
    base = date(2020, 1, 1).toordinal()
    starts = [
        base + rnd.randint(-40_000 if rnd.random() < 0.2 else -900, 900)
        for _ in range(rnd.randint(1, 60))
    ]
    ends = [s + rnd.randint(0, 400) for s in starts]
    as_dates = months.view_range(
        [date.fromordinal(s) for s in starts], [date.fromordinal(e) for e in ends]
    )
    assert months.view_range_of(np.array(starts), np.array(ends)) == as_dates


def test_every_chart_comes_with_streamlits_selection_settings(
    island_index: DatasetIndex,
) -> None:
    # Streamlit sets these on a chart that reports clicks unless the figure has them,
    # and changing clickmode redraws the whole chart: a second draw on every page.
    for fig in _every_figure(island_index).values():
        layout = fig.layout
        assert (layout.clickmode, layout.hovermode, layout.dragmode) == (
            "event+select",
            "closest",
            "pan",
        )


def test_map_markers_stay_a_readable_size_however_busy_a_place() -> None:
    # One place with 400 production events, one with 1: sizes keep their order, and the
    # busiest stays within MAX_MARKER_PX instead of covering the map.
    document = island_document()
    template = next(e for e in document["events"] if e["id"] == "shoot-orkney")
    document["events"] += [
        {**template, "id": f"extra-{n}", "story_events": [], "locations": ["glasgow"]}
        for n in range(400)
    ]
    index = index_of(document)
    fig = geo.location_map(index, shown(index, tuple(index.events)))
    sizes = [s for t in fig.data if t.mode == "markers" for s in t.marker.size]
    assert max(sizes) <= geo.MAX_MARKER_PX
    trace = map_traces(fig)["Real place (production)"]
    size = dict(zip((row[0] for row in trace.customdata), trace.marker.size, strict=True))
    assert size["glasgow"] == max(sizes) > size["stromness"]
