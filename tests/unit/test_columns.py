"""NumPy columns of a dataset: positions, links and text search across event boundaries."""

from __future__ import annotations

import gc
import weakref

import numpy as np

from tests.builders import make_dataset, with_change
from tests.unit.island import index_of, island_document
from timeline.columns import columns_of
from timeline.index import DatasetIndex


def test_positions_follow_the_timeline_order(island_index: DatasetIndex) -> None:
    cols = columns_of(island_index)
    expected = [e.id for e in island_index.story] + [e.id for e in island_index.production]
    assert list(cols.ids) == expected
    assert cols.n_story == len(island_index.story)
    assert [cols.position[i] for i in expected] == list(range(len(expected)))
    assert cols.ids_of(cols.mask_of(expected[::2])) == tuple(expected[::2])


def test_columns_are_built_once_per_dataset(island_index: DatasetIndex) -> None:
    assert columns_of(island_index) is columns_of(island_index)


def test_columns_go_with_their_dataset() -> None:
    index = index_of(island_document())
    gone = weakref.ref(columns_of(index))
    del index
    gc.collect()
    assert gone() is None


def test_places_any_of(island_index: DatasetIndex) -> None:
    cols = columns_of(island_index)
    hit = cols.places.any_of(["stromness", "no-such-place"], len(cols))
    expected = {e.id for e in island_index.events.values() if "stromness" in e.locations}
    assert set(cols.ids_of(hit)) == expected
    assert not cols.places.any_of(["no-such-place"], len(cols)).any()


def _two_events(first: str, second: str) -> DatasetIndex:
    doc = make_dataset()
    doc = with_change(doc, "events[2].title", first)
    doc = with_change(doc, "events[2].summary", "x")
    doc = with_change(doc, "events[3].title", second)
    return index_of(with_change(doc, "events[3].summary", "y"))


def test_text_search_never_matches_across_two_events() -> None:
    # Beat 1 reads "abc\nx", beat 2 "def\ny": one after the other in the joined text.
    cols = columns_of(_two_events("abc", "def"))
    ids = [cols.ids_of(cols.text_matches(needle)) for needle in ("x\0def", "\0", "x\nd", "y\0")]
    assert ids == [(), (), (), ()]
    assert cols.ids_of(cols.text_matches("c\nx")) == ("storm-warning",)
    assert cols.ids_of(cols.text_matches("def\ny")) == ("the-rescue",)


def test_text_search_finds_every_event_with_the_needle_once() -> None:
    cols = columns_of(_two_events("aaa aaa", "aaa"))
    hit = cols.text_matches("aa")
    assert hit.dtype == np.bool_
    assert cols.ids_of(hit) == ("storm-warning", "the-rescue")


def test_text_search_stays_aligned_when_casefolding_lengthens_a_text() -> None:
    # "ß" folds to "ss": every later event's text starts one character further on.
    cols = columns_of(_two_events("Große Straße", "Abc"))
    assert cols.ids_of(cols.text_matches("strasse")) == ("storm-warning",)
    assert cols.ids_of(cols.text_matches("abc\ny")) == ("the-rescue",)
    assert cols.ids_of(cols.text_matches("e\nx\0a")) == ()
