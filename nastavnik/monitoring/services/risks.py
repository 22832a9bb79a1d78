"""The register of risks (реестр рисков, seed 000 §VI: the six risks of implementing the system
of mentoring and the measures to reduce them): entering a risk and changing its assessment and
measures. Kept by the organization and the municipality; the region reads them all and keeps
its own (``access.choices.PERMISSIONS["risk"]``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from nastavnik.access.rules import require_perm
from nastavnik.monitoring.models import Risk
from nastavnik.organizations.choices import Level

#: The levels whose register holds risks.
RISK_LEVELS = (Level.ORGANIZATION, Level.MUNICIPALITY, Level.REGION)
#: The fields a user fills.
RISK_FIELDS = ("kind", "level", "description", "measures", "responsible", "review_on", "status")


def _check_unit(unit) -> None:
    if unit.level not in RISK_LEVELS:
        raise ValidationError(
            {"unit": "Реестр рисков ведут организация, муниципальное образование или регион."}
        )


def risk_create(*, unit, by, signal: str = "", **fields) -> Risk:
    """Enter a risk in ``unit``'s register as ``by`` (the right ``risk`` add on the unit; ``None``
    — the system). ``fields``: those of :data:`RISK_FIELDS`; ``signal``: the code of the rule
    that raised it (``monitoring.signals``), "" when entered by hand (an unknown code is
    dropped). ``PermissionDenied`` without the right; ``ValidationError`` (in Russian) for a unit
    of another level or invalid fields."""
    from nastavnik.monitoring.signals import get_rule

    require_perm(by, "risk", "add", unit, message="Нет прав вести реестр рисков этой единицы.")
    _check_unit(unit)
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"risk_create: unknown fields {sorted(unknown)}")
    risk = Risk(unit=unit, signal=signal if get_rule(signal) else "", created_by=by, **fields)
    with transaction.atomic():
        risk.full_clean(exclude=["created_by"])
        risk.save()
    return risk


def risk_update(*, risk: Risk, by, **fields) -> Risk:
    """Change the assessment, measures, responsible, review date or status of ``risk`` as ``by``
    (the right ``risk`` change on it). ``PermissionDenied`` without the right;
    ``ValidationError`` for invalid fields."""
    require_perm(by, "risk", "change", risk, message="Нет прав изменять этот риск.")
    unknown = set(fields) - set(RISK_FIELDS)
    if unknown:
        raise TypeError(f"risk_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        risk = Risk.objects.select_for_update().get(pk=risk.pk)
        for name, value in fields.items():
            setattr(risk, name, value)
        risk.full_clean(exclude=["created_by"])
        risk.save()
    return risk
