"""Time the demo-region load on a fresh database.

    .venv/bin/python benchmarks/demo_load.py                      # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nastavnik_demo_bench \\
        .venv/bin/python benchmarks/demo_load.py --postgres       # an existing (empty) PostgreSQL db

Migrates the database, runs ``demo_region_load`` (default 8,000 pedagogical workers), then runs
it once more to time the idempotent no-op, and prints the seconds of each step. With
``--postgres`` the database named by ``DATABASE_URL`` is used; if it already holds the demo
region, ``--reset`` deletes and reloads it (the reload time then includes the deletion).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="use DATABASE_URL (PostgreSQL) instead of SQLite"
    )
    parser.add_argument("--teachers", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reset", action="store_true", help="delete and reload an existing demo region")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        if args.postgres:
            if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
                parser.error("--postgres needs DATABASE_URL=postgres://…")
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["NASTAVNIK_VAR_DIR"] = tmp
        # As in production (scripts/start.sh): no DEBUG, so Django keeps no query log.
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
        os.environ["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings.base"
        sys.path.insert(0, str(ROOT))

        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from nastavnik.demo.services import demo_region_load

        print(f"База данных: {connection.vendor} ({connection.settings_dict['NAME']})")
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Миграции: {time.perf_counter() - t0:.1f} с")

        t0 = time.perf_counter()
        summary = demo_region_load(seed=args.seed, teachers=args.teachers, reset=args.reset)
        load_seconds = time.perf_counter() - t0
        print(
            f"Загрузка: {load_seconds:.1f} с — организаций {summary.organizations}, "
            f"работников {summary.persons}, мест работы {summary.employments}, пар {summary.pairs}"
            + ("" if summary.created else " (регион уже был, ничего не записано)")
        )

        t0 = time.perf_counter()
        again = demo_region_load(seed=args.seed, teachers=args.teachers)
        print(
            f"Повторный запуск: {time.perf_counter() - t0:.2f} с (записано: {'да' if again.created else 'нет'})"
        )
        connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
