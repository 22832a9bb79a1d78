"""Selectors for the home page: counts of what the user's scope holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.scope import get_scope
from nastavnik.mentoring.models import Pair
from nastavnik.mentoring.selectors.meetings import upcoming_meetings_for
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person

#: How far ahead the home page lists the user's meetings, in days.
UPCOMING_MEETING_DAYS = 7
#: How far ahead the home page lists the deadlines of the roadmaps the user keeps, in days.
ROADMAP_DAYS = 14
#: How many roadmap activities the home page lists.
ROADMAP_LIMIT = 10


@dataclass(frozen=True)
class Tile:
    label: str
    value: int
    url: str = ""


def home_context(user) -> dict:
    """Return ``{"tiles": [Tile], "roles": [(role label, unit)], "my_pairs": QuerySet|None,
    "banks": [BankCard], "upcoming_meetings": [Meeting], "roadmap_block": RoadmapBlock|None}`` — the
    planned meetings of the next seven days of the user's pairs and of the programs of the
    organizations they curate or head (seed 003 §4.7; one query,
    ``mentoring.selectors.meetings.upcoming_meetings_for``); the deadlines of the roadmaps the
    user keeps and the roadmaps waiting for their approval (:func:`roadmap_block`).

    Counts come from the same scoped querysets the lists use, so a tile never shows more
    than the user can open.
    """
    units = OrgUnit.objects.for_user(user)
    unit_counts = units.aggregate(
        municipalities=Count("pk", filter=Q(level=Level.MUNICIPALITY)),
        organizations=Count("pk", filter=Q(level=Level.ORGANIZATION)),
    )
    people = Person.objects.for_user(user)
    pairs = Pair.objects.for_user(user).active()
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
    tiles.append(Tile("Педагогические работники", people.count(), reverse("people:list")))
    tiles.append(
        Tile(
            "Действующие наставнические пары",
            pairs.count(),
            reverse("mentoring:program_list"),
        )
    )
    scope = get_scope(user) if not user.is_superuser else None
    roles = []
    unit_names: dict[int, str] = {}
    if scope is not None:
        unit_names = dict(
            OrgUnit.objects.filter(pk__in=[g.unit_id for g in scope.grants]).values_list("pk", "full_name")
        )
        roles = [(Role(g.role).label, unit_names.get(g.unit_id, "")) for g in scope.grants]
    my_pairs = None
    if scope is not None and scope.person_id and scope.has_role(Role.MENTOR, Role.MENTEE):
        my_pairs = (
            Pair.objects.active()
            .filter(Q(mentor_id=scope.person_id) | Q(mentee_id=scope.person_id))
            .select_related("mentor", "mentee", "organization", "program")
        )
    return {
        "tiles": tiles,
        "roles": roles,
        "my_pairs": my_pairs,
        "banks": _banks(scope),
        "upcoming_meetings": upcoming_meetings_for(user, days=UPCOMING_MEETING_DAYS),
        "roadmap_block": roadmap_block(user, scope, unit_names=unit_names),
    }


@dataclass(frozen=True)
class RoadmapBlock:
    """The roadmap block of the home page (issue 6, control: overdue items highlighted).

    ``items``: up to ``ROADMAP_LIMIT`` open activities (neither done nor cancelled, not
    recurring) of the roadmaps the user keeps that have not ended, overdue or due within
    ``ROADMAP_DAYS`` days, by deadline, each with ``overdue`` set; ``more``: whether there are
    others; ``kept``: whether the user keeps roadmaps; ``without``: ``[(unit name, create url)]``
    of the units the user keeps that have no roadmap for today or ahead; ``pending``: the organizations' roadmaps waiting
    for the user's approval (``None`` when the user approves none); ``pending_url``: their list.
    """

    items: list
    more: bool
    kept: bool
    without: list
    pending: int | None
    pending_url: str


def _pending_condition(grants) -> Q | None:
    """Organizations' roadmaps the grants approve: the owner's parent (the approving unit) in
    the subtree of a grant of an approver role for that unit's level (``roadmaps.rules.can_approve``)."""
    from nastavnik.roadmaps.rules import APPROVER_ROLES

    condition = None
    for grant in grants:
        for level, roles in APPROVER_ROLES.items():
            if grant.role in roles:
                part = Q(owner__parent__level=level, owner__parent__path__startswith=grant.unit_path)
                condition = part if condition is None else condition | part
    return condition


