"""Answers typed in from a paper form, in a real browser (seed 004 §9.2): the mentee has no
account; the curator follows «Внести с бумажной анкеты» from the program page, reads whose answers
she types in, is asked before sending, and returns to the program with the condition met. And the
confirmation (``data-confirm``) of a button: asked on its click, «Отмена» keeps the page, a form
sent by a button that asked does not ask twice."""

from __future__ import annotations

import pytest

from nastavnik.mentoring.tests.test_programs_services import active
from nastavnik.monitoring.models import Answer
from nastavnik.people.models import Person
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def test_the_curator_types_in_the_mentees_paper_self_assessment(page, sign_in, world):
    # given a started program whose mentee Молодцова has no account
    program = active(world)
    Person.objects.filter(pk=world.mentee_a.pk).update(user=None)

    # when the curator opens the program and follows the link of the unanswered self-assessment
    sign_in("curator_a")
    page.goto(_program_url(program))
    completion = page.get_by_test_id("completion-conditions")
    completion.get_by_role("link", name="Внести с бумажной анкеты").first.click()
    page.wait_for_load_state()

    # then she reads whose answers she types in, fills the form and is asked before sending
    notice = page.get_by_test_id("paper-entry-notice").inner_text()
    assert "Вы вносите ответы Молодцовой М. П. с бумажной анкеты" in notice
    for question in page.get_by_test_id("answer-question").all():
        if question.locator("input[type=radio]").count() == 10:
            question.get_by_label("5", exact=True).check()
    questions: list[str] = []

    def accept(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.get_by_test_id("submit").click()
    page.wait_for_load_state()
    assert questions == ["После отправки ответы Молодцовой М. П. нельзя будет изменить. Отправить?"]

    # and she is back on the program page, the answer kept as typed in by her
    assert page.url.endswith(_program_url(program))
    assert page.get_by_text("Ответы Молодцовой М. П. с бумажной анкеты внесены.").is_visible()
    answer = Answer.objects.get(program=program, questionnaire__code="mentee_difficulties_before")
    assert answer.person_id == world.mentee_a.pk and answer.entered_by == world.users["curator_a"]


def _program_url(program) -> str:
    from django.urls import reverse

    return reverse("mentoring:program_detail", args=[program.pk])


def test_a_button_with_data_confirm_asks_on_its_click(page, sign_in, world):
    sign_in("operator")
    page.goto("/roles/")
    # a form of the page, its button given a question of its own (as a template would write it)
    rows_before = page.get_by_role("button", name="Снять").count()
    assert rows_before > 0
    page.evaluate(
        """() => {
            const button = document.querySelector("form[data-confirm] button[type=submit]");
            button.setAttribute("data-confirm", "Снять роль с этого пользователя?");
            button.setAttribute("data-testid", "asking-button");
        }"""
    )
    questions: list[str] = []

    def dismiss(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    # when the operator presses it and answers «Отмена»: asked once, nothing sent
    page.on("dialog", dismiss)
    page.get_by_test_id("asking-button").click()
    page.wait_for_timeout(300)
    assert questions == ["Снять роль с этого пользователя?"]
    assert page.url.endswith("/roles/")
    assert page.get_by_role("button", name="Снять").count() == rows_before
    page.remove_listener("dialog", dismiss)

    # when a link carries a question and «Отмена» is answered, the page stays
    page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "/";
            link.textContent = "Уйти";
            link.setAttribute("data-confirm", "Уйти со страницы?");
            link.setAttribute("data-testid", "asking-link");
            document.querySelector("main, body").appendChild(link);
        }"""
    )
    questions.clear()
    page.on("dialog", dismiss)
    page.get_by_test_id("asking-link").click()
    page.wait_for_timeout(300)
    assert questions == ["Уйти со страницы?"] and page.url.endswith("/roles/")
    page.remove_listener("dialog", dismiss)

    # when the button's question is accepted, the form's own question is not asked again
    def accept(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept()

    questions.clear()
    page.on("dialog", accept)
    page.get_by_test_id("asking-button").click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    assert questions == ["Снять роль с этого пользователя?"]
    assert page.get_by_role("button", name="Снять").count() == rows_before - 1
