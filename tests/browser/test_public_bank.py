"""The public open bank of mentors in a real browser (issue 19, item 2; seed 001 §7.1.1).

Done when: an anonymous visitor searches the public open bank by municipality and subject, opens a
card and sends a request for the mentor, which reaches the curator; the mentor who withheld the
consent to distribution (152-ФЗ art. 10.1) is absent; axe-core finds no serious or critical
violation on the public pages.
"""

from __future__ import annotations

import pytest
from django.core import mail

from nastavnik.openness.models import MentorRequest
from nastavnik.openness.tests.public_bank_world import OPEN_BANK_ONLY, open_bank_mentor
from nastavnik.reference.models import Subject
from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def cards(page) -> str:
    return "\n".join(page.get_by_test_id("mentor-card").all_inner_texts())


def test_an_anonymous_visitor_finds_a_mentor_and_asks_for_help(page, world):
    # given public mentors of both municipalities with a subject, and a mentor of school A who gave
    # the consent to the open bank but not to distribution
    subject = Subject.objects.filter(is_active=True).order_by("name").first()
    open_bank_mentor(world.school_a, "Сургутова", subjects=[subject], fields=["subjects", "position"])
    open_bank_mentor(world.school_b, "Вартовская", subjects=[subject], fields=["subjects"])
    open_bank_mentor(
        world.school_a, "Несогласова", purposes=OPEN_BANK_ONLY, subjects=[subject], fields=["subjects"]
    )
    curator = world.users["curator_a"]
    curator.email = "curator_a@example.ru"
    curator.save(update_fields=["email"])

    # when an anonymous visitor opens the public bank, it lists the public mentors only
    page.goto("/mentors/")
    assert "Сургутова" in cards(page) and "Вартовская" in cards(page)
    assert "Несогласова" not in page.content()
    assert_accessible(page, context="поиск в банке наставников")

    # and searches by municipality 1 and the subject
    page.get_by_label("Муниципальное образование").select_option(label=str(world.muni1))
    page.get_by_label("Предмет").select_option(label=str(subject))
    page.get_by_role("button", name="Найти").click()
    page.wait_for_load_state()
    found = cards(page)
    assert "Сургутова" in found and "Вартовская" not in found and "Несогласова" not in found

    # then opens the card and asks for the mentor
    page.get_by_role("link", name="Сургутова", exact=False).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Сургутова")
    assert_accessible(page, context="карточка наставника")
    page.get_by_role("link", name="Попросить наставника").click()
    page.wait_for_load_state()
    assert_accessible(page, context="форма обращения к наставнику")

    # a form sent without the consent comes back with a Russian error, nothing kept
    page.locator("#id_full_name").fill("Петрова Анна Сергеевна")
    page.locator("#id_email").fill("petrova@example.ru")
    page.locator("#id_workplace").fill("МБОУ СОШ № 7")
    page.locator("#id_message").fill("Нужна помощь в подготовке открытого урока.")
    page.get_by_role("button", name="Отправить обращение").click()
    page.wait_for_load_state()
    assert "Без согласия на обработку персональных данных" in page.content()
    assert not MentorRequest.objects.exists()
    assert_accessible(page, context="форма обращения с ошибкой")

    # with the consent ticked, it is sent and confirmed
    page.get_by_label("Даю согласие", exact=False).check()
    page.get_by_role("button", name="Отправить обращение").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Обращение отправлено"
    assert "передано куратору" in page.get_by_test_id("request-sent").inner_text()
    assert_accessible(page, context="подтверждение обращения")

    # then the request is kept for school A and the curator got the letter
    request = MentorRequest.objects.get()
    assert request.organization == world.school_a and request.full_name == "Петрова Анна Сергеевна"
    assert [m.to for m in mail.outbox] == [["curator_a@example.ru"]]
