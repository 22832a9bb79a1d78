"""Selectors for the home page: counts of what the user's scope holds, and the blocks the higher
apps add (pairs and meetings, the bank, roadmaps) through :func:`register_home_block`, so that
core imports none of them (the lower apps never import the higher ones)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse

from nastavnik.access.choices import Role
from nastavnik.access.scope import UserScope, get_scope
from nastavnik.core.pagination import COUNT_CAP, capped_count, grouped
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person


@dataclass(frozen=True)
class Tile:
    """A figure of the home page: its ``label``, the ``value`` and the list it opens (``url``).
    ``capped``: the value was counted up to ``core.pagination.COUNT_CAP`` + 1 and the list is
    longer (``display`` says «более 10 000»)."""

    label: str
    value: int
    url: str = ""
    capped: bool = False

    @classmethod
    def counted(cls, label: str, rows, url: str = "") -> Tile:
        """The tile of the rows of a (scoped) queryset, counted by one query that stops after
        ``COUNT_CAP`` + 1 rows (issue 16: an exact count of a region's people took 268 ms)."""
        value = capped_count(rows)
        return cls(label, min(value, COUNT_CAP), url, capped=value > COUNT_CAP)

    @property
    def display(self) -> str:
        """The value as the page shows it: «1 234», «более 10 000»."""
        return f"более {grouped(self.value)}" if self.capped else grouped(self.value)


@dataclass(frozen=True)
class WorkItem:
    """One thing to do on the home page: its Russian ``text``, where to do it (``url``) and a
    ``note`` (why it is listed: «встреча 01.12.2026 не отмечена»)."""

    text: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class WorkList:
    """A list of things to do for one role on the home page (issue 13: the council's, the
    psychologist's and the tutor's homes were a few counters): a ``title``, the first
    ``items``, how many ``more`` there are, and the ``empty`` text when there is nothing."""

    title: str
    items: list[WorkItem]
    empty: str
    more: int = 0


@dataclass
class HomeRequest:
    """What a home block is built from: the ``user``, their ``scope`` (``None`` for a
    superuser), the names of the units they hold roles on (``unit_names``, by id), the
    ``tiles`` and the ``work_lists`` so far (a block may append its own)."""

    user: object
    scope: UserScope | None
    unit_names: dict[int, str] = field(default_factory=dict)
    tiles: list[Tile] = field(default_factory=list)
    work_lists: list[WorkList] = field(default_factory=list)


#: name → ``build(HomeRequest) -> dict`` of template variables; filled by the apps' ``ready``.
_BLOCKS: dict[str, Callable[[HomeRequest], dict]] = {}

#: The template variables of the blocks, when no app fills them.
_DEFAULTS = {"my_pairs": None, "banks": [], "upcoming_meetings": [], "roadmap_block": None}


def register_home_block(name: str, build: Callable[[HomeRequest], dict]) -> None:
    """Add (or replace) the home block ``name``: ``build`` returns the template variables it
    sets (``core/home.html`` reads ``my_pairs``, ``upcoming_meetings``, ``banks``,
    ``roadmap_block``) and may append to ``request.tiles``. Called from ``AppConfig.ready``;
    blocks run in the order they were registered."""
    _BLOCKS[name] = build


def home_context(user) -> dict:
    """Return ``{"tiles": [Tile], "roles": [(role label, unit)], ...}`` and the variables of
    the registered blocks (:func:`register_home_block`: the user's pairs and meetings of the
    next seven days, the bank cards of the curator and the head, the roadmap deadlines and the
    roadmaps waiting for approval).

    Counts come from the same scoped querysets the lists use, so a tile never shows more
    than the user can open.
    """
    units = OrgUnit.objects.for_user(user)
    unit_counts = units.aggregate(
        municipalities=Count("pk", filter=Q(level=Level.MUNICIPALITY)),
        organizations=Count("pk", filter=Q(level=Level.ORGANIZATION)),
    )
    people = Person.objects.for_user(user)
    tiles: list[Tile] = []
    if unit_counts["municipalities"]:
        tiles.append(
            Tile(
                "Муниципальные образования",
                unit_counts["municipalities"],
                reverse("organizations:list") + "?level=municipality",
            )
        )
    tiles.append(
        Tile(
            "Организации", unit_counts["organizations"], reverse("organizations:list") + "?level=organization"
        )
    )
    tiles.append(Tile.counted("Педагогические работники", people, reverse("people:list")))
    scope = get_scope(user) if not user.is_superuser else None
    roles = []
    unit_names: dict[int, str] = {}
    if scope is not None:
        unit_names = dict(
            OrgUnit.objects.filter(pk__in=[g.unit_id for g in scope.grants]).values_list("pk", "full_name")
        )
        roles = [(Role(g.role).label, unit_names.get(g.unit_id, "")) for g in scope.grants]
    request = HomeRequest(user=user, scope=scope, unit_names=unit_names, tiles=tiles)
    context = dict(_DEFAULTS)
    for build in _BLOCKS.values():
        context.update(build(request))
    context.update(tiles=request.tiles, roles=roles, work_lists=request.work_lists)
    return context
