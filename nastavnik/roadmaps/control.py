"""Control of roadmaps (seed 000 App. 2 п. 1.7: control of execution; §4.2 and 002 §6: the
municipality approves its organizations' roadmaps, the region sees everything; issue 16: the
federal level above the regions) and the timeline of one roadmap (a Gantt-like chart of its
activities by month).

:func:`control_for` gathers the control page of one unit — the federal level, a region, a
municipality or an organization — in a fixed number of grouped queries whatever the number of
units below it, and with a page size that does not grow with it either: the roll-up of each
direct child (its organizations counted by the status of their current roadmaps, their overdue
activities) is one ``GROUP BY`` over the first segment of the path below the viewed unit; the
summary of the whole subtree comes from the same groups; the rows are the direct children only,
the organizations among them a page at a time (``NASTAVNIK_TABLE_PAGE_SIZE``, as the other
summaries' tables), filtered in SQL.
:func:`timeline_rows` lays a roadmap's activities over the months of its period without touching
the database when given its sections and items.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from nastavnik.access.scope import get_scope
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import PATH_STEP, OrgUnit
from nastavnik.roadmaps.choices import STATUS_COLOURS, ItemStatus, PeriodKind, RoadmapStatus
from nastavnik.roadmaps.models import ROADMAP_LEVELS, Roadmap, RoadmapItem, RoadmapSection, overdue_q
from nastavnik.roadmaps.periods import month_index, month_label
from nastavnik.roadmaps.selectors import (
    Progress,
    current_of,
    current_roadmap_ids,
    current_rollup,
    progress_of,
    waiting_for_approval,
    with_figures,
)

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

#: The levels that have a control page: the federal level (the national operator's: the regions
#: as rows, issue 16) and the levels that own roadmaps.
CONTROL_LEVELS: tuple[str, ...] = (Level.FEDERAL, *ROADMAP_LEVELS)

#: How many overdue activities the control page lists.
OVERDUE_LIMIT = 50
#: How many roadmaps waiting for approval the control page lists (the count is of them all).
WAITING_LIMIT = 50

#: The summary cards of each level: ``(title, level of the units counted)``, the first being the
#: level of the rows (its card's figures filter them).
SUMMARY_LEVELS: dict[str, tuple[tuple[str, str], ...]] = {
    Level.FEDERAL: (
        ("Регионы", Level.REGION),
        ("Муниципальные образования", Level.MUNICIPALITY),
        ("Организации", Level.ORGANIZATION),
    ),
    Level.REGION: (("Муниципальные образования", Level.MUNICIPALITY), ("Организации", Level.ORGANIZATION)),
    Level.MUNICIPALITY: (("Организации", Level.ORGANIZATION),),
}


@dataclass
class StatusCounts:
    """How many units are in each status key (``STATUS_KEYS``): ``counts[key]``."""

    counts: Counter = field(default_factory=Counter)

    def add(self, key: str, count: int = 1) -> None:
        self.counts[key] += count

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
    For a region on the federal page and a municipality on the region's page, ``children``: the
    organizations under it counted by the status of their current roadmaps, and
    ``children_overdue``: the overdue activities of those roadmaps."""

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


@dataclass(frozen=True)
class RowsPage:
    """Which page of the organizations' table is shown: ``number`` (from 1) of ``pages``, of
    ``count`` rows that pass the filters, ``per_page`` a page."""

    number: int = 1
    count: int = 0
    per_page: int = field(default_factory=lambda: settings.NASTAVNIK_TABLE_PAGE_SIZE)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def first_index(self) -> int:
        """The position (from 1) of the page's first row; 0 on an empty table."""
        return (self.number - 1) * self.per_page + 1 if self.count else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.per_page, self.count)


