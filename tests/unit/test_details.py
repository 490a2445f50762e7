"""The details panel's data for a story beat and a production event, and one-line labels."""

from __future__ import annotations

from typing import Any

import pytest

from tests.builders import make_dataset, make_measure, with_change
from tests.unit.island import RESCUE_SUMMARY, index_of
from timeline.details import describe, event_label
from timeline.index import DatasetIndex


@pytest.mark.parametrize(
    ("event_id", "label"),
    [
        ("the-rescue", "3. The rescue"),
        ("stone-cast", "10 January 2023 · Ada Stone cast as Morag"),
        ("tank-glasgow", "summer 2023 · Storm scenes in a Glasgow water tank"),
        ("shoot-orkney", "April 2023 \u2013 June 2023 · Filming on Orkney"),
    ],
)
def test_event_label(island_index: DatasetIndex, event_id: str, label: str) -> None:
    assert event_label(island_index, event_id) == label


# --- a story beat -------------------------------------------------------------------------


def test_story_beat_basics(island_index: DatasetIndex) -> None:
    details = describe(island_index, "the-rescue")
    assert (details.id, details.title, details.chronology, details.phase) == (
        "the-rescue",
        "The rescue",
        "Story",
        None,
    )
    assert details.summary == RESCUE_SUMMARY


def test_story_beat_when_is_its_place_in_the_story(island_index: DatasetIndex) -> None:
    assert describe(island_index, "the-rescue").when == "Story beat 3 of 4"


def test_story_beat_lists_characters_with_their_actors(island_index: DatasetIndex) -> None:
    assert describe(island_index, "the-rescue").characters == (
        ("Morag", "Ada Stone"),
        ("Tam", "Ben Carr"),
    )


def test_a_character_played_by_two_people_lists_both() -> None:
    document = with_change(make_dataset(), "characters[0].played_by", ["ada-stone", "cleo-moss"])
    details = describe(index_of(document), "storm-warning")
    assert details.characters == (("Morag", "Ada Stone, Cleo Moss"),)


def test_story_beat_links_the_production_events_that_name_it(
    island_index: DatasetIndex,
) -> None:
    assert describe(island_index, "boat-in-trouble").linked == (
        ("tank-glasgow", "summer 2023 · Storm scenes in a Glasgow water tank"),
    )


def test_story_beat_without_links(island_index: DatasetIndex) -> None:
    assert describe(island_index, "epilogue").linked == ()


def test_story_beat_places_and_source(island_index: DatasetIndex) -> None:
    details = describe(island_index, "the-rescue")
    assert details.places == ("Stromness",)
    assert (details.source_title, details.source_url) == ("Plot", "https://example.org/film#plot")


# --- a production event -------------------------------------------------------------------


def test_production_event_basics(island_index: DatasetIndex) -> None:
    details = describe(island_index, "shoot-orkney")
    assert (details.chronology, details.phase, details.characters) == (
        "Production",
        "Filming",
        (),
    )


def test_production_event_when_has_the_source_words_and_the_date(
    island_index: DatasetIndex,
) -> None:
    assert describe(island_index, "shoot-orkney").when == (
        "from April to June 2023 (April 2023 \u2013 June 2023)"
    )


def test_production_event_people_and_places(island_index: DatasetIndex) -> None:
    details = describe(island_index, "shoot-orkney")
    assert details.people == ("Cleo Moss", "Ada Stone")
    assert details.places == ("Stromness",)


def test_production_event_links_its_story_beats(island_index: DatasetIndex) -> None:
    assert describe(island_index, "shoot-orkney").linked == (
        ("storm-warning", "1. A storm warning reaches the light"),
        ("the-rescue", "3. The rescue"),
    )


def test_production_event_measures(island_index: DatasetIndex) -> None:
    assert describe(island_index, "reviews").measures == (
        "Critics: 96% (Rotten Tomatoes)",
        "Average score: 8 out of 10",
    )


def test_a_section_without_url_falls_back_to_the_source_url() -> None:
    document = with_change(make_dataset(), "film.sources[0].sections[1].url", None)
    details = describe(index_of(document), "shoot")
    assert (details.source_title, details.source_url) == ("Production", "https://example.org/film")


@pytest.mark.parametrize(
    ("measure", "shown"),
    [
        pytest.param({"value": 54_700_000, "unit": "USD"}, "$54.7 million", id="usd-millions"),
        pytest.param({"value": 1_000_000, "unit": "USD"}, "$1.0 million", id="usd-one-million"),
        pytest.param({"value": 950_000, "unit": "USD"}, "$950,000", id="usd-thousands"),
        pytest.param({"value": 2_500_000, "unit": "GBP"}, "£2.5 million", id="gbp-millions"),
        pytest.param({"value": 12.5, "unit": "GBP"}, "£12.5", id="gbp-pounds-and-pence"),
        pytest.param({"value": 96, "unit": "percent"}, "96%", id="percent"),
        pytest.param({"value": 96.5, "unit": "percent"}, "96.5%", id="percent-fraction"),
        pytest.param({"value": 8, "unit": "rating", "out_of": 10}, "8 out of 10", id="rating"),
        pytest.param(
            {"value": 7.25, "unit": "rating", "out_of": 10}, "7.25 out of 10", id="rating-fraction"
        ),
        pytest.param({"value": 3, "unit": "rank"}, "#3", id="rank"),
        pytest.param({"value": 12_345, "unit": "count"}, "12,345", id="count"),
        pytest.param({"value": 12.004, "unit": "percent"}, "12%", id="rounds-to-a-whole-number"),
        pytest.param(
            {"value": 7.999, "unit": "rating", "out_of": 10},
            "8 out of 10",
            id="rounds-up-to-a-whole-number",
        ),
    ],
)
def test_measure_formatting(measure: dict[str, Any], shown: str) -> None:
    document = with_change(
        make_dataset(), "events[1].measures", [make_measure(label="Figure", **measure)]
    )
    assert describe(index_of(document), "shoot").measures == (f"Figure: {shown}",)
