"""Whose is an entry of the audit trail: the organization unit it belongs to (so that the head
sees their organization's entries, the coordinator their municipality's, the operator the
region's) and the person it is about (so that those who must not see a person without a consent
to personal-data processing do not see the entries about them, 152-ФЗ art. 9).

Resolved from the object itself, without importing the apps above ``audit``: a unit is an
``OrgUnit``; a person's unit is the organization of their current (primary first) employment
(a learner's: their organization, issue 20); a
user's is their person's, else the broadest unit they hold a role on; any other object is
followed through its foreign keys — first to a unit (``organization``, ``org_unit``, ``owner``),
then to a person, then to the objects it belongs to (an evidence file → its activity → its
roadmap → its owner), a few steps deep.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F

from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Employment, Learner, NonStaffParticipant, Person

#: How many foreign keys are followed from an object to find its unit.
MAX_DEPTH = 4
#: Apps whose rows belong to no unit: not followed.
_SKIPPED_APPS = frozenset({"reference", "auth", "contenttypes", "sessions", "admin", "auditlog", "audit"})


@dataclass(frozen=True)
class Subject:
    """The unit an entry belongs to (``None``: seen only by administrators) and the id of the
    person it is about (``None``: about no one in particular)."""

    unit: OrgUnit | None = None
    person_id: int | None = None


def person_unit(person: Person | int) -> OrgUnit | None:
    """The organization of ``person``'s current employment (the primary one first), else of
    their latest employment; for a learner or a participant outside the staff, who have no
    employment, the organization they learn in or take part in (issue 20: so that the head of
    that organization reads the entries about them, and the roles above it do not read a
    minor's — ``AuditEvent.scope_filter``); ``None`` when there is none. One to three queries."""
    person_id = person if isinstance(person, int) else person.pk
    if person_id is None:
        return None
    employments = Employment.objects.filter(person_id=person_id).select_related("organization")
    current = employments.current().order_by("-is_primary", "-started_on", "pk").first()
    if current is not None:
        return current.organization
    latest = employments.order_by("-ended_on", "-pk").first()
    if latest is not None:
        return latest.organization
    learner = Learner.objects.filter(person_id=person_id).select_related("organization").first()
    if learner is not None:
        return learner.organization
    participant = (
        NonStaffParticipant.objects.filter(person_id=person_id)
        .select_related("organization")
        .order_by(F("ended_on").desc(nulls_first=True), "-pk")
        .first()
    )
    return participant.organization if participant is not None else None


def user_unit(user) -> OrgUnit | None:
    """The unit of ``user`` as an actor (an export of their list, a change of an object of no
    unit): the broadest unit they hold a role on (the region of an operator, the school of a
    curator), else their person's organization, else ``None`` (an administrator).

    The roles come from the user's scope, already read for the request (no query then); the
    unit is an ``OrgUnit`` carrying only ``pk`` and ``path``."""
    if user is None or getattr(user, "pk", None) is None or not getattr(user, "is_authenticated", False):
        return None
    from nastavnik.access.scope import get_scope

    scope = get_scope(user)
    if scope.grants:
        broadest = min(scope.grants, key=lambda grant: (len(grant.unit_path), grant.unit_id))
        return OrgUnit(pk=broadest.unit_id, path=broadest.unit_path)
    return person_unit(scope.person_id) if scope.person_id else None


def account_unit(user) -> Subject:
    """The subject of an account: its person's organization (the school the account belongs
    to), else the broadest unit its roles are on."""
    person_id = (
        Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first() if user.pk else None
    )
    unit = person_unit(person_id) if person_id else None
    if unit is None and user.pk:
        units = OrgUnit.objects.filter(role_assignments__user_id=user.pk).distinct()
        unit = min(units, key=lambda unit: len(unit.path), default=None)
    return Subject(unit=unit, person_id=person_id)


def _foreign_keys(model) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one or field.one_to_one
        if field.related_model is not None and field.related_model._meta.app_label not in _SKIPPED_APPS
    ]


def subject_of(obj, *, depth: int = 0) -> Subject:
    """The :class:`Subject` of ``obj`` (a model instance; a model class or ``None`` has none).

    Queries: one per foreign key followed (the related objects are read once)."""
    if obj is None or isinstance(obj, type) or not isinstance(obj, models.Model):
        return Subject()
    if isinstance(obj, OrgUnit):
        return Subject(unit=obj)
    if isinstance(obj, Person):
        return Subject(unit=person_unit(obj), person_id=obj.pk)
    if isinstance(obj, get_user_model()):
        return account_unit(obj)
    keys = _foreign_keys(type(obj))
    unit = None
    person_id = None
    for field in keys:
        if field.related_model is OrgUnit and getattr(obj, field.attname):
            unit = getattr(obj, field.name)
            break
    for field in keys:
        if field.related_model is Person and getattr(obj, field.attname):
            person_id = getattr(obj, field.attname)
            break
    if person_id is None and getattr(obj, "user_id", None):
        # A row about an account (a role assignment): the account's person.
        person_id = Person.objects.filter(user_id=obj.user_id).values_list("pk", flat=True).first()
    if unit is None and person_id is not None:
        unit = person_unit(person_id)
    if depth < MAX_DEPTH and (unit is None or person_id is None):
        for field in keys:
            if field.related_model in (OrgUnit, Person) or not getattr(obj, field.attname):
                continue
            parent = subject_of(getattr(obj, field.name), depth=depth + 1)
            unit = unit or parent.unit
            person_id = person_id or parent.person_id
            if unit is not None:
                break
    return Subject(unit=unit, person_id=person_id)


def user_name(user) -> str:
    """How a user is named in the journal: their person's full name, else the account's first and
    last name, never the login; «Администратор системы» for an administrator without a name,
    «Система» for no user (a scheduled command, a background job)."""
    if user is None:
        return "Система"
    try:
        return user.person.full_name  # read once; free with ``select_related("actor__person")``
    except ObjectDoesNotExist:
        return _account_name(user)


def _account_name(user) -> str:
    name = user.get_full_name().strip()
    if name:
        return name
    if user.is_superuser:
        return "Администратор системы"
    return "Пользователь без ФИО"


def describe(obj) -> str:
    """The name of ``obj`` as the journal keeps it (at the time of the entry): an account and a
    role assignment by the person's name rather than the login; anything else by ``str``."""
    from nastavnik.access.models import RoleAssignment

    if isinstance(obj, get_user_model()):
        return f"Учётная запись: {user_name(obj)}"
    if isinstance(obj, RoleAssignment):
        return f"{user_name(obj.user)} — {obj.get_role_display()} ({obj.org_unit})"
    try:
        return str(obj)
    except ObjectDoesNotExist:  # a half-deleted object: auditlog's own fallback
        return f"{obj._meta.verbose_name} № {obj.pk}"
