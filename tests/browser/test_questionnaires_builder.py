"""The questionnaire engine in a real browser (issue 14): the curator of school A builds her own
questionnaire (a scale with end labels and a single choice), previews it; a teacher owes it and
answers it — a bad submission keeps her choice and names the question, the sending is confirmed;
the answer is then locked; the curator reads the results."""

from __future__ import annotations

import re

import pytest

from nastavnik.monitoring.models import Answer, Questionnaire
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

TITLE = "Удовлетворённость методической работой"


def test_curator_builds_a_questionnaire_and_a_teacher_answers_it(page, sign_in, world, artifacts):
    from nastavnik.monitoring.services.questionnaires import assign

    # given the curator of school A on the list of questionnaires
    sign_in("curator_a")
    page.goto("/monitoring/questionnaires/")
    assert "встроенная" in page.content()

    # when she makes a questionnaire of her school with two questions
    page.get_by_test_id("questionnaire-create").click()
    page.get_by_label("Название").fill(TITLE)
    page.get_by_label("Кому адресована").select_option(label="Наставники")
    page.get_by_label("Когда заполняется").select_option(label="Периодическое анкетирование")
    page.get_by_test_id("submit").click()
    page.wait_for_url(re.compile(r"/monitoring/questionnaires/\d+/$"))
    assert page.get_by_test_id("questionnaire-title").inner_text() == TITLE
    page.get_by_test_id("question-add").click()
    page.get_by_role("textbox", name="Вопрос").fill("Насколько вы удовлетворены методической работой?")
    page.get_by_label("Вид ответа").select_option(label="Шкала от 1 до 10")
    page.get_by_label("Что измеряет").select_option(label="Удовлетворённость")
    page.get_by_label("Подпись к 1", exact=True).fill("совсем не удовлетворены")
    page.get_by_label("Подпись к 10", exact=True).fill("полностью удовлетворены")
    page.get_by_test_id("submit").click()
    page.get_by_test_id("question-add").click()
    page.get_by_role("textbox", name="Вопрос").fill("Как часто проходят методические совещания?")
    page.get_by_label("Вид ответа").select_option(label="Один вариант")
    page.get_by_label("Варианты ответа").fill("Раз в неделю\nРаз в месяц")
    page.get_by_test_id("submit").click()
    assert page.get_by_test_id("question-row").count() == 2

    # then the preview shows the scale between its labels and the options, with nothing to send
    page.get_by_test_id("preview-link").click()
    preview = page.get_by_test_id("preview")
    assert "1 — совсем не удовлетворены" in preview.inner_text()
    assert "Раз в месяц" in preview.inner_text()
    assert page.get_by_role("button", name="Отправить ответ").count() == 0

    # when the teacher (mentor_a) owes it and opens it from «Мои анкеты»
    questionnaire = Questionnaire.objects.get(title=TITLE)
    assign(questionnaire=questionnaire, person=world.mentor_a, organization=world.school_a, phase="periodic")
    page.context.clear_cookies()
    sign_in("mentor_a")
    page.goto("/monitoring/my/")
    page.get_by_test_id("pending").get_by_role("link", name="Заполнить").click()

    # and sends only the scale: the form comes back keeping it and names the missing question
    questions = page.get_by_test_id("answer-question")
    questions.nth(0).get_by_label("7", exact=True).check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("submit").click()
    page.wait_for_load_state()
    assert page.get_by_text("Исправьте ошибки в анкете").is_visible()
    assert questions.nth(0).get_by_label("7", exact=True).is_checked()
    assert "Ответьте на этот вопрос." in questions.nth(1).inner_text()
    assert not Answer.objects.exists()

    # when she chooses the option too and confirms the sending
    questions.nth(1).get_by_label("Раз в месяц").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/monitoring/my/")
    assert page.get_by_text("Ответ отправлен. Спасибо!").is_visible()

    # then her answer is locked and shown to her read-only
    page.get_by_test_id("answered").get_by_role("link", name="Мой ответ").click()
    readonly = page.get_by_test_id("answer-readonly").inner_text()
    assert "Раз в месяц" in readonly and "7" in readonly
    assert page.get_by_role("button", name="Отправить ответ").count() == 0
    page.screenshot(path=str(artifacts / "questionnaire-answer-locked.png"), full_page=True)

    # and the curator reads the results: one answer, mean 7
    page.context.clear_cookies()
    sign_in("curator_a")
    page.goto(f"/monitoring/questionnaires/{questionnaire.pk}/")
    page.get_by_test_id("results-link").click()
    assert "Ответов: 1" in page.get_by_test_id("total").inner_text()
    assert page.get_by_test_id("mean").first.inner_text() == "7,0"
