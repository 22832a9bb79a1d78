"""The menu by role (``core.context_processors.navigation``): one item per part, the second row of
openness and recognition (issue 19) on its pages, each link one the user may open."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def page(world, user_key: str, url: str):
    client = Client()
    client.force_login(world.users[user_key])
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def labels(rows) -> list[str]:
    return [row[0] for row in rows]


def test_the_curator_finds_every_part_of_openness_in_the_second_row(world):
    # when the curator of school A opens the page of the sections they keep
    response = page(world, "curator_a", "/sections/")

    # then «Открытость» is the active menu item and its row lists the curator's parts
    nav = dict((label, active) for label, _url, active in response.context["nav_items"])
    assert nav["Открытость"] is True
    row = response.context["openness_nav"]
    assert labels(row) == [
        "Раздел на сайте",
        "Обращения к наставникам",
        "Проверка разделов",
        "Лучшие практики",
        "Поощрения",
        "Эффективность наставников",
        "Публичные страницы",
    ]
    assert [label for label, _url, active in row if active] == ["Раздел на сайте"]
    # and every link of the row opens for the curator
    client = Client()
    client.force_login(world.users["curator_a"])
    for _label, url, _active in row:
        assert client.get(url).status_code == 200, url


def test_a_mentor_sees_their_incentives_and_not_the_keepers_parts(world):
    # when the mentor of school A opens the home page
    response = page(world, "mentor_a", "/")

    # then the menu leads them to their incentives, and there is no second row off its pages
    assert "Открытость" in labels(response.context["nav_items"])
    assert "openness_nav" not in response.context
    row = page(world, "mentor_a", "/incentives/").context["openness_nav"]
    assert "Поощрения" in labels(row)
    assert not {"Раздел на сайте", "Обращения к наставникам", "Проверка разделов"} & set(labels(row))


def test_the_public_pages_have_their_own_menu_and_no_signed_in_one(world, client):
    # when an anonymous visitor opens the region's public page
    response = client.get("/o/")

    # then it answers without a sign-in and carries no menu of the system
    assert response.status_code == 200
    assert not response.context.get("nav_items")
    assert "Выйти" not in response.content.decode()


def test_the_curator_finds_the_learners_contour_in_one_menu_item_with_its_second_row(world):
    # when the curator of school A opens the card list of participants outside the staff
    response = page(world, "curator_a", "/partners/participants/")

    # then «Обучающиеся» is the active menu item and its row lists the learners, the participants
    # outside the staff and the partners, the open part marked
    nav = dict((label, active) for label, _url, active in response.context["nav_items"])
    assert nav["Обучающиеся"] is True
    row = response.context["learners_nav"]
    assert labels(row) == ["Обучающиеся", "Участники вне штата", "Организации-партнёры"]
    assert [label for label, _url, active in row if active] == ["Участники вне штата"]


def test_the_learners_second_row_marks_the_learners_on_a_learners_page(world):
    response = page(world, "curator_a", "/learners/")

    assert [label for label, _url, active in response.context["learners_nav"] if active] == ["Обучающиеся"]
    # the contingent of learners is a part of monitoring
    monitoring = page(world, "curator_a", "/monitoring/")
    assert "Контингент обучающихся" in labels(monitoring.context["monitoring_nav"])
