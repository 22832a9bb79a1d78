"""Who the user is to a program: its manager (curator or head), its mentor, its mentee."""

from __future__ import annotations

from dataclasses import dataclass

from nastavnik.access.scope import get_scope
from nastavnik.mentoring.models import PersonalizedProgram


@dataclass(frozen=True)
class ProgramRoles:
    """``manager``: may change the program (``PERMISSIONS["personalizedprogram"]["change"]``:
    the curator and the head of its organization); ``mentor`` / ``mentee``: the user's person
    is a mentor / a mentee of one of its pairs that has not ended."""

    manager: bool = False
    mentor: bool = False
    mentee: bool = False

    @property
    def participant(self) -> bool:
        return self.mentor or self.mentee


def program_roles(user, program: PersonalizedProgram) -> ProgramRoles:
    """The roles of ``user`` in ``program``; two queries at most (the scope is cached per user)."""
    if not user.is_authenticated:
        return ProgramRoles()
    manager = PersonalizedProgram.objects.for_user(user, "change").filter(pk=program.pk).exists()
    person_id = None if user.is_superuser else get_scope(user).person_id
    mentor = mentee = False
    if person_id is not None:
        for mentor_id, mentee_id in program.pairs.filter(ended_on__isnull=True).values_list(
            "mentor_id", "mentee_id"
        ):
            mentor = mentor or mentor_id == person_id
            mentee = mentee or mentee_id == person_id
    return ProgramRoles(manager=manager, mentor=mentor, mentee=mentee)
