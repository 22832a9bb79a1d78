"""Time the matching of mentors to mentees (issue 4 item 3; issue 16 Build 3).

    .venv/bin/python benchmarks/matching.py                 # every part; PostgreSQL (scratch database)
    .venv/bin/python benchmarks/matching.py --part solver   # only the whole-pool solve (no database)
    .venv/bin/python benchmarks/matching.py --part pool     # load from PostgreSQL + solve, as the job does
    .venv/bin/python benchmarks/matching.py --sqlite        # SQLite in a temporary directory instead

Targets (issue 16): «whole-pool matching 10,000 × 5,000, proven optimum: < 5 s», medians of at
least 10 runs with the machine's load stated; ranking candidates for one mentee in a region of
60,000 pedagogical workers: under 300 ms (issue 4).

Part «solver» (no database): a synthetic region pool (``nastavnik.matching.synthetic``: 22
municipalities, a quarter of the mentors virtual, capacities 1–3) of ``--mentees`` ×
``--mentors``. First the proof is checked: on ``--check-mentees`` × ``--check-mentors`` pools
the total of ``pool_assign`` (candidates, pricing, pruning) must equal an independent min-cost
flow over EVERY admissible pair (no pruning), and on 30 × 15 pools a second method (CP-SAT).
Then ``pool_assign`` is timed ``--runs`` times (median and maximum, wall and CPU time, the
load average before and after); every run must report OPTIMAL with the duality proof. The
greedy baseline's total is printed beside it.

Part «pool»: builds with ``bulk_create`` a region of ``--people`` pedagogical workers, with
``--pool-mentees`` mentees waiting for a mentor and ``--active`` active mentors (those with a
valid consent, still employed and with a free place form the pool), then times ``--runs`` times
what the job does (``services.pool_assignment_compute`` for the region, as the system): loading
the pool from the database, scoring, solving with the proof, explaining — median of the whole
(«load + solve») and of each phase; then the job's page with that proposal (about 9,000 pairs)
as its author opens it, its first and last page of pairs: median ms, queries, KB (< 300 ms).

Part «ranking»: the same kind of region, ``mentor_candidates`` for ``--sample`` mentees,
``--runs`` times each; the median and the maximum in ms.

A scratch database ``nastavnik_matching_bench`` is created on the server of ``DATABASE_URL``
(default: the local PostgreSQL) and dropped at the end (``benchmarks/harness.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time

from harness import bench_django, plain_static_files, synthetic_people, synthetic_region

SOLVER_BUDGET_S = 5.0
RANKING_BUDGET_MS = 300.0
#: The job page with a region's whole proposal, as every page (issue 16): under 300 ms.
PAGE_BUDGET_MS = 300.0


def load_average() -> str:
    """The load average over 1, 5 and 15 minutes, as ``uptime`` shows it."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def timed_runs(runs: int, work) -> tuple[list[float], list[float], list]:
    """Run ``work()`` ``runs`` times; wall and CPU seconds of each, and what each returned."""
    walls, cpus, results = [], [], []
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        results.append(work())
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return walls, cpus, results


def figures(walls: list[float], cpus: list[float]) -> str:
    return (
        f"медиана {statistics.median(walls):.2f} с (макс. {max(walls):.2f} с), "
        f"процессорное время: медиана {statistics.median(cpus):.2f} с"
    )


# --------------------------------------------------------------------------------------------
# The whole-pool assignment (no database)
# --------------------------------------------------------------------------------------------


