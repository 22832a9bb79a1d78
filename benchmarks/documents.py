"""Time the official documents (issue 5, «Speed»).

    .venv/bin/python benchmarks/documents.py              # SQLite in a temporary directory
    .venv/bin/python benchmarks/documents.py --postgres   # a scratch PostgreSQL database

Requirements: «The order for 100 pairs: under 1 s as DOCX, under 5 s as PDF; the whole package
of one organization: under 20 s.»

Part 1: the persona world's school A gets a head, a curator and ``--pairs`` pairs of active
mentors and mentees with their written consents (built with the test factories); the order
fixing all of them is rendered ``--runs`` times (median and maximum), then converted to PDF by
LibreOffice (the first run includes LibreOffice's start with a new profile, then warm runs).
Part 2: the demo region is loaded (``load_demo``) and the whole package of each organization of
the demo that has every kind (school A, kindergarten A, college A) is built as DOCX ``--runs``
times (median and maximum), then once as DOCX with PDF copies; the number of documents and the
time are printed.
Part 3 (issue 16, «package of a school with 240 documents, DOCX + PDF: under 20 s»):

    .venv/bin/python benchmarks/documents.py --part school     # SQLite, then PostgreSQL

loads the demo region with ``--teachers`` (46,000: school A then has some 46 pairs and 240
documents) on each database, and times school A's package: as DOCX (median of
``--docx-runs``), with PDF copies and no copy kept (median of ``--pdf-runs``: every copy
converted by LibreOffice, in batches while the documents are rendered), and with PDF again
while the copies of the last package are kept (median of ``--pdf-runs``). The machine's load
(``uptime``) is printed with the figures, and the processor time of Python and of the
LibreOffice processes (which a loaded machine does not inflate as it does the wall time), with
the least wall time that work takes on this machine's cores alone.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

from harness import bench_django

DOCX_BUDGET_S, PDF_BUDGET_S, PACKAGE_BUDGET_S = 1.0, 5.0, 20.0


def verdict(seconds: float, budget: float) -> str:
    return f"{seconds:.2f} с — {'в норме' if seconds < budget else 'ПРЕВЫШЕНО'} (цель < {budget:g} с)"


def order_for_pairs(pairs: int, runs: int) -> None:
    from nastavnik.documents.render import convert_to_pdf
    from nastavnik.documents.services import document_render
    from nastavnik.documents.testing import docx_text, give_positions, prepare_school
    from nastavnik.matching.tests.bank import active_mentor, mentee
    from nastavnik.testing import factories as f
    from nastavnik.testing.personas import build_world

    world = build_world()
    school = prepare_school(world).school
    t0 = time.perf_counter()
    active_mentor(world.mentor_a, school, capacity=2)
    mentee(world.mentee_a, school)
    give_positions(world.mentor_a, world.mentee_a)
    for index in range(pairs - 1):  # the world's own pair is the first
        mentor = f.staff_member(school, last_name=f"Наставникова{index}")
        young = f.staff_member(
            school, last_name=f"Молодцов{index}", first_name="Иван", middle_name="Петрович", sex="M"
        )
        active_mentor(mentor, school, capacity=2)
        mentee(young, school)
        give_positions(mentor, young)
        f.PairFactory(mentor=mentor, mentee=young, organization=school)
    print(f"Подготовлено {pairs} пар за {time.perf_counter() - t0:.1f} с")

    times, content = [], b""
    for _ in range(runs):
        t0 = time.perf_counter()
        content = document_render(kind="order_pairs", organization=school, number="45-о")
        times.append(time.perf_counter() - t0)
    rows = sum(1 for line in docx_text(content).splitlines() if "Молодцов" in line)
    print(
        f"Приказ о закреплении {pairs} пар (строк с наставляемыми: {rows}), DOCX, {runs} запусков: "
        f"медиана {verdict(statistics.median(times), DOCX_BUDGET_S)}; максимум {max(times):.2f} с"
    )
    for label in ("PDF (первый запуск LibreOffice)", "PDF (повторно)", "PDF (повторно)"):
        t0 = time.perf_counter()
        pdf = convert_to_pdf({"order.docx": content})["order.docx"]
        elapsed = time.perf_counter() - t0
        t_total = elapsed + statistics.median(times)
        print(f"{label}: {len(pdf) // 1024} КБ, DOCX+PDF {verdict(t_total, PDF_BUDGET_S)}")


#: The demo accounts whose organizations have the whole model package (``demo.accounts.SHOWCASE``).
SHOWCASE_HEADS = ("head", "head_dou", "head_spo")


def demo_package(runs: int) -> None:
    from django.core.management import call_command

    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment
    from nastavnik.documents.package import package_build

    t0 = time.perf_counter()
    call_command("load_demo", force=True, verbosity=0)
    print(f"Демо-регион загружен за {time.perf_counter() - t0:.1f} с")
    for login in SHOWCASE_HEADS:
        unit = RoleAssignment.objects.get(user__username=login, role=Role.HEAD).org_unit
        times, result = [], None
        for _ in range(runs):
            t0 = time.perf_counter()
            result = package_build(organization=unit, include_pdf=False)
            times.append(time.perf_counter() - t0)
        print(
            f"Пакет «{unit}» DOCX, {runs} запусков: документов {result.documents}, не сформировано "
            f"{len(result.refused)}; медиана {verdict(statistics.median(times), PACKAGE_BUDGET_S)}; "
            f"максимум {max(times):.2f} с"
        )
        t0 = time.perf_counter()
        result = package_build(organization=unit, include_pdf=True)
        print(
            f"Пакет «{unit}» DOCX + PDF: документов {result.documents}; "
            f"{verdict(time.perf_counter() - t0, PACKAGE_BUDGET_S)}"
        )


def uptime() -> str:
    """The load averages of the machine (1, 5, 15 minutes), as ``uptime`` prints them."""
    one, five, fifteen = os.getloadavg()
    return f"загрузка машины (uptime): {one:.2f}, {five:.2f}, {fifteen:.2f}; ядер: {os.cpu_count()}"


def school_package(teachers: int, docx_runs: int, pdf_runs: int) -> None:
    """Part 3: school A of a demo loaded with ``teachers``, its package timed as DOCX, as DOCX
    + PDF with no copy kept, and as DOCX + PDF with the copies of the last package kept."""
    from django.core.files.storage import default_storage
    from django.db import connection

    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment
    from nastavnik.demo.services import demo_region_load
    from nastavnik.documents.package import package_build
    from nastavnik.documents.render import soffice_path
    from nastavnik.documents.services import PACKAGE_PDF_DIR
    from nastavnik.mentoring.models import Pair

    t0 = time.perf_counter()
    demo_region_load(teachers=teachers)
    print(f"Демо-регион ({teachers} педагогов) загружен за {time.perf_counter() - t0:.1f} с")
    school = RoleAssignment.objects.get(user__username="head", role=Role.HEAD).org_unit
    pairs = Pair.objects.filter(organization=school).count()
    print(f"{school}: пар — {pairs}; {uptime()}")

    def forget_copies() -> None:
        folder = f"{PACKAGE_PDF_DIR}/{school.pk}"
        try:
            _, names = default_storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in names:
            default_storage.delete(f"{folder}/{name}")

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def timed(runs: int, *, pdf: bool, keep: bool) -> tuple[list[float], object, list[float], list[float]]:
        times, result, cpu, soffice_cpu = [], None, [], []
        for _ in range(runs):
            if pdf and not keep:
                forget_copies()
            t0, c0, s0 = time.perf_counter(), time.process_time(), children_cpu()
            result = package_build(organization=school, include_pdf=pdf)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            soffice_cpu.append(children_cpu() - s0)
        return times, result, cpu, soffice_cpu

    def report(label: str, times: list[float], result, cpu: list[float], soffice_cpu: list[float]) -> None:
        extra = ""
        if result.pdf:
            extra = f"; PDF: сделано {result.pdf_converted}, взято готовых {result.pdf_kept}"
            extra += f", не сделано {len(result.pdf_failed)}"
        work = statistics.median(c + s for c, s in zip(cpu, soffice_cpu, strict=True))
        print(
            f"{label}, {len(times)} запусков ({connection.vendor}): документов {result.documents}{extra}; "
            f"медиана {verdict(statistics.median(times), PACKAGE_BUDGET_S)}; "
            f"все: {', '.join(f'{t:.1f}' for t in times)} с; процессор Python (без LibreOffice): "
            f"медиана {statistics.median(cpu):.1f} с; процессор LibreOffice: медиана "
            f"{statistics.median(soffice_cpu):.1f} с; вся работа на {os.cpu_count()} ядрах без других "
            f"процессов — не меньше {work / (os.cpu_count() or 1):.1f} с; {uptime()}",
            flush=True,
        )

    package_build(organization=school)  # warm-up: dictionaries, templates
    report("Пакет DOCX", *timed(docx_runs, pdf=False, keep=False))
    if soffice_path() is None:
        print("LibreOffice не установлен: PDF не измерен")
        return
    report("Пакет DOCX + PDF, готовых копий нет", *timed(pdf_runs, pdf=True, keep=False))
    report("Пакет DOCX + PDF, копии прошлого пакета сохранены", *timed(pdf_runs, pdf=True, keep=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--part", choices=["order", "package", "school", "all"], default="all")
    parser.add_argument("--teachers", type=int, default=46000, help="педагогов в демо (часть school)")
    parser.add_argument("--docx-runs", type=int, default=10)
    parser.add_argument("--pdf-runs", type=int, default=3)
    parser.add_argument("--db", choices=["sqlite", "postgres"], help="часть school: только эта база")
    args = parser.parse_args()
    if args.part == "school":
        import subprocess
        import sys

        if args.db is None:
            # SQLite, then PostgreSQL, each on its own fresh database.
            for db in ("sqlite", "postgres"):
                subprocess.run([sys.executable, __file__, *sys.argv[1:], "--db", db], check=True)
            return
        with bench_django(postgres=args.db == "postgres", scratch="nastavnik_documents_bench_school_f"):
            school_package(args.teachers, args.docx_runs, args.pdf_runs)
        return
    if args.part == "all":
        # Each part on its own fresh database: the persona world and the demo region would clash.
        import subprocess
        import sys

        for part in ("order", "package"):
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--part",
                    part,
                    "--pairs",
                    str(args.pairs),
                    "--runs",
                    str(args.runs),
                    *(["--postgres"] if args.postgres else []),
                ],
                check=True,
            )
        return
    with bench_django(postgres=args.postgres, scratch=f"nastavnik_documents_bench_{args.part}"):
        if args.part == "order":
            order_for_pairs(args.pairs, args.runs)
        else:
            demo_package(args.runs)


if __name__ == "__main__":
    main()
