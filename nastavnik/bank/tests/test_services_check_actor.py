"""The bank's services check their actor themselves (issue 13, «one rights model»): called for a
user without the right over the card (the mentor of school A, the curator of school B) they
raise ``PermissionDenied`` and change nothing; called for the curator of school A (or for the
system, ``by=None``) they act — the same answer the pages give (seed 000 §4.1.2)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from nastavnik.bank import services
from nastavnik.bank.choices import ConsentPurpose, MentorStatus
from nastavnik.bank.models import (
    MenteeProfile,
    MentorProfile,
    MentorStatusEvent,
    MentorTraining,
    PersonalDataConsent,
)
from nastavnik.development.choices import DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.reference.models import CompetenceArea, MenteeCategory
from nastavnik.testing import factories as f
from nastavnik.testing.actors import assert_refused_then_served

pytestmark = pytest.mark.django_db

OUTSIDERS = ("mentor_a", "curator_b")


@pytest.fixture
def cards(world):
    """A mentor's card of teacher A and a mentee's card of a newcomer, made by the system."""
    mentor = services.mentor_profile_create(person=world.teacher_a, organization=world.school_a)
    newcomer = f.staff_member(world.school_a, last_name="Новикова")
    mentee = services.mentee_profile_create(
        person=newcomer, organization=world.school_a, categories=[MenteeCategory.objects.first()]
    )
    return mentor, mentee


def _state():
    """What the services below may change, read from the database."""
    return (
        list(
            MentorProfile.objects.values_list(
                "pk", "status", "publish_in_open_bank", "public_fields", "questionnaire"
            )
        ),
        list(MenteeProfile.objects.values_list("pk", "request_text")),
        MentorStatusEvent.objects.count(),
        MentorTraining.objects.count(),
        Deficit.objects.count(),
        list(PersonalDataConsent.objects.values_list("pk", "withdrawn_on")),
    )


def _calls(world, mentor, mentee):
    """name → a function of the actor calling one service of the bank."""
    today = timezone.localdate()
    other = f.staff_member(world.school_a, last_name="Другова")
    unconsenting = f.staff_member(world.school_a, last_name="Несогласова")
    for consent in PersonalDataConsent.objects.valid().filter(person=unconsenting):
        services.pd_consent_withdraw(consent=consent, by=None)
    return {
        "pd_consent_record": lambda by: services.pd_consent_record(
            person=unconsenting, purposes=[ConsentPurpose.MENTORING_RECORD], given_on=today, by=by
        ),
        "mentor_profile_create": lambda by: services.mentor_profile_create(
            person=other, organization=world.school_a, by=by
        ),
        "mentee_profile_create": lambda by: services.mentee_profile_create(
            person=other, organization=world.school_a, categories=[MenteeCategory.objects.first()], by=by
        ),
        "mentor_status_change": lambda by: services.mentor_status_change(
            profile=mentor, to_status=MentorStatus.SELECTED, by=by
        ),
        "mentor_profile_update": lambda by: services.mentor_profile_update(
            profile=mentor, questionnaire="Методист", by=by
        ),
        "mentor_publication_set": lambda by: services.mentor_publication_set(
            profile=mentor, publish=False, public_fields=["subjects"], by=by
        ),
        "mentor_training_add": lambda by: services.mentor_training_add(
            profile=mentor, title="Курсы наставников", completed_on=today, by=by
        ),
        "mentee_profile_update": lambda by: services.mentee_profile_update(
            profile=mentee, request_text="Дисциплина на уроке", by=by
        ),
        "deficit_add": lambda by: services.deficit_add(
            mentee=mentee,
            area=CompetenceArea.objects.first(),
            source=DeficitSource.SELF_DIAGNOSIS,
            diagnosed_on=today,
            by=by,
        ),
    }


NAMES = (
    "pd_consent_record",
    "mentor_profile_create",
    "mentee_profile_create",
    "mentor_status_change",
    "mentor_profile_update",
    "mentor_publication_set",
    "mentor_training_add",
    "mentee_profile_update",
    "deficit_add",
)


@pytest.mark.parametrize("name", NAMES)
def test_a_bank_service_refuses_an_actor_without_the_right_and_serves_the_curator(world, cards, name):
    call = _calls(world, *cards)[name]
    assert_refused_then_served(call, users=world.users, refused=OUTSIDERS, allowed="curator_a", state=_state)


def test_withdrawal_of_a_consent_checks_its_actor(world):
    consent = PersonalDataConsent.objects.valid().get(person=world.teacher_a)
    for outsider in OUTSIDERS:
        with pytest.raises(PermissionDenied):
            services.pd_consent_withdraw(consent=consent, by=world.users[outsider])
        consent.refresh_from_db()
        assert consent.withdrawn_on is None
    services.pd_consent_withdraw(consent=consent, by=world.users["head_a"])
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
