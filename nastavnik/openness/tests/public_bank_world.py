"""Public mentors for the tests of the public open bank (issue 19, item 2): a mentor of an
organization brought into the open bank through the bank's services, with or without the consent
to distribution (``ConsentPurpose.PUBLICATION``, 152-ФЗ art. 10.1)."""

from __future__ import annotations

import datetime as dt

from nastavnik.bank.choices import PUBLIC_FIELDS, ConsentPurpose, MentorStatus
from nastavnik.bank.models import MentorProfile
from nastavnik.bank.services import (
    mentor_profile_create,
    mentor_publication_set,
    mentor_status_change,
    pd_consent_record,
)
from nastavnik.testing import factories as f

DISTRIBUTION = (ConsentPurpose.MENTORING_RECORD, ConsentPurpose.OPEN_BANK, ConsentPurpose.PUBLICATION)
OPEN_BANK_ONLY = (ConsentPurpose.MENTORING_RECORD, ConsentPurpose.OPEN_BANK)


def open_bank_mentor(
    organization,
    last_name: str,
    *,
    purposes=DISTRIBUTION,
    fields=tuple(PUBLIC_FIELDS),
    subjects=(),
    forms=(),
    competences=None,
    **person_fields,
) -> MentorProfile:
    """An active mentor of ``organization`` published in the open bank with ``fields``, whose
    valid consent names ``purposes`` (by default the distribution too: a public mentor)."""
    person = f.staff_member(organization, last_name=last_name, consent=False, **person_fields)
    pd_consent_record(person=person, purposes=list(purposes), given_on=dt.date(2025, 1, 10))
    profile = mentor_profile_create(
        person=person,
        organization=organization,
        competences=competences or {},
        subjects=list(subjects),
        forms=list(forms),
        consent_given_on=dt.date(2025, 1, 10),
    )
    for step in (MentorStatus.SELECTED, MentorStatus.TRAINED, MentorStatus.ACTIVE):
        mentor_status_change(profile=profile, to_status=step)
    mentor_publication_set(profile=profile, publish=True, public_fields=list(fields))
    return profile
