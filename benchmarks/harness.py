"""What every benchmark shares: a throw-away database, Django set up as in production, and a
synthetic region to fill it with.

``bench_django(postgres=…, scratch=…)`` gives SQLite in a temporary directory, or (with
``postgres=True``) a scratch database created on the server of ``DATABASE_URL`` (default
``postgres://postgres@127.0.0.1:5432/postgres``) and dropped at the end, even after an error —
unless ``keep=True``: then the database is created only if it does not exist yet, migrated, and
left in place, so that a benchmark can fill it once and re-time it later (``database_exists``
tells whether it was there before).
Settings are ``nastavnik.settings.base`` with ``DEBUG=0``, so Django keeps no query log.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The name lists live with the generator (issue 16); re-exported for the benchmarks.
from nastavnik.demo.synthetic import (
    FEMALE_NAMES,
    MALE_NAMES,
    PATRONYMICS,
    SURNAMES,
    feminine,
)

__all__ = ["FEMALE_NAMES", "MALE_NAMES", "PATRONYMICS", "SURNAMES", "feminine"]
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(server: str, sql: str) -> None:
    """Run ``sql`` (CREATE/DROP DATABASE) on the maintenance database of ``server``."""
    import psycopg

    url = _with_db(server, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def database_exists(name: str) -> bool:
    """Whether the server of ``DATABASE_URL`` (default :data:`DEFAULT_SERVER`) has a database
    called ``name``."""
    import psycopg

    server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    url = _with_db(server, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def drop_database(name: str) -> None:
    """Drop the database ``name`` (a kept one, ``bench_django(keep=True)``) of the server of
    ``DATABASE_URL``, closing its connections; nothing when it does not exist."""
    _admin(os.environ.get("DATABASE_URL", DEFAULT_SERVER), f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def bench_django(*, postgres: bool, scratch: str, migrate: bool = True, keep: bool = False) -> Iterator[None]:
    """Set Django up on a fresh database for one benchmark run; migrate it unless told not to.

    ``scratch``: the name of the PostgreSQL database to create (and drop afterwards).
    ``keep``: PostgreSQL only — reuse ``scratch`` if it exists (new migrations are applied) and
    do not drop it at the end; the caller drops it when done (``DROP DATABASE``).

    Raises:
        SystemExit: ``postgres`` with a ``DATABASE_URL`` that is not PostgreSQL, or ``keep``
            without ``postgres``.
    """
    server = os.environ.get("DATABASE_URL", DEFAULT_SERVER)
    if postgres and not server.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--postgres: нужен DATABASE_URL=postgres://… (или никакого — локальный сервер)")
    if keep and not postgres:
        raise SystemExit("Сохранить базу данных можно только в PostgreSQL.")
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        if postgres:
            if not (keep and database_exists(scratch)):
                _admin(server, f'DROP DATABASE IF EXISTS "{scratch}"')
                _admin(server, f'CREATE DATABASE "{scratch}"')
            os.environ["DATABASE_URL"] = _with_db(server, scratch)
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["NASTAVNIK_VAR_DIR"] = tmp
        os.environ["DEBUG"] = "0"  # as in production (scripts/start.sh): no query log
        os.environ["ALLOWED_HOSTS"] = "testserver"  # for benchmarks that go through the test client
        os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
        os.environ["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings.base"
        sys.path.insert(0, str(ROOT))
        try:
            import django

            django.setup()
            from django.core.management import call_command
            from django.db import connection

            print(f"База данных: {connection.vendor} ({connection.settings_dict['NAME']})")
            if migrate:
                t0 = time.perf_counter()
                call_command("migrate", verbosity=0, interactive=False)
                print(f"Миграции: {time.perf_counter() - t0:.1f} с")
            yield
        finally:
            if "django" in sys.modules and postgres:
                from django.db import connections

                connections.close_all()
            if postgres and not keep:
                _admin(server, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def synthetic_region(rnd, *, kinds=None, per_municipality: int = 15):
    """Write federal → region → 22 municipalities → ``per_municipality`` organizations in each
    (kinds drawn from ``kinds``, schools by default), plus 11 regional colleges located in every
    other municipality. Returns ``(region, municipalities, organizations)``."""
    from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
    from nastavnik.organizations.models import OrgUnit
    from nastavnik.organizations.services import org_units_fill_paths

    kinds = kinds or [OrganizationKind.SCHOOL]
    fed = OrgUnit.objects.create(level=Level.FEDERAL, full_name="Российская Федерация")
    region = OrgUnit.objects.create(level=Level.REGION, parent=fed, full_name="Регион")
    municipalities = OrgUnit.objects.bulk_create(
        OrgUnit(
            level=Level.MUNICIPALITY,
            parent=region,
            full_name=f"Муниципальное образование № {i + 1}",
            municipality_type=MunicipalityType.CITY_OKRUG,
        )
        for i in range(22)
    )
    organizations = OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                level=Level.ORGANIZATION,
                parent=m,
                municipality=m,
                kind=rnd.choice(kinds),
                full_name=f"Образовательная организация № {j + 1} ({m.full_name})",
            )
            for m in municipalities
            for j in range(per_municipality)
        ]
        + [
            OrgUnit(
                level=Level.ORGANIZATION,
                parent=region,
                municipality=municipalities[k],
                kind=OrganizationKind.COLLEGE,
                full_name=f"Колледж № {k + 1}",
            )
            for k in range(0, 22, 2)
        ]
    )
    org_units_fill_paths([fed, region, *municipalities, *organizations])
    return region, municipalities, organizations


def synthetic_people(rnd, organizations, count: int) -> tuple[list, dict]:
    """Write ``count`` pedagogical workers (four in five women, positions, experience,
    categories, e-mail and phone), each employed in one of ``organizations`` since 2010.
    Returns ``(persons, {person id: organization})``."""
    from nastavnik.people.models import Employment, Person
    from nastavnik.reference.models import Position

    positions = list(Position.objects.all())
    persons = []
    for _ in range(count):
        female = rnd.random() < 0.8
        surname = rnd.choice(SURNAMES)
        total = rnd.randint(1, 40)
        persons.append(
            Person(
                last_name=feminine(surname) if female else surname,
                first_name=rnd.choice(FEMALE_NAMES if female else MALE_NAMES),
                middle_name=rnd.choice(PATRONYMICS) + ("на" if female else "ич"),
                sex="F" if female else "M",
                birth_date=dt.date(rnd.randint(1962, 2002), rnd.randint(1, 12), rnd.randint(1, 28)),
                position=rnd.choice(positions),
                total_experience_years=total,
                pedagogical_experience_years=rnd.randint(0, total),
                qualification_category=rnd.choice(["none", "first", "highest", "methodist", "mentor"]),
                email=f"teacher{rnd.randrange(10**9)}@edu.example",
                phone=f"+7 9{rnd.randrange(10**9):09d}",
            )
        )
    persons = Person.objects.bulk_create(persons, batch_size=2000)
    organization_of = {p.pk: rnd.choice(organizations) for p in persons}
    Employment.objects.bulk_create(
        (
            Employment(person=p, organization=organization_of[p.pk], started_on=dt.date(2010, 9, 1))
            for p in persons
        ),
        batch_size=5000,
    )
    return persons, organization_of


def plain_static_files() -> None:
    """Production settings, except that static files are not collected for a benchmark that
    renders pages: call before the first page (the storages are built on first use)."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


