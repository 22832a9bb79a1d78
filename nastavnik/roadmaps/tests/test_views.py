"""The roadmap pages through the Django test client: the list with its filters and XLSX, creating
from a template or empty, the roadmap page with overdue activities, progress and the actions of
each role, the workflow's pages, the plan's forms, execution with evidence, comments, import and
export, and the refusals (403, 404, the login page) — seed 000 App. 2 and §4.2, 003, 002 §6 and §10."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.roadmaps import services
from nastavnik.roadmaps.choices import ItemStatus, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvent, RoadmapEvidence, RoadmapItem, RoadmapSection
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

D = dt.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client_for(world, persona: str) -> Client:
    client = Client()
    user = world.users[persona]
    if user.is_authenticated:
        client.force_login(user)
    return client


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def field_errors(response, name: str) -> list[str]:
    """The errors shown under the field ``name`` of the page's form."""
    pattern = rf'data-field="{name}">([^<]*)<'
    return [html.unescape(m) for m in re.findall(pattern, response.content.decode())]


def roadmap_links(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/roadmaps/(\d+)/"', response.content.decode())}


def snapshot() -> tuple:
    """Everything the roadmap pages write, to prove a refused request wrote nothing."""
    return (
        list(Roadmap.objects.values()),
        list(RoadmapSection.objects.values()),
        list(RoadmapItem.objects.values()),
        RoadmapEvent.objects.count(),
        RoadmapEvidence.objects.count(),
    )


# --- the list -------------------------------------------------------------------------------------


@pytest.fixture
def every_roadmap(world, roadmap_maker):
    """A roadmap of each unit: the region's (2026, approved), municipality 1's (draft), school A's
    (submitted), school B's (draft, 2025 only)."""
    region = roadmap_maker(
        world.region,
        rows=(("1", "Региональный приказ", "Март 2026", "Департамент"),),
        title="Региональная карта",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
    )
    services.roadmap_approve(roadmap=region, by=world.users["operator"])
    muni = roadmap_maker(world.muni1, title="Муниципальная карта Сургута")
    school_a = roadmap_maker(world.school_a, title="Карта школы № 1")
    services.roadmap_submit(roadmap=school_a, by=world.users["curator_a"])
    school_b = roadmap_maker(
        world.school_b,
        rows=(("1", "Приказ", "Март 2025", "Куратор"),),
        title="Карта школы № 2",
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 12, 31),
    )
    return {"region": region, "muni1": muni, "school_a": school_a, "school_b": school_b}


def test_the_list_shows_the_roadmaps_in_scope_with_status_and_progress(world, every_roadmap):
    response = client_for(world, "curator_a").get("/roadmaps/")

    assert response.status_code == 200
    page = text_of(response)
    wanted = {every_roadmap[name].pk for name in ("region", "muni1", "school_a")}
    assert roadmap_links(response) == wanted
    assert "Найдено: 3" in page
    assert "Карта школы № 2" not in page
    assert "На согласовании" in page and "Утверждена" in page
    # the curator keeps a roadmap: creating is offered
    assert 'data-testid="roadmap-create"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "submitted"}, {"school_a"}),
        ({"status": "approved"}, {"region"}),
        ({"status": "draft"}, {"muni1", "school_b"}),
        ({"level": "organization"}, {"school_a", "school_b"}),
        ({"level": "municipality"}, {"muni1"}),
        ({"level": "region"}, {"region"}),
        ({"year": "2030"}, {"muni1", "school_a"}),
        ({"year": "2025"}, {"muni1", "school_a", "school_b"}),
        ({"year": "2026"}, {"region", "muni1", "school_a"}),
        ({"q": "школы № 1"}, {"school_a"}),
        ({"q": "Сургут"}, {"muni1"}),
        ({"q": "СОШ № 2"}, {"school_b"}),
        ({"q": "нет такой"}, set()),
        ({"level": "organization", "status": "draft"}, {"school_b"}),
    ],
)
def test_the_list_filters(world, every_roadmap, query, expected):
    response = client_for(world, "operator").get("/roadmaps/", query)
    assert response.status_code == 200
    assert roadmap_links(response) == {every_roadmap[name].pk for name in expected}
    assert f"Найдено: {len(expected)}" in text_of(response)


@pytest.mark.parametrize(
    "query",
    [
        {"year": "²"},
        {"year": "1e400"},
        {"year": "-1"},
        {"year": "99999999999999999999"},
        {"status": "lost"},
        {"level": "federal"},
        {"q": "\x00"},
        {"page": "abc"},
        {"page": "999"},
    ],
)
def test_garbage_in_the_filters_is_not_a_500(world, every_roadmap, query):
    response = client_for(world, "operator").get("/roadmaps/", query)
    # a page that does not exist is a 404, as on every list; anything else just filters
    assert response.status_code == (404 if "page" in query else 200)


