"""Storyline layout: the order of the lines at every beat, then their rows.

A story is a run of beats, each with the characters in its scene. At every beat the
characters *active* then (from their first scene to their last) are stacked in an
order, with the scene's characters next to each other; each then gets a row. The
layout minimises, in this order: crossings (a pair of lines that swap order between
two consecutive beats, counted once per pair per step), wiggles (a line changing row
between two consecutive beats) and their heights, then the rows used.

Two engines behind :func:`lay_out`: a heuristic (greedy insertion of each scene's
block, two-sided sifting at every beat, seeded restarts) that always runs, and the
exact model of :mod:`timeline.storyline_exact`, run on what is left of a time budget
with the heuristic's layout as its starting point and used only when it is no worse.
Both give orders; :func:`timeline.storyline_rows.align` turns orders into rows.
:func:`measure` is the one crossing and wiggle counter (the chart, the CLI, the
benchmark and the tests use it).
Characters are keyed by id, never by name. Deterministic: fixed seeds, no clock in
the heuristic.
"""

from __future__ import annotations

import bisect
import math
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from timeline.storyline_rows import align

Scenes = Sequence[tuple[int, Sequence[str]]]
#: Rows of each character at each beat of its span: ``{id: ((order, row), ...)}``.
Rows = Mapping[str, Sequence[tuple[int, int]]]
#: Per beat, the active characters (as indices into ``Story.names``) top to bottom.
Orders = list[list[int]]

#: The whole layout's time budget in seconds (heuristic first, exact model after).
BUDGET_S = 2.0
#: Kept back from the exact model's time limit: it stops a little after it.
SAFETY_S = 0.2
SEED = 16


@dataclass(frozen=True)
class Measure:
    """What a layout costs: crossings, wiggles, their total height, rows used."""

    crossings: int
    wiggles: int
    wiggle_height: int
    rows: int


@dataclass(frozen=True)
class Layout:
    """A laid-out story: rows per character and what they cost.

    ``optimal`` is True when the exact model proved that no layout has fewer
    crossings; ``engine`` says whose orders were used ("heuristic" or "exact");
    ``seconds`` is the time it took (cold); ``lower_bound`` the fewest crossings
    any layout could have, as far as the exact model proved.
    """

    rows: Rows
    measure: Measure
    seconds: float
    optimal: bool
    engine: str
    lower_bound: int = 0


@dataclass(frozen=True)
class Story:
    """The beats prepared for layout: characters as indices in order of appearance."""

    orders: tuple[int, ...]
    names: tuple[str, ...]
    scenes: tuple[tuple[int, ...], ...]
    active: tuple[tuple[int, ...], ...]
    first: tuple[int, ...]
    last: tuple[int, ...]

    @classmethod
    def of(cls, scenes: Scenes) -> Story:
        """Prepare ``scenes`` (order, character ids), in narrative order."""
        index: dict[str, int] = {}
        members: list[tuple[int, ...]] = []
        for _, people in scenes:
            for person in people:
                index.setdefault(person, len(index))
            members.append(tuple(dict.fromkeys(index[p] for p in people)))
        first = [len(scenes)] * len(index)
        last = [-1] * len(index)
        for i, scene in enumerate(members):
            for c in scene:
                first[c] = min(first[c], i)
                last[c] = i
        active = tuple(
            tuple(c for c in range(len(index)) if first[c] <= i <= last[c])
            for i in range(len(members))
        )
        return cls(
            orders=tuple(order for order, _ in scenes),
            names=tuple(index),
            scenes=tuple(members),
            active=active,
            first=tuple(first),
            last=tuple(last),
        )

    @property
    def beats(self) -> int:
        """How many beats the story has."""
        return len(self.scenes)


def measure(rows: Rows) -> Measure:
    """Crossings, wiggles (and their heights) and rows used of any layout's ``rows``.

    A crossing is a pair of lines whose order differs between two consecutive beats
    (once per pair per step); a wiggle is a line whose row differs between two
    consecutive beats. Beats are the orders that appear in ``rows``.
    """
    at: dict[int, dict[str, int]] = {}
    wiggles = height = 0
    for name, points in rows.items():
        for order, row in points:
            at.setdefault(order, {})[name] = row
        for (_, a), (_, b) in pairwise(points):
            wiggles += a != b
            height += abs(a - b)
    crossings = 0
    beats = sorted(at)
    for before, after in pairwise(beats):
        common = [n for n in at[before] if n in at[after]]
        if len(common) < 2:
            continue
        r0 = np.array([at[before][n] for n in common])
        r1 = np.array([at[after][n] for n in common])
        above0 = r0[:, None] < r0[None, :]
        below1 = r1[:, None] > r1[None, :]
        crossings += int(np.count_nonzero(above0 & below1))
    used = {row for points in rows.values() for _, row in points}
    return Measure(crossings, wiggles, height, len(used))


