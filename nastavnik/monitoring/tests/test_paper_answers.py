"""Answers typed in from a paper form (seed 004 §9.2): the curator or head of the respondent's
organization enters a NAMED questionnaire for a person (many teachers have no account), the answer
records who typed it in; an anonymous questionnaire only its respondent answers. A program whose
mentee has no account is completed with both self-assessments typed in by the curator."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.core.users import user_name
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import Meeting
from nastavnik.mentoring.services.completion import mentor_report_submit, program_complete
from nastavnik.mentoring.tests.test_programs_services import active
from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.choices import AssignmentStatus, Phase
from nastavnik.monitoring.models import Answer, Assignment
from nastavnik.monitoring.services import questionnaires as svc
from nastavnik.people.models import Person
from nastavnik.reference.models import MeetingType
from nastavnik.testing.questionnaires import filled_values, owed

pytestmark = pytest.mark.django_db

NOTICE = "Вы вносите ответы Молодцовой М. П. с бумажной анкеты"


def assign(world, code: str, person=None) -> Assignment:
    return svc.assign(
        questionnaire=builtin_questionnaire(code),
        person=person or world.mentee_a,
        organization=world.school_a,
        phase=Phase.BEFORE,
    )


def values(assignment: Assignment) -> dict:
    return filled_values(assignment.questionnaire, difficulty=6)


def without_account(person) -> None:
    """The person has no account (many teachers have none)."""
    Person.objects.filter(pk=person.pk).update(user=None)


# --- the service ---------------------------------------------------------------------------------


def test_the_person_answers_and_nobody_is_recorded_as_typing_it_in(world):
    assignment = assign(world, "mentee_difficulties_before")
    answer = svc.answer_submit(assignment=assignment, by=world.users["mentee_a"], values=values(assignment))
    assert answer.person == world.mentee_a and answer.entered_by is None


@pytest.mark.parametrize("persona", ["curator_a", "head_a"])
def test_the_curator_or_head_types_in_a_named_answer_recording_who_did(world, persona):
    without_account(world.mentee_a)
    assignment = assign(world, "mentee_difficulties_before")
    by = world.users[persona]

    answer = svc.answer_submit(assignment=assignment, by=by, values=values(assignment))

    answer.refresh_from_db()
    assert answer.person_id == world.mentee_a.pk and answer.entered_by == by
    assert answer.submitted_at is not None and answer.items.count() == len(values(assignment))
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED


def test_an_anonymous_questionnaire_is_answered_only_by_its_respondent(world):
    assignment = assign(world, "mentee_feedback_after")
    assert assignment.questionnaire.anonymous
    for persona in ("curator_a", "head_a"):
        with pytest.raises(PermissionDenied) as error:
            svc.answer_submit(assignment=assignment, by=world.users[persona], values=values(assignment))
        assert str(error.value) == svc.ANONYMOUS_ONLY_PERSON
    assert not Answer.objects.exists()


@pytest.mark.parametrize("persona", ["curator_b", "mentor_a", "coordinator", "operator"])
def test_nobody_else_types_in_an_answer(world, persona):
    assignment = assign(world, "mentee_difficulties_before")
    with pytest.raises(PermissionDenied) as error:
        svc.answer_submit(assignment=assignment, by=world.users[persona], values=values(assignment))
    assert str(error.value) == svc.NOT_YOURS
    assert not Answer.objects.exists()


def test_a_typed_in_answer_is_locked(world):
    assignment = assign(world, "mentee_difficulties_before")
    svc.answer_submit(assignment=assignment, by=world.users["curator_a"], values=values(assignment))
    for persona in ("curator_a", "head_a", "mentee_a"):
        with pytest.raises(ValidationError) as error:
            svc.answer_submit(assignment=assignment, by=world.users[persona], values=values(assignment))
        assert error.value.messages == [svc.ALREADY_SUBMITTED]
    assert Answer.objects.count() == 1


# --- the page ------------------------------------------------------------------------------------


def test_the_curator_opens_the_form_with_the_notice_and_types_the_answer_in(client, world):
    without_account(world.mentee_a)
    assignment = assign(world, "mentee_difficulties_before")
    url = reverse("monitoring:answer", args=[assignment.pk])
    client.force_login(world.users["curator_a"])

    page = client.get(url).content.decode()
    assert NOTICE in page and 'data-testid="answer-form"' in page
    assert "После отправки ответы Молодцовой М. П. нельзя будет изменить." in page

    data = {f"q{pk}": str(value) for pk, value in values(assignment).items()}
    response = client.post(url, data)
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.entered_by == world.users["curator_a"] and answer.person_id == world.mentee_a.pk
    shown = client.get(url).content.decode()
    assert NOTICE not in shown and 'data-testid="answer-readonly"' in shown
    curator_name = user_name(world.users["curator_a"])
    assert f"Внесено с бумажной анкеты: {curator_name}, {timezone.localdate():%d.%m.%Y}." in shown
    # a second post changes nothing
    client.post(url, data)
    assert Answer.objects.count() == 1


def test_the_respondent_sees_who_typed_their_answer_in(client, world):
    assignment = assign(world, "mentee_difficulties_before")
    svc.answer_submit(assignment=assignment, by=world.users["head_a"], values=values(assignment))
    client.force_login(world.users["mentee_a"])
    page = client.get(reverse("monitoring:answer", args=[assignment.pk])).content.decode()
    assert f"Внесено с бумажной анкеты: {user_name(world.users['head_a'])}" in page
    assert NOTICE not in page


def test_the_page_as_each_role(client, world):
    named = assign(world, "mentee_difficulties_before")
    anonymous = assign(world, "mentee_feedback_after")
    expected = {
        # persona: (named, anonymous)
        "mentee_a": (200, 200),
        "curator_a": (200, 403),
        "head_a": (200, 403),
        "coordinator": (403, 403),
        "operator": (403, 403),
        "mentor_a": (404, 404),
        "curator_b": (404, 404),
    }
    for persona, statuses in expected.items():
        client.force_login(world.users[persona])
        for assignment, status in zip((named, anonymous), statuses, strict=True):
            response = client.get(reverse("monitoring:answer", args=[assignment.pk]))
            assert response.status_code == status, (persona, assignment.questionnaire.code)
            if status == 403:
                text = response.content.decode()
                assert (
                    svc.ANONYMOUS_ONLY_PERSON in text
                    if assignment.questionnaire.anonymous
                    else "вносят куратор или руководитель" in text
                ), persona
    client.force_login(world.users["curator_a"])
    assert client.post(reverse("monitoring:answer", args=[anonymous.pk]), {}).status_code == 403
    assert not Answer.objects.exists()


# --- the program's completion ----------------------------------------------------------------------


def test_a_program_whose_mentee_has_no_account_is_completed_with_the_curators_typed_in_answers(client, world):
    curator = world.users["curator_a"]
    program = active(world)
    without_account(world.mentee_a)
    program_url = reverse("mentoring:program_detail", args=[program.pk])
    client.force_login(curator)

    # the program page offers the curator to type in the «before» self-assessment
    before = owed(program, world.mentee_a, "mentee_difficulties_before")
    before_url = reverse("monitoring:answer", args=[before.pk])
    page = client.get(program_url).content.decode()
    assert f'<a href="{before_url}">Внести с бумажной анкеты</a>' in page

    data = {f"q{pk}": str(value) for pk, value in values(before).items()}
    response = client.post(before_url, data)
    assert response.status_code == 302 and response["Location"] == program_url
    page = client.get(program_url).content.decode()
    assert before_url not in page

    # the report, the final meeting; the «after» one opens and is typed in the same way
    mentor_report_submit(program=program, by=world.users["mentor_a"], work_done="Уроки", results="Рост")
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=1),
        agenda="Итоги",
        status="held",
    )
    after = owed(program, world.mentee_a, "mentee_difficulties_after")
    after_url = reverse("monitoring:answer", args=[after.pk])
    assert f'<a href="{after_url}">Внести с бумажной анкеты</a>' in client.get(program_url).content.decode()
    with pytest.raises(ValidationError):
        program_complete(program=program, by=curator, results="Итоги")
    data = {f"q{pk}": str(value) for pk, value in filled_values(after.questionnaire, difficulty=3).items()}
    assert client.post(after_url, data).status_code == 302

    program_complete(program=program, by=curator, results="Итоги")
    program.refresh_from_db()
    assert program.status == ProgramStatus.COMPLETED
    answers = Answer.objects.filter(program=program, person=world.mentee_a)
    assert {a.questionnaire.code for a in answers} == {
        "mentee_difficulties_before",
        "mentee_difficulties_after",
    }
    assert all(a.entered_by == curator for a in answers)


def test_the_mentor_gets_no_link_to_the_mentees_self_assessment(client, world):
    program = active(world)
    before = owed(program, world.mentee_a, "mentee_difficulties_before")
    before_url = reverse("monitoring:answer", args=[before.pk])
    program_url = reverse("mentoring:program_detail", args=[program.pk])

    client.force_login(world.users["mentor_a"])
    page = client.get(program_url).content.decode()
    assert "самооценка затруднений до программы" in page and before_url not in page

    client.force_login(world.users["mentee_a"])
    page = client.get(program_url).content.decode()
    assert f'<a href="{before_url}">перейти</a>' in page
