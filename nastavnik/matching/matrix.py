"""Scores and hard rules of many mentor–mentee pairs at once, for the whole-pool solver.

:func:`nastavnik.matching.scoring.score` is the definition of a pair's points; this module
computes exactly the same integers (held equal by ``tests/test_matrix.py``) for many pairs at
once with NumPy, because a pool of 10,000 mentees and 5,000 mentors has 50 million pairs and
the solver needs the points of all admissible ones, without their explanations.

The matrix is never stored whole. Mentees are grouped by place (region and municipality, or
organization when it has no municipality); a group's block covers only the mentors that the
place rule can admit for it (same organization, same municipality, or the virtual kind in the
same region) and that pass their own hard rules. A block holds about ``BLOCK_CELLS`` cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from nastavnik.matching.scoring import (
    EXPERIENCE_CAP,
    WEIGHTS,
    MenteeFacts,
    MentorFacts,
    Relations,
    deficit_weight,
    kinds_allowed,
    load_points,
    mentee_violations,
    mentor_violations,
)

#: Cells (mentees × mentors) computed per block: a few tens of MB of temporaries.
BLOCK_CELLS = 1_000_000


def _index(values) -> dict:
    return {value: i for i, value in enumerate(sorted(set(values)))}


def _ids(values, missing: int) -> np.ndarray:
    return np.array([missing if v is None else v for v in values], dtype=np.int64)


@dataclass
class Block:
    """Mentees ``start:stop`` (in the matrix's order) against the mentors ``cols``:
    ``points[r, c]`` is the score of mentor ``cols[c]`` for mentee ``start + r`` (``int16``),
    ``admissible[r, c]`` whether no hard rule forbids the pair. Mentors outside ``cols`` are
    inadmissible for every mentee of the block."""

    start: int
    stop: int
    cols: np.ndarray
    points: np.ndarray
    admissible: np.ndarray


class PairMatrix:
    """The pairs of ``mentees`` × ``mentors`` under ``relations``, produced block by block.

    The matrix keeps the mentors in the given order (column ``j`` is ``mentors[j]``) and sorts
    the mentees by place (row ``i`` is ``self.mentees[i]``, which is ``mentees[self.order[i]]``).
    ``mentor_ok`` / ``mentee_ok``: no hard rule of the person alone fails
    (:func:`scoring.mentor_violations`, :func:`scoring.mentee_violations`); a pair is admissible
    when both are ok, :func:`scoring.pair_violations` is empty and some form of mentoring admits
    the two (:func:`scoring.kinds_allowed`). ``free``: free places of each
    mentor (0 when not ok).
    """

    def __init__(
        self, mentors: Sequence[MentorFacts], mentees: Sequence[MenteeFacts], relations: Relations
    ) -> None:
        def place(y: MenteeFacts) -> tuple:
            return (
                y.region_id is None,
                y.region_id or 0,
                y.municipality_id is None,
                y.municipality_id or 0,
                y.organization_id,
            )

        self.order = np.array(sorted(range(len(mentees)), key=lambda i: place(mentees[i])), dtype=np.int64)
        self.mentors = list(mentors)
        self.mentees = [mentees[i] for i in self.order]
        m, n = len(self.mentors), len(self.mentees)
        self.shape = (n, m)

        areas = _index(
            [a for x in self.mentors for a in x.competences]
            + [a for y in self.mentees for a in (*y.deficits, *y.request_areas)]
        )
        subjects = _index(
            [s for x in self.mentors for s in x.subjects] + [s for y in self.mentees for s in y.subjects]
        )
        # Integer tables: ``levels[j, a]`` the mentor's level 0–5 in area ``a``; ``area_weights[i, a]``
        # the points per level the mentee gives area ``a`` (0, request, deficit or critical deficit:
        # ``scoring.deficit_weight``); subjects as
        # bit sets of 64-bit words, so that «a common subject» is one AND per word.
        self.levels = np.zeros((m, len(areas)), dtype=np.int16)
        words = max(1, -(-len(subjects) // 64))
        self.mentor_subjects = np.zeros((m, words), dtype=np.uint64)
        for j, mentor in enumerate(self.mentors):
            for area, level in mentor.competences.items():
                self.levels[j, areas[area]] = level
            for subject in mentor.subjects:
                k = subjects[subject]
                self.mentor_subjects[j, k // 64] |= np.uint64(1 << (k % 64))
        self.area_weights = np.zeros((n, len(areas)), dtype=np.int16)
        self.mentee_subjects = np.zeros((n, words), dtype=np.uint64)
        per_request = WEIGHTS["request"].points
        for i, mentee in enumerate(self.mentees):
            for area in mentee.request_areas:
                self.area_weights[i, areas[area]] = per_request
            for area, level in mentee.deficits.items():
                self.area_weights[i, areas[area]] = deficit_weight(level)
            for subject in mentee.subjects:
                k = subjects[subject]
                self.mentee_subjects[i, k // 64] |= np.uint64(1 << (k % 64))
        self.levels_by_area = np.ascontiguousarray(self.levels.T)

        # A missing municipality / region is -1 for mentors and -2 for mentees: they never match.
        self.m_person = _ids([x.person_id for x in self.mentors], -1)
        self.m_org = _ids([x.organization_id for x in self.mentors], -1)
        self.m_muni = _ids([x.municipality_id for x in self.mentors], -1)
        self.m_region = _ids([x.region_id for x in self.mentors], -1)
        self.m_virtual = np.array([x.virtual for x in self.mentors], dtype=bool)
        self.m_reverse = np.array([x.reverse for x in self.mentors], dtype=bool)
        self.m_exp = _ids([x.pedagogical_experience_years for x in self.mentors], -1)
        self.m_known = self.m_exp >= 0
        self.m_load_points = np.array([load_points(x) for x in self.mentors], dtype=np.int32)
        self.mentor_ok = np.array([not mentor_violations(x) for x in self.mentors], dtype=bool)
        self.free = np.array([x.free_places for x in self.mentors], dtype=np.int64) * self.mentor_ok

        self.e_person = _ids([y.person_id for y in self.mentees], -2)
        self.e_org = _ids([y.organization_id for y in self.mentees], -2)
        self.e_muni = _ids([y.municipality_id for y in self.mentees], -2)
        self.e_region = _ids([y.region_id for y in self.mentees], -2)
        self.e_exp = _ids([y.pedagogical_experience_years for y in self.mentees], -1)
        self.mentee_ok = np.array([not mentee_violations(y) for y in self.mentees], dtype=bool)
        self._kinds_table()
        self._experience_table()
        self._relations(relations)
        self._groups = self._place_groups()

    def _relations(self, relations: Relations) -> None:
        """Cells with a history, sorted by row: ended pairs and marks add points, working pairs
        make the cell inadmissible."""
        mentor_at: dict[int, list[int]] = defaultdict(list)
        for j, x in enumerate(self.mentors):
            mentor_at[x.person_id].append(j)
        mentee_at: dict[int, list[int]] = defaultdict(list)
        for i, y in enumerate(self.mentees):
            mentee_at[y.person_id].append(i)

        def cells(mentor_id: int, mentee_id: int) -> list[tuple[int, int]]:
            return [(i, j) for i in mentee_at.get(mentee_id, ()) for j in mentor_at.get(mentor_id, ())]

        extra: dict[tuple[int, int], int] = defaultdict(int)
        for mentor_id, mentee_id in relations.ended:
            for cell in cells(mentor_id, mentee_id):
                extra[cell] += WEIGHTS["earlier_pair"].points
        marks = WEIGHTS["psychologist"].points
        for (mentor_id, mentee_id), mark in relations.marks.items():
            for cell in cells(mentor_id, mentee_id):
                extra[cell] += marks[mark]
        self._extra = self._sorted_cells(list(extra.items()))
        blocked = [
            (cell, 0) for mentor_id, mentee_id in relations.active for cell in cells(mentor_id, mentee_id)
        ]
        self._blocked = self._sorted_cells(blocked)

    @staticmethod
    def _sorted_cells(items) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows = np.array([cell[0] for cell, _ in items], dtype=np.int64)
        cols = np.array([cell[1] for cell, _ in items], dtype=np.int64)
        vals = np.array([value for _, value in items], dtype=np.int32)
        order = np.argsort(rows, kind="stable")
        return rows[order], cols[order], vals[order]

    def _place_groups(self) -> list[tuple[int, int, np.ndarray]]:
        """Runs of mentees of one place, each with the mentors the place rule can admit."""
        groups = []
        n = self.shape[0]
        start = 0
        while start < n:
            region, muni = self.e_region[start], self.e_muni[start]
            stop = start
            while (
                stop < n
                and self.e_region[stop] == region
                and self.e_muni[stop] == muni
                and (muni >= 0 or self.e_org[stop] == self.e_org[start])
            ):
                stop += 1
            near = np.isin(self.m_org, np.unique(self.e_org[start:stop])) | (self.m_muni == muni)
            near |= self.m_virtual & (self.m_region == region)
            groups.append((start, stop, np.flatnonzero(near & self.mentor_ok)))
            start = stop
        return groups

    def _kinds_table(self) -> None:
        """Who may guide whom by the forms of mentoring (:func:`scoring.kinds_allowed`, issue
        20): mentors grouped by ``(kind, guides)``, mentees by ``(kind, organization kind)`` —
        a handful of classes —, ``self.kinds_ok[mentee class, mentor class]``."""
        mentor_classes: dict = {}
        self.m_class = np.array(
            [mentor_classes.setdefault((x.kind, x.guides), len(mentor_classes)) for x in self.mentors],
            dtype=np.intp,
        )
        mentee_classes: dict = {}
        self.e_class = np.array(
            [
                mentee_classes.setdefault((y.kind, y.organization_kind), len(mentee_classes))
                for y in self.mentees
            ],
            dtype=np.intp,
        )
        mentors = {key: x for x in reversed(self.mentors) for key in [(x.kind, x.guides)]}
        mentees = {key: y for y in reversed(self.mentees) for key in [(y.kind, y.organization_kind)]}
        self.kinds_ok = np.ones((max(1, len(mentee_classes)), max(1, len(mentor_classes))), dtype=bool)
        for e_key, i in mentee_classes.items():
            for m_key, j in mentor_classes.items():
                self.kinds_ok[i, j] = kinds_allowed(mentors[m_key], mentees[e_key])

    def _experience_table(self) -> None:
        """Points of the experience gap (and the mentor's load) for each distinct mentee
        experience × mentor: ``self.exp_points[self.e_exp_code[i], j]`` (``int16``), the same as
        :func:`scoring.experience_points` + :func:`scoring.load_points`."""
        values, self.e_exp_code = np.unique(self.e_exp, return_inverse=True)
        self.e_exp_code = self.e_exp_code.reshape(-1).astype(np.intp)
        gap = self.m_exp[None, :] - values[:, None]
        more = np.minimum(WEIGHTS["experience"].points * (np.maximum(gap, 0) // 2), EXPERIENCE_CAP)
        not_more = np.where(self.m_reverse, 0, WEIGHTS["experience_not_greater"].points)[None, :]
        known = (values[:, None] >= 0) & self.m_known[None, :]
        table = np.where(known, np.where(gap > 0, more, not_more), 0) + self.m_load_points[None, :]
        self.exp_points = table.astype(np.int16)

    def block(self, start: int, stop: int, cols: np.ndarray) -> Block:
        """Points and admissibility of mentees ``start:stop`` against the mentors ``cols``.

        Integer arithmetic only (``int16`` points: a score is a few hundred points at most): the
        areas as one multiply-add per area some mentee of the block cares about, a common subject
        as an AND of bit sets, the experience gap and the load as a lookup in a table built once.
        """
        rows = slice(start, stop)
        weights = self.area_weights[rows]
        points = self.exp_points[np.ix_(self.e_exp_code[rows], cols)]
        for area in np.flatnonzero(weights.any(axis=0)):
            points += weights[:, area, None] * self.levels_by_area[area, cols][None, :]
        e_subjects, m_subjects = self.mentee_subjects[rows], self.mentor_subjects[cols]
        common = (e_subjects[:, 0, None] & m_subjects[None, :, 0]) != 0
        for word in range(1, e_subjects.shape[1]):
            common |= (e_subjects[:, word, None] & m_subjects[None, :, word]) != 0
        points += common * np.int16(WEIGHTS["subject"].points)

        same_org = self.e_org[rows, None] == self.m_org[None, cols]
        same_muni = (self.e_muni[rows, None] == self.m_muni[None, cols]) & ~same_org
        points += same_org * np.int16(WEIGHTS["same_organization"].points)
        points += same_muni * np.int16(WEIGHTS["same_municipality"].points)
        admissible = same_org | same_muni
        admissible |= self.m_virtual[None, cols] & (self.e_region[rows, None] == self.m_region[None, cols])

        admissible &= self.e_person[rows, None] != self.m_person[None, cols]
        admissible &= self.mentor_ok[None, cols] & self.mentee_ok[rows, None]
        admissible &= self.kinds_ok[self.e_class[rows, None], self.m_class[None, cols]]
        position = np.full(self.shape[1], -1, dtype=np.int64)
        position[cols] = np.arange(len(cols))
        for cells, apply in ((self._extra, "add"), (self._blocked, "block")):
            all_rows, all_cols, values = cells
            lo, hi = np.searchsorted(all_rows, start), np.searchsorted(all_rows, stop)
            r, c, v = all_rows[lo:hi] - start, position[all_cols[lo:hi]], values[lo:hi]
            inside = c >= 0
            if apply == "add":
                np.add.at(points, (r[inside], c[inside]), v[inside].astype(np.int16))
            else:
                admissible[r[inside], c[inside]] = False
        return Block(start, stop, cols, points, admissible)

    def blocks(self) -> Iterator[Block]:
        """Every mentee against every mentor that can be admissible, block by block."""
        for start, stop, cols in self._groups:
            step = max(1, BLOCK_CELLS // max(1, len(cols)))
            for first in range(start, stop, step):
                yield self.block(first, min(stop, first + step), cols)

    def full(self) -> Block:
        """The whole matrix as one block, every mentor a column (for small pools and tests)."""
        return self.block(0, self.shape[0], np.arange(self.shape[1]))
