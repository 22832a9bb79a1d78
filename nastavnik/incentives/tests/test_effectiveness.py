"""The mentors' effectiveness computed from the data (issue 19 item 6) on a small world whose
numbers are checked by hand, its constant number of queries, the list page for the head and the
block on the mentor's card."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.bank.services import mentor_training_add
from nastavnik.incentives.selectors.effectiveness import effectiveness, mentor_profiles, sort_rows
from nastavnik.incentives.services import incentives as services
from nastavnik.incentives.tests.helpers import kind, mentor_card
from nastavnik.mentoring.services.completion import program_complete
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.mentoring.tests.test_completion import activate, assess, final_meeting, report

pytestmark = pytest.mark.django_db


def _feedback(program, person, organization, scores):
    """``person``'s named answers after ``program``, one questionnaire each, of one satisfaction
    question scored as ``scores`` say."""
    from nastavnik.monitoring.models import Answer, AnswerItem, Question, Questionnaire

    month = timezone.localdate().replace(day=1)
    for n, score in enumerate(scores):
        questionnaire = Questionnaire.objects.create(
            title=f"Обратная связь {n}", audience="mentee", phase="after", owner=organization
        )
        question = Question.objects.create(
            questionnaire=questionnaire, text="Удовлетворены ли вы?", kind="scale", measure="satisfaction"
        )
        answer = Answer.objects.create(
            questionnaire=questionnaire,
            organization=organization,
            person=person,
            program=program,
            audience="mentee",
            phase="after",
            month=month,
        )
        AnswerItem.objects.create(answer=answer, question=question, scale=score)


@pytest.fixture
def small(world):
    """mentor_a completed one program with mentee_a: the methodical difficulty 7 → 3, the seven
    other areas 1 → 1 (the built-in self-assessment has eight areas), the two growth questions
    answered 7 after; a training of 72 hours in the bank's card; two awards, one of them not
    counted at attestation. teacher_a is a mentor of A with nothing yet."""
    program = activate(draft_program(world))
    assess(program, world.mentee_a, before=7, after=3)
    report(program, world.users["mentor_a"])
    final_meeting(program)
    program_complete(program=program, by=world.users["curator_a"], results="Пара отработала полный цикл")
    today = timezone.localdate()
    profile = world.mentor_a.mentor_profile
    mentor_training_add(
        profile=profile, title="Наставничество", hours=72, completed_on=today - dt.timedelta(days=30)
    )
    for code, counts in (("letter_of_thanks", True), ("diploma", False)):
        services.award_create(
            by=None,
            person=world.mentor_a,
            organization=world.school_a,
            kind=kind(code),
            awarded_on=today,
            counts_at_attestation=counts,
        )
    other = mentor_card(world.teacher_a, world.school_a)
    return program, profile, other


def test_numbers_of_a_small_world(world, small):
    _program, profile, other = small
    # when the head's list is computed
    rows = {row.profile.pk: row for row in effectiveness(mentor_profiles(world.users["head_a"]))}
    # then mentor_a: one program, one mentee; decrease (7-3 + 7×0) / 8 = 0.5 over 8 answered areas
    row = rows[profile.pk]
    assert (row.programs_completed, row.mentees_completed) == (1, 1)
    assert (row.difficulty_decrease, row.difficulty_rows) == (0.5, 8)
    # one named answer after the program (two growth scores of 7): below the threshold of five
    assert (row.feedback, row.feedback_answers) == (None, 1)
    assert row.trained and row.trained_on == timezone.localdate() - dt.timedelta(days=30)
    assert (row.awards, row.awards_at_attestation) == (2, 1)
    # and teacher_a: nothing
    empty = rows[other.pk]
    assert (
        empty.programs_completed,
        empty.difficulty_decrease,
        empty.feedback,
        empty.trained,
        empty.awards,
    ) == (
        0,
        None,
        None,
        False,
        0,
    )


def test_feedback_given_from_five_answers(world, small):
    program, profile, _ = small
    # given four more named answers after the program scoring satisfaction 10, 9, 8, 6
    _feedback(program, world.mentee_a, world.school_a, [10, 9, 8, 6])
    (row,) = [r for r in effectiveness([profile])]
    # then five answers: (7 + 7 + 10 + 9 + 8 + 6) / 6 scores = 47 / 6 = 7.8
    assert row.feedback_answers == 5
    assert row.feedback == 7.8


def test_constant_queries(world, small, django_assert_max_num_queries):
    _, profile, _other = small
    profiles = list(mentor_profiles(world.users["head_a"]))
    assert len(profiles) == 2
    with django_assert_max_num_queries(7):
        effectiveness(profiles)
    with django_assert_max_num_queries(7):
        effectiveness([profile])


def test_sorting_puts_unknown_last(world, small):
    _, profile, other = small
    rows = effectiveness(mentor_profiles(world.users["head_a"]))
    assert [r.profile.pk for r in sort_rows(rows, "difficulty_decrease")] == [profile.pk, other.pk]
    assert [r.profile.pk for r in sort_rows(rows, "difficulty_decrease", descending=False)] == [
        profile.pk,
        other.pk,
    ]
    assert [r.profile.pk for r in sort_rows(rows, "awards", descending=False)] == [other.pk, profile.pk]


@pytest.mark.parametrize(
    ("persona", "count"), [("head_a", 2), ("coordinator", 2), ("curator_b", 0), ("mentor_a", 0)]
)
def test_who_sees_whose_effectiveness(world, small, persona, count):
    assert mentor_profiles(world.users[persona]).count() == count


def _client(world, persona):
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_list_page_sorted_filtered_and_exported(world, small):
    _, _profile, _other = small
    client = _client(world, "head_a")
    page = client.get("/incentives/effectiveness/?sort=awards")
    assert page.status_code == 200
    names = [row.person.pk for row in page.context["rows"]]
    assert names == [world.mentor_a.pk, world.teacher_a.pk]
    page = client.get("/incentives/effectiveness/?sort=awards&dir=asc&trained=1&q=Настав")
    assert [row.person.pk for row in page.context["rows"]] == [world.mentor_a.pk]
    export = client.get("/incentives/effectiveness/?export=xlsx&sort=awards")
    assert export.status_code == 200
    assert "spreadsheetml" in export["Content-Type"]
    for garbage in ("sort=zzz&dir=%C2%B2&page=abc", "q=%00&trained=2&page=-1", "page=999999999999"):
        assert client.get(f"/incentives/effectiveness/?{garbage}").status_code == 200
    assert _client(world, "mentor_a").get("/incentives/effectiveness/").status_code == 403


def test_block_on_the_mentor_card(world, small):
    _, profile, _ = small
    page = _client(world, "curator_a").get(f"/bank/mentors/{profile.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Поощрение и эффективность" in text
    assert "Благодарственн" in text or "благодарственным письмом" in text
    assert "0,5 балла из 10" in text
