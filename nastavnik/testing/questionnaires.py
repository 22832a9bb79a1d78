"""Test helpers: answering the questionnaires a program assigns (``monitoring.lifecycle``), as
the participant would through ``monitoring.services.questionnaires.answer_submit``."""

from __future__ import annotations

from nastavnik.monitoring.choices import AssignmentStatus, Measure, QuestionKind
from nastavnik.monitoring.lifecycle import SELF_ASSESSMENT
from nastavnik.monitoring.models import Answer, Assignment


def filled_values(questionnaire, *, difficulty: int = 5, scale: int = 7, by_area: dict | None = None) -> dict:
    """``question.pk → reply`` answering every question of ``questionnaire``: the difficulty
    questions ``difficulty`` (or ``by_area[area code]`` when given), the other scales ``scale``,
    the first option of a choice, a short text."""
    values = {}
    for question in questionnaire.questions.select_related("area").prefetch_related("options"):
        if question.kind == QuestionKind.SCALE:
            if question.measure == Measure.DIFFICULTY:
                values[question.pk] = (by_area or {}).get(question.area.code, difficulty)
            else:
                values[question.pk] = scale
        elif question.kind == QuestionKind.SINGLE:
            values[question.pk] = question.options.all()[0].pk
        elif question.kind == QuestionKind.MULTIPLE:
            values[question.pk] = [question.options.all()[0].pk]
        else:
            values[question.pk] = "Ответ для проверки."
    return values


def account(person):
    """``person``'s account, made (password «pass12345») when they have none."""
    if person.user_id is None:
        from nastavnik.testing.factories import UserFactory

        person.user = UserFactory(username=f"person{person.pk}")
        person.save(update_fields=["user"])
    return person.user


def owed(program, person, code: str) -> Assignment:
    """The pending assignment of the built-in questionnaire ``code`` to ``person`` by ``program``."""
    return Assignment.objects.select_related("questionnaire").get(
        program=program, person=person, questionnaire__code=code, status=AssignmentStatus.PENDING
    )


def answer_self_assessment(program, person, phase: str, *, difficulty: int = 5, by_area=None) -> Answer:
    """``person`` (a mentee; an account is made when they have none) answers their self-assessment of difficulties
    ``phase`` («before» / «after») of ``program``: every area ``difficulty`` (1–10), or
    ``by_area[area code]``. The assignment must be pending (the program started, or reached the
    reflective stage for «after»)."""
    from nastavnik.monitoring.services.questionnaires import answer_submit

    assignment = owed(program, person, SELF_ASSESSMENT[phase])
    return answer_submit(
        assignment=assignment,
        by=account(person),
        values=filled_values(assignment.questionnaire, difficulty=difficulty, by_area=by_area),
    )
