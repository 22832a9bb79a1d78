"""The curator keeps the bank in a real browser: from a teacher's card to an active mentor."""

from __future__ import annotations

import pytest

from nastavnik.bank.models import MentorProfile
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def test_curator_makes_a_teacher_an_active_mentor(page, sign_in, world, artifacts):
    # given the curator of school A opens Афанасьева's card
    sign_in("curator_a")
    page.goto(world.teacher_a.get_absolute_url())
    assert page.get_by_test_id("consent-state").inner_text().startswith("действует")

    # when she puts her into the mentor base with two competences
    page.get_by_role("link", name="Включить в базу наставников").click()
    assert page.locator("#id_person").input_value() == str(world.teacher_a.pk)
    page.get_by_label("Методические", exact=True).select_option("5")
    page.get_by_label("Психолого-педагогические", exact=True).select_option("4")
    page.get_by_label("педагог – педагог", exact=True).check()
    page.get_by_label("Дата письменного согласия быть наставником").fill("2026-09-01")
    page.get_by_role("button", name="Сохранить").click()

    # then the mentor card opens with the status «кандидат» and its first event
    assert page.get_by_test_id("mentor-status").inner_text() == "кандидат"
    assert "кандидат" in page.get_by_test_id("status-history").inner_text()
    assert page.get_by_role("table", name="Компетенции").inner_text().count("\n") >= 2

    # when she moves her along the path to an active mentor
    for status in ("отобран", "обучен", "действующий наставник"):
        page.get_by_label("Новый статус").select_option(label=status)
        page.get_by_label("Комментарий").fill(f"Перевод: {status}")
        page.get_by_role("button", name="Изменить статус").click()
        assert page.get_by_test_id("mentor-status").inner_text() == status

    # then the history keeps every step with its author, and the list shows her as active
    history = page.get_by_test_id("status-history").inner_text()
    assert "обучен → действующий наставник" in history and "Перевод: отобран" in history
    page.screenshot(path=str(artifacts / "bank-mentor-card.png"), full_page=True)
    page.get_by_role("link", name="Банк наставников", exact=True).click()
    row = page.locator("tbody tr", has_text="Афанасьева")
    assert "действующий наставник" in row.inner_text()
    assert MentorProfile.objects.get(person=world.teacher_a).events.count() == 4


def test_status_jump_is_not_offered_and_withdrawal_hides_the_person(page, sign_in, world):
    # given a candidate mentor
    sign_in("curator_a")
    page.goto(f"/bank/mentors/add/?person={world.teacher_a.pk}")
    page.get_by_role("button", name="Сохранить").click()
    options = page.get_by_label("Новый статус").locator("option").all_inner_texts()
    # then only the next steps are offered
    assert options == ["отобран", "выбыл"]

    # when the curator records the withdrawal of the consent from the card
    page.get_by_role("link", name="Отозвать согласие").click()
    page.get_by_label("Основание").fill("Заявление об отзыве согласия")
    page.get_by_role("button", name="Сохранить").click()

    # then the card says so, and the coordinator no longer reaches the person
    assert page.get_by_test_id("consent-state").inner_text().startswith("нет действующего согласия")
    page.get_by_role("button", name="Выйти").click()
    sign_in("coordinator")
    response = page.goto(world.teacher_a.get_absolute_url())
    assert response.status == 404