#: Pages no benchmark times: signing in and out, the health check, the favicon.
SKIPPED_PAGES = {"logout", "login", "core:healthz", "core:favicon"}
#: Routes no benchmark times as pages: the admin, files.
SKIPPED_ROUTES = ("admin/", "static/", "media/", "^media/", "^static/")


def page_urls(unit_id: int | None, *, skipped_routes: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """``(name, url)`` of every page without arguments (``nastavnik.testing.matrix.url_patterns``,
    as the persona matrix finds them), then the monitoring dashboard of ``unit_id`` when given;
    routes starting with ``skipped_routes`` are left out too."""
    from django.urls import NoReverseMatch, reverse

    from nastavnik.testing.matrix import url_patterns

    skipped = (*SKIPPED_ROUTES, *skipped_routes)
    found = []
    for pattern in url_patterns():
        if pattern.arguments or not pattern.name or pattern.name in SKIPPED_PAGES:
            continue
        if pattern.route.startswith(skipped):
            continue
        try:
            found.append((pattern.name, reverse(pattern.name)))
        except NoReverseMatch:
            continue
    if unit_id is not None:
        try:
            found.append(("monitoring:unit", reverse("monitoring:unit", kwargs={"pk": unit_id})))
        except NoReverseMatch:
            pass
    return found
