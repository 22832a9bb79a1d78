"""The monthly record of the sections' checklist (issue 19, item 3; seed 003 §5.1: «мониторинг
сайтов образовательных организаций … ежемесячно», by the municipality's department of education).

:func:`section_checks_record` computes the checklist (``openness.checklist``) of every
organization of a subtree and writes one ``SectionCheck`` row per organization for the month,
replacing that month's earlier record (run it twice: the same rows). The municipal coordinator or
the regional operator records their subtree from the page; the system records every organization
on the 1st day of each month (``manage.py record_section_checks``, the Celery beat entry).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from nastavnik.access.rules import require_perm
from nastavnik.access.scope import get_scope
from nastavnik.openness.checklist import section_checklist
from nastavnik.openness.models import SectionCheck
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit


def month_start(day: dt.date) -> dt.date:
    """The first day of ``day``'s month (how ``SectionCheck.month`` is kept)."""
    return day.replace(day=1)


def organizations_to_record(*, by=None, root: OrgUnit | None = None):
    """The organizations whose sections a record covers (a queryset of ``OrgUnit``): for a user,
    those in the subtrees where they may add a record (``sectioncheck`` ``add``: the
    municipality's or the region's); for the system (``by=None``), those under ``root`` or every
    organization."""
    units = OrgUnit.objects.filter(level=Level.ORGANIZATION)
    if by is not None:
        units = units.filter(get_scope(by).units_q("sectioncheck", "add"))
    if root is not None:
        units = units.filter(path__startswith=root.path)
    return units.order_by("path")


def section_checks_record(
    *, by=None, root: OrgUnit | None = None, month: dt.date | None = None, today: dt.date | None = None
) -> int:
    """Record the checklist of :func:`organizations_to_record` for ``month`` (default: this
    month; any day of it) as computed on ``today``, in one transaction: one ``SectionCheck`` per
    organization, an earlier record of the same month replaced (idempotent). Returns the number
    of organizations recorded.

    Raises:
        PermissionDenied: ``by`` may record nowhere (``sectioncheck`` ``add``; ``by=None`` is the
            system).
    """
    require_perm(
        by, "sectioncheck", "add", message="Фиксировать проверку разделов может муниципалитет или регион."
    )
    today = today or timezone.localdate()
    month = month_start(month or today)
    units = list(organizations_to_record(by=by, root=root).values_list("pk", flat=True))
    if not units:
        return 0
    recorder = by if by is not None and by.is_authenticated else None
    rows = []
    for unit_id, items in section_checklist(units, today=today).items():
        rows.append(
            SectionCheck(
                unit_id=unit_id,
                month=month,
                results={item.key: item.met for item in items},
                met=sum(1 for item in items if item.met),
                total=len(items),
                recorded_by=recorder,
            )
        )
    with transaction.atomic():
        SectionCheck.objects.bulk_create(
            rows,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["unit", "month"],
            update_fields=["results", "met", "total", "recorded_by", "recorded_at"],
        )
    return len(rows)
