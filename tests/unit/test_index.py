"""Derived lookups: orderings, place hierarchy, who labels, links, date span."""

from __future__ import annotations

import gc
import weakref
from datetime import date

import pytest

from tests.builders import make_character, make_dataset, make_location, make_person, shown
from tests.unit.island import PRODUCTION_IDS, STORY_IDS, index_of, island_document
from timeline.charts import map as geo
from timeline.charts import production, story
from timeline.index import DatasetIndex, derived


def test_story_beats_are_in_narrative_order(island_index: DatasetIndex) -> None:
    assert tuple(e.id for e in island_index.story) == STORY_IDS


def test_production_events_are_in_date_order(island_index: DatasetIndex) -> None:
    assert tuple(e.id for e in island_index.production) == PRODUCTION_IDS


def test_every_production_event_has_its_date_parsed(island_index: DatasetIndex) -> None:
    assert {k: v.text for k, v in island_index.dates.items()} == {
        e.id: e.date for e in island_index.production
    }


@pytest.mark.parametrize(
    ("place", "within"),
    [
        ("scotland", {"scotland", "orkney", "stromness", "glasgow"}),
        ("orkney", {"orkney", "stromness"}),
        ("stromness", {"stromness"}),
        ("north-sea", {"north-sea"}),
    ],
)
def test_location_within_includes_every_place_below(
    island_index: DatasetIndex, place: str, within: set[str]
) -> None:
    assert island_index.location_within[place] == within


@pytest.mark.parametrize(
    ("label", "characters", "people"),
    [
        pytest.param("Morag", {"morag"}, {"ada-stone"}, id="character-brings-its-actor"),
        pytest.param("Ada Stone", {"morag"}, {"ada-stone"}, id="actor-brings-their-character"),
        pytest.param("Cleo Moss", set(), {"cleo-moss"}, id="crew-has-no-character"),
    ],
)
def test_who_labels(
    island_index: DatasetIndex, label: str, characters: set[str], people: set[str]
) -> None:
    assert island_index.who_labels[label] == (characters, people)


def test_a_character_named_like_a_person_gets_a_distinct_label() -> None:
    index = index_of(
        make_dataset(characters=[make_character(name="Ada Stone")])
    )  # character "Ada Stone" played by the person "Ada Stone"
    assert index.who_labels["Ada Stone (character)"] == ({"morag"}, {"ada-stone"})
    assert index.who_labels["Ada Stone"] == ({"morag"}, {"ada-stone"})


def test_every_character_has_a_who_label_of_its_own() -> None:
    # Two characters who share a name ("Guard") are played by different people.
    document = make_dataset(
        people=[make_person(), make_person(id="cleo-moss", name="Cleo Moss")],
        characters=[
            make_character(),
            make_character(id="guard-one", name="Guard", played_by=["ada-stone"]),
            make_character(id="guard-two", name="Guard", played_by=["cleo-moss"]),
        ],
    )
    index = index_of(document)
    alone = {next(iter(chars)) for chars, _ in index.who_labels.values() if len(chars) == 1}
    assert alone == {"morag", "guard-one", "guard-two"}


def test_every_location_is_reachable_by_its_name() -> None:
    # Two different towns called Springfield.
    document = make_dataset(
        locations=[
            *make_dataset()["locations"],
            make_location(id="springfield-il", name="Springfield", lat=39.8, lon=-89.6),
            make_location(id="springfield-ma", name="Springfield", lat=42.1, lon=-72.6),
        ]
    )
    index = index_of(document)
    assert set(index.location_by_name.values()) == {loc.id for loc in index.dataset.locations}


def test_linked_production_is_derived_from_story_events(island_index: DatasetIndex) -> None:
    assert island_index.linked_production == {
        "storm-warning": ("shoot-orkney",),
        "boat-in-trouble": ("tank-glasgow",),
        "the-rescue": ("shoot-orkney",),
    }


def test_names_by_id(island_index: DatasetIndex) -> None:
    assert island_index.location_names["stromness"] == "Stromness"
    assert island_index.location_by_name["Stromness"] == "stromness"
    assert island_index.person_names["ada-stone"] == "Ada Stone"
    assert island_index.character_names["tam"] == "Tam"
    assert island_index.character_actors["tam"] == ("ben-carr",)


def test_section_titles(island_index: DatasetIndex) -> None:
    assert island_index.section_titles["release"] == ("Release", "https://example.org/film#release")


def test_date_span_covers_every_production_event(island_index: DatasetIndex) -> None:
    assert island_index.date_span == (date(2022, 1, 1), date(2024, 8, 31))


def test_date_span_is_none_without_production_events() -> None:
    document = make_dataset()
    document["events"] = [e for e in document["events"] if e["chronology"] == "story"]
    assert index_of(document).date_span is None


def test_a_dropped_dataset_is_freed_with_everything_worked_out_from_it() -> None:
    # Filters, URL options, the spoiler shield, hover texts and NumPy columns are all
    # kept per dataset; none of them may keep an old dataset (an old upload) alive.
    from timeline.filters import Filters, filter_events, hidden_by_shield
    from timeline.urlstate import Options

    index = index_of(island_document())
    ids = filter_events(index, Filters(until=2, text="the"))
    hidden_by_shield(index, 2)
    Options.for_index(index)
    story.story_timeline(index, shown(index, ids))
    production.production_timeline(index, shown(index, ids))
    geo.location_map(index, shown(index, ids), links=True)
    assert Options.for_index(index) is Options.for_index(index)  # worked out once
    gone = weakref.ref(index)
    del index
    gc.collect()
    assert gone() is None


def test_derived_values_are_made_once_per_index_and_key() -> None:
    index = index_of(island_document())
    calls: list[str] = []

    def make() -> str:
        calls.append("made")
        return "value"

    assert derived(index, "k", make) == derived(index, "k", make) == "value"
    assert derived(index_of(island_document()), "k", make) == "value"
    assert calls == ["made", "made"]
