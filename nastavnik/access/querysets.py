"""The one place where scope is applied to a queryset (style: NetBox ``RestrictedQuerySet``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

NOTHING = Q(pk__in=[])


class ScopedQuerySet(models.QuerySet):
    """A queryset that can be narrowed to what a user may see or change.

    Subclasses set ``scope_model`` (a key of ``access.choices.PERMISSIONS``); the model
    implements ``scope_filter(scope, action) -> Q``.
    """

    scope_model: str = ""

    def for_user(self, user, action: str = "view") -> ScopedQuerySet:
        """Rows ``user`` may act on with ``action`` ("view", "add", "change").

        Anonymous users get nothing; superusers get everything; everyone else gets the
        union of their role assignments' subtrees plus what their own person links to.
        """
        from nastavnik.access.scope import get_scope

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        scope = get_scope(user)
        condition = self.model.scope_filter(scope, action)
        return self.filter(condition)

    def for_export(self) -> ScopedQuerySet:
        """The rows of this (already scoped) queryset that may leave the system in a file.

        All of them by default; models about people narrow it to those with a valid consent to
        personal-data processing (152-ФЗ art. 9), see ``PersonQuerySet`` and the bank profiles.
        """
        return self


def paths_q(field: str, paths: list[str]) -> Q:
    """``Q`` matching rows whose ``field`` starts with any of ``paths``; nothing when empty."""
    if not paths:
        return NOTHING
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition
