"""A regional contest of municipal models of mentoring from its call to its results, in a real
browser (issue 19 «done when», item 5; seed 000 §4.3.1, App. 2 §2.5): the regional operator
announces a contest with two criteria and an expert of municipality 2 on its panel; the
coordinator of municipality 1 applies with a file; the expert scores the application; the operator
publishes the results; an anonymous visitor reads them on the contest's public page and on the
region's public page. axe-core finds no serious or critical violation on the public pages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

CONTEST_URL = re.compile(r"/contests/manage/(\d+)/$")
APPLICATION_URL = re.compile(r"/contests/manage/applications/\d+/$")
TITLE = "Региональный конкурс муниципальных моделей наставничества"
MODEL = "«Наставник рядом»: сеть школьных советов наставников"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: What axe-core checks: the page's own content (the shared header is the sections' tests' concern).
AXE_SCOPE = "main"


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def confirm(page, link: str) -> None:
    """Open the step's page by its link and press its button."""
    page.get_by_role("link", name=link).first.click()
    page.get_by_test_id("submit").click()
    page.wait_for_load_state()


@pytest.fixture
def expert(world):
    from nastavnik.testing.personas import add_contest_expert

    return add_contest_expert(world)


@pytest.fixture
def region_section(world):
    """The region's public section, published (the page /o/ that takes the contest's block)."""
    from nastavnik.openness.services.sections import section_for, section_publish

    section = section_for(world.region)
    section_publish(section, by=None)
    return section


def test_a_contest_goes_from_the_call_to_public_results(page, sign_in, world, expert, region_section):
    today = timezone.localdate()

    # given the operator drawing up a contest with two criteria (applications close today)
    sign_in("operator")
    page.goto("/contests/manage/")
    page.get_by_test_id("contest-create").click()
    page.get_by_label("Наименование").fill(TITLE)
    page.get_by_label("Объявление о конкурсе").fill("Приглашаем муниципальные образования.")
    page.get_by_label("Начало приёма заявок").fill(today.isoformat())
    page.get_by_label("Окончание приёма заявок").fill(today.isoformat())
    page.get_by_label("Окончание экспертизы").fill((today + dt.timedelta(days=10)).isoformat())
    page.locator('[name="criteria-0-title"]').fill("Нормативная база")
    page.locator('[name="criteria-0-max_score"]').fill("10")
    page.locator('[name="criteria-0-weight"]').fill("1")
    page.locator('[name="criteria-1-title"]').fill("Результативность")
    page.locator('[name="criteria-1-max_score"]').fill("5")
    page.locator('[name="criteria-1-weight"]').fill("2")
    page.get_by_test_id("submit").click()
    page.wait_for_url(CONTEST_URL)
    contest_id = CONTEST_URL.search(page.url).group(1)

    # when the operator seats the expert of municipality 2 and announces the contest
    page.get_by_test_id("panel").click()
    page.locator("select[name=user]").select_option(label="Элла Экспертова")
    page.locator("select[name=municipality]").select_option(label=str(world.muni2))
    page.get_by_test_id("submit").click()
    assert "Элла Экспертова" in page.get_by_test_id("panel-list").inner_text()
    page.goto(f"/contests/manage/{contest_id}/")
    confirm(page, "Объявить конкурс")
    assert "Конкурс объявлен" in page.content()
    sign_out(page)

    # and the coordinator of municipality 1 applies with a file and submits
    sign_in("coordinator")
    page.goto(f"/contests/manage/{contest_id}/")
    page.get_by_test_id("apply").click()
    page.get_by_label("Наименование муниципальной модели").fill(MODEL)
    page.get_by_label("Описание муниципальной модели наставничества").fill(
        "Советы наставников в каждой школе, муниципальная школа наставников, ежегодная конференция."
    )
    page.get_by_label("Наименование файла").fill("Описание модели")
    page.get_by_label("Файл заявки").set_input_files(
        files=[{"name": "model.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_test_id("submit").click()
    page.wait_for_url(APPLICATION_URL)
    confirm(page, "Подать заявку")
    assert "Заявка подана" in page.content()
    sign_out(page)

    # and the operator ends the applications; the expert scores the application, with its file
    sign_in("operator")
    page.goto(f"/contests/manage/{contest_id}/")
    confirm(page, "Закончить приём заявок")
    sign_out(page)
    sign_in("expert_1")
    page.goto(f"/contests/manage/{contest_id}/applications/")
    page.get_by_role("link", name="оценить").click()
    assert page.get_by_role("link", name="Описание модели").is_visible()
    scores = page.get_by_role("spinbutton")
    scores.nth(0).fill("8")
    scores.nth(1).fill("4")
    page.get_by_test_id("submit").click()
    assert "Оценки сохранены" in page.content()
    sign_out(page)

    # and the operator publishes the results
    sign_in("operator")
    page.goto(f"/contests/manage/{contest_id}/")
    confirm(page, "Опубликовать итоги")
    assert "Итоги конкурса опубликованы" in page.content()
    sign_out(page)

    # then an anonymous visitor reads the results: the municipality, its total, the formula
    page.goto("/contests/")
    assert TITLE in page.content()
    assert_accessible(page, context="список конкурсов", selector=AXE_SCOPE)
    page.get_by_role("link", name=re.compile(TITLE)).first.click()
    table = page.get_by_test_id("ranking-table").inner_text()
    # 1 × 8/10 + 2 × 4/5 = 2.4 of 3
    assert str(world.muni1) in table and MODEL in table and "2,400" in table and "80,0" in table
    assert "Экспертова" not in page.content()
    assert_accessible(page, context="итоги конкурса", selector=AXE_SCOPE)
    # and on the region's public page
    page.goto("/o/")
    block = page.get_by_test_id("contest-block").inner_text()
    assert str(world.muni1) in block
    assert_accessible(page, context="страница региона", selector=AXE_SCOPE)
