"""Appointing and revoking roles (seed 000 §4.1, 001 §4.4: the head appoints the curator…)."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from nastavnik.access.choices import ASSIGNABLE_ROLES, Role
from nastavnik.access.models import RoleAssignment
from nastavnik.access.scope import clear_scope_cache, get_scope
from nastavnik.accounts.services import Invitation, invitation_send

_USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@+-]{3,150}$")


def assignable_roles(user, org_unit=None) -> set[str]:
    """Roles ``user`` may assign (on ``org_unit`` when given, else anywhere in their scope)."""
    if user.is_superuser:
        return set(Role.values)
    result: set[str] = set()
    for grant in get_scope(user).grants:
        if org_unit is not None and not org_unit.path.startswith(grant.unit_path):
            continue
        result |= ASSIGNABLE_ROLES.get(grant.role, frozenset())
    return result


def assignable_units(user):
    """Units on which ``user`` may assign some role: the subtrees of their grants that carry
    assigning rights (``ASSIGNABLE_ROLES``)."""
    from nastavnik.access.querysets import paths_q
    from nastavnik.organizations.models import OrgUnit

    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = [g.unit_path for g in get_scope(user).grants if g.role in ASSIGNABLE_ROLES]
    return OrgUnit.objects.filter(paths_q("path", paths))


@transaction.atomic
def role_assign(
    *, by, person, role: str, org_unit, username: str = "", site: str = ""
) -> tuple[RoleAssignment, Invitation | None]:
    """Give ``person`` the ``role`` on ``org_unit``, creating their account when they have none.

    A new account has no password: its owner gets an invitation by e-mail (the person's
    address) with a link to set one (``accounts.services.invitation_send``; ``site`` is the
    address before the link's path). Nobody else ever learns the password.

    Returns ``(assignment, invitation)``; the invitation is ``None`` when the person already
    had an account, ``Invitation(sent=False, address="")`` when they have no e-mail address.

    Raises:
        PermissionDenied: ``by`` may not assign this role on this unit.
        ValidationError: wrong unit level for the role, duplicate assignment, a missing or
            taken username (Russian messages, field-level).
    """
    if role not in assignable_roles(by, org_unit):
        raise PermissionDenied("Вы не можете назначать эту роль в этой организации.")
    invitation, created = None, False
    user = person.user
    if user is None:
        username = (username or "").strip()
        if not username:
            raise ValidationError({"username": "У работника нет учётной записи: укажите логин для неё."})
        if not _USERNAME_RE.match(username):
            raise ValidationError({"username": "Логин: от 3 до 150 латинских букв, цифр и знаков . _ @ + -."})
        user_model = get_user_model()
        if user_model.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": "Такой логин уже занят."})
        user = user_model.objects.create_user(
            username=username,
            password=None,  # unusable until the owner sets theirs from the invitation
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
        )
        person.user = user
        person.save(update_fields=["user"])
        created = True
    assignment = RoleAssignment(user=user, org_unit=org_unit, role=role)
    assignment.full_clean()
    assignment.save()
    clear_scope_cache(user)
    if created:
        invitation = invitation_send(user=user, site=site)
    return assignment, invitation


@transaction.atomic
def role_invitation_send(*, by, assignment: RoleAssignment, site: str = "") -> Invitation:
    """Send again the invitation to set a password to the account of ``assignment``, one that
    has no password yet. The address is the person's current one (their card), copied to the
    account first.

    Raises:
        PermissionDenied: ``by`` may not manage this role on this unit.
        ValidationError: the account already has its password (Russian message).
    """
    if assignment.role not in assignable_roles(by, assignment.org_unit):
        raise PermissionDenied("Вы не можете отправлять приглашения для этой роли.")
    user = assignment.user
    if user.has_usable_password():
        raise ValidationError(
            "Пароль уже задан: приглашение не нужно. Забытый пароль восстанавливается по почте."
        )
    person = getattr(user, "person", None)
    if person is not None and person.email and person.email != user.email:
        user.email = person.email
        user.save(update_fields=["email"])
    return invitation_send(user=user, site=site)


@transaction.atomic
def role_revoke(*, by, assignment: RoleAssignment) -> None:
    """Remove a role assignment.

    No role assigns itself (``ASSIGNABLE_ROLES``), so whoever may revoke an assignment keeps the
    role that lets them do it, even when the assignment is their own.

    Raises:
        PermissionDenied: ``by`` may not manage this role on this unit.
    """
    if assignment.role not in assignable_roles(by, assignment.org_unit):
        raise PermissionDenied("Вы не можете снять эту роль.")
    assignment.delete()
    clear_scope_cache(assignment.user)