@dataclass
class Control:
    """The control page of ``unit`` on ``today``.

    - ``own``: the unit's own current roadmap (a ``ControlRow``; none for the federal level).
    - ``rows``: for the federal level, its regions; for a region, its municipalities (both with
      ``children`` counts); for a municipality, a page (``page``) of its organizations; for an
      organization, each of its roadmaps, newest first.
    - ``direct_rows``: for a region, a page (``page``) of the organizations directly under it
      (regional subordination); empty otherwise.
    - ``summary``: ``[(title, StatusCounts)]`` — the units of each level of the whole subtree
      (``SUMMARY_LEVELS``) by the status of their current roadmaps.
    - ``waiting``: up to ``WAITING_LIMIT`` submitted roadmaps of the subtree, oldest submission
      first, as ``(roadmap, unit, unit's parent or None)``; ``waiting_total``: how many in all.
    - ``overdue_items``: up to ``OVERDUE_LIMIT`` overdue activities of the current roadmaps of
      the subtree, the oldest deadline first; ``overdue_total``: how many there are in all.
    - ``rows_total``/``direct_total``: the row counts before the filters; ``page``: the page of
      the organizations' table (``rows`` of a municipality, ``direct_rows`` of a region).
    """

    unit: OrgUnit
    today: dt.date
    own: ControlRow
    rows: list[ControlRow] = field(default_factory=list)
    direct_rows: list[ControlRow] = field(default_factory=list)
    summary: list[tuple[str, StatusCounts]] = field(default_factory=list)
    waiting: list[tuple[Roadmap, OrgUnit, OrgUnit | None]] = field(default_factory=list)
    waiting_total: int = 0
    overdue_items: list[OverdueItem] = field(default_factory=list)
    overdue_total: int = 0
    rows_total: int = 0
    direct_total: int = 0
    page: RowsPage = field(default_factory=RowsPage)

    @property
    def level(self) -> str:
        return self.unit.level


def control_units(user):
    """Units whose control page ``user`` may open: the federal level, regions, municipalities and
    organizations among those the user may view (``OrgUnit.objects.for_user``) that are also in
    the subtrees of the user's roadmap-viewing roles (a mentor's own organization is not). A
    queryset."""
    units = OrgUnit.objects.for_user(user).filter(level__in=CONTROL_LEVELS)
    if user.is_authenticated and not user.is_superuser:
        units = units.filter(get_scope(user).units_q("roadmap", "view"))
    return units


def default_control_unit(user) -> OrgUnit | None:
    """The unit the control page opens on: the topmost unit the user may control (the federal
    level for the national operator and a superuser, the region for the regional operator, the
    municipality for its coordinator, the organization for its head or curator), ``None`` when
    there is none. Reads the user's own units, never sorts the tree (a superuser: its root)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return OrgUnit.objects.filter(level__in=CONTROL_LEVELS, parent__isnull=True).order_by("path").first()
    held = get_scope(user).unit_ids("roadmap", "view")
    return control_units(user).filter(pk__in=held).order_by(Length("path"), "path").first()


def control_choices(user, unit: OrgUnit):
    """The units the chooser of the control page offers when ``unit`` is viewed: along the way
    from the top to ``unit``, each unit and its children that are not organizations (the regions
    under the federal level, the municipalities of the region), among ``control_units(user)``;
    ordered by path. Bounded by the regions and one region's municipalities, never by the
    organizations. A queryset."""
    ids = [int(part) for part in unit.path.split("/") if part]
    return (
        control_units(user)
        .exclude(level=Level.ORGANIZATION)
        .filter(Q(pk__in=ids) | Q(parent_id__in=ids))
        .only("pk", "full_name", "short_name", "level", "path", "parent_id")
        .order_by("path")
    )


def current_roadmap(roadmaps: list[Roadmap], today: dt.date) -> Roadmap | None:
    """Among the roadmaps of one unit, the current one: one whose period includes ``today``
    (an approved one first, then the latest start), else the one that starts latest; ``None``
    for an empty list. The same rule in SQL: ``selectors.current_order``."""
    if not roadmaps:
        return None
    running = [r for r in roadmaps if r.starts_on <= today <= r.ends_on]
    if running:
        return max(running, key=lambda r: (r.status == RoadmapStatus.APPROVED, r.starts_on, r.pk))
    return max(roadmaps, key=lambda r: (r.starts_on, r.ends_on, r.pk))


def _row(unit: OrgUnit, roadmap: Roadmap | None) -> ControlRow:
    """The row of ``unit`` with ``roadmap`` annotated by ``selectors.with_figures`` (or none)."""
    if roadmap is None:
        return ControlRow(unit=unit)
    return ControlRow(
        unit=unit, roadmap=roadmap, progress=progress_of(roadmap), last_event_at=roadmap.last_event_at
    )


def _overdue_items(current, unit_of, today: dt.date) -> list[OverdueItem]:
    """Up to ``OVERDUE_LIMIT`` overdue activities of the roadmaps ``current`` (their ids: a list
    or a one-column queryset), the oldest deadline first, then by the owner's place in the tree."""
    items = (
        RoadmapItem.objects.overdue(today)
        .filter(roadmap_id__in=current)
        .select_related("roadmap__owner")
        .order_by("ends_on", "roadmap__owner__path", "sort_order", "pk")[:OVERDUE_LIMIT]
    )
    return [OverdueItem(item=i, unit=unit_of(i.roadmap.owner), days=(today - i.ends_on).days) for i in items]


