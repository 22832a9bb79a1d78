"""``core.bulk``: inserts that behave like ``bulk_create`` (``COPY`` on PostgreSQL, ``bulk_create``
elsewhere) — keys set and equal to the stored rows', values of every kind stored as given, the
sequence going on after them, and nothing left of a failed write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from nastavnik.audit.choices import LogAction
from nastavnik.audit.models import AuditEvent
from nastavnik.core.bulk import bulk_insert, copy_rows
from nastavnik.people.models import Person
from nastavnik.reference.models import Position

pytestmark = pytest.mark.django_db


def people(count: int, *, start: int = 1, **fields) -> list[Person]:
    return [
        Person(
            last_name=f"Иванова-{start + n}",
            first_name="Мария",
            middle_name="Петровна" if n % 2 else "",
            sex="f",
            birth_date=dt.date(1980, 1, 1) + dt.timedelta(days=start + n),
            **fields,
        )
        for n in range(count)
    ]


def test_keys_are_set_on_the_objects_and_are_those_of_the_stored_rows():
    given = people(5)
    before = timezone.now()

    returned = bulk_insert(given)

    assert returned == given
    assert all(person.pk is not None for person in given)
    assert len({person.pk for person in given}) == 5
    for person in given:
        stored = Person.objects.get(pk=person.pk)
        assert (stored.last_name, stored.birth_date) == (person.last_name, person.birth_date)
        assert person._state.adding is False and person._state.db == "default"
        # auto_now_add / auto_now are stamped on the object as bulk_create stamps them
        assert person.created_at >= before and stored.created_at == person.created_at
        assert stored.updated_at == person.updated_at


def test_dates_nullable_columns_foreign_keys_and_defaults_round_trip():
    position = Position.objects.filter(is_active=True).first()
    with_all = Person(
        last_name="Ёлкина",
        first_name="Анна",
        middle_name="Сергеевна",
        sex="f",
        birth_date=dt.date(1975, 12, 31),
        snils="11223344595",
        position=position,
        job_title="учитель «русского» языка; \\ таб\tи перевод\nстроки",
        total_experience_years=20,
        pedagogical_experience_years=0,
        has_pedagogical_education=False,
        email="elkina@school.example.ru",
    )
    bare = Person(last_name="Петров", first_name="Пётр", sex="m", birth_date=dt.date(1990, 2, 28))

    bulk_insert([with_all, bare])

    stored = Person.objects.get(pk=with_all.pk)
    assert stored.position_id == position.pk
    assert stored.snils == "11223344595" and stored.birth_date == dt.date(1975, 12, 31)
    assert stored.job_title == with_all.job_title
    assert (stored.total_experience_years, stored.pedagogical_experience_years) == (20, 0)
    assert stored.has_pedagogical_education is False
    empty = Person.objects.get(pk=bare.pk)
    assert empty.snils is None and empty.position_id is None and empty.total_experience_years is None
    assert empty.middle_name == "" and empty.qualification_category == Person().qualification_category
    assert empty.has_pedagogical_education is True


def test_json_columns_round_trip_from_instances_and_from_plain_rows():
    content_type = ContentType.objects.get_for_model(Person)
    changes = {"last_name": ["None", "Ёлкина"], "nested": {"a": [1, 2.5, None, True]}, "quote": 'a"b\\c'}
    entry = AuditEvent(
        content_type=content_type,
        object_pk="1",
        object_repr="Ёлкина",
        action=LogAction.CREATE,
        changes=changes,
        additional_data={"note": "Загрузка банка из файла"},
    )
    bulk_insert([entry])
    count = copy_rows(
        AuditEvent,
        ["content_type_id", "object_pk", "object_repr", "action", "changes", "additional_data"],
        [(content_type.pk, "2", "Петров", LogAction.UPDATE, {"email": ["", "p@x.ru"]}, None)],
    )

    assert count == 1
    stored = AuditEvent.objects.get(pk=entry.pk)
    assert stored.changes == changes and stored.additional_data == {"note": "Загрузка банка из файла"}
    plain = AuditEvent.objects.get(object_pk="2")
    assert plain.changes == {"email": ["", "p@x.ru"]} and plain.additional_data is None
    # a field left out takes its model default (the journal's time, here)
    assert plain.timestamp is not None and plain.access_kind == ""


def test_plain_rows_take_defaults_and_auto_stamps_and_refuse_unknown_fields():
    before = timezone.now()
    count = copy_rows(
        Person,
        ["last_name", "first_name", "sex", "birth_date"],
        [(f"Сидорова-{n}", "Ольга", "f", dt.date(1985, 5, n + 1)) for n in range(3)],
    )

    assert count == 3
    stored = list(Person.objects.filter(last_name__startswith="Сидорова-"))
    assert len(stored) == 3
    assert all(person.created_at >= before and person.has_pedagogical_education for person in stored)
    with pytest.raises(ValueError, match="no field"):
        copy_rows(Person, ["no_such_field"], [("x",)])
    with pytest.raises(ValueError, match="twice"):
        copy_rows(Person, ["position", "position_id"], [(None, None)])


def test_the_sequence_goes_on_after_a_bulk_insert():
    inserted = bulk_insert(people(10))

    later = Person.objects.create(
        last_name="Новая", first_name="Вера", sex="f", birth_date=dt.date(1999, 1, 1)
    )

    assert later.pk > max(person.pk for person in inserted)
    again = bulk_insert(people(3, start=100))
    assert min(person.pk for person in again) > later.pk


def test_an_object_with_a_key_keeps_it():
    top = Person.objects.create(last_name="Ключ", first_name="Иван", sex="m", birth_date=dt.date(1970, 1, 1))
    keyed = people(1, start=50)[0]
    keyed.pk = top.pk + 1000

    bulk_insert([keyed])

    assert Person.objects.filter(pk=top.pk + 1000, last_name=keyed.last_name).exists()


def test_a_refused_row_raises_integrity_error_and_the_transaction_leaves_nothing():
    count = Person.objects.count()
    clash = people(2, start=200)
    clash[0].snils = clash[1].snils = "11223344595"

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(people(5, start=300))
        copy_rows(
            Person, ["last_name", "first_name", "sex", "birth_date"], [("А", "Б", "m", dt.date(1990, 1, 1))]
        )
        bulk_insert(clash)

    assert Person.objects.count() == count
    # the connection is usable after the rollback
    assert bulk_insert(people(1, start=400))[0].pk is not None


def test_mixed_models_and_empty_input():
    assert bulk_insert([]) == []
    assert copy_rows(Person, ["last_name"], []) == 0
    with pytest.raises(ValueError, match="one model"):
        bulk_insert([*people(1), Position(name="x", code="x")])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_on_postgresql_rows_go_by_copy_not_by_insert(django_assert_max_num_queries):
    # the keys are reserved in one query; the COPY itself is not a query Django counts
    with django_assert_max_num_queries(1):
        bulk_insert(people(50, start=500))
    assert Person.objects.filter(last_name__startswith="Иванова-5").count() >= 50
