"""The respondent's side (issue 14): «Мои анкеты», the answer form of each kind, errors by
question keeping what was typed, the lock after sending, garbage, and nobody else's answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.choices import AssignmentStatus, QuestionKind
from nastavnik.monitoring.models import Answer, Assignment
from nastavnik.monitoring.services import questionnaires as svc

pytestmark = pytest.mark.django_db


def assign(world, code, person="mentee_a", phase=None, **kwargs):
    questionnaire = builtin_questionnaire(code)
    return svc.assign(
        questionnaire=questionnaire,
        person=getattr(world, person),
        organization=world.school_a,
        phase=phase or questionnaire.phase,
        **kwargs,
    )


def by_kind(questionnaire):
    return {q.kind: q for q in questionnaire.questions.prefetch_related("options")}


def test_my_questionnaires_lists_what_is_owed_and_answered(client, world, django_assert_max_num_queries):
    due = dt.date(2026, 12, 20)
    pending = assign(world, "mentee_difficulties_before", due_on=due)
    done = assign(world, "mentee_feedback_after")
    values = {q.pk: 8 for q in done.questionnaire.questions.filter(kind=QuestionKind.SCALE)}
    svc.answer_submit(assignment=done, by=world.users["mentee_a"], values=values)
    assign(world, "mentor_feedback_after", person="mentor_a")  # someone else's
    client.force_login(world.users["mentee_a"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("monitoring:my_questionnaires"))
    text = response.content.decode()
    assert response.status_code == 200
    assert pending.questionnaire.title in text and "20.12.2026" in text
    assert reverse("monitoring:answer", args=[pending.pk]) in text
    assert done.questionnaire.title in text and "Отправленные ответы" in text
    assert builtin_questionnaire("mentor_feedback_after").title not in text


def test_a_user_without_a_person_card_is_told_so(client, world):
    client.force_login(world.users["operator"])
    response = client.get(reverse("monitoring:my_questionnaires"))
    assert response.status_code == 200
    assert "нет карточки работника" in response.content.decode()


def test_the_form_renders_each_kind(client, world):
    assignment = assign(world, "curator_periodic", person="mentor_a")
    client.force_login(world.users["mentor_a"])
    text = client.get(reverse("monitoring:answer", args=[assignment.pk])).content.decode()
    kinds = by_kind(assignment.questionnaire)
    scale = kinds[QuestionKind.SCALE]
    assert text.count(f'name="q{scale.pk}"') == 10  # radio buttons 1–10
    assert f"1 — {scale.scale_min_label}" in text and f"10 — {scale.scale_max_label}" in text
    single = kinds[QuestionKind.SINGLE]
    assert text.count(f'type="radio" name="q{single.pk}"') == single.options.count()
    multiple = kinds[QuestionKind.MULTIPLE]
    assert text.count(f'type="checkbox" name="q{multiple.pk}"') == multiple.options.count()
    assert f'<textarea name="q{kinds[QuestionKind.TEXT].pk}"' in text


def test_bad_submission_keeps_what_was_typed_and_names_the_questions(client, world):
    assignment = assign(world, "curator_periodic", person="mentor_a")
    kinds = by_kind(assignment.questionnaire)
    client.force_login(world.users["mentor_a"])
    url = reverse("monitoring:answer", args=[assignment.pk])
    option = kinds[QuestionKind.MULTIPLE].options.first()
    foreign_option = builtin_questionnaire("head_periodic").questions.get(kind="single").options.first()
    response = client.post(
        url,
        {
            f"q{kinds[QuestionKind.SCALE].pk}": "11",
            f"q{kinds[QuestionKind.SINGLE].pk}": str(foreign_option.pk),
            f"q{kinds[QuestionKind.MULTIPLE].pk}": [str(option.pk)],
            f"q{kinds[QuestionKind.TEXT].pk}": "Мой черновик ответа",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Выберите вариант из предложенных" in text  # 11 and the foreign option
    assert "Мой черновик ответа" in text
    assert f'value="{option.pk}" id="id_q{kinds[QuestionKind.MULTIPLE].pk}_0" checked' in text
    assert "Исправьте ошибки в анкете" in text
    assert not Answer.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PENDING


@pytest.mark.parametrize(
    "garbage",
    ["", "²", "-1", "1e3", "9" * 30, "<script>", "' OR 1=1 --", "\x00"],
)
def test_garbage_in_every_field_is_a_russian_error(client, world, garbage):
    assignment = assign(world, "curator_periodic", person="mentor_a")
    client.force_login(world.users["mentor_a"])
    body = {f"q{q.pk}": garbage for q in assignment.questionnaire.questions.exclude(kind=QuestionKind.TEXT)}
    body["unknown"] = "x"
    response = client.post(reverse("monitoring:answer", args=[assignment.pk]), body)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Ответьте на этот вопрос" in text or "Выберите вариант из предложенных" in text
    assert not Answer.objects.exists()


def test_named_answer_is_locked_and_shown_read_only(client, world):
    assignment = assign(world, "mentee_difficulties_before")
    questions = list(assignment.questionnaire.questions.all())
    client.force_login(world.users["mentee_a"])
    url = reverse("monitoring:answer", args=[assignment.pk])
    body = {f"q{q.pk}": "3" for q in questions if q.kind == QuestionKind.SCALE}
    body[f"q{questions[-1].pk}"] = "Хочу научиться вести родительские собрания"
    response = client.post(url, body)
    assert response.status_code == 302 and response["Location"] == reverse("monitoring:my_questionnaires")
    answer = Answer.objects.get()
    assert answer.person == world.mentee_a and answer.items.count() == len(questions)
    text = client.get(url).content.decode()
    assert "Хочу научиться вести родительские собрания" in text
    assert "Отправить ответ" not in text and "не может быть изменён" in text
    again = client.post(url, {f"q{q.pk}": "9" for q in questions}, follow=True)
    assert "Ответ уже отправлен и не может быть изменён." in again.content.decode()
    assert Answer.objects.count() == 1
    assert set(answer.items.exclude(scale=None).values_list("scale", flat=True)) == {3}


def test_anonymous_answer_shows_only_that_it_was_sent(client, world):
    assignment = assign(world, "mentee_feedback_after")
    client.force_login(world.users["mentee_a"])
    url = reverse("monitoring:answer", args=[assignment.pk])
    assert "анонимная" in client.get(url).content.decode()
    body = {f"q{q.pk}": "6" for q in assignment.questionnaire.questions.filter(kind=QuestionKind.SCALE)}
    text_question = assignment.questionnaire.questions.get(kind=QuestionKind.TEXT)
    body[f"q{text_question.pk}"] = "Уникальная фраза отзыва"
    client.post(url, body)
    text = client.get(url).content.decode()
    assert "Ответ отправлен анонимно." in text
    assert (
        "Уникальная фраза отзыва" not in text and "6" not in text.split("Ответ отправлен анонимно.")[1][:200]
    )
    answer = Answer.objects.get()
    assert answer.person_id is None and answer.program_id is None and answer.submitted_at is None


def test_nobody_opens_anothers_assignment(client, world):
    # (the curator and the head of school A type in named ones from paper: test_paper_answers)
    assignment = assign(world, "mentee_difficulties_before")
    url = reverse("monitoring:answer", args=[assignment.pk])
    for persona, status in (("mentor_a", 404), ("curator_b", 404), ("operator", 403)):
        client.force_login(world.users[persona])
        assert client.get(url).status_code == status, persona
        assert client.post(url, {}).status_code == status, persona
    assert not Answer.objects.exists()
    client.force_login(world.users["mentee_a"])
    assert client.get("/monitoring/my/99999999/").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_cancelled_assignment_takes_no_answer(client, world):
    assignment = assign(world, "mentee_difficulties_before")
    Assignment.objects.filter(pk=assignment.pk).update(status=AssignmentStatus.CANCELLED)
    client.force_login(world.users["mentee_a"])
    url = reverse("monitoring:answer", args=[assignment.pk])
    assert "Анкета отменена" in client.get(url).content.decode()
    client.post(url, {})
    assert not Answer.objects.exists()
