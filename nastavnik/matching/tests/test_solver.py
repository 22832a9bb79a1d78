"""The whole-pool assignment: the solver's total is the true optimum (brute force, CP-SAT),
capacities and hard rules hold, mentees may stay unassigned with a reason; the greedy baseline."""

import dataclasses
from collections import Counter

import pytest

from nastavnik.matching import optimize
from nastavnik.matching.matrix import PairMatrix
from nastavnik.matching.scoring import MenteeFacts, MentorFacts, hard_rule_violations
from nastavnik.matching.services import greedy_assign, pool_assign
from nastavnik.matching.synthetic import cp_sat_optimum, synthetic_pool

METHODICAL = "Методические"


def brute_force(pool, *, coverage_first: bool):
    """The best (pairs, total) — or total — by trying every assignment."""
    matrix = PairMatrix(pool.mentors, pool.mentees, pool.relations)
    full = matrix.full()
    n, m = matrix.shape
    free = list(matrix.free)
    best = None

    def walk(i: int, total: int, pairs: int) -> None:
        nonlocal best
        if i == n:
            key = (pairs, total) if coverage_first else total
            best = key if best is None or key > best else best
            return
        walk(i + 1, total, pairs)
        for j in range(m):
            if full.admissible[i, j] and free[j] > 0:
                free[j] -= 1
                walk(i + 1, total + int(full.points[i, j]), pairs + 1)
                free[j] += 1

    walk(0, 0, 0)
    return best


def assert_valid(assignment, pool):
    per_mentor = Counter(p.mentor.person_id for p in assignment.pairs)
    for mentor in pool.mentors:
        assert per_mentor[mentor.person_id] <= mentor.free_places
    mentees = [p.mentee for p in assignment.pairs] + [u.mentee for u in assignment.unassigned]
    assert sorted(mentees, key=id) == sorted(pool.mentees, key=id)  # each mentee exactly once
    for pair in assignment.pairs:
        assert hard_rule_violations(pair.mentor, pair.mentee, pool.relations) == []
    assert assignment.total == sum(p.score.total for p in assignment.pairs)


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("coverage_first", [False, True])
def test_optimum_equals_brute_force_on_small_random_pools(seed, coverage_first):
    # given a small pool with inactive, consentless and full mentors, working pairs and marks
    pool = synthetic_pool(
        mentees=6, mentors=4, seed=seed, municipalities=2, organizations=2, capacity=(1, 2), problems=True
    )
    # when the pool is assigned with a single candidate per mentee (pricing must find the rest)
    assignment = pool_assign(
        mentees=pool.mentees,
        mentors=pool.mentors,
        relations=pool.relations,
        coverage_first=coverage_first,
        candidates=1,
    )
    # then the total is the optimum, proved, and every rule holds
    got = (len(assignment.pairs), assignment.total) if coverage_first else assignment.total
    assert got == brute_force(pool, coverage_first=coverage_first)
    assert assignment.proven_optimal and assignment.status == "OPTIMAL"
    assert_valid(assignment, pool)


@pytest.mark.parametrize("seed", range(3))
def test_optimum_equals_cp_sat_on_a_30_by_15_pool(seed):
    pool = synthetic_pool(mentees=30, mentors=15, seed=seed, municipalities=2, organizations=3, problems=True)
    assignment = pool_assign(
        mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations, candidates=2
    )
    assert assignment.proven_optimal
    assert assignment.total == cp_sat_optimum(pool.mentees, pool.mentors, pool.relations)
    assert_valid(assignment, pool)


def test_capacities_hold_and_greedy_is_never_better_on_a_larger_pool():
    pool = synthetic_pool(mentees=600, mentors=250, seed=5, municipalities=5, organizations=4, problems=True)
    optimal = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    baseline = greedy_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    assert optimal.proven_optimal
    assert not baseline.proven_optimal and baseline.status == "GREEDY"
    assert_valid(optimal, pool)
    assert_valid(baseline, pool)
    assert optimal.total >= baseline.total
    assert [u.mentee for u in optimal.unassigned] and optimal.excluded_mentors


def _mentor(person_id, **fields):
    values = dict(
        name=f"Наставник {person_id}", organization_id=10, municipality_id=100, region_id=1, capacity=1
    )
    values.update(fields)
    return MentorFacts(person_id=person_id, **values)


def _mentee(person_id, **fields):
    values = dict(
        name=f"Наставляемый {person_id}",
        organization_id=10,
        municipality_id=100,
        region_id=1,
        deficits={METHODICAL: 2},
    )
    values.update(fields)
    return MenteeFacts(person_id=person_id, **values)


def test_greedy_takes_the_best_pair_first_and_loses_to_the_solver():
    # given mentor X (level 5, virtual) and mentor Y (level 4, school of A only); B is far away
    x = _mentor(1, competences={METHODICAL: 5}, virtual=True)
    y = _mentor(2, competences={METHODICAL: 4})
    a = _mentee(11)
    b = _mentee(12, organization_id=20, municipality_id=200)
    optimal = pool_assign(mentees=[a, b], mentors=[x, y])
    baseline = greedy_assign(mentees=[a, b], mentors=[x, y])
    # then greedy gives X to A (25) and leaves B alone; the solver gives Y to A and X to B
    assert baseline.total == 25 and [u.mentee for u in baseline.unassigned] == [b]
    assert optimal.total == 22 + 15
    assert {(p.mentor.person_id, p.mentee.person_id) for p in optimal.pairs} == {(2, 11), (1, 12)}


def test_mentees_without_an_admissible_mentor_stay_unassigned_with_the_reason():
    near = _mentor(1, competences={METHODICAL: 3})
    far = _mentee(11, organization_id=20, municipality_id=200)
    no_consent = _mentee(12, has_pd_consent=False)
    result = pool_assign(mentees=[far, no_consent], mentors=[near])
    assert result.pairs == () and result.proven_optimal
    reasons = {u.mentee.person_id: u.reason for u in result.unassigned}
    assert reasons[11].startswith("Нет допустимого наставника")
    assert "нет действующего согласия на обработку персональных данных" in reasons[12]
    empty = pool_assign(mentees=[far], mentors=[])
    assert empty.unassigned[0].reason == "В пуле нет действующих наставников со свободными местами"
    assert pool_assign(mentees=[], mentors=[near]).pairs == ()


def test_a_pair_of_negative_score_is_left_out_unless_coverage_comes_first():
    # given the only admissible mentor was judged incompatible by the psychologist
    from nastavnik.matching.scoring import Relations

    mentor = _mentor(1, competences={})
    mentee = _mentee(11)
    relations = Relations(marks={(1, 11): -2})
    by_total = pool_assign(mentees=[mentee], mentors=[mentor], relations=relations)
    assert by_total.pairs == ()
    assert by_total.unassigned[0].reason.startswith(
        "Пара с любым допустимым наставником снизила бы общую оценку"
    )
    covered = pool_assign(mentees=[mentee], mentors=[mentor], relations=relations, coverage_first=True)
    assert [p.score.total for p in covered.pairs] == [10 - 30]
    assert covered.proven_optimal


def test_mentors_failing_their_own_rules_are_listed_and_unused():
    full = _mentor(1, competences={METHODICAL: 5}, load=1, capacity=1)
    paused = dataclasses.replace(_mentor(2, competences={METHODICAL: 5}), status="paused")
    fine = _mentor(3, competences={METHODICAL: 1})
    result = pool_assign(mentees=[_mentee(11)], mentors=[full, paused, fine])
    assert [p.mentor.person_id for p in result.pairs] == [3]
    assert [m.person_id for m, _ in result.excluded_mentors] == [1, 2]
    assert "нет свободных мест" in result.excluded_mentors[0][1]


