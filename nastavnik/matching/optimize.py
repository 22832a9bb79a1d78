"""The whole-pool assignment as a min-cost flow (OR-Tools), with a proof of optimality.

The problem (a bipartite b-matching): choose pairs ``x[i, j] ∈ {0, 1}`` of mentees ``i`` and
mentors ``j`` among the admissible ones, each mentee at most once, each mentor at most ``c[j]``
times (his free places), maximizing ``Σ w[i, j] · x[i, j]``. With ``coverage_first`` the
weights are ``w + B``, ``B`` larger than any difference of total scores, so that the most pairs
come first and the greatest total among them second.

As a flow: every mentee has a supply of 1 and sends it to the sink either through a mentor
(arc ``i → j`` of cost ``−w``, then ``j → sink`` of capacity ``c[j]``) or straight (``i → sink``
of cost 0: the mentee stays without a mentor, so the problem is never infeasible). OR-Tools'
``SimpleMinCostFlow`` solves it exactly, in integers.

A pool of 10,000 × 5,000 has some fifteen million admissible pairs; the flow gets only a few
of them: each mentee's ``candidates`` best mentors and each mentor's ``candidates`` best
mentees. That the result is optimal over *all* admissible pairs is then proved by linear-
programming duality (the b-matching polytope is integral, so the LP optimum is the integer
one): from shortest-path potentials of the residual network we build prices ``u[i] ≥ 0`` of
mentees and ``v[j] ≥ 0`` of mentors with ``Σu + Σ c·v`` equal to the flow's total, and check
``u[i] + v[j] ≥ w[i, j]`` for every admissible pair. Any feasible dual bounds every primal
solution from above (weak duality), so a dual feasible over all pairs whose value equals the
total proves that no assignment over all pairs does better. Pairs that break the check are
added and the flow is solved again (pricing, as in column generation) until none does.

Pruning is therefore safe by construction, whatever it drops: a dropped pair that an optimum
needs breaks the check and comes back. Between the first :data:`PRUNING_ROUNDS` rounds the flow
also drops the pairs whose slack ``u + v − w`` exceeds :data:`SLACK` points (keeping those it
uses): the next flow is smaller and faster; later rounds only add pairs, and as the pairs are
finitely many, pricing ends. ``tests/test_solver.py`` holds the result equal to the unpruned
flow over every admissible pair, to brute force and to CP-SAT on random pools.

Speed (``benchmarks/matching.py``): the scores are computed once, in integers, and kept
(``Scores``, 2 bytes a cell); the arcs go to OR-Tools as NumPy arrays; the check is one
vectorized pass over the kept scores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from nastavnik.matching.matrix import PairMatrix

#: Each mentee's best admissible mentors, and each mentor's best mentees, given to the flow at first.
DEFAULT_CANDIDATES = 20
#: Pricing rounds before giving up the proof (the flow is still optimal over the pairs it had).
MAX_ROUNDS = 50
#: Between pricing rounds the flow keeps only the pairs it uses and those whose slack
#: ``u[i] + v[j] − w[i, j]`` is at most this many points (smaller flows, same proof).
SLACK = 8
#: Rounds that may drop pairs so; later rounds only add, so that pricing surely ends.
PRUNING_ROUNDS = 5
_NONE = np.iinfo(np.int32).min


@dataclass
class FlowResult:
    """The outcome in the matrix's row order. ``mentor_of[i]``: column of mentee ``i``'s mentor,
    or -1; ``points[i]``: the score of that pair (0 when none). ``status``: the solver's status
    name (``"GREEDY"`` for the baseline); ``proven_optimal``: the duality check held over all
    admissible pairs; ``rounds``: flows solved. ``admissible[i]``: how many admissible mentors
    mentee ``i`` has; ``best[i]``: the best admissible score (meaningless when none)."""

    mentor_of: np.ndarray
    points: np.ndarray
    status: str
    proven_optimal: bool
    rounds: int
    admissible_pairs: int
    flow_pairs: int
    admissible: np.ndarray
    best: np.ndarray


#: The score of an inadmissible cell in a :class:`Scores` block (no score comes near it).
INADMISSIBLE = np.iinfo(np.int16).min
#: Cells kept in memory between the passes of :func:`solve`; a larger pool is scored again at
#: every pass (about 2 bytes a cell: 10,000 × 5,000 mentees × mentors is well within).
CACHE_CELLS = 200_000_000


class Scores:
    """The blocks of ``matrix`` with each inadmissible cell's score set to :data:`INADMISSIBLE`
    (``int16``), computed once and kept while the pool has at most :data:`CACHE_CELLS` cells
    (else computed again at every pass). Iterating yields ``(start, stop, cols, points)``."""

    def __init__(self, matrix: PairMatrix) -> None:
        self.matrix = matrix
        self.cells = sum((stop - start) * len(cols) for start, stop, cols in matrix._groups)
        self._kept = list(self._compute()) if self.cells <= CACHE_CELLS else None

    def _compute(self):
        for block in self.matrix.blocks():
            points = block.points
            points[~block.admissible] = INADMISSIBLE
            yield block.start, block.stop, block.cols, points

    def __iter__(self):
        return iter(self._kept) if self._kept is not None else self._compute()


def _top(masked: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Local (row, column) indexes of each row's ``k`` greatest cells of ``masked`` that are
    above :data:`INADMISSIBLE` (fewer where a row has fewer)."""
    if k <= 0 or not masked.size:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    width = masked.shape[1]
    if k < width:
        cols = np.argpartition(masked, width - k, axis=1)[:, width - k :]
    else:
        cols = np.broadcast_to(np.arange(width), masked.shape)
    rows = np.repeat(np.arange(masked.shape[0]), cols.shape[1])
    cols = cols.ravel()
    keep = masked[rows, cols] > INADMISSIBLE
    return rows[keep], cols[keep].astype(np.int64)


