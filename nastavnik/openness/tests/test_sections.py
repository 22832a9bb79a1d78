"""The public section «Наставничество» (issue 19 item 1; seed 000 §4.1.2, 003 §2.2): services (slugs,
rights, publishing from the registry), the public pages for an anonymous visitor, the sitemap and
the keeper's editor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from nastavnik.documents.choices import DocumentKind, DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.openness.choices import ActLevel, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionItem
from nastavnik.openness.services import sections as services
from nastavnik.openness.tests.public_bank_world import OPEN_BANK_ONLY, open_bank_mentor
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def signed_document(organization, kind, title, **fields) -> Document:
    """A signed document of the registry (the scan stored), written directly."""
    today = timezone.localdate()
    document = Document(
        organization=organization,
        kind=kind,
        title=title,
        number=fields.pop("number", "12-о"),
        date=today - dt.timedelta(days=10),
        status=DocumentStatus.SIGNED,
        signed_on=today - dt.timedelta(days=9),
        **fields,
    )
    document.scan.save("scan.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


@pytest.fixture
def sections(world):
    """Published sections of the region, municipality 1 and school A, with items of each kind."""
    school = services.section_for(world.school_a)
    muni = school.parent
    region = services.section_for(world.region)
    for section in (region, muni, school):
        services.section_publish(section, by=None)
    school.refresh_from_db()
    school.about = "В школе работает система наставничества педагогов."
    school.save()
    today = timezone.localdate()
    items = {
        "act": services.item_save(
            section=school,
            kind=SectionItemKind.LEGAL_ACT,
            data={
                "act_level": ActLevel.FEDERAL,
                "act_kind": "other",
                "title": "Распоряжение Минпросвещения России № Р-145",
                "url": "https://example.org/r145",
            },
            by=None,
        ),
        "news": services.item_save(
            section=school,
            kind=SectionItemKind.NEWS,
            data={"title": "Фестиваль наставников", "dated": today, "body": "Прошёл фестиваль."},
            by=None,
        ),
        "hidden": services.item_save(
            section=school,
            kind=SectionItemKind.NEWS,
            data={"title": "Черновик новости", "dated": today, "is_published": False},
            by=None,
        ),
    }
    return {"region": region, "muni": muni, "school": school, **items}


# --- services -----------------------------------------------------------------------------------


def test_slug_is_transliterated_from_the_short_name():
    assert services.slugify_ru("МБОУ СОШ № 1") == "mbou-sosh-1"
    assert services.slugify_ru("город Сургут") == "gorod-surgut"
    assert services.slugify_ru("«Ёлочка»") == "elochka"
    assert services.slugify_ru("№ —") == "razdel"


def test_section_for_an_organization_creates_the_municipality_and_unique_slugs(world):
    # given two schools of municipality 1 with the same short name
    twin = f.OrgUnitFactory(
        parent=world.muni1, full_name="МБОУ «СОШ № 1» (второй корпус)", short_name="СОШ № 1"
    )

    # when their sections are opened
    first = services.section_for(world.school_a)
    second = services.section_for(twin)

    # then both hang under the municipality's section with distinct slugs; a second call returns the same
    assert first.parent.unit == world.muni1 and first.parent.parent is None
    assert (first.slug, second.slug) == ("sosh-1", "sosh-1-2")
    assert services.section_for(world.school_a) == first
    assert services.section_for(world.region).slug == "region"


def test_an_organization_of_regional_subordination_stands_in_its_municipality(world):
    # given a college under the region placed in municipality 2
    college = f.OrgUnitFactory(
        parent=world.region, municipality=world.muni2, full_name="БУ «Колледж»", short_name="Колледж"
    )

    # when its section is opened
    section = services.section_for(college)

    # then it is under municipality 2's section
    assert section.parent.unit == world.muni2


def test_only_the_keeper_changes_the_section_and_slugs_are_checked(world):
    section = services.section_for(world.school_a)
    other = services.section_for(
        f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия»", short_name="Гимназия")
    )

    # the curator of school B and the mentor of A may not
    for persona in ("curator_b", "mentor_a", "coordinator"):
        with pytest.raises(PermissionDenied):
            services.section_update(section, data={"about": "x"}, by=world.users[persona])

    # a bad or taken slug is refused in Russian; a good one is kept
    curator = world.users["curator_a"]
    for bad in ("Школа", "a--b", "", other.slug, "materials"):
        with pytest.raises(ValidationError) as refused:
            services.section_update(section, data={"slug": bad}, by=curator)
        assert "slug" in refused.value.message_dict
    services.section_update(section, data={"slug": "shkola-1", "about": " О нас "}, by=curator)
    section.refresh_from_db()
    assert (section.slug, section.about) == ("shkola-1", "О нас")


def test_publish_from_the_registry_takes_only_signed_documents_about_the_organization(world):
    section = services.section_for(world.school_a)
    regulation = signed_document(world.school_a, DocumentKind.REGULATION, "Положение о наставничестве")
    pairs = signed_document(
        world.school_a, DocumentKind.ORDER_PAIRS, "Приказ о закреплении пар", number="13-о"
    )
    foreign = signed_document(world.school_b, DocumentKind.ORDER_IMPLEMENTATION, "Приказ школы B")

    # then only the regulation of A is offered
    assert list(services.publishable_documents(section)) == [regulation]

    # when the curator publishes it with one click
    item = services.item_publish_document(section=section, document=regulation, by=world.users["curator_a"])

    # then a published local act carries its title, number and date; it is offered no more
    assert (item.kind, item.act_level, item.act_kind) == ("legal_act", "local", "regulation")
    assert (item.title, item.number, item.document) == ("Положение о наставничестве", "12-о", regulation)
    assert list(services.publishable_documents(section)) == []
    # and the order on pairs, another school's order or a second click are refused
    for document in (pairs, foreign, regulation):
        with pytest.raises(ValidationError):
            services.item_publish_document(section=section, document=document, by=world.users["curator_a"])
    with pytest.raises(PermissionDenied):
        services.item_publish_document(section=section, document=regulation, by=world.users["curator_b"])


def test_an_item_file_is_checked_by_its_content(world):
    section = services.section_for(world.school_a)
    fake = ContentFile(b"MZ\x90\x00 not a pdf", name="act.pdf")

    with pytest.raises(ValidationError) as refused:
        services.item_save(
            section=section,
            kind=SectionItemKind.MATERIAL,
            data={"title": "Методичка", "file": fake},
            by=world.users["curator_a"],
        )
    assert "file" in refused.value.message_dict
    with pytest.raises(ValidationError) as missing:
        services.item_save(section=section, kind=SectionItemKind.NEWS, data={"title": "Без даты"}, by=None)
    assert "dated" in missing.value.message_dict
    assert not SectionItem.objects.exists()


# --- public pages -------------------------------------------------------------------------------


def test_anonymous_visitor_reads_published_pages_with_opengraph(sections, world):
    client = Client()
    school = sections["school"]

    for url in ("/o/", f"/o/{sections['muni'].slug}/", f"/o/{sections['muni'].slug}/{school.slug}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert '<html lang="ru">' in text
        for tag in ('property="og:title"', 'property="og:description"', 'property="og:url"'):
            assert tag in text

    page = client.get(f"/o/{sections['muni'].slug}/{school.slug}/").content.decode()
    assert "В школе работает система наставничества педагогов." in page
    assert "Фестиваль наставников" in page and "Распоряжение Минпросвещения России" in page
    assert "Черновик новости" not in page
    # the municipality lists the school, the region the municipality
    assert world.school_a.full_name in client.get(f"/o/{sections['muni'].slug}/").content.decode()
    assert world.muni1.full_name in client.get("/o/").content.decode()
    # a news item has its page; an unpublished one is a 404
    assert client.get(f"/o/materials/{sections['news'].pk}/").status_code == 200
    assert client.get(f"/o/materials/{sections['hidden'].pk}/").status_code == 404


def test_unpublished_sections_are_404_but_previewed_by_their_keeper(sections, world):
    school = sections["school"]
    url = f"/o/{sections['muni'].slug}/{school.slug}/"
    services.section_unpublish(school, by=None)

    assert Client().get(url).status_code == 404
    curator_b = Client()
    curator_b.force_login(world.users["curator_b"])
    assert curator_b.get(url).status_code == 404
    curator = Client()
    curator.force_login(world.users["curator_a"])
    response = curator.get(url)
    assert response.status_code == 200 and "Раздел не опубликован" in response.content.decode()
    # an unpublished municipality hides its schools too
    services.section_publish(school, by=None)
    services.section_unpublish(sections["muni"], by=None)
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/o/nope/",
        "/o/nope/nada/",
        "/o/materials/999999/",
        "/o/materials/999999/file/",
        "/o/%D0%B0/",
        "/o/x/y/z/",
    ],
)
def test_garbage_addresses_are_404(sections, url):
    assert Client().get(url).status_code == 404


def test_only_public_mentors_and_no_mentee_names(sections, world):
    # given a public mentor and a mentor without the consent to distribution, both in the open bank
    open_bank_mentor(world.school_a, "Публикуева")
    open_bank_mentor(world.school_a, "Скрытнова", purposes=OPEN_BANK_ONLY)
    url = f"/o/{sections['muni'].slug}/{sections['school'].slug}/"

    page = Client().get(url).content.decode()

    assert "Публикуева" in page
    assert "Скрытнова" not in page
    # and no mentee (nor the mentor of the pair who is not in the open bank) is named
    assert world.mentee_a.last_name not in page
    assert world.mentor_a.last_name not in page


def test_query_count_does_not_grow_with_items_and_mentors(sections, world, django_assert_max_num_queries):
    url = f"/o/{sections['muni'].slug}/{sections['school'].slug}/"
    open_bank_mentor(world.school_a, "Первая")  # (the prefetches of the cards run once there is one)
    client = Client()
    client.get(url)  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(4):
        open_bank_mentor(world.school_a, f"Добавочная{n}")
        services.item_save(
            section=sections["school"],
            kind=SectionItemKind.NEWS,
            data={"title": f"Новость {n}", "dated": timezone.localdate()},
            by=None,
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert "Добавочная3" in response.content.decode()


def test_public_file_of_a_registry_document_and_of_an_unpublished_item(sections, world):
    regulation = signed_document(world.school_a, DocumentKind.REGULATION, "Положение о наставничестве")
    item = services.item_publish_document(section=sections["school"], document=regulation, by=None)

    response = Client().get(f"/o/materials/{item.pk}/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    item.is_published = False
    item.save()
    assert Client().get(f"/o/materials/{item.pk}/file/").status_code == 404


def test_sitemap_lists_published_sections_only(sections, world):
    draft = services.section_for(world.school_b)
    body = Client().get("/sitemap.xml").content.decode()

    assert "/o/</loc>" in body
    assert f"/o/{sections['muni'].slug}/{sections['school'].slug}/</loc>" in body
    assert f"/{draft.slug}/</loc>" not in body


# --- the keeper's editor ------------------------------------------------------------------------


def test_curator_edits_and_publishes_from_the_registry(world):
    regulation = signed_document(world.school_a, DocumentKind.REGULATION, "Положение о наставничестве")
    client = Client()
    client.force_login(world.users["curator_a"])

    # when the curator opens /sections/ the first time, she may create the section
    response = client.get("/sections/")
    assert response.status_code == 200 and "Создать раздел" in response.content.decode()
    response = client.post("/sections/", {"unit": world.school_a.pk})
    section = PublicSection.objects.get(unit=world.school_a)
    assert response.url == f"/sections/{section.pk}/"
    # then /sections/ goes straight to the editor
    assert client.get("/sections/").url == f"/sections/{section.pk}/"

    page = client.get(f"/sections/{section.pk}/").content.decode()
    assert "Открыть публичную страницу" in page and "Положение о наставничестве" in page
    client.post(f"/sections/{section.pk}/", {"about": "О нас", "contacts": "", "slug": "Плохой адрес"})
    section.refresh_from_db()
    assert section.slug == "sosh-1"
    client.post(f"/sections/{section.pk}/registry/", {"document": regulation.pk})
    client.post(f"/sections/{section.pk}/registry/", {"document": "garbage"})
    client.post(f"/sections/{section.pk}/publish/", {"publish": "1"})
    section.refresh_from_db()
    assert section.is_published and section.items.get().document == regulation

    # and the curator of B can do nothing with it
    other = Client()
    other.force_login(world.users["curator_b"])
    assert other.get(f"/sections/{section.pk}/").status_code == 404
    assert other.post(f"/sections/{section.pk}/publish/", {"publish": "0"}).status_code == 404


def test_item_add_edit_delete_through_the_pages(world):
    section = services.section_for(world.school_a)
    client = Client()
    client.force_login(world.users["head_a"])

    assert client.get(f"/sections/{section.pk}/items/add/nonsense/").status_code == 404
    response = client.post(
        f"/sections/{section.pk}/items/add/news/", {"title": "Новость", "dated": "не дата", "body": "x"}
    )
    assert response.status_code == 200 and not SectionItem.objects.exists()
    client.post(
        f"/sections/{section.pk}/items/add/news/",
        {"title": "Новость", "dated": "2026-11-01", "body": "x", "is_published": "on"},
    )
    item = SectionItem.objects.get()
    client.post(
        f"/sections/items/{item.pk}/", {"title": "Новость дня", "dated": "2026-11-02", "is_published": "on"}
    )
    item.refresh_from_db()
    assert item.title == "Новость дня"
    client.post(f"/sections/items/{item.pk}/delete/")
    assert not SectionItem.objects.exists()


def test_sitemap_takes_only_get(sections):
    assert Client().post("/sitemap.xml").status_code == 405


def test_a_part_registers_its_own_sitemap(sections):
    from django.contrib.sitemaps import Sitemap

    from nastavnik.openness.sitemaps import SITEMAPS, register_sitemap

    class Extra(Sitemap):
        def items(self):
            return ["/mentors/"]

        def location(self, item):
            return item

    register_sitemap("test-extra", Extra)
    try:
        assert "/mentors/</loc>" in Client().get("/sitemap.xml").content.decode()
    finally:
        SITEMAPS.pop("test-extra")


def test_the_region_page_gathers_municipalities_before_the_region_writes_its_own(sections, world):
    # given the region's own section unpublished (its text is a draft), municipality 1's published
    region = sections["region"]
    region.about = "Черновик текста регионального оператора"
    region.save()
    services.section_unpublish(region, by=None)

    # when an anonymous visitor opens the root of the public pages
    response = Client().get("/o/")

    # then the page answers and leads to the published municipality, without the region's draft
    content = response.content.decode()
    assert response.status_code == 200
    assert f"/o/{sections['muni'].slug}/" in content
    assert "Черновик текста регионального оператора" not in content
    assert "Раздел не опубликован" not in content


def test_the_region_page_without_any_section_yet(world):
    # given a region where nobody has written a section
    assert not PublicSection.objects.exists()

    # then /o/ is the empty root of the public pages, not a missing page
    response = Client().get("/o/")
    assert response.status_code == 200
    assert world.region.full_name in response.content.decode()
