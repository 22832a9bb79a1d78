"""An organization's names in the cases the documents use, and its place of issue (issue 15
item 1): computed when left empty, kept when edited, following a rename."""

from __future__ import annotations

import pytest
from django.test import Client

from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit, place_from_address
from nastavnik.organizations.services import org_unit_create, org_unit_update

pytestmark = pytest.mark.django_db

FULL = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»"


def _school(world, **fields) -> OrgUnit:
    return org_unit_create(
        parent=world.muni1,
        level=Level.ORGANIZATION,
        kind=OrganizationKind.SCHOOL,
        full_name=fields.pop("full_name", FULL),
        short_name=fields.pop("short_name", "МБОУ «СОШ № 7»"),
        **fields,
    )


def test_a_new_organization_gets_its_names_in_every_case_for_a_sentence(world):
    school = _school(world, address="628400, ХМАО – Югра, г. Сургут, ул. Ленина, д. 1")

    assert school.full_name_gent == (
        "муниципального бюджетного общеобразовательного учреждения «Средняя общеобразовательная школа № 7»"
    )
    assert school.full_name_loct.startswith("муниципальном бюджетном общеобразовательном учреждении «Средняя")
    assert school.full_name_ablt.startswith("муниципальным бюджетным общеобразовательным учреждением")
    assert school.full_name_datv.startswith("муниципальному бюджетному")
    assert school.full_name_accs.startswith("муниципальное бюджетное общеобразовательное учреждение")
    # an abbreviation does not decline
    assert school.short_name_gent == school.short_name_loct == "МБОУ «СОШ № 7»"
    assert school.place == "г. Сургут"
    assert school.name_in("nomn") == FULL


def test_a_proper_name_at_the_start_keeps_its_capital(world):
    school = _school(world, full_name="Сургутский государственный педагогический университет", short_name="")

    assert school.full_name_loct == "Сургутском государственном педагогическом университете"
    # with no short name, the short forms are the full ones
    assert school.name_in("gent", short=True) == "Сургутского государственного педагогического университета"


def test_an_edited_form_is_kept_and_a_computed_one_follows_a_rename(world):
    school = _school(world)
    edited = "учреждения «Средняя школа № 7» (муниципального бюджетного общеобразовательного)"

    org_unit_update(unit=school, full_name_gent=edited)
    school = org_unit_update(
        unit=OrgUnit.objects.get(pk=school.pk),
        full_name=FULL.replace("№ 7", "№ 8"),
    )

    assert school.full_name_gent == edited  # the user's own wording is not overwritten
    assert school.full_name_loct.endswith("«Средняя общеобразовательная школа № 8»")


def test_the_edit_form_recomputes_what_the_user_left_and_keeps_what_they_typed(world):
    client = Client()
    client.force_login(world.users["operator"])
    school = world.school_a
    data = {
        "full_name": FULL,
        "short_name": "",
        "kind": school.kind,
        "municipality": school.municipality_id or "",
        "full_name_loct": "школе № 7",
        "place": "с. Угут",
    }

    response = client.post(f"/organizations/{school.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    school.refresh_from_db()
    assert school.full_name_loct == "школе № 7"
    assert school.full_name_gent.startswith("муниципального бюджетного")
    assert school.place == "с. Угут"
    page = client.get(f"/organizations/{school.pk}/edit/").content.decode()
    assert "Наименование в документах: падежи и место издания" in page


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("628402, Ханты-Мансийский автономный округ – Югра, г. Сургут, ул. Спортивная, д. 9", "г. Сургут"),
        ("628400, ХМАО, Сургутский район, пгт Белый Яр, ул. Лесная, д. 3", "пгт Белый Яр"),
        ("628400, ХМАО, с. Угут, ул. Лесная, д. 3", "с. Угут"),
        ("ул. Ленина, д. 1", ""),
        ("", ""),
    ],
)
def test_place_of_issue_is_the_settlement_of_the_address(address, place):
    assert place_from_address(address) == place
