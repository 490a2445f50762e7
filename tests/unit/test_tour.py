"""The tour: previous and next events in narrative or date order, within the filters."""

from __future__ import annotations

import pytest

from tests.builders import shown
from tests.unit.island import PRODUCTION_IDS, STORY_IDS
from timeline.index import DatasetIndex
from timeline.selection import everything
from timeline.tour import tour_stop


def _walk(index: DatasetIndex, start: str, hidden: frozenset[str] = frozenset()) -> list[str]:
    """Every event reached by pressing Next from ``start`` until the end."""
    seen = [start]
    stop = tour_stop(index, everything(index), start, hidden)
    while stop is not None and stop.next is not None:
        seen.append(stop.next)
        stop = tour_stop(index, everything(index), stop.next, hidden)
    return seen


def test_next_walks_the_story_in_narrative_order(island_index: DatasetIndex) -> None:
    walked = _walk(island_index, STORY_IDS[0])
    orders = [island_index.events[i].order for i in walked]  # type: ignore[union-attr]
    assert walked == list(STORY_IDS)
    assert orders == sorted(orders)


def test_next_walks_production_in_date_order(island_index: DatasetIndex) -> None:
    walked = _walk(island_index, PRODUCTION_IDS[0])
    assert sorted(walked) == sorted(PRODUCTION_IDS)
    earliest = [island_index.dates[i].earliest for i in walked]
    assert earliest == sorted(earliest)


def test_the_ends_have_no_step_beyond(island_index: DatasetIndex) -> None:
    first = tour_stop(island_index, everything(island_index), STORY_IDS[0])
    last = tour_stop(island_index, everything(island_index), STORY_IDS[-1])
    assert first is not None and last is not None
    assert (first.previous, first.position) == (None, 1)
    assert (last.next, last.position, last.total) == (None, len(STORY_IDS), len(STORY_IDS))
    assert last.previous == STORY_IDS[-2]


def test_the_tour_stays_within_the_filters(island_index: DatasetIndex) -> None:
    picked = shown(island_index, (STORY_IDS[0], STORY_IDS[2]))
    stop = tour_stop(island_index, picked, STORY_IDS[0])
    assert stop is not None
    assert (stop.next, stop.total) == (STORY_IDS[2], 2)


def test_an_event_outside_the_filters_tours_its_whole_chronology(
    island_index: DatasetIndex,
) -> None:
    picked = shown(island_index, PRODUCTION_IDS)
    stop = tour_stop(island_index, picked, STORY_IDS[1])
    assert stop is not None
    assert (stop.previous, stop.next) == (STORY_IDS[0], STORY_IDS[2])
    assert stop.chronology == "story" and stop.noun == "beat"


def test_the_spoiler_shield_is_never_stepped_past(island_index: DatasetIndex) -> None:
    hidden = frozenset(STORY_IDS[2:])
    assert _walk(island_index, STORY_IDS[0], hidden) == list(STORY_IDS[:2])
    assert tour_stop(island_index, everything(island_index), STORY_IDS[3], hidden) is None


@pytest.mark.parametrize("event_id", ["no-such-event", ""])
def test_an_unknown_event_has_no_tour(island_index: DatasetIndex, event_id: str) -> None:
    assert tour_stop(island_index, everything(island_index), event_id) is None
