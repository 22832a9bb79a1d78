"""The persona matrix of the monitoring part of issue 20 (see the package's docstring): the
contingent of learners — the table of a unit's organizations for a year, the entry of one
organization's number, the import of an XLSX and its template — with the expectations written
from ``PERMISSIONS["learnercontingent"]`` (view: ``MONITORING_ROLES`` and the national operator;
add and change: ``MONITORING_ROLES``) and ``monitoring.views_contingent.can_import`` (the import
on a municipality or a region only: the coordinator and the operator; seed 002 §9)."""

from __future__ import annotations

from nastavnik.testing.matrix import _pk
from nastavnik.testing.matrix_groups import CO, MONITOR, NAT, OP, e

#: Those who may import a file: the municipal coordinator and the regional operator.
IMPORTERS = frozenset({OP, CO})

PROVIDERS: dict = {
    # the organization of the variant (school A or school B)
    "monitoring:contingent_edit": _pk("organization"),
}
QUERIES: dict = {
    "monitoring:contingent": {
        "xlsx": "export=xlsx",
        "garbage": "unit=%C2%B2&year=x&page=zzz",
        "unit": lambda o: o.get("organization") and f"unit={o['organization'].pk}",
    },
    "monitoring:contingent_edit": {"garbage": "year=%C2%B2"},
    "monitoring:contingent_import": {"garbage": "unit=%C2%B2&year=abc"},
    "monitoring:contingent_template": {"garbage": "unit=%C2%B2&year=abc"},
}


def _edit_body(objects: dict) -> dict:
    from django.utils import timezone

    return {"year": timezone.localdate().year, "learners": 321}


BODIES: dict = {"monitoring:contingent_edit": _edit_body}
EXPECTED: dict = {
    "monitoring:contingent": e(MONITOR | NAT),
    "monitoring:contingent_edit": e(MONITOR, MONITOR),
    "monitoring:contingent_import": e(IMPORTERS, IMPORTERS),
    "monitoring:contingent_template": e(IMPORTERS, IMPORTERS),
}
PUBLIC: set[str] = set()
REGIONAL: set[str] = set()


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """School A's contingent for this year (entered by the system), so that its table and its
    edit page show a number; school B has none (marked missing)."""
    from django.utils import timezone

    from nastavnik.monitoring.services.contingent import contingent_set

    a["learner_contingent"] = contingent_set(
        organization=world.school_a, year=timezone.localdate().year, learners=412, by=None
    )
