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

from dataclasses import dataclass, field

from django.db.models import Q

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope
from nastavnik.organizations.choices import Level
from nastavnik.roadmaps.choices import RoadmapStatus

_LEVELS = (Level.ORGANIZATION, Level.MUNICIPALITY, Level.REGION)


def needs_submission(level: str) -> bool:
    """Whether a roadmap of ``level`` is submitted to the level above (an organization's is)."""
    return level == Level.ORGANIZATION


def approving_unit(owner):
    """The unit that approves the roadmap of ``owner`` (an ``OrgUnit``): the owner's parent for
    an organization (its municipality, or the region), the owner itself otherwise."""
    if owner.level == Level.ORGANIZATION:
        return owner.parent
    return owner


def keep_q(unit_ids) -> Q:
    """Roadmaps kept on ``unit_ids`` (the units themselves: the keepers' roles sit on the level
    they keep, ``access.choices.ROLE_UNIT_LEVELS``)."""
    return Q(owner_id__in=unit_ids)


def approve_q(unit_ids) -> Q:
    """Roadmaps whose approving unit (:func:`approving_unit`) is among ``unit_ids``: the
    organizations' roadmaps of those units' organizations, and the units' own roadmaps above
    the organization level."""
    ids = list(unit_ids)
    return Q(level=Level.ORGANIZATION, owner__parent_id__in=ids) | (
        ~Q(level=Level.ORGANIZATION) & Q(owner_id__in=ids)
    )


def scope_condition(scope, action: str) -> Q:
    """The roadmaps the holder of ``scope`` may ``action`` (beyond ``view``, which
    ``Roadmap.scope_filter`` answers itself): ``approve`` and ``return`` through the approving
    unit, ``comment`` as a keeper or an approver, every other step as a keeper of the owner."""
    if action in (Action.APPROVE, Action.RETURN):
        return approve_q(scope.unit_ids("roadmap", action))
    if action == Action.COMMENT:
        return keep_q(scope.unit_ids("roadmap", Action.CHANGE)) | approve_q(
            scope.unit_ids("roadmap", Action.APPROVE)
        )
    return keep_q(scope.unit_ids("roadmap", action))


@dataclass(frozen=True)
class RoadmapRights:
    """What one user may do with one roadmap found in their view scope (``view``): ``edit`` the
    plan and its header, ``report`` the execution (item status, evidence), ``approve`` (and
    return), ``comment``."""

    view: bool = True
    edit: bool = False
    report: bool = False
    approve: bool = False
    comment: bool = False


