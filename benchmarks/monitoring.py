"""Time monitoring at the scale of issue 14 («Speed»), on PostgreSQL.

    .venv/bin/python benchmarks/monitoring.py                  # both parts, 20 runs
    .venv/bin/python benchmarks/monitoring.py --part region --runs 20
    .venv/bin/python benchmarks/monitoring.py --part national --runs 5

Each part builds its synthetic country on a scratch database of the server of ``DATABASE_URL``
(default ``postgres://postgres@127.0.0.1:5432/postgres``) with ``monitoring_data`` (SQL
``generate_series``), then times it; the database is dropped afterwards.

Part «region»: one region of 1,000 organizations, 60,000 pedagogical workers, 15,000 programs
and 100,000 answers. Timed: every registered indicator's ``compute`` over the region (the raw
SQL); then, as the regional operator through the test client, cold (the Django cache cleared
before each request; median of ``--runs``), the region's dashboard, list of indicators, an
indicator page and federal statistics page — first computed live, then read from the stored
roll-up (``monitoring.rollups``, refreshed nightly by the job ``monitoring_rollups``, whose
time is printed), and the same for a municipality; the warm dashboard (minute-long cache) and
the operator's home page. Target: each page under 300 ms.

Part «national»: 85 regions, 40,000 organizations, 1.1 million pedagogical workers and 275,000
programs; the federal figure of the whole country for last year (``federal.federal_rollup`` of
the federal unit), median of 5 (target under 5 s); the refresh of the stored roll-up of the
country; then, as the national operator, the same four pages cold at the federal unit (the
regions as rows) and at a region, median of 5. Target: each page under 1 s.

Every line also gives the number of SQL queries; the machine's load average is printed last.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from harness import bench_django, plain_static_files
from monitoring_data import synthetic_monitoring

DASHBOARD_BUDGET_S, NATIONAL_PAGE_BUDGET_S, NATIONAL_BUDGET_S = 0.3, 1.0, 5.0


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:.0f} мс"


def _timed(call, runs: int, warmup: int = 2) -> tuple[float, int, object]:
    """Median seconds of ``runs`` calls after ``warmup`` untimed ones, the queries of the last
    call and its result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = None
    for _ in range(warmup):
        result = call()
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            result = call()
            times.append(time.perf_counter() - t0)
        queries = len(captured)
    return statistics.median(times), queries, result


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"Средняя загрузка машины (1, 5, 15 мин): {one:.2f}, {five:.2f}, {fifteen:.2f}; ядер: {os.cpu_count()}"


def _pages(client, unit, label: str, runs: int, budget: float) -> None:
    """Time, cold (the Django cache cleared before each request), the dashboard, the list of
    indicators, an indicator page and the federal statistics page of ``unit``."""
    from django.core.cache import cache
    from django.urls import reverse

    urls = {
        "панель мониторинга": reverse("monitoring:unit", args=[unit.pk]),
        "список показателей": f"{reverse('monitoring:indicators')}?unit={unit.pk}",
        "страница показателя (наставники)": (
            f"{reverse('monitoring:indicator', args=['teachers_as_mentors'])}?unit={unit.pk}"
        ),
        "сведения для федерального наблюдения": f"{reverse('monitoring:federal')}?unit={unit.pk}",
    }
    for name, url in urls.items():

        def cold(url=url):
            cache.clear()
            return client.get(url)

        seconds, queries, response = _timed(cold, runs, warmup=1)
        verdict = "в норме" if seconds < budget else "ПРЕВЫШЕНО"
        print(
            f"  {label}, {name}: {_ms(seconds)} (медиана из {runs}, кэш пуст), запросов {queries}, "
            f"ответ {response.status_code}, {len(response.content) // 1024} КБ — {verdict} (цель < {_ms(budget)})"
        )


def _refresh(unit) -> None:
    from nastavnik.monitoring.rollups import rollups_refresh

    t0 = time.perf_counter()
    runs = rollups_refresh(unit)
    print(
        f"Расчёт сводных показателей (задание monitoring_rollups) от «{unit}» за текущий и предыдущий год: "
        f"{time.perf_counter() - t0:.1f} с ({', '.join(f'{r.seconds:.1f} с' for r in runs)})"
    )


