"""Who does what with a roadmap, by level (seed 000 §4.2, 002 §6, 001 §4.4.3–4.4.4).

- The owner's managers draft and keep it: the curator and the head for an organization
  (001 §4.4.4: the curator drafts, §4.4.3: the head approves it inside the organization), the
  municipal coordinator for a municipality, the regional operator for the region.
- An organization submits its roadmap to the level above: its municipality (002 §6, 000 §4.2:
  «согласовывает дорожные карты… разработанные образовательными организациями»), or the region
  for an organization of regional subordination. The approver approves it or returns it with
  remarks.
- A municipality and the region approve their own roadmaps (000 App. 2 п. 1.2, 1.4).
- Everyone above sees everything below (000 App. 2 п. 1.7: control).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from nastavnik.access.choices import Role
from nastavnik.access.scope import get_scope
from nastavnik.organizations.choices import Level

#: The roles that keep the roadmap of a unit of each level.
EDITOR_ROLES: dict[str, frozenset[str]] = {
    Level.ORGANIZATION: frozenset({Role.HEAD, Role.CURATOR}),
    Level.MUNICIPALITY: frozenset({Role.MUNICIPAL_COORDINATOR}),
    Level.REGION: frozenset({Role.REGIONAL_OPERATOR}),
}

#: The roles that approve, on the approving unit of each level.
APPROVER_ROLES: dict[str, frozenset[str]] = {
    Level.MUNICIPALITY: frozenset({Role.MUNICIPAL_COORDINATOR}),
    Level.REGION: frozenset({Role.REGIONAL_OPERATOR}),
}


def needs_submission(level: str) -> bool:
    """Whether a roadmap of ``level`` is submitted to the level above (an organization's is)."""
    return level == Level.ORGANIZATION


def approving_unit(owner):
    """The unit that approves the roadmap of ``owner`` (an ``OrgUnit``): the owner's parent for
    an organization (its municipality, or the region), the owner itself otherwise."""
    if owner.level == Level.ORGANIZATION:
        return owner.parent
    return owner


@dataclass(frozen=True)
class RoadmapRights:
    """What one user may do with one roadmap found in their view scope (``view``): ``edit`` the plan and its header, ``report`` the
    execution (item status, evidence), ``approve`` (and return), ``comment``."""

    view: bool = True
    edit: bool = False
    report: bool = False
    approve: bool = False
    comment: bool = False


def kept_unit_ids(scope) -> set[int]:
    """Ids of the units whose roadmaps the holder of ``scope`` (a ``UserScope``) keeps: those
    where they hold an ``EDITOR_ROLES`` role of the unit's level."""
    return {g.unit_id for g in scope.grants if g.role in EDITOR_ROLES.get(g.unit_level, frozenset())}


def can_keep(user, owner) -> bool:
    """Whether ``user`` keeps the roadmaps of ``owner``: a superuser, or a holder of an
    ``EDITOR_ROLES`` role on the owner itself."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or owner.pk in kept_unit_ids(get_scope(user))


def can_approve(user, owner) -> bool:
    """Whether ``user`` approves the roadmaps of ``owner``: a superuser, or a holder of an
    ``APPROVER_ROLES`` role on the approving unit or above it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    unit = approving_unit(owner)
    if unit is None:
        return False
    roles = APPROVER_ROLES.get(unit.level, frozenset())
    return any(g.role in roles and unit.path.startswith(g.unit_path) for g in get_scope(user).grants)


def approvable_q(scope) -> Q | None:
    """The organizations' roadmaps the holder of ``scope`` approves, as a condition on
    ``Roadmap`` (the query twin of :func:`can_approve`: the owner's parent — its approving unit —
    in the subtree of a grant of an ``APPROVER_ROLES`` role of that unit's level); ``None`` when
    the user approves none."""
    condition = None
    for grant in scope.grants:
        for level, roles in APPROVER_ROLES.items():
            if grant.role in roles:
                part = Q(
                    level=Level.ORGANIZATION,
                    owner__parent__level=level,
                    owner__parent__path__startswith=grant.unit_path,
                )
                condition = part if condition is None else condition | part
    return condition


def roadmap_rights(user, roadmap) -> RoadmapRights:
    """The rights of ``user`` over ``roadmap`` (which the caller has already found in the
    user's scope)."""
    keep = can_keep(user, roadmap.owner)
    approve = can_approve(user, roadmap.owner)
    return RoadmapRights(
        edit=keep and roadmap.is_editable, report=keep, approve=approve, comment=keep or approve
    )
