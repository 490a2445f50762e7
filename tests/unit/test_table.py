"""The events table, its CSV bytes, and the JSON export of the shown events."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from tests.unit.island import PRODUCTION_IDS, STORY_IDS
from timeline.export import export_dataset, export_json
from timeline.index import DatasetIndex
from timeline.loading import load_bytes
from timeline.models import ProductionEvent, StoryEvent
from timeline.table import COLUMNS, events_frame, to_csv

SOME_IDS = ("the-rescue", "storm-warning", "tank-glasgow", "stone-cast", "epilogue")


def test_columns_start_with_id(island_index: DatasetIndex) -> None:
    frame = events_frame(island_index, SOME_IDS)
    assert list(frame.columns) == list(COLUMNS)
    assert frame.columns[0] == "id"


@pytest.mark.parametrize(
    "ids",
    [
        pytest.param(SOME_IDS, id="mixed-in-given-order"),
        pytest.param(STORY_IDS + PRODUCTION_IDS, id="everything"),
        pytest.param((), id="nothing"),
    ],
)
def test_rows_are_the_given_ids_in_order(island_index: DatasetIndex, ids: tuple[str, ...]) -> None:
    assert list(events_frame(island_index, ids)["id"]) == list(ids)


def test_story_row(island_index: DatasetIndex) -> None:
    row = events_frame(island_index, ("the-rescue",)).iloc[0].to_dict()
    assert {k: row[k] for k in ("chronology", "when", "places", "people", "phase")} == {
        "chronology": "Story",
        "when": "Beat 3",
        "places": "Stromness",
        "people": "Morag; Tam",
        "phase": "",
    }


def test_production_row(island_index: DatasetIndex) -> None:
    row = events_frame(island_index, ("shoot-orkney",)).iloc[0].to_dict()
    assert {k: row[k] for k in ("chronology", "when", "places", "people", "phase")} == {
        "chronology": "Production",
        "when": "April 2023 \u2013 June 2023",
        "places": "Stromness",
        "people": "Cleo Moss; Ada Stone",
        "phase": "Filming",
    }


def test_csv_round_trips_to_the_same_rows(island_index: DatasetIndex) -> None:
    # SOME_IDS includes a summary with a comma, quotes, a line break and non-ASCII.
    frame = events_frame(island_index, SOME_IDS)
    back = pd.read_csv(io.BytesIO(to_csv(frame)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, frame.astype(str))


def test_csv_is_utf8_with_a_header_row(island_index: DatasetIndex) -> None:
    data = to_csv(events_frame(island_index, ("the-rescue",)))
    assert data.decode("utf-8").splitlines()[0] == ",".join(COLUMNS)
    assert "café".encode() in data


# --- JSON export --------------------------------------------------------------------------


def test_export_json_loads_back_with_exactly_the_shown_events(
    island_index: DatasetIndex,
) -> None:
    loaded = load_bytes(export_json(island_index, SOME_IDS), "export.json")
    assert [e.id for e in loaded.events] == list(SOME_IDS)


def test_export_keeps_every_record_but_the_events(island_index: DatasetIndex) -> None:
    exported = export_dataset(island_index, SOME_IDS)
    original = island_index.dataset
    assert (exported.film, exported.locations, exported.people, exported.characters) == (
        original.film,
        original.locations,
        original.people,
        original.characters,
    )


def test_export_renumbers_story_beats_without_gaps(island_index: DatasetIndex) -> None:
    exported = export_dataset(island_index, SOME_IDS)
    orders = {e.id: e.order for e in exported.events if isinstance(e, StoryEvent)}
    assert orders == {"storm-warning": 1, "the-rescue": 2, "epilogue": 3}


def test_export_drops_links_to_beats_left_out(island_index: DatasetIndex) -> None:
    exported = export_dataset(island_index, ("the-rescue", "shoot-orkney", "tank-glasgow"))
    links = {e.id: e.story_events for e in exported.events if isinstance(e, ProductionEvent)}
    assert links == {"shoot-orkney": ["the-rescue"], "tank-glasgow": []}


def test_export_events_are_otherwise_unchanged(island_index: DatasetIndex) -> None:
    exported = export_dataset(island_index, STORY_IDS + PRODUCTION_IDS)
    assert {e.id: e for e in exported.events} == island_index.events


def test_export_json_is_utf8_text(island_index: DatasetIndex) -> None:
    document = json.loads(export_json(island_index, ("the-rescue",)).decode("utf-8"))
    assert "café" in document["events"][0]["summary"]
