"""The persona matrix of the part «section_checks» of issue 19 (see the package's docstring): the
monitoring of the sections (those who read the monitoring of their subtree: the operator, the
coordinator, the head and the curator; the month is recorded by the municipality and the region)."""

from __future__ import annotations

from nastavnik.testing.matrix_groups import CO, MONITOR, NONE, OP, e


def _objectless():
    def provide(objects: dict) -> dict:
        return {}

    provide.objectless = True
    return provide


def _organization(objects: dict) -> dict | None:
    unit = objects.get("organization")
    return None if unit is None else {"pk": unit.pk}


PROVIDERS: dict = {
    "section_checks:list": _objectless(),
    "section_checks:record": _objectless(),
    "section_checks:history": _organization,
}
QUERIES: dict = {"section_checks:list": {"xlsx": "export=xlsx"}}
BODIES: dict = {}
EXPECTED: dict = {
    "section_checks:list": e(MONITOR),
    "section_checks:record": e(NONE, frozenset({OP, CO})),
    "section_checks:history": e(MONITOR),
}
PUBLIC: set[str] = set()
REGIONAL: set[str] = set()


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """Nothing of its own: the sections of the part «sections» and the public mentors of the part
    «public_bank» are what the checklist reads."""
