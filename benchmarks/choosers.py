"""The type-ahead choosers at the size of a region (issue 16, «Lists that do not grow»), on
PostgreSQL: each list page with an organization filter, as the regional operator, rendered with
the plain ``<select>`` of every organization in scope (as before) and with the chooser — the
median server time of ``--runs`` requests after two warm-up ones, the size of the HTML and its
number of ``<option>`` — and the chooser's endpoint (a search, the first page, the tenth page).

    .venv/bin/python benchmarks/choosers.py                 # build the region, 10 runs
    .venv/bin/python benchmarks/choosers.py --runs 20

Builds the synthetic region of ``benchmarks/monitoring_data`` (1,000 organizations, 60,000
pedagogical workers) on a scratch database of the server of ``DATABASE_URL`` and drops it at
the end. «Before» is the same code with the small-scope limit of the widget raised above the
number of organizations, so the select lists them all. The machine's load average is printed
last.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from harness import bench_django, plain_static_files

#: The list pages with an organization filter (URL names).
PAGES = (
    "people:list",
    "bank:mentor_list",
    "bank:mentee_list",
    "mentoring:program_list",
    "matching:marks",
    "documents:list",
)


def _median_get(client, url: str, runs: int, params=None) -> tuple[float, bytes]:
    for _ in range(2):
        response = client.get(url, params or {})
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url, params or {})
        times.append(time.perf_counter() - t0)
    assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), response.content


def run(runs: int) -> None:
    import logging

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from nastavnik.core import autocomplete

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    plain_static_files()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench_operator"))
    print(f"Региональный оператор; медиана из {runs} запросов после двух пробных")
    print(
        f"  {'страница':26} {'было: мс':>9} {'КБ':>7} {'<option':>8}   {'стало: мс':>9} {'КБ':>7} {'<option':>8}"
    )
    for name in PAGES:
        url = reverse(name)
        figures = []
        for limit in (10**9, autocomplete.SMALL_SCOPE):
            autocomplete._ChooserMixin.small_scope = limit
            seconds, content = _median_get(client, url, runs)
            figures.append((seconds * 1000, len(content) / 1024, content.count(b"<option")))
        (b_ms, b_kb, b_opt), (a_ms, a_kb, a_opt) = figures
        print(f"  {name:26} {b_ms:9.0f} {b_kb:7.1f} {b_opt:8}   {a_ms:9.0f} {a_kb:7.1f} {a_opt:8}")
    url = reverse("core:autocomplete", kwargs={"kind": "organizations"})
    print("Точка выбора организаций /autocomplete/organizations/:")
    for label, params in (
        ("без текста, стр. 1", {}),
        ("«организация № 5», стр. 1", {"q": "организация № 5"}),
        ("«организация», стр. 10", {"q": "организация", "page": "10"}),
        ("ИНН «86»", {"q": "86"}),
    ):
        seconds, content = _median_get(client, url, runs, params)
        print(f"  {label:28} {seconds * 1000:6.0f} мс  {len(content) / 1024:5.1f} КБ")
    url = reverse("core:autocomplete", kwargs={"kind": "people"})
    seconds, content = _median_get(client, url, runs, {"q": "Ива"})
    print(f"Точка выбора работников, «Ива»: {seconds * 1000:6.0f} мс  {len(content) / 1024:5.1f} КБ")
    one, five, fifteen = os.getloadavg()
    print(
        f"Средняя загрузка машины (1, 5, 15 мин): {one:.2f}, {five:.2f}, {fifteen:.2f}; ядер: {os.cpu_count()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Выбор организации: список целиком и ввод с подсказкой.")
    parser.add_argument("--runs", type=int, default=10, help="запросов на страницу (медиана)")
    args = parser.parse_args()
    with bench_django(postgres=True, scratch="bench_a_choosers"):
        from monitoring_data import synthetic_monitoring

        synthetic_monitoring(workers=60_000, organizations=1000, programs=15_000)
        run(args.runs)


if __name__ == "__main__":
    sys.exit(main())
