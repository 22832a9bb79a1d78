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
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--part", choices=["order", "package", "all"], default="all")
    args = parser.parse_args()
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