def roadmap_block(
    user, scope, *, unit_names: dict[int, str] | None = None, today: dt.date | None = None
) -> RoadmapBlock | None:
    """The roadmap block for ``user`` (``scope``: their ``UserScope``, ``None`` for a superuser,
    who sees only the roadmaps waiting for approval), or ``None`` when the user neither keeps
    (``roadmaps.rules.EDITOR_ROLES`` on their unit) nor approves roadmaps. ``unit_names``: names
    of the user's units by id. Three queries at most, whatever the number of roadmaps and
    activities."""
    from nastavnik.roadmaps.choices import CLOSED_ITEM_STATUSES, PeriodKind, RoadmapStatus
    from nastavnik.roadmaps.models import Roadmap, RoadmapItem
    from nastavnik.roadmaps.rules import EDITOR_ROLES

    today = today or timezone.localdate()
    if scope is None:
        if not user.is_superuser:
            return None
        kept: dict[int, object] = {}
        pending_q = Q()
    else:
        kept = {g.unit_id: g for g in scope.grants if g.role in EDITOR_ROLES.get(g.unit_level, frozenset())}
        pending_q = _pending_condition(scope.grants)
        if not kept and pending_q is None:
            return None
    items: list = []
    without: list = []
    if kept:
        current = dict(  # in force today or coming (a municipality's runs from November)
            Roadmap.objects.filter(owner_id__in=list(kept), ends_on__gte=today).values_list("pk", "owner_id")
        )
        if current:
            items = list(
                RoadmapItem.objects.filter(
                    roadmap_id__in=list(current), ends_on__lte=today + dt.timedelta(days=ROADMAP_DAYS)
                )
                .exclude(period_kind=PeriodKind.RECURRING)
                .exclude(status__in=CLOSED_ITEM_STATUSES)
                .select_related("roadmap__owner")
                .order_by("ends_on", "roadmap_id", "sort_order", "pk")[: ROADMAP_LIMIT + 1]
            )
        for item in items:
            item.overdue = item.ends_on < today
        having = set(current.values())
        names = unit_names or {}
        without = [
            (names.get(unit_id, ""), reverse("roadmaps:create") + f"?owner={unit_id}")
            for unit_id in kept
            if unit_id not in having
        ]
    pending = None
    if pending_q is not None:
        pending = Roadmap.objects.filter(
            pending_q, level=Level.ORGANIZATION, status=RoadmapStatus.SUBMITTED
        ).count()
    return RoadmapBlock(
        items=items[:ROADMAP_LIMIT],
        more=len(items) > ROADMAP_LIMIT,
        kept=bool(kept),
        without=without,
        pending=pending,
        pending_url=reverse("roadmaps:list") + "?status=submitted",
    )


@dataclass(frozen=True)
class BankCard:
    organization: OrgUnit
    status: object  # bank.selectors.ConfirmationStatus
    candidates: list
    candidates_count: int
    can_confirm: bool


def _banks(scope) -> list[BankCard]:
    """For the curator and the head: their organization's bank confirmation status and the
    teachers who should be considered as mentees (seed 000 §4.1.2)."""
    from nastavnik.bank.selectors import bank_confirmation_status, candidate_reasons, mentee_candidates

    if scope is None:
        return []
    keepers = {g.unit_id: g.role for g in scope.grants if g.role in (Role.CURATOR, Role.HEAD)}
    cards = []
    for unit in OrgUnit.objects.filter(pk__in=keepers).organizations():
        candidates = mentee_candidates(unit).order_by("last_name", "first_name")
        shown = list(candidates[:10])
        for person in shown:
            person.reasons = candidate_reasons(person)
        cards.append(
            BankCard(
                organization=unit,
                status=bank_confirmation_status(unit),
                candidates=shown,
                candidates_count=candidates.count(),
                can_confirm=Role.CURATOR in {g.role for g in scope.grants if g.unit_id == unit.pk},
            )
        )
    return cards
