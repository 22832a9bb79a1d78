"""The checklist of an organization's section «Наставничество» (issue 19, item 3; seed 003 §2.2
«наличие на сайтах образовательных организаций раздела с содержательным наполнением», §5.1
«мониторинг сайтов образовательных организаций на наличие локально-нормативных правовых актов …
ежемесячно»).

Every item is computed from what the section really holds (and what the public page shows by
itself), never typed in:

* ``published`` — the section exists and is published;
* ``regulation`` — the Положение о системе наставничества: a published legal act of the kind
  «положение», or the organization's registered document of the kind «Положение» published from
  the registry;
* ``order`` — the order: a published act of the kind «приказ», or a registered order on
  implementing the model or approving the Положение published from the registry;
* ``roadmap`` — the roadmap: an approved roadmap of the organization in force today (the section
  shows it by itself), or a published act of the kind «дорожная карта»;
* ``bases`` — the bases of mentors and mentees (seed 003 §2.2). The mentees' data are never
  public, so the item is decided as: the section shows the base of mentors (at least one public
  mentor of the organization, :func:`~nastavnik.openness.selectors.public_mentors.public_mentors`)
  **and** the curator confirmed that the organization's bank — mentors and mentees — is up to date
  within the last year (``bank.BankConfirmation``; seed 000 §4.1.2: «не реже одного раза в год»);
* ``news`` — a published news item dated within the last :data:`NEWS_DAYS` days.

The items of the section count when they are published; whether visitors see them at all is the
item ``published``. A section is complete when every item is met.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from nastavnik.bank.models import BankConfirmation
from nastavnik.documents.choices import DocumentKind
from nastavnik.openness.choices import ActKind, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionItem
from nastavnik.openness.selectors.public_mentors import public_mentors
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap

#: How recent the latest news must be, in days («новости за последний месяц»).
NEWS_DAYS = 30
#: How recent the curator's confirmation of the bank must be, in days (once a year).
BANK_CONFIRMATION_DAYS = 365

#: The items of the checklist: key → Russian label, in the order shown.
CHECK_ITEMS: dict[str, str] = {
    "published": "Раздел опубликован",
    "regulation": "Положение о системе наставничества",
    "order": "Приказ о внедрении (реализации) системы наставничества",
    "roadmap": "Дорожная карта",
    "bases": "Базы наставников и наставляемых",
    "news": "Новости за последний месяц",
}

#: Which registered documents stand for which act kind when published from the registry.
DOCUMENT_ACTS: dict[str, str] = {
    DocumentKind.REGULATION: ActKind.REGULATION,
    DocumentKind.ORDER_IMPLEMENTATION: ActKind.ORDER,
    DocumentKind.ORDER_REGULATION: ActKind.ORDER,
}


@dataclass(frozen=True)
class CheckItem:
    """One item of a checklist: ``key`` of :data:`CHECK_ITEMS`, its Russian ``label``, whether it
    is ``met`` and a Russian ``detail`` (what was found, or what is missing)."""

    key: str
    label: str
    met: bool
    detail: str


def is_complete(items: list[CheckItem]) -> bool:
    """Every item of the checklist met."""
    return bool(items) and all(item.met for item in items)


def _unit_ids(units) -> QuerySet | list[int]:
    if isinstance(units, QuerySet):
        return units.values("pk")
    return [getattr(unit, "pk", unit) for unit in units]


def _ids_list(units) -> list[int]:
    if isinstance(units, QuerySet):
        return list(units.values_list("pk", flat=True))
    return [getattr(unit, "pk", unit) for unit in units]


def section_checklist(units, *, today: dt.date | None = None) -> dict[int, list[CheckItem]]:
    """``{unit id: [CheckItem]}`` (the items in the order of :data:`CHECK_ITEMS`) for ``units``
    (a queryset or an iterable of ``OrgUnit`` or ids) on ``today``.

    Six queries whatever the number of units: the sections, their legal acts and recent news, the
    roadmaps in force, the public mentors, the confirmations of the bank, and the ids.
    """
    today = today or timezone.localdate()
    ids = _ids_list(units)
    in_units = _unit_ids(units) if isinstance(units, QuerySet) else ids
    sections = {
        row["unit_id"]: row["is_published"]
        for row in PublicSection.objects.filter(unit_id__in=in_units).values("unit_id", "is_published")
    }
    acts: dict[int, set[str]] = {}
    news: dict[int, dt.date] = {}
    items = (
        SectionItem.objects.filter(section__unit_id__in=in_units, is_published=True)
        .filter(
            Q(kind=SectionItemKind.LEGAL_ACT)
            | Q(kind=SectionItemKind.NEWS, dated__gte=today - dt.timedelta(days=NEWS_DAYS), dated__lte=today)
        )
        .values_list("section__unit_id", "kind", "act_kind", "document__kind", "dated")
        .order_by()
    )
    for unit_id, kind, act_kind, document_kind, dated in items:
        if kind == SectionItemKind.NEWS:
            news[unit_id] = max(dated, news.get(unit_id, dated))
            continue
        found = acts.setdefault(unit_id, set())
        if act_kind:
            found.add(act_kind)
        if document_kind in DOCUMENT_ACTS:
            found.add(DOCUMENT_ACTS[document_kind])
    roadmaps = dict(
        Roadmap.objects.filter(owner_id__in=in_units, status=RoadmapStatus.APPROVED)
        .current_on(today)
        .order_by("owner_id", "ends_on")
        .values_list("owner_id", "ends_on")
    )
    mentors = dict(
        public_mentors(today=today)
        .filter(organization_id__in=in_units)
        .order_by()
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    confirmed = dict(
        BankConfirmation.objects.filter(
            organization_id__in=in_units,
            confirmed_on__gt=today - dt.timedelta(days=BANK_CONFIRMATION_DAYS),
            confirmed_on__lte=today,
        )
        .order_by("organization_id", "confirmed_on")
        .values_list("organization_id", "confirmed_on")
    )
    result: dict[int, list[CheckItem]] = {}
    for unit_id in ids:
        published = sections.get(unit_id)
        found = acts.get(unit_id, set())
        result[unit_id] = [
            _item(
                "published",
                bool(published),
                "опубликован"
                if published
                else ("раздел не опубликован" if published is not None else "раздел не создан"),
            ),
            _item(
                "regulation",
                ActKind.REGULATION in found,
                "размещено" if ActKind.REGULATION in found else "Положение не размещено",
            ),
            _item(
                "order",
                ActKind.ORDER in found,
                "размещён" if ActKind.ORDER in found else "приказ не размещён",
            ),
            _roadmap_item(roadmaps.get(unit_id), ActKind.ROADMAP in found),
            _bases_item(mentors.get(unit_id, 0), confirmed.get(unit_id)),
            _item(
                "news",
                unit_id in news,
                f"последняя — {news[unit_id]:%d.%m.%Y}"
                if unit_id in news
                else f"нет новостей за последние {NEWS_DAYS} дней",
            ),
        ]
    return result


def _item(key: str, met: bool, detail: str) -> CheckItem:
    return CheckItem(key=key, label=CHECK_ITEMS[key], met=met, detail=detail)


def _roadmap_item(ends_on: dt.date | None, uploaded: bool) -> CheckItem:
    if ends_on:
        return _item("roadmap", True, f"утверждённая дорожная карта действует до {ends_on:%d.%m.%Y}")
    if uploaded:
        return _item("roadmap", True, "размещена в нормативной базе раздела")
    return _item("roadmap", False, "нет утверждённой действующей дорожной карты")


def _bases_item(mentors: int, confirmed_on: dt.date | None) -> CheckItem:
    missing = []
    if not mentors:
        missing.append("в разделе нет наставников, давших согласие на распространение сведений")
    if confirmed_on is None:
        missing.append(
            "актуальность банка наставников и наставляемых не подтверждена куратором за последний год"
        )
    if missing:
        return _item("bases", False, "; ".join(missing))
    return _item("bases", True, f"наставников в разделе: {mentors}; банк подтверждён {confirmed_on:%d.%m.%Y}")
