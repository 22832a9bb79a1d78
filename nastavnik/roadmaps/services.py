"""Writes to roadmaps: creating one (empty, from a template of the regulations, or with a whole
plan read from a file), changing the plan while it is a draft, reporting the execution, and the
approval workflow (seed 000 App. 2 and §4.2, 003, 002 §6 and §10, 001 §4.4.3–4.4.4).

Every function is keyword-only, runs in one transaction, and writes ``RoadmapEvent`` rows with
their author. A function acting for a user (``by``) checks that user's right itself
(``access.rules.require_perm`` over ``PERMISSIONS["roadmap"]``, narrowed by level in
``rules.scope_condition``; ``PermissionDenied`` otherwise; ``by=None`` is the system), then what
the data allow: the status, the periods, the workflow's steps (``rules.TRANSITIONS``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Max, Value, When
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.core.concurrency import version_claim
from nastavnik.core.language import agree, upper_first
from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.blueprints import BLUEPRINTS
from nastavnik.roadmaps.choices import (
    EDITABLE_STATUSES,
    ItemStatus,
    PeriodKind,
    RoadmapEventKind,
    RoadmapStatus,
)
from nastavnik.roadmaps.models import (
    ROADMAP_LEVELS,
    Roadmap,
    RoadmapEvent,
    RoadmapEvidence,
    RoadmapItem,
    RoadmapSection,
)
from nastavnik.roadmaps.periods import Period, period_parse
from nastavnik.roadmaps.responsibility import roles_from_text
from nastavnik.roadmaps.rules import TRANSITIONS, can_keep

logger = logging.getLogger("nastavnik.roadmaps")

#: The largest evidence file, in bytes.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


# Plans as plain data -------------------------------------------------------------------------


@dataclass
class ItemData:
    """One activity as read from a template or a file, before it is saved. ``roles``: role
    codes, or ``None`` to infer them from ``responsible``; ``units``: names (full or short) of
    the responsible units under the roadmap's owner."""

    number: str
    activity: str
    period: Period
    responsible: str
    result: str = ""
    status: str = ItemStatus.PLANNED
    completed_on: dt.date | None = None
    roles: list[str] | None = None
    units: list[str] = field(default_factory=list)


@dataclass
class SectionData:
    """One section with its activities."""

    number: str
    title: str
    items: list[ItemData] = field(default_factory=list)


def _activities(count: int) -> str:
    """«1 мероприятие», «3 мероприятия», «25 мероприятий»."""
    return agree(count, "мероприятие")


def item_label(item) -> str:
    """How the history names an activity: «мероприятие 1.2» by its number, «мероприятие
    «Разработка…»» by the beginning of its text when it has none."""
    return f"мероприятие {item.number}" if item.number else f"мероприятие «{item.activity[:80]}»"


def item_status_summary(item, before: str) -> str:
    """The summary of an execution event: «Мероприятие 1.2: Запланировано → Выполнено»
    (``before``: the label of the previous status)."""
    return f"{upper_first(item_label(item))}: {before} → {item.get_status_display()}"


def event_write(
    *,
    roadmap: Roadmap,
    kind: str,
    summary: str,
    by=None,
    comment: str = "",
    item=None,
    from_status="",
    to_status="",
) -> RoadmapEvent:
    """Append one event (a ``RoadmapEventKind`` ``kind`` and a Russian ``summary``) to the
    history of ``roadmap``, by ``by`` (``None`` for the system), now."""
    return RoadmapEvent.record(
        roadmap=roadmap,
        item=item,
        kind=kind,
        summary=summary,
        comment=comment,
        by=by,
        from_status=from_status,
        to_status=to_status,
    )


def _locked(roadmap: Roadmap) -> Roadmap:
    return Roadmap.objects.select_for_update(of=("self",)).select_related("owner").get(pk=roadmap.pk)


def _require(by, roadmap: Roadmap, action: str) -> None:
    """``PermissionDenied`` unless ``by`` (``None``: the system) may ``action`` on ``roadmap``."""
    require_perm(by, "roadmap", action, roadmap)