def can_keep(user, owner) -> bool:
    """Whether ``user`` keeps the roadmaps of ``owner`` (an ``OrgUnit``): a superuser, or a holder
    of the ``roadmap`` ``change`` right on the owner itself."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or owner.pk in get_scope(user).unit_ids("roadmap", Action.CHANGE)


def can_approve(user, owner) -> bool:
    """Whether ``user`` approves the roadmaps of ``owner``: a superuser, or a holder of the
    ``roadmap`` ``approve`` right on the approving unit (:func:`approving_unit`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    unit = approving_unit(owner)
    return unit is not None and unit.pk in get_scope(user).unit_ids("roadmap", Action.APPROVE)


def roadmap_rights(user, roadmap) -> RoadmapRights:
    """The rights of ``user`` over ``roadmap`` (which the caller has already found in the
    user's scope), read from ``access.rules.has_perm``; the plan is editable only in the
    statuses of ``choices.EDITABLE_STATUSES``."""
    keep = has_perm(user, "roadmap", Action.CHANGE, roadmap)
    approve = has_perm(user, "roadmap", Action.APPROVE, roadmap)
    return RoadmapRights(
        edit=keep and roadmap.is_editable, report=keep, approve=approve, comment=keep or approve
    )


# The workflow: declared once, read by the services (to check and apply a step), by the page (the
# buttons and why one is missing) and by the rights (each step is a ``PERMISSIONS`` action).


@dataclass(frozen=True)
class Transition:
    """One step of the roadmap workflow.

    ``action``: its key, which is also the ``access.choices.Action`` the user needs over the
    roadmap; ``sources``: level → the statuses it starts from (a level absent: the step does not
    exist for roadmaps of that level); ``target``: the status it leads to; ``refusal``: why it is
    refused in a status it does not start from; ``summary``: the history's line; the rest are
    the page's texts (the button, its Bootstrap style, the explanation, the message after it,
    whether a comment is required and its label)."""

    action: str
    sources: dict[str, tuple[str, ...]]
    target: str
    summary: str
    refusal: str
    button: str
    style: str
    explanation: str
    done: str
    comment: bool = False
    label: str = ""
    level_refusal: str = ""
    extra: dict = field(default_factory=dict)

    def applies_to(self, level: str) -> bool:
        """Whether the step exists for a roadmap of ``level``."""
        return level in self.sources

    def starts_from(self, roadmap) -> bool:
        """Whether ``roadmap`` is in a status (of its level) the step starts from."""
        return roadmap.status in self.sources.get(roadmap.level, ())

    def refusal_for(self, roadmap) -> str:
        """Why ``roadmap`` cannot take the step because of its level or status ("" when it can)."""
        if not self.applies_to(roadmap.level):
            return self.level_refusal
        if not self.starts_from(roadmap):
            return self.refusal
        return ""


def _every(*statuses: str) -> dict[str, tuple[str, ...]]:
    return {level: statuses for level in _LEVELS}


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            action=Action.SUBMIT,
            sources={Level.ORGANIZATION: (RoadmapStatus.DRAFT, RoadmapStatus.RETURNED)},
            target=RoadmapStatus.SUBMITTED,
            summary="Направлена на согласование",
            refusal="Направить на согласование можно только проект или дорожную карту, возвращённую на доработку.",
            level_refusal="Дорожная карта муниципалитета или региона утверждается без согласования.",
            button="Направить на согласование",
            style="primary",
            explanation="Дорожная карта уйдёт на согласование в муниципалитет; пока она там, план не меняется.",
            done="Дорожная карта направлена на согласование.",
        ),
        Transition(
            action=Action.WITHDRAW,
            sources={Level.ORGANIZATION: (RoadmapStatus.SUBMITTED,)},
            target=RoadmapStatus.DRAFT,
            summary="Отозвана с согласования",
            refusal="Отозвать можно только дорожную карту, направленную на согласование.",
            level_refusal="Отозвать можно только дорожную карту, направленную на согласование.",
            button="Отозвать с согласования",
            style="outline-secondary",
            explanation="Дорожная карта снова станет проектом; чтобы её утвердили, направьте её заново.",
            done="Дорожная карта отозвана с согласования.",
        ),
        Transition(
            action=Action.RETURN,
            sources={Level.ORGANIZATION: (RoadmapStatus.SUBMITTED,)},
            target=RoadmapStatus.RETURNED,
            summary="Возвращена на доработку",
            refusal="Вернуть на доработку можно только дорожную карту на согласовании.",
            level_refusal="Вернуть на доработку можно только дорожную карту на согласовании.",
            button="Вернуть на доработку",
            style="warning",
            comment=True,
            label="Что нужно доработать",
            explanation="Организация увидит ваш комментарий, исправит дорожную карту и направит её снова.",
            done="Дорожная карта возвращена на доработку.",
        ),
        Transition(
            action=Action.APPROVE,
            sources={
                Level.ORGANIZATION: (RoadmapStatus.SUBMITTED,),
                Level.MUNICIPALITY: (RoadmapStatus.DRAFT, RoadmapStatus.RETURNED),
                Level.REGION: (RoadmapStatus.DRAFT, RoadmapStatus.RETURNED),
            },
            target=RoadmapStatus.APPROVED,
            summary="Утверждена",
            refusal="Дорожная карта организации утверждается после того, как она направлена на согласование.",
            button="Утвердить",
            style="success",
            explanation="Утверждённая дорожная карта исполняется и контролируется; изменить план можно, только открыв её для изменений.",
            done="Дорожная карта утверждена.",
        ),
        Transition(
            action=Action.REOPEN,
            sources=_every(RoadmapStatus.APPROVED),
            target=RoadmapStatus.DRAFT,
            summary="Открыта для внесения изменений",
            refusal="Вносить изменения через этот шаг можно только в утверждённую дорожную карту.",
            button="Внести изменения",
            style="outline-secondary",
            comment=True,
            label="Какие изменения вносятся и почему",
            explanation="Дорожная карта станет проектом и должна быть утверждена заново. Отметки об исполнении сохранятся.",
            done="Дорожная карта открыта для изменений.",
        ),
    )
}


def transition_refusal(user, roadmap, action: str) -> str:
    """Why ``user`` cannot take the step ``action`` on ``roadmap``, in Russian; "" when they can
    (``user=None``: the system, whose rights are not checked). Order: the right
    (``access.rules.has_perm``), then the roadmap's level and status (:data:`TRANSITIONS`)."""
    transition = TRANSITIONS[action]
    if user is not None and not has_perm(user, "roadmap", action, roadmap):
        return "Нет прав на это действие."
    return transition.refusal_for(roadmap)


def available_transitions(user, roadmap) -> list[Transition]:
    """The steps ``user`` may take on ``roadmap`` now, in the order of :data:`TRANSITIONS`."""
    return [t for t in TRANSITIONS.values() if not transition_refusal(user, roadmap, t.action)]
