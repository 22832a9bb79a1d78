"""The mentoring blocks of the home page (registered in ``MentoringConfig.ready`` with
``core.home.register_home_block``): the tile of active pairs, the user's own pairs and the
meetings of the next seven days (seed 003 §4.7)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from nastavnik.access.choices import Role
from nastavnik.core.home import HomeRequest, Tile
from nastavnik.mentoring.models import Pair
from nastavnik.mentoring.selectors.meetings import upcoming_meetings_for

#: How far ahead the home page lists the user's meetings, in days.
UPCOMING_MEETING_DAYS = 7


def home_pairs(request: HomeRequest) -> dict:
    """Append the tile «Действующие наставнические пары» (the active pairs in the user's scope)
    and return ``{"my_pairs": QuerySet | None, "upcoming_meetings": [Meeting]}``: the pairs of
    a mentor or a mentee (through the pairs' scope, so a partner who withdrew the consent to
    personal-data processing is not named, 152-ФЗ art. 9, ``Pair.scope_filter``), and the
    planned meetings of the next seven days of the user's pairs and of the programs of the
    organizations they curate or head (one query, ``upcoming_meetings_for``)."""
    user, scope = request.user, request.scope
    pairs = Pair.objects.for_user(user).active()
    request.tiles.append(
        Tile("Действующие наставнические пары", pairs.count(), reverse("mentoring:program_list"))
    )
    my_pairs = None
    if scope is not None and scope.person_id and scope.has_role(Role.MENTOR, Role.MENTEE):
        my_pairs = (
            Pair.objects.for_user(user)
            .active()
            .filter(Q(mentor_id=scope.person_id) | Q(mentee_id=scope.person_id))
            .select_related("mentor", "mentee", "organization", "program")
        )
    return {
        "my_pairs": my_pairs,
        "upcoming_meetings": upcoming_meetings_for(user, days=UPCOMING_MEETING_DAYS),
    }


def person_card_pairs(*, user, person) -> dict:
    """The pairs block of a person's card (``core.blocks``, page ``"person_card"``):
    ``{"pairs_as_mentor": QuerySet, "pairs_as_mentee": QuerySet}`` among the pairs in the user's
    scope."""
    pairs = Pair.objects.for_user(user).select_related("mentor", "mentee", "organization")
    return {"pairs_as_mentor": pairs.filter(mentor=person), "pairs_as_mentee": pairs.filter(mentee=person)}
