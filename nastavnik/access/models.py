"""Roles as rows: a user holds a role on an organization unit (style: Healthchecks ``Member``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from nastavnik.access.choices import ASSIGNABLE_ROLES, PERMISSIONS, ROLE_UNIT_LEVELS, Role
from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.core.users import user_name
from nastavnik.organizations.choices import Level


class RoleAssignmentQuerySet(ScopedQuerySet):
    scope_model = "roleassignment"


class RoleAssignment(models.Model):
    """``user`` holds ``role`` on ``org_unit``; the unit and everything under it is the scope.

    The levels a role may sit on are in ``access.choices.ROLE_UNIT_LEVELS``
    (seed 000 §4.1–4.3, 001 §4.4, 004 §1.3).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    org_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организационная единица",
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField("роль", max_length=32, choices=Role.choices)
    created_at = models.DateTimeField("назначено", auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "назначение роли"
        verbose_name_plural = "назначения ролей"
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "org_unit", "role"],
                name="roleassignment_unique",
                violation_error_message="Эта роль на этой единице у пользователя уже есть.",
            )
        ]

    def __str__(self) -> str:
        return f"{user_name(self.user)} — {self.get_role_display()} ({self.org_unit})"

    def clean(self) -> None:
        super().clean()
        if self.org_unit_id and self.role:
            allowed = ROLE_UNIT_LEVELS.get(self.role, ())
            if self.org_unit.level not in allowed:
                levels = ", ".join(Level(level).label.lower() for level in allowed)
                raise ValidationError(
                    {"org_unit": f"Роль «{self.get_role_display()}» назначается только на уровне: {levels}."}
                )

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Assignments on the units of the user's subtrees for viewing; for any other action only
        those of a role the user's grant may assign (``ASSIGNABLE_ROLES``): the coordinator of the
        ЦНППМ revokes and invites tutors, never the mentors of the region (issue 18)."""
        if action == "view":
            return paths_q("org_unit__path", scope.paths("roleassignment", action))
        allowed = PERMISSIONS.get("roleassignment", {}).get(action, frozenset())
        condition = Q(pk__in=[])
        for grant in scope.grants:
            roles = ASSIGNABLE_ROLES.get(grant.role, frozenset())
            if grant.role in allowed and roles:
                condition |= Q(org_unit__path__startswith=grant.unit_path, role__in=sorted(roles))
        return condition
