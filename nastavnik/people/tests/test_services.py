"""Writes to the personified record: ``person_create`` / ``person_update``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from nastavnik.people.models import Employment, Person
from nastavnik.people.services import person_create, person_update
from nastavnik.reference.models import Subject

pytestmark = pytest.mark.django_db

FIELDS = {
    "last_name": "Петрова",
    "first_name": "Анна",
    "middle_name": "Сергеевна",
    "sex": "F",
    "birth_date": dt.date(1990, 5, 20),
    "total_experience_years": 10,
    "pedagogical_experience_years": 8,
}


def snapshot() -> tuple[list, list]:
    return (
        list(Person.objects.order_by("pk").values()),
        list(Employment.objects.order_by("pk").values()),
    )


def test_create_saves_the_person_with_a_primary_job(world):
    # given a subject of the reference
    subject = Subject.objects.create(code="physics-test", name="физика (тест)")

    # when a person is created in school A with a СНИЛС typed with dashes
    person = person_create(
        organization=world.school_a,
        started_on=dt.date(2021, 9, 1),
        subjects=[subject],
        snils="112-233-445 95",
        **FIELDS,
    )

    # then the СНИЛС is stored as digits, the subjects are set and the job is primary and current
    person.refresh_from_db()
    assert person.snils == "11223344595"
    assert list(person.subjects.all()) == [subject]
    job = person.employments.get()
    assert (job.organization, job.is_primary, job.started_on, job.ended_on) == (
        world.school_a,
        True,
        dt.date(2021, 9, 1),
        None,
    )
    assert Person.objects.employed_in(world.muni1).filter(pk=person.pk).exists()


def test_create_without_snils_stores_null(world):
    # when two people are created without СНИЛС, then both are saved (no uniqueness clash on "")
    first = person_create(organization=world.school_a, snils="", **FIELDS)
    second = person_create(organization=world.school_a, **{**FIELDS, "first_name": "Ольга"})
    assert first.snils is None and second.snils is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"snils": "112-233-445 96"},
            "snils",
            "СНИЛС 112-233-445 96 недействителен: контрольное число не совпадает.",
        ),
        ({"last_name": ""}, "last_name", "Это поле не может быть пустым."),
        (
            {"total_experience_years": 3, "pedagogical_experience_years": 4},
            "pedagogical_experience_years",
            "Педагогический стаж не может превышать общий.",
        ),
        ({"birth_date": dt.date(2100, 1, 1)}, "birth_date", "Дата рождения не может быть в будущем."),
    ],
)
def test_create_refuses_bad_data_with_a_field_message(world, changes, field, message):
    # given the data as it stands
    before = snapshot()

    # when a person is created with one bad field
    with pytest.raises(ValidationError) as exc:
        person_create(organization=world.school_a, **{**FIELDS, **changes})

    # then that field carries the Russian message, and nothing is saved
    assert message in exc.value.message_dict[field]
    assert snapshot() == before


def test_create_refuses_a_duplicate_snils(world):
    # given a teacher with a known СНИЛС
    Person.objects.filter(pk=world.teacher_b.pk).update(snils="11223344595")
    before = snapshot()

    # when another person is created with it
    with pytest.raises(ValidationError) as exc:
        person_create(organization=world.school_a, snils="112 233 445 95", **FIELDS)

    # then the СНИЛС is refused, and nothing is saved
    assert exc.value.message_dict["snils"] == ["Работник с таким СНИЛС уже есть в системе."]
    assert snapshot() == before


def test_create_in_a_territory_rolls_the_person_back(world):
    # given the data as it stands
    before = snapshot()

    # when a person is "employed" in a municipality rather than an organization
    with pytest.raises(ValidationError) as exc:
        person_create(organization=world.muni1, **FIELDS)

    # then the job is refused, and the person created just before is rolled back too
    assert "Выберите организацию, а не территорию." in exc.value.message_dict["organization"]
    assert snapshot() == before


def test_update_changes_fields_and_subjects(world):
    # given a teacher and two subjects
    math = Subject.objects.create(code="math-t", name="математика (тест)")
    art = Subject.objects.create(code="art-t", name="ИЗО (тест)")
    world.teacher_a.subjects.set([math])

    # when the teacher is updated with a new surname, a dashed СНИЛС and other subjects
    person_update(person=world.teacher_a, last_name="Иванова", snils="112-233-445 95", subjects=[art])

    # then all is saved
    person = Person.objects.get(pk=world.teacher_a.pk)
    assert (person.last_name, person.snils) == ("Иванова", "11223344595")
    assert list(person.subjects.all()) == [art]


def test_update_without_subjects_keeps_them_and_empty_snils_clears_it(world):
    # given a teacher with a subject
    math = Subject.objects.create(code="math-t2", name="математика (тест 2)")
    world.teacher_a.subjects.set([math])

    # when only the СНИЛС is cleared
    person_update(person=world.teacher_a, snils="")

    # then the СНИЛС is gone and the subjects stay
    person = Person.objects.get(pk=world.teacher_a.pk)
    assert person.snils is None
    assert list(person.subjects.all()) == [math]


def test_update_refuses_a_duplicate_and_changes_nothing(world):
    # given the data as it stands
    before = snapshot()

    # when the teacher of A is given the СНИЛС of the teacher of B
    with pytest.raises(ValidationError) as exc:
        person_update(person=Person.objects.get(pk=world.teacher_a.pk), snils=world.teacher_b.snils)

    # then the СНИЛС is refused, and nothing is changed
    assert exc.value.message_dict["snils"] == ["Работник с таким СНИЛС уже есть в системе."]
    assert snapshot() == before
