"""Type-ahead chooser of the mentors whose incentives a user records (``core.autocomplete``): the
bank's mentor cards of the organizations where the user holds ``award`` ``add`` (the head and
the curator their organization's; the municipal coordinator and the regional operator their
subtree's, of mentors with a valid consent to personal-data processing only)."""

from __future__ import annotations

from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.people.choosers import search_people


def incentive_mentors(user, *, model: str = "award"):
    """``MentorProfile`` rows of the mentors ``user`` may record ``model``'s rows for (``add``)."""
    from nastavnik.access.scope import get_scope
    from nastavnik.bank.models import MentorProfile
    from nastavnik.development.rules import teacher_rows_q

    queryset = MentorProfile.objects.select_related("person", "organization")
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(teacher_rows_q(get_scope(user), model, "add"))


def mentor_label(profile) -> str:
    """«Фамилия Имя Отчество — организация»."""
    organization = profile.organization
    return f"{profile.person.full_name} — {organization.short_name or organization.full_name}"


MENTORS = register_chooser(
    Chooser(
        kind="incentive-mentors",
        rows=incentive_mentors,
        search=lambda queryset, term: search_people(queryset, term, prefix="person__"),
        label=mentor_label,
        order=("person__last_name", "person__first_name", "person__middle_name", "pk"),
        prepare=lambda queryset: queryset.select_related("person", "organization"),
        placeholder="Начните вводить фамилию наставника…",
    )
)
