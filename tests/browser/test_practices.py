"""A best practice from submission to publication in a real browser (issue 19 «done when», item 4;
seed 000 App. 2 §2.3, 003 §4.8): the curator of school A describes a case with a file and submits
it; the municipal coordinator returns it with remarks; the curator reads them, fixes the case and
submits it again; the coordinator publishes it; an anonymous visitor finds it in the public
regional base of effective programs by a search and opens it with its file, and finds it on the
public section of school A. axe-core finds no serious or critical violation on the public pages.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

DETAIL_URL = re.compile(r"/practices/manage/\d+/$")
TITLE = "Цифровой наставник: обратное наставничество по ИКТ"
REMARKS = "Приведите результаты в цифрах: сколько педагогов освоили платформу"
RESULTS = "14 педагогов освоили цифровую платформу, доля уроков с цифровыми ресурсами выросла до 55 %"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def step(page, button: str, comment: str = "") -> None:
    """Press a workflow button on the case, confirm it (with ``comment``), back on the case."""
    page.get_by_role("link", name=button).click()
    if comment:
        page.get_by_role("textbox").fill(comment)
    page.get_by_test_id("submit").click()
    page.wait_for_url(DETAIL_URL)


def test_a_case_goes_from_submission_to_the_public_base(page, sign_in, world):
    # given the curator of school A with a new case and its file
    sign_in("curator_a")
    page.goto("/practices/manage/")
    page.get_by_test_id("practice-create").click()
    page.get_by_label("Наименование практики").fill(TITLE)
    page.get_by_label("Форма наставничества").select_option(index=1)
    page.get_by_label("Описание практики").fill(
        "Молодые учителя обучают опытных коллег работе с цифровыми ресурсами"
    )
    page.get_by_label("Результаты", exact=True).fill("Педагоги освоили платформу")
    page.get_by_label("Приложить файл").set_input_files(
        {"name": "programma.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_label("Наименование файла").fill("Программа практики")
    page.get_by_test_id("submit").click()
    page.wait_for_url(DETAIL_URL)
    case_url = page.url
    assert "Программа практики" in page.get_by_test_id("practice-files").inner_text()

    # when she submits it
    step(page, "Направить на модерацию")
    assert page.get_by_test_id("practice-status").inner_text() == "На модерации"
    # (a submitted case cannot be changed)
    assert page.get_by_test_id("practice-edit").count() == 0
    sign_out(page)

    # and the coordinator returns it with remarks
    sign_in("coordinator")
    page.goto("/")
    page.get_by_role("link", name=re.compile("Цифровой наставник")).first.click()
    page.wait_for_url(DETAIL_URL)
    step(page, "Вернуть на доработку", REMARKS)
    assert page.get_by_test_id("practice-status").inner_text() == "Возвращена на доработку"
    sign_out(page)

    # then the curator reads the remarks, fixes the results and submits again
    sign_in("curator_a")
    page.goto(case_url)
    assert REMARKS in page.get_by_test_id("practice-remarks").inner_text()
    page.get_by_test_id("practice-edit").click()
    page.get_by_label("Результаты", exact=True).fill(RESULTS)
    page.get_by_test_id("submit").click()
    page.wait_for_url(DETAIL_URL)
    step(page, "Направить на модерацию")
    sign_out(page)

    # and the coordinator publishes it
    sign_in("coordinator")
    page.goto(case_url)
    step(page, "Опубликовать")
    assert page.get_by_test_id("practice-status").inner_text() == "Опубликована"
    history = page.get_by_test_id("practice-history").inner_text()
    assert REMARKS in history and "Опубликована" in history
    sign_out(page)

    # then an anonymous visitor finds it in the public base by a word and by the school
    page.goto("/practices/")
    assert_accessible(page, context="региональная база практик")
    page.get_by_label("Поиск", exact=True).fill("цифровой")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_load_state()
    found = page.get_by_test_id("public-practice")
    assert found.count() == 1 and TITLE in found.inner_text()
    page.get_by_label("Организация").select_option(str(world.school_a.pk))
    page.get_by_role("button", name="Найти").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("public-practice").count() == 1
    assert_accessible(page, context="поиск в базе практик")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    assert RESULTS in page.content()
    assert "СОШ № 1" in page.get_by_test_id("practice-organization").inner_text()
    assert_accessible(page, context="страница практики")
    with page.expect_download() as download:
        page.get_by_role("link", name="Программа практики").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # and on school A's public section, in the block «Лучшие практики»
    from nastavnik.openness.selectors.sections import public_url
    from nastavnik.openness.services.sections import section_for, section_publish

    section = section_for(world.school_a)
    section_publish(section.parent, by=None)
    section_publish(section, by=None)
    page.goto(public_url(section))
    block = page.get_by_test_id("block-practices")
    assert TITLE in block.inner_text()
    assert_accessible(page, context="раздел школы A")
    block.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
