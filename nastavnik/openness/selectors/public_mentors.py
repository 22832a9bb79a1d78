"""The public open bank of mentors: who a visitor without sign-in may see (issue 19; seed 001
§7.1.1 «открытое наставничество», 000 §4.1.2, 003 §2.2).

A mentor is *public* — on the public open bank at ``/mentors/``, on the pages of the sections
«Наставничество» and in the sitemap — when they are in the region's open bank
(:func:`nastavnik.bank.open_bank_selectors.open_bank_mentors`: published by the mentor, trained
or acting, a valid consent, still working in the organization) **and** the purposes of their valid
consent include :attr:`~nastavnik.bank.choices.ConsentPurpose.PUBLICATION`, the consent to personal
data allowed for distribution (152-ФЗ art. 10.1). What a public card shows is the same as in the
signed-in open bank: only the fields the mentor agreed to publish.

A minor learner is never public (seed 002 §10, 152-ФЗ art. 9; issue 20), whatever their consent
and their wish to be published: a pupil mentor of peers who also works in the organization would
otherwise pass every condition above.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Contains

from nastavnik.bank.choices import ConsentPurpose
from nastavnik.bank.models import MentorProfile, PersonalDataConsent
from nastavnik.bank.open_bank_selectors import OpenBankCard, open_bank_card, open_bank_mentors
from nastavnik.people.learners import minor_learner_exists


def distribution_consent_q() -> Contains:
    """A condition on ``PersonalDataConsent`` rows: the purposes include ``PUBLICATION``.

    Matches ``"publication"`` (with its quotes) in the JSON text of ``purposes``, the same trick
    as :func:`nastavnik.bank.open_bank_selectors.published_q`, so that it works on PostgreSQL and
    SQLite alike; no other purpose value contains that quoted word.
    """
    return Contains(Cast("purposes", output_field=TextField()), f'"{ConsentPurpose.PUBLICATION.value}"')


def public_mentors(*, today: dt.date | None = None) -> QuerySet[MentorProfile]:
    """The mentors a visitor without sign-in may see: a ``MentorProfile`` queryset ordered by
    ФИО, the open bank (:func:`open_bank_mentors` on ``today``) narrowed to the profiles whose
    person's valid (not withdrawn) consent names the distribution purpose (152-ФЗ art. 10.1),
    minor learners left out (:func:`~nastavnik.people.learners.minor_learner_exists` on ``today``;
    seed 002 §10).

    Bare rows, like :func:`open_bank_mentors`: filter and count over them, then load a page of
    cards with :func:`nastavnik.bank.open_bank_selectors.open_bank_page`.
    """
    distribution = (
        PersonalDataConsent.objects.valid()
        .filter(person_id=OuterRef("person_id"))
        .filter(distribution_consent_q())
    )
    return (
        open_bank_mentors(today=today)
        .filter(Exists(distribution.values("pk")))
        .exclude(minor_learner_exists("person_id", today))
    )


def public_mentor_card(profile: MentorProfile) -> OpenBankCard:
    """The public card of ``profile`` (a row of :func:`public_mentors`): only its published
    fields (:func:`nastavnik.bank.open_bank_selectors.open_bank_card`). Makes no query when the
    card relations are joined and prefetched (``with_card_relations``)."""
    return open_bank_card(profile)