def _require_editable(roadmap: Roadmap, by) -> None:
    """``PermissionDenied`` unless ``by`` keeps ``roadmap``; ``ValidationError`` unless its plan
    may change now (``EDITABLE_STATUSES``)."""
    _require(by, roadmap, Action.CHANGE)
    if roadmap.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"Дорожная карта в статусе «{roadmap.get_status_display()}»: план меняется только в проекте "
            "или после возврата на доработку. Чтобы внести изменения в утверждённую карту, нажмите "
            "«Внести изменения»."
        )


def parent_roadmap_for(owner: OrgUnit, starts_on: dt.date, ends_on: dt.date) -> Roadmap | None:
    """The roadmap of the level above that a roadmap of ``owner`` for the period answers to: an
    organization's → its municipality's (or the region's, for an organization of regional
    subordination), a municipality's → the region's. Among those whose period overlaps, an
    approved one first, then the latest; ``None`` when there is none (seed 000 App. 2 п. 1.4)."""
    if owner.level == Level.REGION or owner.parent_id is None:
        return None
    above = owner.parent
    if above.level not in (Level.REGION, Level.MUNICIPALITY):
        return None
    candidates = Roadmap.objects.filter(owner=above, starts_on__lte=ends_on, ends_on__gte=starts_on)
    approved_first = candidates.annotate(
        not_approved=Case(When(status=RoadmapStatus.APPROVED, then=Value(0)), default=Value(1))
    ).order_by("not_approved", "-starts_on", "-pk")
    return approved_first.first()


def _period_errors(starts_on, ends_on) -> list[str]:
    errors = []
    if starts_on is None or ends_on is None:
        return ["Укажите начало и окончание периода."]
    if ends_on < starts_on:
        errors.append("Окончание периода не может быть раньше его начала.")
    elif (ends_on - starts_on).days > 366 * 6:
        errors.append("Период дорожной карты — не больше шести лет.")
    return errors


def _outside(items, starts_on: dt.date, ends_on: dt.date) -> list[str]:
    """Numbers (or beginnings) of dated activities that fall outside the period."""
    result = []
    for item in items:
        period = item.period
        if period.kind == PeriodKind.RECURRING:
            continue
        first = period.starts_on or period.ends_on
        if first < starts_on or period.ends_on > ends_on:
            result.append(item.number or item.activity[:40])
    return result


def _outside_error(numbers: list[str], starts_on, ends_on) -> str:
    shown = ", ".join(numbers[:10]) + (" и другие" if len(numbers) > 10 else "")
    return (
        f"Сроки мероприятий {shown} выходят за период дорожной карты "
        f"({starts_on:%d.%m.%Y} – {ends_on:%d.%m.%Y}): измените их или период."
    )


