"""Storyline rows: from the order of the lines at every beat to the row of each line.

The alignment step of the storylines layout (:mod:`timeline.storyline_layout` finds
the orders): as many lines as possible keep their row from one beat to the next, the
rest move as little as they can, and a scene's characters sit on consecutive rows.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from timeline.storyline_layout import Orders, Story

Node = tuple[int, int]  # (unit, start row) of an anchored unit


def align(story: Story, orders: Orders) -> dict[str, list[tuple[int, int]]]:
    """Rows for ``orders``: as many lines as possible keep their row from one beat
    to the next (the fewest wiggles), the rest move as little as they can; a
    scene's characters on consecutive rows."""
    rows: list[dict[int, int]] = []
    prev: dict[int, int] = {}
    for i, chars in enumerate(orders):
        scene = set(story.scenes[i])
        units: list[list[int]] = []
        for c in chars:
            if c in scene and units and units[-1][0] in scene:
                units[-1].append(c)
            else:
                units.append([c])
        now = _place_units(units, prev)
        rows.append(now)
        prev = now
    low = min((r for now in rows for r in now.values()), default=0)
    out: dict[str, list[tuple[int, int]]] = {}
    for i, now in enumerate(rows):
        for c in orders[i]:
            out.setdefault(story.names[c], []).append((story.orders[i], now[c] - low))
    return out


def _place_units(units: list[list[int]], prev: dict[int, int]) -> dict[int, int]:
    """Rows for one beat's units (top to bottom) given the rows of the beat before."""
    sizes = [len(u) for u in units]
    before = np.concatenate([[0], np.cumsum(sizes)]).astype(int)
    # Candidate starts per unit, with how many of its lines keep their row there.
    candidates: list[dict[int, int]] = []
    for members in units:
        gains: dict[int, int] = {}
        for k, c in enumerate(members):
            if c in prev:
                gains[prev[c] - k] = gains.get(prev[c] - k, 0) + 1
        candidates.append(gains)
    # Anchored units must have nondecreasing start - (rows of the units above):
    # the heaviest such chain, by a sweep over the units.
    keys = sorted({t - int(before[u]) for u, g in enumerate(candidates) for t in g})
    # A Fenwick tree of prefix maxima over the keys: (gain, chain's last anchor).
    tree = [0] * (len(keys) + 1)
    holder: list[Node | None] = [None] * (len(keys) + 1)
    back: dict[Node, Node | None] = {}

    def query(k: int) -> tuple[int, Node | None]:
        value, at = 0, None
        k += 1
        while k > 0:
            if tree[k] > value:
                value, at = tree[k], holder[k]
            k -= k & -k
        return value, at

    def update(k: int, value: int, node: Node) -> None:
        k += 1
        while k <= len(keys):
            if value > tree[k]:
                tree[k], holder[k] = value, node
            k += k & -k

    top: tuple[int, Node | None] = (0, None)
    for u, gains in enumerate(candidates):
        found = []
        for t, gain in sorted(gains.items()):
            k = bisect.bisect_left(keys, t - int(before[u]))
            total, at = query(k)
            value = total + gain
            back[(u, t)] = at
            found.append((k, value, (u, t)))
            if value > top[0]:
                top = (value, (u, t))
        for k, value, node in found:
            update(k, value, node)
    anchors: dict[int, int] = {}
    link = top[1]
    while link is not None:
        anchors[link[0]] = link[1]
        link = back[link]
    return _fill(units, sizes, anchors, prev)


def _fill(
    units: list[list[int]], sizes: list[int], anchors: dict[int, int], prev: dict[int, int]
) -> dict[int, int]:
    """Starts for the units between anchors: near their old rows, packed otherwise."""
    n = len(units)
    start: list[int | None] = [anchors.get(u) for u in range(n)]

    def wish(u: int) -> int | None:
        offsets = sorted(prev[c] - k for k, c in enumerate(units[u]) if c in prev)
        return offsets[len(offsets) // 2] if offsets else None

    anchored = sorted(anchors)
    if not anchored:
        t = 0
        for u in range(n):
            start[u] = t
            t += sizes[u]
    else:
        # Above the first anchor: upwards from it.
        limit = anchors[anchored[0]]
        for u in range(anchored[0] - 1, -1, -1):
            w = wish(u)
            t = limit - sizes[u] if w is None else min(w, limit - sizes[u])
            start[u] = limit = t
        # Between anchors and below the last one: downwards, leaving room.
        for a, b in [*pairwise(anchored), (anchored[-1], None)]:
            floor = anchors[a] + sizes[a]
            for u in range(a + 1, n if b is None else b):
                w = wish(u)
                t = floor if w is None else max(w, floor)
                if b is not None:
                    t = min(t, anchors[b] - sum(sizes[u:b]))
                start[u] = t
                floor = t + sizes[u]
    out: dict[int, int] = {}
    for u, members in enumerate(units):
        s = start[u]
        assert s is not None
        for k, c in enumerate(members):
            out[c] = s + k
    return out
