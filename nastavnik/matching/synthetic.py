"""Synthetic pools of facts for the solver's tests and benchmark (no database).

A region of ``municipalities`` municipalities with ``organizations`` organizations each (and a
few of regional subordination without a municipality), mentors and mentees spread over them,
competences, deficits (with their levels) and subjects from the reference lists, a quarter of the mentors
listing the virtual kind, some earlier pairs, psychologist's marks and working pairs.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from nastavnik.bank.choices import MentorStatus
from nastavnik.matching.scoring import MenteeFacts, MentorFacts, Relations
from nastavnik.reference.data import COMPETENCE_AREAS, SUBJECTS

AREAS = [row["name"] for row in COMPETENCE_AREAS]
SUBJECT_NAMES = [row["name"] for row in SUBJECTS][:16]
REGION_ID = 1


@dataclass(frozen=True)
class SyntheticPool:
    mentees: list[MenteeFacts]
    mentors: list[MentorFacts]
    relations: Relations


def synthetic_pool(
    *,
    mentees: int,
    mentors: int,
    seed: int = 2026,
    municipalities: int = 22,
    organizations: int = 14,
    capacity: tuple[int, int] = (1, 3),
    virtual_share: float = 0.25,
    problems: bool = False,
) -> SyntheticPool:
    """Build a pool. ``capacity``: the range of mentors' capacities (load is below capacity).
    ``problems``: also mix in what the hard rules must catch — inactive mentors, missing
    consents, full mentors, a person who is both mentor and mentee, working pairs."""
    rnd = random.Random(seed)
    today = dt.date(2026, 9, 1)
    places = [(m, 1000 * m + k) for m in range(1, municipalities + 1) for k in range(organizations)]
    places += [(None, 900_000 + k) for k in range(max(1, municipalities // 4))]

    def place() -> tuple[int | None, int]:
        return rnd.choice(places)

    mentor_rows = []
    for j in range(mentors):
        municipality, organization = place()
        cap = rnd.randint(*capacity)
        status = MentorStatus.ACTIVE
        if problems and rnd.random() < 0.1:
            status = rnd.choice([MentorStatus.TRAINED, MentorStatus.PAUSED])
        mentor_rows.append(
            MentorFacts(
                person_id=1_000_000 + j,
                name=f"Наставник {j}",
                organization_id=organization,
                municipality_id=municipality,
                region_id=REGION_ID,
                status=status,
                competences={a: rnd.randint(1, 5) for a in rnd.sample(AREAS, rnd.randint(1, 4))},
                subjects=frozenset(rnd.sample(SUBJECT_NAMES, rnd.randint(1, 2))),
                virtual=rnd.random() < virtual_share,
                reverse=rnd.random() < 0.05,
                pedagogical_experience_years=rnd.choice([None, *range(3, 40)]),
                load=cap if problems and rnd.random() < 0.05 else rnd.randint(0, cap - 1),
                capacity=cap,
                has_pd_consent=not (problems and rnd.random() < 0.05),
                consent_given_on=today if rnd.random() < 0.9 else None,
            )
        )
    mentee_rows = []
    twins = rnd.sample(mentor_rows, len(mentor_rows))  # mentors who are also mentees, each once
    for i in range(mentees):
        municipality, organization = place()
        deficits = {a: rnd.randint(1, 3) for a in rnd.sample(AREAS, rnd.randint(0, 3))}
        person_id = 2_000_000 + i
        if problems and twins and rnd.random() < 0.05:
            twin = twins.pop()
            person_id, municipality, organization = twin.person_id, twin.municipality_id, twin.organization_id
        mentee_rows.append(
            MenteeFacts(
                person_id=person_id,
                name=f"Наставляемый {i}",
                organization_id=organization,
                municipality_id=municipality,
                region_id=REGION_ID,
                deficits=deficits,
                request_areas=frozenset(rnd.sample(AREAS, rnd.randint(0, 2))),
                subjects=frozenset(rnd.sample(SUBJECT_NAMES, rnd.randint(0, 1))),
                pedagogical_experience_years=rnd.choice([None, *range(0, 8), 25]),
                has_pd_consent=not (problems and rnd.random() < 0.05),
                consent_given_on=today if rnd.random() < 0.9 else None,
            )
        )
    ended, marks, active = {}, {}, set()
    couples = max(1, min(mentees, mentors) // 10)
    for _ in range(couples if mentor_rows and mentee_rows else 0):
        key = (rnd.choice(mentor_rows).person_id, rnd.choice(mentee_rows).person_id)
        roll = rnd.random()
        if roll < 0.4:
            ended[key] = today - dt.timedelta(days=rnd.randint(30, 900))
        elif roll < 0.9 or not problems:
            marks[key] = rnd.choice([-2, -1, 1, 2])
        else:
            active.add(key)
    return SyntheticPool(
        mentee_rows, mentor_rows, Relations(active=frozenset(active), ended=ended, marks=marks)
    )


def cp_sat_optimum(mentees: list[MenteeFacts], mentors: list[MentorFacts], relations: Relations) -> int:
    """The greatest total score of a small pool found by a second, independent method — OR-Tools
    CP-SAT over one boolean per admissible pair (scores from :func:`scoring.score`, rules from
    :func:`scoring.hard_rule_violations`) — to check the min-cost flow of ``pool_assign``.

    Raises:
        RuntimeError: CP-SAT did not prove its optimum.
    """
    from ortools.sat.python import cp_model

    from nastavnik.matching.scoring import hard_rule_violations, score

    model = cp_model.CpModel()
    terms, by_mentee, by_mentor = [], {}, {}
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            if hard_rule_violations(mentor, mentee, relations):
                continue
            x = model.new_bool_var(f"x_{i}_{j}")
            terms.append(score(mentor, mentee, relations).total * x)
            by_mentee.setdefault(i, []).append(x)
            by_mentor.setdefault(j, []).append(x)
    for xs in by_mentee.values():
        model.add(sum(xs) <= 1)
    for j, xs in by_mentor.items():
        model.add(sum(xs) <= mentors[j].free_places)
    model.maximize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 2
    if solver.solve(model) != cp_model.OPTIMAL:
        raise RuntimeError("CP-SAT не доказал оптимум.")
    return round(solver.objective_value)
