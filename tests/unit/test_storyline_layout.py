"""The storylines layout engines: contiguity, spans, determinism, and the optimum.

The exact engine is checked against a brute force over every order of every beat
(small stories only); the heuristic is checked never to claim fewer crossings than
that optimum, with the one counter (:func:`measure`) agreeing with the heuristic's own.
"""

from __future__ import annotations

import itertools
import random

import pytest

from timeline import storyline_exact
from timeline.storyline_layout import (
    Orders,
    Scenes,
    Story,
    heuristic_orders,
    lay_out,
    measure,
    order_crossings,
)
from timeline.storyline_rows import align

HAND_MADE: dict[str, list[tuple[int, list[str]]]] = {
    "square": [(1, ["A", "C"]), (2, ["B", "D"]), (3, ["A", "D"]), (4, ["B", "C"])],
    "all-pairs": [(1, ["A", "B"]), (2, ["C", "D"]), (3, ["A", "C"]), (4, ["B", "D"])],
    "triangle": [(1, ["A", "B"]), (2, ["B", "C"]), (3, ["A", "C"]), (4, ["A", "B", "C"])],
    "crowd-and-swap": [
        (1, ["A", "B", "C", "D"]),
        (2, ["A", "D"]),
        (3, ["B", "C"]),
        (4, ["A", "C"]),
    ],
    "late-comer": [(1, ["A", "B"]), (2, ["C"]), (3, ["A", "C"]), (4, ["B", "D"])],
    # Three pairs in turn while all three are on: one swap at least.
    "forced-swap": [
        (1, ["A", "B", "C"]),
        (2, ["A", "C"]),
        (3, ["A", "B"]),
        (4, ["B", "C"]),
        (5, ["A", "B", "C"]),
    ],
    "two-forced": [
        (1, ["A", "B", "C", "D"]),
        (2, ["A", "C"]),
        (3, ["B", "D"]),
        (4, ["A", "D"]),
        (5, ["B", "C"]),
        (6, ["A", "B"]),
        (7, ["C", "D"]),
        (8, ["A", "B", "C", "D"]),
    ],
}


def _random_scenes(seed: int, *, cast: int = 4, beats: int = 7) -> list[tuple[int, list[str]]]:
    """Everyone on at the first and last beat (so every line spans the story), and
    seeded scenes of one to three between."""
    rng = random.Random(seed)
    names = [f"P{i}" for i in range(cast)]
    middle = [rng.sample(names, rng.randint(1, 3)) for _ in range(beats - 2)]
    return list(enumerate([names, *middle, names], start=1))


RANDOM = {f"random-{seed}": _random_scenes(seed) for seed in range(12)}
ALL = {**HAND_MADE, **RANDOM}


def _contiguous(order: tuple[int, ...], scene: set[int]) -> bool:
    at = [k for k, c in enumerate(order) if c in scene]
    return len(scene) < 2 or at == list(range(at[0], at[0] + len(at)))


def _swaps(before: tuple[int, ...], after: tuple[int, ...]) -> int:
    """Pairs on both beats whose order differs (counted here, independently)."""
    common = [c for c in before if c in after]
    return sum(
        (before.index(a) < before.index(b)) != (after.index(a) < after.index(b))
        for a, b in itertools.combinations(common, 2)
    )


def brute_force_optimum(scenes: Scenes) -> int:
    """The fewest crossings of any orders that keep every scene together: every
    order of every beat, the best chain through them beat by beat."""
    story = Story.of(scenes)
    best: dict[tuple[int, ...], int] = {}
    for i in range(story.beats):
        scene = set(story.scenes[i])
        options = [p for p in itertools.permutations(story.active[i]) if _contiguous(p, scene)]
        if i == 0:
            best = dict.fromkeys(options, 0)
            continue
        best = {p: min(cost + _swaps(q, p) for q, cost in best.items()) for p in options}
    return min(best.values(), default=0)


