"""The type-ahead organization chooser of the people list in a real browser (issue 16): typing asks
the scoped endpoint, the Russian texts show, picking a school narrows the list by
``?organization=<id>``, and nothing breaks the Content-Security-Policy."""

from __future__ import annotations

import pytest

from nastavnik.core.autocomplete import SMALL_SCOPE
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def test_people_list_organization_chooser(page, sign_in, world, artifacts):
    from nastavnik.testing import factories as f

    for n in range(SMALL_SCOPE + 5):  # past the small scope: a type-ahead field, not a select
        f.OrgUnitFactory(parent=world.muni1, full_name=f"МБОУ «Лицей № {n}»", short_name=f"Лицей № {n}")
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and ("Content Security Policy" in m.text or "Refused to" in m.text)
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    sign_in("operator")
    page.goto("/people/")
    page.wait_for_load_state("load")
    assert page.get_by_text(world.teacher_a.last_name).count() >= 1
    assert page.get_by_text(world.teacher_b.last_name).count() >= 1

    # The select is replaced by Select2's field; it opens a search box.
    chooser = page.locator("#id_organization + .select2")
    chooser.click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill("нет такой школы")
    page.locator(".select2-results__message", has_text="Совпадений не найдено").wait_for()
    search.fill("СОШ № 2")
    option = page.locator(".select2-results__option", has_text="СОШ № 2 (город Нижневартовск)")
    option.wait_for()
    assert page.locator(".select2-results__option").count() == 1
    page.screenshot(path=str(artifacts / "chooser-people-list.png"))
    option.click()
    assert page.locator("#id_organization").input_value() == str(world.school_b.pk)

    page.get_by_role("button", name="Найти").click()
    page.wait_for_load_state("load")
    assert f"organization={world.school_b.pk}" in page.url
    assert page.get_by_text(world.teacher_b.last_name).count() >= 1
    assert page.get_by_text(world.teacher_a.last_name).count() == 0
    # The chosen school stays shown in the field after the reload.
    assert "СОШ № 2" in page.locator("#id_organization + .select2").inner_text()
    assert problems == []
