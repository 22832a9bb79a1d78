"""Time monitoring at the scale of issue 14 («Speed»), on PostgreSQL.

    .venv/bin/python benchmarks/monitoring.py                  # both parts, 20 runs
    .venv/bin/python benchmarks/monitoring.py --part region --runs 20
    .venv/bin/python benchmarks/monitoring.py --part national --runs 5

Each part builds its synthetic country on a scratch database of the server of ``DATABASE_URL``
(default ``postgres://postgres@127.0.0.1:5432/postgres``) with ``monitoring_data`` (SQL
``generate_series``), then times it; the database is dropped afterwards.

Part «region»: one region of 1,000 organizations, 60,000 pedagogical workers, 15,000 programs
and 100,000 answers. Timed, as the regional operator through the test client (median of
``--runs`` after two warm-up requests): the regional dashboard (``monitoring:unit`` of the
region), and the same indicators computed directly (every registered indicator's ``compute``
over the region for the same period, all together: the raw SQL of the page), their ratio; then
every indicator page over the region. Targets: the dashboard under 300 ms and within 3× of the
raw SQL.

Part «national»: 85 regions, 40,000 organizations, 1.1 million pedagogical workers and 275,000
programs; the federal figure of the whole country for last year (``federal.federal_rollup`` of
the federal unit), median of ``--runs`` (at most 5). Target: under 5 s.

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

DASHBOARD_BUDGET_S, RATIO_BUDGET, NATIONAL_BUDGET_S = 0.3, 3.0, 5.0


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


def region(runs: int, scale: float = 1.0) -> None:
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
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench_operator"))

    url = reverse("monitoring:unit", args=[unit.pk])
    page, page_queries, response = _timed(lambda: client.get(url), runs)
    assert response.status_code == 200, response.status_code
    from django.core.cache import cache

    def cold():
        # the first request after the indicators' minute-long cache expired
        cache.clear()
        return client.get(url)

    cold_page, cold_queries, _ = _timed(cold, max(runs // 4, 3), warmup=1)
    indicators = all_indicators()

    def raw():
        return [indicator.compute(unit.path, period) for indicator in indicators]

    sql, sql_queries, _ = _timed(raw, runs)
    previous = period.previous()

    def raw_both():
        return [indicator.compute(unit.path, p) for indicator in indicators for p in (period, previous)]

    both, both_queries, _ = _timed(raw_both, runs)
    ratio = page / sql if sql else float("inf")
    print(f"Показателей в реестре: {len(indicators)}; период: {period.label}")
    print(
        f"Панель региона (оператор), медиана из {runs}: {_ms(page)}, запросов {page_queries} — "
        f"{'в норме' if page < DASHBOARD_BUDGET_S else 'ПРЕВЫШЕНО'} (цель < {_ms(DASHBOARD_BUDGET_S)})"
    )
    print(
        f"Панель региона с пустым кэшем (первый запрос после минуты): {_ms(cold_page)}, "
        f"запросов {cold_queries}"
    )
    print(
        f"Те же показатели напрямую (compute всех показателей по региону): {_ms(sql)}, запросов {sql_queries}"
    )
    print(
        f"Те же показатели за этот и предыдущий период (что панель показывает рядом): {_ms(both)}, "
        f"запросов {both_queries}; отношение панели к ним: {page / both if both else float('inf'):.2f}, "
        f"панели с пустым кэшем — {cold_page / both if both else float('inf'):.2f}"
    )
    print(
        f"Отношение панели к прямым запросам: {ratio:.2f} — "
        f"{'в норме' if ratio <= RATIO_BUDGET else 'ПРЕВЫШЕНО'} (цель ≤ {RATIO_BUDGET:g})"
    )
    home, home_queries, response = _timed(lambda: client.get(reverse("monitoring:dashboard")), runs)
    print(
        f"Главная панель мониторинга (оператор): {_ms(home)}, запросов {home_queries}, ответ {response.status_code}"
    )

    from nastavnik.monitoring.dashboard import indicator_url

    for indicator in indicators:
        alone, alone_queries, _ = _timed(lambda i=indicator: i.compute(unit.path, period), runs, warmup=1)
        line = f"  {indicator.code}: compute {_ms(alone)} ({alone_queries} запр.)"
        target = indicator_url(indicator, unit, period)
        seconds, queries, response = _timed(lambda t=target: client.get(t), max(runs // 4, 3), warmup=1)
        line += f"; страница {_ms(seconds)}, запросов {queries}, ответ {response.status_code}"
        print(line)


def national(runs: int, scale: float = 1.0) -> None:
    from django.utils import timezone

    from nastavnik.monitoring.federal import federal_rollup
    from nastavnik.organizations.models import OrgUnit

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
    seconds, queries, result = _timed(lambda: federal_rollup(federal, year), min(runs, 5), warmup=1)
    print(
        f"Федеральный показатель по стране за {year} год (federal_rollup), медиана из {min(runs, 5)}: "
        f"{seconds:.2f} с, запросов {queries}; участников — {result.total}, регионов — {len(result.lines)} — "
        f"{'в норме' if seconds < NATIONAL_BUDGET_S else 'ПРЕВЫШЕНО'} (цель < {NATIONAL_BUDGET_S:g} с)"
    )


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
