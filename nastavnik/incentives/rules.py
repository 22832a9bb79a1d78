"""Who reaches the incentives of mentors (issue 19 item 6; seed 000 §3.4, 001 §6, 004 §5). The
rights are rows of ``access.choices.PERMISSIONS`` (``incentivepayment``, ``award``,
``nomination``, ``mentoreffectiveness``); this module narrows them to rows, once, for the
models' ``scope_filter``:

* payments and awards (:func:`person_rows_q`): the head and the curator of the organization keep
  them; those above see the rows of their subtree, of people with a valid consent to
  personal-data processing only (``development.rules.teacher_rows_q``); everybody sees their own
  (a mentor their payments and awards);
* nominations (:func:`nomination_q`): the organization drafts, edits and sends them; the
  municipal coordinator sees those sent to the municipality, supports and forwards them to the
  region, returns them or decides a municipal award; the regional operator sees those forwarded
  to the region and decides them or returns them. Each step only in the status it belongs to.
"""

from __future__ import annotations

from django.db.models import Q

from nastavnik.access.choices import CONSENT_EXEMPT_ROLES, Role
from nastavnik.access.querysets import NOTHING, paths_q
from nastavnik.incentives.choices import EDITABLE_STATUSES, AwardLevel, NominationStatus

#: The actions a person takes on their own rows, per model key: they read them.
SELF_ACTIONS: dict[str, frozenset[str]] = {
    "incentivepayment": frozenset({"view"}),
    "award": frozenset({"view"}),
}

_MUNICIPAL = frozenset({Role.MUNICIPAL_COORDINATOR})
_REGIONAL = frozenset({Role.REGIONAL_OPERATOR})


def person_rows_q(scope, model: str, action: str) -> Q:
    """``Q`` over the payments or awards (``model``) ``scope``'s user may ``action``: those of the
    organizations of their subtrees (the roles above the curator and the head: of consented
    people only) and, for :data:`SELF_ACTIONS`, their own."""
    from nastavnik.development.rules import teacher_rows_q

    condition = teacher_rows_q(scope, model, action)
    if scope.person_id and action in SELF_ACTIONS.get(model, ()):
        condition |= Q(person_id=scope.person_id)
    return condition


def _consented(condition: Q) -> Q:
    from nastavnik.people.consent import consented_q

    return condition & consented_q("person_id")


def nomination_q(scope, action: str) -> Q:
    """``Q`` over the nominations ``scope``'s user may ``action`` (see the module)."""
    keepers = paths_q("organization__path", scope.paths("nomination", action, roles=CONSENT_EXEMPT_ROLES))
    municipal = paths_q("organization__path", scope.paths("nomination", action, roles=_MUNICIPAL))
    regional = paths_q("organization__path", scope.paths("nomination", action, roles=_REGIONAL))
    sent = ~Q(status__in=[NominationStatus.DRAFT, NominationStatus.WITHDRAWN])
    at_municipality = Q(status=NominationStatus.SUBMITTED)
    at_region = Q(status=NominationStatus.SUPPORTED)
    if action == "view":
        # the region sees what reached it (forwarded, then decided or returned by it)
        reached_region = ~Q(level=AwardLevel.MUNICIPAL) & (
            Q(status=NominationStatus.SUPPORTED) | Q(supported_on__isnull=False)
        )
        return keepers | _consented(municipal & sent) | _consented(regional & reached_region)
    if action in ("change", "withdraw"):
        editable = Q(status__in=sorted(EDITABLE_STATUSES))
        if action == "withdraw":
            editable |= at_municipality
        return keepers & editable
    if action == "submit":
        forward = at_municipality & ~Q(level=AwardLevel.MUNICIPAL)
        return (keepers & Q(status__in=sorted(EDITABLE_STATUSES))) | _consented(municipal & forward)
    if action == "return":
        return _consented(municipal & at_municipality) | _consented(regional & at_region)
    if action == "approve":
        decide_here = at_municipality & Q(level=AwardLevel.MUNICIPAL)
        return _consented(municipal & decide_here) | _consented(regional & at_region)
    if action == "add":
        return keepers
    return NOTHING
