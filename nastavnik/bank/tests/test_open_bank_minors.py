"""The signed-in open bank of mentors never shows a minor learner, and a minor's card cannot be
published (issue 20; seed 002 §10: nothing about a minor leaves the organization)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.bank.choices import ConsentPurpose, MentorStatus
from nastavnik.bank.models import MentorProfile, PersonalDataConsent
from nastavnik.bank.open_bank_selectors import open_bank_mentors
from nastavnik.bank.services import mentor_publication_set
from nastavnik.people.models import Employment
from nastavnik.testing.minors import MINOR, learner_person

pytestmark = pytest.mark.django_db


def published_minor_mentor(world):
    """A pupil of 16 of school A who also works there, with a consent naming the open bank and
    the publication, and her card of mentor published in the database (as an old row would be)."""
    person, _learner = learner_person(world.school_a, MINOR, age=16, sex="F", grade="10 А")
    PersonalDataConsent.objects.create(
        person=person,
        purposes=[ConsentPurpose.MENTORING_RECORD, ConsentPurpose.OPEN_BANK, ConsentPurpose.PUBLICATION],
        given_on=timezone.localdate(),
    )
    Employment.objects.create(person=person, organization=world.school_a, job_title="вожатая")
    profile = MentorProfile.objects.create(
        person=person,
        organization=world.school_a,
        status=MentorStatus.ACTIVE,
        consent_given_on=timezone.localdate(),
        publish_in_open_bank=True,
    )
    return person, profile


def test_the_open_bank_leaves_a_published_minor_out(world):
    minor, profile = published_minor_mentor(world)

    assert not open_bank_mentors().filter(pk=profile.pk).exists()
    assert minor.last_name not in _open_bank_page(world, "coordinator")


def test_a_minor_cannot_be_published_in_the_open_bank(world):
    _minor, profile = published_minor_mentor(world)
    MentorProfile.objects.filter(pk=profile.pk).update(publish_in_open_bank=False)
    profile.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        mentor_publication_set(profile=profile, publish=True, public_fields=[], by=world.users["curator_a"])
    assert "несовершеннолетнем" in str(error.value)
    profile.refresh_from_db()
    assert profile.publish_in_open_bank is False


def _open_bank_page(world, persona: str) -> str:
    from django.test import Client

    client = Client()
    client.force_login(world.users[persona])
    response = client.get("/bank/open/")
    assert response.status_code == 200
    return response.content.decode()
