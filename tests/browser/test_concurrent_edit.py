"""Two managers edit the same draft program in two browsers at once (issue 17, build 7): the
first save wins; the second is refused with «Запись изменена другим пользователем», sees both
versions side by side with the differences marked and its own values still in the form, and
saving again applies them knowingly — nothing typed is lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.mentoring.tests.helpers import draft_program
from tests.browser.conftest import CHROMIUM, PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def signed_in(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()


def test_two_managers_save_the_same_program_and_the_second_loses_nothing(
    browser, page, live_server, world, artifacts
):
    # given a draft program of school A open for editing by its curator and, in another
    # browser, by its head
    program = draft_program(world)
    url = reverse("mentoring:program_edit", args=[program.pk])
    other = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 1280, "height": 900}
    )
    other.set_default_timeout(10_000)
    head = other.new_page()
    try:
        signed_in(page, world.users["curator_a"].username)
        signed_in(head, world.users["head_a"].username)
        page.goto(url)
        head.goto(url)

        # when the curator saves new goals
        page.get_by_label("Цели и задачи").fill("Цели, сохранённые куратором")
        page.get_by_role("button", name="Сохранить").click()
        page.wait_for_load_state()
        assert page.url.endswith(program.get_absolute_url())

        # and the head, who opened the form before, saves other goals and a direction
        head.get_by_label("Цели и задачи").fill("Цели руководителя")
        head.get_by_label("Направление").fill("Направление руководителя")
        head.get_by_role("button", name="Сохранить").click()
        head.wait_for_load_state()

        # then the head's save is refused, both versions are shown field by field
        conflict = head.get_by_test_id("concurrent-edit")
        assert "Запись изменена другим пользователем" in conflict.inner_text()
        goals = conflict.locator('tr[data-field="goals"]')
        assert goals.get_attribute("data-differs") == "1"
        assert "Цели руководителя" in goals.inner_text()
        assert "Цели, сохранённые куратором" in goals.inner_text()
        assert conflict.locator('tr[data-field="starts_on"]').get_attribute("data-differs") is None
        head.screenshot(path=str(artifacts / "concurrent_edit_program.png"), full_page=True)
        # the head's values are still in the form, and the curator's save is stored
        assert head.get_by_label("Цели и задачи").input_value() == "Цели руководителя"
        assert head.get_by_label("Направление").input_value() == "Направление руководителя"
        assert PersonalizedProgram.objects.get(pk=program.pk).goals == "Цели, сохранённые куратором"

        # when the head, having compared, saves again
        head.get_by_role("button", name="Сохранить").click()
        head.wait_for_load_state()

        # then the head's values are written
        assert head.url.endswith(program.get_absolute_url())
        stored = PersonalizedProgram.objects.get(pk=program.pk)
        assert (stored.goals, stored.direction) == ("Цели руководителя", "Направление руководителя")
    finally:
        other.close()