def _waiting(control: Control, user, unit: OrgUnit) -> None:
    """Fill ``control.waiting`` (the one selector of «ожидают согласования», which the home page
    counts too) and ``control.waiting_total``: one query, two when more than ``WAITING_LIMIT``
    wait."""
    roadmaps = waiting_for_approval(user, unit)
    waiting = list(roadmaps.select_related("owner__parent")[: WAITING_LIMIT + 1])
    control.waiting_total = len(waiting) if len(waiting) <= WAITING_LIMIT else roadmaps.count()
    control.waiting = [(r, r.owner, r.owner.parent) for r in waiting[:WAITING_LIMIT]]


def _organization_control(user, unit: OrgUnit, today: dt.date) -> Control:
    """The control page of an organization: each of its roadmaps, newest first (a handful)."""
    roadmaps = list(
        with_figures(Roadmap.objects.for_user(user).filter(owner_id=unit.pk), today).order_by(
            "-starts_on", "-pk"
        )
    )
    for roadmap in roadmaps:
        roadmap.owner = unit
    own = current_roadmap(roadmaps, today)
    control = Control(unit=unit, today=today, own=_row(unit, own))
    control.rows = [_row(unit, r) for r in roadmaps]
    control.rows_total = len(control.rows)
    control.page = RowsPage(count=len(control.rows), per_page=max(len(control.rows), 1))
    _waiting(control, user, unit)
    control.overdue_total = control.own.overdue
    if control.overdue_total:
        control.overdue_items = _overdue_items([own.pk], lambda _owner: unit, today)
    return control


def _narrowed(organizations, status: str, overdue: bool, today: dt.date):
    """``organizations`` (annotated with ``cur``, the id of the current roadmap) whose current
    roadmap has the status key ``status`` (any when empty) and, when ``overdue``, has overdue
    activities: the filters of the page in SQL."""
    if status == NO_ROADMAP:
        organizations = organizations.filter(cur__isnull=True)
    elif status:
        organizations = organizations.filter(
            Exists(Roadmap.objects.filter(pk=OuterRef("cur"), status=status))
        )
    if overdue:
        organizations = organizations.filter(
            Exists(RoadmapItem.objects.filter(overdue_q(today), roadmap_id=OuterRef("cur")))
        )
    return organizations


def _counts(key: str, level: str, units: Counter, statuses: Counter) -> StatusCounts:
    """The units of ``level`` under the path prefix ``key`` (all keys when ``key`` is empty) by
    the status of their current roadmaps, from the grouped figures of :func:`control_for`."""
    counts = StatusCounts()
    for (child, lvl, status), n in statuses.items():
        if lvl == level and (not key or child == key):
            counts.add(status, n)
    total = sum(n for (child, lvl), n in units.items() if lvl == level and (not key or child == key))
    counts.add(NO_ROADMAP, total - counts.total)
    return counts


