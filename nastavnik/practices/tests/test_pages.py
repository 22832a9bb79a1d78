"""Pages of best practices through the Django test client: the internal list, form and workflow
steps with their refusals; the public base's search (garbage → no 500), a public detail only of a
published case, files of unpublished cases not served, constant query counts."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.practices.choices import PracticeStatus
from nastavnik.practices.models import BestPractice
from nastavnik.practices.services import practices as services
from nastavnik.practices.tests.helpers import PDF_BYTES, case, pdf, published
from nastavnik.reference.models import MentoringForm, MentoringKind

pytestmark = pytest.mark.django_db


def client_for(world, persona: str) -> Client:
    client = Client()
    user = world.users[persona]
    if user.is_authenticated:
        client.force_login(user)
    return client


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_curator_creates_a_case_with_a_file(world):
    client = client_for(world, "curator_a")
    form = MentoringForm.objects.first()
    response = client.post(
        reverse("practices:create"),
        {
            "organization": world.school_a.pk,
            "title": "Школа молодого педагога",
            "form": form.pk,
            "description": "Описание",
            "results": "Результаты",
            "new_file": pdf(),
            "new_file_title": "Программа",
        },
    )
    practice = BestPractice.objects.get()
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()
    assert practice.organization == world.school_a and practice.files.get().title == "Программа"
    # the detail shows the step the curator may take
    page = text_of(client.get(practice.get_absolute_url()))
    assert "Направить на модерацию" in page and "Программа" in page


def test_the_create_form_offers_only_her_units_and_refuses_another(world):
    client = client_for(world, "curator_a")
    response = client.post(
        reverse("practices:create"),
        {"organization": world.school_b.pk, "title": "Чужая", "form": MentoringForm.objects.first().pk},
    )
    assert response.status_code == 200
    assert not BestPractice.objects.exists()
    assert "Выберите корректный вариант" in text_of(response)


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a"])
def test_teachers_may_not_create(world, persona):
    assert client_for(world, persona).get(reverse("practices:create")).status_code == 403


def test_return_needs_remarks_on_the_page_and_the_author_sees_them(world):
    curator = world.users["curator_a"]
    practice = case(world.school_a, curator)
    services.practice_submit(practice=practice, by=curator)
    coordinator = client_for(world, "coordinator")
    url = reverse("practices:action", args=[practice.pk, "return"])
    # Without remarks: the form again, nothing changed
    response = coordinator.post(url, {"comment": ""})
    assert response.status_code == 200
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    # With remarks: returned, and the curator reads them on the case
    response = coordinator.post(url, {"comment": "Уточните результаты"})
    assert response.status_code == 302
    page = text_of(client_for(world, "curator_a").get(practice.get_absolute_url()))
    assert "Замечания модератора" in page and "Уточните результаты" in page


def test_step_pages_refuse_those_without_the_right(world):
    curator = world.users["curator_a"]
    practice = case(world.school_a, curator)
    services.practice_submit(practice=practice, by=curator)
    publish = reverse("practices:action", args=[practice.pk, "publish"])
    assert client_for(world, "curator_a").post(publish).status_code == 403
    assert client_for(world, "curator_b").post(publish).status_code == 404
    assert (
        client_for(world, "coordinator")
        .get(reverse("practices:action", args=[practice.pk, "bogus"]))
        .status_code
        == 404
    )
    # a submitted case cannot be edited: 403 with the reason
    response = client_for(world, "curator_a").get(reverse("practices:edit", args=[practice.pk]))
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_the_internal_list_filters_and_exports(world, django_assert_max_num_queries):
    curator = world.users["curator_a"]
    for n in range(3):
        case(world.school_a, curator, title=f"Практика {n}")
    published(world.school_b, title="Практика школы Б")
    client = client_for(world, "curator_a")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("practices:list"))
    page = text_of(response)
    assert "Практика 0" in page and "Практика школы Б" in page
    response = client.get(reverse("practices:list"), {"status": "published"})
    assert "Практика 0" not in text_of(response)
    response = client.get(reverse("practices:list"), {"export": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    for junk in ({"status": "zzz"}, {"form": "²"}, {"organization": "-1"}, {"page": "999"}):
        assert client.get(reverse("practices:list"), junk).status_code in (200, 404)


def test_the_public_base_is_open_and_searchable(world, django_assert_max_num_queries):
    # Given published cases of A and B and a draft of A
    forms = list(MentoringForm.objects.order_by("sort_order")[:2])
    a = published(world.school_a, title="Цифровой наставник", form=forms[0])
    b = published(world.school_b, title="Обратное наставничество", form=forms[1])
    draft = case(world.school_a, title="Секретный черновик")
    anonymous = Client()
    url = reverse("practices:public_list")
    with django_assert_max_num_queries(12):
        page = text_of(anonymous.get(url))
    assert "Цифровой наставник" in page and "Обратное наставничество" in page
    assert "Секретный черновик" not in page
    assert 'property="og:title"' in page
    # the filters narrow
    assert "Обратное" not in text_of(anonymous.get(url, {"q": "цифровой"}))
    assert "Цифровой наставник" in text_of(anonymous.get(url, {"q": "цифровой"}))
    assert "Цифровой" not in text_of(anonymous.get(url, {"form": forms[1].pk}))
    assert "Цифровой" not in text_of(anonymous.get(url, {"municipality": world.muni2.pk}))
    assert "Обратное" not in text_of(anonymous.get(url, {"organization": world.school_a.pk}))
    kind = MentoringKind.objects.exclude(pk=a.kind_id).first()
    assert "Цифровой" not in text_of(anonymous.get(url, {"kind": kind.pk}))
    # garbage is no 500
    for junk in (
        {"form": "abc"},
        {"kind": "99999999999"},
        {"area": "²"},
        {"municipality": "-1"},
        {"organization": draft.organization_id * 1000},
        {"q": "x" * 5000},
        {"page": "last"},
        {"page": "0"},
    ):
        assert anonymous.get(url, junk).status_code == 200, junk
    # details: published only
    assert anonymous.get(b.get_public_url()).status_code == 200
    assert anonymous.get(reverse("practices:public_detail", args=[draft.pk])).status_code == 404
    assert anonymous.get(reverse("practices:public_detail", args=[99999])).status_code == 404


def test_files_of_unpublished_cases_are_not_served(world):
    curator = world.users["curator_a"]
    practice = case(world.school_a, curator)
    row = services.file_add(practice=practice, by=curator, file=pdf())
    anonymous = Client()
    file_url = reverse("practices:public_file", args=[row.pk])
    assert anonymous.get(file_url).status_code == 404
    # nor internally to the curator of B
    assert client_for(world, "curator_b").get(reverse("practices:file", args=[row.pk])).status_code == 404
    # once published, the file is public
    services.practice_submit(practice=practice, by=curator)
    services.practice_publish(practice=practice, by=world.users["coordinator"])
    response = anonymous.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    # and taken off with the case
    services.practice_unpublish(practice=practice, by=world.users["coordinator"], comment="Устарела")
    assert anonymous.get(file_url).status_code == 404


def test_the_moderators_home_lists_the_cases_waiting(world):
    curator = world.users["curator_a"]
    practice = case(world.school_a, curator, title="Ждёт решения")
    services.practice_submit(practice=practice, by=curator)
    page = text_of(client_for(world, "coordinator").get(reverse("core:home")))
    assert "Лучшие практики на модерации" in page and "Ждёт решения" in page
    assert "Лучшие практики на модерации" not in text_of(
        client_for(world, "curator_a").get(reverse("core:home"))
    )


def test_public_blocks_show_published_cases_only(world):
    from nastavnik.openness import blocks as registry
    from nastavnik.practices import blocks

    # The blocks are registered on the three public pages
    for page in ("organization", "municipality", "region"):
        assert "practices" in registry._REGISTRY[page]
    published(world.school_a, title="Видна всем")
    case(world.school_a, title="Черновик школы")
    data = blocks.organization_block(unit=world.school_a, section=None)
    assert [p.title for p in data["practices"]] == ["Видна всем"]
    assert data["more_url"] == f"/practices/?organization={world.school_a.pk}"
    assert blocks.organization_block(unit=world.school_b, section=None) is None
    assert [p.title for p in blocks.area_block(unit=world.region, section=None)["practices"]] == [
        "Видна всем"
    ]
    assert [p.title for p in blocks.area_block(unit=world.muni1, section=None)["practices"]] == ["Видна всем"]
    assert blocks.area_block(unit=world.muni2, section=None) is None


def test_the_sitemap_lists_the_base_and_published_cases_only(world):
    public = published(world.school_a, title="В карте сайта")
    draft = case(world.school_a, title="Не в карте сайта")
    text = Client().get("/sitemap.xml").content.decode()
    assert "/practices/</loc>" in text
    assert f"/practices/{public.pk}/</loc>" in text
    assert f"/practices/{draft.pk}/</loc>" not in text
