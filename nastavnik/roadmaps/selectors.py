"""Reads of roadmaps for pages and control: the plan of a roadmap, execution progress in one
query for many roadmaps, the home page's block of deadlines (seed 000 App. 2 п. 1.7: control of
execution)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, Substr
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.organizations.choices import Level
from nastavnik.roadmaps.choices import ItemStatus, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvent, RoadmapItem, RoadmapSection, overdue_q

#: How far ahead the home page lists the deadlines of the roadmaps the user keeps, in days.
HOME_DAYS = 14
#: How many activities the home page lists.
HOME_LIMIT = 10


def waiting_for_approval(user, unit=None):
    """The roadmaps waiting for approval that ``user`` is shown: submitted, in the user's view
    scope (``Roadmap.objects.for_user``), owned by ``unit`` or a unit under it — without
    ``unit``, by a unit in the subtrees where the user views roadmaps (those of their control
    pages). Oldest submission first. The one answer to «ожидают согласования»: the control page
    lists them for its unit, the home page counts them all (issue 13: the home said 0 while the
    control page listed one). A queryset."""
    from nastavnik.access.scope import get_scope

    roadmaps = Roadmap.objects.for_user(user).filter(status=RoadmapStatus.SUBMITTED)
    if unit is not None:
        roadmaps = roadmaps.filter(owner__path__startswith=unit.path)
    elif user.is_authenticated and not user.is_superuser:
        roadmaps = roadmaps.filter(get_scope(user).units_q("roadmap", Action.VIEW, "owner__path"))
    return roadmaps.order_by("submitted_at", "created_at", "pk")


def roadmap_plan(roadmap: Roadmap, *related: str) -> list[RoadmapSection]:
    """The sections of ``roadmap`` in their order, each with ``section.plan``: its activities in
    their order (with the ``related`` relations prefetched, e.g. ``"evidence"``). Two queries,
    plus one per relation."""
    items = RoadmapItem.objects.order_by("sort_order", "pk").prefetch_related(*related)
    sections = roadmap.sections.order_by("sort_order", "pk").prefetch_related(
        Prefetch("items", queryset=items, to_attr="plan")
    )
    return list(sections)


@dataclass(frozen=True)
class Progress:
    """Execution of one roadmap: ``total`` activities, ``done``, ``cancelled``, ``overdue``
    (past the deadline, neither done nor cancelled); ``share``: done among the activities not
    cancelled, 0–100 (integer percent), ``None`` when there is nothing to do."""

    total: int = 0
    done: int = 0
    cancelled: int = 0
    overdue: int = 0

    @property
    def active(self) -> int:
        """Activities not cancelled: the base of the share."""
        return self.total - self.cancelled

    @property
    def share(self) -> int | None:
        return round(100 * self.done / self.active) if self.active else None


def progress_annotations(today: dt.date) -> dict:
    """The aggregates of :class:`Progress` over ``RoadmapItem`` rows (``total``, ``done``,
    ``cancelled``, ``overdue`` on ``today``): the one rule of execution, grouped by roadmap in
    :func:`progress_for` and by owner in :func:`progress_by_owner`."""
    return {
        "total": Count("pk"),
        "done": Count("pk", filter=Q(status=ItemStatus.DONE)),
        "cancelled": Count("pk", filter=Q(status=ItemStatus.CANCELLED)),
        "overdue": Count("pk", filter=overdue_q(today)),
    }


def progress_for(roadmap_ids, today: dt.date | None = None) -> dict[int, Progress]:
    """``{roadmap id: Progress}`` for the roadmaps ``roadmap_ids`` (ids or a values queryset),
    in one query; a roadmap without activities maps to an empty ``Progress``."""
    today = today or timezone.localdate()
    rows = (
        RoadmapItem.objects.filter(roadmap_id__in=roadmap_ids)
        .values("roadmap_id")
        .annotate(**progress_annotations(today))
        .order_by()
    )
    return {
        row["roadmap_id"]: Progress(row["total"], row["done"], row["cancelled"], row["overdue"])
        for row in rows
    }


def progress_by_owner(roadmaps, today: dt.date | None = None) -> dict[int, Progress]:
    """``{owner unit id: Progress}`` summed over the activities of the roadmaps ``roadmaps`` (a
    ``Roadmap`` queryset), in one grouped query: the rule of :func:`progress_for` for many
    units at once (the monitoring indicator of roadmap execution reads it)."""
    today = today or timezone.localdate()
    rows = (
        RoadmapItem.objects.filter(roadmap_id__in=roadmaps.values("pk"))
        .values("roadmap__owner_id")
        .annotate(**progress_annotations(today))
        .order_by()
    )
    return {
        row["roadmap__owner_id"]: Progress(row["total"], row["done"], row["cancelled"], row["overdue"])
        for row in rows
    }


def progress_of(row) -> Progress:
    """The :class:`Progress` of a roadmap annotated by :func:`with_figures` (``row.p_total`` …)."""
    return Progress(row.p_total, row.p_done, row.p_cancelled, row.p_overdue)


#: History events that set or change the state of a roadmap (the date shown as «последнее
#: событие»: its creation, loading from a file, or a move of the workflow).
STATUS_EVENT_KINDS = (RoadmapEventKind.CREATED, RoadmapEventKind.IMPORTED, RoadmapEventKind.STATUS)


def with_figures(roadmaps, today: dt.date):
    """``roadmaps`` (a ``Roadmap`` queryset) annotated, each row by correlated subqueries in the
    same query, with its execution (``p_total``, ``p_done``, ``p_cancelled``, ``p_overdue``: the
    rule of :func:`progress_annotations` on ``today``; read them with :func:`progress_of`) and
    ``last_event_at`` (when it was created, loaded from a file or last changed status; ``None``
    without such an event). For the few roadmaps one page shows: the cost grows with their
    number, not with the activities of others."""
    items = RoadmapItem.objects.filter(roadmap_id=OuterRef("pk")).order_by().values("roadmap_id")
    figures = {
        f"p_{name}": Coalesce(Subquery(items.annotate(n=aggregate).values("n")[:1]), 0)
        for name, aggregate in progress_annotations(today).items()
    }
    last = (
        RoadmapEvent.objects.filter(roadmap_id=OuterRef("pk"), kind__in=STATUS_EVENT_KINDS)
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    return roadmaps.annotate(**figures, last_event_at=Subquery(last))


def current_order(today: dt.date) -> list:
    """The SQL order that puts first, among the roadmaps of one unit, its current one on
    ``today``: one whose period includes ``today`` (an approved one first, then the latest start,
    then the latest id), else the one that starts latest (then ends latest, then the latest id) —
    ``control.current_roadmap`` in SQL, for :func:`current_roadmaps` and :func:`current_of`."""
    running = Q(starts_on__lte=today, ends_on__gte=today)
    flag = IntegerField()
    return [
        Case(When(running, then=Value(1)), default=Value(0), output_field=flag).desc(),
        Case(
            When(running & Q(status=RoadmapStatus.APPROVED), then=Value(1)),
            default=Value(0),
            output_field=flag,
        ).desc(),
        F("starts_on").desc(),
        # the end breaks ties only among roadmaps not running today
        Case(When(running, then=Value(None)), default=F("ends_on"), output_field=DateField()).desc(
            nulls_last=True
        ),
        F("pk").desc(),
    ]


def _ranked(roadmaps, today: dt.date, **columns):
    """``roadmaps`` narrowed to the current one of each owner by ``ROW_NUMBER() OVER (PARTITION
    BY owner ORDER BY current_order)``, with ``columns`` annotated."""
    return (
        roadmaps.order_by()
        .annotate(
            **columns,
            current_rank=Window(RowNumber(), partition_by=[F("owner_id")], order_by=current_order(today)),
        )
        .filter(current_rank=1)
    )


def current_roadmap_ids(roadmaps, today: dt.date):
    """The ids of the current roadmaps (:func:`current_order`) of the owners among ``roadmaps``
    (a ``Roadmap`` queryset): a one-column queryset for ``…__in=``, computed in SQL — never a list
    of ids in Python."""
    return _ranked(roadmaps, today).values("pk")


def current_roadmaps(roadmaps, today: dt.date):
    """The current roadmap (:func:`current_order`) of every owner among ``roadmaps`` (a
    ``Roadmap`` queryset, e.g. those of a subtree the user may view): a ``Roadmap`` queryset of
    one row per owner, computed in SQL by ``ROW_NUMBER() OVER (PARTITION BY owner)``, so it can
    be grouped and joined at the size of the country."""
    return Roadmap.objects.filter(pk__in=current_roadmap_ids(roadmaps, today))


def current_rollup(
    roadmaps, today: dt.date, *, prefix: str, width: int
) -> list[tuple[str, str, str, int, int]]:
    """The current roadmaps (:func:`current_order`) of the owners among ``roadmaps`` (a ``Roadmap``
    queryset of the units whose paths start with ``prefix``) grouped by the first ``width``
    characters of the owner's path (the unit directly under the one whose path is ``prefix``,
    when ``width = len(prefix) + 9``), the level and the status: ``[(path key, level, status,
    roadmaps, their overdue activities on today)]``.

    One SQL statement built of two ORM queries — the window of :func:`current_roadmap_ids` and the
    overdue activities under ``prefix`` counted by roadmap (``models.overdue_q``) — joined and
    grouped around them (the ORM does not group over a window's filter); hash joins, no query per
    roadmap, so it stays fast at the size of the country."""
    ranked = _ranked(roadmaps, today, rollup_key=Substr("owner__path", 1, width)).values(
        "pk", "rollup_key", "level", "status"
    )
    late = (
        RoadmapItem.objects.filter(overdue_q(today), roadmap__owner__path__startswith=prefix)
        .order_by()
        .values("roadmap_id")
        .annotate(late=Count("pk"))
        .values("roadmap_id", "late")
    )
    ranked_sql, ranked_params = ranked.query.sql_with_params()
    late_sql, late_params = late.query.sql_with_params()
    sql = (
        'SELECT r."rollup_key", r."level", r."status", COUNT(*), COALESCE(SUM(o."late"), 0) '
        f'FROM ({ranked_sql}) r LEFT JOIN ({late_sql}) o ON o."roadmap_id" = r."pk" '
        'GROUP BY r."rollup_key", r."level", r."status"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ranked_params, *late_params])
        return [(key, level, status, int(n), int(late)) for key, level, status, n, late in cursor.fetchall()]


def current_of(roadmaps, owner, today: dt.date) -> Subquery:
    """A subquery giving the id of the current roadmap (:func:`current_order`) of the unit
    ``owner`` (an ``OuterRef`` to a unit id, or an id) among ``roadmaps``; ``NULL`` when it has
    none. For annotating a page of units: one indexed lookup per unit."""
    return Subquery(roadmaps.filter(owner_id=owner).order_by(*current_order(today)).values("pk")[:1])


@dataclass(frozen=True)
class HomeBlock:
    """The roadmap block of the home page.

    ``items``: up to ``HOME_LIMIT`` open activities (``RoadmapItemQuerySet.open``) of the
    roadmaps the user keeps that have not ended, overdue or due within ``HOME_DAYS`` days, by
    deadline, each with ``overdue`` set; ``more``: whether there are others; ``kept``: whether
    the user keeps roadmaps; ``without``: ``[(unit name, create url)]`` of the units the user
    keeps that have no roadmap for today or ahead; ``pending``: the roadmaps waiting for
    approval the control page lists (:func:`waiting_for_approval`; ``None`` when the user
    approves none and none of theirs waits); ``pending_url``: that list.
    """

    items: list
    more: bool
    kept: bool
    without: list
    pending: int | None
    pending_url: str


def home_block(user, scope, *, unit_names: dict[int, str] | None = None, today: dt.date | None = None):
    """The :class:`HomeBlock` of ``user`` (``scope``: their ``UserScope``, ``None`` for a
    superuser, who sees only the roadmaps waiting for approval), or ``None`` when the user
    neither keeps (``UserScope.unit_ids("roadmap", "change")``) nor approves
    (``Roadmap.objects.for_user(user, "approve")``) roadmaps.
    ``unit_names``: names of the user's units by id. Three queries at most, whatever the number
    of roadmaps and activities."""
    today = today or timezone.localdate()
    if scope is None:
        if not user.is_superuser:
            return None
        kept: set[int] = set()
        pending_q = Q(level=Level.ORGANIZATION)
    else:
        kept = scope.unit_ids("roadmap", Action.CHANGE)
        pending_q = (
            Roadmap.scope_filter(scope, Action.APPROVE) if scope.unit_ids("roadmap", Action.APPROVE) else None
        )
        if not kept and pending_q is None:
            return None
    items: list = []
    without: list = []
    if kept:
        # in force today or coming (a municipality's runs from November)
        current = dict(
            Roadmap.objects.filter(owner_id__in=kept, ends_on__gte=today).values_list("pk", "owner_id")
        )
        if current:
            items = list(
                RoadmapItem.objects.open()
                .filter(roadmap_id__in=list(current), ends_on__lte=today + dt.timedelta(days=HOME_DAYS))
                .select_related("roadmap__owner")
                .order_by("ends_on", "roadmap_id", "sort_order", "pk")[: HOME_LIMIT + 1]
            )
        for item in items:
            item.overdue = item.ends_on < today
        having = set(current.values())
        names = unit_names or {}
        without = [
            (names.get(unit_id, ""), reverse("roadmaps:create") + f"?owner={unit_id}")
            for unit_id in sorted(kept)
            if unit_id not in having
        ]
    # the count the control page lists (``waiting_for_approval``); to those who approve
    # nothing, only when something of theirs waits
    pending = waiting_for_approval(user).count()
    if pending_q is None and not pending:
        pending = None
    return HomeBlock(
        items=items[:HOME_LIMIT],
        more=len(items) > HOME_LIMIT,
        kept=bool(kept),
        without=without,
        pending=pending,
        pending_url=reverse("roadmaps:control") + "#waiting",
    )


def home_roadmaps(request) -> dict:
    """The home block (``core.home.register_home_block``): ``{"roadmap_block": HomeBlock | None}``
    for the ``core.home.HomeRequest`` (:func:`home_block`)."""
    return {"roadmap_block": home_block(request.user, request.scope, unit_names=request.unit_names)}