def test_the_list_is_exported_to_xlsx_with_its_filters(world, every_roadmap):
    response = client_for(world, "coordinator").get("/roadmaps/", {"export": "xlsx", "level": "organization"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = [cell for cell in rows[0] if cell is not None]
    assert header == [
        "Владелец",
        "Муниципальное образование",
        "Уровень",
        "Наименование",
        "Начало периода",
        "Окончание периода",
        "Статус",
        "Утверждена",
    ]
    data = [row for row in rows[1:] if any(row)]
    # the coordinator's organizations only: school A, not school B of another municipality
    assert len(data) == 1
    assert data[0][0] == world.school_a.full_name and data[0][3] == "Карта школы № 1"
    assert data[0][1] == "город Сургут"  # same-named schools of a region told apart (issue 13)
    assert data[0][6] == "На согласовании"


def test_the_list_offers_no_create_button_to_a_role_that_keeps_no_roadmap(world, every_roadmap):
    response = client_for(world, "mentor_a").get("/roadmaps/")
    assert response.status_code == 200
    assert roadmap_links(response) == set()
    assert 'data-testid="roadmap-create"' not in response.content.decode()


# --- creating -------------------------------------------------------------------------------------


def test_the_create_page_preselects_the_owner_and_its_template(world):
    client = client_for(world, "coordinator")

    response = client.get("/roadmaps/new/", {"owner": world.muni1.pk})

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["owner"] == world.muni1.pk
    # no template chosen means the template of the owner's level
    assert form.fields["blueprint"].choices[0] == ("", "Подходящий уровню владельца")
    # the coordinator keeps only the municipality's roadmap
    assert list(form.fields["owner"].queryset) == [world.muni1]


def test_the_create_page_ignores_an_owner_the_user_does_not_keep(world):
    response = client_for(world, "curator_a").get("/roadmaps/new/", {"owner": world.school_b.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["owner"] == world.school_a.pk


def test_without_a_template_chosen_the_owner_level_template_is_taken(world):
    client = client_for(world, "curator_a")
    response = client.post(
        "/roadmaps/new/", {"owner": world.school_a.pk, "mode": "blueprint", "blueprint": "", "year": 2026}
    )
    assert response.status_code == 302
    assert Roadmap.objects.get(owner=world.school_a).blueprint == "organization_002"


def test_a_curator_creates_the_school_roadmap_from_the_template(world):
    client = client_for(world, "curator_a")

    response = client.post(
        "/roadmaps/new/",
        {"owner": world.school_a.pk, "mode": "blueprint", "blueprint": "organization_002", "year": "2026"},
    )

    roadmap = Roadmap.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/roadmaps/{roadmap.pk}/"
    assert (roadmap.owner, roadmap.blueprint, roadmap.status) == (world.school_a, "organization_002", "draft")
    assert roadmap.items.count() == 28
    assert (roadmap.starts_on, roadmap.ends_on) == (D(2026, 9, 1), D(2027, 6, 30))
    assert roadmap.created_by == world.users["curator_a"]


def test_a_template_of_another_level_is_refused_on_its_field(world):
    client = client_for(world, "curator_a")
    response = client.post(
        "/roadmaps/new/",
        {"owner": world.school_a.pk, "mode": "blueprint", "blueprint": "regional_000", "year": "2026"},
    )
    assert response.status_code == 200
    errors = field_errors(response, "blueprint")
    assert len(errors) == 1 and errors[0].startswith("Этот шаблон для другого уровня.")
    assert not Roadmap.objects.exists()


def test_an_empty_roadmap_needs_its_title_and_period(world):
    client = client_for(world, "curator_a")

    response = client.post("/roadmaps/new/", {"owner": world.school_a.pk, "mode": "empty"})

    assert response.status_code == 200
    assert field_errors(response, "title") == ["Укажите наименование."]
    assert field_errors(response, "starts_on") == ["Укажите начало периода."]
    assert field_errors(response, "ends_on") == ["Укажите окончание периода."]
    assert not Roadmap.objects.exists()


def test_an_empty_roadmap_with_a_reversed_period_shows_the_service_error(world):
    client = client_for(world, "curator_a")
    response = client.post(
        "/roadmaps/new/",
        {
            "owner": world.school_a.pk,
            "mode": "empty",
            "title": "План",
            "starts_on": "2027-06-30",
            "ends_on": "2026-09-01",
        },
    )
    assert response.status_code == 200
    assert "Окончание периода не может быть раньше его начала." in text_of(response)
    assert not Roadmap.objects.exists()


def test_an_empty_roadmap_is_created(world):
    client = client_for(world, "head_a")
    response = client.post(
        "/roadmaps/new/",
        {
            "owner": world.school_a.pk,
            "mode": "empty",
            "title": "План на 2026/27 учебный год",
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
            "source": "Приказ № 5",
        },
    )
    roadmap = Roadmap.objects.get()
    assert response["Location"] == roadmap.get_absolute_url()
    assert (roadmap.title, roadmap.source, roadmap.items.count()) == (
        "План на 2026/27 учебный год",
        "Приказ № 5",
        0,
    )


def test_a_unit_the_user_does_not_keep_cannot_be_the_owner(world):
    response = client_for(world, "curator_a").post(
        "/roadmaps/new/",
        {"owner": world.school_b.pk, "mode": "blueprint", "blueprint": "organization_002", "year": "2026"},
    )
    assert response.status_code == 200
    assert field_errors(response, "owner")
    assert not Roadmap.objects.exists()


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a"])
def test_creating_is_refused_to_those_who_keep_no_roadmap(world, persona):
    client = client_for(world, persona)
    assert client.get("/roadmaps/new/").status_code == 403
    assert client.post("/roadmaps/new/", {"mode": "empty"}).status_code == 403
    assert client.get("/roadmaps/import/").status_code == 403
    assert not Roadmap.objects.exists()


# --- the roadmap page -----------------------------------------------------------------------------


def test_the_roadmap_page_highlights_overdue_activities_and_shows_progress(world, roadmap_maker):
    # given a roadmap with one activity of March 2025, one of 2030 and a monthly one; one done
    roadmap = roadmap_maker(world.school_a)
    RoadmapItem.objects.filter(roadmap=roadmap, number="1.2").update(
        status=ItemStatus.DONE, completed_on=D(2025, 5, 1)
    )

    response = client_for(world, "curator_a").get(roadmap.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    # only 1.1 is overdue: its row is highlighted and marked
    assert page.count('data-testid="overdue"') == 1
    row = re.search(r'<tr id="item-\d+" data-testid="item-row" class="table-danger">(.*?)</tr>', page, re.S)
    assert row and "Издание приказа о внедрении" in row.group(1)
    # progress: 1 of 3 done, one overdue
    assert page.count('data-testid="progress"') == 1
    assert "33&nbsp;% (1 из 3)" in page
    assert 'data-testid="overdue-count"' in page and "просрочено: 1" in page


def test_the_roadmap_page_shows_the_plan_the_parent_and_the_history(world, muni_roadmap):
    school = services.roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=2026, by=world.users["curator_a"]
    )
    page = text_of(client_for(world, "curator_a").get(school.get_absolute_url()))

    assert page.count('data-testid="item-row"') == 28
    assert page.count('data-testid="section-row"') == 5
    assert "Информирование педагогического и родительского сообществ" in page
    assert "Сентябрь 2026" in page and "До 20.01.2027" in page
    assert f'href="{muni_roadmap.get_absolute_url()}"' in page
    assert "Создана по шаблону" in page


# persona → the actions (data-testid="action-…") offered on school A's roadmap in each status
# fmt: off
ACTIONS = {
    #               draft         submitted              returned      approved
    "curator_a":   (["submit"],   ["withdraw"],           ["submit"],   ["reopen"]),
    "head_a":      (["submit"],   ["withdraw"],           ["submit"],   ["reopen"]),
    "coordinator": ([],           ["return", "approve"],  [],           []),
    "operator":    ([],           [],                     [],           []),
}
# fmt: on


@pytest.mark.parametrize("persona", ACTIONS)
def test_the_actions_offered_depend_on_the_role_and_the_status(world, school_roadmap, persona):
    curator, coordinator = world.users["curator_a"], world.users["coordinator"]
    client = client_for(world, persona)
    steps = [
        lambda: None,
        lambda: services.roadmap_submit(roadmap=school_roadmap, by=curator),
        lambda: services.roadmap_return(roadmap=school_roadmap, by=coordinator, comment="Исправьте"),
        lambda: (
            services.roadmap_submit(roadmap=school_roadmap, by=curator),
            services.roadmap_approve(roadmap=school_roadmap, by=coordinator),
        ),
    ]
    for step, expected in zip(steps, ACTIONS[persona], strict=True):
        step()
        page = client.get(school_roadmap.get_absolute_url()).content.decode()
        assert re.findall(r'data-testid="action-([a-z]+)"', page) == expected, school_roadmap.status


def test_the_buttons_are_labelled_in_russian(world, submitted_school_roadmap):
    coordinator = text_of(client_for(world, "coordinator").get(submitted_school_roadmap.get_absolute_url()))
    assert "Утвердить" in coordinator and "Вернуть на доработку" in coordinator
    assert "Направить на согласование" not in coordinator
    services.roadmap_withdraw(roadmap=submitted_school_roadmap, by=world.users["curator_a"])
    curator = text_of(client_for(world, "curator_a").get(submitted_school_roadmap.get_absolute_url()))
    assert "Направить на согласование" in curator and "Утвердить" not in curator


# --- the workflow's pages -------------------------------------------------------------------------


def action_url(roadmap, slug: str) -> str:
    return reverse("roadmaps:action", args=[roadmap.pk, slug])


def test_submit_return_with_comment_and_approve_through_the_pages(world, school_roadmap):
    curator, coordinator = client_for(world, "curator_a"), client_for(world, "coordinator")

    # the curator submits
    assert curator.get(action_url(school_roadmap, "submit")).status_code == 200
    response = curator.post(action_url(school_roadmap, "submit"), {})
    assert response.status_code == 302 and response["Location"] == school_roadmap.get_absolute_url()
    school_roadmap.refresh_from_db()
    assert school_roadmap.status == RoadmapStatus.SUBMITTED

    # the coordinator returns it without a comment: the form says it is required, nothing changes
    before = snapshot()
    response = coordinator.post(action_url(school_roadmap, "return"), {"comment": "  "})
    assert response.status_code == 200
    assert field_errors(response, "comment") == ["Обязательное поле."]
    assert snapshot() == before

    # with the comment it is returned, and the curator sees the remark on the roadmap page
    response = coordinator.post(
        action_url(school_roadmap, "return"), {"comment": "Уточните сроки информирования родителей"}
    )
    assert response.status_code == 302
    school_roadmap.refresh_from_db()
    assert school_roadmap.status == RoadmapStatus.RETURNED
    page = curator.get(school_roadmap.get_absolute_url()).content.decode()
    box = re.search(r'data-testid="return-comment">(.*?)</div>\s*</div>', page, re.S)
    assert box and "Уточните сроки информирования родителей" in box.group(1)
    assert "coordinator" not in box.group(1)  # never by the login (issue 13); the persona has no name

    # the curator submits again; the coordinator approves
    curator.post(action_url(school_roadmap, "submit"), {})
    response = coordinator.post(action_url(school_roadmap, "approve"), {"comment": ""})
    assert response.status_code == 302
    school_roadmap.refresh_from_db()
    assert school_roadmap.status == RoadmapStatus.APPROVED
    page = text_of(curator.get(school_roadmap.get_absolute_url()))
    assert 'data-testid="return-comment"' not in page
    assert "Утверждена" in page
    assert [
        e.to_status for e in school_roadmap.events.filter(kind=RoadmapEventKind.STATUS).order_by("pk")
    ] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]


def test_an_action_not_available_in_the_status_changes_nothing(world, school_roadmap):
    coordinator = client_for(world, "coordinator")
    before = snapshot()

    # approving a draft of a school: the page sends back with a message, the post is refused on the form
    response = coordinator.get(action_url(school_roadmap, "approve"))
    assert response.status_code == 302 and response["Location"] == school_roadmap.get_absolute_url()
    response = coordinator.post(action_url(school_roadmap, "approve"), {})
    assert response.status_code == 200
    assert "Действие «Утвердить» недоступно: дорожная карта в статусе «Проект»." in text_of(response)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("persona", "slug", "status"),
    [
        ("curator_a", "approve", 403),  # the curator does not approve her own roadmap
        ("curator_a", "return", 403),
        ("coordinator", "submit", 403),  # the coordinator does not submit the school's roadmap
        ("operator", "approve", 403),
        ("operator", "submit", 403),
        ("curator_b", "approve", 404),
        ("mentor_a", "submit", 404),
        ("curator_a", "launch", 404),
    ],
)
def test_actions_are_refused_to_those_without_the_right(
    world, submitted_school_roadmap, persona, slug, status
):
    before = snapshot()
    client = client_for(world, persona)
    assert client.get(action_url(submitted_school_roadmap, slug)).status_code == status
    assert client.post(action_url(submitted_school_roadmap, slug), {"comment": "Да"}).status_code == status
    assert snapshot() == before


def test_a_municipality_approves_its_own_roadmap_from_the_draft(world, muni_roadmap):
    coordinator = client_for(world, "coordinator")
    page = coordinator.get(muni_roadmap.get_absolute_url()).content.decode()
    assert re.findall(r'data-testid="action-([a-z]+)"', page) == ["approve"]
    coordinator.post(action_url(muni_roadmap, "approve"), {})
    muni_roadmap.refresh_from_db()
    assert muni_roadmap.status == RoadmapStatus.APPROVED


def test_reopen_needs_a_reason(world, approved_school_roadmap):
    curator = client_for(world, "curator_a")
    response = curator.post(action_url(approved_school_roadmap, "reopen"), {"comment": ""})
    assert response.status_code == 200 and field_errors(response, "comment") == ["Обязательное поле."]
    curator.post(action_url(approved_school_roadmap, "reopen"), {"comment": "Перенос педсовета"})
    approved_school_roadmap.refresh_from_db()
    assert approved_school_roadmap.status == RoadmapStatus.DRAFT


# --- the plan's forms -----------------------------------------------------------------------------


def item_form(item, **changes) -> dict:
    data = {
        "section": item.section_id,
        "number": item.number,
        "activity": item.activity,
        "period": item.period_text,
        "responsible": item.responsible,
        "result": item.result,
    }
    data.update(changes)
    return data


def test_an_item_of_an_approved_roadmap_cannot_be_edited(world, approved_school_roadmap):
    item = approved_school_roadmap.items.get(number="3.2")
    curator = client_for(world, "curator_a")
    before = snapshot()

    for url in (
        reverse("roadmaps:item_edit", args=[item.pk]),
        reverse("roadmaps:item_delete", args=[item.pk]),
        reverse("roadmaps:item_create", args=[approved_school_roadmap.pk]),
        reverse("roadmaps:section_edit", args=[item.section_id]),
        reverse("roadmaps:section_delete", args=[item.section_id]),
        reverse("roadmaps:section_create", args=[approved_school_roadmap.pk]),
        reverse("roadmaps:edit", args=[approved_school_roadmap.pk]),
        reverse("roadmaps:upload", args=[approved_school_roadmap.pk]),
    ):
        response = curator.get(url)
        assert response.status_code == 403, url
        assert "план меняется только в проекте" in text_of(response)
        assert curator.post(url, item_form(item, period="Декабрь 2026")).status_code == 403, url
    assert snapshot() == before


def test_the_item_form_changes_the_period(world, school_roadmap):
    item = school_roadmap.items.get(number="3.2")
    curator = client_for(world, "curator_a")
    url = reverse("roadmaps:item_edit", args=[item.pk])

    # the form shows the period in words
    response = curator.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["period"] == "Сентябрь – октябрь 2026"

    response = curator.post(url, item_form(item, period="декабрь 2026"))

    assert response.status_code == 302 and response["Location"] == f"{school_roadmap.get_absolute_url()}#plan"
    item.refresh_from_db()
    assert (item.starts_on, item.ends_on, item.period_text) == (
        D(2026, 12, 1),
        D(2026, 12, 31),
        "Декабрь 2026",
    )


@pytest.mark.parametrize(
    ("period", "error"),
    [
        ("31.02.2027", "В сроке «31.02.2027» указана несуществующая дата."),
        ("Ноябрь", "В сроке «Ноябрь» не указан год:"),
        ("вчера", "Срок «вчера» не понят:"),
        ("Март 2031", "Срок выходит за период дорожной карты (01.09.2026 – 30.06.2027)."),
    ],
)
def test_a_bad_period_is_shown_on_its_field_and_nothing_is_saved(world, school_roadmap, period, error):
    item = school_roadmap.items.get(number="3.2")
    curator = client_for(world, "curator_a")
    before = snapshot()

    response = curator.post(reverse("roadmaps:item_edit", args=[item.pk]), item_form(item, period=period))

    assert response.status_code == 200
    errors = field_errors(response, "period")
    assert len(errors) == 1 and errors[0].startswith(error)
    assert "Исправьте ошибки в форме: данные не сохранены." in text_of(response)
    assert snapshot() == before


def test_a_new_item_is_added_to_the_chosen_section(world, school_roadmap):
    section = school_roadmap.sections.get(number="3.")
    curator = client_for(world, "curator_a")
    url = reverse("roadmaps:item_create", args=[school_roadmap.pk])

    assert curator.get(url, {"section": section.pk}).context["form"].initial["section"] == section.pk
    response = curator.post(
        url,
        {
            "section": section.pk,
            "number": "3.6",
            "activity": "Родительское собрание по итогам полугодия",
            "period": "Январь 2027",
            "responsible": "Куратор",
            "result": "Протокол",
        },
    )
    assert response.status_code == 302
    item = section.items.get(number="3.6")
    assert item.period_text == "Январь 2027" and item.responsible_roles == ["curator"]


def test_a_roadmap_without_sections_asks_for_a_section_first(world, roadmap_maker):
    roadmap = roadmap_maker(world.school_a, rows=())
    curator = client_for(world, "curator_a")
    response = curator.get(reverse("roadmaps:item_create", args=[roadmap.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "roadmaps:section_create", args=[roadmap.pk]
    )
    response = curator.post(
        reverse("roadmaps:section_create", args=[roadmap.pk]), {"number": "1.", "title": "Кадры"}
    )
    assert response.status_code == 302
    assert roadmap.sections.get().title == "Кадры"


def test_section_and_item_are_deleted_through_their_pages(world, school_roadmap):
    curator = client_for(world, "curator_a")
    item = school_roadmap.items.get(number="1.1")
    response = curator.get(reverse("roadmaps:item_delete", args=[item.pk]))
    assert "будет удалено" in text_of(response)
    curator.post(reverse("roadmaps:item_delete", args=[item.pk]), {})
    assert not RoadmapItem.objects.filter(pk=item.pk).exists()

    section = school_roadmap.sections.get(number="5.")
    response = curator.get(reverse("roadmaps:section_delete", args=[section.pk]))
    assert "вместе с его мероприятиями (их 5)" in text_of(response)
    curator.post(reverse("roadmaps:section_delete", args=[section.pk]), {})
    assert not RoadmapSection.objects.filter(pk=section.pk).exists()
    assert school_roadmap.items.count() == 28 - 1 - 5


def test_the_coordinator_cannot_change_the_school_plan(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    coordinator = client_for(world, "coordinator")
    before = snapshot()
    assert coordinator.get(reverse("roadmaps:item_edit", args=[item.pk])).status_code == 403
    assert coordinator.post(reverse("roadmaps:item_delete", args=[item.pk]), {}).status_code == 403
    assert coordinator.post(reverse("roadmaps:delete", args=[school_roadmap.pk]), {}).status_code == 403
    assert snapshot() == before


def test_a_draft_roadmap_is_deleted_by_its_curator(world, school_roadmap):
    response = client_for(world, "curator_a").post(reverse("roadmaps:delete", args=[school_roadmap.pk]), {})
    assert response.status_code == 302 and response["Location"] == "/roadmaps/"
    assert not Roadmap.objects.exists()


# --- execution, evidence, comments ----------------------------------------------------------------


def test_execution_is_reported_with_evidence_that_is_downloaded_within_scope(world, approved_school_roadmap):
    item = approved_school_roadmap.items.get(number="1.1")
    curator = client_for(world, "curator_a")
    url = reverse("roadmaps:item_report", args=[item.pk])

    # when the curator marks the order done and attaches its scan
    response = curator.post(
        url,
        {
            "status": ItemStatus.DONE,
            "completed_on": "2026-09-15",
            "comment": "Приказ № 12 от 15.09.2026",
            "file": SimpleUploadedFile("prikaz-12.pdf", b"%PDF-1.4 order", content_type="application/pdf"),
            "file_title": "Приказ № 12",
        },
    )

    # then the item is done and the document attached
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert (item.status, item.completed_on) == (ItemStatus.DONE, D(2026, 9, 15))
    evidence = item.evidence.get()
    assert evidence.title == "Приказ № 12"
    page = curator.get(approved_school_roadmap.get_absolute_url()).content.decode()
    download = reverse("roadmaps:evidence", args=[evidence.pk])
    assert f'href="{download}"' in page

    # the curator, the coordinator and the operator download it
    for persona in ("curator_a", "coordinator", "operator"):
        response = client_for(world, persona).get(download)
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content) == b"%PDF-1.4 order"
        assert response["Content-Disposition"].startswith("attachment")

    # the curator of another school and a mentor get 404, the anonymous the login page
    for persona in ("curator_b", "mentor_a"):
        assert client_for(world, persona).get(download).status_code == 404, persona
    assert client_for(world, "anonymous").get(download)["Location"] == f"/login/?next={download}"


def test_a_report_with_a_future_date_is_refused_on_its_field(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    before = snapshot()
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    response = client_for(world, "curator_a").post(
        reverse("roadmaps:item_report", args=[item.pk]),
        {"status": ItemStatus.DONE, "completed_on": tomorrow.isoformat()},
    )
    assert response.status_code == 200
    assert field_errors(response, "completed_on") == ["Дата выполнения не может быть в будущем."]
    assert snapshot() == before


def test_an_empty_evidence_file_is_refused_and_the_report_not_saved(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    before = snapshot()
    response = client_for(world, "curator_a").post(
        reverse("roadmaps:item_report", args=[item.pk]),
        {"status": ItemStatus.DONE, "file": SimpleUploadedFile("empty.pdf", b"")},
    )
    assert response.status_code == 200
    assert field_errors(response, "file")
    assert snapshot() == before


def test_a_report_that_changes_nothing_is_told_so_and_writes_nothing(world, school_roadmap):
    item = school_roadmap.items.get(number="1.1")
    before = snapshot()
    response = client_for(world, "curator_a").post(
        reverse("roadmaps:item_report", args=[item.pk]), {"status": item.status}
    )
    assert response.status_code == 200
    assert "Ничего не изменено" in text_of(response)
    assert snapshot() == before


def test_the_coordinator_does_not_report_the_school_execution(world, approved_school_roadmap):
    item = approved_school_roadmap.items.get(number="1.1")
    response = client_for(world, "coordinator").post(
        reverse("roadmaps:item_report", args=[item.pk]), {"status": ItemStatus.DONE}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED


def test_a_comment_is_added_to_the_history(world, submitted_school_roadmap):
    item = submitted_school_roadmap.items.get(number="3.2")
    coordinator = client_for(world, "coordinator")
    url = reverse("roadmaps:comment", args=[submitted_school_roadmap.pk])

    assert coordinator.get(url, {"item": item.pk}).status_code == 200
    response = coordinator.post(url, {"text": "Добавьте даты родительских собраний", "item": str(item.pk)})

    assert response.status_code == 302 and response["Location"].endswith("#history")
    event = submitted_school_roadmap.events.latest("pk")
    assert (event.kind, event.item, event.author) == (
        RoadmapEventKind.COMMENT,
        item,
        world.users["coordinator"],
    )
    page = text_of(coordinator.get(submitted_school_roadmap.get_absolute_url()))
    assert "Добавьте даты родительских собраний" in page and "Комментарий к мероприятию 3.2" in page

    # an empty comment is refused; the operator who neither keeps nor approves it may not comment
    response = coordinator.post(url, {"text": " "})
    assert response.status_code == 200 and field_errors(response, "text")
    assert client_for(world, "operator").post(url, {"text": "Замечание"}).status_code == 403


# --- refusals ---------------------------------------------------------------------------------------


def test_another_schools_roadmap_and_missing_ids_are_404(world, school_roadmap):
    item = school_roadmap.items.first()
    urls = [
        school_roadmap.get_absolute_url(),
        reverse("roadmaps:timeline", args=[school_roadmap.pk]),
        reverse("roadmaps:export_xlsx", args=[school_roadmap.pk]),
        reverse("roadmaps:item_report", args=[item.pk]),
        reverse("roadmaps:item_edit", args=[item.pk]),
        reverse("roadmaps:section_edit", args=[item.section_id]),
        reverse("roadmaps:comment", args=[school_roadmap.pk]),
        action_url(school_roadmap, "submit"),
    ]
    curator_b = client_for(world, "curator_b")
    for url in urls:
        response = curator_b.get(url)
        assert response.status_code == 404, url
        assert "Страница не найдена" in text_of(response)
    curator_a = client_for(world, "curator_a")
    for url in (
        "/roadmaps/999999/",
        "/roadmaps/items/999999/edit/",
        "/roadmaps/sections/999999/edit/",
        "/roadmaps/evidence/999999/",
        "/roadmaps/999999/timeline/",
        "/roadmaps/999999/export.xlsx",
    ):
        assert curator_a.get(url).status_code == 404, url


def test_the_anonymous_is_sent_to_the_login_page(world, school_roadmap):
    anonymous = Client()
    item = school_roadmap.items.first()
    for url in (
        "/roadmaps/",
        "/roadmaps/new/",
        "/roadmaps/import/",
        "/roadmaps/control/",
        school_roadmap.get_absolute_url(),
        reverse("roadmaps:item_edit", args=[item.pk]),
        action_url(school_roadmap, "submit"),
        reverse("roadmaps:export_xlsx", args=[school_roadmap.pk]),
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"] == f"/login/?next={url}", url
    before = snapshot()
    anonymous.post(action_url(school_roadmap, "submit"), {})
    assert snapshot() == before


def test_a_user_without_roles_sees_an_empty_list_and_no_roadmap(world, school_roadmap):
    client = Client()
    client.force_login(f.UserFactory(username="nobody"))
    assert roadmap_links(client.get("/roadmaps/")) == set()
    assert client.get(school_roadmap.get_absolute_url()).status_code == 404


# --- import and export ------------------------------------------------------------------------------


def test_an_exported_workbook_imports_back_as_the_same_roadmap(world, school_roadmap):
    curator = client_for(world, "curator_a")
    items = {i.number: i for i in school_roadmap.items.all()}
    services.item_report(item=items["1.1"], by=None, status=ItemStatus.DONE, completed_on=D(2026, 9, 10))

    # when the roadmap is exported to XLSX
    response = curator.get(reverse("roadmaps:export_xlsx", args=[school_roadmap.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    content = b"".join(response.streaming_content)

    # and imported as a new roadmap of the school
    response = curator.post(
        "/roadmaps/import/",
        {"owner": world.school_a.pk, "file": SimpleUploadedFile("karta.xlsx", content, content_type=XLSX)},
    )

    # then the new roadmap holds the same header, sections and items
    imported = Roadmap.objects.exclude(pk=school_roadmap.pk).get()
    assert response.status_code == 302 and response["Location"] == imported.get_absolute_url()
    assert (imported.title, imported.starts_on, imported.ends_on, imported.source) == (
        school_roadmap.title,
        school_roadmap.starts_on,
        school_roadmap.ends_on,
        school_roadmap.source,
    )
    assert imported.status == RoadmapStatus.DRAFT
    assert imported.events.get().kind == RoadmapEventKind.IMPORTED

    def plan(roadmap):
        return [
            (s.number, s.title, [
                (i.number, i.activity, i.period, i.responsible, i.result, i.responsible_roles, i.status, i.completed_on)
                for i in s.items.order_by("sort_order")
            ])
            for s in roadmap.sections.order_by("sort_order")
        ]  # fmt: skip

    assert plan(imported) == plan(school_roadmap)


def test_the_docx_export_is_a_word_document(world, school_roadmap):
    response = client_for(world, "coordinator").get(reverse("roadmaps:export_docx", args=[school_roadmap.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert b"".join(response.streaming_content)[:2] == b"PK"


def malformed_workbook() -> bytes:
    """A plan table whose row 3 has a period nobody understands and row 4 no executors."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["№ п/п", "Наименование мероприятия", "Сроки реализации", "Ответственный исполнитель", "Результат"]
    )
    sheet.append(["1", "Приказ о внедрении", "Сентябрь 2026", "Руководитель", "Приказ"])
    sheet.append(["2", "Педагогический совет", "когда-нибудь", "Куратор", "Протокол"])
    sheet.append(["3", "Родительское собрание", "Октябрь 2026", "", "Протокол"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_malformed_file_shows_the_row_errors_and_creates_nothing(world):
    curator = client_for(world, "curator_a")
    before = snapshot()

    response = curator.post(
        "/roadmaps/import/",
        {
            "owner": world.school_a.pk,
            "file": SimpleUploadedFile("plan.xlsx", malformed_workbook(), content_type=XLSX),
        },
    )

    assert response.status_code == 200
    errors = field_errors(response, "file")
    assert any(e.startswith("Строка 3") and "когда-нибудь" in e for e in errors), errors
    assert any(e.startswith("Строка 4") for e in errors), errors
    assert "Файл не загружен: исправьте ошибки и загрузите его снова." in text_of(response)
    assert snapshot() == before


def test_a_file_that_is_not_a_roadmap_is_refused(world):
    curator = client_for(world, "curator_a")
    response = curator.post(
        "/roadmaps/import/",
        {
            "owner": world.school_a.pk,
            "file": SimpleUploadedFile("plan.xlsx", b"not a zip", content_type=XLSX),
        },
    )
    assert response.status_code == 200 and field_errors(response, "file")
    response = curator.post(
        "/roadmaps/import/", {"owner": world.school_a.pk, "file": SimpleUploadedFile("plan.txt", b"text")}
    )
    assert field_errors(response, "file") == ["Загрузите файл XLSX или DOCX — такой, как выгружает система."]
    assert not Roadmap.objects.exists()


def test_upload_replaces_the_plan_of_a_draft_and_refuses_a_malformed_file(
    world, school_roadmap, roadmap_maker
):
    # given a small draft of the school, and the workbook of the template roadmap
    curator = client_for(world, "curator_a")
    content = b"".join(
        curator.get(reverse("roadmaps:export_xlsx", args=[school_roadmap.pk])).streaming_content
    )
    target = roadmap_maker(world.school_a, starts_on=D(2025, 1, 1), ends_on=D(2030, 12, 31))
    url = reverse("roadmaps:upload", args=[target.pk])

    # a malformed file changes nothing
    before = snapshot()
    response = curator.post(
        url, {"file": SimpleUploadedFile("plan.xlsx", malformed_workbook(), content_type=XLSX)}
    )
    assert response.status_code == 200 and field_errors(response, "file")
    assert snapshot() == before

    # the exported workbook replaces the plan, the header stays
    response = curator.post(url, {"file": SimpleUploadedFile("karta.xlsx", content, content_type=XLSX)})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.items.count() == 28 and target.sections.count() == 5
    assert target.title == "План мероприятий по внедрению системы наставничества"
    assert target.events.latest("pk").kind == RoadmapEventKind.IMPORTED


@pytest.mark.parametrize("owner", ["²", "-1", "1e3", "99999999999999999999", ""])
def test_garbage_owner_on_the_create_page_falls_back_to_the_kept_unit(world, owner):
    response = client_for(world, "curator_a").get("/roadmaps/new/", {"owner": owner})
    assert response.status_code == 200
    assert response.context["form"].initial["owner"] == world.school_a.pk


def test_garbage_section_on_the_item_page_is_ignored(world, school_roadmap):
    response = client_for(world, "curator_a").get(
        reverse("roadmaps:item_create", args=[school_roadmap.pk]), {"section": "²"}
    )
    assert response.status_code == 200
