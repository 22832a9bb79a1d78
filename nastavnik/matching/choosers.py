"""Type-ahead choosers of the matching forms (``core.autocomplete``; issue 16): the pool to
assign (an organization or a municipality) and the mentor and mentee of a compatibility mark."""

from __future__ import annotations

from functools import partial

from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.matching.selectors import mark_units, pool_units
from nastavnik.organizations.choices import Level
from nastavnik.organizations.choosers import unit_chooser
from nastavnik.people.choosers import search_people


def pool_unit_label(unit) -> str:
    """«Муниципальное образование: город Сургут»; an organization with its municipality."""
    if unit.level == Level.MUNICIPALITY:
        return f"{unit.get_level_display()}: {unit}"
    return unit.label_with_municipality


def profile_label(profile) -> str:
    """«Иванова Мария Петровна (СОШ № 1)»: a bank card by its person and organization."""
    return f"{profile.person.full_name} ({profile.organization})"


def _mark_profiles(model):
    def rows(user):
        return model.objects.for_user(user, "view").filter(organization__in=mark_units(user))

    return rows


def _profile_chooser(kind: str, model) -> Chooser:
    return register_chooser(
        Chooser(
            kind=kind,
            rows=_mark_profiles(model),
            search=partial(search_people, prefix="person__"),
            label=profile_label,
            order=("person__last_name", "person__first_name", "person__middle_name", "pk"),
            prepare=lambda queryset: queryset.select_related("person", "organization"),
            placeholder="Начните вводить фамилию…",
        )
    )


#: The pools the user may assign: organizations and municipalities (``selectors.pool_units``).
POOL_UNITS = unit_chooser("pool-units", pool_units, label=pool_unit_label)
MARK_MENTORS = _profile_chooser("mark-mentors", MentorProfile)
MARK_MENTEES = _profile_chooser("mark-mentees", MenteeProfile)
