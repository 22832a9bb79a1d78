"""Questionnaires in the life of a program (issue 14, seed 004 §9.2, §6.2.3): the start assigns the
«before» ones, the reflective stage opens the mentee's «after» self-assessment, the completion
needs it and assigns the feedback, a termination cancels what is pending, a newcomer gets theirs;
the migrated self-assessment; the home block; the reminders."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nastavnik.mentoring import signals
from nastavnik.mentoring.choices import ProgramStatus, RequestKind
from nastavnik.mentoring.models import Meeting
from nastavnik.mentoring.services.completion import mentor_report_submit, program_complete
from nastavnik.mentoring.services.programs import program_stage_advance, program_terminate
from nastavnik.mentoring.services.requests import pair_request_decide, pair_request_submit
from nastavnik.mentoring.tests.test_programs_services import active, approved
from nastavnik.monitoring.choices import AssignmentStatus, Audience, Phase
from nastavnik.monitoring.lifecycle import DUE_DAYS
from nastavnik.monitoring.models import Answer, Assignment, Questionnaire
from nastavnik.monitoring.reminders import questionnaire_reminders_send
from nastavnik.reference.models import CompetenceArea, MeetingType
from nastavnik.testing import factories as f
from nastavnik.testing.questionnaires import answer_self_assessment

pytestmark = pytest.mark.django_db


def owed(program, **filters) -> set[tuple[str, int, str]]:
    """(questionnaire code or title, person pk, status) of ``program``'s assignments."""
    return {
        (a.questionnaire.code or a.questionnaire.title, a.person_id, a.status)
        for a in Assignment.objects.filter(program=program, **filters).select_related("questionnaire")
    }


def made(owner, *, audience=Audience.MENTEE, phase=Phase.BEFORE, title="Анкета школы", **fields):
    return Questionnaire.objects.create(title=title, audience=audience, phase=phase, owner=owner, **fields)


def ready_but_after(world):
    """An active program of mentor_a and mentee_a with the report, the final meeting and the
    self-assessment «before» answered, but not the «after» one."""
    program = active(world)
    answer_self_assessment(program, world.mentee_a, "before", difficulty=7)
    mentor_report_submit(program=program, by=world.users["mentor_a"], work_done="Уроки", results="Рост")
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=1),
        agenda="Итоги",
        status="held",
    )
    program.refresh_from_db()
    return program


# --- the start -----------------------------------------------------------------------------------


def test_the_start_assigns_the_before_questionnaires_to_each_participant_exactly_once(world):
    # given questionnaires «before» of the school, of its municipality, of another school, an
    # inactive one and one for mentors
    school_made = made(world.school_a, title="Анкета школы А")
    above = made(world.muni1, title="Анкета муниципалитета")
    made(world.school_b, title="Анкета школы Б")
    made(world.school_a, title="Неактивная анкета", is_active=False)
    for_mentors = made(world.school_a, audience=Audience.MENTOR, title="Анкета для наставников")

    # when the program starts
    program = active(world)

    # then the mentee owes the self-assessment and the two of their units, the mentor theirs
    mentee, mentor = world.mentee_a.pk, world.mentor_a.pk
    pending = AssignmentStatus.PENDING
    assert owed(program) == {
        ("mentee_difficulties_before", mentee, pending),
        (school_made.title, mentee, pending),
        (above.title, mentee, pending),
        ("mentor_expectations_before", mentor, pending),
        (for_mentors.title, mentor, pending),
    }
    assignment = Assignment.objects.get(program=program, questionnaire__code="mentee_difficulties_before")
    assert assignment.due_on == timezone.localdate() + dt.timedelta(days=DUE_DAYS)
    assert assignment.phase == Phase.BEFORE and assignment.organization == world.school_a

    # and the signal sent again assigns nothing more
    signals.send(signals.program_started, program, None)
    assert Assignment.objects.filter(program=program).count() == 5


def test_a_draft_or_approved_program_assigns_nothing(world):
    program = approved(world)
    assert not Assignment.objects.filter(program=program).exists()


# --- the reflective stage: the «after» self-assessment -------------------------------------------


def test_the_after_self_assessment_opens_with_the_mentor_report(world):
    program = active(world)
    assert not Assignment.objects.filter(program=program, phase=Phase.AFTER).exists()

    mentor_report_submit(program=program, by=world.users["mentor_a"], work_done="Уроки", results="Рост")

    assert owed(program, phase=Phase.AFTER) == {
        ("mentee_difficulties_after", world.mentee_a.pk, AssignmentStatus.PENDING)
    }


