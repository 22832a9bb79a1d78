"""Writes to the organization tree. Views, admin, imports and the demo loader call these."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from nastavnik.access.choices import Action
from nastavnik.access.rules import DEFAULT_REFUSAL, require_perm
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit


def _derive_municipality(unit: OrgUnit) -> None:
    if unit.level == Level.ORGANIZATION and unit.parent_id and unit.parent.level == Level.MUNICIPALITY:
        unit.municipality = unit.parent


@transaction.atomic
def org_unit_save(*, unit: OrgUnit) -> OrgUnit:
    """Validate and save ``unit``, keeping the materialized paths of it and its subtree right.

    Used for both new and changed units (the admin calls it too). When the parent
    changed, every descendant's path is rewritten in one UPDATE.

    Raises:
        django.core.exceptions.ValidationError: bad level order, invalid ИНН, duplicate
            ИНН or name in the same parent, a unit moved under itself (Russian messages).
    """
    _derive_municipality(unit)
    unit.full_clean(exclude=["path"])
    old_path = unit.path
    unit.save()
    new_path = unit.compute_path()
    if new_path != old_path:
        unit.path = new_path
        OrgUnit.objects.filter(pk=unit.pk).update(path=new_path)
        if old_path:
            OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
                path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
            )
    return unit


@transaction.atomic
def org_unit_create(*, parent: OrgUnit | None, level: str, full_name: str, by=None, **fields) -> OrgUnit:
    """Create a unit under ``parent``. Raises ``ValidationError`` as :func:`org_unit_save`.

    Raises:
        django.core.exceptions.PermissionDenied: ``by`` may not add units under ``parent``
            (``orgunit`` ``add`` over it; a root unit only by a superuser; ``by=None`` is the
            system).
    """
    if parent is None:
        if by is not None and not by.is_superuser:
            raise PermissionDenied(DEFAULT_REFUSAL)
    else:
        require_perm(by, "orgunit", Action.ADD, parent)
    return org_unit_save(unit=OrgUnit(parent=parent, level=level, full_name=full_name, **fields))


@transaction.atomic
def org_unit_update(*, unit: OrgUnit, by=None, **fields) -> OrgUnit:
    """Change fields of ``unit``; moving it moves its subtree. Raises as :func:`org_unit_save`.

    Raises:
        django.core.exceptions.PermissionDenied: ``by`` may not change ``unit`` (``orgunit``
            ``change``; ``by=None`` is the system).
    """
    require_perm(by, "orgunit", Action.CHANGE, unit)
    for name, value in fields.items():
        setattr(unit, name, value)
    return org_unit_save(unit=unit)


def org_units_fill_paths(units: list[OrgUnit]) -> None:
    """Set ``path`` on freshly bulk-created units (parents must come before children).

    For loaders that use ``bulk_create``; writes with one ``bulk_update``.
    """
    by_id = {u.pk: u for u in units}
    for unit in units:
        unit.path = unit.compute_path(by_id.get(unit.parent_id))
    OrgUnit.objects.bulk_update(units, ["path"], batch_size=500)