def unpruned_total(pool) -> tuple[int, str]:
    """The greatest total of ``pool`` by OR-Tools' min-cost flow over EVERY admissible pair at
    once (no candidates, no pricing, no pruning): the reference the pruned solve must equal."""
    import numpy as np
    from ortools.graph.python import min_cost_flow

    from nastavnik.matching.matrix import PairMatrix

    matrix = PairMatrix(pool.mentors, pool.mentees, pool.relations)
    n, m = matrix.shape
    rows, cols, weights = [], [], []
    for block in matrix.blocks():
        r, c = block.admissible.nonzero()
        keep = block.points[r, c] >= 0  # a pair of negative score never raises the total
        rows.append(r[keep] + block.start)
        cols.append(block.cols[c[keep]])
        weights.append(block.points[r[keep], c[keep]].astype(np.int64))
    rows, cols, weights = (np.concatenate(x) for x in (rows, cols, weights))
    flow = min_cost_flow.SimpleMinCostFlow()
    sink = n + m
    flow.add_arcs_with_capacity_and_unit_cost(rows, cols + n, np.ones(len(rows), dtype=np.int64), -weights)
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(n), np.full(n, sink), np.ones(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(m) + n, np.full(m, sink), matrix.free.astype(np.int64), np.zeros(m, dtype=np.int64)
    )
    flow.set_nodes_supplies(
        np.arange(n + m + 1), np.concatenate([np.ones(n, dtype=np.int64), np.zeros(m, dtype=np.int64), [-n]])
    )
    status = flow.solve()
    return -flow.optimal_cost(), status.name


def run_solver(args) -> bool:
    from nastavnik.matching.services import greedy_assign, pool_assign
    from nastavnik.matching.synthetic import cp_sat_optimum, synthetic_pool

    print(
        f"Проверка доказательства: сумма pool_assign = сумма потока по ВСЕМ допустимым парам "
        f"(без отбора), пулы {args.check_mentees} × {args.check_mentors}:"
    )
    agree = True
    for seed in range(3):
        pool = synthetic_pool(
            mentees=args.check_mentees, mentors=args.check_mentors, seed=seed, capacity=(1, 3), problems=True
        )
        pruned = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
        reference, status = unpruned_total(pool)
        same = pruned.total == reference and pruned.proven_optimal and status == "OPTIMAL"
        agree &= same
        print(
            f"  seed {seed}: с отбором {pruned.total} ({pruned.status}, раундов {pruned.rounds}, "
            f"пар в потоке {pruned.flow_pairs} из {pruned.admissible_pairs}); без отбора {reference} "
            f"({status}) — {'совпадают' if same else 'РАСХОДЯТСЯ'}"
        )
    print("Проверка вторым методом (CP-SAT по всем допустимым парам), пулы 30 × 15:")
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
    print(f"Нагрузка машины до замеров (uptime, 1/5/15 мин): {load_average()}; ядер: {os.cpu_count()}")
    walls, cpus, results = timed_runs(
        args.runs, lambda: pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    )
    optimal = results[-1]
    proven = all(r.proven_optimal and r.status == "OPTIMAL" for r in results)
    same = len({r.total for r in results}) == 1
    print(f"Нагрузка после: {load_average()}")
    print(
        f"Допустимых пар: {optimal.admissible_pairs}; в последнем потоке: {optimal.flow_pairs}; "
        f"решений потока: {optimal.rounds}"
    )
    verdict = "доказан оптимум в каждом запуске" if proven and same else "ОПТИМУМ НЕ ДОКАЗАН"
    median = statistics.median(walls)
    print(
        f"pool_assign (min-cost flow OR-Tools + доказательство двойственностью + объяснения), "
        f"{args.runs} запусков: {figures(walls, cpus)}; сумма {optimal.total}, пар {len(optimal.pairs)}, "
        f"{optimal.status} — {verdict}"
    )
    t0 = time.perf_counter()
    baseline = greedy_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    greedy_s = time.perf_counter() - t0
    gap = 100 * (optimal.total - baseline.total) / optimal.total if optimal.total else 0.0
    print(
        f"Жадный (базовый): сумма {baseline.total}, пар {len(baseline.pairs)} "
        f"(на {gap:.1f} % меньше); {greedy_s:.2f} с"
    )
    ok = agree and proven and same and optimal.total >= baseline.total and median < SOLVER_BUDGET_S
    print(
        f"Итог части «решатель»: медиана {median:.2f} с — "
        f"{'в пределах' if ok else 'НЕ ВЫПОЛНЕНО'} {SOLVER_BUDGET_S:.0f} с"
    )
    return ok


# --------------------------------------------------------------------------------------------
# Ranking for one mentee (database)
# --------------------------------------------------------------------------------------------