def order_crossings(story: Story, orders: Orders) -> int:
    """Crossings of ``orders`` (the heuristic's own fast count; agrees with :func:`measure`)."""
    total = 0
    for i in range(story.beats - 1):
        pos1 = {c: k for k, c in enumerate(orders[i + 1])}
        seq = [pos1[c] for c in orders[i] if c in pos1]
        total += _inversions(seq)
    return total


def _inversions(seq: list[int]) -> int:
    """Pairs out of order in ``seq`` (distinct values)."""
    seen: list[int] = []
    count = 0
    for value in reversed(seq):
        count += bisect.bisect_left(seen, value)
        bisect.insort(seen, value)
    return count


def _greedy(story: Story, rng: random.Random | None, *, backwards: bool) -> Orders:
    """Orders built beat by beat: those outside the scene keep their order, the
    scene's block goes where it crosses the fewest lines of the previous beat."""
    n = story.beats
    out: Orders = [[] for _ in range(n)]
    beats = range(n - 1, -1, -1) if backwards else range(n)
    prev: dict[int, int] = {}
    for i in beats:
        scene = set(story.scenes[i])
        outsiders = sorted((c for c in story.active[i] if c not in scene), key=prev.__getitem__)
        old = sorted((c for c in story.scenes[i] if c in prev), key=prev.__getitem__)
        new = [c for c in story.scenes[i] if c not in prev]
        if rng is not None:
            rng.shuffle(new)
        block = list(old)
        for c in new:
            block.insert(rng.randint(0, len(block)) if rng is not None else len(block), c)
        slot = _best_slot(outsiders, old, prev, rng)
        out[i] = outsiders[:slot] + block + outsiders[slot:]
        prev = {c: k for k, c in enumerate(out[i])}
    return out


def _best_slot(
    outsiders: list[int], members: list[int], prev: dict[int, int], rng: random.Random | None
) -> int:
    """Where among ``outsiders`` the block of ``members`` crosses the fewest of them."""
    if not outsiders:
        return 0
    mp = np.array([prev[m] for m in members], dtype=float)
    op = np.array([prev[k] for k in outsiders], dtype=float)
    # Cost of slot p: outsiders above it that were below a member, and vice versa.
    below = (op[:, None] > mp[None, :]).sum(axis=1) if len(mp) else np.zeros(len(op))
    above = len(mp) - below
    costs = np.concatenate([[0], np.cumsum(below)]) + np.concatenate(
        [np.cumsum(above[::-1])[::-1], [0]]
    )
    centre = float(np.searchsorted(op, mp.mean())) if len(mp) else len(op) / 2
    slots = np.flatnonzero(costs == costs.min())
    if rng is not None:
        return int(rng.choice(list(slots)))
    return int(slots[np.argmin(np.abs(slots - centre))])


def _sift(weights: np.ndarray, order: list[int]) -> bool:
    """Move items of ``order`` (in place) to where they cost least, given
    ``weights[u, v]`` = the cost of ``u`` above ``v``; True if anything moved."""
    moved = False
    for _ in range(8):
        changed = False
        for u in list(order):
            rest = [v for v in order if v != u]
            a = weights[rest, u]
            b = weights[u, rest]
            costs = np.concatenate([[0], np.cumsum(a)]) + np.concatenate(
                [np.cumsum(b[::-1])[::-1], [0]]
            )
            here = order.index(u)
            best = int(np.argmin(costs))
            if costs[best] < costs[here] - 1e-9:
                order[:] = [*rest[:best], u, *rest[best:]]
                changed = moved = True
        if not changed:
            break
    return moved