@transaction.atomic
def roadmap_create(
    *,
    owner: OrgUnit,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    by,
    source: str = "",
    sections: list[SectionData] = (),
    blueprint: str = "",
    event_kind: str = RoadmapEventKind.CREATED,
    summary: str = "",
) -> Roadmap:
    """Create the draft roadmap of ``owner`` (a region, a municipality or an organization) for
    the period, with the plan ``sections`` (possibly none), linked to the roadmap of the level
    above (:func:`parent_roadmap_for`). Writes one event (``event_kind`` with ``summary``).

    Raises:
        ValidationError: the owner is not a region, a municipality or an organization; the title
            is empty; the period is reversed or longer than six years; a dated activity falls
            outside it; an activity without its text or executors. Nothing is saved then.
    """
    if by is not None and not can_keep(by, owner):
        raise PermissionDenied(
            "Дорожные карты ведут куратор и руководитель организации, муниципальный координатор и "
            "региональный оператор — каждый своей организации или своего уровня."
        )
    errors = []
    if owner.level not in ROADMAP_LEVELS:
        errors.append("Дорожную карту ведут регион, муниципальное образование или организация.")
    if not (title or "").strip():
        errors.append("Укажите наименование дорожной карты.")
    errors += _period_errors(starts_on, ends_on)
    all_items = [item for section in sections for item in section.items]
    if not errors:
        outside = _outside(all_items, starts_on, ends_on)
        if outside:
            errors.append(_outside_error(outside, starts_on, ends_on))
    for item in all_items:
        if not item.activity.strip() or not item.responsible.strip():
            errors.append(f"Мероприятие {item.number or item.activity[:40]}: укажите его и ответственных.")
    if errors:
        raise ValidationError(errors)
    roadmap = Roadmap(
        owner=owner,
        level=owner.level,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        source=source,
        blueprint=blueprint,
        parent=parent_roadmap_for(owner, starts_on, ends_on),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    roadmap.full_clean()
    roadmap.save()
    _save_plan(roadmap, sections)
    count = len(all_items)
    event_write(
        roadmap=roadmap,
        kind=event_kind,
        summary=summary
        or (f"Создана дорожная карта ({_activities(count)})" if count else "Создана дорожная карта"),
        by=by,
    )
    logger.info("roadmap %s created for unit %s by user %s", roadmap.pk, owner.pk, getattr(by, "pk", None))
    return roadmap


def _save_plan(roadmap: Roadmap, sections: list[SectionData]) -> None:
    """Insert ``sections`` and their items into ``roadmap`` (in bulk: two inserts per section
    list, whatever its size)."""
    section_rows = RoadmapSection.objects.bulk_create(
        [
            RoadmapSection(roadmap=roadmap, number=s.number, title=s.title, sort_order=index)
            for index, s in enumerate(sections, start=1)
        ]
    )
    items = []
    for section, row in zip(sections, section_rows, strict=True):
        for order, data in enumerate(section.items, start=1):
            item = RoadmapItem(
                roadmap=roadmap,
                section=row,
                number=data.number,
                activity=data.activity.strip(),
                result=data.result.strip(),
                responsible=data.responsible.strip(),
                responsible_roles=data.roles if data.roles is not None else roles_from_text(data.responsible),
                status=data.status,
                completed_on=data.completed_on,
                sort_order=order,
            )
            item.period = data.period
            items.append(item)
    RoadmapItem.objects.bulk_create(items)
    _save_units(roadmap, [i for s in sections for i in s.items], items)


def unit_names_index(owner: OrgUnit) -> dict[str, int]:
    """Lower-cased full and short names of the units under ``owner`` → their ids (a name shared
    by two units maps to neither: it cannot name one of them)."""
    index: dict[str, int] = {}
    shared: set[str] = set()
    rows = OrgUnit.objects.subtree(owner).exclude(pk=owner.pk).values_list("pk", "full_name", "short_name")
    for pk, *names in rows:
        for name in {n.strip().lower() for n in names if n.strip()}:
            if name in index and index[name] != pk:
                shared.add(name)
            index[name] = pk
    for name in shared:
        del index[name]
    return index


def _save_units(roadmap: Roadmap, data: list[ItemData], items: list[RoadmapItem]) -> None:
    """Link the responsible units named in ``data`` to the saved ``items``.

    Raises:
        ValidationError: a name that is not one unit under the roadmap's owner (each named with
            its activity's number).
    """
    if not any(d.units for d in data):
        return
    index = unit_names_index(roadmap.owner)
    through = RoadmapItem.responsible_units.through
    links, errors = [], []
    for d, item in zip(data, items, strict=True):
        for name in d.units:
            unit_id = index.get(name.strip().lower())
            if unit_id is None:
                errors.append(
                    f"Мероприятие {d.number or d.activity[:40]}: организация «{name}» не найдена среди "
                    f"подведомственных «{roadmap.owner}» (или её наименование не единственное)."
                )
            else:
                links.append(through(roadmapitem_id=item.pk, orgunit_id=unit_id))
    if errors:
        raise ValidationError(errors)
    through.objects.bulk_create(links, ignore_conflicts=True)


def blueprint_sections(code: str, year: int) -> tuple[list[SectionData], dt.date, dt.date]:
    """The plan of the template ``code`` (a key of ``BLUEPRINTS``) with every date moved to
    ``year`` (``year - base_year`` years), and the period it spans: from the first day of the
    earliest month to the last day of the latest one (the whole ``year`` when nothing is dated).

    Raises:
        KeyError: an unknown template.
    """
    blueprint = BLUEPRINTS[code]
    shift = year - blueprint.base_year
    sections = []
    for section in blueprint.sections:
        items = [
            ItemData(
                number=item.number,
                activity=item.activity,
                period=period_parse(item.period).shifted(shift),
                responsible=item.responsible,
                result=item.result,
            )
            for item in section.items
        ]
        sections.append(SectionData(number=section.number, title=section.title, items=items))
    dated = [i.period for s in sections for i in s.items if i.period.kind != PeriodKind.RECURRING]
    starts_on = min((p.starts_on or p.ends_on for p in dated), default=dt.date(year, 1, 1))
    ends_on = max((p.ends_on for p in dated), default=dt.date(year, 12, 31))
    return sections, starts_on.replace(day=1), ends_on


def roadmap_create_from_blueprint(*, owner: OrgUnit, code: str, year: int, by) -> Roadmap:
    """Create the draft roadmap of ``owner`` from the template ``code`` of the regulations
    (seed 000 App. 2, 003, 002 §10), its dates moved so that they start in ``year``.

    Raises:
        ValidationError: an unknown template, one made for another level, a year outside
            2000–2100, or what :func:`roadmap_create` refuses.
    """
    blueprint = BLUEPRINTS.get(code)
    if blueprint is None:
        raise ValidationError("Такого шаблона нет.")
    if blueprint.level != owner.level:
        raise ValidationError(
            f"Шаблон «{blueprint.title}» предназначен для уровня «{Level(blueprint.level).label}»."
        )
    if not 2000 <= year <= 2100:
        raise ValidationError("Укажите год от 2000 до 2100.")
    sections, starts_on, ends_on = blueprint_sections(code, year)
    return roadmap_create(
        owner=owner,
        title=blueprint.title,
        starts_on=starts_on,
        ends_on=ends_on,
        by=by,
        source=blueprint.source,
        sections=sections,
        blueprint=code,
        summary=f"Создана по шаблону «{blueprint.source}» на {year} год ({_activities(blueprint.item_count)})",
    )


@transaction.atomic
def roadmap_replace_plan(*, roadmap: Roadmap, sections: list[SectionData], by, summary: str) -> Roadmap:
    """Replace the whole plan of an editable ``roadmap`` with ``sections`` (a file loaded over
    it); the evidence and history of the old items go with them. One «imported» event.

    Raises:
        ValidationError: the roadmap is not editable; an activity falls outside its period.
    """
    fresh = _locked(roadmap)
    _require_editable(fresh, by)
    outside = _outside([i for s in sections for i in s.items], fresh.starts_on, fresh.ends_on)
    if outside:
        raise ValidationError(_outside_error(outside, fresh.starts_on, fresh.ends_on))
    fresh.sections.all().delete()
    _save_plan(fresh, sections)
    fresh.save(update_fields=["updated_at"])
    event_write(roadmap=fresh, kind=RoadmapEventKind.IMPORTED, summary=summary, by=by)
    return fresh


# The header and the plan of a draft -------------------------------------------------------------


@transaction.atomic
def roadmap_update(
    *, roadmap: Roadmap, by, title: str, starts_on: dt.date, ends_on: dt.date, source: str
) -> Roadmap:
    """Change the header of an editable roadmap; the parent link follows the new period.

    Raises:
        ValidationError: not editable; an empty title; a reversed or too long period; dated
            activities left outside the new period (named).
    """
    fresh = _locked(roadmap)
    _require_editable(fresh, by)
    errors = [] if (title or "").strip() else ["Укажите наименование дорожной карты."]
    errors += _period_errors(starts_on, ends_on)
    if not errors:
        outside = _outside(fresh.items.all(), starts_on, ends_on)
        if outside:
            errors.append(_outside_error(outside, starts_on, ends_on))
    if errors:
        raise ValidationError(errors)
    changed = [
        name
        for name, value in (
            ("title", title.strip()),
            ("starts_on", starts_on),
            ("ends_on", ends_on),
            ("source", source),
        )
        if getattr(fresh, name) != value
    ]
    if not changed:
        return fresh
    fresh.title, fresh.starts_on, fresh.ends_on, fresh.source = title.strip(), starts_on, ends_on, source
    fresh.parent = parent_roadmap_for(fresh.owner, starts_on, ends_on)
    fresh.full_clean()
    fresh.save()
    labels = ", ".join(str(Roadmap._meta.get_field(name).verbose_name) for name in changed)
    event_write(roadmap=fresh, kind=RoadmapEventKind.UPDATED, summary=f"Изменено: {labels}", by=by)
    return fresh


def _next_order(queryset) -> int:
    return (queryset.aggregate(m=Max("sort_order"))["m"] or 0) + 1


@transaction.atomic
def section_save(
    *, roadmap: Roadmap, by, number: str, title: str, section: RoadmapSection | None = None
) -> RoadmapSection:
    """Add a section to an editable roadmap (at the end), or rename ``section``.

    Raises:
        ValidationError: not editable; an empty title.
    """
    fresh = _locked(roadmap)
    _require_editable(fresh, by)
    if not (title or "").strip():
        raise ValidationError("Укажите наименование раздела.")
    if section is None:
        section = RoadmapSection(roadmap=fresh, sort_order=_next_order(fresh.sections))
        summary = f"Добавлен раздел «{title.strip()[:200]}»"
    else:
        summary = f"Изменён раздел «{title.strip()[:200]}»"
    section.number, section.title = (number or "").strip(), title.strip()
    section.save()
    fresh.save(update_fields=["updated_at"])
    event_write(roadmap=fresh, kind=RoadmapEventKind.UPDATED, summary=summary, by=by)
    return section


@transaction.atomic
def section_delete(*, section: RoadmapSection, by) -> None:
    """Delete a section of an editable roadmap with its activities.

    Raises:
        ValidationError: not editable.
    """
    fresh = _locked(section.roadmap)
    _require_editable(fresh, by)
    count = section.items.count()
    title = section.title
    section.delete()
    fresh.save(update_fields=["updated_at"])
    event_write(
        roadmap=fresh,
        kind=RoadmapEventKind.UPDATED,
        summary=f"Удалён раздел «{title[:200]}» ({_activities(count)})",
        by=by,
    )


#: Fields of an activity that :func:`item_save` sets.
ITEM_FIELDS = ("section", "number", "activity", "result", "responsible", "responsible_roles")


@transaction.atomic
def item_save(
    *,
    roadmap: Roadmap,
    by,
    period: Period,
    item: RoadmapItem | None = None,
    expected_version: int | None = None,
    **fields,
) -> RoadmapItem:
    """Add an activity to an editable roadmap (at the end of its section), or change ``item``.

    ``fields``: ``section`` (a section of this roadmap), ``number``, ``activity``, ``result``,
    ``responsible`` (text), ``responsible_roles`` (role codes; inferred from ``responsible``
    when omitted or ``None``), and optionally ``responsible_units`` (``OrgUnit`` rows);
    ``period``: a ``periods.Period``.

    ``expected_version``: when changing ``item``, its ``version`` when the user opened the form
    (optimistic locking, ``core.concurrency``: the page's hidden field, the API's ``version``);
    ``None`` does not check. Every write of an activity increases its version.

    Raises:
        nastavnik.core.concurrency.ConcurrentEditError: (a ``ValidationError``) the activity was
            changed or deleted since ``expected_version``; nothing written, ``current`` is the
            stored activity.
        ValidationError: not editable; a section of another roadmap; an empty activity or no
            executors; a period outside the roadmap's.
        TypeError: an unknown field.
    """
    units = fields.pop("responsible_units", None)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    fresh = _locked(roadmap)
    _require_editable(fresh, by)
    if item is not None:
        version_claim(RoadmapItem, item.pk, expected_version)
    section = fields["section"]
    if section.roadmap_id != fresh.pk:
        raise ValidationError("Раздел принадлежит другой дорожной карте.")
    if not (fields.get("activity") or "").strip() or not (fields.get("responsible") or "").strip():
        raise ValidationError("Укажите мероприятие и ответственных исполнителей.")
    creating = item is None
    if creating:
        item = RoadmapItem(roadmap=fresh, sort_order=_next_order(section.items))
    elif item.section_id != section.pk:
        item.sort_order = _next_order(section.items)
    for name in ITEM_FIELDS:
        value = fields.get(name)
        if name == "responsible_roles" and value is None:
            value = roles_from_text(fields["responsible"])
        if isinstance(value, str):
            value = value.strip()
        setattr(item, name, value if value is not None else "")
    item.period = period
    if _outside([item], fresh.starts_on, fresh.ends_on):
        raise ValidationError(
            {
                "period": f"Срок выходит за период дорожной карты ({fresh.starts_on:%d.%m.%Y} – {fresh.ends_on:%d.%m.%Y})."
            }
        )
    item.full_clean(exclude=["roadmap", "section"])
    item.save()
    if units is not None:
        item.responsible_units.set(units)
    fresh.save(update_fields=["updated_at"])
    verb = "Добавлено" if creating else "Изменено"
    event_write(
        roadmap=fresh,
        kind=RoadmapEventKind.UPDATED,
        summary=f"{verb} мероприятие {item.number} «{item.activity[:150]}»"
        if item.number
        else f"{verb} {item_label(item)}",
        by=by,
        item=item,
    )
    return item


@transaction.atomic
def item_delete(*, item: RoadmapItem, by) -> None:
    """Delete an activity of an editable roadmap.

    Raises:
        ValidationError: not editable.
    """
    fresh = _locked(item.roadmap)
    _require_editable(fresh, by)
    summary = f"Удалено {item_label(item)}"
    item.delete()
    fresh.save(update_fields=["updated_at"])
    event_write(roadmap=fresh, kind=RoadmapEventKind.UPDATED, summary=summary, by=by)


# Execution ---------------------------------------------------------------------------------------


@transaction.atomic
def item_report(
    *, item: RoadmapItem, by, status: str, completed_on: dt.date | None = None, comment: str = ""
) -> RoadmapItem:
    """Record the execution of an activity (seed 000 App. 2 п. 1.7: control): its ``status`` (an
    ``ItemStatus``), the day it was done (``completed_on``, today when omitted for «выполнено»)
    and a comment. Any status of the roadmap: an activity may be done before approval.

    Raises:
        ValidationError: an unknown status; a completion date in the future or given for an
            activity that is not done; cancelling without a comment.
    """
    _require(by, item.roadmap, Action.REPORT)
    if status not in ItemStatus.values:
        raise ValidationError("Выберите состояние исполнения.")
    today = timezone.localdate()
    if status == ItemStatus.DONE:
        completed_on = completed_on or today
        if completed_on > today:
            raise ValidationError({"completed_on": "Дата выполнения не может быть в будущем."})
    elif completed_on:
        raise ValidationError(
            {"completed_on": "Дата выполнения указывается только для выполненного мероприятия."}
        )
    if status == ItemStatus.CANCELLED and not (comment or "").strip():
        raise ValidationError({"comment": "Укажите, почему мероприятие отменено."})
    fresh_roadmap = _locked(item.roadmap)
    item = RoadmapItem.objects.select_for_update().get(pk=item.pk)
    before = item.get_status_display()
    item.status, item.completed_on = status, completed_on
    item.save(update_fields=["status", "completed_on", "updated_at"])
    event_write(
        roadmap=fresh_roadmap,
        kind=RoadmapEventKind.ITEM,
        summary=item_status_summary(item, before),
        comment=(comment or "").strip(),
        by=by,
        item=item,
    )
    return item


@transaction.atomic
def evidence_add(*, item: RoadmapItem, by, file, title: str = "") -> RoadmapEvidence:
    """Attach a file confirming the activity (any status of the roadmap).

    Raises:
        ValidationError: no file, an empty one, or one over 20 МБ.
    """
    _require(by, item.roadmap, Action.REPORT)
    if not file or not getattr(file, "size", 0):
        raise ValidationError({"file": "Выберите непустой файл."})
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": "Файл больше 20 МБ."})
    check_field_upload(DOCUMENT_CHECK, file, "file")
    name = (title or "").strip() or file.name.rsplit("/", 1)[-1]
    evidence = RoadmapEvidence.objects.create(item=item, file=file, title=name[:300], uploaded_by=by)
    event_write(
        roadmap=item.roadmap,
        kind=RoadmapEventKind.EVIDENCE,
        summary=f"{upper_first(item_label(item))}: загружен документ «{name[:200]}»",
        by=by,
        item=item,
    )
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: RoadmapEvidence, by) -> None:
    """Remove an evidence file (the stored file too)."""
    item = evidence.item
    _require(by, item.roadmap, Action.REPORT)
    title = evidence.title
    evidence.file.delete(save=False)
    evidence.delete()
    event_write(
        roadmap=item.roadmap,
        kind=RoadmapEventKind.EVIDENCE,
        summary=f"{upper_first(item_label(item))}: удалён документ «{title[:200]}»",
        by=by,
        item=item,
    )


