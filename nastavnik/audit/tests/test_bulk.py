"""Rows written in bulk by the import of the bank (no signals, so auditlog does not see them)
are in the journal too: new people (their places of work and bank cards are told by the
person's entry) and their consents, and the fields changed of known people, masked where
sensitive."""

from __future__ import annotations

import io

import pytest

from nastavnik.audit.choices import LogAction
from nastavnik.audit.masking import HIDDEN_VALUE
from nastavnik.audit.models import AuditEvent
from nastavnik.bank.importing.samples import person_row, xlsx_bytes
from nastavnik.bank.importing.services import bank_import_apply, bank_import_validate
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.people.models import Person
from nastavnik.people.validators import format_snils

pytestmark = pytest.mark.django_db


def imported(world, rows):
    plan = bank_import_validate(
        source=io.BytesIO(xlsx_bytes(rows)), organization=world.school_a, user=world.users["curator_a"]
    )
    assert [issue.text for issue in plan.issues] == []
    return bank_import_apply(plan=plan, by=world.users["curator_a"])


def test_people_created_by_an_import_are_in_the_journal(world):
    AuditEvent.objects.all().delete()
    imported(world, [person_row(1, role="наставник")])

    person = Person.objects.order_by("-pk").first()
    entries = AuditEvent.objects.filter(action=LogAction.CREATE)
    models = {entry.content_type.model_class() for entry in entries}
    # the person and the consent row by row; the place of work and the card go with the person
    assert models == {Person, PersonalDataConsent}
    created = entries.get(content_type__model="person")
    assert created.object_id == person.pk and created.object_repr == person.full_name
    assert created.actor == world.users["curator_a"] and created.unit_path == world.school_a.path
    assert created.changes["last_name"] == ["None", person.last_name]
    assert created.changes["snils"] == ["", HIDDEN_VALUE] and person.snils not in str(created.changes)
    assert created.additional_data == {"note": "Загрузка банка из файла"}
    consent = entries.get(content_type__model="personaldataconsent")
    assert consent.person_id == person.pk and person.full_name in consent.object_repr


def test_fields_changed_by_an_import_are_in_the_journal(world):
    teacher = world.teacher_a
    AuditEvent.objects.all().delete()
    imported(
        world,
        [
            {
                "Фамилия": teacher.last_name,
                "Имя": teacher.first_name,
                "Отчество": teacher.middle_name,
                "Пол": "ж",
                "Дата рождения": teacher.birth_date,
                "СНИЛС": format_snils(teacher.snils),
                "Электронная почта": "new@school.example.ru",
            }
        ],
    )
    (entry,) = AuditEvent.objects.filter(action=LogAction.UPDATE, content_type__model="person")
    assert entry.object_id == teacher.pk and entry.object_repr == teacher.full_name
    assert entry.changes == {"email": [teacher.email or "", "new@school.example.ru"]}
    assert entry.actor == world.users["curator_a"] and entry.person_id == teacher.pk
