"""Time every list page, the home page and the control pages as each role (issue 16, «Scale»).

    .venv/bin/python benchmarks/pages.py                    # a region: 1,000 organizations, 60,000 teachers
    .venv/bin/python benchmarks/pages.py --national         # the country: 40,000 organizations, 1.1 million
    .venv/bin/python benchmarks/pages.py --only roadmaps         # pages whose name or address has «roadmaps»
    .venv/bin/python benchmarks/pages.py --preset demo10    # a region ten times the demo (or tiny: a check)
    .venv/bin/python benchmarks/pages.py --national --keep  # keep the country's database, reuse it next time
    .venv/bin/python benchmarks/pages.py --national --database bench_country  # the same, named
    .venv/bin/python benchmarks/pages.py --national --keep --drop  # drop the kept database at the end

Builds the data set (``nastavnik.demo.synthetic.synthetic_country``: preset ``region``, or
``national`` with ``--national``) on a scratch PostgreSQL database of the server of
``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``), dropped afterwards.
With ``--keep`` (database ``bench_pages_<preset>``) or ``--database NAME`` the database is kept
after the run, and a later run with the same option finds it filled (the benchmark's account
``bench_operator`` exists), applies the new migrations (an index added since, say) and times the
pages again without generating anything (the country takes about 8 minutes to generate, the
timing a few); ``--drop`` drops it at the end of that run. Then the stored roll-up of the
monitoring indicators is refreshed as the nightly job does (``manage.py monitoring_rollups``)
unless a run of less than a day ago is there (``--no-rollups``: not at all, the dashboards then
compute live). Then, through the Django test client, as the regional operator, the municipal coordinator, the
head and the curator (and the national operator with ``--national``), requests every page of
the site without arguments (``nastavnik.testing.matrix.url_patterns``, as the persona matrix
finds them: the home page, every list, every control and summary page) and the monitoring
dashboard of the role's own unit: two warm-up requests, then the median of ``--runs`` (at least
10), the number of SQL queries and the size of the answer in KB. A page the role may not open
(403, 404, a redirect) is listed without a time.

Targets: every page under 300 ms at the region, under 1 s at the country. The machine's load
average is printed with the figures (the machine may be shared). Exit status 1 when a page
misses its target, so the benchmark can serve as a check.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import statistics
import sys
import time
import warnings
from dataclasses import dataclass

from harness import bench_django, database_exists, drop_database, page_urls, plain_static_files

REGION_BUDGET_S, NATIONAL_BUDGET_S = 0.3, 1.0

#: Pages without arguments that are not pages to time: they end the session, stream a file or
#: answer a background poll.


@dataclass
class Row:
    """One page as one role: the median seconds (``None`` when the role may not open it), the
    SQL queries of one request, the size of the answer in KB and the status code."""

    role: str
    name: str
    url: str
    status: int
    seconds: float | None = None
    queries: int = 0
    kb: float = 0.0


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"средняя загрузка машины (1, 5, 15 мин): {one:.2f}, {five:.2f}, {fifteen:.2f}; ядер: {os.cpu_count()}"


def _measure(client, role: str, name: str, url: str, runs: int) -> Row:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)
    if response.status_code != 200:
        return Row(role, name, url, response.status_code)
    client.get(url)  # the second warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t0)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    return Row(role, name, url, 200, statistics.median(times), len(captured), len(body) / 1024)


def _found():
    """The :class:`~nastavnik.demo.synthetic.Synthetic` of a data set generated on an earlier run
    (``--keep``): the units of the benchmark's accounts and the count of workers, read back; the
    generation time 0. Raises ``SystemExit`` when the database holds no data set."""
    from django.contrib.auth import get_user_model

    from nastavnik.access.models import RoleAssignment
    from nastavnik.demo.synthetic import Synthetic
    from nastavnik.organizations.choices import Level
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.people.models import Person

    units = dict(
        RoleAssignment.objects.filter(
            user__username__in=["bench_operator", "bench_coordinator", "bench_curator"]
        ).values_list("user__username", "org_unit_id")
    )
    federal = OrgUnit.objects.filter(level=Level.FEDERAL).values_list("pk", flat=True).first()
    if (
        len(units) < 3
        or federal is None
        or not get_user_model().objects.filter(username="bench_operator").exists()
    ):
        raise SystemExit(
            "В сохранённой базе данных нет синтетического набора: удалите её или укажите другую."
        )
    return Synthetic(
        federal_id=federal,
        region_id=units["bench_operator"],
        municipality_id=units["bench_coordinator"],
        organization_id=units["bench_curator"],
        counts={"работников": Person.objects.count()},
        seconds=0.0,
    )


def _rollups() -> None:
    """Refresh the stored roll-up of the monitoring indicators as the nightly job does
    (``manage.py monitoring_rollups``), unless a run younger than a day is stored; print its time."""
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from nastavnik.monitoring.models import IndicatorRollupRun

    if IndicatorRollupRun.objects.filter(computed_at__gte=timezone.now() - dt.timedelta(hours=24)).exists():
        print("Сводные показатели мониторинга уже рассчитаны менее суток назад.")
        return
    t0 = time.perf_counter()
    call_command("monitoring_rollups", stdout=io.StringIO())
    print(
        f"Сводные показатели мониторинга рассчитаны (как ночным заданием) за {time.perf_counter() - t0:.1f} с"
    )


def _quiet() -> None:
    """Keep the table readable: no record of every sign-in (django-axes) or of every refused
    page, and no warning about the static files not collected for a benchmark."""
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 403/404 of pages a role may not open
    warnings.filterwarnings("ignore", message="No directory at")


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Время страниц списков, главной и контрольных страниц по ролям."
    )
    parser.add_argument("--national", action="store_true", help="набор «страна» (1,1 млн работников)")
    parser.add_argument(
        "--preset",
        choices=("region", "demo10", "tiny"),
        default="region",
        help="набор данных без --national: region — регион (по умолчанию), demo10 — регион в 10 раз больше "
        "демонстрационного, tiny — проверочный",
    )
    parser.add_argument("--runs", type=int, default=10, help="число замеров каждой страницы (не меньше 10)")
    parser.add_argument(
        "--only", default="", help="только страницы, в имени или адресе которых есть эта строка"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="сохранить базу данных bench_pages_<набор> после замеров и взять её готовой при следующем запуске",
    )
    parser.add_argument(
        "--database", default="", help="имя сохраняемой базы данных (как --keep, но с этим именем)"
    )
    parser.add_argument("--drop", action="store_true", help="удалить сохранённую базу данных после замеров")
    parser.add_argument(
        "--no-rollups", action="store_true", help="не рассчитывать сводные показатели мониторинга"
    )
    args = parser.parse_args()
    runs = max(args.runs, 10)
    budget = NATIONAL_BUDGET_S if args.national else REGION_BUDGET_S
    preset = "national" if args.national else args.preset
    keep = bool(args.keep or args.database)
    scratch = args.database or f"bench_pages_{preset}"
    reuse = keep and database_exists(scratch)
    try:
        return _run(args, runs, budget, preset, scratch, keep, reuse)
    finally:
        if keep and args.drop:
            drop_database(scratch)
            print(f"База данных {scratch} удалена.")


def _run(args, runs: int, budget: float, preset: str, scratch: str, keep: bool, reuse: bool) -> int:
    """The benchmark proper (see the module); ``reuse``: the kept database ``scratch`` is filled."""
    with bench_django(postgres=True, scratch=scratch, keep=keep):
        from django.contrib.auth import get_user_model
        from django.test import Client

        from nastavnik.demo.synthetic import HEAD_LOGIN, NATIONAL_LOGIN, synthetic_country

        plain_static_files()
        _quiet()
        if reuse:
            data = _found()
            print(f"Синтетические данные взяты из сохранённой базы данных {scratch}.")
        else:
            print(f"Загрузка до создания данных: {_load()}")
            data = synthetic_country(preset=preset)
            print(data.render())
        if keep:
            print(f"База данных {scratch} сохраняется после замеров (--drop — удалить).")
        if not args.no_rollups:
            _rollups()
        roles = [
            ("региональный оператор", "bench_operator", data.region_id),
            ("муниципальный координатор", "bench_coordinator", data.municipality_id),
            ("руководитель", HEAD_LOGIN, data.organization_id),
            ("куратор", "bench_curator", data.organization_id),
        ]
        if args.national:
            roles.insert(0, ("федеральный оператор", NATIONAL_LOGIN, data.federal_id))
        User = get_user_model()
        rows: list[Row] = []
        failed: list[str] = []
        for role, login, unit_id in roles:
            user = User.objects.filter(username=login).first()
            if user is None:
                print(f"Нет учётной записи {login} ({role}): роль пропущена")
                continue
            client = Client()
            client.force_login(user)
            print(f"\n{role} ({login}); {_load()}")
            for name, url in page_urls(unit_id):
                if args.only and args.only not in name and args.only not in url:
                    continue
                try:
                    row = _measure(client, role, name, url, runs)
                except Exception as exc:  # a page that fails is reported and fails the check
                    failed.append(f"{role}: {name} {url} — ошибка {type(exc).__name__}: {exc}")
                    print(f"  {name:<40} {url:<45} ОШИБКА: {type(exc).__name__}")
                    continue
                rows.append(row)
                if row.seconds is None:
                    print(f"  {name:<40} {url:<45} не измерена: ответ {row.status}")
                    continue
                verdict = "в норме" if row.seconds < budget else "ЦЕЛЬ НЕ ДОСТИГНУТА"
                print(
                    f"  {name:<40} {url:<45} {1000 * row.seconds:7.0f} мс  запросов {row.queries:3d}  "
                    f"{row.kb:7.0f} КБ  {verdict}"
                )
        timed = [row for row in rows if row.seconds is not None]
        missed = [row for row in timed if row.seconds >= budget]
        workers = f"{data.counts.get('работников', 0):,}".replace(",", "\u00a0")
        print(
            f"\nИтог ({workers} работников, медиана {runs} замеров, цель {1000 * budget:.0f} мс): "
            f"страниц измерено {len(timed)}, цель не достигнута — {len(missed)}, "
            f"с ошибкой — {len(failed)}."
        )
        for row in sorted(missed, key=lambda r: -r.seconds):
            print(f"  {row.role}: {row.name} {row.url} — {1000 * row.seconds:.0f} мс")
        for line in failed:
            print(f"  {line}")
        print(f"Загрузка после замеров: {_load()}")
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