def comment_add(*, roadmap: Roadmap, by, text: str, item: RoadmapItem | None = None) -> RoadmapEvent:
    """A remark on the roadmap or one of its activities, kept in its history.

    Raises:
        ValidationError: an empty text.
    """
    _require(by, roadmap, Action.COMMENT)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Напишите комментарий."})
    summary = "Комментарий"
    if item is not None:
        summary = (
            f"Комментарий к мероприятию {item.number}" if item.number else f"Комментарий: {item_label(item)}"
        )
    return event_write(
        roadmap=roadmap, kind=RoadmapEventKind.COMMENT, summary=summary, comment=text, by=by, item=item
    )


# The workflow -------------------------------------------------------------------------------------


def _step(*, roadmap: Roadmap, action: str, by, comment: str = "", check=None, **changes) -> Roadmap:
    """Take the workflow step ``action`` (``rules.TRANSITIONS``) on ``roadmap`` for ``by``: the
    right first (``PermissionDenied``), then the roadmap's level and status, then ``check(fresh)``
    (more ``ValidationError``); the new status, ``changes`` and one «status» event with
    ``comment``. Returns ``roadmap`` refreshed."""
    transition = TRANSITIONS[action]
    fresh = _locked(roadmap)
    _require(by, fresh, action)
    refusal = transition.refusal_for(fresh)
    if refusal:
        raise ValidationError(refusal)
    if check is not None:
        check(fresh)
    from_status = fresh.status
    fresh.status = transition.target
    for name, value in changes.items():
        setattr(fresh, name, value)
    fresh.save(update_fields=["status", "updated_at", *changes])
    event_write(
        roadmap=fresh,
        kind=RoadmapEventKind.STATUS,
        summary=transition.summary,
        comment=(comment or "").strip(),
        by=by,
        from_status=from_status,
        to_status=transition.target,
    )
    logger.info(
        "roadmap %s: %s → %s by user %s", fresh.pk, from_status, transition.target, getattr(by, "pk", None)
    )
    roadmap.refresh_from_db()
    return roadmap