def _row_at(rows: dict[str, list[tuple[int, int]]]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    for name, points in rows.items():
        for order, row in points:
            out.setdefault(order, {})[name] = row
    return out


def test_brute_force_sees_forced_crossings() -> None:
    # The checks below compare against it, so it must itself count something.
    assert brute_force_optimum(HAND_MADE["forced-swap"]) == 1
    assert brute_force_optimum([(1, ["A", "B"]), (2, ["A"])]) == 0


@pytest.mark.parametrize("scenes", ALL.values(), ids=ALL.keys())
def test_every_scene_sits_on_consecutive_rows(scenes: Scenes) -> None:
    at = _row_at(dict(lay_out(scenes).rows.items()))
    for order, people in scenes:
        taken = sorted(at[order][p] for p in set(people))
        assert taken == list(range(taken[0], taken[0] + len(taken))), (order, people)
        assert len(set(at[order].values())) == len(at[order]), order


@pytest.mark.parametrize("scenes", ALL.values(), ids=ALL.keys())
def test_every_line_spans_its_first_to_last_beat(scenes: Scenes) -> None:
    rows = lay_out(scenes).rows
    assert set(rows) == {p for _, people in scenes for p in people}
    for name, points in rows.items():
        appearances = [order for order, people in scenes if name in people]
        expected = [o for o, _ in scenes if appearances[0] <= o <= appearances[-1]]
        assert [order for order, _ in points] == expected, name


def test_the_same_input_gives_the_same_rows() -> None:
    scenes = _random_scenes(99, cast=10, beats=30)
    first = lay_out(scenes)
    second = lay_out(list(scenes))
    assert dict(first.rows) == dict(second.rows)
    story = Story.of(scenes)
    assert heuristic_orders(story) == heuristic_orders(Story.of(scenes))


@pytest.mark.parametrize("scenes", ALL.values(), ids=ALL.keys())
def test_the_exact_engine_reaches_the_brute_force_optimum(scenes: Scenes) -> None:
    story = Story.of(scenes)
    hint = heuristic_orders(story)
    solved = storyline_exact.solve(story, hint, time_limit=60, max_nodes=100_000)
    optimum = brute_force_optimum(scenes)
    if solved is None:
        # Only when the hint has no pair to order: nothing can cross.
        assert optimum == 0 and order_crossings(story, hint) == 0
        return
    assert solved.optimal
    assert solved.crossings == optimum
    for i, order in enumerate(solved.orders):
        assert sorted(order) == sorted(story.active[i])
        assert _contiguous(tuple(order), set(story.scenes[i]))


@pytest.mark.parametrize("scenes", ALL.values(), ids=ALL.keys())
def test_the_heuristic_never_beats_the_optimum_and_the_counters_agree(scenes: Scenes) -> None:
    story = Story.of(scenes)
    orders: Orders = heuristic_orders(story)
    counted = order_crossings(story, orders)
    assert measure(align(story, orders)).crossings == counted
    assert counted >= brute_force_optimum(scenes)


@pytest.mark.parametrize("scenes", ALL.values(), ids=ALL.keys())
def test_the_layout_is_optimal_on_small_stories_and_says_so(scenes: Scenes) -> None:
    layout = lay_out(scenes, budget_s=60)
    optimum = brute_force_optimum(scenes)
    assert layout.measure.crossings == optimum
    assert layout.optimal
    assert layout.lower_bound == optimum


def test_characters_are_keyed_by_id() -> None:
    # Two ids are two lines, whatever the names they will be drawn with.
    rows = lay_out([(1, ["guard-north", "guard-south"]), (2, ["guard-north"])]).rows
    assert set(rows) == {"guard-north", "guard-south"}
    assert [o for o, _ in rows["guard-north"]] == [1, 2]
    assert [o for o, _ in rows["guard-south"]] == [1]


def test_a_model_too_big_to_build_is_not_started() -> None:
    story = Story.of([(k, [f"c{j}" for j in range(k % 5, 60, 3)]) for k in range(40)])
    assert storyline_exact.model_size(story) > storyline_exact.MAX_SIZE
    assert storyline_exact.solve(story, heuristic_orders(story), time_limit=60) is None


def test_no_scenes_no_rows() -> None:
    layout = lay_out([])
    assert dict(layout.rows) == {}
    assert layout.measure.crossings == 0