def test_the_after_self_assessment_opens_when_the_manager_moves_to_the_reflective_stage(world):
    program = active(world)  # the implementation stage
    program_stage_advance(program=program, by=world.users["curator_a"])
    program.refresh_from_db()
    assert program.stage.code == "reflective_analytical"
    assert owed(program, phase=Phase.AFTER) == {
        ("mentee_difficulties_after", world.mentee_a.pk, AssignmentStatus.PENDING)
    }


def test_a_program_started_at_the_reflective_stage_opens_both(world):
    from nastavnik.mentoring.services.programs import program_start

    program = approved(world)
    while program.stage.code != "reflective_analytical":
        program = program_stage_advance(program=program, by=world.users["curator_a"])
    program_start(program=program, by=world.users["curator_a"])
    codes = {code for code, _, _ in owed(program)}
    assert {"mentee_difficulties_before", "mentee_difficulties_after"} <= codes


# --- the completion ------------------------------------------------------------------------------


def test_completion_is_refused_until_the_after_self_assessment_is_answered_then_assigns_feedback(world):
    program = ready_but_after(world)
    curator = world.users["curator_a"]

    with pytest.raises(ValidationError) as error:
        program_complete(program=program, by=curator, results="Итоги")
    assert error.value.messages == [
        "Программу нельзя завершить:",
        "— Молодцова М. П.: не заполнена самооценка затруднений после программы.",
    ]
    assert not Assignment.objects.filter(
        program=program, questionnaire__code="mentee_feedback_after"
    ).exists()

    answer_self_assessment(program, world.mentee_a, "after", difficulty=3)
    program_complete(program=program, by=curator, results="Итоги")

    program.refresh_from_db()
    assert program.status == ProgramStatus.COMPLETED
    mentee, mentor = world.mentee_a.pk, world.mentor_a.pk
    assert owed(program, phase=Phase.AFTER) == {
        ("mentee_difficulties_after", mentee, AssignmentStatus.SUBMITTED),
        ("mentee_feedback_after", mentee, AssignmentStatus.PENDING),
        ("mentor_feedback_after", mentor, AssignmentStatus.PENDING),
    }
    # the mentor's expectations, never answered, are no longer owed after the program
    assert owed(program, phase=Phase.BEFORE) == {
        ("mentee_difficulties_before", mentee, AssignmentStatus.SUBMITTED),
        ("mentor_expectations_before", mentor, AssignmentStatus.CANCELLED),
    }


def test_the_after_self_assessment_is_not_missing_it_says_when_it_opens(world):
    program = active(world)
    answer_self_assessment(program, world.mentee_a, "before")
    with pytest.raises(ValidationError) as error:
        program_complete(program=program, by=world.users["curator_a"], results="Итоги")
    assert (
        "— Молодцова М. П.: не заполнена самооценка затруднений после программы (она открывается на "
        "рефлексивно-аналитическом этапе — после отчёта наставника);" in error.value.messages
    )


def test_the_curator_sees_the_difficulties_by_area_on_the_program_page(world):
    program = ready_but_after(world)
    answer_self_assessment(program, world.mentee_a, "after", by_area={"methodical": 2}, difficulty=7)
    client = Client()
    client.force_login(world.users["curator_a"])
    content = client.get(program.get_absolute_url()).content.decode()
    assert 'data-testid="difficulty-table"' in content
    assert (
        "Самооценка затруднений наставляемых (1 — затруднений нет, 10 — очень серьёзные затруднения)"
        in content
    )
    assert "<td>Методические</td><td>7</td><td>2</td>\n          <td>−5</td>" in content


# --- termination and newcomers -------------------------------------------------------------------


def test_termination_cancels_what_is_pending_and_keeps_what_was_answered(world):
    program = active(world)
    answer_self_assessment(program, world.mentee_a, "before")
    program_terminate(program=program, by=world.users["curator_a"], reason="Увольнение наставляемой")
    assert owed(program) == {
        ("mentee_difficulties_before", world.mentee_a.pk, AssignmentStatus.SUBMITTED),
        ("mentor_expectations_before", world.mentor_a.pk, AssignmentStatus.CANCELLED),
    }
    assert Answer.objects.filter(program=program).count() == 1


