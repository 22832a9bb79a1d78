"""Services of learners: create, update, leave, representatives, the account's age rule, and the
consent of a minor given by the representative (issue 20; seed 002 §10)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank import services as bank_services
from nastavnik.bank.choices import ConsentPurpose, MentorPool
from nastavnik.bank.models import MenteeProfile
from nastavnik.learners import services
from nastavnik.learners.tests.helpers import REPRESENTATIVE, make_learner, years_ago
from nastavnik.people.models import Learner, LegalRepresentative, Person

pytestmark = pytest.mark.django_db


def test_create_writes_person_and_learner(world):
    learner = services.learner_create(
        by=world.users["curator_a"],
        organization=world.school_a,
        last_name="Сидорова",
        first_name="Анна",
        sex="F",
        birth_date=years_ago(11),
        kind="pupil",
        grade="5 А",
        representative=REPRESENTATIVE,
    )
    assert learner.person.last_name == "Сидорова"
    assert learner.is_minor()
    assert learner.representatives.get().is_primary


def test_create_refused_outside_own_school_and_rolled_back(world):
    before = Person.objects.count()
    with pytest.raises(PermissionDenied):
        services.learner_create(
            by=world.users["curator_b"],
            organization=world.school_a,
            last_name="Чужой",
            first_name="Ученик",
            sex="M",
            birth_date=years_ago(10),
            grade="4 А",
        )
    assert Person.objects.count() == before


def test_create_checks_learner_age_and_writes_nothing(world):
    before = Person.objects.count()
    with pytest.raises(ValidationError) as error:
        services.learner_create(
            by=None,
            organization=world.school_a,
            last_name="Малыш",
            first_name="Ваня",
            sex="M",
            birth_date=years_ago(3),
            grade="—",
        )
    assert "birth_date" in error.value.message_dict
    assert Person.objects.count() == before


def test_leave_sets_date_once(world):
    learner = make_learner(world.school_a)
    services.learner_leave(by=world.users["curator_a"], learner=learner)
    learner.refresh_from_db()
    assert learner.left_on == timezone.localdate()
    # the day of leaving is the last day of study
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert not Learner.objects.current(tomorrow).filter(pk=learner.pk).exists()
    with pytest.raises(ValidationError, match="уже записано"):
        services.learner_leave(by=None, learner=learner)


def test_leave_in_future_refused(world):
    learner = make_learner(world.school_a)
    with pytest.raises(ValidationError):
        services.learner_leave(by=None, learner=learner, left_on=timezone.localdate() + dt.timedelta(days=3))


def test_representatives_one_primary(world):
    learner = make_learner(world.school_a)
    curator = world.users["curator_a"]
    first = services.representative_create(
        by=curator, learner=learner, **{**REPRESENTATIVE, "is_primary": False}
    )
    assert first.is_primary  # the first one signs
    with pytest.raises(ValidationError) as error:
        services.representative_create(
            by=curator,
            learner=learner,
            kind="father",
            last_name="Петров",
            first_name="Сергей",
            is_primary=True,
        )
    assert "is_primary" in error.value.message_dict
    second = services.representative_create(
        by=curator, learner=learner, kind="father", last_name="Петров", first_name="Сергей", is_primary=False
    )
    services.representative_update(by=curator, representative=second, phone="+7 900 111-22-33")
    second.refresh_from_db()
    assert second.phone == "+7 900 111-22-33"
    with pytest.raises(ValidationError):
        services.representative_update(by=curator, representative=first, is_primary=False)
    services.representative_delete(by=curator, representative=first)
    second.refresh_from_db()
    assert list(LegalRepresentative.objects.filter(learner=learner)) == [second]
    assert second.is_primary  # the next one signs now


def test_representatives_refused_to_school_b(world):
    learner = make_learner(world.school_a)
    with pytest.raises(PermissionDenied):
        services.representative_create(by=world.users["curator_b"], learner=learner, **REPRESENTATIVE)


def test_account_refused_under_14(world):
    learner = make_learner(world.school_a, age=13)
    with pytest.raises(ValidationError, match="14 лет"):
        services.learner_account_create(
            by=world.users["curator_a"], learner=learner, role=Role.MENTEE, username="petrov13"
        )
    assert learner.person.user_id is None


def test_account_for_15_year_old(world):
    learner = make_learner(world.school_a, age=15, email="petrov@example.ru")
    assignment, _invitation = services.learner_account_create(
        by=world.users["curator_a"],
        learner=learner,
        role=Role.MENTOR,
        username="petrov15",
        site="http://testserver",
    )
    assert assignment.role == Role.MENTOR
    assert RoleAssignment.objects.filter(user__person=learner.person, org_unit=world.school_a).exists()


def test_account_role_limited(world):
    learner = make_learner(world.school_a, age=16)
    with pytest.raises(ValidationError):
        services.learner_account_create(
            by=world.users["curator_a"], learner=learner, role=Role.CURATOR, username="petrov16"
        )


def test_minor_consent_needs_representative(world):
    learner = make_learner(world.school_a)
    today = timezone.localdate()
    purposes = [ConsentPurpose.MENTORING_RECORD]
    with pytest.raises(ValidationError) as error:
        bank_services.pd_consent_record(person=learner.person, purposes=purposes, given_on=today, by=None)
    assert "законный представитель" in error.value.message_dict["representative"][0]
    rep = services.representative_create(by=None, learner=learner, **REPRESENTATIVE)
    consent = bank_services.pd_consent_record(
        person=learner.person,
        purposes=purposes,
        given_on=today,
        by=world.users["curator_a"],
        representative=rep,
    )
    assert consent.representative == rep
    # the representative who consented stays with the consent
    with pytest.raises(ValidationError):
        services.representative_delete(by=None, representative=rep)


def test_adult_consent_without_representative(world):
    learner = make_learner(world.school_a, age=19, kind="student", grade="ТМ-21")
    rep = services.representative_create(by=None, learner=learner, **REPRESENTATIVE)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        bank_services.pd_consent_record(
            person=learner.person,
            purposes=[ConsentPurpose.MENTORING_RECORD],
            given_on=today,
            representative=rep,
        )
    bank_services.pd_consent_record(
        person=learner.person, purposes=[ConsentPurpose.MENTORING_RECORD], given_on=today
    )


def test_teacher_consent_refuses_representative(world):
    learner = make_learner(world.school_a)
    rep = services.representative_create(by=None, learner=learner, **REPRESENTATIVE)
    with pytest.raises(ValidationError):
        bank_services.pd_consent_record(
            person=world.teacher_a,
            purposes=[ConsentPurpose.MENTORING_RECORD],
            given_on=timezone.localdate(),
            representative=rep,
        )


def test_bank_takes_learners_without_categories(world):
    learner = make_learner(world.school_a)
    profile = bank_services.mentee_profile_create(
        person=learner.person,
        organization=world.school_a,
        categories=[],
        request_text="Подготовка к олимпиаде по математике",
        by=world.users["curator_a"],
    )
    assert MenteeProfile.objects.filter(pk=profile.pk).exists()
    mentor = make_learner(world.school_a, last_name="Орлов", age=16, grade="10 А")
    card = bank_services.mentor_profile_create(
        person=mentor.person, organization=world.school_a, pool=MentorPool.PEERS, by=world.users["curator_a"]
    )
    assert card.pool == MentorPool.PEERS


def test_bank_refuses_learner_of_another_school(world):
    learner = make_learner(world.school_a)
    with pytest.raises(ValidationError, match="не обучается"):
        bank_services.mentee_profile_create(
            person=learner.person, organization=world.school_b, categories=[], request_text="Запрос", by=None
        )


def test_bank_learner_mentee_needs_request(world):
    learner = make_learner(world.school_a)
    with pytest.raises(ValidationError) as error:
        bank_services.mentee_profile_create(person=learner.person, organization=world.school_a, categories=[])
    assert "request_text" in error.value.message_dict
