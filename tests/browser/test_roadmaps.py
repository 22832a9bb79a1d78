"""A school's roadmap goes through approval in a real browser (issue 6, «done when»): the curator
of school A creates it from the template of seed 002 §10 and submits it; the municipal coordinator
finds it on the control page and returns it with a comment; the curator reads the comment, fixes
the period of an activity and submits it again; the coordinator approves it; the roadmap page
shows «Утверждена» and the history names who returned and who approved it (seed 002 §6, 000 §4.2).
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

REMARK = "Уточните сроки информирования родителей"
#: The coordinator's name as the history shows it (the account's own name; never the login).
COORDINATOR_NAME = "Галина Координаторова"
CURATOR_NAME = "Ирина Кураторова"
DETAIL_URL = re.compile(r"/roadmaps/\d+/(#.*)?$")


def act(page, name: str, comment: str = "") -> None:
    """Press a workflow button on the roadmap page and confirm it on its own page."""
    page.get_by_test_id("actions").get_by_role("link", name=name).click()
    page.wait_for_url(re.compile(r"/roadmaps/\d+/action/[a-z]+/$"))
    if comment:
        page.get_by_label("Что нужно доработать").fill(comment)
    page.get_by_test_id("submit").click()
    page.wait_for_url(DETAIL_URL)


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def test_a_school_roadmap_is_submitted_returned_fixed_and_approved(page, sign_in, world, artifacts):
    from nastavnik.roadmaps.models import Roadmap

    for persona, name in (("coordinator", COORDINATOR_NAME), ("curator_a", CURATOR_NAME)):
        account = world.users[persona]
        account.first_name, account.last_name = name.split()
        account.save(update_fields=["first_name", "last_name"])
    try:
        # given the curator of school A on the list of roadmaps
        sign_in("curator_a")
        page.goto("/roadmaps/")

        # when she creates the school's roadmap from the template of the regulations
        page.get_by_test_id("roadmap-create").click()
        page.wait_for_url("**/roadmaps/new/")
        page.get_by_label("По шаблону из нормативных документов").check()
        page.get_by_label("Шаблон", exact=True).select_option("organization_002")
        page.get_by_label("Год начала").fill("2026")
        page.get_by_role("button", name="Создать").click()
        page.wait_for_url(DETAIL_URL)

        # then it is a draft with all 28 activities of the template over the school year 2026/27
        roadmap = Roadmap.objects.get()
        assert roadmap.owner == world.school_a
        assert page.get_by_test_id("roadmap-status").inner_text() == "Проект"
        assert page.get_by_test_id("item-row").count() == 28
        assert "01.09.2026 – 30.06.2027" in page.content()

        # and its timeline opens from the roadmap page and back
        page.get_by_test_id("timeline-link").click()
        page.wait_for_url(f"**/roadmaps/{roadmap.pk}/timeline/")
        assert "График мероприятий" in page.get_by_test_id("timeline-title").inner_text()
        assert page.get_by_test_id("timeline-row").count() == 28
        page.get_by_test_id("back-to-roadmap").click()
        page.wait_for_url(DETAIL_URL)

        # when she submits it to the municipality
        act(page, "Направить на согласование")

        # then it waits for approval and its plan is frozen
        assert page.get_by_test_id("roadmap-status").inner_text() == "На согласовании"
        assert page.get_by_test_id("item-add").count() == 0
        sign_out(page)

        # when the coordinator of the municipality finds it on the control page
        sign_in("coordinator")
        page.goto("/roadmaps/control/")
        waiting = page.get_by_test_id("waiting-row")
        assert waiting.count() == 1 and world.school_a.short_name in waiting.inner_text()
        waiting.get_by_role("link").click()
        page.wait_for_url(f"**/roadmaps/{roadmap.pk}/")

        # and returns it with her remark
        actions = page.get_by_test_id("actions")
        assert actions.get_by_role("link", name="Утвердить").is_visible()
        act(page, "Вернуть на доработку", comment=REMARK)

        # then it is returned
        assert page.get_by_test_id("roadmap-status").inner_text() == "Возвращена на доработку"
        sign_out(page)

        # when the curator opens it again, she reads the remark
        sign_in("curator_a")
        page.goto(f"/roadmaps/{roadmap.pk}/")
        assert REMARK in page.get_by_test_id("return-comment").inner_text()

        # and changes the period of informing the parents through the activity's form
        row = page.get_by_test_id("item-row").filter(has_text="Информирование родителей")
        assert "Сентябрь – октябрь 2026" in row.inner_text()
        row.get_by_role("link", name="изменить").click()
        page.wait_for_url(re.compile(r"/roadmaps/items/\d+/edit/$"))
        period = page.get_by_label("Срок")
        period.fill("31.02.2026")
        page.get_by_test_id("submit").click()
        # an impossible date is refused on the field, in Russian
        assert "указана несуществующая дата" in page.locator('[data-field="period"]').inner_text()
        page.get_by_label("Срок").fill("Сентябрь – декабрь 2026")
        page.get_by_test_id("submit").click()
        page.wait_for_url(DETAIL_URL)
        row = page.get_by_test_id("item-row").filter(has_text="Информирование родителей")
        assert "Сентябрь – декабрь 2026" in row.inner_text()

        # and submits it again
        act(page, "Направить на согласование")
        assert page.get_by_test_id("roadmap-status").inner_text() == "На согласовании"
        sign_out(page)

        # when the coordinator approves it
        sign_in("coordinator")
        page.goto(f"/roadmaps/{roadmap.pk}/")
        act(page, "Утвердить")

        # then the page shows it approved, and the history names who returned and who approved it
        assert page.get_by_test_id("roadmap-status").inner_text() == "Утверждена"
        assert page.get_by_test_id("return-comment").count() == 0
        history = page.get_by_test_id("roadmap-history").locator("li")
        returned = history.filter(has_text="Возвращена на доработку").filter(has_text=REMARK)
        approved = history.filter(has_text="Утверждена").filter(has_text="На согласовании → Утверждена")
        assert returned.count() == 1 and f"({COORDINATOR_NAME})" in returned.inner_text()
        assert approved.count() == 1 and f"({COORDINATOR_NAME})" in approved.inner_text()
        submitted = history.filter(has_text="Направлена на согласование")
        assert submitted.count() == 2 and f"({CURATOR_NAME})" in submitted.first.inner_text()
        page.screenshot(path=str(artifacts / "roadmap-approved.png"), full_page=True)

        roadmap.refresh_from_db()
        assert roadmap.status == "approved" and roadmap.approved_by == world.users["coordinator"]
    except Exception:
        page.screenshot(path=str(artifacts / "roadmap-failure.png"), full_page=True)
        raise
