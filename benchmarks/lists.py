"""Time the list pages and the home page at the size of a region (issue 16, «Speed»), on PostgreSQL.

    .venv/bin/python benchmarks/lists.py                   # build the region, 10 runs a page
    .venv/bin/python benchmarks/lists.py --runs 20
    .venv/bin/python benchmarks/lists.py --reuse bench_b   # a database already filled (kept)
    .venv/bin/python benchmarks/lists.py --slow 3          # and the 3 slowest queries a page

Builds, on a scratch database of the server of ``DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/postgres``, dropped afterwards), the synthetic region of
``benchmarks/monitoring_data`` — 1,000 organizations, 60,000 pedagogical workers, 15,000
programs — adds a head of the curator's organization, then requests through the test client,
as the regional operator, the municipal coordinator, the curator and the head, every list page
of :data:`PAGES` and the home page: median server time of ``--runs`` requests after two
warm-up ones, the number of SQL queries and the size of the HTML, each against the target
(< 300 ms). The machine's load average is printed last; the exit status is 1 when a page
missed the target.

``--reuse NAME``: time the database ``NAME`` of the same server as it is (filled before by this
script's generator, e.g. ``monitoring_data.synthetic_monitoring``), neither built nor dropped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from harness import bench_django, plain_static_files

TARGET_S = 0.3

#: The list pages timed (URL names), the home page first.
PAGES = (
    "core:home",
    "organizations:list",
    "people:list",
    "access:list",
    "bank:mentor_list",
    "bank:mentee_list",
    "bank:open_bank",
    "mentoring:program_list",
    "mentoring:request_list",
    "mentoring:mentoring_program_list",
    "matching:marks",
    "documents:list",
    "roadmaps:list",
    "audit:list",
    "monitoring:questionnaire_list",
    "monitoring:campaign_list",
    "monitoring:report_list",
    "monitoring:risks",
)

#: The roles timed: the benchmark's accounts (``bench_head`` is added by :func:`_head`).
ACCOUNTS = (
    ("bench_operator", "региональный оператор"),
    ("bench_coordinator", "муниципальный координатор"),
    ("bench_curator", "куратор"),
    ("bench_head", "руководитель"),
)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"Средняя загрузка машины (1, 5, 15 мин): {one:.2f}, {five:.2f}, {fifteen:.2f}; ядер: {os.cpu_count()}"


def _head() -> None:
    """Give the curator's organization a head with an account (``bench_head``), if missing."""
    from django.contrib.auth import get_user_model

    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment

    users = get_user_model().objects
    if users.filter(username="bench_head").exists():
        return
    curator = users.get(username="bench_curator")
    unit_id = RoleAssignment.objects.filter(user=curator, role=Role.CURATOR).values_list(
        "org_unit_id", flat=True
    )[0]
    head = users.create_user(username="bench_head", password="bench12345")
    RoleAssignment.objects.create(user=head, org_unit_id=unit_id, role=Role.HEAD)


def _time_page(client, url: str, runs: int, slow: int):
    """``(median seconds, median SQL seconds, queries, KB, status, slowest queries)`` of ``runs``
    GETs of ``url``."""
    from django.db import connection

    for _ in range(2):
        response = client.get(url)
    times, queries = [], []
    for _ in range(runs):
        log: list[tuple[float, str]] = []

        def timer(execute, sql, params, many, context, log=log):
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                log.append((time.perf_counter() - t0, sql))

        with connection.execute_wrapper(timer):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
        queries.append(log)
    last = queries[-1]
    slowest = sorted(last, key=lambda item: -item[0])[:slow]
    sql = statistics.median(sum(seconds for seconds, _sql in log) for log in queries)
    return (
        statistics.median(times),
        sql,
        len(last),
        len(response.content) / 1024,
        response.status_code,
        slowest,
    )


def run(runs: int, slow: int, only: str = "", accounts: str = "") -> int:
    """Time every page of :data:`PAGES` as every account of :data:`ACCOUNTS`; the number of
    pages over the target."""
    import logging

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # the 403s of pages a role lacks
    plain_static_files()
    _head()
    missed = 0
    print(f"Цель: каждая страница < {TARGET_S * 1000:.0f} мс; медиана из {runs} запросов после двух пробных")
    for username, label in ACCOUNTS:
        if accounts and username not in accounts.split(","):
            continue
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        print(f"\n{label} ({username})")
        for name in PAGES:
            if only and name not in only.split(","):
                continue
            status = client.get(reverse(name)).status_code
            if status != 200:
                print(f"  {name:36} ответ {status} — пропущено")
                continue
            median, sql, count, kb, status, slowest = _time_page(client, reverse(name), runs, slow)
            ok = median < TARGET_S
            missed += not ok
            print(
                f"  {name:36} {median * 1000:7.0f} мс (SQL {sql * 1000:4.0f})  запросов {count:3}  {kb:7.1f} КБ  "
                f"{'в норме' if ok else 'ПРЕВЫШЕНО'}"
            )
            for seconds, sql in slowest:
                print(f"      {seconds * 1000:7.1f} мс  {sql[:300]}")
    print(f"\nСтраниц сверх цели: {missed}")
    print(_load())
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description="Время списков и главной страницы на данных региона.")
    parser.add_argument("--runs", type=int, default=10, help="запросов на страницу (медиана)")
    parser.add_argument("--slow", type=int, default=0, help="показать столько самых долгих запросов SQL")
    parser.add_argument("--reuse", default="", help="готовая база данных (не создаётся и не удаляется)")
    parser.add_argument("--pages", default="", help="только эти страницы (имена через запятую)")
    parser.add_argument("--accounts", default="", help="только эти учётные записи (через запятую)")
    args = parser.parse_args()
    if args.reuse:
        from harness import DEFAULT_SERVER, _with_db

        server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
        os.environ["DATABASE_URL"] = _with_db(server, args.reuse)
        os.environ.setdefault("NASTAVNIK_VAR_DIR", "/tmp/nastavnik-lists-bench")
        os.environ["DEBUG"] = "0"
        os.environ["ALLOWED_HOSTS"] = "testserver"
        os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
        os.environ["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings.base"
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import django

        django.setup()
        sys.exit(1 if run(args.runs, args.slow, args.pages, args.accounts) else 0)
    with bench_django(postgres=True, scratch="nastavnik_lists_bench"):
        from monitoring_data import synthetic_monitoring

        data = synthetic_monitoring(workers=60_000, organizations=1000, programs=15_000)
        print(data.render())
        missed = run(args.runs, args.slow, args.pages, args.accounts)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
