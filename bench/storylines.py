"""The storylines layout, measured: crossings, wiggles and time, old layout beside new.

    .venv/bin/python -m bench.storylines [--sizes 40x200,100x400] [--seconds S]

Cases: the shipped story, and seeded synthetic casts of ``characters x beats`` whose
scenes are drawn the way :mod:`bench.synth` draws them (one to four characters a
beat, a few leads in most scenes). For each: the greedy layout the chart drew before
issue 16 (kept here as the baseline), the heuristic alone, and the layout the chart
draws (heuristic, then the exact model on what is left of the budget), with
crossings and wiggles from the one counter, :func:`timeline.storyline_layout.measure`.
``--seconds`` gives the exact model a longer budget too, to prove an optimum.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from typing import Any

from bench.common import ROOT
from timeline.loading import load_path
from timeline.models import StoryEvent
from timeline.storyline_layout import (
    Scenes,
    Story,
    heuristic_orders,
    lay_out,
    measure,
)
from timeline.storyline_rows import align

DEFAULT_SIZES = ((40, 200), (100, 400))
# The greedy layout's constants, as they were.
COOLDOWN = 1
PULL = 0.3


def synthetic_scenes(characters: int, beats: int, *, seed: int = 0) -> list[tuple[int, list[str]]]:
    """``beats`` scenes over a cast of ``characters``, skewed like :mod:`bench.synth`."""
    rng = random.Random(seed)
    cast = [f"c{k:03d}" for k in range(characters)]
    weights = [1 / (k + 1) for k in range(characters)]
    return [
        (order, sorted(set(rng.choices(cast, weights, k=rng.randint(1, 4)))))
        for order in range(1, beats + 1)
    ]


def shipped_scenes() -> list[tuple[int, list[str]]]:
    """The shipped story's scenes, in narrative order."""
    ds = load_path(ROOT / "data" / "events.json")
    story = sorted((e for e in ds.events if isinstance(e, StoryEvent)), key=lambda e: e.order)
    return [(e.order, list(e.characters)) for e in story]


def _nearest_free_block(size: int, target: float, taken: set[int], pull: float) -> int:
    best: int | None = None
    best_cost = 0.0
    low = int(min(target, pull) - size - len(taken) - 2)
    high = int(max(target, pull) + size + len(taken) + 2)
    for start in range(low, high + 1):
        if any(row in taken for row in range(start, start + size)):
            continue
        middle = start + (size - 1) / 2
        cost = abs(middle - target) + PULL * abs(middle - pull)
        if best is None or cost < best_cost:
            best, best_cost = start, cost
    assert best is not None
    return best


def greedy_layout(scenes: Scenes) -> dict[str, list[tuple[int, int]]]:
    """The layout the chart drew before issue 16: each scene's block placed beat by
    beat near its characters' rows, everyone else holding their row."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, (_, people) in enumerate(scenes):
        for person in people:
            first.setdefault(person, i)
            last[person] = i
    rows: dict[str, int] = {}
    out: dict[str, list[tuple[int, int]]] = {name: [] for name in first}
    for i, (order, people) in enumerate(scenes):
        present = list(dict.fromkeys(people))
        absent_rows = {
            rows[name]
            for name in rows
            if name not in present and first[name] <= i <= last[name] + COOLDOWN
        }
        known = [rows[p] for p in present if p in rows]
        active = [rows[n] for n in rows if first[n] <= i <= last[n]]
        pull = sum(active) / len(active) if active else 0.0
        target = sum(known) / len(known) if known else pull
        present.sort(key=lambda p: (rows.get(p, 10**9), first[p]))
        start = _nearest_free_block(len(present), target, absent_rows, pull)
        for offset, person in enumerate(present):
            rows[person] = start + offset
        for name, row in rows.items():
            if first[name] <= i <= last[name]:
                out[name].append((order, row))
    return out


def measure_case(scenes: Scenes, *, seconds: float | None = None) -> dict[str, Any]:
    """Old greedy, heuristic alone and the chart's layout (and a longer exact run)."""
    started = time.perf_counter()
    old = measure(greedy_layout(scenes))
    old_s = time.perf_counter() - started
    started = time.perf_counter()
    story = Story.of(scenes)
    heuristic = measure(align(story, heuristic_orders(story)))
    heuristic_s = time.perf_counter() - started
    chart = lay_out(scenes)
    out: dict[str, Any] = {
        "characters": len(story.names),
        "beats": story.beats,
        "old": {"crossings": old.crossings, "wiggles": old.wiggles, "seconds": old_s},
        "heuristic": {
            "crossings": heuristic.crossings,
            "wiggles": heuristic.wiggles,
            "seconds": heuristic_s,
        },
        "new": _layout_dict(chart),
    }
    if seconds is not None:
        out["long"] = _layout_dict(lay_out(scenes, budget_s=seconds, max_nodes=10**9))
    return out


def _layout_dict(layout: Any) -> dict[str, Any]:
    return {
        "crossings": layout.measure.crossings,
        "wiggles": layout.measure.wiggles,
        "seconds": layout.seconds,
        "optimal": layout.optimal,
        "lower_bound": layout.lower_bound,
        "engine": layout.engine,
    }


def run(
    sizes: Sequence[tuple[int, int]] = DEFAULT_SIZES, *, seconds: float | None = None
) -> dict[str, Any]:
    """Every case, keyed "shipped" and "CxB" (characters x beats)."""
    cases: dict[str, Any] = {"shipped": measure_case(shipped_scenes(), seconds=seconds)}
    for characters, beats in sizes:
        cases[f"{characters}x{beats}"] = measure_case(
            synthetic_scenes(characters, beats), seconds=seconds
        )
    return cases


def render(cases: dict[str, Any]) -> str:
    """The cases as a table: crossings / wiggles / seconds, old beside new."""
    from bench.report import secs, table

    rows = []
    for name, case in cases.items():
        old, heur, new = case["old"], case["heuristic"], case["new"]
        long = case.get("long")
        rows.append(
            [
                f"{name} ({case['characters']} x {case['beats']})",
                f"{old['crossings']} / {old['wiggles']} / {secs(old['seconds'])}",
                f"{heur['crossings']} / {heur['wiggles']} / {secs(heur['seconds'])}",
                f"{new['crossings']} / {new['wiggles']} / {secs(new['seconds'])}",
                _proof(new),
                "—"
                if long is None
                else f"{long['crossings']} {_proof(long)} in {secs(long['seconds'])}",
            ]
        )
    header = ["case", "old greedy", "heuristic", "chart layout", "proof", "longer exact run"]
    return "Storylines: crossings / wiggles / time\n" + table(header, rows)


def _proof(layout: dict[str, Any]) -> str:
    if layout["optimal"]:
        return "optimal"
    return f"bound {layout['lower_bound']}"


def _size(text: str) -> tuple[int, int]:
    characters, beats = text.lower().split("x")
    return int(characters), int(beats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.storylines", description=__doc__)
    parser.add_argument(
        "--sizes",
        type=lambda s: [_size(p) for p in s.split(",") if p.strip()],
        default=list(DEFAULT_SIZES),
        help="synthetic casts as CHARACTERSxBEATS, comma-separated (default 40x200,100x400)",
    )
    parser.add_argument("--seconds", type=float, help="also run the exact model this long")
    args = parser.parse_args(argv)
    print(render(run(args.sizes, seconds=args.seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