def region(runs: int, scale: float = 1.0) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from nastavnik.monitoring.indicators.base import all_indicators
    from nastavnik.monitoring.periods import year_period
    from nastavnik.organizations.models import OrgUnit

    plain_static_files()
    data = synthetic_monitoring(
        organizations=round(1000 * scale),
        workers=round(60_000 * scale),
        programs=round(15_000 * scale),
        answers=round(100_000 * scale),
        stdout=print,
    )
    print(data.render())
    unit = OrgUnit.objects.get(pk=data.region_id)
    period = year_period(timezone.localdate().year)
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench_operator"))
    indicators = all_indicators()
    print(f"Показателей в реестре: {len(indicators)}; период: {period.label}")

    previous = period.previous()
    both, both_queries, _ = _timed(
        lambda: [i.compute(unit.path, p) for i in indicators for p in (period, previous)], runs
    )
    print(
        f"Все показатели по региону за этот и предыдущий период напрямую (compute): {_ms(both)}, "
        f"запросов {both_queries}"
    )
    for indicator in indicators:
        alone, alone_queries, _ = _timed(lambda i=indicator: i.compute(unit.path, period), runs, warmup=1)
        print(f"  {indicator.code}: compute {_ms(alone)} ({alone_queries} запр.)")

    print("Без сохранённого расчёта (показатели считаются при открытии):")
    _pages(client, unit, "регион", max(runs // 2, 5), DASHBOARD_BUDGET_S)
    warm, warm_queries, _ = _timed(lambda: client.get(reverse("monitoring:unit", args=[unit.pk])), runs)
    print(f"  регион, панель мониторинга из минутного кэша: {_ms(warm)}, запросов {warm_queries}")

    _refresh(OrgUnit.objects.get(pk=data.federal_id))
    print("С сохранённым расчётом (ежедневное задание):")
    _pages(client, unit, "регион", runs, DASHBOARD_BUDGET_S)
    municipality = OrgUnit.objects.get(pk=data.municipality_id)
    _pages(client, municipality, "муниципалитет", runs, DASHBOARD_BUDGET_S)
    home, home_queries, response = _timed(lambda: client.get(reverse("core:home")), runs)
    print(
        f"Главная страница оператора (блок мониторинга): {_ms(home)}, запросов {home_queries}, ответ {response.status_code}"
    )


def national(runs: int, scale: float = 1.0) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment
    from nastavnik.monitoring.federal import federal_rollup
    from nastavnik.organizations.models import OrgUnit

    plain_static_files()
    data = synthetic_monitoring(
        regions=85,
        municipalities=25,
        organizations=round(40_000 * scale),
        workers=round(1_100_000 * scale),
        programs=round(275_000 * scale),
        answers=0,
        stdout=print,
    )
    print(data.render())
    federal = OrgUnit.objects.get(pk=data.federal_id)
    year = timezone.localdate().year - 1
    runs = max(min(runs, 5), 5)
    seconds, queries, result = _timed(lambda: federal_rollup(federal, year), runs, warmup=1)
    print(
        f"Федеральный показатель по стране за {year} год (federal_rollup), медиана из {runs}: "
        f"{seconds:.2f} с, запросов {queries}; участников — {result.total}, регионов — {len(result.lines)} — "
        f"{'в норме' if seconds < NATIONAL_BUDGET_S else 'ПРЕВЫШЕНО'} (цель < {NATIONAL_BUDGET_S:g} с)"
    )
    user = get_user_model().objects.create_user(username="bench_national", password="bench12345")
    RoleAssignment.objects.create(user=user, org_unit=federal, role=Role.NATIONAL_OPERATOR)
    client = Client()
    client.force_login(user)
    _refresh(federal)
    print("Федеральный оператор, с сохранённым расчётом:")
    _pages(client, federal, "федеральный уровень", runs, NATIONAL_PAGE_BUDGET_S)
    _pages(client, OrgUnit.objects.get(pk=data.region_id), "регион", runs, NATIONAL_PAGE_BUDGET_S)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["region", "national", "all"], default="all")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="доля размеров задачи (1 — как в задаче; 0.05 — для проверки)",
    )
    args = parser.parse_args()
    if args.part == "all":
        for part in ("region", "national"):
            options = ["--runs", str(args.runs), "--scale", str(args.scale)]
            subprocess.run([sys.executable, __file__, "--part", part, *options], check=True)
        return
    with bench_django(postgres=True, scratch=f"nastavnik_monitoring_bench_{args.part}"):
        t0 = time.perf_counter()
        (region if args.part == "region" else national)(args.runs, args.scale)
        print(f"Всего: {time.perf_counter() - t0:.0f} с")
        print(_load())


if __name__ == "__main__":
    main()
