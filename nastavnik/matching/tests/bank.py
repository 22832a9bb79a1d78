"""Helpers of the matching tests: put people into the bank through the bank's services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nastavnik.bank.choices import ConsentPurpose, MentorStatus
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.bank.services import (
    deficit_add,
    mentee_profile_create,
    mentor_profile_create,
    mentor_publication_set,
    mentor_status_change,
)
from nastavnik.development.choices import DeficitSource
from nastavnik.reference.models import CompetenceArea, MenteeCategory, MentoringKind


def signed_on() -> dt.date:
    """The date of the cards' consents and diagnoses: 200 days ago in the region, read when a card
    is made (never at import: a suite started before local midnight would carry yesterday)."""
    return timezone.localdate() - dt.timedelta(days=200)


#: ``consent_given_on`` not given: :func:`signed_on` (``None`` means no consent).
_SIGNED = object()


def area(code: str) -> CompetenceArea:
    return CompetenceArea.objects.get(code=code)


def active_mentor(person, organization, *, levels: dict[str, int] | None = None, kinds=(), **fields):
    """An active mentor with the written consent, competences ``{area code: level}`` and kinds
    (codes); ``fields`` go to the profile (``capacity`` …)."""
    competences = {area(code): level for code, level in (levels or {"methodical": 4}).items()}
    fields.setdefault("consent_given_on", signed_on())
    profile = mentor_profile_create(
        person=person,
        organization=organization,
        competences=competences,
        kinds=list(MentoringKind.objects.filter(code__in=kinds)),
        **fields,
    )
    for status in (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE):
        mentor_status_change(profile=profile, to_status=status)
    return profile


def mentee(person, organization, *, difficulties=("methodical",), consent_given_on=_SIGNED):
    """A mentee with diagnosed difficulties in the areas ``difficulties`` (codes), the consent
    given ``consent_given_on`` (by default :func:`signed_on`; ``None``: no consent)."""
    signed = signed_on()
    if consent_given_on is _SIGNED:
        consent_given_on = signed
    profile = mentee_profile_create(
        person=person,
        organization=organization,
        categories=[MenteeCategory.objects.get(code="young_teacher")],
        consent_given_on=consent_given_on,
    )
    for code in difficulties:
        deficit_add(mentee=profile, area=area(code), source=DeficitSource.SELF_DIAGNOSIS, diagnosed_on=signed)
    return profile


def published(profile):
    """Publish the mentor ``profile`` in the open bank of mentors (seed 001 §7.1.1): the consent
    to personal-data processing gets the purpose «открытый банк», then the bank's service."""
    for consent in PersonalDataConsent.objects.filter(person_id=profile.person_id, withdrawn_on__isnull=True):
        consent.purposes = sorted({*consent.purposes, ConsentPurpose.OPEN_BANK})
        consent.save(update_fields=["purposes"])
    return mentor_publication_set(profile=profile, publish=True, public_fields=["subjects", "competences"])


def two_pair_pool(world) -> None:
    """School A's pool of two pairs: the teacher and a young colleague with a difficulty in
    digital skills as mentees, mentor_a and an experienced colleague (digital skills 5) as
    mentors."""
    from nastavnik.testing import factories as f

    young = f.staff_member(world.school_a, last_name="Юнова")
    mentee(world.teacher_a, world.school_a)
    mentee(young, world.school_a, difficulties=("ict_digital",))
    active_mentor(world.mentor_a, world.school_a)
    active_mentor(
        f.staff_member(world.school_a, last_name="Опытнова"), world.school_a, levels={"ict_digital": 5}
    )
