"""The project's rules on where code lives, checked on the source (AST), so that a new page or a
new import cannot quietly break them:

- access is decided in one place: no view outside ``core/views.py`` guards itself in
  ``dispatch`` (raising ``PermissionDenied`` or asking a right there) and no view asks a role
  (``has_role``): a page declares its right (``required_right``, ``scope_action``) and the base
  views of ``core.views`` ask ``access.rules.has_perm``;
- the API modules (``*/api.py``, ``*/api/*.py``) ask no right and raise no ``PermissionDenied``
  either: a viewset declares ``required_right``/``scope_action`` (per action too) and
  ``core/api.py`` asks ``has_perm``; a workflow action calls the service, which checks;
- the lower apps (organizations, people, access, reference, core) never import the higher ones,
  development imports no other higher app,
  and access does not import people at the level of its models and rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the ``nastavnik`` package
LOWER = ("organizations", "people", "access", "reference", "core", "audit")
HIGHER = (
    "development",
    "bank",
    "mentoring",
    "matching",
    "documents",
    "roadmaps",
    "jobs",
    "demo",
    "monitoring",
    "openness",
    "practices",
    "contests",
    "incentives",
)
#: Calls that ask a right: none belongs in a view's ``dispatch``.
RIGHT_CALLS = {"user_can", "has_perm", "require_perm", "has_role", "can_keep", "can_approve"}


def _sources(*patterns: str) -> list[Path]:
    files = {p for pattern in patterns for p in ROOT.glob(pattern)}
    return sorted(p for p in files if "tests" not in p.parts and "migrations" not in p.parts)


def _view_files() -> list[Path]:
    return [
        p for p in _sources("*/views*.py", "*/views/*.py", "*/*/views*.py") if p != ROOT / "core" / "views.py"
    ]


def _called_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _raises_permission_denied(node: ast.AST) -> bool:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Raise) and inner.exc is not None:
            exc = inner.exc.func if isinstance(inner.exc, ast.Call) else inner.exc
            name = exc.attr if isinstance(exc, ast.Attribute) else getattr(exc, "id", "")
            if name == "PermissionDenied":
                return True
    return False


def raised_permission_denied_in_views() -> list[str]:
    """``file:line`` of every ``raise PermissionDenied`` in a view module outside
    ``core/views.py``: a page refuses through the base views' ``has_right`` / ``action_refusal``,
    which answer 403 with the reason, never by raising on its own."""
    found = []
    for path in _view_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and _raises_permission_denied(node):
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    return found


def access_guards_in_views() -> list[str]:
    """``file:line`` of every ``dispatch`` of a view class outside ``core/views.py`` that raises
    ``PermissionDenied`` or asks a right, and of every ``has_role`` call in a view module."""
    found = []
    for path in _view_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "dispatch":
                        asks = any(
                            isinstance(n, ast.Call) and _called_name(n) in RIGHT_CALLS for n in ast.walk(item)
                        )
                        if asks or _raises_permission_denied(item):
                            found.append(f"{where}:{item.lineno} {node.name}.dispatch")
            if isinstance(node, ast.Call) and _called_name(node) == "has_role":
                found.append(f"{where}:{node.lineno} has_role")
    return found


def _api_files() -> list[Path]:
    return [p for p in _sources("*/api.py", "*/api/*.py") if p != ROOT / "core" / "api.py"]


def access_guards_in_api() -> list[str]:
    """``file:line`` of every call that asks a right (``RIGHT_CALLS``) and of every
    ``raise …PermissionDenied`` in an API module outside ``core/api.py``."""
    found = []
    for path in _api_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _called_name(node) in RIGHT_CALLS:
                found.append((str(where), node.lineno, _called_name(node)))
            elif isinstance(node, ast.Raise) and _raises_permission_denied(node):
                found.append((str(where), node.lineno, "raise PermissionDenied"))
    return [f"{where}:{line} {what}" for where, line, what in sorted(found)]


def _imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append((node.lineno, node.module))
    return modules


def upward_imports(apps: tuple[str, ...], forbidden: tuple[str, ...], files=None) -> list[str]:
    """``file:line module`` of every import, in the non-test modules of ``apps`` (or ``files``),
    of a module of the ``forbidden`` apps."""
    found = []
    paths = files if files is not None else [p for app in apps for p in _sources(f"{app}/**/*.py")]
    for path in paths:
        for line, module in _imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            if len(parts) > 1 and parts[0] == "nastavnik" and parts[1] in forbidden:
                where = path.relative_to(ROOT.parent) if path.is_relative_to(ROOT.parent) else path
                found.append(f"{where}:{line} {module}")
    return found


def test_no_view_guards_itself_in_dispatch():
    assert access_guards_in_views() == []


def test_no_view_raises_permission_denied_itself():
    assert raised_permission_denied_in_views() == []


def test_the_scan_finds_a_guard_in_dispatch(tmp_path, monkeypatch):
    # given a view module written the old way
    app = tmp_path / "nastavnik" / "someapp"
    app.mkdir(parents=True)
    (app / "views.py").write_text(
        "class V:\n"
        "    def dispatch(self, request):\n"
        "        if not user_can(request.user, 'x', 'add'):\n"
        "            raise PermissionDenied('Нет')\n"
        "        return 1\n"
        "def f(scope):\n"
        "    return scope.has_role('curator')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path / "nastavnik")

    # then the scan names it
    assert access_guards_in_views() == [
        "nastavnik/someapp/views.py:2 V.dispatch",
        "nastavnik/someapp/views.py:7 has_role",
    ]


def test_no_api_module_guards_itself():
    assert access_guards_in_api() == []


def test_the_scan_finds_a_guard_in_an_api_module(tmp_path, monkeypatch):
    # given an API module that asks a right in an action and raises the refusal itself
    app = tmp_path / "nastavnik" / "someapp"
    app.mkdir(parents=True)
    (app / "api.py").write_text(
        "class V:\n"
        "    def results(self, request):\n"
        "        if not has_perm(request.user, 'answer', 'view'):\n"
        "            raise exceptions.PermissionDenied('Нет')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path / "nastavnik")

    # then the scan names both
    assert access_guards_in_api() == [
        "nastavnik/someapp/api.py:3 has_perm",
        "nastavnik/someapp/api.py:4 raise PermissionDenied",
    ]


@pytest.mark.parametrize("app", LOWER)
def test_a_lower_app_imports_no_higher_app(app):
    assert upward_imports((app,), HIGHER) == []


def test_development_imports_no_other_higher_app():
    """Professional development (issue 18) lies right above the lower apps: the bank, mentoring,
    matching, monitoring and documents read its deficits, routes and trainings, never the other
    way round (the mentor's card and the program's result reach it through registered blocks and
    explicit calls from above)."""
    others = tuple(app for app in HIGHER if app != "development")
    assert upward_imports(("development",), others) == []


@pytest.mark.parametrize(
    ("app", "above"),
    [
        ("openness", ("practices", "contests", "incentives")),
        ("practices", ("contests", "incentives")),
        ("contests", ("practices", "incentives")),
    ],
)
def test_openness_lies_below_the_parts_that_fill_its_pages(app, above):
    """The public section (issue 19) shows best cases and contest results through the blocks the
    practices and the contests register (``openness.blocks``); it never imports them, and the
    incentives, on top, read everything below."""
    assert upward_imports((app,), above) == []


def test_access_models_and_rules_do_not_import_people():
    files = [
        ROOT / "access" / name for name in ("scope.py", "querysets.py", "rules.py", "choices.py", "models.py")
    ]
    assert upward_imports((), ("people",), files=files) == []


def test_the_import_scan_finds_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom nastavnik.bank.models import MentorProfile\n", encoding="utf-8")
    found = upward_imports((), HIGHER, files=[module])
    assert len(found) == 1 and found[0].endswith(":2 nastavnik.bank.models")
