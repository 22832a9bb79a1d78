"""What a user may reach: their role assignments resolved over the unit tree.

The result is computed once per request (cached on the user object) and consumed by
``ScopedQuerySet.for_user``. Rules: seed 000 §4 (who acts at which level), 001 §4.4.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from nastavnik.access.choices import CONSENT_EXEMPT_ROLES, PERMISSIONS
from nastavnik.access.querysets import paths_q

_CACHE_ATTR = "_nastavnik_scope"


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    unit_path: str
    unit_level: str


@dataclass(frozen=True)
class UserScope:
    """The resolved scope of one user.

    ``grants``: every (role, unit) the user holds; ``person_id``: the user's own person,
    or ``None``. Mentor and mentee grants reach only the user's own person and pairs.
    """

    user_id: int
    grants: tuple[Grant, ...] = ()
    person_id: int | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    def paths(self, model: str, action: str, *, roles: frozenset[str] | None = None) -> list[str]:
        """Unit paths whose subtrees the user may act on for ``model`` with ``action``
        (only through ``roles`` when given)."""
        allowed = PERMISSIONS.get(model, {}).get(action, frozenset())
        if roles is not None:
            allowed = allowed & roles
        return _minimal([g.unit_path for g in self.grants if g.role in allowed])

    def consent_paths(self, model: str, action: str) -> tuple[list[str], list[str]]:
        """``(exempt, bound)`` unit paths for ``model`` and ``action``: under ``exempt`` the user
        reaches people whether or not they consented to personal-data processing (the curator
        and the head, who collect the consents); under ``bound`` only those who did
        (152-ФЗ art. 9)."""
        exempt = self.paths(model, action, roles=CONSENT_EXEMPT_ROLES)
        bound = self.paths(model, action, roles=frozenset(self.roles) - CONSENT_EXEMPT_ROLES)
        return exempt, bound

    def unit_ids(
        self, model: str | None = None, action: str | None = None, *, roles: frozenset[str] | None = None
    ) -> set[int]:
        """Ids of the units on which the user holds a role granting ``action`` on ``model``
        (``PERMISSIONS``), only through ``roles`` when given; with no ``model``, the units on
        which the user holds any of ``roles``. The units themselves, not their subtrees (those
        are :meth:`paths` and :meth:`units_q`): «the organizations where I am the curator», «the
        units whose roadmaps I keep». The one answer to «units where the user may do X»."""
        if model is None:
            allowed = frozenset(roles or ())
        else:
            allowed = PERMISSIONS.get(model, {}).get(action, frozenset())
            if roles is not None:
                allowed = allowed & roles
        return {g.unit_id for g in self.grants if g.role in allowed}

    def units_q(self, model: str, action: str, field: str = "path") -> Q:
        """``Q`` over the rows whose unit path ``field`` lies in the subtrees where the user may
        act on ``model`` with ``action`` (nothing when nowhere): the subtree twin of
        :meth:`unit_ids`, e.g. ``OrgUnit.objects.filter(scope.units_q("pair", "add"))``."""
        return paths_q(field, self.paths(model, action))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


def _minimal(paths: list[str]) -> list[str]:
    """Drop paths covered by a shorter path in the list (fewer OR branches in SQL)."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(p) for p in result):
            result.append(path)
    return result


def get_scope(user) -> UserScope:
    """Resolve (once per user object) the grants of ``user``. Two queries at most."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from nastavnik.access.models import RoleAssignment

    rows = RoleAssignment.objects.filter(user=user).values_list(
        "role", "org_unit_id", "org_unit__path", "org_unit__level"
    )
    grants = tuple(Grant(*row) for row in rows)
    # The user's person through the reverse relation (``people.Person.user``, related name
    # ``person``): access stays below people and imports none of its models.
    person_id = (
        user.__class__._default_manager.filter(pk=user.pk).values_list("person__pk", flat=True).first()
    )
    scope = UserScope(
        user_id=user.pk, grants=grants, person_id=person_id, roles=frozenset(g.role for g in grants)
    )
    setattr(user, _CACHE_ATTR, scope)
    return scope


def clear_scope_cache(user) -> None:
    """Forget the cached scope (after role changes within the same request or test)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def user_can(user, model: str, action: str) -> bool:
    """Whether ``user`` holds any role granting ``action`` on ``model`` somewhere
    (``access.rules.has_perm`` without an object)."""
    from nastavnik.access.rules import has_perm

    return has_perm(user, model, action)
