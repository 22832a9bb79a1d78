"""The vectorized pair matrix computes exactly what ``scoring.score`` and the hard rules say."""

import pytest

from nastavnik.matching.matrix import PairMatrix
from nastavnik.matching.scoring import hard_rule_violations, score
from nastavnik.matching.synthetic import synthetic_pool


@pytest.mark.parametrize("seed", range(6))
def test_matrix_equals_score_and_hard_rules_on_every_cell(seed):
    pool = synthetic_pool(mentees=70, mentors=45, seed=seed, municipalities=3, organizations=3, problems=True)
    matrix = PairMatrix(pool.mentors, pool.mentees, pool.relations)
    full = matrix.full()
    for i, mentee in enumerate(matrix.mentees):
        for j, mentor in enumerate(matrix.mentors):
            assert full.points[i, j] == score(mentor, mentee, pool.relations).total, (i, j)
            assert full.admissible[i, j] == (not hard_rule_violations(mentor, mentee, pool.relations)), (i, j)


def test_blocks_cover_every_admissible_pair_with_the_same_points():
    pool = synthetic_pool(mentees=120, mentors=60, seed=11, municipalities=4, organizations=2, problems=True)
    matrix = PairMatrix(pool.mentors, pool.mentees, pool.relations)
    full = matrix.full()
    seen = {}
    for block in matrix.blocks():
        for r in range(block.stop - block.start):
            for c, j in enumerate(block.cols):
                if block.admissible[r, c]:
                    seen[(block.start + r, int(j))] = int(block.points[r, c])
    expected = {(i, j): int(full.points[i, j]) for i, j in zip(*full.admissible.nonzero(), strict=True)}
    assert seen == expected
