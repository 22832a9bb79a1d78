"""Selectors for the home page: counts of what the user's scope holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from nastavnik.access.choices import Role
from nastavnik.access.scope import get_scope
from nastavnik.mentoring.models import Pair
from nastavnik.mentoring.selectors.meetings import upcoming_meetings_for
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person
from nastavnik.roadmaps.selectors import home_block

#: How far ahead the home page lists the user's meetings, in days.
UPCOMING_MEETING_DAYS = 7


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
    user keeps and the roadmaps waiting for their approval (``roadmaps.selectors.home_block``).

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
        "roadmap_block": home_block(user, scope, unit_names=unit_names),
    }


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
