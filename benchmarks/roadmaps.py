"""Time the roadmaps (issue 6): the control pages over a whole region, and the XLSX/DOCX round
trip of a large roadmap.

    .venv/bin/python benchmarks/roadmaps.py              # SQLite in a temporary directory
    .venv/bin/python benchmarks/roadmaps.py --postgres   # a scratch PostgreSQL database

Part «control»: the demo region is loaded (``load_demo``, with its roadmaps), then every
organization without a roadmap gets one from the organization template (about 300 roadmaps of
28 activities); the control page of the region (as the demo operator) and of a municipality (as
the demo coordinator), the roadmap list and a roadmap page with its timeline are requested
``--runs`` times each through the test client: median time and the number of SQL queries.
Targets (ours, the issue names none): every page under 1 s, queries not growing with the
number of organizations.

Part «scale» (PostgreSQL only; issue 16): the synthetic region of ``nastavnik.demo.synthetic``
(``synthetic_country``, preset «region»: 1,000 organizations, 60,000 pedagogical workers, an
approved roadmap in 80 % of the organizations, drafts, submitted and returned ones, the
municipalities' and the region's roadmaps, activities in every state) — or, with ``--national``,
the country (preset «national»: 89 regions, 40,000 organizations, 1.1 million workers); the
control page of the federal level (as the national operator), of the region (as its operator,
and filtered) and of a municipality (as its coordinator, and its second page) are requested
``--runs`` times each (at least 10): median and slowest time, SQL queries, HTML size, against
300 ms for a region and 1 s for the country, with the machine's load (``uptime``).

    .venv/bin/python benchmarks/roadmaps.py --part scale --postgres --runs 10
    .venv/bin/python benchmarks/roadmaps.py --part scale --postgres --national --runs 10

Part «exchange»: a roadmap of ``--items`` activities in 10 sections is exported to XLSX and DOCX
and read back (``exchange.plan_read``); times and sizes. Target: under 5 s each for 1000
activities.
"""

from __future__ import annotations

import argparse
import statistics
import time

from harness import bench_django, plain_static_files

PAGE_BUDGET_S, EXCHANGE_BUDGET_S = 1.0, 5.0
#: Issue 16: every control page of a region of 60,000 teachers, and of the country as the
#: national operator.
REGION_BUDGET_S, NATIONAL_BUDGET_S = 0.3, 1.0


def verdict(seconds: float, budget: float) -> str:
    return f"{seconds:.2f} с — {'в норме' if seconds < budget else 'ПРЕВЫШЕНО'} (цель < {budget:g} с)"


