"""Time the demo-region load on a fresh database.

    .venv/bin/python benchmarks/demo_load.py                # SQLite in a temporary directory
    .venv/bin/python benchmarks/demo_load.py --postgres     # a scratch PostgreSQL database

Migrates the database, runs ``demo_region_load`` (default 8,000 pedagogical workers, with the
bank of mentors and mentees), then runs it once more to time the idempotent no-op, and prints
the seconds of each step. With ``--postgres`` a scratch database ``nastavnik_demo_bench`` is
created on the server of ``DATABASE_URL`` and dropped at the end (``benchmarks/harness.py``).
"""

from __future__ import annotations

import argparse
import time

from harness import bench_django


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite"
    )
    parser.add_argument("--teachers", type=int, default=8000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with bench_django(postgres=args.postgres, scratch="nastavnik_demo_bench"):
        from nastavnik.demo.services import demo_region_load

        t0 = time.perf_counter()
        summary = demo_region_load(seed=args.seed, teachers=args.teachers)
        print(
            f"Загрузка: {time.perf_counter() - t0:.1f} с — организаций {summary.organizations}, "
            f"работников {summary.persons}, мест работы {summary.employments}, пар {summary.pairs}"
        )
        t0 = time.perf_counter()
        again = demo_region_load(seed=args.seed, teachers=args.teachers)
        print(
            f"Повторный запуск: {time.perf_counter() - t0:.2f} с (записано: {'да' if again.created else 'нет'})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
