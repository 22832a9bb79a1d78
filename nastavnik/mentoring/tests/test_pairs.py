import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nastavnik.mentoring.choices import EventKind, ProgramFormat, ProgramStatus
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.mentoring.periods import add_months, program_end_default, program_period_errors
from nastavnik.mentoring.tests.helpers import draft_program, second_mentee

pytestmark = pytest.mark.django_db


def test_program_create_forms_a_pair_with_a_draft_program(world):
    program = draft_program(world)
    assert program.status == ProgramStatus.DRAFT
    assert program.format == ProgramFormat.PAIR
    assert program.stage.code == "preparatory"
    assert [(p.mentor, p.mentee) for p in program.pairs.all()] == [(world.mentor_a, world.mentee_a)]
    assert list(program.kinds.values_list("code", flat=True)) == ["traditional"]
    assert program.deficits.count() == 1
    assert "методическ" in program.direction
    event = program.events.get()
    assert event.kind == EventKind.CREATED
    assert "Наставникова" in event.summary and event.author == world.users["curator_a"]


def test_program_create_forms_a_group(world):
    program = draft_program(world, mentees=[world.mentee_a, second_mentee(world)])
    assert program.format == ProgramFormat.GROUP
    assert program.pairs.count() == 2
    assert set(program.kinds.values_list("code", flat=True)) == {"traditional", "group"}


def test_program_create_refuses_without_written_consent(world):
    from nastavnik.matching.tests.bank import mentee

    person = second_mentee(world)
    mentee(person, world.school_a, consent_given_on=None)
    with pytest.raises(ValidationError) as error:
        draft_program(world, mentees=[person])
    assert "согласи" in str(error.value)
    assert not PersonalizedProgram.objects.exists()


def test_program_period_is_held_in_months_by_the_service():
    start = dt.date(2026, 9, 1)
    assert program_end_default(start) == dt.date(2027, 5, 31)
    assert program_period_errors(start, dt.date(2026, 11, 30)) == []
    assert program_period_errors(start, dt.date(2027, 8, 31)) == []
    assert "не меньше трёх месяцев" in program_period_errors(start, dt.date(2026, 11, 29))[0]
    assert "не больше одного года" in program_period_errors(start, dt.date(2027, 9, 1))[0]
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)


def test_program_period_is_held_by_the_database(world):
    program = draft_program(world)
    for ends_on in (program.starts_on + dt.timedelta(days=30), program.starts_on + dt.timedelta(days=400)):
        with pytest.raises(IntegrityError), transaction.atomic():
            PersonalizedProgram.objects.filter(pk=program.pk).update(ends_on=ends_on)
    PersonalizedProgram.objects.filter(pk=program.pk).update(ends_on=add_months(program.starts_on, 3))
