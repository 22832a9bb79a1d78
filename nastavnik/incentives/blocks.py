"""The incentives on the mentor's card in the bank (issue 19 item 6): the block «Поощрение и
эффективность» — the mentor's effectiveness criteria (for those who hold
``mentoreffectiveness``), awards and current payments the user sees, and the links to record an
award, a payment or a nomination. The bank reads registered blocks (``core.blocks``) and does not
import incentives."""

from __future__ import annotations

from django.utils import timezone


def mentor_card_block(*, user, person) -> dict:
    """``{"incentives_card": {...}}`` for ``person``'s mentor card seen by ``user``: ``effect``
    (a ``MentorEffectiveness`` or ``None``), ``awards``, ``payments`` (current ones), ``profile``,
    and the rights ``can_add_award``, ``can_add_payment``, ``can_nominate``. Eleven queries at
    most."""
    from nastavnik.access.rules import has_perm
    from nastavnik.bank.models import MentorProfile
    from nastavnik.incentives.models import Award, IncentivePayment
    from nastavnik.incentives.selectors.effectiveness import effectiveness, mentor_profiles

    profile = mentor_profiles(user).filter(person=person).first()
    own = MentorProfile.objects.filter(person=person).select_related("organization").first()
    return {
        "incentives_card": {
            "profile": own,
            "effect": effectiveness([profile])[0] if profile is not None else None,
            "awards": list(Award.objects.for_user(user).filter(person=person).select_related("kind")[:20]),
            "payments": list(
                IncentivePayment.objects.for_user(user)
                .filter(person=person)
                .current(timezone.localdate())
                .select_related("document")
            ),
            "can_add_award": own is not None and has_perm(user, "award", "add", own.organization),
            "can_add_payment": own is not None
            and has_perm(user, "incentivepayment", "add", own.organization),
            "can_nominate": own is not None and has_perm(user, "nomination", "add", own.organization),
        }
    }


def register() -> None:
    """Register the block on the mentor's card (``core.blocks.register_block``)."""
    from nastavnik.core.blocks import register_block

    register_block("mentor_card", "incentives", mentor_card_block)
