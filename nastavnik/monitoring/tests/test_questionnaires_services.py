"""The questionnaire engine's services: built-ins, assignment, answers (issue 14)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nastavnik.monitoring.builtin import BUILTIN_CODES, builtin_questionnaire, load_builtin_questionnaires
from nastavnik.monitoring.choices import AssignmentStatus, Measure, Phase, QuestionKind
from nastavnik.monitoring.models import Answer, AnswerItem, Assignment, Question, Questionnaire
from nastavnik.monitoring.services import questionnaires as svc
from nastavnik.reference.models import CompetenceArea

pytestmark = pytest.mark.django_db


def full_values(questionnaire, scale=5):
    """A valid reply to every question of ``questionnaire``."""
    values = {}
    for question in questionnaire.questions.prefetch_related("options"):
        options = [o.pk for o in question.options.all()]
        if question.kind == QuestionKind.SCALE:
            values[question.pk] = scale
        elif question.kind == QuestionKind.SINGLE:
            values[question.pk] = options[0]
        elif question.kind == QuestionKind.MULTIPLE:
            values[question.pk] = options[:2]
        else:
            values[question.pk] = "Всё хорошо"
    return values


def test_builtins_are_loaded_by_the_migration_and_idempotently():
    assert set(Questionnaire.objects.filter(code__in=BUILTIN_CODES).values_list("code", flat=True)) == set(
        BUILTIN_CODES
    )
    before = builtin_questionnaire("mentee_difficulties_before")
    difficulty = before.questions.filter(measure=Measure.DIFFICULTY)
    assert difficulty.count() == CompetenceArea.objects.count() == 8
    assert all(q.kind == QuestionKind.SCALE for q in difficulty)
    first = difficulty.first()
    assert (first.scale_min_label, first.scale_max_label) == (
        "затруднений нет",
        "очень серьёзные затруднения",
    )
    assert not before.anonymous and builtin_questionnaire("mentee_feedback_after").anonymous
    assert builtin_questionnaire("mentor_feedback_after").anonymous
    counts = (Questionnaire.objects.count(), Question.objects.count())
    assert load_builtin_questionnaires() == 0
    assert (Questionnaire.objects.count(), Question.objects.count()) == counts
    for code in BUILTIN_CODES:
        source = builtin_questionnaire(code).source
        assert source and "seed" not in source and "§" not in source


def test_loader_restores_texts_and_never_deletes_answered_questions(world):
    questionnaire = builtin_questionnaire("mentee_feedback_after")
    question = questionnaire.questions.first()
    Question.objects.filter(pk=question.pk).update(text="Испорчено")
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentee_a, organization=world.school_a, phase=Phase.AFTER
    )
    svc.answer_submit(assignment=assignment, by=world.users["mentee_a"], values=full_values(questionnaire))
    extra = Question.objects.create(
        questionnaire=questionnaire, order=99, text="Лишний", kind=QuestionKind.TEXT
    )
    assert load_builtin_questionnaires() >= 2
    question.refresh_from_db()
    assert question.text != "Испорчено"
    assert not Question.objects.filter(pk=extra.pk).exists()
    assert AnswerItem.objects.filter(question=question).exists()


def test_assign_is_idempotent(world):
    questionnaire = builtin_questionnaire("mentor_expectations_before")
    kwargs = dict(
        questionnaire=questionnaire, person=world.mentor_a, organization=world.school_a, phase="before"
    )
    first = svc.assign(**kwargs)
    assert svc.assign(**kwargs) == first
    assert Assignment.objects.filter(person=world.mentor_a).count() == 1
    with pytest.raises(ValueError):
        svc.assign(**{**kwargs, "phase": "never"})


def test_named_answer_keeps_the_person_and_locks(world):
    questionnaire = builtin_questionnaire("mentee_difficulties_before")
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentee_a, organization=world.school_a, phase=Phase.BEFORE
    )
    answer = svc.answer_submit(
        assignment=assignment, by=world.users["mentee_a"], values=full_values(questionnaire, 7)
    )
    assert answer.person == world.mentee_a and answer.submitted_at is not None
    assert answer.month.day == 1
    assert answer.items.count() == questionnaire.questions.count()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    assert svc.answer_of(assignment) == answer
    with pytest.raises(ValidationError) as error:
        svc.answer_submit(
            assignment=assignment, by=world.users["mentee_a"], values=full_values(questionnaire, 1)
        )
    assert error.value.messages == ["Ответ уже отправлен и не может быть изменён."]
    assert Answer.objects.count() == 1


def test_anonymous_answer_has_no_person_no_program_no_time(world):
    questionnaire = builtin_questionnaire("mentor_feedback_after")
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentor_a, organization=world.school_a, phase=Phase.AFTER
    )
    answer = svc.answer_submit(
        assignment=assignment, by=world.users["mentor_a"], values=full_values(questionnaire)
    )
    answer.refresh_from_db()
    assert answer.person is None and answer.program is None and answer.submitted_at is None
    assert answer.month.day == 1 and answer.organization == world.school_a
    assert svc.answer_of(assignment) is None


def test_only_the_assignments_person_answers(world):
    questionnaire = builtin_questionnaire("mentor_expectations_before")
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentor_a, organization=world.school_a, phase=Phase.BEFORE
    )
    # (the curator and the head of school A may type in a named one from paper: test_paper_answers)
    for persona in ("mentee_a", "curator_b", "coordinator", "operator"):
        with pytest.raises(PermissionDenied):
            svc.answer_submit(
                assignment=assignment, by=world.users[persona], values=full_values(questionnaire)
            )
    with pytest.raises(PermissionDenied):
        svc.answer_submit(assignment=assignment, by=None, values=full_values(questionnaire))
    assert not Answer.objects.exists()


def test_values_are_validated_by_question(world):
    questionnaire = builtin_questionnaire("curator_periodic")
    questions = {q.kind: q for q in questionnaire.questions.all()}
    other = builtin_questionnaire("head_periodic").questions.get(kind=QuestionKind.SINGLE).options.first()
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentor_a, organization=world.school_a, phase=Phase.PERIODIC
    )
    bad = {
        questions[QuestionKind.SCALE].pk: 11,
        questions[QuestionKind.SINGLE].pk: other.pk,
        questions[QuestionKind.MULTIPLE].pk: ["x"],
        questions[QuestionKind.TEXT].pk: "я" * 5001,
    }
    with pytest.raises(ValidationError) as error:
        svc.answer_submit(assignment=assignment, by=world.users["mentor_a"], values=bad)
    errors = error.value.message_dict
    assert errors[f"q{questions[QuestionKind.SCALE].pk}"] == ["Выберите оценку от 1 до 10."]
    assert errors[f"q{questions[QuestionKind.SINGLE].pk}"] == ["Выберите вариант из предложенных."]
    assert errors[f"q{questions[QuestionKind.MULTIPLE].pk}"] == ["Выберите вариант из предложенных."]
    assert "5000" in errors[f"q{questions[QuestionKind.TEXT].pk}"][0]
    with pytest.raises(ValidationError) as error:
        svc.answer_submit(assignment=assignment, by=world.users["mentor_a"], values={})
    scale_questions = questionnaire.questions.filter(required=True)
    assert set(error.value.message_dict) == {f"q{q.pk}" for q in scale_questions}
    assert not Answer.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PENDING
