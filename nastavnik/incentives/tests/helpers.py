"""Helpers of the incentives' tests: the mentor card of the persona world's mentor and a kind of
award by its code."""

from __future__ import annotations

from nastavnik.reference.models import AwardKind


def mentor_card(person, organization):
    """``person``'s card in ``organization``'s bank of mentors (made by the system)."""
    from nastavnik.bank.models import MentorProfile
    from nastavnik.bank.services import mentor_profile_create

    existing = MentorProfile.objects.filter(person=person).first()
    return existing or mentor_profile_create(person=person, organization=organization)


def kind(code: str) -> AwardKind:
    return AwardKind.objects.get(code=code)