def _ready(roadmap: Roadmap) -> None:
    """``ValidationError`` with :func:`readiness_errors` when there are any."""
    errors = readiness_errors(roadmap)
    if errors:
        raise ValidationError(errors)


def readiness_errors(roadmap: Roadmap, items: list[RoadmapItem] | None = None) -> list[str]:
    """What keeps ``roadmap`` from being submitted or approved, as Russian sentences (empty when
    nothing): no activity at all, dated activities outside the roadmap's period, activities
    without executors. ``items``: its activities when the caller has them already (else one
    query)."""
    items = list(roadmap.items.all()) if items is None else items
    if not items:
        return ["В дорожной карте нет ни одного мероприятия."]
    errors = []
    outside = _outside(items, roadmap.starts_on, roadmap.ends_on)
    if outside:
        errors.append(_outside_error(outside, roadmap.starts_on, roadmap.ends_on))
    empty = [i.number or i.activity[:40] for i in items if not i.responsible.strip()]
    if empty:
        errors.append(f"Не указаны ответственные исполнители мероприятий: {', '.join(empty[:10])}.")
    return errors


@transaction.atomic
def roadmap_submit(*, roadmap: Roadmap, by) -> Roadmap:
    """Send an organization's draft (or returned) roadmap to its municipality for approval
    (seed 002 §6, 000 §4.2).

    Raises:
        PermissionDenied: ``by`` does not keep it.
        ValidationError: not an organization's roadmap; not a draft or returned; the plan is
            not ready (:func:`readiness_errors`).
    """
    return _step(roadmap=roadmap, action=Action.SUBMIT, by=by, check=_ready, submitted_at=timezone.now())


