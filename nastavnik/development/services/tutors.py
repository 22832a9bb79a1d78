"""Writes about the tutors of the ЦНППМ (issue 18, Build 3; seed 000 §4.3.2): the coordinator of
the ЦНППМ assigns a tutor to a teacher or to an organization and ends the assignment. The right
is ``tutorassignment`` ``add`` / ``change`` of ``access.choices.PERMISSIONS``, narrowed by
``TutorAssignment.scope_filter`` to the coordinator's region.

The assignment row is its own record: who assigned it (``assigned_by``), when (``created_at``),
from and until when (``starts_on``, ``ends_on``); an assignment is ended, never deleted, so the
history of a teacher's tutors stays.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.access.querysets import paths_q
from nastavnik.access.rules import require_perm
from nastavnik.development.models import TutorAssignment
from nastavnik.development.selectors.tutors import overseen_paths
from nastavnik.organizations.choices import Level

#: The refusal when the coordinator acts outside their region.
OUTSIDE_REGION = "Закреплять тьюторов может координатор ЦНППМ своего региона."


def _check_tutor(*, by, tutor) -> None:
    """``tutor`` must hold ``Role.TUTOR`` on a unit where ``by`` may assign tutors (the region of
    the coordinator); any tutor for the system (``by=None``)."""
    roles = RoleAssignment.objects.filter(user_id=tutor.pk, role=Role.TUTOR)
    if by is not None:
        roles = roles.filter(paths_q("org_unit__path", overseen_paths(by, "add")))
    if not tutor.is_active or not roles.exists():
        raise ValidationError(
            {
                "tutor": "Пользователь не является тьютором ЦНППМ вашего региона: назначьте ему роль «Тьютор ЦНППМ»."
            }
        )


def tutor_assign(
    *, by, tutor, person=None, organization=None, starts_on: dt.date | None = None
) -> TutorAssignment:
    """Assign ``tutor`` (a user holding ``Role.TUTOR`` in the coordinator's region) to one
    teacher (``person``) or to all the teachers of an ``organization`` — exactly one of the two —
    from ``starts_on`` (today by default), open-ended (seed 000 §4.3.2).

    Raises ``ValidationError`` (Russian, by field) when both or neither are given, the
    organization is a territory, the user is not a tutor of the region, or the same tutor is
    already assigned to the same teacher or organization on or after ``starts_on``;
    ``PermissionDenied`` when ``by`` may not assign tutors to that teacher or organization
    (``tutorassignment`` ``add``; nothing is saved)."""
    from django.utils import timezone

    require_perm(by, "tutorassignment", "add", message=OUTSIDE_REGION)
    starts_on = starts_on or timezone.localdate()
    if (person is None) == (organization is None):
        raise ValidationError("Выберите либо педагога, либо организацию.")
    if organization is not None and organization.level != Level.ORGANIZATION:
        raise ValidationError({"organization": "Выберите организацию, а не территорию."})
    with transaction.atomic():
        # One assignment at a time per tutor: the row of the tutor is locked, so that two
        # coordinators cannot assign the same teacher twice at once.
        tutor = get_user_model().objects.select_for_update().get(pk=tutor.pk)
        _check_tutor(by=by, tutor=tutor)
        target = Q(person=person) if person is not None else Q(organization=organization)
        overlapping = TutorAssignment.objects.filter(target, tutor=tutor).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
        )
        if overlapping.exists():
            whom = "этим педагогом" if person is not None else "этой организацией"
            raise ValidationError(f"Тьютор уже закреплён за {whom}.")
        assignment = TutorAssignment(
            tutor=tutor, person=person, organization=organization, starts_on=starts_on, assigned_by=by
        )
        assignment.full_clean()
        assignment.save()
        require_perm(by, "tutorassignment", "add", assignment, message=OUTSIDE_REGION)
    return assignment


def tutor_unassign(*, by, assignment: TutorAssignment, ends_on: dt.date | None = None) -> TutorAssignment:
    """End ``assignment`` on ``ends_on``, the last day it is in force: from the next day the
    tutor no longer reaches the teacher's route and diagnoses. By default yesterday (the access
    ends at once), or the day it started if that is later.

    Raises ``ValidationError`` (Russian) when it has already ended, or ``ends_on`` is before its
    start; ``PermissionDenied`` when ``by`` may not change it (``tutorassignment`` ``change``)."""
    from django.utils import timezone

    with transaction.atomic():
        assignment = TutorAssignment.objects.select_for_update().get(pk=assignment.pk)
        if ends_on is None:
            ends_on = max(timezone.localdate() - dt.timedelta(days=1), assignment.starts_on)
        require_perm(by, "tutorassignment", "change", assignment, message=OUTSIDE_REGION)
        if assignment.ends_on is not None and assignment.ends_on < timezone.localdate():
            raise ValidationError(f"Закрепление уже прекращено {assignment.ends_on:%d.%m.%Y}.")
        if ends_on < assignment.starts_on:
            raise ValidationError(
                {"ends_on": f"Дата окончания не может быть раньше начала ({assignment.starts_on:%d.%m.%Y})."}
            )
        assignment.ends_on = ends_on
        assignment.full_clean()
        assignment.save(update_fields=["ends_on"])
    return assignment
