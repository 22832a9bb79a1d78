"""The mentee's self-assessed difficulties are deficits (issue 18, Build 5; seed 000 §4.3.3 step
3): answering a named difficulty questionnaire records a ``development.Deficit`` per area
answered at the difficult end of the scale (6–10), with a level by the value."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.development.choices import DeficitLevel, DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.choices import Measure, Phase, QuestionKind
from nastavnik.monitoring.services import questionnaires as svc
from nastavnik.testing.questionnaires import filled_values

pytestmark = pytest.mark.django_db

#: The replies by area: critical, marked, minor, and two below the threshold (the rest 1).
REPLIES = {"methodical": 10, "ict_digital": 8, "legal": 6, "psychological_pedagogical": 5, "health_saving": 3}


def assign(world, code="mentee_difficulties_before", person=None):
    questionnaire = builtin_questionnaire(code)
    return svc.assign(
        questionnaire=questionnaire,
        person=person or world.mentee_a,
        organization=world.school_a,
        phase=questionnaire.phase,
    )


def questionnaire_deficits(person):
    return {
        d.area.code: d.level
        for d in Deficit.objects.filter(person=person, source=DeficitSource.QUESTIONNAIRE).select_related(
            "area"
        )
    }


@pytest.mark.parametrize("persona", ["mentee_a", "curator_a"])
def test_a_named_self_assessment_records_the_difficult_areas_as_deficits(world, persona):
    # given the mentee's «before» self-assessment, answered by the mentee or typed in from paper
    # by the curator
    assignment = assign(world)
    values = filled_values(assignment.questionnaire, difficulty=1, by_area=REPLIES)
    # when it is submitted
    answer = svc.answer_submit(assignment=assignment, by=world.users[persona], values=values)
    # then the areas answered 6 and more are deficits of the mentee with a level by the value
    assert questionnaire_deficits(world.mentee_a) == {
        "methodical": DeficitLevel.CRITICAL,
        "ict_digital": DeficitLevel.MARKED,
        "legal": DeficitLevel.MINOR,
    }
    rows = Deficit.objects.filter(person=world.mentee_a, source=DeficitSource.QUESTIONNAIRE)
    assert {d.diagnosed_on for d in rows} == {timezone.localdate(answer.submitted_at)}
    assert {d.organization_id for d in rows} == {world.school_a.pk}
    assert {d.diagnosis_id for d in rows} == {None}
    assert rows.get(area__code="methodical").description == "Самооценка в анкете: 10 из 10."


def test_the_after_answer_of_the_same_day_takes_the_new_levels(world):
    before = assign(world)
    svc.answer_submit(
        assignment=before,
        by=world.users["mentee_a"],
        values=filled_values(before.questionnaire, difficulty=1, by_area=REPLIES),
    )
    after = assign(world, "mentee_difficulties_after")
    svc.answer_submit(
        assignment=after,
        by=world.users["mentee_a"],
        values=filled_values(after.questionnaire, difficulty=1, by_area={"methodical": 7, "ict_digital": 9}),
    )
    # the same day, the same areas: one row each, the latest level; the legal one stays recorded
    assert questionnaire_deficits(world.mentee_a) == {
        "methodical": DeficitLevel.MINOR,
        "ict_digital": DeficitLevel.MARKED,
        "legal": DeficitLevel.MINOR,
    }


def test_no_difficulty_at_the_difficult_end_records_nothing(world):
    assignment = assign(world)
    svc.answer_submit(
        assignment=assignment,
        by=world.users["mentee_a"],
        values=filled_values(assignment.questionnaire, difficulty=5),
    )
    assert questionnaire_deficits(world.mentee_a) == {}


def test_other_questionnaires_record_no_deficits(world):
    # the anonymous feedback and the mentor's expectations have no difficulty questions; a copy of
    # the self-assessment addressed to mentors is not the mentee's self-assessment
    for code, persona in (("mentee_feedback_after", "mentee_a"), ("mentor_expectations_before", "mentor_a")):
        assignment = assign(world, code, person=getattr(world, persona))
        svc.answer_submit(
            assignment=assignment,
            by=world.users[persona],
            values=filled_values(assignment.questionnaire, difficulty=10, scale=10),
        )
    copy = svc.questionnaire_copy(
        by=world.users["curator_a"],
        source=builtin_questionnaire("mentee_difficulties_before"),
        owner=world.school_a,
    )
    copy.audience = "mentor"
    copy.save(update_fields=["audience"])
    assert copy.questions.filter(measure=Measure.DIFFICULTY).exists()
    assignment = svc.assign(
        questionnaire=copy, person=world.mentor_a, organization=world.school_a, phase=Phase.BEFORE
    )
    svc.answer_submit(
        assignment=assignment, by=world.users["mentor_a"], values=filled_values(copy, difficulty=10, scale=10)
    )
    assert not Deficit.objects.filter(source=DeficitSource.QUESTIONNAIRE).exists()


def test_the_mentee_answering_on_the_page_gets_the_deficits(client, world):
    assignment = assign(world)
    questions = assignment.questionnaire.questions.select_related("area")
    body = {}
    for question in questions:
        if question.kind == QuestionKind.SCALE:
            body[f"q{question.pk}"] = str(REPLIES.get(question.area.code, 1) if question.area else 5)
    client.force_login(world.users["mentee_a"])
    response = client.post(reverse("monitoring:answer", args=[assignment.pk]), body)
    assert response.status_code == 302
    assert questionnaire_deficits(world.mentee_a) == {"methodical": 3, "ict_digital": 2, "legal": 1}
