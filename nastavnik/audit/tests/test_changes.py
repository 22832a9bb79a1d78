"""Changes of personal data, roles and consents are in the journal: who, when, what (field by
field, sensitive values masked), from which address, under which unit."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.context import set_actor
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.audit.choices import EventKind, LogAction
from nastavnik.audit.masking import HIDDEN_VALUE
from nastavnik.audit.models import AuditEvent
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.people.models import Person
from nastavnik.people.tests.test_views import edit_data

pytestmark = pytest.mark.django_db


def entries_of(obj) -> list[AuditEvent]:
    return list(AuditEvent.objects.get_for_object(obj).order_by("timestamp", "pk"))


def test_a_phone_changed_by_the_curator_is_logged_with_actor_address_and_diff(world, as_persona):
    # given a teacher of school A with a phone
    person = world.teacher_a
    Person.objects.filter(pk=person.pk).update(phone="+7 900 111-11-11")
    person.refresh_from_db()
    before = AuditEvent.objects.count()

    # when the curator of A changes the phone through the card's edit page from 10.0.0.7
    response = as_persona("curator_a").post(
        f"/people/{person.pk}/edit/", edit_data(person, phone="+7 900 222-22-22")
    )

    # then one entry says who, from where, what and under which organization
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before + 1
    entry = entries_of(person)[-1]
    assert entry.action == LogAction.UPDATE and entry.kind == EventKind.UPDATE
    assert entry.actor == world.users["curator_a"]
    assert entry.remote_addr == "10.0.0.7"
    assert entry.changes == {"phone": ["+7 900 111-11-11", "+7 900 222-22-22"]}
    assert entry.org_unit == world.school_a and entry.unit_path == world.school_a.path
    assert entry.person_id == person.pk
    assert entry.object_repr == person.full_name


def test_snils_and_passport_changes_are_logged_without_their_values(world, as_persona):
    person = world.teacher_a
    old_snils = person.snils

    as_persona("curator_a").post(
        f"/people/{person.pk}/edit/",
        edit_data(
            person, snils="112-233-445 95", id_document_number="6712 345678", address="Сургут, ул. Мира, 1"
        ),
    )

    entry = entries_of(person)[-1]
    assert entry.changes["snils"] == [HIDDEN_VALUE if old_snils else "", HIDDEN_VALUE]
    stored = str(entry.changes) + str(entry.serialized_data)
    for secret in ("11223344595", "112-233-445 95", "6712 345678", "Мира", old_snils or "—"):
        assert secret not in stored
    if "id_document_number" in entry.changes:
        assert entry.changes["id_document_number"] == ["", HIDDEN_VALUE]


def test_a_role_assignment_is_logged(world, as_persona):
    # when the head of A appoints a teacher a member of the mentor council through the role form
    response = as_persona("head_a", "192.0.2.10").post(
        "/roles/assign/",
        {
            "person": world.teacher_a.pk,
            "role": Role.MENTOR_COUNCIL_MEMBER,
            "org_unit": world.school_a.pk,
            "username": "afan",
        },
    )

    # then the assignment is in the journal: the head, the address, the role, the school
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user__username="afan", role=Role.MENTOR_COUNCIL_MEMBER)
    (entry,) = entries_of(assignment)
    assert entry.action == LogAction.CREATE
    assert entry.actor == world.users["head_a"] and entry.remote_addr == "192.0.2.10"
    assert entry.changes["role"][1] == Role.MENTOR_COUNCIL_MEMBER
    assert entry.unit_path == world.school_a.path and entry.person_id == world.teacher_a.pk
    # named by the person, never by the login
    assert world.teacher_a.full_name in entry.object_repr and "afan" not in entry.object_repr
    # the account it created is logged too, without the password hash
    account = assignment.user
    (account_entry,) = entries_of(account)
    assert "password" not in account_entry.changes and "last_login" not in account_entry.changes
    assert "afan" not in account_entry.object_repr


def test_a_consent_withdrawal_is_logged(world, as_persona):
    consent = PersonalDataConsent.objects.get(person=world.mentor_a, withdrawn_on__isnull=True)

    response = as_persona("curator_a").post(
        f"/bank/people/{world.mentor_a.pk}/consent/withdraw/",
        {"withdrawn_on": timezone.localdate().isoformat(), "reason": "Заявление от 21.11.2026"},
    )

    assert response.status_code == 302
    entry = entries_of(consent)[-1]
    assert entry.action == LogAction.UPDATE
    assert entry.changes["withdrawn_on"] == ["None", timezone.localdate().isoformat()]
    assert entry.changes["withdrawal_reason"][1] == "Заявление от 21.11.2026"
    assert entry.actor == world.users["curator_a"] and entry.remote_addr == "10.0.0.7"
    assert entry.unit_path == world.school_a.path and entry.person_id == world.mentor_a.pk


def test_a_change_outside_a_request_has_no_actor_and_is_still_filed_under_the_school(world):
    # a management command or a background job: auditlog records it, «Система» did it
    world.teacher_a.phone = "+7 900 333-33-33"
    world.teacher_a.save()
    entry = entries_of(world.teacher_a)[-1]
    assert entry.actor is None and entry.unit_path == world.school_a.path


def test_a_person_not_yet_employed_is_filed_under_the_actors_unit(world):
    # a person saved before their employment (the service saves the person first)
    with set_actor(world.users["curator_a"]):
        person = Person.objects.create(
            last_name="Новикова", first_name="Ольга", sex="F", birth_date=dt.date(1990, 1, 1)
        )
    (entry,) = entries_of(person)
    assert entry.unit_path == world.school_a.path


def test_a_person_deleted_is_logged(world):
    with set_actor(world.users["curator_a"]):
        person = Person.objects.create(
            last_name="Удалова", first_name="Ольга", sex="F", birth_date=dt.date(1990, 1, 1)
        )
        pk = person.pk
        person.delete()
    last = AuditEvent.objects.filter(object_id=pk, action=LogAction.DELETE).get()
    assert last.object_repr == "Удалова Ольга" and last.unit_path == world.school_a.path


def test_an_ended_request_does_not_lend_its_user_to_later_changes(world, as_persona):
    # given a request of the head of A has ended (auditlog leaves its context variable set)
    as_persona("head_a").get("/audit/")
    # when a person of no organization is saved outside any request
    person = Person.objects.create(
        last_name="Ничейная", first_name="Ольга", sex="F", birth_date=dt.date(1990, 1, 1)
    )
    # then the entry has no actor and no unit: only administrators see it
    (entry,) = entries_of(person)
    assert entry.actor is None and entry.unit_path == ""


def test_subjects_added_to_a_person_are_logged(world, as_persona):
    from nastavnik.reference.models import Subject

    math, physics = Subject.objects.all()[:2]
    with set_actor(world.users["curator_a"]):
        world.teacher_a.subjects.set([math, physics])
    entry = entries_of(world.teacher_a)[-1]
    assert entry.changes["subjects"]["operation"] == "add"
    assert set(entry.changes["subjects"]["objects"]) == {str(math), str(physics)}
    page = as_persona("head_a").get("/audit/").content.decode()
    assert "Предметы" in page and "добавлено:" in page and str(math) in page
