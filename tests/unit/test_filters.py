"""Filtering the island dataset: view, place, who, phase, span and text, and their laws."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.island import PRODUCTION_IDS, STORY_IDS, index_of, island_document
from timeline.filters import Filters, View, filter_events
from timeline.index import DatasetIndex, build_index
from timeline.models import PHASES


@cache
def island() -> DatasetIndex:
    """The island index, built once (hypothesis tests cannot take function fixtures)."""
    return index_of(island_document())


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("story", STORY_IDS),
        ("production", PRODUCTION_IDS),
        ("both", STORY_IDS + PRODUCTION_IDS),
    ],
)
def test_view(island_index: DatasetIndex, view: str, expected: tuple[str, ...]) -> None:
    assert filter_events(island_index, Filters(view=view)) == expected  # type: ignore[arg-type]


CASES = [
    pytest.param(
        Filters(locations=("scotland",)),
        ["storm-warning", "the-rescue", "shoot-orkney", "tank-glasgow", "pickups"],
        id="country-includes-its-towns",
    ),
    pytest.param(
        Filters(locations=("orkney",)),
        ["storm-warning", "the-rescue", "shoot-orkney", "pickups"],
        id="region-includes-its-town",
    ),
    pytest.param(Filters(locations=("glasgow",)), ["tank-glasgow"], id="city"),
    pytest.param(
        Filters(locations=("glasgow", "north-sea")),
        ["boat-in-trouble", "tank-glasgow"],
        id="two-places-are-a-union",
    ),
    pytest.param(Filters(locations=("atlantis",)), [], id="unknown-place-matches-nothing"),
    pytest.param(
        Filters(who=("Morag",)),
        ["storm-warning", "the-rescue", "stone-cast", "shoot-orkney", "pickups", "premiere"],
        id="character-brings-in-production-events-of-the-actor",
    ),
    pytest.param(
        Filters(who=("Ada Stone",)),
        ["storm-warning", "the-rescue", "stone-cast", "shoot-orkney", "pickups", "premiere"],
        id="person-brings-in-story-beats-of-the-character",
    ),
    pytest.param(
        Filters(who=("Cleo Moss",)),
        ["script-written", "shoot-orkney", "premiere"],
        id="crew-member-has-no-story-beats",
    ),
    pytest.param(
        Filters(who=("Tam", "Cleo Moss")),
        [
            "boat-in-trouble",
            "the-rescue",
            "script-written",
            "carr-cast",
            "shoot-orkney",
            "tank-glasgow",
            "premiere",
        ],
        id="two-labels-are-a-union",
    ),
    pytest.param(
        Filters(phases=("filming",)),
        [*STORY_IDS, "shoot-orkney", "tank-glasgow", "pickups"],
        id="phase-narrows-production-only",
    ),
    pytest.param(
        Filters(phases=("casting", "release")),
        [*STORY_IDS, "stone-cast", "carr-cast", "premiere"],
        id="two-phases",
    ),
    pytest.param(
        Filters(span=(date(2023, 6, 15), date(2023, 12, 31))),
        [*STORY_IDS, "shoot-orkney", "tank-glasgow", "pickups"],
        id="span-keeps-an-interval-overlapping-its-start",
    ),
    pytest.param(
        Filters(span=(date(2023, 6, 30), date(2023, 6, 30))),
        [*STORY_IDS, "shoot-orkney", "tank-glasgow"],
        id="span-of-the-last-day-of-an-interval",
    ),
    pytest.param(
        Filters(span=(date(2023, 1, 10), date(2023, 1, 10))),
        [*STORY_IDS, "stone-cast"],
        id="span-of-one-day-keeps-that-day",
    ),
    pytest.param(
        Filters(span=(date(2024, 9, 1), date(2025, 1, 1))),
        list(STORY_IDS),
        id="span-after-everything-keeps-story-only",
    ),
    pytest.param(
        Filters(text="storm"),
        ["storm-warning", "boat-in-trouble", "tank-glasgow"],
        id="text-in-title-or-summary-any-case",
    ),
    pytest.param(Filters(text="LAMP TURNING"), ["the-rescue"], id="uppercase-needle"),
    pytest.param(Filters(text="  automated  "), ["epilogue"], id="needle-is-stripped"),
    pytest.param(Filters(text="rescue"), ["the-rescue"], id="title-only-match"),
    pytest.param(Filters(text="radio"), ["storm-warning"], id="summary-only-match"),
    pytest.param(Filters(text="no such words"), [], id="no-match"),
    pytest.param(
        Filters(view="production", locations=("scotland",), who=("Morag",)),
        ["shoot-orkney", "pickups"],
        id="constraints-combine",
    ),
]


@pytest.mark.parametrize(("filters", "expected"), CASES)
def test_filter(island_index: DatasetIndex, filters: Filters, expected: list[str]) -> None:
    assert list(filter_events(island_index, filters)) == expected


# --- laws -------------------------------------------------------------------------------

LOCATIONS = ("scotland", "orkney", "stromness", "glasgow", "north-sea", "paris")
WHO = ("Morag", "Tam", "Ada Stone", "Ben Carr", "Cleo Moss")
DAYS = st.dates(min_value=date(2021, 6, 1), max_value=date(2024, 12, 31))


@st.composite
def any_filters(draw: st.DrawFn) -> Filters:
    """Filters over the island's places, labels and phases, each constraint maybe empty."""
    span = None
    if draw(st.booleans()):
        span = tuple(sorted([draw(DAYS), draw(DAYS)]))
    return Filters(
        view=draw(st.sampled_from(["story", "production", "both"])),
        locations=tuple(draw(st.lists(st.sampled_from(LOCATIONS), unique=True, max_size=3))),
        who=tuple(draw(st.lists(st.sampled_from(WHO), unique=True, max_size=3))),
        phases=tuple(draw(st.lists(st.sampled_from(PHASES), unique=True, max_size=4))),
        span=span,  # type: ignore[arg-type]
        text=draw(st.sampled_from(["", "storm", "CAST", "the", "zzz"])),
    )


def restricted(index: DatasetIndex, ids: tuple[str, ...]) -> DatasetIndex:
    """The index of the same dataset holding only the events ``ids``."""
    keep = set(ids)
    events = [e for e in index.dataset.events if e.id in keep]
    return build_index(index.dataset.model_copy(update={"events": events}))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(any_filters())
def test_result_is_a_duplicate_free_ordered_subset(filters: Filters) -> None:
    index = island()
    ids = filter_events(index, filters)
    order = [*STORY_IDS, *PRODUCTION_IDS]
    assert len(set(ids)) == len(ids)
    assert [i for i in order if i in ids] == list(ids)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(any_filters())
def test_filtering_the_result_again_changes_nothing(filters: Filters) -> None:
    ids = filter_events(island(), filters)
    assert filter_events(restricted(island(), ids), filters) == ids


@settings(max_examples=80, deadline=None, derandomize=True)
@given(any_filters(), st.data())
def test_order_of_values_in_a_constraint_does_not_matter(
    filters: Filters, data: st.DataObject
) -> None:
    shuffled = replace(
        filters,
        locations=tuple(data.draw(st.permutations(filters.locations))),
        who=tuple(data.draw(st.permutations(filters.who))),
        phases=tuple(data.draw(st.permutations(filters.phases))),
    )
    assert filter_events(island(), shuffled) == filter_events(island(), filters)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(any_filters())
def test_both_is_story_then_production(filters: Filters) -> None:
    def with_view(view: View) -> tuple[str, ...]:
        return filter_events(island(), replace(filters, view=view))

    assert with_view("both") == with_view("story") + with_view("production")