class _Board:
    """Orders being improved, with every beat's positions as an array (-1: inactive)."""

    def __init__(self, story: Story, orders: Orders) -> None:
        self.story = story
        self.orders = orders
        self.pos = np.full((story.beats, len(story.names)), -1, dtype=np.int64)
        for i, order in enumerate(orders):
            self.pos[i, order] = np.arange(len(order))
        self.common = [
            np.array(sorted(set(story.active[i]) & set(story.active[i + 1])), dtype=np.int64)
            for i in range(story.beats - 1)
        ]
        self.scene = [np.array(scene, dtype=np.int64) for scene in story.scenes]

    def set(self, i: int, order: list[int]) -> None:
        """Replace beat ``i``'s order."""
        self.pos[i, self.orders[i]] = -1
        self.orders[i] = order
        self.pos[i, order] = np.arange(len(order))


def _improve_beat(board: _Board, i: int) -> bool:
    """Re-order beat ``i`` against its neighbours (blocks and lines sifted)."""
    story = board.story
    chars = board.orders[i]
    if len(chars) < 2:
        return False
    index = np.array(chars)
    m = len(chars)
    w = np.zeros((m, m))
    for j in (i - 1, i + 1):
        if 0 <= j < story.beats:
            p = board.pos[j, index]
            valid = p >= 0
            w += (p[None, :] < p[:, None]) & valid[:, None] & valid[None, :]
    scene = set(story.scenes[i])
    units: list[list[int]] = []
    for k, c in enumerate(chars):
        if c in scene and units and chars[units[-1][0]] in scene:
            units[-1].append(k)
        else:
            units.append([k])
    group = np.zeros((len(units), m))
    for u, members in enumerate(units):
        group[u, members] = 1
    unit_order = list(range(len(units)))
    moved = _sift(group @ w @ group.T, unit_order)
    block = [k for k, c in enumerate(chars) if c in scene]
    if len(block) > 1:
        local = list(range(len(block)))
        if _sift(w[np.ix_(block, block)], local):
            moved = True
            block = [block[k] for k in local]
    if not moved:
        return False
    out: list[int] = []
    for u in unit_order:
        out.extend(chars[k] for k in (block if chars[units[u][0]] in scene else units[u]))
    board.set(i, out)
    return True


def _local_search(board: _Board, *, sweeps: int = 12) -> None:
    """Sift beat after beat, forwards then backwards, until nothing improves."""
    n = board.story.beats
    todo = set(range(n))
    for sweep in range(sweeps):
        beats = range(n) if sweep % 2 == 0 else range(n - 1, -1, -1)
        changed: set[int] = set()
        for i in beats:
            if i in todo and _improve_beat(board, i):
                changed |= {i - 1, i, i + 1}
        if not changed:
            return
        todo = changed


def _reroute(board: _Board, c: int) -> bool:
    """Re-thread character ``c`` through its whole span, everyone else fixed: the
    slot at every beat by a shortest path (its crossings with the others), its
    scene's block kept whole. True if its line changed."""
    story = board.story
    beats = range(story.first[c], story.last[c] + 1)
    if len(beats) < 2:
        return False
    # Positions of everyone else once c is taken out, per beat of its span.
    here = board.pos[beats.start : beats.stop, c]
    pos = board.pos[beats.start : beats.stop]
    adjusted = pos - (pos > here[:, None])
    adjusted[:, c] = -1
    sizes = [len(story.active[i]) for i in beats]  # slots: 0 .. size - 1
    allowed: list[np.ndarray] = []
    for k, i in enumerate(beats):
        ok = np.ones(sizes[k], dtype=bool)
        members = adjusted[k, board.scene[i]]
        members = members[members >= 0]
        if len(members) and c in story.scenes[i]:
            ok[:] = False
            ok[members.min() : members.max() + 2] = True
        elif len(members) > 1:
            ok[members.min() + 1 : members.max() + 1] = False
        allowed.append(ok)
    # A tiny charge for leaving the current slot keeps ties where they are.
    penalty = 1e-4 / len(beats)
    cost = np.where(allowed[0], penalty, np.inf)
    cost[here[0]] -= penalty
    choice: list[np.ndarray] = []
    for k in range(1, len(beats)):
        common = board.common[beats.start + k - 1]
        common = common[common != c]
        a = (adjusted[k - 1, common][:, None] < np.arange(sizes[k - 1])[None, :]).astype(float)
        b = (adjusted[k, common][:, None] < np.arange(sizes[k])[None, :]).astype(float)
        step = a.sum(axis=0)[:, None] + b.sum(axis=0)[None, :] - 2 * (a.T @ b)
        total = cost[:, None] + step
        best = np.argmin(total, axis=0)
        cost = total[best, np.arange(sizes[k])] + penalty
        cost[here[k]] -= penalty
        cost[~allowed[k]] = np.inf
        choice.append(best)
    slot = int(np.argmin(cost))
    path = [slot]
    for best in reversed(choice):
        slot = int(best[slot])
        path.append(slot)
    path.reverse()
    if path == [int(h) for h in here]:
        return False
    for k, i in enumerate(beats):
        others = [x for x in board.orders[i] if x != c]
        board.set(i, [*others[: path[k]], c, *others[path[k] :]])
    return True


