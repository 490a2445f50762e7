"""The story you can read, and the tour through it, on the shipped dataset."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SHIPPED, RunApp, chart, table_ids
from timeline.models import BACKGROUND_PHASES

DATA = json.loads(SHIPPED.read_text())
STORY = sorted((e for e in DATA["events"] if e["chronology"] == "story"), key=lambda e: e["order"])
PRODUCTION = [e for e in DATA["events"] if e["chronology"] == "production"]
# What the date filter opens on: the making, without the background phases.
MAKING = [e for e in PRODUCTION if e["phase"] not in BACKGROUND_PHASES]


def visible_text(figure: dict[str, Any]) -> str:
    """Everything a figure writes on the page (annotations, tick labels, trace text),
    as plain text: what a reader sees without hovering."""
    layout = figure["layout"]
    parts = [a.get("text", "") for a in layout.get("annotations", [])]
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")):
            parts += [str(t) for t in axis.get("ticktext", [])]
    for trace in figure["data"]:
        text = trace.get("text")
        parts += text if isinstance(text, list) else [text or ""]
    joined = " ".join(parts).replace("<br>", " ")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", joined)).split())


def event_param(at: AppTest) -> str | None:
    """The ``event`` URL parameter now."""
    value = at.query_params.get("event")
    return value[-1] if isinstance(value, list) else value


@pytest.mark.parametrize("lanes", ["Character", "Setting"])
def test_every_beat_title_is_on_the_story_chart(run_app: RunApp, lanes: str) -> None:
    at = run_app({"tab": "Timelines", "view": "Story", "lanes": lanes}, data=SHIPPED)
    text = visible_text(chart(at, "story_chart"))
    missing = [b["title"] for b in STORY if f"{b['order']}. {b['title']}" not in text]
    assert not missing


def test_the_shield_hides_the_titles_after_the_chosen_beat(run_app: RunApp) -> None:
    at = run_app({"tab": "Timelines", "view": "Story", "until": "8"}, data=SHIPPED)
    text = visible_text(chart(at, "story_chart"))
    for beat in STORY:
        shown = f"{beat['order']}. {beat['title']}" in text
        assert shown == (beat["order"] <= 8), beat["title"]


def test_next_and_previous_step_through_the_story_and_the_url_follows(
    run_app: RunApp,
) -> None:
    at = run_app({"event": STORY[0]["id"]}, data=SHIPPED)
    assert at.button(key="tour_previous").disabled
    for beat in STORY[1:4]:
        at.button(key="tour_next").click().run()
        assert event_param(at) == beat["id"]
    at.button(key="tour_previous").click().run()
    assert event_param(at) == STORY[2]["id"]
    assert not at.exception


def test_the_tour_stops_at_the_last_beat_the_shield_shows(run_app: RunApp) -> None:
    at = run_app({"event": STORY[6]["id"], "until": "8"}, data=SHIPPED)
    at.button(key="tour_next").click().run()
    assert event_param(at) == STORY[7]["id"]
    assert at.button(key="tour_next").disabled
    assert any(c.value.endswith(f"Story beat 8 of {len(STORY)}") for c in at.caption)


def _tour_position(at: AppTest) -> int:
    """N of the tour's "Event N of M by date" caption."""
    (found,) = [
        re.fullmatch(r"Event (\d+) of (\d+) by date", c.value)
        for c in at.caption
        if c.value.startswith("Event ")
    ]
    assert found is not None and int(found[2]) == len(MAKING)
    return int(found[1])


def test_production_events_step_in_date_order(run_app: RunApp) -> None:
    first = MAKING[0]["id"]
    at = run_app({"event": first, "view": "Production"}, data=SHIPPED)
    before = _tour_position(at)
    at.button(key="tour_next").click().run()
    second = event_param(at)
    assert second is not None and second != first
    assert second in {e["id"] for e in PRODUCTION}
    assert at.button(key="tour_next").label == "Next event"
    assert _tour_position(at) == before + 1


def test_the_map_rings_the_open_beats_places(run_app: RunApp) -> None:
    beat = next(b for b in STORY if b["locations"])
    at = run_app({"tab": "Map", "event": beat["id"]}, data=SHIPPED)
    figure = chart(at, "map_chart")
    (rings,) = [t for t in figure["data"] if t.get("name") == "The open event's places"]
    assert set(beat["locations"]) <= {row[0] for row in rings["customdata"]}


def test_the_date_filter_opens_on_the_making_and_widens_to_the_background(
    run_app: RunApp,
) -> None:
    background = [e["id"] for e in PRODUCTION if e["phase"] in BACKGROUND_PHASES]
    assert background  # the shipped data has some (the bridge's history)
    at = run_app(data=SHIPPED)
    (dates,) = at.date_input
    first, _ = dates.value
    assert first.year > 1950  # not the background's 1912
    shown = set(table_ids(at))
    assert shown.isdisjoint(background)
    assert {e["id"] for e in MAKING} <= shown
    # The whole range is still there to choose, and it brings the background back.
    dates.set_value((dates.min, dates.max)).run()
    assert set(background) <= set(table_ids(at))
    # ... and a shared link keeps it (no date filter is no longer the default).
    assert any(f"dates={dates.min.isoformat()}" in c.value for c in at.code)


def test_the_production_chart_writes_every_milestone_on_it(run_app: RunApp) -> None:
    named = {e["milestone"] for e in MAKING if e.get("milestone")}
    assert len(named) >= 5
    at = run_app({"tab": "Timelines", "view": "Production"}, data=SHIPPED)
    figure = chart(at, "production_chart")
    written = {
        re.sub(r"<[^>]+>", "", html.unescape(a["text"]))
        for a in figure["layout"].get("annotations", [])
        if a.get("name") == "milestone"
    }
    assert written == named
