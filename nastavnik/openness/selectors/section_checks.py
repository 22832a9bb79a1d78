"""Reads of the monitoring of the sections (issue 19, item 3; seed 003 §5.1): the organizations a
user checks, their checklist rows and the monthly records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from nastavnik.access.scope import get_scope
from nastavnik.openness.checklist import CheckItem, is_complete, section_checklist
from nastavnik.openness.models import SectionCheck
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit


@dataclass(frozen=True)
class CheckRow:
    """One organization of the table: the unit, the name of its municipality, its checklist
    ``items`` (``openness.checklist.CheckItem``) and whether all are met."""

    unit: OrgUnit
    municipality: str
    items: list[CheckItem]

    @property
    def complete(self) -> bool:
        return is_complete(self.items)

    @property
    def met(self) -> int:
        return sum(1 for item in self.items if item.met)


def checked_organizations(user):
    """The organizations whose sections ``user`` checks (``sectioncheck`` ``view``: the curator
    and the head their own, the coordinator the municipality's, the operator the region's), with
    the parent and the municipality joined, by name (a queryset of ``OrgUnit``)."""
    return (
        OrgUnit.objects.filter(level=Level.ORGANIZATION)
        .filter(get_scope(user).units_q("sectioncheck", "view"))
        .select_related("parent", "municipality")
        .order_by("full_name", "pk")
    )


def checked_municipalities(user):
    """The municipalities over the organizations ``user`` checks (for the filter)."""
    organizations = checked_organizations(user)
    return (
        OrgUnit.objects.filter(level=Level.MUNICIPALITY)
        .filter(
            Q(pk__in=organizations.values("parent_id")) | Q(pk__in=organizations.values("municipality_id"))
        )
        .order_by("full_name")
    )


def municipality_name(unit: OrgUnit) -> str:
    """The municipality an organization lies in: its place of location, or the unit above it."""
    if unit.municipality_id:
        return str(unit.municipality)
    if unit.parent is not None and unit.parent.level == Level.MUNICIPALITY:
        return str(unit.parent)
    return ""


def check_rows(units, *, today: dt.date | None = None) -> list[CheckRow]:
    """:class:`CheckRow` of each of ``units`` (``OrgUnit`` with the parent and the municipality
    joined), in their order; the checklist in a constant number of queries."""
    units = list(units)
    checklists = section_checklist([unit.pk for unit in units], today=today)
    return [
        CheckRow(unit=unit, municipality=municipality_name(unit), items=checklists[unit.pk]) for unit in units
    ]


def check_history(user, unit: OrgUnit):
    """The monthly records of ``unit`` that ``user`` may see, newest first (``SectionCheck``)."""
    return (
        SectionCheck.objects.for_user(user, "view")
        .filter(unit=unit)
        .select_related("recorded_by")
        .order_by("-month")
    )
