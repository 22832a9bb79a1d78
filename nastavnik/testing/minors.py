"""A minor learner in a test world (issue 20; seed 002 §10, 003 §4): the pupil, the legal
representative who signs for them, the consent the representative gave, the card in the bank of
mentees and a «учитель – ученик» program with a teacher of the school as mentor — and an adult
student with their own consent for contrast. Made through the services where there is one (the
bank, the programs), directly where the learners' services are not the point (the learner row).

Used by the persona matrix (``testing.matrix_parts.minors``) and the privacy tests
(``core/tests/test_minors_privacy.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

#: The minor's name (unique in every test world): nobody beyond the curator and the head of the
#: school and the pair's mentor may read it (seed 002 §10).
MINOR = ("Несмеянова", "Варвара", "Кирилловна")
#: The surname stem the matrix looks for (covers «Несмеяновой», «Несмеяновa В. К.»).
MINOR_STEM = "Несмеянов"
#: The minor's legal representative (the mother, a surname of her own).
REPRESENTATIVE = ("Горностаева", "Ирина", "Павловна")
REPRESENTATIVE_STEM = "Горностаев"
#: The adult pupil (18) with a consent (seen by the roles above the school, as a teacher is).
ADULT_STUDENT = ("Старшеклассников", "Артём", "Игоревич")
ADULT_STUDENT_STEM = "Старшеклассников"


@dataclass
class MinorWorld:
    """What :func:`minor_in_pair` made: the minor's ``person`` and ``learner`` rows, the primary
    ``representative``, the ``consent`` they gave, the ``mentee_profile``, the draft
    ``program`` of ``mentor`` with the minor and its ``pair``; ``adult`` — the adult pupil's
    ``Person`` (learner, consent given by themselves)."""

    person: object
    learner: object
    representative: object
    consent: object
    mentee_profile: object
    program: object
    pair: object
    adult: object
    adult_learner: object


def learner_person(
    school, names: tuple[str, str, str], *, age: int, sex: str, kind: str = "pupil", grade: str = "7 Б"
):
    """A ``Person`` of ``age`` full years (born 100 days after the birthday's date) who learns
    in ``school`` (``people.Learner`` of ``kind``, class or group ``grade``), validated by the
    learner's birth-date rule. Returns ``(person, learner)``."""
    from nastavnik.people.models import Learner, Person

    today = timezone.localdate()
    born = today.replace(year=today.year - age, day=1) - dt.timedelta(days=100)
    last_name, first_name, middle_name = names
    person = Person(
        last_name=last_name, first_name=first_name, middle_name=middle_name, sex=sex, birth_date=born
    )
    person._as_learner = True
    person.full_clean()
    person.save()
    learner = Learner(
        person=person,
        organization=school,
        kind=kind,
        grade=grade,
        enrolled_on=today - dt.timedelta(days=400),
        interests="Робототехника, шахматы",
    )
    learner.full_clean()
    learner.save()
    return person, learner


def minor_in_pair(*, school, mentor, keeper) -> MinorWorld:
    """In ``school``: a pupil of 13 (:data:`MINOR`) with the primary legal representative
    (:data:`REPRESENTATIVE`), the consent to personal-data processing given by the
    representative, the card in the bank of mentees with the map of requests, and a draft
    program of the form «учитель – ученик» (its pair already working) with ``mentor`` (a
    teacher of ``school`` already an
    active mentor with a free place) made by ``keeper`` (the school's curator, a user); and an
    adult pupil of 18 (:data:`ADULT_STUDENT`) with their own consent and a card of mentee."""
    from nastavnik.bank.choices import ConsentPurpose
    from nastavnik.bank.services import mentee_profile_create, pd_consent_record
    from nastavnik.mentoring.services.pairs import program_create
    from nastavnik.people.models import LegalRepresentative
    from nastavnik.reference.models import MentoringForm

    today = timezone.localdate()
    signed = today - dt.timedelta(days=60)
    person, learner = learner_person(school, MINOR, age=13, sex="F")
    last_name, first_name, middle_name = REPRESENTATIVE
    representative = LegalRepresentative(
        learner=learner,
        kind="mother",
        last_name=last_name,
        first_name=first_name,
        middle_name=middle_name,
        phone="+7 (912) 555-01-02",
        email="gornostaeva@example.ru",
        address="628400, г. Сургут, ул. Ленина, д. 5, кв. 12",
        authority_document="Свидетельство о рождении",
        is_primary=True,
    )
    representative.full_clean()
    representative.save()
    purposes = [ConsentPurpose.MENTORING_RECORD]
    consent = pd_consent_record(
        person=person, purposes=purposes, given_on=signed, representative=representative
    )
    mentee_profile = mentee_profile_create(
        person=person,
        organization=school,
        categories=[],
        request_text="Подготовка к олимпиаде по математике",
        consent_given_on=signed,
    )
    program = program_create(
        mentor=mentor,
        mentees=[person],
        by=keeper,
        mentoring_form=MentoringForm.objects.get(code="teacher_pupil"),
        starts_on=today - dt.timedelta(days=20),
    )

    adult, adult_learner = learner_person(school, ADULT_STUDENT, age=18, sex="M", grade="11 А")
    pd_consent_record(person=adult, purposes=purposes, given_on=signed)
    mentee_profile_create(
        person=adult,
        organization=school,
        categories=[],
        request_text="Выбор профессии",
        consent_given_on=signed,
    )
    return MinorWorld(
        person=person,
        learner=learner,
        representative=representative,
        consent=consent,
        mentee_profile=mentee_profile,
        program=program,
        pair=program.pairs.get(),
        adult=adult,
        adult_learner=adult_learner,
    )