class _Edges:
    """The candidate pairs given to the flow, with their (shifted) weights.

    Never holds a pair twice: the first pairs are distinct cells, and a pair that breaks the
    duality check cannot be among them (the prices satisfy it on every pair of the flow).
    """

    def __init__(self) -> None:
        self.rows = np.empty(0, dtype=np.int64)
        self.cols = np.empty(0, dtype=np.int64)
        self.weights = np.empty(0, dtype=np.int64)

    def add(self, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray) -> None:
        self.rows = np.concatenate([self.rows, rows.astype(np.int64)])
        self.cols = np.concatenate([self.cols, cols.astype(np.int64)])
        self.weights = np.concatenate([self.weights, weights.astype(np.int64)])


@dataclass
class _Survey:
    """One pass over the scores: admissible counts, best scores, the extreme scores and each
    mentee's ``candidates`` best pairs (global rows and columns, raw points)."""

    counts: np.ndarray
    best: np.ndarray
    low: int
    high: int
    rows: np.ndarray
    cols: np.ndarray
    points: np.ndarray


def _survey(scores: Scores, n: int, *, coverage_first: bool, candidates: int) -> _Survey:
    counts = np.zeros(n, dtype=np.int64)
    best = np.full(n, _NONE, dtype=np.int64)
    low = high = 0
    found, by_mentor = [], []
    for start, stop, cols, masked in scores:
        allowed = masked > INADMISSIBLE
        counts[start:stop] = allowed.sum(axis=1)
        if not counts[start:stop].any():
            continue
        row_best = masked.max(axis=1)
        best[start:stop] = np.where(row_best > INADMISSIBLE, row_best, _NONE)
        high = max(high, int(row_best.max()))
        if coverage_first:
            low = min(low, int(np.where(allowed, masked, 0).min()))
        if not coverage_first:
            # a pair of negative score never raises the total
            masked = np.where(masked >= 0, masked, INADMISSIBLE).astype(np.int16)
        rows, local = _top(masked, candidates)
        found.append((rows + start, cols[local], masked[rows, local].astype(np.int64)))
        local, rows = _top(masked.T, candidates)  # and each mentor's best mentees here
        by_mentor.append((rows + start, cols[local], masked[rows, local].astype(np.int64)))
    rows, cols, points = _concatenate(found)
    # Each mentor's ``candidates`` best mentees over all blocks: popular mentors have few places,
    # so the mentees' own best choices alone would leave the flow little room.
    m_rows, m_cols, m_points = _concatenate(by_mentor)
    order = np.lexsort((m_rows, -m_points, m_cols))
    m_rows, m_cols, m_points = m_rows[order], m_cols[order], m_points[order]
    first = np.searchsorted(m_cols, m_cols, side="left")
    keep = np.arange(len(m_cols)) - first < candidates
    rows = np.concatenate([rows, m_rows[keep]])
    cols = np.concatenate([cols, m_cols[keep]])
    points = np.concatenate([points, m_points[keep]])
    _, unique = np.unique(rows * (1 << 32) + cols, return_index=True)
    return _Survey(counts, best, low, high, rows[unique], cols[unique], points[unique])


