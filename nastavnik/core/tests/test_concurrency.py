"""The shared piece of optimistic locking (``core.concurrency``): the version every write moves
on, the claim a service makes before writing, the hidden field of a form, and the comparison of
the user's values with the stored ones as the page shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.db import transaction

from nastavnik.core.concurrency import (
    CONFLICT_MESSAGE,
    DELETED_MESSAGE,
    EMPTY,
    ConcurrentEditError,
    conflict_rows,
    value_text,
    version_bump,
    version_claim,
    version_field_add,
)
from nastavnik.people.forms import PersonForm
from nastavnik.people.models import Person
from nastavnik.reference.models import Subject

pytestmark = pytest.mark.django_db


def test_a_new_row_starts_at_one_and_each_save_adds_one_in_the_database(world):
    person = Person.objects.create(
        last_name="Новикова", first_name="Ольга", sex="F", birth_date=dt.date(1990, 1, 1)
    )
    assert person.version == 1
    stale = Person.objects.get(pk=person.pk)

    # two writers that loaded the same row give two versions, not one
    person.save(update_fields=["phone"])
    stale.save()

    assert Person.objects.get(pk=person.pk).version == 3
    assert stale.version == 3 and person.version == 2


def test_a_write_around_save_moves_the_version_with_version_bump(world):
    person = world.teacher_a
    before = Person.objects.get(pk=person.pk).version

    Person.objects.filter(pk=person.pk).update(phone="1", version=version_bump())

    assert Person.objects.get(pk=person.pk).version == before + 1


def test_the_claim_passes_at_the_version_and_refuses_another_or_a_deleted_row(world):
    person = Person.objects.get(pk=world.teacher_a.pk)
    with transaction.atomic():
        version_claim(Person, person.pk, person.version)  # the same version: nothing to say
        version_claim(Person, person.pk, None)  # not known: not checked
        with pytest.raises(ConcurrentEditError) as stale:
            version_claim(Person, person.pk, person.version - 1 or 99)
    assert stale.value.messages == [CONFLICT_MESSAGE]
    assert stale.value.current.pk == person.pk and stale.value.actual == person.version
    assert Person.objects.get(pk=person.pk).version == person.version  # the claim writes nothing

    with transaction.atomic(), pytest.raises(ConcurrentEditError) as gone:
        version_claim(Person, 10**9, 1)
    assert gone.value.current is None and gone.value.messages == [DELETED_MESSAGE]


def test_the_form_carries_the_version_it_was_opened_at(world):
    person = Person.objects.get(pk=world.teacher_a.pk)
    form = PersonForm(instance=person)
    assert form["version"].value() == person.version and form.fields["version"].widget.is_hidden

    plain = forms.Form()
    version_field_add(plain, None)
    assert plain["version"].value() is None


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        (forms.DateField(), "2026-03-01", "01.03.2026"),
        (forms.DateField(), dt.date(2026, 3, 1), "01.03.2026"),
        (forms.DateField(), "", EMPTY),
        (forms.BooleanField(required=False), True, "Да"),
        (forms.BooleanField(required=False), None, EMPTY),
        (forms.BooleanField(required=False), False, "Нет"),
        (forms.ChoiceField(choices=[("f", "Женский"), ("m", "Мужской")]), "f", "Женский"),
        (
            forms.MultipleChoiceField(choices=[("a", "Б-второй"), ("b", "А-первый")]),
            ["a", "b"],
            "А-первый; Б-второй",
        ),
        (forms.MultipleChoiceField(choices=[("a", "А")]), [], EMPTY),
        (forms.CharField(), "  строка один\r\nстрока два  ", "строка один\nстрока два"),
        (forms.IntegerField(), 12, "12"),
    ],
)
def test_values_are_written_as_the_page_shows_them(field, value, text):
    assert value_text(field, value) == text


def test_rows_and_subjects_are_named_not_numbered(world):
    subject = Subject.objects.first()
    field = forms.ModelMultipleChoiceField(queryset=Subject.objects.none())
    assert value_text(field, [str(subject.pk)]) == str(subject)
    assert value_text(forms.ModelChoiceField(queryset=Subject.objects.none()), "abc") == "abc"


def test_the_comparison_marks_only_the_fields_that_differ(world):
    person = Person.objects.get(pk=world.teacher_a.pk)
    stored = PersonForm(instance=person)
    data = {name: stored[name].value() for name in stored.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["phone"] = "+7 900 123-45-67"
    data["has_pedagogical_education"] = "on" if person.has_pedagogical_education else ""
    mine = PersonForm(data, instance=person)

    rows = {row.name: row for row in conflict_rows(mine, stored)}

    assert "version" not in rows
    assert [name for name, row in rows.items() if row.differs] == ["phone"]
    assert rows["birth_date"].stored == f"{person.birth_date:%d.%m.%Y}"
    assert rows["phone"].label == "Телефон"
