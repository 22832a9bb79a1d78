"""Pages of the organization tree: create and edit, good and bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

VALID_INN = "7707083893"
INVALID_INN = "7707083894"  # check digit changed


def login(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def snapshot() -> list[dict]:
    return list(OrgUnit.objects.order_by("pk").values())


def edit_data(unit: OrgUnit, **overrides) -> dict:
    """The edit form as it comes filled for ``unit``, with ``overrides``."""
    data = {
        "full_name": unit.full_name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "municipality_type": unit.municipality_type,
        "municipality": unit.municipality_id or "",
        "inn": unit.inn,
        "address": unit.address,
        "email": unit.email,
        "phone": unit.phone,
        "website": unit.website,
    }
    data.update(overrides)
    return data


def new_unit_data(parent: OrgUnit, **overrides) -> dict:
    data = {
        "parent": parent.pk,
        "level": Level.ORGANIZATION,
        "full_name": "МАДОУ «Детский сад № 7 „Солнышко“»",
        "short_name": "Детский сад № 7",
        "kind": OrganizationKind.KINDERGARTEN,
        "municipality_type": "",
        "municipality": "",
        "inn": VALID_INN,
        "address": "г. Сургут, ул. Ленина, 1",
        "email": "ds7@example.org",
        "phone": "",
        "website": "",
    }
    data.update(overrides)
    return data


def field_errors(response, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


# --- bad input on edit ------------------------------------------------------------------


def test_invalid_inn_is_refused_on_the_field(world):
    # given the regional operator and the data as it stands
    client = login(world, "operator")
    before = snapshot()

    # when they give school A an ИНН with a wrong check digit
    response = client.post(
        f"/organizations/{world.school_a.pk}/edit/", edit_data(world.school_a, inn=INVALID_INN)
    )

    # then the ИНН field says why, and nothing is changed
    assert response.status_code == 200
    assert field_errors(response, "inn") == [
        f"ИНН «{INVALID_INN}» недействителен: нужно 10 или 12 цифр с верными контрольными разрядами."
    ]
    assert 'data-field="inn"' in response.content.decode()
    assert snapshot() == before


def test_duplicate_inn_is_refused_on_the_field(world):
    # given the regional operator and the data as it stands
    client = login(world, "operator")
    before = snapshot()

    # when they give school A the ИНН of school B
    response = client.post(
        f"/organizations/{world.school_a.pk}/edit/", edit_data(world.school_a, inn=world.school_b.inn)
    )

    # then the ИНН field says it is taken (once, and on the field), and nothing is changed
    assert response.status_code == 200
    assert field_errors(response, "inn") == ["Организация с таким ИНН уже есть."]
    assert not response.context["form"].non_field_errors()
    assert snapshot() == before


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        pytest.param({"full_name": ""}, "full_name", "Обязательное поле.", id="missing-name"),
        pytest.param({"kind": ""}, "kind", "Укажите вид организации.", id="missing-kind"),
        pytest.param({"kind": "nonsense"}, "kind", None, id="no-such-kind"),
        pytest.param(
            {"municipality_type": "district"},
            "municipality_type",
            "Вид муниципального образования указывается только для муниципалитетов.",
            id="municipality-type-on-a-school",
        ),
        pytest.param({"email": "not-an-email"}, "email", None, id="bad-email"),
        pytest.param({"website": "not a url"}, "website", None, id="bad-website"),
        pytest.param({"inn": "12345"}, "inn", None, id="short-inn"),
    ],
)
def test_bad_input_on_organization_edit_changes_nothing(world, overrides, field, message):
    # given the regional operator and the data as it stands
    client = login(world, "operator")
    before = snapshot()

    # when they submit school A with one bad field
    response = client.post(
        f"/organizations/{world.school_a.pk}/edit/", edit_data(world.school_a, **overrides)
    )

    # then that field carries a message, and nothing is changed
    assert response.status_code == 200
    errors = field_errors(response, field)
    assert errors, response.context["form"].errors
    if message:
        assert message in errors
    assert snapshot() == before


def test_municipality_must_keep_its_type(world):
    # given the operator editing municipality 1
    client = login(world, "operator")
    before = snapshot()

    # when they clear the kind of municipal formation
    response = client.post(
        f"/organizations/{world.muni1.pk}/edit/", edit_data(world.muni1, municipality_type="")
    )

    # then the field asks for it, and nothing is changed
    assert field_errors(response, "municipality_type") == ["Укажите вид муниципального образования."]
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["curator_a", "curator_b", "mentor_a", "head_a"])
def test_posting_to_a_unit_out_of_change_scope_gives_404(world, persona):
    # given a persona who may not change school B
    client = login(world, persona)
    before = snapshot()

    # when they post an edit of school B
    response = client.post(
        f"/organizations/{world.school_b.pk}/edit/", edit_data(world.school_b, full_name="Захвачено")
    )

    # then the page does not exist for them, and nothing is changed
    assert response.status_code == 404
    assert snapshot() == before


# --- good input -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["operator", "coordinator", "head_a"])
def test_who_may_change_school_a_saves_it(world, persona):
    # given a persona allowed to change school A
    client = login(world, persona)
    others_before = list(OrgUnit.objects.exclude(pk=world.school_a.pk).order_by("pk").values())

    # when they submit the form as it comes, with a new address and e-mail
    response = client.post(
        f"/organizations/{world.school_a.pk}/edit/",
        edit_data(world.school_a, address="г. Сургут, ул. Мира, 5", email="school1@example.org"),
    )

    # then they land on the unit's page and exactly school A is changed
    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == f"/organizations/{world.school_a.pk}/"
    world.school_a.refresh_from_db()
    assert (world.school_a.address, world.school_a.email) == ("г. Сургут, ул. Мира, 5", "school1@example.org")
    assert world.school_a.municipality == world.muni1
    assert list(OrgUnit.objects.exclude(pk=world.school_a.pk).order_by("pk").values()) == others_before
    assert "Изменения сохранены." in client.get(response["Location"]).content.decode()


def test_coordinator_creates_a_school_in_their_municipality(world):
    # given the coordinator of municipality 1
    client = login(world, "coordinator")

    # when they add a kindergarten under municipality 1
    response = client.post("/organizations/add/", new_unit_data(world.muni1))

    # then it is saved in the tree under the municipality, and shows on their list
    unit = OrgUnit.objects.get(inn=VALID_INN)
    assert response.status_code == 302
    assert response["Location"] == f"/organizations/{unit.pk}/"
    assert (unit.parent, unit.level, unit.municipality) == (world.muni1, Level.ORGANIZATION, world.muni1)
    assert unit.path == f"{world.muni1.path}{unit.pk:08d}/"
    assert "Единица создана." in client.get(response["Location"]).content.decode()
    assert "Детский сад № 7" in client.get("/organizations/").content.decode()


def test_coordinator_cannot_create_under_another_municipality(world):
    # given the coordinator of municipality 1
    client = login(world, "coordinator")
    before = snapshot()

    # when they try to add a school under municipality 2
    response = client.post("/organizations/add/", new_unit_data(world.muni2))

    # then the parent is not a valid choice, and nothing is created
    assert response.status_code == 200
    assert field_errors(response, "parent")
    assert snapshot() == before


def test_create_with_duplicate_inn_is_refused_on_the_field(world):
    # given the operator
    client = login(world, "operator")
    before = snapshot()

    # when they add a school with the ИНН of school A
    response = client.post("/organizations/add/", new_unit_data(world.muni1, inn=world.school_a.inn))

    # then the ИНН field says it is taken, and nothing is created
    assert field_errors(response, "inn") == ["Организация с таким ИНН уже есть."]
    assert snapshot() == before


def test_create_with_a_name_taken_in_the_same_parent_is_refused(world):
    # given the operator
    client = login(world, "operator")
    before = snapshot()

    # when they add a unit under municipality 1 with the full name of school A
    response = client.post(
        "/organizations/add/", new_unit_data(world.muni1, full_name=world.school_a.full_name)
    )

    # then the form says so in Russian, and nothing is created
    assert response.status_code == 200
    assert "В этой вышестоящей единице уже есть единица с таким наименованием." in str(
        response.context["form"].errors
    )
    assert snapshot() == before


def test_create_a_municipality_needs_its_type(world):
    # given the operator
    client = login(world, "operator")
    before = snapshot()

    # when they add a municipality without its kind of municipal formation
    response = client.post(
        "/organizations/add/",
        new_unit_data(world.region, level=Level.MUNICIPALITY, kind="", inn="", full_name="Сургутский район"),
    )

    # then the field asks for it, and nothing is created
    assert field_errors(response, "municipality_type") == ["Укажите вид муниципального образования."]
    assert snapshot() == before


def test_operator_creates_a_municipality(world):
    # given the operator
    client = login(world, "operator")

    # when they add a municipality under the region
    response = client.post(
        "/organizations/add/",
        new_unit_data(
            world.region,
            level=Level.MUNICIPALITY,
            kind="",
            inn="",
            full_name="Сургутский район",
            short_name="",
            municipality_type="district",
        ),
    )

    # then it is saved at the right place in the tree
    unit = OrgUnit.objects.get(full_name="Сургутский район")
    assert response.status_code == 302
    assert unit.path.startswith(world.region.path)
    assert unit.level == Level.MUNICIPALITY


def test_add_form_preselects_the_parent_from_the_query(world):
    # when the operator opens «add» from municipality 1
    client = login(world, "operator")
    form = client.get("/organizations/add/", {"parent": world.muni1.pk}).context["form"]

    # then the parent is preset, and only non-organization units are offered as parents
    assert str(form.initial["parent"]) == str(world.muni1.pk)
    assert set(form.fields["parent"].queryset) == {world.region, world.muni1, world.muni2}


def test_unit_page_shows_the_tree_and_the_staff_count(world):
    # given the coordinator of municipality 1
    client = login(world, "coordinator")

    # when they open their municipality
    html = client.get(f"/organizations/{world.muni1.pk}/").content.decode()

    # then it shows the breadcrumb, school A below it and the staff count of its subtree
    assert "Ханты-Мансийский автономный округ – Югра" in html
    assert f'href="/organizations/{world.school_a.pk}/"' in html
    assert 'data-testid="staff-count">3<' in html
    assert "Редактировать" in html


def test_unit_page_counts_only_staff_in_the_scope_of_the_viewer(world):
    # given the mentor of A, who sees themselves and their mentee only
    client = login(world, "mentor_a")

    # when they open their school
    html = client.get(f"/organizations/{world.school_a.pk}/").content.decode()

    # then the staff count is of the people they can see, and they cannot edit
    assert 'data-testid="staff-count">2<' in html
    assert "Редактировать" not in html


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"level": "nonsense"},
        {"kind": "nonsense"},
        {"municipality": "abc"},
        {"q": "%"},
        {"q": "86"},
    ],
    ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()),
)
def test_organization_list_survives_bad_query_strings(world, query):
    # when the operator opens the list with a strange query
    response = login(world, "operator").get("/organizations/", query)

    # then it answers (a page that does not exist is «not found»), never 500
    assert response.status_code == (404 if "page" in query else 200)


def test_organization_list_filters_by_level_and_search(world):
    # given the operator and one more school in municipality 1
    f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    client = login(world, "operator")

    # when they list municipalities, then search by name
    munis = client.get("/organizations/", {"level": "municipality"}).content.decode()
    found = client.get("/organizations/", {"q": "гимназия"}).content.decode()

    # then they get the two municipalities, then the one gymnasium
    assert "Найдено: 2" in munis
    assert "город Сургут" in munis and "город Нижневартовск" in munis
    assert "Найдено: 1" in found and "Гимназия № 3" in found


@pytest.mark.parametrize("typed", ["гимназия", "ГИМНАЗИЯ", "Гимназия № 3", "«Гимназия"])
def test_organization_search_ignores_case_of_cyrillic(world, typed):
    # given one gymnasium in municipality 1
    f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")

    # when the operator searches for it typed in any case
    html = login(world, "operator").get("/organizations/", {"q": typed}).content.decode()

    # then it is found
    assert "Найдено: 1" in html
    assert "Гимназия № 3" in html


def test_organization_search_by_inn_prefix(world):
    # when the operator searches by the first digits of school B's ИНН
    html = login(world, "operator").get("/organizations/", {"q": world.school_b.inn}).content.decode()

    # then school B is found
    assert f'href="/organizations/{world.school_b.pk}/"' in html
    assert "Найдено: 1" in html


@pytest.mark.parametrize("parent", ["abc", "999999", "-1", ""])
def test_add_page_survives_a_bad_parent_in_the_query(world, parent):
    # when the coordinator opens «add» with a strange parent in the query
    response = login(world, "coordinator").get("/organizations/add/", {"parent": parent})

    # then the form is shown, with only their own units offered as parents
    assert response.status_code == 200
    assert set(response.context["form"].fields["parent"].queryset) == {world.muni1}
