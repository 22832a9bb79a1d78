"""The bank block of the home page (registered in ``BankConfig.ready`` with
``core.home.register_home_block``): for the curator and the head, their organization's bank
confirmation status and the teachers who should be considered as mentees (seed 000 §4.1.2)."""

from __future__ import annotations

from dataclasses import dataclass

from nastavnik.access.choices import Action
from nastavnik.core.home import HomeRequest
from nastavnik.organizations.models import OrgUnit


@dataclass(frozen=True)
class BankCard:
    organization: OrgUnit
    status: object  # bank.selectors.ConfirmationStatus
    candidates: list
    candidates_count: int
    can_confirm: bool


def home_banks(request: HomeRequest) -> dict:
    """``{"banks": [BankCard]}``: one card per organization where the user keeps the bank (the
    ``person`` ``add`` right held on it); ``can_confirm`` where they hold the ``bank``
    ``confirm`` right (the curator). Empty for a superuser."""
    from nastavnik.bank.selectors import bank_confirmation_status, candidate_reasons, mentee_candidates

    scope = request.scope
    if scope is None:
        return {"banks": []}
    confirming = scope.unit_ids("bank", Action.CONFIRM)
    cards = []
    for unit in OrgUnit.objects.filter(pk__in=scope.unit_ids("person", Action.ADD)).organizations():
        candidates = mentee_candidates(unit).order_by("last_name", "first_name")
        shown = list(candidates[:10])
        for person in shown:
            person.reasons = candidate_reasons(person)
        cards.append(
            BankCard(
                organization=unit,
                status=bank_confirmation_status(unit),
                candidates=shown,
                candidates_count=candidates.count(),
                can_confirm=unit.pk in confirming,
            )
        )
    return {"banks": cards}
