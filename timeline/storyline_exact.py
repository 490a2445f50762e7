"""The exact storyline orders: crossing minimisation as an integer program (HiGHS).

The linear-ordering model of Gronemann et al. (2016), reduced. At every beat the
scene's characters must sit together, so to everyone outside the scene they are one
node (the "block"): one binary per pair of nodes says which is above, transitivity
holds over every triple of nodes, and the block's own order is a second, smaller
linear order. A crossing variable per pair of characters active at two consecutive
beats is 1 where that pair's order flips. Mirroring a layout keeps its crossings,
so one pair's order is fixed (to the heuristic's). The heuristic's orders are the
starting solution, and so an upper bound from the first node.

HiGHS runs single-threaded with a fixed seed; when it stops at the time limit the
best solution found so far is returned, marked not proven optimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, permutations
from math import comb

import highspy
import numpy as np

from timeline.storyline_layout import Orders, Story, order_crossings

#: Below this the time limit is not worth starting the solver for.
MIN_SECONDS = 0.05
#: Branch-and-bound nodes the layout may spend (about 1.5 s on the shipped story).
MAX_NODES = 2_000
#: The largest model worth building: transitivity rows plus character triples (see
#: :func:`model_size`). Building costs time the budget does not have past this
#: (40 characters by 200 beats is about 780,000; the shipped story about 1,400).
MAX_SIZE = 100_000
#: Model size built and solved per second of time limit, kept on the safe side.
SIZE_PER_SECOND = 50_000


@dataclass(frozen=True)
class Solved:
    """The exact model's orders, their crossings, whether proven optimal, and the
    proven lower bound on crossings."""

    orders: Orders
    crossings: int
    optimal: bool
    bound: float


# A literal: the value of "a above b" as ``const + sign * column``.
Literal = tuple[int, int, int]


class _Model:
    """Columns and rows of the program, built as plain lists."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.cost: list[float] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.starts: list[int] = [0]
        self.index: list[int] = []
        self.value: list[float] = []

    def column(self, *, cost: float = 0.0) -> int:
        self.lower.append(0.0)
        self.upper.append(1.0)
        self.cost.append(cost)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        merged: dict[int, float] = {}
        for col, coef in terms:
            merged[col] = merged.get(col, 0.0) + coef
        for col, coef in merged.items():
            if coef:
                self.index.append(col)
                self.value.append(coef)
        self.starts.append(len(self.index))
        self.row_lower.append(lower)
        self.row_upper.append(upper)


def _beat_variables(model: _Model, story: Story, i: int) -> dict[tuple[int, int], Literal]:
    """The columns and rows of beat ``i``; "a above b" as a literal for every pair of
    active characters (a < b). Nodes are the outsiders and the block (as ``-1``)."""
    scene = set(story.scenes[i]) if len(story.scenes[i]) > 1 else set()
    outsiders = [c for c in story.active[i] if c not in scene]
    nodes = ([-1] if scene else []) + outsiders
    node_var: dict[tuple[int, int], int] = {}
    for u, v in combinations(nodes, 2):
        node_var[(u, v)] = model.column()
    for u, v, w in combinations(nodes, 3):
        # u above v and v above w imply u above w (and the reverse).
        model.row([(node_var[(u, v)], 1), (node_var[(v, w)], 1), (node_var[(u, w)], -1)], 0, 1)
    members = sorted(scene)
    inner: dict[tuple[int, int], int] = {}
    for a, b in combinations(members, 2):
        inner[(a, b)] = model.column()
    for a, b, c in combinations(members, 3):
        model.row([(inner[(a, b)], 1), (inner[(b, c)], 1), (inner[(a, c)], -1)], 0, 1)
    literals: dict[tuple[int, int], Literal] = {}
    active = story.active[i]
    for a, b in combinations(active, 2):
        if a in scene and b in scene:
            literals[(a, b)] = (0, 1, inner[(a, b)])
            continue
        u, v = (-1 if a in scene else a), (-1 if b in scene else b)
        if (u, v) in node_var:
            literals[(a, b)] = (0, 1, node_var[(u, v)])
        else:
            literals[(a, b)] = (1, -1, node_var[(v, u)])
    return literals


def model_size(story: Story) -> int:
    """How big the model of ``story`` would be, cheaply: the transitivity rows of every
    beat (over its nodes) plus the character triples the cuts look at."""
    size = comb(len(story.names), 3)
    for i, active in enumerate(story.active):
        scene = len(story.scenes[i]) if len(story.scenes[i]) > 1 else 0
        nodes = len(active) - scene + (1 if scene else 0)
        size += comb(nodes, 3) + comb(scene, 3)
    return size


