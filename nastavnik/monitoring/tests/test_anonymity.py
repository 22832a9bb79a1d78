"""Anonymity and scope of the answers (issue 14): results of anonymous questionnaires only over
groups of 5 or more, free texts without persons or dates, nothing anonymous tied to a person on
any page, export, personal-data file, audit journal or the admin; the curator of school B reads
none of school A's answers."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.choices import QuestionKind
from nastavnik.monitoring.models import ANONYMITY_THRESHOLD, Answer, AnswerItem
from nastavnik.monitoring.results import HIDDEN_MESSAGE
from nastavnik.monitoring.services import questionnaires as svc
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

SURNAMES = ["Анонимова", "Безымянова", "Скрытова", "Тайнова", "Неназванова", "Инкогнитова"]


def respondents(world, count, school=None):
    """``count`` teachers of ``school`` (A by default) with accounts."""
    people = []
    for index in range(count):
        person = f.staff_member(school or world.school_a, last_name=SURNAMES[index])
        person.user = f.UserFactory(username=f"respondent_{index}_{(school or world.school_a).pk}")
        person.save(update_fields=["user"])
        people.append(person)
    return people


def answer(world, code, person, *, scale=7, text="", school=None):
    questionnaire = builtin_questionnaire(code)
    assignment = svc.assign(
        questionnaire=questionnaire,
        person=person,
        organization=school or world.school_a,
        phase=questionnaire.phase,
    )
    values = {}
    for question in questionnaire.questions.prefetch_related("options"):
        if question.kind == QuestionKind.SCALE:
            values[question.pk] = scale
        elif question.kind == QuestionKind.TEXT and text:
            values[question.pk] = text
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and question.required:
            first = question.options.first().pk
            values[question.pk] = first if question.kind == QuestionKind.SINGLE else [first]
    return svc.answer_submit(assignment=assignment, by=person.user, values=values)


def xlsx_text(content: bytes) -> str:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        " ".join("" if cell is None else str(cell) for cell in row)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def results(client, questionnaire, **params):
    return client.get(reverse("monitoring:questionnaire_results", args=[questionnaire.pk]), params)


def test_results_are_hidden_below_five_answers_and_shown_from_five(client, world):
    questionnaire = builtin_questionnaire("mentor_feedback_after")
    people = respondents(world, ANONYMITY_THRESHOLD)
    for person in people[:-1]:
        answer(world, "mentor_feedback_after", person, scale=4)
    client.force_login(world.users["curator_a"])
    text = results(client, questionnaire).content.decode()
    assert f"Результаты не показаны: {HIDDEN_MESSAGE}." in text
    assert "среднее" not in text
    export = client.get(reverse("monitoring:questionnaire_results_xlsx", args=[questionnaire.pk]))
    exported = xlsx_text(export.content)
    assert HIDDEN_MESSAGE in exported and "Доля" in exported
    assert not any(row.endswith(" 4 4 100") for row in exported.splitlines())
    answer(world, "mentor_feedback_after", people[-1], scale=6)
    text = results(client, questionnaire).content.decode()
    assert HIDDEN_MESSAGE not in text.split("Ответов:")[1]  # the explanation above may name the rule
    assert "Ответов: <strong>5</strong>" in text
    assert 'data-testid="mean">4,4<' in text
    exported = xlsx_text(
        client.get(reverse("monitoring:questionnaire_results_xlsx", args=[questionnaire.pk])).content
    )
    assert "4.4" in exported and HIDDEN_MESSAGE not in exported


def test_free_texts_are_shown_without_persons_or_dates_and_only_from_five(client, world):
    questionnaire = builtin_questionnaire("mentee_feedback_after")
    people = respondents(world, ANONYMITY_THRESHOLD)
    texts = ["Я бы хотела больше встреч", "Всё понравилось", "Мало времени", "Наставник помог", "Полезно"]
    for person, text in zip(people[:2], texts, strict=False):
        answer(world, "mentee_feedback_after", person, text=text)
    for person in people[2:]:
        answer(world, "mentee_feedback_after", person)  # no free text
    client.force_login(world.users["head_a"])
    page = results(client, questionnaire).content.decode()
    assert "Ответов: <strong>5</strong>" in page
    assert texts[0] not in page and texts[1] not in page  # two texts: fewer than five
    assert page.count(HIDDEN_MESSAGE) >= 1
    # three more answers with texts make five texts
    more = []
    for index in range(3):
        person = f.staff_member(world.school_a, last_name=f"Дополнительная{index}")
        person.user = f.UserFactory(username=f"extra_{index}")
        person.save(update_fields=["user"])
        more.append(person)
    for person, text in zip(more, texts[2:], strict=True):
        answer(world, "mentee_feedback_after", person, text=text)
    page = results(client, questionnaire).content.decode()
    for text in texts:
        assert text in page
    shown = sorted(texts, key=str.casefold)
    positions = [page.index(t) for t in shown]
    assert positions == sorted(positions)  # alphabetical, not in the order they came
    today = timezone.localdate()
    assert f"{today:%d.%m.%Y}" not in page
    for person in [*people, *more]:
        assert person.last_name not in page


def test_no_list_of_who_answered_an_anonymous_questionnaire(client, world):
    questionnaire = builtin_questionnaire("mentee_feedback_after")
    answer(world, "mentee_feedback_after", world.mentee_a, text="Отзыв")
    client.force_login(world.users["curator_a"])
    response = client.get(reverse("monitoring:questionnaire_respondents", args=[questionnaire.pk]))
    assert response.status_code == 403
    assert "Анкета анонимная" in response.content.decode()
    detail = client.get(reverse("monitoring:questionnaire_detail", args=[questionnaire.pk])).content.decode()
    assert "Кто что ответил" not in detail


def test_named_answers_are_listed_to_the_curator_and_head_of_the_school_only(client, world):
    questionnaire = builtin_questionnaire("mentee_difficulties_before")
    answer(world, "mentee_difficulties_before", world.mentee_a, scale=9, text="Хочу освоить цифровые сервисы")
    url = reverse("monitoring:questionnaire_respondents", args=[questionnaire.pk])
    for persona in ("curator_a", "head_a"):
        client.force_login(world.users[persona])
        text = client.get(url).content.decode()
        assert world.mentee_a.full_name in text and "Хочу освоить цифровые сервисы" in text, persona
    client.force_login(world.users["curator_b"])
    text = client.get(url).content.decode()
    assert world.mentee_a.last_name not in text and "Хочу освоить" not in text
    for persona in ("coordinator", "operator"):
        client.force_login(world.users[persona])
        assert client.get(url).status_code == 403, persona
    client.force_login(world.users["mentor_a"])
    assert client.get(url).status_code == 403


def test_curator_of_school_b_reads_none_of_school_a(client, world):
    questionnaire = builtin_questionnaire("mentor_feedback_after")
    for person in respondents(world, ANONYMITY_THRESHOLD):
        answer(world, "mentor_feedback_after", person, scale=2, text="Отзыв школы А")
    named = answer(world, "mentee_difficulties_before", world.mentee_a, scale=9, text="Затруднения школы А")
    client.force_login(world.users["curator_b"])
    page = results(client, questionnaire).content.decode()
    assert "Ответов: <strong>0</strong>" in page and "Отзыв школы А" not in page
    # a foreign organization in the query string is ignored, not obeyed
    page = results(client, questionnaire, organization=world.school_a.pk).content.decode()
    assert "Ответов: <strong>0</strong>" in page and "недоступен" in page
    exported = xlsx_text(
        client.get(
            reverse("monitoring:questionnaire_results_xlsx", args=[questionnaire.pk]),
            {"organization": world.school_a.pk},
        ).content
    )
    assert "Отзыв школы А" not in exported
    named_q = named.questionnaire
    assert "Затруднения школы А" not in results(client, named_q).content.decode()
    assert (
        "Затруднения школы А"
        not in client.get(reverse("monitoring:questionnaire_respondents", args=[named_q.pk])).content.decode()
    )
    assignment = world.mentee_a.questionnaire_assignments.get()
    assert client.get(reverse("monitoring:answer", args=[assignment.pk])).status_code == 404
    # the coordinator of municipality 1 reads school A's results
    client.force_login(world.users["coordinator"])
    assert "Отзыв школы А" in results(client, questionnaire).content.decode()


def test_personal_data_holds_named_answers_only(client, world):
    answer(world, "mentor_expectations_before", world.mentor_a, text="Именной ответ наставника")
    answer(world, "mentor_feedback_after", world.mentor_a, text="Анонимный отзыв наставника")
    client.force_login(world.users["mentor_a"])
    url = reverse("people:my_data")
    page = client.get(url).content.decode()
    data = client.get(url, {"format": "json"}).content.decode()
    exported = xlsx_text(client.get(url, {"format": "xlsx"}).content)
    for content in (page, json.dumps(json.loads(data), ensure_ascii=False), exported):
        assert "Именной ответ наставника" in content
        assert "Анонимный отзыв наставника" not in content
    assert "Ответы на анкеты" in page


def test_the_audit_journal_and_the_admin_hold_no_answer(client, world, admin_client):
    from django.contrib.contenttypes.models import ContentType

    from nastavnik.audit.models import AuditEvent

    questionnaire = builtin_questionnaire("mentor_feedback_after")
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentor_a, organization=world.school_a, phase="after"
    )
    body = {f"q{q.pk}": "5" for q in questionnaire.questions.filter(kind=QuestionKind.SCALE)}
    body[f"q{questionnaire.questions.get(kind=QuestionKind.TEXT).pk}"] = "Секретный анонимный отзыв"
    client.force_login(world.users["mentor_a"])
    assert client.post(reverse("monitoring:answer", args=[assignment.pk]), body).status_code == 302
    answer_types = ContentType.objects.get_for_models(Answer, AnswerItem).values()
    assert not AuditEvent.objects.filter(content_type__in=answer_types).exists()
    assert not AuditEvent.objects.filter(object_repr__icontains="Секретный").exists()
    for persona in ("head_a", "operator"):
        client.force_login(world.users[persona])
        journal = client.get(reverse("audit:list")).content.decode()
        assert "Секретный анонимный отзыв" not in journal
        assert "ответ на анкету" not in journal.lower()
    assert admin_client.get("/admin/monitoring/answer/").status_code == 404
    index = admin_client.get("/admin/").content.decode()
    assert "Ответы на анкеты" not in index
    change = admin_client.get(f"/admin/monitoring/questionnaire/{questionnaire.pk}/change/").content.decode()
    assert "Секретный анонимный отзыв" not in change and world.mentor_a.last_name not in change


def test_results_filters_and_garbage(client, world, django_assert_max_num_queries):
    questionnaire = builtin_questionnaire("curator_periodic")
    for person in respondents(world, ANONYMITY_THRESHOLD):
        answer(world, "curator_periodic", person, scale=8)
    client.force_login(world.users["operator"])
    with django_assert_max_num_queries(20):
        page = results(client, questionnaire).content.decode()
    assert "Ответов: <strong>5</strong>" in page
    year = timezone.localdate().year
    assert (
        "Ответов: <strong>0</strong>" in results(client, questionnaire, period=str(year - 1)).content.decode()
    )
    assert (
        "Ответов: <strong>5</strong>"
        in results(
            client,
            questionnaire,
            organization=world.school_a.pk,
            municipality=world.muni1.pk,
            phase="periodic",
        ).content.decode()
    )
    assert (
        "Ответов: <strong>0</strong>"
        in results(client, questionnaire, municipality=world.muni2.pk).content.decode()
    )
    for garbage in (
        {"organization": "²"},
        {"municipality": "abc"},
        {"period": "2026-q9"},
        {"phase": "<b>"},
        {"campaign": "-1"},
        {"from": "32.13.2026", "to": "x"},
        {"organization": "9" * 40},
    ):
        response = results(client, questionnaire, **garbage)
        assert response.status_code == 200, garbage
        assert 'data-testid="filter-note"' in response.content.decode(), garbage
        export = client.get(
            reverse("monitoring:questionnaire_results_xlsx", args=[questionnaire.pk]), garbage
        )
        assert export.status_code == 200, garbage
    client.force_login(world.users["mentor_a"])
    assert results(client, questionnaire).status_code == 403
