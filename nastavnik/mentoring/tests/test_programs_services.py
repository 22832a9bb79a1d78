"""Services of personalized programs: the draft's contents, the named status actions along
``PROGRAM_TRANSITIONS``, the stages and the activity plan, each writing its event."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.development.choices import DeficitLevel, DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.matching.tests.bank import mentee
from nastavnik.mentoring.choices import (
    ActivityStatus,
    EventKind,
    PairEndReason,
    ProgramStatus,
)
from nastavnik.mentoring.models import ActivityPlanItem, PersonalizedProgram
from nastavnik.mentoring.periods import add_months
from nastavnik.mentoring.services.programs import (
    plan_item_add,
    plan_item_delete,
    plan_item_report,
    plan_item_update,
    program_approve,
    program_return_to_draft,
    program_stage_advance,
    program_start,
    program_terminate,
    program_update,
)
from nastavnik.mentoring.tests.helpers import draft_program, second_mentee
from nastavnik.reference.models import CompetenceArea, PersonalizedProgramStage

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


def stage(code):
    return PersonalizedProgramStage.objects.get(code=code)


def add_item(program, by, title="Знакомство с наставляемым", code="preparatory", **fields):
    fields.setdefault("starts_on", program.starts_on)
    fields.setdefault("ends_on", program.starts_on + dt.timedelta(days=14))
    return plan_item_add(program=program, by=by, stage=stage(code), title=title, **fields)


def approvable(world):
    """A draft with everything approval needs: the curator (a teacher of school A) and one
    activity of the plan."""
    program = draft_program(world, curator=world.teacher_a)
    add_item(program, world.users["curator_a"])
    return program


def approved(world):
    return program_approve(program=approvable(world), by=world.users["curator_a"])


def active(world):
    return program_start(program=approved(world), by=world.users["curator_a"])


def last_event(program):
    return program.events.order_by("-occurred_at", "-pk").first()


def force_status(program, status):
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=status)
    program.refresh_from_db()
    return program


# Contents of a draft ---------------------------------------------------------------------------


def test_update_changes_the_draft_and_names_the_changed_fields(world):
    program = draft_program(world)
    curator = world.users["curator_a"]
    new_end = add_months(program.starts_on, 6) - dt.timedelta(days=1)
    program_update(program=program, by=curator, direction="Освоение цифровых инструментов", ends_on=new_end)
    program.refresh_from_db()
    assert program.direction == "Освоение цифровых инструментов" and program.ends_on == new_end
    event = last_event(program)
    assert event.kind == EventKind.UPDATED and event.author == curator
    assert event.summary == "Изменено: направление, дата окончания"


def test_update_without_changes_writes_no_event(world):
    program = draft_program(world)
    before = program.events.count()
    program_update(program=program, by=world.users["curator_a"], direction=program.direction)
    assert program.events.count() == before


@pytest.mark.parametrize(
    ("months", "days", "ok"),
    [(3, -1, True), (3, -2, False), (12, -1, True), (12, 0, False)],
)
def test_update_holds_the_period_in_calendar_months(world, months, days, ok):
    program = draft_program(world)
    ends_on = add_months(program.starts_on, months) + dt.timedelta(days=days)
    if ok:
        program_update(program=program, by=world.users["curator_a"], ends_on=ends_on)
        assert PersonalizedProgram.objects.get(pk=program.pk).ends_on == ends_on
    else:
        with pytest.raises(ValidationError) as error:
            program_update(program=program, by=world.users["curator_a"], ends_on=ends_on)
        assert "ends_on" in error.value.message_dict
        assert PersonalizedProgram.objects.get(pk=program.pk).ends_on != ends_on


def test_the_database_holds_the_period_and_the_plan_dates(world):
    program = draft_program(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonalizedProgram.objects.filter(pk=program.pk).update(ends_on=program.starts_on)
    item = add_item(program, world.users["curator_a"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityPlanItem.objects.filter(pk=item.pk).update(ends_on=item.starts_on - dt.timedelta(days=1))


def test_update_refuses_a_period_that_leaves_plan_items_outside(world):
    program = draft_program(world)
    add_item(
        program,
        world.users["curator_a"],
        title="Итоговая встреча",
        starts_on=program.ends_on - dt.timedelta(days=3),
        ends_on=program.ends_on,
    )
    shorter = add_months(program.starts_on, 3) - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        program_update(program=program, by=world.users["curator_a"], ends_on=shorter)
    assert "«Итоговая встреча»" in str(error.value)


def test_update_accepts_only_the_difficulties_of_the_programs_mentees(world):
    program = draft_program(world)
    other = second_mentee(world)
    mentee(other, world.school_a, difficulties=("ict_digital",))
    foreign = Deficit.objects.get(person=other)
    own = Deficit.objects.get(person=world.mentee_a)
    with pytest.raises(ValidationError) as error:
        program_update(program=program, by=world.users["curator_a"], deficits=[own, foreign])
    assert "своих наставляемых" in str(error.value)
    program_update(program=program, by=world.users["curator_a"], deficits=[])
    assert program.deficits.count() == 0
    assert "затруднения" in last_event(program).summary


def test_a_new_program_addresses_the_deficits_of_the_mentees_latest_diagnosis(world):
    # given a mentee with a methodical deficit on the bank's card and, later, a tutor's diagnosis
    # that found a critical ICT deficit
    mentee(world.mentee_a, world.school_a)
    ict = Deficit.objects.create(
        person=world.mentee_a,
        organization=world.school_a,
        area=CompetenceArea.objects.get(code="ict_digital"),
        level=DeficitLevel.CRITICAL,
        source=DeficitSource.TUTOR,
        diagnosed_on=today() - dt.timedelta(days=10),
    )
    # when a pair is formed with the defaults
    program = draft_program(world)
    # then the program is aimed at the deficits of the latest diagnosis, and says so
    assert list(program.deficits.all()) == [ict]
    assert (
        program.direction
        == "Преодоление профессиональных затруднений: ИКТ-компетенции, цифровизация образования"
    )


def test_update_requires_a_kind_and_a_curator_of_the_organization(world):
    program = draft_program(world)
    with pytest.raises(ValidationError) as error:
        program_update(program=program, by=world.users["curator_a"], kinds=[])
    assert "вид наставничества" in str(error.value)
    with pytest.raises(ValidationError) as error:
        program_update(program=program, by=world.users["curator_a"], curator=world.teacher_b)
    assert "из работников организации" in str(error.value)
    program_update(program=program, by=world.users["curator_a"], curator=world.teacher_a)
    assert PersonalizedProgram.objects.get(pk=program.pk).curator == world.teacher_a


def test_update_refuses_unknown_fields(world):
    program = draft_program(world)
    with pytest.raises(TypeError):
        program_update(program=program, by=None, status=ProgramStatus.ACTIVE)


@pytest.mark.parametrize("status", [ProgramStatus.APPROVED, ProgramStatus.ACTIVE, ProgramStatus.TERMINATED])
def test_only_a_draft_is_updated(world, status):
    program = force_status(draft_program(world), status)
    with pytest.raises(ValidationError) as error:
        program_update(program=program, by=world.users["curator_a"], direction="Другое")
    assert "только проект программы" in str(error.value)
    assert PersonalizedProgram.objects.get(pk=program.pk).direction != "Другое"


# Status actions --------------------------------------------------------------------------------


def test_approve_lists_what_is_missing(world):
    program = draft_program(world)  # created by curator_a, who has no person: no curator
    with pytest.raises(ValidationError) as error:
        program_approve(program=program, by=world.users["curator_a"])
    message = str(error.value)
    assert "не назначен куратор" in message and "нет ни одного мероприятия" in message
    assert PersonalizedProgram.objects.get(pk=program.pk).status == ProgramStatus.DRAFT


def test_approve_requires_the_written_consents_still_on_file(world):
    program = approvable(world)
    MenteeProfile.objects.filter(person=world.mentee_a).update(consent_given_on=None)
    MentorProfile.objects.filter(person=world.mentor_a).update(consent_given_on=None)
    with pytest.raises(ValidationError) as error:
        program_approve(program=program, by=world.users["curator_a"])
    message = str(error.value)
    assert "нет письменного согласия наставляемого Молодцова" in message
    assert "нет письменного согласия наставника Наставникова" in message


def test_approve_sets_the_date_the_design_stage_and_writes_the_event(world):
    program = approvable(world)
    curator = world.users["curator_a"]
    program_approve(program=program, by=curator, comment="Рассмотрено на совете наставников")
    assert program.status == ProgramStatus.APPROVED
    assert program.approved_on == today() and program.stage.code == "design"
    event = last_event(program)
    assert (event.kind, event.from_status, event.to_status) == (
        EventKind.STATUS,
        ProgramStatus.DRAFT,
        ProgramStatus.APPROVED,
    )
    assert event.author == curator and event.comment == "Рассмотрено на совете наставников"


def test_return_to_draft_requires_a_comment_and_clears_the_approval(world):
    program = approved(world)
    for comment in ("", "   "):
        with pytest.raises(ValidationError) as error:
            program_return_to_draft(program=program, by=world.users["head_a"], comment=comment)
        assert "comment" in error.value.message_dict
    program_return_to_draft(program=program, by=world.users["head_a"], comment="Уточнить цели")
    assert program.status == ProgramStatus.DRAFT and program.approved_on is None
    event = last_event(program)
    assert (event.from_status, event.to_status, event.author) == (
        ProgramStatus.APPROVED,
        ProgramStatus.DRAFT,
        world.users["head_a"],
    )
    assert event.comment == "Уточнить цели"
    # and a returned draft is edited and approved again
    program_update(program=program, by=world.users["curator_a"], goals="Уточнённые цели")
    program_approve(program=program, by=world.users["curator_a"])
    assert program.status == ProgramStatus.APPROVED


def test_start_moves_to_the_implementation_stage(world):
    program = active(world)
    assert program.status == ProgramStatus.ACTIVE and program.stage.code == "implementation"
    event = last_event(program)
    assert (event.from_status, event.to_status) == (ProgramStatus.APPROVED, ProgramStatus.ACTIVE)
    assert event.author == world.users["curator_a"]


@pytest.mark.parametrize("build", [draft_program, approved, active])
def test_terminate_ends_the_open_pairs(world, build):
    program = build(world)
    with pytest.raises(ValidationError):
        program_terminate(program=program, by=world.users["curator_a"], reason=" ")
    program_terminate(program=program, by=world.users["curator_a"], reason="Увольнение наставляемого")
    assert program.status == ProgramStatus.TERMINATED
    assert program.terminated_on == today() and program.termination_reason == "Увольнение наставляемого"
    pair = program.pairs.get()
    assert pair.ended_on == today() and pair.end_reason == PairEndReason.TERMINATED
    event = last_event(program)
    assert event.to_status == ProgramStatus.TERMINATED and event.author == world.users["curator_a"]
    assert "Наставникова" in event.summary and event.comment == "Увольнение наставляемого"


ACTIONS = {
    "approve": lambda p, u: program_approve(program=p, by=u),
    "return": lambda p, u: program_return_to_draft(program=p, by=u, comment="Доработать"),
    "start": lambda p, u: program_start(program=p, by=u),
    "terminate": lambda p, u: program_terminate(program=p, by=u, reason="Основание"),
}
#: status → the actions PROGRAM_TRANSITIONS allow from it.
ALLOWED = {
    ProgramStatus.DRAFT: {"approve", "terminate"},
    ProgramStatus.APPROVED: {"return", "start", "terminate"},
    ProgramStatus.ACTIVE: {"terminate"},
    ProgramStatus.COMPLETED: set(),
    ProgramStatus.TERMINATED: set(),
}


@pytest.mark.parametrize("status", list(ALLOWED))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_transition_is_allowed_or_refused_as_the_table_says(world, status, action):
    program = force_status(approvable(world), status)
    events = program.events.count()
    if action in ALLOWED[status]:
        ACTIONS[action](program, world.users["curator_a"])
        assert program.events.count() == events + 1
        assert last_event(program).from_status == status
    else:
        with pytest.raises(ValidationError) as error:
            ACTIONS[action](program, world.users["curator_a"])
        assert "Нельзя перевести программу из статуса" in str(error.value)
        assert PersonalizedProgram.objects.get(pk=program.pk).status == status
        assert program.events.count() == events


def test_completed_is_not_reachable_here(world):
    import nastavnik.mentoring.services.programs as module

    assert not hasattr(module, "program_complete")


# Stages ----------------------------------------------------------------------------------------


def test_stage_advances_by_order_and_never_to_the_resultative_stage(world):
    program = approved(world)
    curator = world.users["curator_a"]
    program_stage_advance(program=program, by=curator, comment="Маршрут спроектирован")
    assert program.stage.code == "implementation"
    event = last_event(program)
    assert event.kind == EventKind.STAGE and event.author == curator
    assert "Реализационный этап" in event.summary and event.comment == "Маршрут спроектирован"
    program_start(program=program, by=curator)
    assert program.stage.code == "implementation"  # already there
    program_stage_advance(program=program, by=curator)
    assert program.stage.code == "reflective_analytical"
    with pytest.raises(ValidationError) as error:
        program_stage_advance(program=program, by=curator)
    assert "результативный этап" in str(error.value)
    assert PersonalizedProgram.objects.get(pk=program.pk).stage.code == "reflective_analytical"


@pytest.mark.parametrize("status", [ProgramStatus.DRAFT, ProgramStatus.COMPLETED, ProgramStatus.TERMINATED])
def test_stage_does_not_change_outside_approved_and_active(world, status):
    program = force_status(draft_program(world), status)
    with pytest.raises(ValidationError) as error:
        program_stage_advance(program=program, by=world.users["curator_a"])
    assert "утверждённой или реализуемой" in str(error.value)


# Activity plan ---------------------------------------------------------------------------------


def test_plan_item_dates_lie_within_the_program(world):
    program = draft_program(world)
    curator = world.users["curator_a"]
    with pytest.raises(ValidationError) as error:
        add_item(program, curator, starts_on=program.starts_on - dt.timedelta(days=1))
    assert "starts_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add_item(program, curator, ends_on=program.ends_on + dt.timedelta(days=1))
    assert "в пределах срока программы" in error.value.message_dict["ends_on"][0]
    with pytest.raises(ValidationError) as error:
        add_item(
            program, curator, starts_on=program.starts_on + dt.timedelta(days=5), ends_on=program.starts_on
        )
    assert "раньше его начала" in error.value.message_dict["ends_on"][0]
    item = add_item(program, curator)
    event = last_event(program)
    assert event.kind == EventKind.PLAN and event.author == curator and "Знакомство" in event.summary
    with pytest.raises(ValidationError):
        plan_item_update(item=item, by=curator, ends_on=program.ends_on + dt.timedelta(days=1))
    plan_item_update(item=item, by=curator, title="Встреча-знакомство", stage=stage("design"))
    item.refresh_from_db()
    assert item.title == "Встреча-знакомство" and item.stage.code == "design"
    assert last_event(program).summary == "Изменено мероприятие «Встреча-знакомство»: этап, мероприятие"


@pytest.mark.parametrize("status", [ProgramStatus.COMPLETED, ProgramStatus.TERMINATED])
def test_the_plan_of_a_closed_program_does_not_change(world, status):
    program = draft_program(world)
    item = add_item(program, world.users["curator_a"])
    force_status(program, status)
    with pytest.raises(ValidationError):
        add_item(program, world.users["curator_a"])
    with pytest.raises(ValidationError):
        plan_item_update(item=item, by=world.users["curator_a"], title="Другое")
    with pytest.raises(ValidationError):
        plan_item_report(item=item, by=world.users["mentor_a"], status=ActivityStatus.DONE)
    assert ActivityPlanItem.objects.get(pk=item.pk).title == "Знакомство с наставляемым"


def test_plan_item_report_keeps_the_evidence_file(world):
    program = active(world)
    item = program.plan_items.get()
    mentee_user = world.users["mentee_a"]
    with pytest.raises(ValidationError):
        plan_item_report(item=item, by=mentee_user, status="finished")
    # «done» needs nothing
    plan_item_report(item=item, by=mentee_user, status=ActivityStatus.DONE)
    item.refresh_from_db()
    assert item.status == ActivityStatus.DONE and not item.evidence
    event = last_event(program)
    assert event.kind == EventKind.PLAN and event.author == mentee_user
    assert "запланировано → выполнено" in event.summary
    # a file is uploaded, then kept by a later report without one
    evidence = SimpleUploadedFile("konspekt.pdf", b"%PDF-1.4 product", content_type="application/pdf")
    plan_item_report(
        item=item,
        by=world.users["mentor_a"],
        status=ActivityStatus.DONE,
        evidence=evidence,
        evidence_note="Конспект",
    )
    item.refresh_from_db()
    assert item.evidence.name.startswith("mentoring/evidence/konspekt") and item.evidence_note == "Конспект"
    assert "загружен подтверждающий файл" in last_event(program).summary
    kept = item.evidence.name
    plan_item_report(item=item, by=world.users["mentor_a"], status=ActivityStatus.IN_PROGRESS)
    item.refresh_from_db()
    assert item.evidence.name == kept and item.evidence_note == "Конспект"
    assert item.status == ActivityStatus.IN_PROGRESS


def test_plan_item_report_waits_for_the_approval(world):
    program = draft_program(world)
    item = add_item(program, world.users["curator_a"])
    with pytest.raises(ValidationError) as error:
        plan_item_report(item=item, by=world.users["mentor_a"], status=ActivityStatus.DONE)
    assert "после утверждения" in str(error.value)


def test_plan_item_is_deleted_only_from_a_draft(world):
    program = approvable(world)
    item = program.plan_items.get()
    spare = add_item(program, world.users["curator_a"], title="Лишнее мероприятие")
    plan_item_delete(item=spare, by=world.users["curator_a"])
    assert not ActivityPlanItem.objects.filter(pk=spare.pk).exists()
    assert last_event(program).summary == "Удалено мероприятие «Лишнее мероприятие»"
    program_approve(program=program, by=world.users["curator_a"])
    with pytest.raises(ValidationError) as error:
        plan_item_delete(item=item, by=world.users["curator_a"])
    assert "только из проекта" in str(error.value)
    assert ActivityPlanItem.objects.filter(pk=item.pk).exists()


def test_an_earlier_start_moves_the_start_of_the_open_pairs(world):
    import datetime as dt

    from nastavnik.mentoring.periods import program_end_default
    from nastavnik.mentoring.services.programs import program_update
    from nastavnik.mentoring.tests.helpers import draft_program

    program = draft_program(world)
    start = program.starts_on - dt.timedelta(days=30)
    program_update(
        program=program, by=world.users["curator_a"], starts_on=start, ends_on=program_end_default(start)
    )
    assert list(program.pairs.values_list("started_on", flat=True)) == [start]
    assert f"пары работают с {start:%d.%m.%Y}" in program.events.last().summary
