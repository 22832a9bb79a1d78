"""The questionnaire builder as each role uses it (issue 14): list, create, questions of the four
kinds, order, preview, copy of a built-in, deactivation; refusals and garbage."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.choices import QuestionKind
from nastavnik.monitoring.models import Question, Questionnaire
from nastavnik.monitoring.services import questionnaires as svc

pytestmark = pytest.mark.django_db


def login(client, world, persona):
    client.force_login(world.users[persona])
    return client


def make(world, persona="curator_a", school=None, **fields):
    data = {"title": "Анкета школы", "audience": "mentor", "phase": "after", **fields}
    return svc.questionnaire_save(by=world.users[persona], owner=school or world.school_a, **data)


def test_list_shows_builtins_and_own_and_filters(client, world, django_assert_max_num_queries):
    mine = make(world, title="Анкета школы № 1 для наставников")
    foreign = make(world, persona="curator_b", school=world.school_b, title="Анкета школы № 2")
    login(client, world, "curator_a")
    url = reverse("monitoring:questionnaire_list")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert mine.title in text and foreign.title not in text
    assert builtin_questionnaire("mentee_feedback_after").title in text
    assert "встроенная" in text
    only_mentees = client.get(url, {"audience": "mentee", "phase": "after"}).content.decode()
    assert builtin_questionnaire("mentee_feedback_after").title in only_mentees
    assert mine.title not in only_mentees
    for garbage in ({"audience": "zzz"}, {"is_active": "может быть"}, {"page": "²"}, {"phase": "'"}):
        assert client.get(url, garbage).status_code in (200, 404)


def test_the_list_is_refused_to_a_mentor(client, world):
    login(client, world, "mentor_a")
    response = client.get(reverse("monitoring:questionnaire_list"))
    assert response.status_code == 403
    assert "куратор" in response.content.decode()


def test_curator_builds_a_questionnaire_of_four_kinds(client, world):
    login(client, world, "curator_a")
    response = client.post(
        reverse("monitoring:questionnaire_add"),
        {
            "owner": world.school_a.pk,
            "title": "Адаптация молодого педагога",
            "audience": "mentee",
            "phase": "before",
        },
    )
    questionnaire = Questionnaire.objects.get(title="Адаптация молодого педагога")
    assert response.status_code == 302
    assert questionnaire.owner == world.school_a and questionnaire.created_by == world.users["curator_a"]
    add = reverse("monitoring:question_add", args=[questionnaire.pk])
    bodies = [
        {
            "text": "Насколько вам комфортно в коллективе?",
            "kind": "scale",
            "measure": "comfort",
            "required": "on",
            "scale_min_label": "совсем нет",
            "scale_max_label": "полностью",
        },
        {
            "text": "Как часто вы встречаетесь с наставником?",
            "kind": "single",
            "measure": "other",
            "required": "on",
            "options": "Еженедельно\nЕжемесячно\n\nЕжемесячно",
        },
        {
            "text": "Какие темы вам интересны?",
            "kind": "multiple",
            "measure": "other",
            "options": "Оценивание\nДисциплина\nРодители",
        },
        {"text": "Ваши пожелания", "kind": "text", "measure": "other"},
    ]
    for body in bodies:
        assert client.post(add, body).status_code == 302
    questions = list(questionnaire.questions.order_by("order"))
    assert [q.kind for q in questions] == ["scale", "single", "multiple", "text"]
    assert [o.text for o in questions[1].options.all()] == ["Еженедельно", "Ежемесячно"]
    assert questions[0].scale_max_label == "полностью" and questions[3].required is False
    # order: the text question goes up
    client.post(reverse("monitoring:question_move", args=[questions[3].pk]), {"direction": "up"})
    assert list(questionnaire.questions.order_by("order").values_list("kind", flat=True)) == [
        "scale",
        "single",
        "text",
        "multiple",
    ]
    client.post(reverse("monitoring:question_move", args=[questions[3].pk]), {"direction": "вверх"})
    # edit and delete
    edit = reverse("monitoring:question_edit", args=[questions[1].pk])
    assert "Еженедельно" in client.get(edit).content.decode()
    client.post(
        edit,
        {
            "text": "Как часто проходят встречи?",
            "kind": "single",
            "measure": "other",
            "required": "on",
            "options": "Раз в неделю\nРаз в месяц\nРеже",
        },
    )
    questions[1].refresh_from_db()
    assert questions[1].text == "Как часто проходят встречи?" and questions[1].options.count() == 3
    assert client.get(reverse("monitoring:question_delete", args=[questions[2].pk])).status_code == 200
    client.post(reverse("monitoring:question_delete", args=[questions[2].pk]))
    assert list(questionnaire.questions.values_list("order", flat=True)) == [1, 2, 3]
    # preview renders every kind and offers no submit
    preview = client.get(
        reverse("monitoring:questionnaire_preview", args=[questionnaire.pk])
    ).content.decode()
    assert 'type="radio"' in preview and "совсем нет" in preview and "Раз в месяц" in preview
    assert "<textarea" in preview and "Отправить ответ" not in preview and "disabled" in preview
    detail = client.get(reverse("monitoring:questionnaire_detail", args=[questionnaire.pk])).content.decode()
    assert "Добавить вопрос" in detail and "Как часто проходят встречи?" in detail


def test_question_errors_are_russian_and_nothing_is_saved(client, world):
    questionnaire = make(world)
    login(client, world, "curator_a")
    add = reverse("monitoring:question_add", args=[questionnaire.pk])
    cases = [
        ({"text": "", "kind": "scale", "measure": "other"}, "Обязательное поле"),
        ({"text": "Выбор", "kind": "single", "measure": "other", "options": "Один"}, "не менее двух"),
        ({"text": "Затруднения", "kind": "scale", "measure": "difficulty"}, "область затруднений"),
        ({"text": "Полезность", "kind": "text", "measure": "usefulness"}, "только вопросами со шкалой"),
        ({"text": "Вид", "kind": "drop table", "measure": "other"}, "Выберите корректный вариант"),
    ]
    for body, message in cases:
        response = client.post(add, body)
        assert response.status_code == 200
        assert message in response.content.decode(), body
    assert not questionnaire.questions.exists()


def test_owner_is_one_of_the_users_units(client, world):
    login(client, world, "curator_a")
    response = client.post(
        reverse("monitoring:questionnaire_add"),
        {"owner": world.school_b.pk, "title": "Чужая", "audience": "mentee", "phase": "before"},
    )
    assert response.status_code == 200
    assert not Questionnaire.objects.filter(title="Чужая").exists()
    for garbage in ("²", "-1", "abc", "99999999999"):
        response = client.post(
            reverse("monitoring:questionnaire_add"),
            {"owner": garbage, "title": "Мусор", "audience": "mentee", "phase": "before"},
        )
        assert response.status_code == 200
    assert not Questionnaire.objects.filter(title="Мусор").exists()


def test_builtin_is_copied_not_changed(client, world):
    builtin = builtin_questionnaire("mentee_difficulties_before")
    login(client, world, "curator_a")
    refused = client.get(reverse("monitoring:question_add", args=[builtin.pk]))
    assert refused.status_code == 403
    assert "сделайте её копию" in refused.content.decode()
    assert client.get(reverse("monitoring:questionnaire_edit", args=[builtin.pk])).status_code == 404
    assert client.post(reverse("monitoring:questionnaire_active", args=[builtin.pk])).status_code == 403
    detail = client.get(reverse("monitoring:questionnaire_detail", args=[builtin.pk])).content.decode()
    assert "Сделать копию" in detail and "Добавить вопрос" not in detail
    response = client.post(
        reverse("monitoring:questionnaire_copy", args=[builtin.pk]), {"owner": world.school_a.pk}
    )
    copy = Questionnaire.objects.get(owner=world.school_a)
    assert response.status_code == 302 and response["Location"].endswith(f"/questionnaires/{copy.pk}/")
    assert copy.code == "" and copy.title.endswith("(копия)")
    assert copy.questions.count() == builtin.questions.count()
    assert copy.questions.filter(area__isnull=False).count() == 8
    builtin.refresh_from_db()
    assert builtin.is_active and builtin.questions.count() == copy.questions.count()
    # the copy is the curator's to change
    assert client.get(reverse("monitoring:question_add", args=[copy.pk])).status_code == 200


def test_answered_questionnaire_keeps_its_questions(client, world):
    questionnaire = make(world, audience="mentee", phase="periodic")
    question = svc.question_add(
        by=world.users["curator_a"], questionnaire=questionnaire, text="Оценка", kind=QuestionKind.SCALE
    )
    assignment = svc.assign(
        questionnaire=questionnaire, person=world.mentee_a, organization=world.school_a, phase="periodic"
    )
    svc.answer_submit(assignment=assignment, by=world.users["mentee_a"], values={question.pk: 3})
    login(client, world, "curator_a")
    detail = client.get(reverse("monitoring:questionnaire_detail", args=[questionnaire.pk])).content.decode()
    assert "На анкету уже есть ответы" in detail and "Добавить вопрос" not in detail
    response = client.post(
        reverse("monitoring:question_add", args=[questionnaire.pk]),
        {"text": "Новый", "kind": "text", "measure": "other"},
    )
    assert response.status_code == 200 and "больше не изменяются" in response.content.decode()
    client.post(reverse("monitoring:question_delete", args=[question.pk]))
    assert Question.objects.filter(pk=question.pk).exists()
    # the settings that answers depend on stay
    response = client.post(
        reverse("monitoring:questionnaire_edit", args=[questionnaire.pk]),
        {"title": "Новое название", "audience": "mentee", "phase": "periodic", "anonymous": "on"},
    )
    assert response.status_code == 200 and "анонимность больше не изменяются" in response.content.decode()
    client.post(
        reverse("monitoring:questionnaire_edit", args=[questionnaire.pk]),
        {"title": "Новое название", "audience": "mentee", "phase": "periodic"},
    )
    questionnaire.refresh_from_db()
    assert questionnaire.title == "Новое название" and not questionnaire.anonymous


def test_deactivate_and_back(client, world):
    questionnaire = make(world)
    login(client, world, "head_a")
    client.post(reverse("monitoring:questionnaire_active", args=[questionnaire.pk]), {"active": "0"})
    questionnaire.refresh_from_db()
    assert not questionnaire.is_active
    client.post(reverse("monitoring:questionnaire_active", args=[questionnaire.pk]), {"active": "1"})
    questionnaire.refresh_from_db()
    assert questionnaire.is_active


def test_other_school_and_roles(client, world):
    questionnaire = make(world)
    login(client, world, "curator_b")
    for name in ("questionnaire_detail", "questionnaire_preview", "question_add", "questionnaire_results"):
        assert client.get(reverse(f"monitoring:{name}", args=[questionnaire.pk])).status_code == 404, name
    login(client, world, "coordinator")
    assert client.get(reverse("monitoring:questionnaire_detail", args=[questionnaire.pk])).status_code == 200
    login(client, world, "mentee_a")
    assert client.get(reverse("monitoring:questionnaire_detail", args=[questionnaire.pk])).status_code == 404
    assert client.get(reverse("monitoring:questionnaire_add")).status_code == 403
    # a region's questionnaire is seen (and copied) below, changed only by the region
    regional = make(world, persona="operator", school=world.region, title="Региональная анкета")
    login(client, world, "curator_a")
    assert client.get(reverse("monitoring:questionnaire_detail", args=[regional.pk])).status_code == 200
    assert client.get(reverse("monitoring:question_add", args=[regional.pk])).status_code == 403
    assert client.get(reverse("monitoring:questionnaire_edit", args=[regional.pk])).status_code == 404


def test_builder_services_check_their_actor(world):
    questionnaire = make(world)
    from django.core.exceptions import PermissionDenied, ValidationError

    for persona in ("mentor_a", "curator_b"):
        with pytest.raises(PermissionDenied):
            svc.question_add(by=world.users[persona], questionnaire=questionnaire, text="Вопрос", kind="text")
        with pytest.raises(PermissionDenied):
            svc.questionnaire_save(
                by=world.users[persona], owner=world.school_a, title="Х", audience="mentor", phase="after"
            )
        with pytest.raises(PermissionDenied):
            svc.questionnaire_copy(by=world.users[persona], source=questionnaire, owner=world.school_a)
    with pytest.raises(ValidationError):
        svc.question_add(
            by=world.users["operator"],
            questionnaire=builtin_questionnaire("head_periodic"),
            text="Вопрос",
            kind="text",
        )
    assert not questionnaire.questions.exists()


def test_the_monitoring_tabs_offer_the_questionnaires_to_those_who_make_them(client, world):
    # given the questionnaire builder's address, a tab of the monitoring section
    link = f'href="{reverse("monitoring:questionnaire_list")}"'
    # then the coordinator finds it among the tabs of monitoring, the mentor has no such tab
    # and is offered «Мои анкеты» in the menu instead
    login(client, world, "coordinator")
    assert link in client.get(reverse("monitoring:dashboard")).content.decode()
    login(client, world, "mentor_a")
    page = client.get(reverse("core:home")).content.decode()
    assert link not in page
    assert f'href="{reverse("monitoring:my_questionnaires")}"' in page