def _timed_get(client, url: str, runs: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, status = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
        status, queries = response.status_code, len(captured)
    return statistics.median(times), queries, status


def control(runs: int) -> None:
    from django.core.management import call_command
    from django.test import Client

    from nastavnik.organizations.models import OrgUnit
    from nastavnik.roadmaps.models import Roadmap, RoadmapItem
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    t0 = time.perf_counter()
    plain_static_files()
    call_command("load_demo", verbosity=0)
    print(
        f"Демо-регион загружен за {time.perf_counter() - t0:.1f} с; дорожных карт: {Roadmap.objects.count()}"
    )

    t0 = time.perf_counter()
    created = 0
    year = (
        Roadmap.objects.filter(level="organization").values_list("starts_on__year", flat=True).first() or 2026
    )
    for unit in OrgUnit.objects.organizations().exclude(roadmaps__isnull=False):
        roadmap_create_from_blueprint(owner=unit, code="organization_002", year=year, by=None)
        created += 1
    seconds = time.perf_counter() - t0
    print(
        f"Создано дорожных карт организаций по шаблону: {created} за {seconds:.1f} с "
        f"({1000 * seconds / max(created, 1):.0f} мс на карту); всего мероприятий: {RoadmapItem.objects.count()}"
    )

    operator, coordinator = Client(), Client()
    assert operator.login(username="operator", password="demo12345")
    assert coordinator.login(username="coordinator", password="demo12345")
    regional = Roadmap.objects.filter(level="region").first()
    school = Roadmap.objects.filter(level="organization").order_by("pk").first()
    pages = [
        ("Контроль: регион (оператор)", operator, "/roadmaps/control/"),
        ("Контроль: муниципалитет (координатор)", coordinator, "/roadmaps/control/"),
        ("Список дорожных карт (оператор)", operator, "/roadmaps/"),
        ("Региональная дорожная карта", operator, f"/roadmaps/{regional.pk}/"),
        ("График региональной карты", operator, f"/roadmaps/{regional.pk}/timeline/"),
        ("Дорожная карта организации", coordinator, f"/roadmaps/{school.pk}/"),
    ]
    for title, client, url in pages:
        median, queries, status = _timed_get(client, url, runs)
        print(f"{title}: {verdict(median, PAGE_BUDGET_S)}; запросов к БД: {queries}; ответ {status}")


def _load() -> str:
    """The machine's load averages (``os.getloadavg``) as the benchmark prints them."""
    import os

    one, five, fifteen = os.getloadavg()
    return f"загрузка машины (uptime): {one:.2f}, {five:.2f}, {fifteen:.2f} на {os.cpu_count()} ядрах"


def scale(runs: int, national: bool) -> None:
    """The control pages on the synthetic region (or the country with ``national``)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from nastavnik.demo.synthetic import NATIONAL_LOGIN, PASSWORD, synthetic_country
    from nastavnik.organizations.models import OrgUnit

    plain_static_files()
    made = synthetic_country(preset="national" if national else "region")
    print(made.render())
    budget = NATIONAL_BUDGET_S if national else REGION_BUDGET_S
    clients = {}
    for login in (NATIONAL_LOGIN, "bench_operator", "bench_coordinator"):
        user = get_user_model().objects.get(username=login)
        assert user.check_password(PASSWORD), login
        clients[login] = Client()
        clients[login].force_login(user)  # (django-axes refuses a login without a request)
    region, muni = made.region_id, made.municipality_id
    organizations = OrgUnit.objects.filter(parent_id=muni, level="organization").count()
    pages = [
        ("Контроль: федеральный уровень (федеральный оператор)", NATIONAL_LOGIN, "/roadmaps/control/"),
        (
            "Контроль: федеральный уровень, только утверждённые с просрочкой",
            NATIONAL_LOGIN,
            "/roadmaps/control/?status=approved&overdue=1",
        ),
        ("Контроль: регион (федеральный оператор)", NATIONAL_LOGIN, f"/roadmaps/control/?unit={region}"),
        ("Контроль: регион (региональный оператор)", "bench_operator", "/roadmaps/control/"),
        (
            "Контроль: регион, только на согласовании",
            "bench_operator",
            f"/roadmaps/control/?unit={region}&status=submitted",
        ),
        (
            f"Контроль: муниципалитет, {organizations} организаций (координатор)",
            "bench_coordinator",
            "/roadmaps/control/",
        ),
        (
            "Контроль: муниципалитет, страница 2",
            "bench_coordinator",
            f"/roadmaps/control/?unit={muni}&page=2",
        ),
    ]
    print(f"Замеры по {runs} запросов; {_load()}")
    for title, login, url in pages:
        median, slowest, queries, size, status, sql = _timed(clients[login], url, runs)
        print(
            f"{title}: медиана {1000 * median:.0f} мс, худший {1000 * slowest:.0f} мс — "
            f"{'в норме' if median < budget else 'ПРЕВЫШЕНО'} (цель < {1000 * budget:.0f} мс); "
            f"запросов к БД: {queries}; {size // 1024} КБ; ответ {status}"
        )
        print("    из них в БД (медиана): " + "; ".join(f"{1000 * t:.0f} мс — {q}" for q, t in sql))
    print(f"После замеров: {_load()}")


def _timed(client, url: str, runs: int):
    """``(median s, slowest s, queries, bytes, status, sql)`` of ``runs`` GETs of ``url`` after
    one warm-up request; ``sql``: the three slowest queries by their median time, as
    ``[(the query's first words, seconds)]``, and their total first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, queries, size, status = [], 0, 0, 0
    per_query: dict[int, list[float]] = {}
    heads: dict[int, str] = {}
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
        status, queries, size = response.status_code, len(captured), len(response.content)
        for n, query in enumerate(captured.captured_queries):
            per_query.setdefault(n, []).append(float(query["time"]))
            heads[n] = " ".join(query["sql"].split()[:6])[:70]
    medians = {n: statistics.median(values) for n, values in per_query.items()}
    slowest = sorted(medians, key=medians.get, reverse=True)[:3]
    sql = [("всего", sum(medians.values()))] + [(heads[n], medians[n]) for n in slowest]
    return statistics.median(times), max(times), queries, size, status, sql


def exchange(items: int, runs: int) -> None:
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.roadmaps import exchange as ex
    from nastavnik.roadmaps.periods import period_parse
    from nastavnik.roadmaps.services import ItemData, SectionData, roadmap_create
    from nastavnik.testing.personas import build_world

    world = build_world()
    owner = OrgUnit.objects.get(pk=world.school_a.pk)
    per_section = max(items // 10, 1)
    sections = [
        SectionData(
            number=f"{s + 1}.",
            title=f"Раздел {s + 1}: мероприятия по внедрению системы наставничества",
            items=[
                ItemData(
                    number=f"{s + 1}.{i + 1}",
                    activity=f"Мероприятие {s + 1}.{i + 1}: проведение семинара «Наставничество в школе» "
                    "для педагогических работников с привлечением партнёров",
                    period=period_parse(
                        ["Сентябрь 2026", "Ноябрь – декабрь 2026", "Постоянно", "До 20.01.2027"][i % 4]
                    ),
                    responsible="Руководитель образовательной организации, Куратор",
                    result="Протокол, методические материалы, публикация на сайте",
                )
                for i in range(per_section)
            ],
        )
        for s in range(10)
    ]
    t0 = time.perf_counter()
    roadmap = roadmap_create(
        owner=owner,
        title="Дорожная карта для замера",
        starts_on=period_parse("Сентябрь 2026").starts_on,
        ends_on=period_parse("Август 2027").ends_on,
        by=None,
        sections=sections,
    )
    print(
        f"Дорожная карта из {roadmap.items.count()} мероприятий создана за {time.perf_counter() - t0:.2f} с"
    )
    for fmt, write in (("xlsx", ex.roadmap_xlsx), ("docx", ex.roadmap_docx)):
        times, content = [], b""
        for _ in range(runs):
            t0 = time.perf_counter()
            content = write(roadmap)
            times.append(time.perf_counter() - t0)
        print(
            f"Выгрузка {fmt.upper()} ({len(content) // 1024} КБ): {verdict(statistics.median(times), EXCHANGE_BUDGET_S)}"
        )
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            plan = ex.plan_read(content, f"roadmap.{fmt}")
            times.append(time.perf_counter() - t0)
        count = sum(len(s.items) for s in plan.sections)
        print(
            f"Чтение {fmt.upper()} ({count} мероприятий): {verdict(statistics.median(times), EXCHANGE_BUDGET_S)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true", help="scratch PostgreSQL instead of SQLite")
    parser.add_argument("--part", choices=["control", "scale", "exchange", "all"], default="all")
    parser.add_argument("--national", action="store_true", help="scale: the country, not a region")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()
    if args.part == "all":
        # Each part on its own fresh database and process: the demo region and the persona world
        # would clash, and Django is set up once per process.
        import subprocess
        import sys

        for part in ("control", "exchange"):
            options = ["--runs", str(args.runs), "--items", str(args.items)]
            postgres = ["--postgres"] if args.postgres else []
            subprocess.run([sys.executable, __file__, "--part", part, *options, *postgres], check=True)
        return
    if args.part == "scale" and not args.postgres:
        raise SystemExit("Часть «scale» замеряется только на PostgreSQL (--postgres).")
    scratch = f"nastavnik_roadmaps_bench_{args.part}"
    if args.part == "scale":
        scratch = "bench_c_roadmaps_" + ("national" if args.national else "region")
    with bench_django(postgres=args.postgres, scratch=scratch):
        if args.part == "control":
            control(args.runs)
        elif args.part == "scale":
            scale(max(args.runs, 10), args.national)
        else:
            exchange(args.items, args.runs)


if __name__ == "__main__":
    main()
