"""A nomination from school to region in a real browser (issue 19 item 6, «done when»; seed 004
§5.1, 001 §6.1): the head of school A opens a mentor's card in the bank and nominates the mentor
for the badge «Почётный наставник», sends the nomination to the municipality; the municipal
coordinator finds it in the queue, supports it and forwards it to the region; the regional
operator grants the award; the award appears on the mentor's card.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

NOMINATION_URL = re.compile(r"/incentives/nominations/\d+/$")
BADGE = "Представление к награждению нагрудным знаком «Почётный наставник»"
JUSTIFICATION = "Подготовила пятерых молодых педагогов, все они остались в школе."


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def open_from_queue(page) -> None:
    page.goto("/incentives/nominations/queue/")
    rows = page.get_by_test_id("nomination-row")
    assert rows.count() == 1
    rows.first.get_by_role("link", name="Наставникова Мария Петровна").click()
    page.wait_for_url(NOMINATION_URL)


def test_nomination_from_school_to_region(page, sign_in, world):
    from nastavnik.incentives.tests.helpers import mentor_card

    card = mentor_card(world.mentor_a, world.school_a)

    # the head nominates the mentor from the mentor's card
    sign_in("head_a")
    page.goto(f"/bank/mentors/{card.pk}/")
    block = page.get_by_test_id("mentor-incentives")
    block.get_by_role("link", name="Представить к награде").click()
    page.get_by_label("Награда").select_option(label=BADGE)
    page.get_by_label("Уровень награды").select_option(label="федеральный уровень")
    page.get_by_label("Обоснование представления").fill(JUSTIFICATION)
    page.get_by_label("Достижения наставника").fill(
        "Победитель конкурса «Педагогический дебют» как наставник"
    )
    page.get_by_test_id("submit").click()
    page.wait_for_url(NOMINATION_URL)
    assert page.get_by_test_id("nomination-status").inner_text() == "черновик"
    page.get_by_test_id("nomination-submit").click()
    page.get_by_test_id("submit").click()
    page.wait_for_url(NOMINATION_URL)
    assert page.get_by_test_id("nomination-status").inner_text() == "направлено в муниципалитет"
    sign_out(page)

    # the coordinator of the municipality supports it and forwards it to the region
    sign_in("coordinator")
    open_from_queue(page)
    assert page.get_by_test_id("nomination-grant").count() == 0  # a federal award: not theirs to grant
    page.get_by_test_id("nomination-support").click()
    page.get_by_label("Комментарий").fill("Кандидатура поддержана муниципальным советом наставников.")
    page.get_by_test_id("submit").click()
    page.wait_for_url(NOMINATION_URL)
    assert "направлено в регион" in page.get_by_test_id("nomination-status").inner_text()
    sign_out(page)

    # the regional operator grants the award
    sign_in("operator")
    open_from_queue(page)
    page.get_by_test_id("nomination-grant").click()
    page.get_by_label("Кем выдана").fill("Министерство просвещения Российской Федерации")
    page.get_by_label("Номер приказа (постановления)").fill("78/н")
    page.get_by_test_id("submit").click()
    page.wait_for_url(NOMINATION_URL)
    assert page.get_by_test_id("nomination-status").inner_text() == "награда присуждена"
    history = page.get_by_test_id("nomination-history").inner_text()
    assert "Представление поддержано муниципалитетом и направлено в регион" in history
    sign_out(page)

    # the award is on the mentor's card
    sign_in("head_a")
    page.goto(f"/bank/mentors/{card.pk}/")
    awards = page.get_by_test_id("mentor-awards").inner_text()
    assert "Награждение нагрудным знаком «Почётный наставник»" in awards
    assert "Министерство просвещения Российской Федерации" in awards
