"""Time the import of the bank from a large XLSX (issue 3 item 5: 60,000 rows in under 60 s,
at least 1,000 rows/s, peak memory under 1 GiB).

    .venv/bin/python benchmarks/bank_import.py                  # SQLite in a temporary directory
    .venv/bin/python benchmarks/bank_import.py --postgres       # a scratch PostgreSQL database

With ``--postgres`` a scratch database ``nastavnik_bench_import_<pid>`` is created on the server of
``DATABASE_URL`` and dropped at the end (``benchmarks/harness.py``).

Builds a region with one school and its curator, writes an XLSX of ``--rows`` valid rows (unique
valid СНИЛС; a third mentors, a third mentees), then times the check (``bank_import_validate``)
and the write (``bank_import_apply``) of the file, and a second import of the same file, which
must change nothing. Prints rows/s, seconds and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import time

from harness import bench_django


def peak_rss_mib() -> float:
    """Peak resident set size of this process, MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _world():
    """Region → municipality → school, and the school's curator."""
    from django.contrib.auth import get_user_model
    from stdnum.ru import inn as stdnum_inn

    from nastavnik.access.models import RoleAssignment
    from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
    from nastavnik.organizations.services import org_unit_create

    federal = org_unit_create(parent=None, level=Level.FEDERAL, full_name="Российская Федерация")
    region = org_unit_create(
        parent=federal, level=Level.REGION, full_name="Ханты-Мансийский автономный округ – Югра"
    )
    city = org_unit_create(
        parent=region,
        level=Level.MUNICIPALITY,
        full_name="город Сургут",
        municipality_type=MunicipalityType.CITY_OKRUG,
    )
    body = "860200001"
    school = org_unit_create(
        parent=city,
        level=Level.ORGANIZATION,
        kind=OrganizationKind.SCHOOL,
        full_name="МБОУ «Средняя общеобразовательная школа № 1»",
        inn=body + stdnum_inn.calc_company_check_digit(body),
    )
    curator = get_user_model().objects.create_user("bench_curator", password="bench-only-12345")
    RoleAssignment.objects.create(user=curator, org_unit=school, role="curator")
    return school, curator


def _run(data: bytes, school, curator, label: str) -> tuple[float, object, object]:
    from nastavnik.bank.importing.services import bank_import_apply, bank_import_validate

    t0 = time.perf_counter()
    plan = bank_import_validate(source=io.BytesIO(data), organization=school, user=curator)
    checked = time.perf_counter() - t0
    if not plan.ok:
        print(f"{label}: ошибки в файле — {len(plan.issues)}: {[i.text for i in plan.issues[:3]]}")
        raise SystemExit(1)
    t1 = time.perf_counter()
    result = bank_import_apply(plan=plan, by=curator)
    written = time.perf_counter() - t1
    total = checked + written
    print(
        f"{label}: проверка {checked:.1f} с, запись {written:.1f} с, всего {total:.1f} с — "
        f"{plan.rows / total:.0f} строк/с; добавлено {result.created}, изменено {result.updated}, "
        f"без изменений {result.unchanged}; мест работы {result.employments}, наставников "
        f"{result.mentor_profiles}, наставляемых {result.mentee_profiles}, согласий {result.consents}; "
        f"пик памяти {peak_rss_mib():.0f} МиБ"
    )
    return total, plan, result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite"
    )
    parser.add_argument("--rows", type=int, default=60_000)
    args = parser.parse_args()

    with bench_django(postgres=args.postgres, scratch=f"nastavnik_bench_import_{os.getpid()}"):
        from django.db import connection

        from nastavnik.bank.importing.samples import excel_like_xlsx_bytes, person_row

        school, curator = _world()
        t0 = time.perf_counter()
        data = excel_like_xlsx_bytes([person_row(n) for n in range(1, args.rows + 1)])
        print(
            f"Файл XLSX: {args.rows} строк, {len(data) / 1024 / 1024:.1f} МиБ, создан за "
            f"{time.perf_counter() - t0:.1f} с; память до импорта {peak_rss_mib():.0f} МиБ"
        )
        total, _plan, _result = _run(data, school, curator, "Первый импорт")
        _again, _plan2, result2 = _run(data, school, curator, "Повторный импорт")
        verdict = "да" if total < 60 and args.rows / total >= 1000 and peak_rss_mib() < 1024 else "НЕТ"
        print(
            f"Цель (< 60 с, ≥ 1 000 строк/с, < 1 ГиБ) достигнута: {verdict}; повторный импорт "
            f"{'ничего не изменил' if result2.nothing_changed else 'ИЗМЕНИЛ ДАННЫЕ'}"
        )
        connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
