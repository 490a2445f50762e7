"""Set vs shot: beats with the filming behind them, and the map's link lines."""

from __future__ import annotations

from tests.builders import make_dataset, make_production, shown
from tests.unit.island import index_of
from timeline.filters import Filters, filter_events
from timeline.index import DatasetIndex
from timeline.links import filmed, map_links, places_of, set_vs_shot
from timeline.models import ProductionEvent


def _filming_links(index: DatasetIndex) -> dict[str, set[str]]:
    """Beat id → filming event ids, read straight from the records."""
    links: dict[str, set[str]] = {}
    for ev in index.production:
        if ev.phase == "filming":
            for beat in ev.story_events:
                links.setdefault(beat, set()).add(ev.id)
    return links


def test_set_vs_shot_lists_exactly_the_beats_with_filming(island_index: DatasetIndex) -> None:
    ids = tuple(e.id for e in island_index.story)
    rows = set_vs_shot(island_index, ids)
    expected = _filming_links(island_index)
    assert expected  # the fixture has filming tied to beats
    assert {r.beat_id for r in rows} == set(expected)
    for row in rows:
        assert {s.event_id for s in row.shots} == expected[row.beat_id]
    assert [r.order for r in rows] == sorted(r.order for r in rows)


def test_set_vs_shot_names_settings_and_filming_places(island_index: DatasetIndex) -> None:
    rows = set_vs_shot(island_index, tuple(e.id for e in island_index.story))
    for row in rows:
        beat = island_index.events[row.beat_id]
        assert row.settings == tuple(island_index.location_names[loc] for loc in beat.locations)
        for shot in row.shots:
            filming = island_index.events[shot.event_id]
            assert shot.places == tuple(
                island_index.location_names[loc] for loc in filming.locations
            )
            assert shot.when == island_index.dates[shot.event_id].label


def test_set_vs_shot_ignores_beats_not_shown(island_index: DatasetIndex) -> None:
    assert set_vs_shot(island_index, tuple(e.id for e in island_index.production)) == ()


def test_map_links_join_each_setting_to_each_filming_place(island_index: DatasetIndex) -> None:
    ids = tuple(e.id for e in island_index.story)
    pairs = set(map_links(island_index, shown(island_index, ids)))
    expected = set()
    for beat in island_index.story:
        for ev_id in _filming_links(island_index).get(beat.id, ()):
            for setting in beat.locations:
                for place in island_index.events[ev_id].locations:
                    if setting != place:
                        expected.add((setting, place))
    assert expected
    assert pairs == expected
    assert len(map_links(island_index, shown(island_index, ids))) == len(pairs)  # each pair once


def test_the_spoiler_shield_removes_links_of_hidden_beats(island_index: DatasetIndex) -> None:
    shown = filter_events(island_index, Filters(until=1))
    beats = {r.beat_id for r in set_vs_shot(island_index, shown)}
    assert all(island_index.events[b].order <= 1 for b in beats)  # type: ignore[union-attr]


def test_map_links_put_the_pairs_most_beats_share_first() -> None:
    # Both beats are set in Scotland and filmed in Stromness; only the rescue was also
    # filmed in Orkney, earlier, so Orkney is the first pair met along these ids.
    document = make_dataset()
    document["events"][1]["story_events"] = ["storm-warning", "the-rescue"]
    document["events"].append(
        make_production(
            id="orkney-shoot",
            date="2021-02-01",
            date_text="on 1 February 2021",
            locations=["orkney"],
            story_events=["the-rescue"],
        )
    )
    for n in (2, 3):
        document["events"][n]["locations"] = ["scotland"]
    index = index_of(document)
    assert index.dates["orkney-shoot"].earliest < index.dates["shoot"].earliest
    assert map_links(index, shown(index, ("the-rescue", "storm-warning"))) == (
        ("scotland", "stromness"),
        ("scotland", "orkney"),
    )


def test_filmed_lists_the_beats_set_vs_shot_shows(island_index: DatasetIndex) -> None:
    ids = tuple(e.id for e in island_index.story) + tuple(e.id for e in island_index.production)
    rows = set_vs_shot(island_index, ids)
    assert filmed(island_index, shown(island_index, ids)) == tuple(r.beat_id for r in rows)
    assert set_vs_shot(island_index, filmed(island_index, shown(island_index, ids))) == rows


def test_a_beats_places_are_its_settings_and_where_it_was_filmed(
    island_index: DatasetIndex,
) -> None:
    beat = island_index.events["boat-in-trouble"]
    tank = island_index.events["tank-glasgow"]
    assert places_of(island_index, beat.id) == (tuple(beat.locations), tuple(tank.locations))


def test_a_filming_events_places_are_its_own_and_the_settings_it_filmed(
    island_index: DatasetIndex,
) -> None:
    shoot = island_index.events["shoot-orkney"]
    assert isinstance(shoot, ProductionEvent)
    settings = [loc for beat in shoot.story_events for loc in island_index.events[beat].locations]
    assert places_of(island_index, shoot.id) == (
        tuple(dict.fromkeys(settings)),
        tuple(shoot.locations),
    )
    # The spoiler shield keeps a hidden beat's setting off the map.
    hidden = frozenset(shoot.story_events)
    assert places_of(island_index, shoot.id, hidden) == ((), tuple(shoot.locations))


def test_an_unknown_event_has_no_places(island_index: DatasetIndex) -> None:
    assert places_of(island_index, "no-such-event") == ((), ())
