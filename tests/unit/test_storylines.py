"""Storyline layout in the chart: scenes run together, lines span their beats, names apart."""

from __future__ import annotations

import itertools
import random

import plotly.graph_objects as go
import pytest

from bench.storylines import greedy_layout
from tests.builders import make_character, make_dataset, make_story, shown, to_bytes
from tests.unit.island import STORY_IDS
from timeline.charts import base
from timeline.charts.storylines import (
    CHAR_PX,
    PLOT_PX,
    Placement,
    place_labels,
    storyline_layout,
    storylines_figure,
)
from timeline.index import DatasetIndex, build_index
from timeline.loading import load_bytes
from timeline.storyline_layout import measure

Scenes = list[tuple[int, list[str]]]

SCENES: dict[str, Scenes] = {
    "pairs": [(1, ["A", "B"]), (2, ["C"]), (3, ["A", "C"]), (4, ["B"]), (5, ["A", "B", "C"])],
    "crowd-then-split": [
        (1, ["A", "B", "C", "D", "E"]),
        (2, ["A", "E"]),
        (3, ["B", "D"]),
        (4, ["C", "A"]),
        (5, ["E", "B", "C"]),
    ],
    "newcomers": [(1, ["A"]), (2, ["B", "C"]), (3, ["A", "C", "D"]), (4, ["D", "B"])],
}


def _random_scenes(seed: int) -> Scenes:
    rng = random.Random(seed)
    cast = [f"P{i}" for i in range(12)]
    return [(order, rng.sample(cast, rng.randint(1, 5))) for order in range(1, 31)]


CASES = {**SCENES, **{f"random-{seed}": _random_scenes(seed) for seed in range(5)}}


def _row_at(layout: dict[str, list[tuple[int, int]]]) -> dict[int, dict[str, int]]:
    rows: dict[int, dict[str, int]] = {}
    for name, points in layout.items():
        for order, row in points:
            rows.setdefault(order, {})[name] = row
    return rows


@pytest.mark.parametrize("scenes", CASES.values(), ids=CASES.keys())
def test_characters_in_a_scene_are_adjacent(scenes: Scenes) -> None:
    rows = _row_at(storyline_layout(scenes))
    for order, people in scenes:
        taken = sorted(rows[order][p] for p in set(people))
        assert taken == list(range(taken[0], taken[0] + len(taken))), (order, people)


@pytest.mark.parametrize("scenes", CASES.values(), ids=CASES.keys())
def test_no_two_characters_share_a_row_at_a_beat(scenes: Scenes) -> None:
    for order, by_name in _row_at(storyline_layout(scenes)).items():
        assert len(set(by_name.values())) == len(by_name), order


@pytest.mark.parametrize("scenes", CASES.values(), ids=CASES.keys())
def test_no_more_crossings_than_the_old_greedy_layout(scenes: Scenes) -> None:
    """Absent characters may now move (to save crossings), but the layout is never
    more tangled than the greedy one that kept them still."""
    new = measure(storyline_layout(scenes))
    old = measure(greedy_layout(scenes))
    assert new.crossings <= old.crossings


@pytest.mark.parametrize("scenes", CASES.values(), ids=CASES.keys())
def test_a_line_runs_from_first_to_last_scene(scenes: Scenes) -> None:
    layout = storyline_layout(scenes)
    for name, points in layout.items():
        appearances = [order for order, people in scenes if name in people]
        orders = [order for order, _ in points]
        assert orders[0] == appearances[0]
        assert orders[-1] == appearances[-1]
        assert orders == [o for o, _ in scenes if appearances[0] <= o <= appearances[-1]]


def test_no_scenes_no_lines() -> None:
    assert storyline_layout([]) == {}


def test_the_figure_has_a_line_per_character_with_actor(island_index: DatasetIndex) -> None:
    ids = tuple(e.id for e in island_index.story)
    fig = storylines_figure(island_index, shown(island_index, ids))
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    characters = {c for e in island_index.story for c in e.characters}
    assert len(lines) == len(characters)
    for trace in lines:
        assert " (" in trace.name  # "Character (Actor)"
        assert {cd[0] for cd in trace.customdata} <= set(ids)


def test_the_figure_without_beats_says_so(island_index: DatasetIndex) -> None:
    fig = storylines_figure(island_index, shown(island_index, ()))
    assert not fig.data
    assert "No story beats" in fig.layout.annotations[0].text


def test_storylines_survive_plotly_validation_unchanged(island_index: DatasetIndex) -> None:
    # Assembled without Plotly's value checks (for speed): a validating Figure must
    # accept it and change nothing in it.
    spec = storylines_figure(island_index, shown(island_index, STORY_IDS)).to_dict()
    assert go.Figure(spec).to_dict() == spec