def solve(
    story: Story, hint: Orders, *, time_limit: float, max_nodes: int = MAX_NODES, seed: int = 0
) -> Solved | None:
    """Orders with the fewest crossings, or the best found within ``max_nodes``
    branch-and-bound nodes (a limit that does not depend on the machine, so the
    result does not either) or, on a slow machine, ``time_limit`` seconds.

    ``hint`` (the heuristic's orders) is the starting solution. None when there was
    no time to start, or the model is too big to build in the time (or at all:
    past :data:`MAX_SIZE`, which keeps the decision independent of the machine).
    """
    if time_limit < MIN_SECONDS:
        return None
    size = model_size(story)
    if size > MAX_SIZE or size > SIZE_PER_SECOND * time_limit:
        return None
    model = _Model()
    per_beat = [_beat_variables(model, story, i) for i in range(story.beats)]
    flips: list[tuple[int, tuple[int, int], int]] = []
    for i in range(story.beats - 1):
        now, after = per_beat[i], per_beat[i + 1]
        for pair, (k0, s0, c0) in now.items():
            if pair not in after:
                continue
            k1, s1, c1 = after[pair]
            flip = model.column(cost=1.0)
            flips.append((i, pair, flip))
            # flip >= x_i - x_{i+1} and flip >= x_{i+1} - x_i
            model.row([(flip, 1), (c0, -s0), (c1, s1)], k0 - k1, np.inf)
            model.row([(flip, 1), (c0, s0), (c1, -s1)], k1 - k0, np.inf)
    _triple_cuts(model, story, flips)
    start = _hint_values(hint, per_beat, flips, len(model.cost))
    _break_mirror(model, per_beat, start)

    lp = highspy.HighsLp()
    lp.num_col_ = len(model.cost)
    lp.num_row_ = len(model.row_lower)
    lp.col_cost_ = np.array(model.cost)
    lp.col_lower_ = np.array(model.lower)
    lp.col_upper_ = np.array(model.upper)
    lp.row_lower_ = np.array(model.row_lower)
    lp.row_upper_ = np.array(model.row_upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_ = lp.num_col_
    lp.a_matrix_.num_row_ = lp.num_row_
    lp.a_matrix_.start_ = np.array(model.starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(model.index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(model.value)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * lp.num_col_
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    for option, value in (
        ("output_flag", False),
        ("threads", 1),
        ("random_seed", seed),
        ("time_limit", float(time_limit)),
        ("mip_rel_gap", 0.0),
        ("mip_max_nodes", max_nodes),
        # Strong branching costs more than it saves on these models (measured).
        ("mip_pscost_minreliable", 0),
    ):
        h.setOptionValue(option, value)
    h.passModel(lp)
    solution = highspy.HighsSolution()
    solution.col_value = list(start)
    solution.value_valid = True
    h.setSolution(solution)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    if info.primal_solution_status != 2:  # kSolutionStatusFeasible
        return None
    values = np.asarray(h.getSolution().col_value)
    orders = _orders_from(story, per_beat, values)
    return Solved(
        orders=orders,
        crossings=order_crossings(story, orders),
        optimal=status == highspy.HighsModelStatus.kOptimal,
        bound=float(info.mip_dual_bound),
    )


PERMUTATIONS = tuple(permutations(range(3)))
PAIRS = ((0, 1), (0, 2), (1, 2))


def _triple_cuts(
    model: _Model, story: Story, flips: list[tuple[int, tuple[int, int], int]]
) -> None:
    """Lower bounds the LP cannot see: for three characters, the fewest flips among
    their three pairs that the scenes force while all three are active (a shortest
    path over the six orders of three), as a row over those pairs' flip columns."""
    column = {(i, pair): col for i, pair, col in flips}
    distance = [
        [
            sum((p.index(x) < p.index(y)) != (q.index(x) < q.index(y)) for x, y in PAIRS)
            for q in PERMUTATIONS
        ]
        for p in PERMUTATIONS
    ]
    n = len(story.names)
    for trio in combinations(range(n), 3):
        lo = max(story.first[c] for c in trio)
        hi = min(story.last[c] for c in trio)
        if hi - lo < 1:
            continue
        cost = [0] * 6
        for i in range(lo, hi + 1):
            inside = [k for k, c in enumerate(trio) if c in story.scenes[i]]
            allowed = [
                len(inside) != 2 or abs(p.index(inside[0]) - p.index(inside[1])) == 1
                for p in PERMUTATIONS
            ]
            if i > lo:
                cost = [min(cost[a] + distance[a][b] for a in range(6)) for b in range(6)]
            cost = [c if ok else 10**6 for c, ok in zip(cost, allowed, strict=True)]
        forced = min(cost)
        if forced == 0:
            continue
        a, b, c = trio
        terms = [
            (column[(i, pair)], 1.0) for i in range(lo, hi) for pair in ((a, b), (a, c), (b, c))
        ]
        model.row(terms, float(forced), np.inf)


def _hint_values(
    hint: Orders,
    per_beat: list[dict[tuple[int, int], Literal]],
    flips: list[tuple[int, tuple[int, int], int]],
    n_columns: int,
) -> list[float]:
    """Column values of the ``hint`` orders (node pairs, block orders, flips)."""
    values = [0.0] * n_columns
    pos = [{c: k for k, c in enumerate(order)} for order in hint]
    for i, literals in enumerate(per_beat):
        for (a, b), (k, s, col) in literals.items():
            x = 1 if pos[i][a] < pos[i][b] else 0
            values[col] = float((x - k) * s)
    for i, (a, b), col in flips:
        values[col] = float((pos[i][a] < pos[i][b]) != (pos[i + 1][a] < pos[i + 1][b]))
    return values


def _break_mirror(
    model: _Model, per_beat: list[dict[tuple[int, int], Literal]], start: list[float]
) -> None:
    """Fix the first pair's order to the hint's: the mirror image costs the same."""
    for literals in per_beat:
        if literals:
            _, _, col = next(iter(literals.values()))
            model.lower[col] = model.upper[col] = start[col]
            return


def _orders_from(
    story: Story, per_beat: list[dict[tuple[int, int], Literal]], values: np.ndarray
) -> Orders:
    """Each beat's order from the solution: a character's rank is how many are above."""
    out: Orders = []
    for i, literals in enumerate(per_beat):
        above = dict.fromkeys(story.active[i], 0)
        for (a, b), (k, s, col) in literals.items():
            if k + s * round(values[col]) == 1:
                above[b] += 1
            else:
                above[a] += 1
        out.append(sorted(above, key=above.__getitem__))
    return out
