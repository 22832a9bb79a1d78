"""The public section «Наставничество» in a real browser (issue 19 item 1 and «done when»; seed 000
§4.1.2, 003 §2.2): an anonymous visitor reads school A's section on a phone and on a desktop, finds
only the mentors who agreed to distribution and follows one to the public card; axe-core finds no
serious or critical violation on the region's, the municipality's and the school's pages; the
curator of school A edits the section and publishes the signed Положение from the registry with
one click.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ABOUT = "В школе действует система наставничества: молодые педагоги работают в паре с опытными коллегами."
NEWS = "Встреча наставников с молодыми педагогами"
REGULATION = "Положение о системе наставничества педагогических работников"


def _signed_regulation(school):
    from nastavnik.documents.choices import DocumentKind, DocumentStatus
    from nastavnik.documents.models import Document

    today = timezone.localdate()
    document = Document(
        organization=school,
        kind=DocumentKind.REGULATION,
        title=REGULATION,
        date=today - dt.timedelta(days=20),
        status=DocumentStatus.SIGNED,
        signed_on=today - dt.timedelta(days=19),
    )
    document.scan.save("scan.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


@pytest.fixture
def published(world):
    """School A's section published under municipality 1's and the region's, with a news item,
    an act, a public mentor and a mentor who withheld the consent to distribution."""
    from nastavnik.openness.choices import ActLevel, SectionItemKind
    from nastavnik.openness.services.sections import item_save, section_for, section_publish, section_update
    from nastavnik.openness.tests.public_bank_world import OPEN_BANK_ONLY, open_bank_mentor

    school = section_for(world.school_a)
    section_update(school, data={"about": ABOUT, "contacts": "Куратор: кабинет 12."}, by=None)
    for section in (section_for(world.region), school.parent, school):
        section_publish(section, by=None)
    item_save(
        section=school,
        kind=SectionItemKind.NEWS,
        data={"title": NEWS, "dated": timezone.localdate(), "body": "Обсудили планы на четверть."},
        by=None,
    )
    item_save(
        section=school,
        kind=SectionItemKind.LEGAL_ACT,
        data={
            "act_level": ActLevel.FEDERAL,
            "act_kind": "other",
            "title": "Распоряжение Минпросвещения России № Р-145",
            "url": "https://example.org/r145",
        },
        by=None,
    )
    public = open_bank_mentor(world.school_a, "Публикуева", first_name="Анна")
    open_bank_mentor(world.school_a, "Скрытнова", purposes=OPEN_BANK_ONLY)
    school.refresh_from_db()
    return {"school": school, "muni": school.parent, "mentor": public}


def test_anonymous_visitor_reads_the_school_section_on_a_phone_and_a_desktop(page, published):
    page.set_default_timeout(30_000)  # (the first request of the live server loads the site)
    muni, school = published["muni"], published["school"]
    school_url = f"/o/{muni.slug}/{school.slug}/"

    # given a phone-size screen: the region, the municipality, the school, each accessible
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/o/")
    assert_accessible(page, context="страница региона, телефон")
    page.get_by_role("link", name=muni.unit.full_name).click()
    page.wait_for_load_state()
    assert_accessible(page, context="страница муниципалитета, телефон")
    page.get_by_role("link", name=school.unit.full_name).click()
    page.wait_for_load_state()
    assert page.url.endswith(school_url)
    assert_accessible(page, context="страница школы, телефон")

    # then the visitor reads the section: about, the legal base, the news, the public mentor only
    body = page.locator("main")
    assert ABOUT in body.inner_text()
    assert page.get_by_role("heading", name="Нормативная база").is_visible()
    assert page.get_by_role("link", name=NEWS).is_visible()
    assert "Публикуева" in body.inner_text()
    assert "Скрытнова" not in page.content()
    # nothing spills sideways on the phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # when on a desktop the visitor opens the news and comes back
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=NEWS).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1, name=NEWS).is_visible()
    assert_accessible(page, context="новость")
    page.go_back()

    # and follows to the mentor's public card in the public open bank
    page.get_by_test_id("mentors").get_by_role("link", name="Публикуева").click()
    page.wait_for_load_state()
    assert "/mentors/" in page.url
    assert "Публикуева" in page.locator("main").inner_text()
    assert_accessible(page, context="карточка наставника")


def test_an_unpublished_section_is_not_found_for_a_visitor(page, published):
    from nastavnik.openness.services.sections import section_unpublish

    section_unpublish(published["school"], by=None)
    response = page.goto(f"/o/{published['muni'].slug}/{published['school'].slug}/")
    assert response.status == 404


def test_curator_edits_the_section_and_publishes_a_registry_document(page, sign_in, world, published):
    from nastavnik.openness.models import SectionItem

    page.set_default_timeout(30_000)
    _signed_regulation(world.school_a)
    school = published["school"]

    # given the curator of school A in the editor
    sign_in("curator_a")
    page.goto("/sections/")
    assert page.url.endswith(f"/sections/{school.pk}/")

    # when she rewrites the text and saves
    page.get_by_label("О наставничестве в организации").fill("Новый текст о наставничестве в школе.")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_load_state()
    assert page.get_by_text("Раздел сохранён.").is_visible()

    # and publishes the signed Положение from the registry with one click
    registry = page.get_by_test_id("registry-documents")
    registry.get_by_role("listitem").filter(has_text=REGULATION).get_by_role(
        "button", name="Опубликовать"
    ).click()
    page.wait_for_load_state()
    assert page.get_by_text("опубликован в нормативной базе").is_visible()
    assert SectionItem.objects.filter(section=school, document__title=REGULATION).exists()

    # then the public page shows it among the local acts, and its file opens
    page.goto(f"/o/{published['muni'].slug}/{school.slug}/")
    assert "Новый текст о наставничестве в школе." in page.locator("main").inner_text()
    link = page.get_by_role("link", name=REGULATION)
    assert link.is_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200 and response.body().startswith(b"%PDF")