def control_for(
    user, unit: OrgUnit, today: dt.date, *, status: str = "", overdue: bool = False, page: int = 1
) -> Control:
    """The control page of ``unit`` (the federal level, a region, a municipality or an
    organization the caller has found in ``control_units(user)``) on ``today``; roadmaps are those
    ``user`` may view. ``status`` (a key of ``STATUS_KEYS``; anything else: any) and ``overdue``
    (only units with overdue activities: for a region or a municipality among the rows, its own
    or its organizations') narrow the rows, not the summary, the waiting and the overdue lists;
    ``page`` (from 1; past the last: the last) picks the page of the organizations' table.

    The queries are fixed in number, grouped, and bounded in size whatever the number of units
    below ``unit``: (1) the units of the subtree and (2) the current roadmaps with their overdue
    activities (``selectors.current_rollup``: a window over the owner), each grouped by the direct
    child of ``unit`` they lie under (the path's first segment below it,
    ``Substr(path, 1, len(unit.path) + 9)``), by level and by status; (3) the rows — ``unit``, its
    children that are not organizations, one page of its organizations — with the ids of their
    current roadmaps; (4) those roadmaps with their execution (``selectors.with_figures``); the
    waiting list; the overdue list when there is one; a count when a filter is set. Raises
    nothing: a unit without roadmaps yields rows with the status ``NO_ROADMAP``.
    """
    status = status if status in STATUS_KEYS else ""
    if unit.level == Level.ORGANIZATION:
        return control_filter(_organization_control(user, unit, today), status=status, overdue=overdue)
    viewable = Roadmap.objects.for_user(user)
    subtree = viewable.filter(owner__path__startswith=unit.path)
    width = len(unit.path) + PATH_STEP + 1

    # (1) the units of the subtree by (direct child, level)
    units: Counter = Counter()
    for row in (
        OrgUnit.objects.filter(path__startswith=unit.path, level__in=ROADMAP_LEVELS)
        .exclude(pk=unit.pk)
        .annotate(child=Substr("path", 1, width))
        .values("child", "level")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        units[row["child"], row["level"]] = row["n"]
    # (2) the current roadmaps by (direct child, level, status), with their overdue activities
    # (the unit's own roadmap falls under its own path)
    statuses: Counter = Counter()
    late: Counter = Counter()
    for child, level, key, n, overdue_count in current_rollup(subtree, today, prefix=unit.path, width=width):
        statuses[child, level, key] = n
        late[child, level] += overdue_count

    # (3) the rows: the unit, its children that are not organizations, a page of its
    # organizations (a direct organization is the only unit under its own path)
    above_keys = {child for child, level in units if level != Level.ORGANIZATION}
    org_total = sum(
        n for (child, level), n in units.items() if level == Level.ORGANIZATION and child not in above_keys
    )
    organizations = OrgUnit.objects.filter(parent_id=unit.pk, level=Level.ORGANIZATION)
    count = org_total
    if status or overdue:
        organizations = _narrowed(
            organizations.annotate(cur=current_of(viewable, OuterRef("pk"), today)), status, overdue, today
        )
        count = organizations.count() if org_total else 0
    per_page = settings.NASTAVNIK_TABLE_PAGE_SIZE
    pages = RowsPage(count=count, per_page=per_page)
    rows_page = RowsPage(number=min(max(page, 1), pages.pages), count=count, per_page=per_page)
    start = (rows_page.number - 1) * per_page
    page_ids = organizations.order_by("path").values("pk")[start : start + per_page]
    condition = Q(pk=unit.pk) | Q(parent_id=unit.pk, level__in=(Level.REGION, Level.MUNICIPALITY))
    if count:
        condition |= Q(pk__in=page_ids)
    shown = list(
        OrgUnit.objects.filter(condition)
        .annotate(cur=current_of(viewable, OuterRef("pk"), today))
        .only("pk", "parent_id", "level", "path", "full_name", "short_name")
        .order_by("path")
    )
    # (4) their current roadmaps with the execution and the last event
    owners = {u.cur: u for u in shown if u.cur is not None}
    roadmaps = {}
    if owners:
        for roadmap in with_figures(Roadmap.objects.filter(pk__in=list(owners)).order_by(), today):
            roadmap.owner = owners[roadmap.pk]
            roadmaps[roadmap.pk] = roadmap

    own = next((u for u in shown if u.pk == unit.pk), unit)
    control = Control(
        unit=unit, today=today, own=_row(unit, roadmaps.get(getattr(own, "cur", None))), page=rows_page
    )
    above, direct = [], []
    for member in shown:
        if member.pk == unit.pk:
            continue
        row = _row(member, roadmaps.get(member.cur))
        if member.level == Level.ORGANIZATION:
            direct.append(row)
            continue
        row.children = _counts(member.path, Level.ORGANIZATION, units, statuses)
        row.children_overdue = late[member.path, Level.ORGANIZATION]
        above.append(row)
    control.summary = [
        (title, _counts("", level, units, statuses)) for title, level in SUMMARY_LEVELS[unit.level]
    ]
    # the rows above the organizations are few (the regions, one region's municipalities): the
    # filters are applied to their grouped figures here
    kept = [row for row in above if _keeps(row, status, overdue)]
    if unit.level == Level.MUNICIPALITY:
        control.rows, control.rows_total = direct, org_total
    else:
        control.rows, control.rows_total = kept, len(above)
        control.direct_rows, control.direct_total = direct, org_total

    _waiting(control, user, unit)
    control.overdue_total = sum(late.values())
    if control.overdue_total:
        control.overdue_items = _overdue_items(
            current_roadmap_ids(subtree, today), lambda owner: owner, today
        )
    return control


def _keeps(row: ControlRow, status: str, overdue: bool) -> bool:
    """Whether ``row`` passes the filters: its status key is ``status`` (any when empty) and,
    when ``overdue``, it or its organizations have overdue activities."""
    return (not status or row.status == status) and (not overdue or row.has_overdue)


def control_filter(control: Control, *, status: str = "", overdue: bool = False) -> Control:
    """Keep in ``control.rows`` and ``control.direct_rows`` only those that pass the filters
    (:func:`_keeps`), in memory: for rows already bounded in number (an organization's roadmaps).
    Pages of many units are filtered in SQL by :func:`control_for` itself. Returns ``control``."""
    control.rows = [row for row in control.rows if _keeps(row, status, overdue)]
    control.direct_rows = [row for row in control.direct_rows if _keeps(row, status, overdue)]
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