def test_a_new_mentor_gets_the_before_questionnaire_and_the_replaced_one_owes_nothing(world):
    from nastavnik.matching.tests.bank import active_mentor

    program = active(world)
    newcomer = f.staff_member(world.school_a, last_name="Сменщикова")
    active_mentor(newcomer, world.school_a, capacity=3)
    pair = program.pairs.get()
    request = pair_request_submit(
        pair=pair,
        by=world.users["mentee_a"],
        kind=RequestKind.CHANGE_MENTOR,
        reason="Не совпадают расписания",
    )
    pair_request_decide(request=request, by=world.users["curator_a"], approve=True, new_mentor=newcomer)

    assert owed(program, questionnaire__code="mentor_expectations_before") == {
        ("mentor_expectations_before", world.mentor_a.pk, AssignmentStatus.CANCELLED),
        ("mentor_expectations_before", newcomer.pk, AssignmentStatus.PENDING),
    }
    # the mentee stays in the program: their self-assessment is still owed, once
    assert owed(program, questionnaire__code="mentee_difficulties_before") == {
        ("mentee_difficulties_before", world.mentee_a.pk, AssignmentStatus.PENDING)
    }


# --- the migration of mentoring.SelfAssessment ---------------------------------------------------


def _migration():
    return importlib.import_module("nastavnik.monitoring.migrations.0003_self_assessment_answers")


@pytest.mark.parametrize("score, difficulty", [(5, 1), (4, 3), (3, 5), (2, 7), (1, 9)])
def test_a_self_assessment_score_becomes_a_difficulty(score, difficulty):
    assert _migration().difficulty(score) == difficulty


@pytest.mark.parametrize("score", [0, 6, None, "3"])
def test_a_score_outside_one_to_five_is_not_converted(score):
    with pytest.raises(ValueError):
        _migration().difficulty(score)


def test_the_rows_of_a_mentee_become_one_answer_per_phase():
    earlier = timezone.make_aware(dt.datetime(2026, 3, 1, 10))
    later = timezone.make_aware(dt.datetime(2026, 5, 1, 10))
    rows = [
        (10, 7, 1, 2, 4, earlier),  # program 10, mentee 7, area 1: 2 → 4
        (10, 7, 2, 1, None, later),  # area 2: only before
        (10, 8, 1, None, None, later),  # nothing scored
    ]
    assert _migration().group_rows(rows) == {
        (10, 7, "before"): {"areas": {1: 7, 2: 9}, "at": later},
        (10, 7, "after"): {"areas": {1: 3}, "at": earlier},
    }


def test_the_conversion_writes_answers_items_and_submitted_assignments(world):
    """The migration's ``convert`` on a stand-in of the old table, with today's models."""
    from django.apps import apps as global_apps
    from django.db import connection

    program = active(world)
    area_pk = dict(CompetenceArea.objects.values_list("code", "pk"))
    moment = timezone.make_aware(dt.datetime(2026, 3, 15, 12))
    rows = [
        (program.pk, world.mentee_a.pk, area_pk["methodical"], 2, 4, moment),
        (program.pk, world.mentee_a.pk, area_pk["legal"], 5, 5, moment),
    ]

    class Rows:
        def using(self, alias):
            return self

        def values_list(self, *fields):
            return self

        def iterator(self):
            return iter(rows)

    class Apps:
        def get_model(self, app, name):
            if name == "SelfAssessment":
                return type("SelfAssessment", (), {"objects": Rows()})
            return global_apps.get_model(app, name)

    class Editor:
        pass

    Editor.connection = connection
    # the start assigned the «before» self-assessment: the migrated answer takes it over
    _migration().convert(Apps(), Editor())

    answers = {a.phase: a for a in Answer.objects.filter(program=program, person=world.mentee_a)}
    assert set(answers) == {"before", "after"}
    before = {i.question.area.code: i.scale for i in answers["before"].items.select_related("question__area")}
    after = {i.question.area.code: i.scale for i in answers["after"].items.select_related("question__area")}
    assert before == {"methodical": 7, "legal": 1} and after == {"methodical": 3, "legal": 1}
    assert answers["before"].month == dt.date(2026, 3, 1) and answers["before"].submitted_at == moment
    assert owed(program, questionnaire__code__startswith="mentee_difficulties") == {
        ("mentee_difficulties_before", world.mentee_a.pk, AssignmentStatus.SUBMITTED),
        ("mentee_difficulties_after", world.mentee_a.pk, AssignmentStatus.SUBMITTED),
    }
    # run twice, it writes nothing more
    _migration().convert(Apps(), Editor())
    assert Answer.objects.filter(program=program).count() == 2


# --- the home block ------------------------------------------------------------------------------


