"""Helpers of the tests of learners' pairs (issue 20): learners, participants outside the staff
and their bank cards made directly with the models, without the learners' and partners' pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.people.choices import LearnerKind, NonStaffCategory, Sex
from nastavnik.people.models import Learner, NonStaffParticipant, Person


def signed_on() -> dt.date:
    """The date of the consents: 30 days ago (read when a card is made)."""
    return timezone.localdate() - dt.timedelta(days=30)


def learner(
    organization, last_name: str, *, kind: str = LearnerKind.PUPIL, grade: str = "7 Б", age: int = 13
) -> Person:
    """A learner of ``organization`` aged ``age`` (a minor by default) with a valid consent to
    personal-data processing (a minor's is given by the representative; here without one)."""
    today = timezone.localdate()
    person = Person(
        last_name=last_name,
        first_name="Иван",
        middle_name="Петрович",
        sex=Sex.MALE,
        birth_date=dt.date(today.year - age - 1, 6, 15),
    )
    person._as_learner = True
    person.full_clean()
    person.save()
    Learner.objects.create(person=person, organization=organization, kind=kind, grade=grade)
    PersonalDataConsent.objects.create(person=person, purposes=["mentoring_record"], given_on=signed_on())
    return person


def non_staff(organization, last_name: str, *, category: str = NonStaffCategory.EMPLOYER) -> Person:
    """A person outside the staff of ``organization`` taking part in its mentoring (an employee
    of an enterprise by default), with a valid consent."""
    person = Person.objects.create(
        last_name=last_name,
        first_name="Олег",
        middle_name="Игоревич",
        sex=Sex.MALE,
        birth_date=dt.date(1980, 4, 2),
    )
    NonStaffParticipant.objects.create(
        person=person, organization=organization, category=category, workplace="АО «Сургутнефтегаз»"
    )
    PersonalDataConsent.objects.create(person=person, purposes=["mentoring_record"], given_on=signed_on())
    return person


def mentor_card(person, organization, *, capacity: int = 3, forms=()) -> MentorProfile:
    """An active mentor of ``organization``'s bank with the written consent; ``forms``: codes of
    the forms of mentoring the card lists."""
    from nastavnik.reference.models import MentoringForm

    profile = MentorProfile.objects.create(
        person=person,
        organization=organization,
        status=MentorStatus.ACTIVE,
        capacity=capacity,
        consent_given_on=signed_on(),
    )
    if forms:
        profile.forms.set(MentoringForm.objects.filter(code__in=forms))
    return profile


def mentee_card(person, organization, *, request_text: str = "Трудности с математикой") -> MenteeProfile:
    """A mentee of ``organization``'s bank with the map of requests and the written consent."""
    return MenteeProfile.objects.create(
        person=person, organization=organization, request_text=request_text, consent_given_on=signed_on()
    )
