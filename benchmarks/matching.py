"""Time the matching of mentors to mentees (issue 4, item 3).

    .venv/bin/python benchmarks/matching.py                 # both parts, SQLite in a temporary directory
    .venv/bin/python benchmarks/matching.py --postgres      # the ranking on a scratch PostgreSQL database
    .venv/bin/python benchmarks/matching.py --part solver   # only the whole-pool assignment (no database)

Requirements: «Whole-pool assignment for 10,000 mentees and 5,000 mentors (capacity 1–3) on
synthetic data: the total score equals the solver's proven optimum and is printed beside a
greedy baseline's; under 10 s. Ranking candidates for one mentee in a region of 60,000
pedagogical workers: under 300 ms.»

Part «solver» (no database): a synthetic region pool (``nastavnik.matching.synthetic``: 22
municipalities, a quarter of the mentors virtual) of ``--mentees`` × ``--mentors``; prints the
time of ``pool_assign``, its total, whether it is proved optimal over all admissible pairs, and
the greedy baseline's total and time. Before that, the solver's total is checked against a
second, independent method (OR-Tools CP-SAT over every admissible pair) on 30 × 15 pools.

Part «ranking»: builds with ``bulk_create`` a region of ``--people`` pedagogical workers
(22 municipalities, ~340 organizations), ``--active`` active mentors (and a third as many in
other statuses; 60 % published in the open bank) with competences, subjects, kinds and a load
of working pairs, mentees with
difficulties, ended pairs and psychologist's marks; then times ``mentor_candidates`` for
``--sample`` mentees, ``--runs`` times each, and prints the median and the maximum in ms.

With ``--postgres`` a scratch database ``nastavnik_matching_bench`` is created on the server
of ``DATABASE_URL`` and dropped at the end (``benchmarks/harness.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from harness import bench_django, synthetic_people, synthetic_region

SOLVER_BUDGET_S = 10.0
RANKING_BUDGET_MS = 300.0


# --------------------------------------------------------------------------------------------
# The whole-pool assignment (no database)
# --------------------------------------------------------------------------------------------


def run_solver(args) -> bool:
    from nastavnik.matching.services import greedy_assign, pool_assign
    from nastavnik.matching.synthetic import cp_sat_optimum, synthetic_pool

    print("Проверка вторым методом (CP-SAT по всем допустимым парам), пулы 30 × 15:")
    agree = True
    for seed in range(3):
        pool = synthetic_pool(
            mentees=30, mentors=15, seed=seed, municipalities=2, organizations=3, problems=True
        )
        flow = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
        other = cp_sat_optimum(pool.mentees, pool.mentors, pool.relations)
        same = flow.total == other and flow.proven_optimal
        agree &= same
        print(f"  seed {seed}: поток {flow.total}, CP-SAT {other} — {'совпадают' if same else 'РАСХОДЯТСЯ'}")

    pool = synthetic_pool(mentees=args.mentees, mentors=args.mentors, seed=args.seed, capacity=(1, 3))
    places = sum(m.free_places for m in pool.mentors)
    print(
        f"Пул: наставляемых {len(pool.mentees)}, наставников {len(pool.mentors)} "
        f"(вместимость 1–3, свободных мест {places})"
    )
    t0 = time.perf_counter()
    optimal = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    solve_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    baseline = greedy_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    greedy_s = time.perf_counter() - t0
    print(
        f"Допустимых пар: {optimal.admissible_pairs}; переданы решателю: {optimal.flow_pairs}; "
        f"решений потока: {optimal.rounds}"
    )
    verdict = "доказан оптимум" if optimal.proven_optimal else "ОПТИМУМ НЕ ДОКАЗАН"
    print(
        f"Решатель (min-cost flow, OR-Tools): сумма {optimal.total}, пар {len(optimal.pairs)}, "
        f"{optimal.status} — {verdict}; {solve_s:.2f} с"
    )
    gap = 100 * (optimal.total - baseline.total) / optimal.total if optimal.total else 0.0
    print(
        f"Жадный (базовый): сумма {baseline.total}, пар {len(baseline.pairs)} "
        f"(на {gap:.1f} % меньше); {greedy_s:.2f} с"
    )
    ok = agree and optimal.proven_optimal and optimal.total >= baseline.total and solve_s < SOLVER_BUDGET_S
    print(f"Итог части «решатель»: {'в пределах' if ok else 'НЕ ВЫПОЛНЕНО'} {SOLVER_BUDGET_S:.0f} с")
    return ok


# --------------------------------------------------------------------------------------------
# Ranking for one mentee (database)
# --------------------------------------------------------------------------------------------


def build_region(*, people: int, active: int, seed: int) -> list[int]:
    """Fill the (migrated, empty) database; return the ids of mentee profiles to rank for."""
    from nastavnik.bank.choices import DifficultySource, MentorStatus
    from nastavnik.bank.models import (
        BankSettings,
        Difficulty,
        MenteeProfile,
        MentorCompetence,
        MentorProfile,
        PersonalDataConsent,
    )
    from nastavnik.matching.models import CompatibilityMark
    from nastavnik.mentoring.models import Pair
    from nastavnik.people.models import Person
    from nastavnik.reference.models import DeficitArea, MenteeCategory, MentoringKind, Subject

    rnd = random.Random(seed)
    today = dt.date.today()
    _region, _municipalities, organizations = synthetic_region(rnd)
    BankSettings.objects.bulk_create(
        BankSettings(organization=o, default_mentor_capacity=rnd.randint(1, 3)) for o in organizations[::3]
    )

    areas = list(DeficitArea.objects.all())
    subjects = list(Subject.objects.all())
    kinds = {k.code: k for k in MentoringKind.objects.all()}
    category = MenteeCategory.objects.get(code="young_teacher")

    persons, org_of = synthetic_people(rnd, organizations, people)
    PersonalDataConsent.objects.bulk_create(
        (
            PersonalDataConsent(person=p, purposes=["mentoring_record"], given_on=dt.date(2024, 9, 1))
            for p in persons
            if rnd.random() < 0.95
        ),
        batch_size=5000,
    )
    person_subject = Person.subjects.through
    person_subject.objects.bulk_create(
        (person_subject(person_id=p.pk, subject_id=rnd.choice(subjects).pk) for p in persons), batch_size=5000
    )

    shuffled = rnd.sample(persons, len(persons))
    mentor_people = shuffled[: active + active // 3]
    mentee_people = shuffled[len(mentor_people) : len(mentor_people) + max(200, people // 20)]
    others = [MentorStatus.CANDIDATE, MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.PAUSED]
    profiles = MentorProfile.objects.bulk_create(
        (
            MentorProfile(
                person=p,
                organization=org_of[p.pk],
                status=MentorStatus.ACTIVE if i < active else rnd.choice(others),
                capacity=rnd.choice([None, 1, 2, 3]),
                consent_given_on=dt.date(2025, 9, 1),
                # mentors of other organizations are candidates only through the open bank
                publish_in_open_bank=rnd.random() < 0.6,
            )
            for i, p in enumerate(mentor_people)
        ),
        batch_size=2000,
    )
    competences, m2m = [], {"subjects": [], "kinds": []}
    for profile in profiles:
        for area in rnd.sample(areas, rnd.randint(2, 4)):
            competences.append(MentorCompetence(mentor=profile, area=area, level=rnd.randint(1, 5)))
        m2m["subjects"].append((profile.pk, rnd.choice(subjects).pk))
        m2m["kinds"].append((profile.pk, kinds["traditional"].pk))
        extra = rnd.choice(["virtual", "group", "situational", "short_term"])
        m2m["kinds"].append((profile.pk, kinds[extra].pk))
    MentorCompetence.objects.bulk_create(competences, batch_size=5000)
    for name, rows in m2m.items():
        field = MentorProfile._meta.get_field(name)
        through = field.remote_field.through
        through.objects.bulk_create(
            (
                through(**{f"{field.m2m_field_name()}_id": a, f"{field.m2m_reverse_field_name()}_id": b})
                for a, b in rows
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )

    mentees = MenteeProfile.objects.bulk_create(
        (MenteeProfile(person=p, organization=org_of[p.pk], consent_given_on=today) for p in mentee_people),
        batch_size=2000,
    )
    MenteeProfile.categories.through.objects.bulk_create(
        MenteeProfile.categories.through(menteeprofile_id=m.pk, menteecategory_id=category.pk)
        for m in mentees
    )
    Difficulty.objects.bulk_create(
        (
            Difficulty(
                mentee=m,
                area=a,
                source=DifficultySource.SELF_DIAGNOSIS,
                diagnosed_on=today - dt.timedelta(days=30),
            )
            for m in mentees
            for a in rnd.sample(areas, rnd.randint(1, 3))
        ),
        batch_size=5000,
    )
    # Load: a working pair for about half of the active mentors; ended pairs and marks for history.
    active_people = mentor_people[:active]
    pairs, marks = [], []
    for mentor in rnd.sample(active_people, active // 2):
        mentee = rnd.choice(persons)
        if mentee.pk != mentor.pk:
            pairs.append(
                Pair(
                    mentor=mentor,
                    mentee=mentee,
                    organization=org_of[mentee.pk],
                    started_on=today - dt.timedelta(days=100),
                )
            )
    for mentee in mentee_people[:200]:
        mentor = rnd.choice(active_people)
        pairs.append(
            Pair(
                mentor=mentor,
                mentee=mentee,
                organization=org_of[mentee.pk],
                started_on=dt.date(2023, 9, 1),
                ended_on=dt.date(2024, 5, 31),
            )
        )
        marks.append(
            CompatibilityMark(
                mentor=rnd.choice(active_people),
                mentee=mentee,
                organization=org_of[mentee.pk],
                mark=rnd.choice([-2, -1, 1, 2]),
                marked_on=today,
            )
        )
    Pair.objects.bulk_create(pairs, batch_size=2000, ignore_conflicts=True)
    CompatibilityMark.objects.bulk_create(marks, ignore_conflicts=True)
    return [m.pk for m in mentees]


def run_ranking(args) -> bool:
    from django.db import connection

    from nastavnik.bank.models import MenteeProfile
    from nastavnik.matching.selectors import mentor_candidates

    t0 = time.perf_counter()
    mentee_ids = build_region(people=args.people, active=args.active, seed=args.seed)
    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum (or a maintained SQLite) would keep.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"Данные: {time.perf_counter() - t0:.1f} с — работников {args.people}, "
        f"действующих наставников {args.active}, наставляемых {len(mentee_ids)}"
    )
    sample = random.Random(args.seed).sample(mentee_ids, args.sample)
    timings, considered = [], []
    for pk in sample:
        profile = MenteeProfile.objects.get(pk=pk)
        considered.append(len(mentor_candidates(mentee=profile, limit=10**6)))  # warm-up, and the count
        for _ in range(args.runs):
            t0 = time.perf_counter()
            mentor_candidates(mentee=profile)
            timings.append((time.perf_counter() - t0) * 1000)
    median, top = statistics.median(timings), max(timings)
    print(
        f"Кандидатов на одного наставляемого (все, прошедшие жёсткие правила): "
        f"в среднем {statistics.mean(considered):.0f}, от {min(considered)} до {max(considered)}"
    )
    ok = median < RANKING_BUDGET_MS
    print(
        f"mentor_candidates, {len(sample)} наставляемых × {args.runs}: медиана {median:.1f} мс, "
        f"максимум {top:.1f} мс — {'в пределах' if ok else 'ПРЕВЫШЕНО'} {RANKING_BUDGET_MS:.0f} мс"
    )
    connection.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["all", "solver", "ranking"], default="all")
    parser.add_argument(
        "--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite"
    )
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=5_000)
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--active", type=int, default=6_000, help="active mentors in the region")
    parser.add_argument("--sample", type=int, default=15, help="mentees to rank for")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    # The solver part needs no database, but the scoring code imports Django models.
    with bench_django(
        postgres=args.postgres and args.part != "solver",
        scratch="nastavnik_matching_bench",
        migrate=args.part != "solver",
    ):
        ok = True
        if args.part in ("all", "solver"):
            ok &= run_solver(args)
        if args.part in ("all", "ranking"):
            ok &= run_ranking(args)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
