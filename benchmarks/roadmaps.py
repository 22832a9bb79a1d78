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
    parser.add_argument("--part", choices=["control", "exchange", "all"], default="all")
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
    with bench_django(postgres=args.postgres, scratch=f"nastavnik_roadmaps_bench_{args.part}"):
        if args.part == "control":
            control(args.runs)
        else:
            exchange(args.items, args.runs)


if __name__ == "__main__":
    main()