def _concatenate(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]):
    if not parts:
        return tuple(np.empty(0, dtype=np.int64) for _ in range(3))
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def _solve_flow(n: int, m: int, edges: _Edges, free: np.ndarray) -> tuple[str, np.ndarray | None]:
    """Min-cost flow over ``edges`` (weights already shifted); returns (status, flow of each edge)."""
    flow = min_cost_flow.SimpleMinCostFlow()
    sink = n + m
    flow.add_arcs_with_capacity_and_unit_cost(
        edges.rows, edges.cols + n, np.ones(len(edges.rows), dtype=np.int64), -edges.weights
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(n, dtype=np.int64),
        np.full(n, sink, dtype=np.int64),
        np.ones(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(m, dtype=np.int64) + n, np.full(m, sink, dtype=np.int64), free, np.zeros(m, dtype=np.int64)
    )
    supplies = np.concatenate([np.ones(n, dtype=np.int64), np.zeros(m, dtype=np.int64), [-n]])
    flow.set_nodes_supplies(np.arange(n + m + 1, dtype=np.int64), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        return status.name, None
    return "OPTIMAL", np.asarray(flow.flows(np.arange(len(edges.rows), dtype=np.int64)), dtype=np.int64)


def _prices(n: int, m: int, edges: _Edges, used: np.ndarray, free: np.ndarray):
    """Dual prices ``(u, v)`` from shortest paths in the residual network of an optimal flow, or
    ``None`` when Bellman–Ford finds a negative cycle (the flow was not optimal).

    The capacity 1 of the arcs ``i → j`` and ``i → sink`` is implied by the mentee's supply of 1,
    so they stay usable forward even when used; that makes the prices tight on chosen pairs:
    ``u[i] + v[j] = w[i, j]``. Bellman–Ford is vectorized: one pass over all arcs per round.
    """
    sink = n + m
    chosen = used.astype(bool)
    load = np.bincount(edges.cols[chosen], minlength=m)
    alone = np.ones(n, dtype=bool)
    alone[edges.rows[chosen]] = False
    mentors = np.arange(m, dtype=np.int64) + n
    room, busy = load < free, load > 0

    def at_sink(count: int) -> np.ndarray:
        return np.full(count, sink, dtype=np.int64)

    def free_of_cost(count: int) -> np.ndarray:
        return np.zeros(count, dtype=np.int64)

    arcs = [
        (edges.rows, edges.cols + n, -edges.weights),  # i → j, always usable
        (edges.cols[chosen] + n, edges.rows[chosen], edges.weights[chosen]),  # j → i back along a pair
        (np.arange(n, dtype=np.int64), at_sink(n), free_of_cost(n)),  # i → sink, always usable
        (at_sink(alone.sum()), np.flatnonzero(alone), free_of_cost(alone.sum())),  # back to a lone mentee
        (mentors[room], at_sink(room.sum()), free_of_cost(room.sum())),  # j → sink while places remain
        (at_sink(busy.sum()), mentors[busy], free_of_cost(busy.sum())),  # back to a mentor with pairs
    ]
    tail, head, cost = (np.concatenate([a[k] for a in arcs]).astype(np.int64) for k in range(3))
    order = np.argsort(head, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    targets, starts = np.unique(head, return_index=True)
    distance = np.zeros(n + m + 1, dtype=np.int64)
    for _ in range(n + m + 2):
        reach = np.minimum.reduceat(distance[tail] + cost, starts)
        better = reach < distance[targets]
        if not better.any():
            break
        distance[targets[better]] = reach[better]
    else:
        return None
    u = distance[:n] - distance[sink]
    v = np.maximum(distance[sink] - distance[n:sink], 0)
    return u, v


def _violations(scores: Scores, u: np.ndarray, v: np.ndarray, bonus: int, candidates: int):
    """Admissible pairs with ``w + bonus > u + v`` — each mentee's ``candidates`` most violated —
    as (rows, columns, shifted weights), or ``None`` when there is none: then ``(u, v)`` is a
    feasible dual solution over every admissible pair."""
    found = []
    for start, stop, cols, masked in scores:
        threshold = (u[start:stop] - bonus)[:, None] + v[cols][None, :]
        excess = masked - threshold
        violated = (excess > 0) & (masked > INADMISSIBLE)
        if violated.any():
            rows = np.flatnonzero(violated.any(axis=1))
            excess = np.where(violated[rows], excess[rows], _NONE)
            width = excess.shape[1]
            k = min(candidates, width)
            local = np.argpartition(excess, width - k, axis=1)[:, width - k :]
            r = np.repeat(rows, k)
            c = local.ravel()
            keep = violated[r, c]
            r, c = r[keep], c[keep]
            found.append((r + start, cols[c], masked[r, c].astype(np.int64) + bonus))
    if not found:
        return None
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))


#: ``progress(stage, done, total)``: told where :func:`solve` is (see there).
Progress = Callable[[str, int, int], None]


def _no_progress(stage: str, done: int, total: int) -> None:
    """The default :data:`Progress`: tells nobody."""


def solve(
    matrix: PairMatrix,
    *,
    coverage_first: bool = False,
    candidates: int = DEFAULT_CANDIDATES,
    progress: Progress = _no_progress,
) -> FlowResult:
    """Assign mentees to mentors over ``matrix``, maximizing the total score (see the module).

    ``proven_optimal`` is true when the solver reported OPTIMAL and the duality check held over
    every admissible pair. Never infeasible: a mentee without an admissible mentor (or whose
    mentors serve the total better with others) stays unassigned.

    ``progress(stage, done, total)`` is called with ``"scoring"`` (0 of 1, then 1 of 1) and
    ``"solving"`` (the round about to run, of :data:`MAX_ROUNDS`).
    """
    n, m = matrix.shape
    progress("scoring", 0, 1)
    scores = Scores(matrix)
    survey = _survey(scores, n, coverage_first=coverage_first, candidates=candidates)
    progress("scoring", 1, 1)
    bonus = n * (survey.high - survey.low) + 1 if coverage_first else 0
    edges = _Edges()
    edges.add(survey.rows, survey.cols, survey.points + bonus)
    status, proven, rounds, used = "OPTIMAL", False, 0, None
    while rounds < MAX_ROUNDS:
        progress("solving", rounds, MAX_ROUNDS)
        rounds += 1
        status, used = _solve_flow(n, m, edges, matrix.free)
        if used is None:
            break
        prices = _prices(n, m, edges, used, matrix.free)
        if prices is None:
            break
        u, v = prices
        if int(u.sum() + (matrix.free * v).sum()) != int(edges.weights[used.astype(bool)].sum()):
            break  # no strong duality: no proof
        missing = _violations(scores, u, v, bonus, candidates)
        if missing is None:
            proven = True
            break
        if rounds <= PRUNING_ROUNDS:
            chosen = used.astype(bool)
            slack = u[edges.rows] + v[edges.cols] - edges.weights
            keep = chosen | (slack <= SLACK)
            edges.rows, edges.cols, edges.weights = edges.rows[keep], edges.cols[keep], edges.weights[keep]
        edges.add(*missing)
    mentor_of = np.full(n, -1, dtype=np.int64)
    points = np.zeros(n, dtype=np.int64)
    if used is not None:
        chosen = used.astype(bool)
        mentor_of[edges.rows[chosen]] = edges.cols[chosen]
        points[edges.rows[chosen]] = edges.weights[chosen] - bonus
    return FlowResult(
        mentor_of=mentor_of,
        points=points,
        status=status,
        proven_optimal=proven and status == "OPTIMAL",
        rounds=rounds,
        admissible_pairs=int(survey.counts.sum()),
        flow_pairs=len(edges.rows),
        admissible=survey.counts,
        best=survey.best,
    )


def greedy(
    matrix: PairMatrix,
    *,
    coverage_first: bool = False,
    candidates: int = DEFAULT_CANDIDATES,
    progress: Progress = _no_progress,
) -> FlowResult:
    """The BASELINE only, never used to form pairs: take pairs in order of descending score, each
    while the mentee is free and the mentor has a place. It sees what :func:`solve` sees first
    (each mentee's ``candidates`` best admissible mentors); a mentee left without a mentor then
    takes the best admissible mentor still free, if any. Without ``coverage_first`` pairs of
    negative score are skipped, as they cannot raise the total.
    """
    n = matrix.shape[0]
    scores = Scores(matrix)
    survey = _survey(scores, n, coverage_first=coverage_first, candidates=candidates)
    order = np.lexsort((survey.cols, survey.rows, -survey.points))
    taken, room, points = [-1] * n, matrix.free.tolist(), [0] * n
    for i, j, w in zip(
        survey.rows[order].tolist(), survey.cols[order].tolist(), survey.points[order].tolist(), strict=True
    ):
        if taken[i] < 0 and room[j] > 0:
            taken[i], points[i] = j, w
            room[j] -= 1
    left = [i for i in range(n) if taken[i] < 0 and survey.counts[i] > candidates]
    if left:
        places = np.array(room, dtype=np.int64)
        for start, stop, cols, masked in scores:
            for i in (i for i in left if start <= i < stop):
                row = masked[i - start]
                allowed = (row > INADMISSIBLE) & (places[cols] > 0)
                if not coverage_first:
                    allowed &= row >= 0
                if allowed.any():
                    c = int(np.argmax(np.where(allowed, row, _NONE)))
                    taken[i], points[i] = int(cols[c]), int(row[c])
                    places[taken[i]] -= 1
    return FlowResult(
        mentor_of=np.array(taken, dtype=np.int64),
        points=np.array(points, dtype=np.int64),
        status="GREEDY",
        proven_optimal=False,
        rounds=0,
        admissible_pairs=int(survey.counts.sum()),
        flow_pairs=len(survey.rows),
        admissible=survey.counts,
        best=survey.best,
    )
