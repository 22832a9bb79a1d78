"""What a person sees in a real browser: sign-in, scope, search, cards, sign-out."""

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

BOOTSTRAP_PRIMARY = "rgb(13, 110, 253)"


def tiles(page) -> dict[str, int]:
    """The home page tiles as ``{label: value}``."""
    result = {}
    for card in page.locator(".card-body").all():
        value = card.locator('[data-testid="tile-value"]')
        if value.count():
            result[card.locator(".text-muted").inner_text().strip()] = int(value.inner_text())
    return result


def nav(page):
    return page.get_by_role("navigation", name="Основная навигация")


def table_text(page) -> str:
    return page.locator("table tbody").inner_text()


def test_wrong_password_shows_the_russian_error(page, sign_in):
    # when the curator signs in with a wrong password
    sign_in("curator_a", "wrong-password")

    # then the sign-in page stays, with the Russian message, and nothing behind it opens
    assert page.url.endswith("/login/")
    assert page.get_by_text("Неверное имя пользователя или пароль.").is_visible()
    page.goto("/people/")
    assert "/login/?next=/people/" in page.url


def test_curator_of_a_finds_and_opens_a_teacher_of_a(page, sign_in, world, artifacts):
    # given the curator of school A signs in
    sign_in("curator_a")

    # then the home page greets them with the counts of their school
    assert page.url.endswith("/")
    assert page.get_by_role("heading", name=re.compile("Здравствуйте")).is_visible()
    assert tiles(page) == {
        "Организации": 1,
        "Педагогические работники": 3,
        "Действующие наставнические пары": 1,
    }
    # and Bootstrap is applied (the static files are served)
    button = page.get_by_role("button", name="Выйти")
    assert (
        page.locator("nav.navbar").evaluate("e => getComputedStyle(e).backgroundColor") == BOOTSTRAP_PRIMARY
    )
    assert button.is_visible()

    # when they open «Педагоги»
    nav(page).get_by_role("link", name="Педагоги").click()
    page.wait_for_url("**/people/")

    # then the teachers of A are listed and the teacher of B is not
    rows = table_text(page)
    for surname in ("Афанасьева", "Наставникова", "Молодцова"):
        assert surname in rows
    assert "Борисова" not in page.content()
    assert page.get_by_test_id("total").inner_text() == "Найдено: 3"
    page.screenshot(path=str(artifacts / "people-list-curator-a.png"), full_page=True)

    # when they search by surname, typed in lower case
    page.get_by_role("textbox", name="Поиск").fill("афанас")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url("**/people/?q=*")

    # then only that teacher is left
    assert page.get_by_test_id("total").inner_text() == "Найдено: 1"
    assert "Наставникова" not in table_text(page)

    # when they open the card
    page.get_by_role("link", name=re.compile("Афанасьева")).click()
    page.wait_for_url(f"**/people/{world.teacher_a.pk}/")

    # then the card shows the teacher, the school, and the edit button of a curator
    assert page.get_by_role("heading", name="Афанасьева Мария Петровна").is_visible()
    assert "СОШ № 1" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Редактировать").is_visible()


def test_curator_of_b_cannot_open_a_teacher_of_a(page, sign_in, world):
    # given the curator of school B signs in
    sign_in("curator_b")

    # when they type the URL of a teacher of A
    response = page.goto(f"/people/{world.teacher_a.pk}/")

    # then the page «does not exist» for them, and the teacher's name is nowhere
    assert response.status == 404
    assert page.get_by_role("heading", name="Страница не найдена").is_visible()
    assert "Афанасьева" not in page.content()


def test_coordinator_sees_the_organizations_of_their_municipality_only(page, sign_in, world):
    # given the coordinator of municipality 1 signs in
    sign_in("coordinator")

    # when they open «Организации»
    nav(page).get_by_role("link", name="Организации").click()
    page.wait_for_url("**/organizations/")

    # then they see their municipality and its school, and nothing of municipality 2
    rows = table_text(page)
    assert "город Сургут" in rows
    assert "МБОУ «Средняя общеобразовательная школа № 1»" in rows
    assert "Нижневартовск" not in page.content()
    assert "школа № 2" not in page.content()
    assert page.get_by_test_id("total").inner_text() == "Найдено: 2"


def test_sign_out(page, sign_in, world):
    # given the curator of A, whose account carries her name, is signed in
    curator = world.users["curator_a"]
    curator.first_name, curator.last_name = "Ирина", "Кураторова"
    curator.save(update_fields=["first_name", "last_name"])
    sign_in("curator_a")
    # the top bar names her, never by the login
    assert page.get_by_test_id("current-user").inner_text() == "Ирина Кураторова"

    # when they sign out
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url("**/login/")

    # then they are at the sign-in page, and the home page asks to sign in again
    assert page.get_by_role("heading", name="Вход в систему").is_visible()
    page.goto("/")
    assert "/login/?next=/" in page.url