def unpruned_optimum(pool, *, coverage_first: bool) -> int:
    """The reference: OR-Tools' min-cost flow over EVERY admissible pair of the full matrix at
    once — no candidates, no pricing, no pruning — returning the greatest total score (with
    ``coverage_first``: the greatest total among the assignments with the most pairs)."""
    import numpy as np
    from ortools.graph.python import min_cost_flow

    matrix = PairMatrix(pool.mentors, pool.mentees, pool.relations)
    full = matrix.full()
    n, m = matrix.shape
    rows, cols = full.admissible.nonzero()
    weights = full.points[rows, cols].astype(np.int64)
    bonus = 10**6 if coverage_first else 0
    flow = min_cost_flow.SimpleMinCostFlow()
    sink = n + m
    for i, j, w in zip(rows.tolist(), cols.tolist(), (weights + bonus).tolist(), strict=True):
        flow.add_arc_with_capacity_and_unit_cost(i, n + j, 1, -w)
    for i in range(n):
        flow.add_arc_with_capacity_and_unit_cost(i, sink, 1, 0)
        flow.set_node_supply(i, 1)
    for j in range(m):
        flow.add_arc_with_capacity_and_unit_cost(n + j, sink, int(matrix.free[j]), 0)
    flow.set_node_supply(sink, -n)
    assert flow.solve() == flow.OPTIMAL
    value = -flow.optimal_cost()
    return value % bonus if coverage_first else value


#: Shapes of random pools: (mentees, mentors, municipalities, organizations, capacities, the
#: share of mentors working virtually, who may take mentees of the whole region).
SHAPES = [
    (40, 10, 1, 2, (1, 1), 0.25),  # more mentees than places: most stay without a mentor
    (40, 40, 3, 3, (1, 3), 0.25),  # capacities above 1
    (80, 25, 4, 2, (2, 3), 0.25),  # few mentors with several places each
    (25, 60, 2, 5, (1, 2), 0.25),  # more places than mentees
    (120, 12, 12, 1, (1, 3), 0.0),  # scattered: many mentees have no admissible mentor at all
]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("coverage_first", [False, True])
def test_the_pruned_solve_equals_the_unpruned_flow_over_every_pair(shape, seed, coverage_first):
    # given a random pool with inactive, consentless and full mentors, twins and working pairs
    mentees, mentors, municipalities, organizations, capacity, virtual_share = shape
    pool = synthetic_pool(
        mentees=mentees,
        mentors=mentors,
        seed=100 + seed,
        municipalities=municipalities,
        organizations=organizations,
        capacity=capacity,
        virtual_share=virtual_share,
        problems=True,
    )
    # when it is solved as the pages do (few candidates, pricing, pruning between rounds) and
    # with a single candidate per mentee (pricing must bring in almost every needed pair)
    for candidates in (optimize.DEFAULT_CANDIDATES, 1):
        assignment = pool_assign(
            mentees=pool.mentees,
            mentors=pool.mentors,
            relations=pool.relations,
            coverage_first=coverage_first,
            candidates=candidates,
        )
        # then the total equals the unpruned flow's, proved, and every rule holds
        assert assignment.proven_optimal and assignment.status == "OPTIMAL"
        assert assignment.total == unpruned_optimum(pool, coverage_first=coverage_first)
        assert_valid(assignment, pool)
    if shape == SHAPES[-1]:  # the scattered pool has mentees no mentor may take at all
        assert any(u.reason.startswith("Нет допустимого наставника") for u in assignment.unassigned)


def test_pruning_drops_pairs_between_rounds_and_the_proof_still_holds(monkeypatch):
    # given pruning so hard that every pair not used is dropped after each round
    monkeypatch.setattr(optimize, "SLACK", -1)
    pool = synthetic_pool(mentees=150, mentors=60, seed=9, municipalities=3, organizations=3, problems=True)
    assignment = pool_assign(
        mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations, candidates=2
    )
    # then pricing brings back what the optimum needs: the same total as the unpruned flow
    assert assignment.proven_optimal
    assert assignment.total == unpruned_optimum(pool, coverage_first=False)
    assert assignment.rounds > 1


def test_scores_are_kept_once_or_computed_again_past_the_cache(monkeypatch):
    pool = synthetic_pool(mentees=90, mentors=40, seed=3, municipalities=2, organizations=3, problems=True)
    kept = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations, candidates=2)
    monkeypatch.setattr(optimize, "CACHE_CELLS", 0)
    again = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations, candidates=2)
    assert kept.total == again.total and again.proven_optimal


def test_progress_names_the_stages_in_order():
    pool = synthetic_pool(mentees=30, mentors=15, seed=1, municipalities=2, organizations=2)
    stages = []
    pool_assign(
        mentees=pool.mentees,
        mentors=pool.mentors,
        relations=pool.relations,
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert stages[0] == "scoring" and "solving" in stages and stages[-1] == "explaining"