def _polish(board: _Board, *, rounds: int) -> int:
    """Local search to a fixed point (or ``rounds``): beats sifted, then every line
    re-threaded; the crossings at the end."""
    story = board.story
    _local_search(board)
    cost = order_crossings(story, board.orders)
    for _ in range(rounds):
        for c in range(len(story.names)):
            _reroute(board, c)
        _local_search(board)
        now = order_crossings(story, board.orders)
        if now >= cost:
            return now
        cost = now
    return cost


def heuristic_orders(story: Story, *, restarts: int | None = None, seed: int = SEED) -> Orders:
    """The heuristic's orders: greedy starts (forwards, backwards, then seeded random
    ones), each polished by local search; the one with the fewest crossings (then
    wiggles, then rows, once aligned)."""
    if story.beats == 0:
        return []
    size = sum(len(a) ** 2 for a in story.active) + 1
    if restarts is None:
        # Fewer restarts for big casts, so that 100 characters by 400 beats fit in 3 s.
        restarts = max(1, min(16, 30_000 // size))
    rounds = max(1, min(20, 400_000 // size))
    rng = random.Random(seed)
    best: Orders = []
    best_key: tuple[int, int, int, int] | None = None
    for r in range(restarts):
        start = _greedy(story, rng if r >= 2 else None, backwards=r % 2 == 1)
        _polish(_Board(story, start), rounds=rounds)
        key = _key(measure(align(story, start)))
        if best_key is None or key < best_key:
            best, best_key = start, key
    return best


def lay_out(
    scenes: Scenes, *, budget_s: float = BUDGET_S, exact: bool = True, max_nodes: int | None = None
) -> Layout:
    """Lay out ``scenes`` (order, character ids) within ``budget_s`` seconds, cold.

    The heuristic always runs; with ``exact`` the exact model gets the time left (and
    at most ``max_nodes`` branch-and-bound nodes) and its layout replaces the
    heuristic's only when it is better: fewer crossings, or (when proven optimal)
    as many with fewer wiggles or rows.
    """
    started = time.perf_counter()
    story = Story.of(scenes)
    orders = heuristic_orders(story)
    rows = align(story, orders)
    result = measure(rows)
    optimal, engine, bound = result.crossings == 0, "heuristic", float(result.crossings)
    if not optimal:
        bound = 0.0
    left = budget_s - (time.perf_counter() - started)
    if exact and not optimal:
        from timeline import storyline_exact

        solved = storyline_exact.solve(
            story,
            orders,
            time_limit=left - SAFETY_S,
            max_nodes=storyline_exact.MAX_NODES if max_nodes is None else max_nodes,
        )
        if solved is not None:
            exact_rows = align(story, solved.orders)
            exact_result = measure(exact_rows)
            # A proven optimum is found the same way on any machine; a solution cut
            # short by the clock is taken only for fewer crossings.
            better = exact_result.crossings < result.crossings or (
                solved.optimal and _key(exact_result) < _key(result)
            )
            if better:
                rows, result, engine = exact_rows, exact_result, "exact"
            bound = max(bound, solved.bound)
            optimal = solved.optimal and result.crossings <= solved.crossings
    seconds = time.perf_counter() - started
    return Layout(rows, result, seconds, optimal, engine, math.ceil(bound - 1e-6))


def _key(m: Measure) -> tuple[int, int, int, int]:
    return (m.crossings, m.wiggles, m.wiggle_height, m.rows)


@lru_cache(maxsize=32)
def cached_layout(scenes: tuple[tuple[int, tuple[str, ...]], ...]) -> Layout:
    """:func:`lay_out` memoised by the scenes themselves (a rerun costs nothing)."""
    return lay_out(scenes)
