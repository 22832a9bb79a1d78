"""The Content-Security-Policy holds in a real browser: the main pages of every kind of user, the
Django admin included, load with no «Content Security Policy» error in Chromium's console and no
script error, and the page behaviours moved out of inline handlers still work (the confirmation
before revoking a role, js/nastavnik.js)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def _watch(page) -> list[str]:
    """Collect CSP violations and script errors of ``page`` as they happen."""
    problems: list[str] = []

    def on_console(message) -> None:
        text = message.text
        if message.type == "error" and ("Content Security Policy" in text or "Refused to" in text):
            problems.append(f"{page.url}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return problems


def _visit(page, urls) -> None:
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")


def _roadmap(world):
    from nastavnik.roadmaps.choices import ItemStatus
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    roadmap = roadmap_create_from_blueprint(owner=world.school_a, code="organization_002", year=2026, by=None)
    roadmap.items.filter(pk=roadmap.items.order_by("pk").first().pk).update(status=ItemStatus.DONE)
    return roadmap


def test_main_pages_have_no_csp_violations(page, sign_in, world):
    from nastavnik.testing.factories import UserFactory
    from nastavnik.testing.personas import extend_world

    problems = _watch(page)
    roadmap = _roadmap(world)

    # an anonymous visitor
    _visit(page, ["/login/"])

    # the curator of school A over the pages of her school
    sign_in("curator_a")
    _visit(
        page,
        [
            "/",
            "/people/",
            f"/people/{world.mentee_a.pk}/",
            "/bank/",
            "/bank/mentees/",
            "/bank/import/",
            "/programs/",
            "/matching/",
            "/documents/",
            "/roadmaps/",
            f"/roadmaps/{roadmap.pk}/",
            f"/roadmaps/{roadmap.pk}/timeline/",
            "/roadmaps/import/",
        ],
    )
    page.context.clear_cookies()

    # the regional operator: control pages and roles
    sign_in("operator")
    _visit(page, ["/", "/organizations/", "/roadmaps/control/", "/roles/"])
    page.context.clear_cookies()

    # the mentor, the mentee, and the council member, the psychologist and the tutor of the demo
    extend_world(world)
    for persona, urls in (
        ("mentor_a", ["/", "/programs/"]),
        ("mentee_a", ["/", "/programs/"]),
        ("council_a", ["/", "/matching/marks/"]),
        ("psychologist_a", ["/", "/matching/marks/"]),
        ("tutor_1", ["/"]),
    ):
        sign_in(persona)
        _visit(page, urls)
        page.context.clear_cookies()

    # the system administrator in the Django admin (its own static scripts: calendar, selects)
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    sign_in("admin")
    _visit(
        page,
        [
            "/admin/",
            "/admin/organizations/orgunit/",
            f"/admin/organizations/orgunit/{world.school_a.pk}/change/",
            "/admin/bank/mentorprofile/add/",
            "/admin/bank/personaldataconsent/add/",
        ],
    )
    # the admin's date widget draws its calendar with script
    calendar = page.locator(".datetimeshortcuts a").first
    if calendar.count():
        calendar.click()

    assert problems == []


def test_the_confirmation_before_revoking_a_role_still_asks(page, sign_in, world):
    problems = _watch(page)
    sign_in("operator")
    page.goto("/roles/")
    revoke = page.get_by_role("button", name="Снять").first
    rows_before = page.get_by_role("button", name="Снять").count()
    assert rows_before > 0

    # when the operator presses «Снять» and answers «Отмена»
    questions: list[str] = []

    def dismiss(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    revoke.click()
    page.wait_for_timeout(300)

    # then the question was asked and nothing was revoked
    assert questions == ["Снять роль?"]
    assert page.url.endswith("/roles/")
    assert page.get_by_role("button", name="Снять").count() == rows_before
    assert problems == []