def build_region(*, people: int, active: int, seed: int, mentees: int | None = None) -> list[int]:
    """Fill the (migrated, empty) database; return the ids of mentee profiles to rank for.
    ``mentees``: how many workers enter the bank of mentees (default: one in twenty)."""
    from nastavnik.bank.choices import MentorStatus
    from nastavnik.bank.models import (
        BankSettings,
        MenteeProfile,
        MentorCompetence,
        MentorProfile,
        PersonalDataConsent,
    )
    from nastavnik.development.choices import DeficitSource
    from nastavnik.development.models import Deficit
    from nastavnik.matching.models import CompatibilityMark
    from nastavnik.mentoring.models import Pair
    from nastavnik.people.models import Person
    from nastavnik.reference.models import CompetenceArea, MenteeCategory, MentoringKind, Subject

    rnd = random.Random(seed)
    today = dt.date.today()
    _region, _municipalities, organizations = synthetic_region(rnd)
    BankSettings.objects.bulk_create(
        BankSettings(organization=o, default_mentor_capacity=rnd.randint(1, 3)) for o in organizations[::3]
    )

    areas = list(CompetenceArea.objects.all())
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
    wanted = max(200, people // 20) if mentees is None else mentees
    mentee_people = shuffled[len(mentor_people) : len(mentor_people) + wanted]
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
    Deficit.objects.bulk_create(
        (
            Deficit(
                person_id=m.person_id,
                organization_id=m.organization_id,
                area=a,
                level=rnd.randint(1, 3),
                source=DeficitSource.SELF_DIAGNOSIS,
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


_REGION: list[int] = []


def region_data(args) -> list[int]:
    """Build the region once for the parts that need the database; the mentee profile ids."""
    from django.db import connection

    if not _REGION:
        t0 = time.perf_counter()
        _REGION.extend(
            build_region(people=args.people, active=args.active, seed=args.seed, mentees=args.pool_mentees)
        )
        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum (or a maintained SQLite) would keep.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        print(
            f"Данные: {time.perf_counter() - t0:.1f} с — работников {args.people}, "
            f"действующих наставников {args.active}, наставляемых {len(_REGION)}"
        )
    return _REGION


def run_pool(args) -> bool:
    """Load + solve as the job does (``pool_assignment_compute`` of the region, as the system)."""
    from nastavnik.matching.services import pool_assignment_compute
    from nastavnik.organizations.choices import Level
    from nastavnik.organizations.models import OrgUnit

    region_data(args)
    region = OrgUnit.objects.get(level=Level.REGION)
    print(f"Нагрузка машины до замеров (uptime, 1/5/15 мин): {load_average()}; ядер: {os.cpu_count()}")
    walls, cpus, results = timed_runs(args.runs, lambda: pool_assignment_compute(unit=region, by=None))
    print(f"Нагрузка после: {load_average()}")
    last = results[-1]
    print(
        f"Пул региона: наставляемых {last['mentee_count']}, наставников со свободными местами "
        f"{last['mentor_count']} (мест {last['free_places']}); допустимых пар {last['admissible_pairs']}; "
        f"предложено пар {last['pair_count']}, сумма {last['total']}, решений потока {last['rounds']}"
    )
    for phase in ("loading", "scoring", "solving", "explaining", "saving"):
        values = [r["seconds"].get(phase, 0.0) for r in results]
        print(f"  фаза {phase}: медиана {statistics.median(values):.2f} с")
    proven = all(r["proven_optimal"] and r["status"] == "OPTIMAL" for r in results)
    median = statistics.median(walls)
    ok = proven and median < SOLVER_BUDGET_S
    print(
        f"Загрузка из базы + решение + объяснения, {args.runs} запусков: {figures(walls, cpus)} — "
        f"{'доказан оптимум в каждом запуске' if proven else 'ОПТИМУМ НЕ ДОКАЗАН'}; "
        f"{'в пределах' if ok else 'НЕ ВЫПОЛНЕНО'} {SOLVER_BUDGET_S:.0f} с"
    )
    return time_job_page(args, region, last) and ok


def time_job_page(args, region, result: dict) -> bool:
    """The page of the finished job with the region's whole proposal (``/jobs/<pk>/``), as its
    author opens it: the first page of pairs and the last, ``--page-runs`` times each after a warm-up;
    median and slowest in ms, queries and KB against :data:`PAGE_BUDGET_MS`."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from nastavnik.jobs.choices import JobStatus
    from nastavnik.jobs.models import Job
    from nastavnik.matching.services import POOL_JOB_KIND

    plain_static_files()
    user = get_user_model().objects.filter(username="bench_pool_admin").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench_pool_admin", "bench@example.org", None)
    job = Job.objects.create(
        kind=POOL_JOB_KIND,
        title=f"Распределение наставников: {region}",
        created_by=user,
        organization=region,
        status=JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        result=result,
    )
    client = Client()
    client.force_login(user)
    per_page = settings.NASTAVNIK_TABLE_PAGE_SIZE
    last_page = max(1, -(-len(result["pairs"]) // per_page))
    ok = True
    print(f"Страница задания с предложением ({len(result['pairs'])} пар, по {per_page} на странице):")
    for label, query in (("первая страница", ""), (f"страница {last_page}", f"?page={last_page}")):
        url = job.get_absolute_url() + query
        client.get(url)
        times, queries, size = [], 0, 0
        for _ in range(args.page_runs):
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.status_code
            queries, size = len(captured), len(response.content)
        median = statistics.median(times)
        ok &= median < PAGE_BUDGET_MS
        print(
            f"  {label}: медиана {median:.0f} мс (макс. {max(times):.0f} мс), запросов {queries}, "
            f"{size / 1024:.0f} КБ — {'в пределах' if median < PAGE_BUDGET_MS else 'ПРЕВЫШЕНО'} "
            f"{PAGE_BUDGET_MS:.0f} мс; нагрузка: {load_average()}"
        )
    job.delete()
    return ok


def run_ranking(args) -> bool:

    from nastavnik.bank.models import MenteeProfile
    from nastavnik.matching.selectors import mentor_candidates

    mentee_ids = region_data(args)
    sample = random.Random(args.seed).sample(mentee_ids, args.sample)
    timings, considered = [], []
    for pk in sample:
        profile = MenteeProfile.objects.get(pk=pk)
        considered.append(len(mentor_candidates(mentee=profile, limit=10**6)))  # warm-up, and the count
        for _ in range(args.ranking_runs):
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
        f"mentor_candidates, {len(sample)} наставляемых × {args.ranking_runs}: медиана {median:.1f} мс, "
        f"максимум {top:.1f} мс — {'в пределах' if ok else 'ПРЕВЫШЕНО'} {RANKING_BUDGET_MS:.0f} мс"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["all", "solver", "pool", "ranking"], default="all")
    parser.add_argument("--sqlite", action="store_true", help="SQLite in a temporary directory")
    parser.add_argument("--postgres", action="store_true", help="the default; kept for old commands")
    parser.add_argument("--mentees", type=int, default=10_000)
    parser.add_argument("--mentors", type=int, default=5_000)
    parser.add_argument("--check-mentees", type=int, default=2_000)
    parser.add_argument("--check-mentors", type=int, default=1_000)
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--active", type=int, default=7_000, help="active mentors in the region")
    parser.add_argument("--pool-mentees", type=int, default=10_000, help="mentees in the region's bank")
    parser.add_argument("--sample", type=int, default=15, help="mentees to rank for")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--ranking-runs", type=int, default=5)
    parser.add_argument("--page-runs", type=int, default=10, help="openings of the job page timed")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    # The solver part needs no database, but the scoring code imports Django models.
    with bench_django(
        postgres=not args.sqlite and args.part != "solver",
        scratch="nastavnik_matching_bench",
        migrate=args.part != "solver",
    ):
        ok = True
        if args.part in ("all", "solver"):
            ok &= run_solver(args)
        if args.part in ("all", "pool"):
            ok &= run_pool(args)
        if args.part in ("all", "ranking"):
            ok &= run_ranking(args)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