@transaction.atomic
def roadmap_withdraw(*, roadmap: Roadmap, by) -> Roadmap:
    """Take a submitted roadmap back into a draft before the approver has decided.

    Raises:
        PermissionDenied: ``by`` does not keep it.
        ValidationError: it is not submitted.
    """
    return _step(roadmap=roadmap, action=Action.WITHDRAW, by=by)


@transaction.atomic
def roadmap_return(*, roadmap: Roadmap, by, comment: str) -> Roadmap:
    """Return a submitted roadmap for revision with the approver's remarks (seed 002 §6).

    Raises:
        PermissionDenied: ``by`` does not approve it.
        ValidationError: no comment; it is not submitted.
    """
    if not (comment or "").strip():
        raise ValidationError({"comment": "Укажите, что нужно доработать."})
    return _step(roadmap=roadmap, action=Action.RETURN, by=by, comment=comment)


@transaction.atomic
def roadmap_approve(*, roadmap: Roadmap, by, comment: str = "") -> Roadmap:
    """Approve a roadmap: an organization's once submitted (by its municipality, seed 002 §6);
    a municipality's or the region's from its draft (000 App. 2 п. 1.2, 1.4). The roadmap
    becomes the parent of the drafts below it that have none yet.

    Raises:
        PermissionDenied: ``by`` does not approve it.
        ValidationError: an organization's roadmap not submitted; the plan not ready.
    """
    result = _step(
        roadmap=roadmap,
        action=Action.APPROVE,
        by=by,
        comment=comment,
        check=_ready,
        approved_at=timezone.now(),
        approved_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if result.level != Level.ORGANIZATION:
        below = Roadmap.objects.filter(
            parent__isnull=True,
            owner__parent=result.owner,
            starts_on__lte=result.ends_on,
            ends_on__gte=result.starts_on,
        )
        below.update(parent=result)
    return result


@transaction.atomic
def roadmap_reopen(*, roadmap: Roadmap, by, comment: str) -> Roadmap:
    """Open an approved roadmap for amendments: it becomes a draft again and must be approved
    anew; the reason is kept in the history. Execution already reported stays.

    Raises:
        PermissionDenied: ``by`` does not keep it.
        ValidationError: no reason; it is not approved.
    """
    if not (comment or "").strip():
        raise ValidationError({"comment": "Укажите, какие изменения вносятся и почему."})
    return _step(
        roadmap=roadmap, action=Action.REOPEN, by=by, comment=comment, approved_at=None, approved_by=None
    )


@transaction.atomic
def roadmap_delete(*, roadmap: Roadmap, by) -> None:
    """Delete a roadmap that has never been approved or submitted (a draft made by mistake).

    Raises:
        ValidationError: it was ever submitted or approved (its history must stay).
    """
    fresh = _locked(roadmap)
    _require(by, fresh, Action.CHANGE)
    ever = fresh.events.filter(kind=RoadmapEventKind.STATUS).exists()
    if fresh.status != RoadmapStatus.DRAFT or ever:
        raise ValidationError(
            "Удалить можно только проект, который ни разу не направлялся на согласование и не утверждался."
        )
    logger.info("roadmap %s deleted by user %s", fresh.pk, getattr(by, "pk", None))
    fresh.delete()
