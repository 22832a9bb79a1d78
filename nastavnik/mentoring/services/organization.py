"""The organization's mentoring program (программа наставничества организации, seed 000 §IV:
seven stages; 003 §4.8: its results and best practices)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.mentoring.models import MentoringProgram

#: Fields of the organization's program a user edits; the organization is fixed at creation.
EDITABLE_FIELDS = ("title", "starts_on", "ends_on", "goals", "approved_on", "results", "best_practices")


def _check(program: MentoringProgram) -> None:
    if program.approved_on and program.approved_on > timezone.localdate():
        raise ValidationError({"approved_on": "Дата утверждения не может быть в будущем."})
    if program.organization_id and program.organization.level != "organization":
        raise ValidationError(
            {"organization": "Программа наставничества утверждается образовательной организацией."}
        )
    program.title = (program.title or "").strip()
    program.full_clean()


@transaction.atomic
def mentoring_program_create(
    *,
    organization,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    goals: str = "",
    approved_on: dt.date | None = None,
    results: str = "",
    best_practices: str = "",
    by=None,
) -> MentoringProgram:
    """Create the mentoring program of ``organization`` (an ``OrgUnit`` of the organization
    level) for the period ``starts_on``–``ends_on`` (seed 000 §IV). ``approved_on`` — the date of
    the head's order approving it, if already approved.

    Raises:
        PermissionDenied: ``by`` may not add the organization's program (``mentoringprogram``
            ``add`` over ``organization``; ``by=None`` is the system).
        ValidationError: an empty title; the end not after the start; an approval date in the
            future; a unit that is not an organization.
    """
    require_perm(by, "mentoringprogram", Action.ADD, organization)
    program = MentoringProgram(
        organization=organization,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        goals=goals,
        approved_on=approved_on,
        results=results,
        best_practices=best_practices,
    )
    _check(program)
    program.save()
    return program


@transaction.atomic
def mentoring_program_update(*, program: MentoringProgram, by=None, **fields) -> MentoringProgram:
    """Change the organization's program: any of ``EDITABLE_FIELDS`` (the title, the period, the
    goals, the approval date, the results and the best practices, seed 003 §4.8).

    Raises:
        PermissionDenied: ``by`` may not change the program (``by=None`` is the system).
        ValidationError: a field that cannot be changed (the organization); the rules of
            :func:`mentoring_program_create`.
    """
    require_perm(by, "mentoringprogram", Action.CHANGE, program)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Эти сведения программы не изменяются: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(program, name, value)
    _check(program)
    program.save()
    return program