def test_the_mentee_sees_what_they_owe_on_the_home_page_and_the_overdue_in_red(world):
    program = active(world)
    Assignment.objects.filter(program=program, person=world.mentee_a).update(due_on=dt.date(2026, 1, 10))
    client = Client()
    client.force_login(world.users["mentee_a"])
    content = client.get("/").content.decode()
    assert 'data-testid="owed-questionnaires"' in content
    assert "Самооценка профессиональных затруднений (до входа в программу)" in content
    assert str(program) in content
    assert '<span class="badge text-bg-danger">срок истёк 10.01.2026</span>' in content

    # once answered, it is no longer listed
    answer_self_assessment(program, world.mentee_a, "before")
    content = client.get("/").content.decode()
    assert "Самооценка профессиональных затруднений (до входа в программу)" not in content


def test_the_home_block_shows_the_due_date_and_is_absent_for_who_owes_nothing(world):
    program = active(world)
    client = Client()
    client.force_login(world.users["mentor_a"])
    content = client.get("/").content.decode()
    due = timezone.localdate() + dt.timedelta(days=DUE_DAYS)
    assert "Мотивация и ожидания наставника (до начала программы)" in content
    assert f"ответить до {due:%d.%m.%Y}" in content
    client.force_login(world.users["curator_b"])
    assert 'data-testid="owed-questionnaires"' not in client.get("/").content.decode()
    assert Assignment.objects.filter(program=program, person=world.mentor_a).exists()


def test_the_home_block_reads_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    from nastavnik.access.scope import get_scope
    from nastavnik.core.home import HomeRequest
    from nastavnik.monitoring.home import home_questionnaires

    active(world)
    user = world.users["mentee_a"]
    request = HomeRequest(user=user, scope=get_scope(user))
    with django_assert_max_num_queries(2):
        block = home_questionnaires(request)["owed_questionnaires"]
    assert [item.title for item in block["items"]] == [
        "Самооценка профессиональных затруднений (до входа в программу)"
    ]


# --- the reminders -------------------------------------------------------------------------------


def _due(program, person, days: int) -> Assignment:
    assignment = Assignment.objects.get(program=program, person=person)
    Assignment.objects.filter(pk=assignment.pk).update(due_on=timezone.localdate() + dt.timedelta(days=days))
    return assignment


def test_reminders_go_within_three_days_and_overdue_once_per_three_days(world):
    program = active(world)
    world.mentee_a.email = "molodcova@example.ru"
    world.mentee_a.save(update_fields=["email"])
    world.mentor_a.email = "nastavnikova@example.ru"
    world.mentor_a.save(update_fields=["email"])
    _due(program, world.mentee_a, -2)  # overdue
    _due(program, world.mentor_a, 10)  # not yet

    now = timezone.now()
    assert questionnaire_reminders_send(now=now, base_url="https://nastavnik.example.ru") == 1
    (letter,) = mail.outbox
    assert letter.to == ["molodcova@example.ru"]
    assert letter.subject == "Напоминание: анкеты ждут ответа (срок истёк)"
    assert letter.body.startswith(f"Здравствуйте, {world.mentee_a.first_name} {world.mentee_a.middle_name}!")
    assert "«Самооценка профессиональных затруднений (до входа в программу)»" in letter.body
    assert "срок истёк" in letter.body
    assignment = Assignment.objects.get(program=program, person=world.mentee_a)
    assert assignment.reminded_at == now

    # the same day and two days later: nothing more; three days later: again
    assert questionnaire_reminders_send(now=now + dt.timedelta(hours=1)) == 0
    assert questionnaire_reminders_send(now=now + dt.timedelta(days=2)) == 0
    assert questionnaire_reminders_send(now=now + dt.timedelta(days=3)) == 1
    assert len(mail.outbox) == 2


def test_reminders_skip_the_answered_and_the_cancelled_and_the_command_reports(world):
    program = active(world)
    world.mentee_a.email = "molodcova@example.ru"
    world.mentee_a.save(update_fields=["email"])
    world.mentor_a.email = "nastavnikova@example.ru"
    world.mentor_a.save(update_fields=["email"])
    _due(program, world.mentee_a, 1)
    _due(program, world.mentor_a, 3)
    answer_self_assessment(program, world.mentee_a, "before")
    Assignment.objects.filter(program=program, person=world.mentor_a).update(
        status=AssignmentStatus.CANCELLED
    )
    assert questionnaire_reminders_send() == 0

    Assignment.objects.filter(program=program, person=world.mentor_a).update(status=AssignmentStatus.PENDING)
    from io import StringIO

    out = StringIO()
    call_command("send_questionnaire_reminders", stdout=out)
    assert out.getvalue().strip() == "Отправлено напоминаний: 1."
    (letter,) = mail.outbox
    assert letter.to == ["nastavnikova@example.ru"]
    assert letter.subject.startswith("Напоминание: анкеты ждут ответа до ")
