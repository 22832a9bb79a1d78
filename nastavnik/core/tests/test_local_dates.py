"""Dates shown or put in file names are local dates (issue 13: a ZIP named by yesterday's date,
in UTC, while the page said today). The region lives at UTC+5: from 19:00 to 24:00 UTC the UTC
date is yesterday's.

Tests read the date as the code does, and when the code does: a suite started before local
midnight that kept ``TODAY = timezone.localdate()`` from its import compared the code's today with
yesterday (CI: ``reminded_on`` 2026-12-04 against 2026-12-03 in roadmaps' test_reminders)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

import nastavnik
from nastavnik.documents.tasks import KIND as PACKAGE_KIND
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job

#: Ways to read the date or time that ignore the region's time zone, and aware moments
#: formatted as they are (in UTC): ``f"{job.created_at:%d.%m.%Y}"``.
NAIVE = re.compile(r"date\.today\(\)|datetime\.now\(|utcnow\(|now\(\)\.date\(\)|\{[\w.]+_at:%")


#: Calls that read the clock: ``timezone.localdate()``, ``timezone.now()``, ``dt.date.today()``,
#: ``datetime.now(tz)``, ``utcnow()``, a helper ``today()`` …; ``localdate(value)`` and
#: ``localtime(value)`` only convert the moment they are given.
CLOCK_READERS = frozenset({"localdate", "localtime", "now", "today", "utcnow"})
CONVERTERS = frozenset({"localdate", "localtime"})

#: ``date.today``, ``datetime.now`` …: the date or time of the machine (UTC on the servers and in
#: CI), not of the region (``TIME_ZONE``), whether called or handed over (``LazyFunction(date.today)``).
ZONE_FREE = frozenset({("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow")})

IMPORT_TIME_RULE = (
    "the date or time is read when the module is imported (module level, class body, default "
    "argument, decorator or parametrize argument): a suite started before local midnight then "
    "compares the code's today with yesterday. Read it inside the test, a fixture or a function: "
    "def today(): return timezone.localdate() / Дата читается при импорте модуля: вычисляйте её "
    "внутри теста, фикстуры или функции"
)
ZONE_RULE = (
    "date.today()/datetime.now() read the machine's date (UTC), not the region's: use "
    "timezone.localdate() / timezone.now() (timezone.localtime()) as the code does / "
    "используйте timezone.localdate() и timezone.now()"
)


def _name(node: ast.expr) -> str | None:
    """``today`` of ``today``, ``dt.date.today`` and ``timezone.now``'s ``now``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


class _ClockReads(ast.NodeVisitor):
    """Finds, in one module, the clock read at import time (outside every function and lambda
    body: module level, class bodies, default arguments, decorators and their arguments) and
    every zone-free ``date.today``/``datetime.now``. ``found``: ``[(line, rule)]``."""

    def __init__(self) -> None:
        self.deferred = 0  # depth of function and lambda bodies: evaluated when called, not at import
        self.found: list[tuple[int, str]] = []

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        # decorators and default values are evaluated when the ``def`` runs; the body when called
        for decorator in getattr(node, "decorator_list", ()):
            self.visit(decorator)
        for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
            self.visit(default)
        self.deferred += 1
        for statement in node.body if isinstance(node.body, list) else [node.body]:
            self.visit(statement)
        self.deferred -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        converts = name in CONVERTERS and (node.args or any(k.arg == "value" for k in node.keywords))
        if not self.deferred and name in CLOCK_READERS and not converts:
            self.found.append((node.lineno, IMPORT_TIME_RULE))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if (_name(node.value), node.attr) in ZONE_FREE:
            self.found.append((node.lineno, ZONE_RULE))
        self.generic_visit(node)


def _test_modules() -> list[Path]:
    """The test modules, their helpers and every conftest: ``nastavnik/**/tests/``,
    ``nastavnik/testing/``, ``nastavnik/*/testing.py``, ``conftest.py`` files and, when the
    sources are at hand, the top ``conftest.py`` and ``tests/``."""
    package = Path(nastavnik.__file__).parent
    found = {
        path
        for path in package.rglob("*.py")
        if {"tests", "testing"} & set(path.relative_to(package).parent.parts)
        or path.name in {"conftest.py", "testing.py"}
    }
    top = package.parent
    found |= set((top / "tests").rglob("*.py")) | {p for p in [top / "conftest.py"] if p.exists()}
    return sorted(found)


def test_tests_read_the_date_when_they_run_and_as_the_code_does():
    # given every test module, test helper and conftest (the apps to come included)
    root = Path(nastavnik.__file__).parent.parent
    modules = _test_modules()
    assert any(path.name == "test_local_dates.py" for path in modules)

    # when each is parsed
    found = []
    for path in modules:
        source = path.read_text(encoding="utf-8")
        visitor = _ClockReads()
        visitor.visit(ast.parse(source, str(path)))
        lines = source.splitlines()
        found += [
            f"{path.relative_to(root)}:{line}: {lines[line - 1].strip()}\n    — {rule}"
            for line, rule in visitor.found
        ]

    # then none reads the date at import, and none reads the machine's date instead of the region's
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        ("TODAY = timezone.localdate()", [1]),
        ("YEAR = timezone.localdate().year", [1]),
        ("class T:\n    now = timezone.now()", [2]),
        ("def f(on=timezone.localdate()):\n    return on", [1]),
        ("@pytest.mark.parametrize('on', [today() + dt.timedelta(days=1)])\ndef test(on): ...", [1]),
        ("f = lambda on=localdate(): on", [1]),
        ("X = [d for d in (timezone.now(),)]", [1]),
        ("def f():\n    return dt.date.today()", [2]),
        ("def f():\n    return datetime.now(dt.UTC)", [2]),
        ("LazyFunction(dt.date.today)", [1]),
        ("def f():\n    return timezone.localdate()", []),
        ("def f():\n    class C:\n        on = timezone.now()\n    return C", []),
        ("f = lambda: timezone.localdate()", []),
        ("TODAY = timezone.localdate", []),
        ("ON = timezone.localdate(MOMENT)", []),
        ("ON = timezone.localtime(value=MOMENT)", []),
        ("DAY = dt.date(2025, 9, 1)", []),
        ("@pytest.fixture\ndef today():\n    return timezone.localdate()", []),
    ],
)
def test_the_rule_on_tests_tells_import_time_from_run_time(source, lines):
    visitor = _ClockReads()
    visitor.visit(ast.parse(source))
    assert [line for line, _ in visitor.found] == lines


def test_no_code_reads_the_date_without_the_time_zone():
    # given the code of the system (tests aside: they may pin dates as they like)
    root = Path(nastavnik.__file__).parent
    sources = [p for p in root.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]

    # then no line reads today's date or formats a moment without timezone.localdate/localtime
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAIVE.search(line)
    ]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_package_zip_is_named_by_the_local_date(world):
    # given a package made at 20:00 UTC on 1 December: 2 December in Yugra
    curator = world.users["curator_a"]
    name = default_storage.save("documents/packages/test/package.zip", ContentFile(b"PK"))
    job = Job.objects.create(
        kind=PACKAGE_KIND,
        title="Пакет документов",
        status=JobStatus.SUCCEEDED,
        result={"file": name},
        created_by=curator,
        organization=world.school_a,
    )
    Job.objects.filter(pk=job.pk).update(created_at=dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC))
    client = Client()
    client.force_login(curator)

    # when the curator downloads it
    response = client.get(f"/documents/package/{job.pk}/download/")

    # then its name carries the local date
    assert response.status_code == 200
    assert "02.12.2026" in unquote(response["Content-Disposition"])
