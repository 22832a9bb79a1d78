"""Control of roadmaps (seed 000 App. 2 п. 1.7: control of execution; §4.2 and 002 §6: the
municipality approves its organizations' roadmaps, the region sees everything) and the timeline
of one roadmap (a Gantt-like chart of its activities by month).

:func:`control_for` gathers the control page of one unit — the region, a municipality or an
organization — in a fixed number of queries whatever the number of units below it: one for the
units of the subtree (a prefix match on ``OrgUnit.path``), one for their roadmaps, one for the
progress of the current ones (``selectors.progress_for``), one for the dates of their last
status events and one for the overdue activities. :func:`timeline_rows` lays a roadmap's
activities over the months of its period without touching the database when given its sections
and items.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max
from django.db.models.functions import Length

from nastavnik.access.scope import get_scope
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.choices import STATUS_COLOURS, ItemStatus, PeriodKind, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import ROADMAP_LEVELS, Roadmap, RoadmapEvent, RoadmapItem, RoadmapSection
from nastavnik.roadmaps.periods import month_index, month_label
from nastavnik.roadmaps.selectors import Progress, progress_for, waiting_for_approval

# Control --------------------------------------------------------------------------------------

#: The status key of a unit that has no roadmap at all.
NO_ROADMAP = "none"

#: Status keys in the order the page shows them, with their labels (short, for table columns).
STATUS_KEYS: tuple[str, ...] = (
    RoadmapStatus.DRAFT,
    RoadmapStatus.SUBMITTED,
    RoadmapStatus.RETURNED,
    RoadmapStatus.APPROVED,
    NO_ROADMAP,
)
STATUS_LABELS: dict[str, str] = {**dict(RoadmapStatus.choices), NO_ROADMAP: "Нет дорожной карты"}
STATUS_SHORT: dict[str, str] = {
    RoadmapStatus.DRAFT: "проект",
    RoadmapStatus.SUBMITTED: "на согласовании",
    RoadmapStatus.RETURNED: "возвращена",
    RoadmapStatus.APPROVED: "утверждена",
    NO_ROADMAP: "нет",
}
#: Bootstrap colour of each status key (``choices.STATUS_COLOURS`` and «no roadmap»).
KEY_COLOURS: dict[str, str] = {**STATUS_COLOURS, NO_ROADMAP: "light"}

#: How many overdue activities the control page lists.
OVERDUE_LIMIT = 50

#: History events that set or change the state of a roadmap (the date shown as «последнее
#: событие»: its creation, loading from a file, or a move of the workflow).
STATUS_EVENT_KINDS = (RoadmapEventKind.CREATED, RoadmapEventKind.IMPORTED, RoadmapEventKind.STATUS)


@dataclass
class StatusCounts:
    """How many units are in each status key (``STATUS_KEYS``): ``counts[key]``."""

    counts: Counter = field(default_factory=Counter)

    def add(self, key: str) -> None:
        self.counts[key] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rows(self) -> list[tuple[str, str, str, str, int]]:
        """``[(key, label, short label, Bootstrap colour, count)]`` in the order of
        ``STATUS_KEYS``."""
        return [
            (key, STATUS_LABELS[key], STATUS_SHORT[key], KEY_COLOURS[key], self.counts[key])
            for key in STATUS_KEYS
        ]

    def __getitem__(self, key: str) -> int:
        """The count of the status key ``key``; ``KeyError`` for anything else (so that templates
        fall back to the attributes: ``counts.rows``, ``counts.total``)."""
        if key not in STATUS_KEYS:
            raise KeyError(key)
        return self.counts[key]


@dataclass
class ControlRow:
    """One line of the control table: a ``unit`` with its ``roadmap`` (the current one, or, on an
    organization's page, each of its roadmaps; ``None`` when it has none) and the roadmap's
    ``progress``. ``last_event_at``: when the roadmap was created or last changed status.
    For a municipality on the region's page, ``children``: its organizations counted by the
    status of their current roadmaps, and ``children_overdue``: their overdue activities."""

    unit: OrgUnit
    roadmap: Roadmap | None = None
    progress: Progress = field(default_factory=Progress)
    last_event_at: dt.datetime | None = None
    children: StatusCounts | None = None
    children_overdue: int = 0

    @property
    def status(self) -> str:
        return self.roadmap.status if self.roadmap is not None else NO_ROADMAP

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_colour(self) -> str:
        return KEY_COLOURS[self.status]

    @property
    def share(self) -> int | None:
        return self.progress.share if self.roadmap is not None else None

    @property
    def overdue(self) -> int:
        return self.progress.overdue

    @property
    def has_overdue(self) -> bool:
        return bool(self.progress.overdue or self.children_overdue)


@dataclass(frozen=True)
class OverdueItem:
    """An activity past its deadline: the ``item`` (with its ``roadmap``), the ``unit`` owning
    the roadmap and ``days`` overdue."""

    item: RoadmapItem
    unit: OrgUnit
    days: int


@dataclass
class Control:
    """The control page of ``unit`` on ``today``.

    - ``own``: the unit's own current roadmap (a ``ControlRow``).
    - ``rows``: for a region, its municipalities (with ``children`` counts); for a municipality,
      all organizations under it; for an organization, each of its roadmaps, newest first.
    - ``direct_rows``: for a region, the organizations directly under it (regional
      subordination); empty otherwise.
    - ``summary``: ``[(title, StatusCounts)]`` — the municipalities and the organizations of the
      whole subtree by the status of their current roadmaps.
    - ``waiting``: every submitted roadmap of the subtree, oldest submission first, as
      ``(roadmap, unit, unit's parent or None)``.
    - ``overdue_items``: up to ``OVERDUE_LIMIT`` overdue activities of the current roadmaps of
      the subtree, the oldest deadline first; ``overdue_total``: how many there are in all.
    - ``rows_total``/``direct_total``: the row counts before the filters.
    """

    unit: OrgUnit
    today: dt.date
    own: ControlRow
    rows: list[ControlRow] = field(default_factory=list)
    direct_rows: list[ControlRow] = field(default_factory=list)
    summary: list[tuple[str, StatusCounts]] = field(default_factory=list)
    waiting: list[tuple[Roadmap, OrgUnit, OrgUnit | None]] = field(default_factory=list)
    overdue_items: list[OverdueItem] = field(default_factory=list)
    overdue_total: int = 0
    rows_total: int = 0
    direct_total: int = 0

    @property
    def level(self) -> str:
        return self.unit.level


def control_units(user):
    """Units whose control page ``user`` may open: regions, municipalities and organizations
    among those the user may view (``OrgUnit.objects.for_user``) that are also in the subtrees
    of the user's roadmap-viewing roles (a mentor's own organization is not). A queryset."""
    units = OrgUnit.objects.for_user(user).filter(level__in=ROADMAP_LEVELS)
    if user.is_authenticated and not user.is_superuser:
        units = units.filter(get_scope(user).units_q("roadmap", "view"))
    return units


def default_control_unit(user) -> OrgUnit | None:
    """The unit the control page opens on: the topmost unit the user may control (the region
    for the regional operator, the municipality for its coordinator, the organization for its
    head or curator; the first region for a superuser), ``None`` when there is none."""
    return control_units(user).order_by(Length("path"), "path").first()


def current_roadmap(roadmaps: list[Roadmap], today: dt.date) -> Roadmap | None:
    """Among the roadmaps of one unit, the current one: one whose period includes ``today``
    (an approved one first, then the latest start), else the one that starts latest; ``None``
    for an empty list."""
    if not roadmaps:
        return None
    running = [r for r in roadmaps if r.starts_on <= today <= r.ends_on]
    if running:
        return max(running, key=lambda r: (r.status == RoadmapStatus.APPROVED, r.starts_on, r.pk))
    return max(roadmaps, key=lambda r: (r.starts_on, r.ends_on, r.pk))


def _top_child_id(root: OrgUnit, unit: OrgUnit) -> int | None:
    """The id of the unit directly under ``root`` on the way to ``unit`` (from ``path``)."""
    rest = unit.path[len(root.path) :].split("/")
    return int(rest[0]) if rest and rest[0] else None


def control_for(user, unit: OrgUnit, today: dt.date) -> Control:
    """The control page of ``unit`` (a region, a municipality or an organization the caller has
    found in ``control_units(user)``) on ``today``; roadmaps are those ``user`` may view.

    Six queries (with the user's scope already resolved), whatever the number of units below
    ``unit``. Raises nothing: a unit without roadmaps yields rows with the status
    ``NO_ROADMAP``.
    """
    subtree = list(
        OrgUnit.objects.filter(path__startswith=unit.path, level__in=ROADMAP_LEVELS)
        .only("pk", "parent_id", "level", "path", "full_name", "short_name")
        .order_by("path")
    )
    by_id = {u.pk: u for u in subtree}
    by_id[unit.pk] = unit
    roadmaps_of: dict[int, list[Roadmap]] = {}
    roadmaps = (
        Roadmap.objects.for_user(user).filter(owner__path__startswith=unit.path).order_by("-starts_on", "-pk")
    )
    for roadmap in roadmaps:
        roadmap.owner = by_id.get(roadmap.owner_id) or roadmap.owner
        roadmaps_of.setdefault(roadmap.owner_id, []).append(roadmap)
    current = {owner_id: current_roadmap(items, today) for owner_id, items in roadmaps_of.items()}

    shown_ids = {r.pk for r in current.values()}
    if unit.level == Level.ORGANIZATION:
        shown_ids |= {r.pk for r in roadmaps_of.get(unit.pk, [])}
    progress = progress_for(sorted(shown_ids), today) if shown_ids else {}
    last_events = {}
    if shown_ids:
        last_events = dict(
            RoadmapEvent.objects.filter(roadmap_id__in=shown_ids, kind__in=STATUS_EVENT_KINDS)
            .values("roadmap_id")
            .annotate(last=Max("occurred_at"))
            .order_by()
            .values_list("roadmap_id", "last")
        )

    def row_of(member: OrgUnit, roadmap: Roadmap | None = None, *, use_current: bool = True) -> ControlRow:
        if use_current:
            roadmap = current.get(member.pk)
        if roadmap is None:
            return ControlRow(unit=member)
        return ControlRow(
            unit=member,
            roadmap=roadmap,
            progress=progress.get(roadmap.pk, Progress()),
            last_event_at=last_events.get(roadmap.pk),
        )

    control = Control(unit=unit, today=today, own=row_of(unit))
    organizations = [u for u in subtree if u.level == Level.ORGANIZATION and u.pk != unit.pk]
    org_counts = StatusCounts()
    for org in organizations:
        org_counts.add(current[org.pk].status if org.pk in current else NO_ROADMAP)

    if unit.level == Level.REGION:
        municipalities = [u for u in subtree if u.level == Level.MUNICIPALITY and u.parent_id == unit.pk]
        rows = {m.pk: row_of(m) for m in municipalities}
        for row in rows.values():
            row.children = StatusCounts()
        for org in organizations:
            top = rows.get(_top_child_id(unit, org))
            if top is None:
                continue
            org_row = row_of(org)
            top.children.add(org_row.status)
            top.children_overdue += org_row.overdue
        control.rows = list(rows.values())
        control.direct_rows = [row_of(o) for o in organizations if o.parent_id == unit.pk]
        muni_counts = StatusCounts()
        for row in control.rows:
            muni_counts.add(row.status)
        control.summary = [("Муниципальные образования", muni_counts), ("Организации", org_counts)]
    elif unit.level == Level.MUNICIPALITY:
        control.rows = [row_of(o) for o in organizations]
        control.summary = [("Организации", org_counts)]
    else:
        control.rows = [row_of(unit, r, use_current=False) for r in roadmaps_of.get(unit.pk, [])]
    control.rows_total, control.direct_total = len(control.rows), len(control.direct_rows)

    # the one selector of «ожидают согласования», which the home page counts too
    waiting = list(waiting_for_approval(user, unit).select_related("owner"))
    for roadmap in waiting:
        roadmap.owner = by_id.get(roadmap.owner_id) or roadmap.owner
    control.waiting = [(r, r.owner, by_id.get(r.owner.parent_id)) for r in waiting]

    current_ids = [r.pk for r in current.values()]
    control.overdue_total = sum(progress[pk].overdue for pk in current_ids if pk in progress)
    if control.overdue_total:
        items = (
            RoadmapItem.objects.overdue(today)
            .filter(roadmap_id__in=current_ids)
            .select_related("roadmap")
            .order_by("ends_on", "roadmap__owner__path", "sort_order", "pk")[:OVERDUE_LIMIT]
        )
        control.overdue_items = [
            OverdueItem(item=i, unit=by_id.get(i.roadmap.owner_id), days=(today - i.ends_on).days)
            for i in items
        ]
    return control


def control_filter(control: Control, *, status: str = "", overdue: bool = False) -> Control:
    """Keep in ``control.rows`` and ``control.direct_rows`` only those with the status key
    ``status`` (one of ``STATUS_KEYS``; empty: any) and, when ``overdue``, those with overdue
    activities (for a municipality on the region's page: its own or its organizations').
    The summary, the waiting list and the overdue list stay whole. Returns ``control``."""

    def keep(row: ControlRow) -> bool:
        return (not status or row.status == status) and (not overdue or row.has_overdue)

    control.rows = [row for row in control.rows if keep(row)]
    control.direct_rows = [row for row in control.direct_rows if keep(row)]
    return control


# Timeline -------------------------------------------------------------------------------------

#: CSS states of a bar, in the order of the legend.
TIMELINE_STATES: tuple[tuple[str, str], ...] = (
    ("done", "Выполнено"),
    ("in_progress", "Выполняется"),
    ("planned", "Запланировано"),
    ("overdue", "Просрочено"),
    ("cancelled", "Отменено"),
)

#: Shapes of a bar: a range of months, a deadline «До …» (its month only), a recurring activity
#: across the whole period, an activity outside the roadmap's period (no bar).
SHAPE_RANGE, SHAPE_DEADLINE, SHAPE_RECURRING, SHAPE_OUTSIDE = "range", "deadline", "recurring", "outside"


@dataclass(frozen=True)
class TimelineMonth:
    """A column: ``index`` (``periods.month_index``), ``label`` («сен 2026»), ``short``
    («сен»), ``year``; ``current`` for the month of today; ``year_start`` for a January that is
    not the first column (the year boundary)."""

    index: int
    label: str
    short: str
    year: int
    current: bool
    year_start: bool


@dataclass(frozen=True)
class TimelineCell:
    """One month of one row: ``on`` (the bar covers it), ``start``/``end`` (the bar begins or
    ends here, not clipped), ``current`` and ``year_start`` as in its ``TimelineMonth``."""

    on: bool
    start: bool
    end: bool
    current: bool
    year_start: bool


@dataclass(frozen=True)
class TimelineRow:
    """A row of the chart: a section title (``section`` set, ``item`` ``None``) or an activity.

    For an activity: ``first``/``last`` — the 0-based indices of the first and the last column
    its bar covers (``None`` when it lies wholly outside the period); ``state`` — a key of
    ``TIMELINE_STATES``; ``shape`` — ``SHAPE_*``; ``clipped_before``/``clipped_after`` — the
    period goes on beyond the roadmap's; ``cells`` — one ``TimelineCell`` per month.
    """

    section: RoadmapSection | None = None
    item: RoadmapItem | None = None
    first: int | None = None
    last: int | None = None
    state: str = ""
    shape: str = ""
    clipped_before: bool = False
    clipped_after: bool = False
    cells: tuple[TimelineCell, ...] = ()

    @property
    def is_section(self) -> bool:
        return self.item is None

    @property
    def state_label(self) -> str:
        return dict(TIMELINE_STATES).get(self.state, "")


def timeline_months(starts_on: dt.date, ends_on: dt.date, today: dt.date) -> list[TimelineMonth]:
    """The months from ``starts_on`` to ``ends_on`` inclusive as columns."""
    first, last, now = month_index(starts_on), month_index(ends_on), month_index(today)
    return [
        TimelineMonth(
            index=index,
            label=month_label(index),
            short=month_label(index).split()[0],
            year=index // 12,
            current=index == now,
            year_start=index % 12 == 0 and index != first,
        )
        for index in range(first, last + 1)
    ]


def timeline_years(months: list[TimelineMonth]) -> list[tuple[int, int]]:
    """``[(year, number of its columns)]`` for the header above the months."""
    years: list[tuple[int, int]] = []
    for month in months:
        if years and years[-1][0] == month.year:
            years[-1] = (month.year, years[-1][1] + 1)
        else:
            years.append((month.year, 1))
    return years


def item_state(item: RoadmapItem, today: dt.date) -> str:
    """The CSS state of an activity: ``cancelled``, ``done``, ``overdue`` (past its deadline,
    ``RoadmapItem.is_overdue``), ``in_progress`` or ``planned``."""
    if item.status == ItemStatus.CANCELLED:
        return "cancelled"
    if item.status == ItemStatus.DONE:
        return "done"
    if item.is_overdue(today):
        return "overdue"
    if item.status == ItemStatus.IN_PROGRESS:
        return "in_progress"
    return "planned"


def item_span(
    item: RoadmapItem, first_month: int, last_month: int
) -> tuple[int | None, int | None, str, bool, bool]:
    """Where the bar of ``item`` lies among the months ``first_month``–``last_month`` (month
    indices of the roadmap's period): ``(first column, last column, shape, clipped before,
    clipped after)``, columns 0-based; ``(None, None, SHAPE_OUTSIDE, …)`` when the activity's
    period lies wholly outside. A recurring activity spans the whole period; a deadline
    («До 01.04.2026», dates without a start) covers its month only."""
    last_column = last_month - first_month
    if item.period_kind == PeriodKind.RECURRING:
        return 0, last_column, SHAPE_RECURRING, False, False
    end = month_index(item.ends_on)
    if item.starts_on is None:
        start, shape = end, SHAPE_DEADLINE
    else:
        start, shape = month_index(item.starts_on), SHAPE_RANGE
    if end < first_month or start > last_month:
        return None, None, SHAPE_OUTSIDE, start < first_month, end > last_month
    clipped_before, clipped_after = start < first_month, end > last_month
    return (
        max(start, first_month) - first_month,
        min(end, last_month) - first_month,
        shape,
        clipped_before,
        clipped_after,
    )


def timeline_rows(
    roadmap: Roadmap,
    today: dt.date,
    *,
    sections: list[RoadmapSection] | None = None,
    items: list[RoadmapItem] | None = None,
) -> tuple[list[TimelineMonth], list[TimelineRow]]:
    """The chart of ``roadmap`` on ``today``: its months (columns) and its rows — each section's
    title followed by its activities in order. ``sections`` and ``items`` (in their order) are
    read from the database when not given (two queries); given, the function touches nothing
    but them. Sections without activities still show their title."""
    if sections is None:
        sections = list(roadmap.sections.order_by("sort_order", "pk"))
    if items is None:
        items = list(roadmap.items.order_by("section__sort_order", "sort_order", "pk"))
    months = timeline_months(roadmap.starts_on, roadmap.ends_on, today)
    first_month, last_month = months[0].index, months[-1].index
    by_section: dict[int, list[RoadmapItem]] = {}
    for item in items:
        by_section.setdefault(item.section_id, []).append(item)
    rows: list[TimelineRow] = []
    for section in sections:
        rows.append(TimelineRow(section=section))
        for item in by_section.get(section.pk, []):
            first, last, shape, before, after = item_span(item, first_month, last_month)
            cells = tuple(
                TimelineCell(
                    on=first is not None and first <= column <= last,
                    start=column == first and not before,
                    end=column == last and not after,
                    current=month.current,
                    year_start=month.year_start,
                )
                for column, month in enumerate(months)
            )
            rows.append(
                TimelineRow(
                    section=section,
                    item=item,
                    first=first,
                    last=last,
                    state=item_state(item, today),
                    shape=shape,
                    clipped_before=before,
                    clipped_after=after,
                    cells=cells,
                )
            )
    return months, rows