def test_too_many_beats_are_a_sample_with_a_note(
    island_index: DatasetIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.charts import storylines

    monkeypatch.setattr(storylines, "MAX_BEATS", 2)
    fig = storylines_figure(island_index, shown(island_index, STORY_IDS))
    assert "\n".join(base.notes_of(fig).lines).startswith(f"Showing 2 of {len(STORY_IDS)} beats")
    assert all("Showing" not in a.text for a in fig.layout.annotations)


# --- where the names go ----------------------------------------------------------

Start = tuple[str, float, int]


def _extents(starts: list[Start], placed: list[Placement], per_char: float) -> dict:
    """Per gap between rows (named by the row above it): the names' extents in beats."""
    gaps: dict[int, list[tuple[float, float, str]]] = {}
    for (name, _, _), (x, row, above) in zip(starts, placed, strict=True):
        gaps.setdefault(row - 1 if above else row, []).append((x, x + len(name) * per_char, name))
    return gaps


def _clashes(starts: list[Start], placed: list[Placement], per_char: float) -> list[tuple]:
    return [
        (a[2], b[2])
        for names in _extents(starts, placed, per_char).values()
        for a, b in itertools.combinations(names, 2)
        if a[0] < b[1] and b[0] < a[1]
    ]


def test_a_name_stays_above_its_line_when_nothing_is_in_the_way() -> None:
    starts = [("Ethan", 1.0, 0), ("Ilsa", 1.0, 1), ("Grace", 9.0, 0)]
    assert place_labels(starts, 0.3) == [(1.0, 0, True), (1.0, 1, True), (9.0, 0, True)]


def test_a_second_name_at_the_same_row_goes_below_it() -> None:
    starts = [("Ethan Hunt", 1.0, 3), ("NSA head", 2.0, 3)]
    assert place_labels(starts, 0.3) == [(1.0, 3, True), (2.0, 3, False)]


def test_with_both_gaps_taken_a_name_moves_right_past_the_nearer_one() -> None:
    # Above row 3 holds "Ethan Hunt"; below it, "Ilsa Faust" (above row 4) a bit longer.
    starts = [("Ethan Hunt", 1.0, 3), ("Ilsa Faust and co", 1.0, 4), ("NSA head", 2.0, 3)]
    (x, row, above) = place_labels(starts, 0.3)[2]
    assert (row, above) == (3, True)
    assert x == pytest.approx(1.0 + 10 * 0.3 + 0.3)  # just clear of "Ethan Hunt"
    assert _clashes(starts, place_labels(starts, 0.3), 0.3) == []


@pytest.mark.parametrize("seed", range(20))
def test_placed_names_never_overlap_and_never_sit_left_of_their_line(seed: int) -> None:
    rng = random.Random(seed)
    starts = [
        (f"Name {'x' * rng.randint(0, 14)}", float(rng.randint(1, 12)), rng.randint(0, 8))
        for _ in range(rng.randint(2, 30))
    ]
    placed = place_labels(starts, 0.3)
    assert _clashes(starts, placed, 0.3) == []
    for (_, start, row), (x, placed_row, _) in zip(starts, placed, strict=True):
        assert placed_row == row
        assert x >= start


def test_the_shipped_storylines_names_do_not_overlap(shipped_index: DatasetIndex) -> None:
    fig = storylines_figure(
        shipped_index, shown(shipped_index, tuple(e.id for e in shipped_index.story))
    )
    names = [a for a in fig.layout.annotations if a.font.size == 11]
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert len(names) == len(lines) > 10  # a name per character's line
    xs = [b.order for b in shipped_index.story]
    per_char = CHAR_PX * (max(xs) - min(xs) + 1.4) / PLOT_PX
    starts: list[Start] = []
    placed: list[Placement] = []
    for a in names:
        text_x = a.ax if a.showarrow else a.x
        row = -int(a.ay if a.showarrow else a.y)
        starts.append((a.text, text_x, row))
        placed.append((text_x, row, a.yanchor == "bottom"))
        if a.showarrow:  # moved: the arrow points back at the start of its line
            assert a.x < a.ax and a.axref == "x" and a.ayref == "y"
    assert _clashes(starts, placed, per_char) == []
    assert any(a.showarrow for a in names), "the shipped cast crowds at least one name"


def test_two_characters_with_one_name_are_two_storylines() -> None:
    # Two guards, both called "Guard": told apart by id, each gets a line of its own.
    document = make_dataset(
        characters=[
            make_character(id="guard-north", name="Guard"),
            make_character(id="guard-south", name="Guard"),
        ],
        events=[
            make_story(id="north", order=1, title="North", characters=["guard-north"]),
            make_story(id="south", order=2, title="South", characters=["guard-south"]),
            make_story(id="both", order=3, title="Both", characters=["guard-north", "guard-south"]),
        ],
    )
    index = build_index(load_bytes(to_bytes(document), "guards.json"))
    fig = storylines_figure(index, shown(index))
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.name for t in lines] == ["Guard (Ada Stone)", "Guard (Ada Stone)"]
    # Each line spans its own guard's beats: one from beat 1, the other from beat 2.
    assert sorted(min(t.x) for t in lines) == [1, 2]
    names = [a.text for a in fig.layout.annotations if a.font.size == 11]
    assert names == ["Guard", "Guard"]
