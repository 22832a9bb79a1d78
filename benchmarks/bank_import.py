"""Time the import of the bank from a large XLSX as a user runs it (issue 16: 60,000 rows from the
upload to «Импорт выполнен» in under 45 s, peak memory under 1 GiB, on PostgreSQL).

    .venv/bin/python benchmarks/bank_import.py --postgres            # a scratch PostgreSQL database
    .venv/bin/python benchmarks/bank_import.py                       # SQLite in a temporary directory
    .venv/bin/python benchmarks/bank_import.py --postgres --rows 60000 --runs 3

With ``--postgres`` a scratch database ``nastavnik_bench_import_<pid>`` is created on the server of
``DATABASE_URL`` and dropped at the end (``benchmarks/harness.py``).

Builds a region with one school and its curator, then, ``--runs`` times, writes an XLSX of
``--rows`` valid new people (unique valid СНИЛС; a third mentors, a third mentees; each run other
people, so the database grows by ``--rows`` a run) and goes the user's way through the pages, as
the curator signed in: the upload form (``POST /bank/import/``: the check job reads and checks
the file and keeps its rows) and «Импортировать» (``POST /bank/import/<job>/apply/``: the import
job re-verifies the kept rows and writes them), each job run by the jobs backend of production
(``thread``; ``--backend sync`` runs it inside the request) and waited for as the job page does.
Reported for each run and as medians: the upload with its check, the apply, the total; the peak
resident memory of the process during the run (``VmHWM``, reset before each run); the CPU time
of the process in each phase (a busy machine inflates it far less than the seconds); the load of
the machine (``uptime``). Then the last file is imported once more, which must change nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import time

from harness import bench_django, plain_static_files

TARGET_SECONDS = 45
TARGET_MIB = 1024


def peak_rss_mib() -> float:
    """Peak resident set size of this process since the last ``reset_peak_rss``, MiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def reset_peak_rss() -> None:
    """Start counting the peak resident memory afresh (Linux ``clear_refs`` 5); elsewhere the
    peak stays that of the whole process."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def cpu_seconds() -> float:
    """CPU time of this process so far, all its threads (the job's among them), user + system:
    what the import costs the machine, whatever else runs on it (the database's own CPU is not
    counted)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    """The load averages of the machine over 1, 5 and 15 minutes, as ``uptime`` prints them."""
    try:
        out = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "нагрузка неизвестна (нет uptime)"
    return "load average: " + out.rsplit("load average:", 1)[-1].strip() if "load average:" in out else out


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


def _wait(response):
    """The job a page sent the user to (``/jobs/<pk>/``), once finished — polled as the job page
    polls its status."""
    from nastavnik.jobs.models import Job

    if response.status_code != 302 or not response["Location"].startswith("/jobs/"):
        raise SystemExit(f"Страница ответила {response.status_code}, а не переходом к заданию")
    pk = int(response["Location"].split("/")[2])
    while True:
        job = Job.objects.get(pk=pk)
        if job.is_finished:
            return job
        time.sleep(0.1)


def _import(client, school, data: bytes, label: str) -> dict:
    """Upload ``data`` and import it through the pages; returns the seconds of each phase."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nastavnik.jobs.choices import JobStatus

    reset_peak_rss()
    c0 = cpu_seconds()
    t0 = time.perf_counter()
    upload = SimpleUploadedFile("bank.xlsx", data)
    check = _wait(client.post("/bank/import/", {"organization": school.pk, "file": upload}))
    t1, c1 = time.perf_counter(), cpu_seconds()
    if check.status != JobStatus.SUCCEEDED or check.result.get("errors_total"):
        raise SystemExit(f"{label}: проверка не прошла: {check.error} {check.result.get('errors', [])[:3]}")
    done = _wait(client.post(f"/bank/import/{check.pk}/apply/"))
    t2, c2 = time.perf_counter(), cpu_seconds()
    if done.status != JobStatus.SUCCEEDED:
        raise SystemExit(f"{label}: импорт не выполнен: {done.error}")
    r = done.result
    phases = {
        "check": t1 - t0,
        "apply": t2 - t1,
        "total": t2 - t0,
        "cpu_check": c1 - c0,
        "cpu_apply": c2 - c1,
        "memory": peak_rss_mib(),
    }
    print(
        f"{label}: загрузка и проверка {phases['check']:.1f} с, импорт {phases['apply']:.1f} с, "
        f"всего {phases['total']:.1f} с ({r['rows'] / phases['total']:.0f} строк/с; процессорного "
        f"времени процесса {phases['cpu_check']:.1f} + {phases['cpu_apply']:.1f} с); добавлено "
        f"{r['created']}, изменено {r['updated']}, без изменений {r['unchanged']}, перепроверено "
        f"{r.get('rechecked', '—')}; мест работы {r['employments']}, наставников {r['mentor_profiles']}, "
        f"наставляемых {r['mentee_profiles']}, согласий {r['consents']}; пик памяти "
        f"{phases['memory']:.0f} МиБ; {load()}",
        flush=True,
    )
    return {**phases, "nothing_changed": r["nothing_changed"]}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres", action="store_true", help="a scratch PostgreSQL database instead of SQLite"
    )
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=3, help="imports of new people timed (median)")
    parser.add_argument("--backend", choices=["thread", "sync"], default="thread")
    args = parser.parse_args()
    os.environ["NASTAVNIK_JOBS_BACKEND"] = args.backend

    with bench_django(postgres=args.postgres, scratch=f"nastavnik_bench_import_{os.getpid()}"):
        from django.db import connection
        from django.test import Client

        from nastavnik.bank.importing.samples import excel_like_xlsx_bytes, person_row

        plain_static_files()
        school, curator = _world()
        client = Client()
        client.force_login(curator)
        runs = []
        data = b""
        for run in range(args.runs):
            t0 = time.perf_counter()
            first = run * args.rows + 1
            data = excel_like_xlsx_bytes([person_row(n) for n in range(first, first + args.rows)])
            print(
                f"Файл XLSX {run + 1}: {args.rows} строк, {len(data) / 1024 / 1024:.1f} МиБ, создан за "
                f"{time.perf_counter() - t0:.1f} с",
                flush=True,
            )
            runs.append(_import(client, school, data, f"Импорт {run + 1} из {args.runs}"))
        again = _import(client, school, data, "Повторный импорт последнего файла")

        def median(key: str) -> float:
            return statistics.median(run[key] for run in runs)

        total, memory = median("total"), max(run["memory"] for run in runs)
        print(
            f"Медианы {len(runs)} импортов по {args.rows} строк ({connection.vendor}, задания: "
            f"{args.backend}): загрузка и проверка {median('check'):.1f} с, импорт {median('apply'):.1f} с, "
            f"всего {total:.1f} с (цель < {TARGET_SECONDS} с: {'да' if total < TARGET_SECONDS else 'НЕТ'}); "
            f"процессорного времени процесса {median('cpu_check'):.1f} + {median('cpu_apply'):.1f} с; "
            f"пик памяти {memory:.0f} МиБ (цель < 1 ГиБ: {'да' if memory < TARGET_MIB else 'НЕТ'}); "
            f"повторный импорт {'ничего не изменил' if again['nothing_changed'] else 'ИЗМЕНИЛ ДАННЫЕ'}"
        )
        print(f"Нагрузка машины: {load()}")
        connection.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
