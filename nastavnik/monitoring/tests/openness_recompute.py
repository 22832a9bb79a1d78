"""The independent recompute of the indicator «Доля организаций с полным разделом
«Наставничество»» (issue 19, item 3; seed 003 §2.2, §5.1) for ``test_indicators_recompute``: plain
reads of every row and Python, item by item as the checklist's docstring states them — not the
checklist's queries.

For a period that has ended: the latest monthly record of each organization in the period. For
the running one: published section, the Положение, the order, the roadmap (approved and in force,
or a published act), the bases (a public mentor and the bank confirmed within a year), news of the
last 30 days."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from nastavnik.bank.models import BankConfirmation
from nastavnik.documents.choices import DocumentKind
from nastavnik.openness.choices import ActKind, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionCheck, SectionItem
from nastavnik.openness.selectors.public_mentors import public_mentors
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap

#: The registered documents standing for an act when published from the registry.
_DOCUMENT_ACT = {
    DocumentKind.REGULATION: ActKind.REGULATION,
    DocumentKind.ORDER_IMPLEMENTATION: ActKind.ORDER,
    DocumentKind.ORDER_REGULATION: ActKind.ORDER,
}


def _organizations(root: str) -> list[int]:
    return [
        pk
        for pk, path, level in OrgUnit.objects.values_list("pk", "path", "level")
        if level == Level.ORGANIZATION and path.startswith(root)
    ]


def _recorded(root: str, period) -> dict[int, tuple]:
    latest: dict[int, tuple] = {}
    for unit_id, path, level, month, met, total in SectionCheck.objects.values_list(
        "unit_id", "unit__path", "unit__level", "month", "met", "total"
    ):
        if level != Level.ORGANIZATION or not path.startswith(root):
            continue
        if not (period.start.replace(day=1) <= month <= period.end):
            continue
        if unit_id not in latest or month > latest[unit_id][0]:
            latest[unit_id] = (month, met, total)
    return {unit: (1 if total and met == total else 0, 1) for unit, (_m, met, total) in latest.items()}


def _now(root: str, today: dt.date) -> dict[int, tuple]:
    published = {
        unit
        for unit, is_published in PublicSection.objects.values_list("unit_id", "is_published")
        if is_published
    }
    acts: dict[int, set] = defaultdict(set)
    news: set[int] = set()
    for unit, kind, act_kind, document_kind, dated, is_published in SectionItem.objects.values_list(
        "section__unit_id", "kind", "act_kind", "document__kind", "dated", "is_published"
    ):
        if not is_published:
            continue
        if kind == SectionItemKind.LEGAL_ACT:
            acts[unit].add(act_kind)
            acts[unit].add(_DOCUMENT_ACT.get(document_kind))
        elif kind == SectionItemKind.NEWS and dated and today - dt.timedelta(days=30) <= dated <= today:
            news.add(unit)
    in_force = {
        owner
        for owner, status, starts, ends in Roadmap.objects.values_list(
            "owner_id", "status", "starts_on", "ends_on"
        )
        if status == RoadmapStatus.APPROVED and starts <= today <= ends
    }
    mentors = {
        organization for organization in public_mentors(today=today).values_list("organization_id", flat=True)
    }
    confirmed = {
        organization
        for organization, on in BankConfirmation.objects.values_list("organization_id", "confirmed_on")
        if today - dt.timedelta(days=365) <= on <= today
    }
    result = {}
    for unit in _organizations(root):
        complete = (
            unit in published
            and ActKind.REGULATION in acts[unit]
            and ActKind.ORDER in acts[unit]
            and (unit in in_force or ActKind.ROADMAP in acts[unit])
            and unit in mentors
            and unit in confirmed
            and unit in news
        )
        result[unit] = (1 if complete else 0, 1)
    return result


def complete_sections(root: str, period) -> dict[int, tuple]:
    """``{organization id: (complete 0/1, 1)}`` under ``root`` for ``period``."""
    today = timezone.localdate()
    if period.start > today:
        return {}
    if period.end >= today:
        return _now(root, today)
    return _recorded(root, period)


RECOMPUTE_OPENNESS = {"complete_sections": complete_sections}
