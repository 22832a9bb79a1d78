"""Pages of the registry of partners (issue 20): who reaches which page, the card of a partner,
the agreement's file served only in scope, the participants outside the staff created and ended
through the forms, garbage ids and query strings, the XLSX export."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.organizations.models import Partner, PartnerAgreement
from nastavnik.partners.tests.helpers import agreement, participant, partner, pdf, program
from nastavnik.people.models import NonStaffParticipant

pytestmark = pytest.mark.django_db


def _client(world, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(world.users[persona])
    return client


@pytest.fixture
def rows(world):
    own = partner(world.school_a, "ООО «Северэнерго»", inn="", description="Профориентация")
    regional = partner(world.region, "ПАО «Региональное»")
    other = partner(world.school_b, "ООО «Школа Б»")
    deal = agreement(own, world.school_a, file=pdf())
    return {"own": own, "regional": regional, "other": other, "agreement": deal}


# fmt: off
#:                  operator coord head_a cur_a mentor mentee cur_b
PAGES = {
    "/partners/":                    (200, 200, 200, 200, 403, 403, 200),
    "/partners/add/":                (200, 200, 200, 200, 403, 403, 200),
    "/partners/participants/":       (200, 200, 200, 200, 403, 403, 200),
    "/partners/participants/add/":   (403, 403, 200, 200, 403, 403, 200),
}
# fmt: on
PERSONAS = ("operator", "coordinator", "head_a", "curator_a", "mentor_a", "mentee_a", "curator_b")


@pytest.mark.parametrize("url", list(PAGES))
def test_who_reaches_the_pages(world, rows, url):
    for persona, status in zip(PERSONAS, PAGES[url], strict=True):
        assert _client(world, persona).get(url).status_code == status, (url, persona)
    assert _client(world, "anonymous").get(url).status_code == 302


def test_partner_card_and_read_only_regional_partner(world, rows):
    client = _client(world, "curator_a")
    page = client.get(f"/partners/{rows['own'].pk}/").content.decode()
    assert "ООО «Северэнерго»" in page and "Профориентация" in page
    assert "действует" in page and f"/partners/agreements/{rows['agreement'].pk}/file/" in page
    assert f"/partners/{rows['own'].pk}/edit/" in page
    regional = client.get(f"/partners/{rows['regional'].pk}/")
    assert regional.status_code == 200
    assert f"/partners/{rows['regional'].pk}/edit/" not in regional.content.decode()
    assert client.get(f"/partners/{rows['regional'].pk}/edit/").status_code == 404
    assert client.get(f"/partners/{rows['other'].pk}/").status_code == 404


def test_expired_agreement_is_marked(world, rows):
    today = timezone.localdate()
    agreement(
        rows["own"],
        world.school_a,
        number="3-П",
        concluded_on=today - dt.timedelta(days=800),
        starts_on=today - dt.timedelta(days=800),
        ends_on=today - dt.timedelta(days=400),
    )
    page = _client(world, "curator_a").get(f"/partners/{rows['own'].pk}/").content.decode()
    assert "истекло" in page


def test_agreement_file_served_only_in_scope(world, rows):
    url = f"/partners/agreements/{rows['agreement'].pk}/file/"
    response = _client(world, "curator_a").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    for persona in ("curator_b", "mentor_a", "mentee_a"):
        assert _client(world, persona).get(url).status_code == 404, persona
    assert _client(world, "anonymous").get(url).status_code == 302


def test_agreement_form_refuses_bad_dates_and_file(world, rows):
    client = _client(world, "curator_a")
    today = timezone.localdate()
    response = client.post(
        f"/partners/{rows['own'].pk}/agreements/add/",
        {
            "unit": world.school_a.pk,
            "number": "7",
            "concluded_on": today.isoformat(),
            "starts_on": today.isoformat(),
            "ends_on": (today - dt.timedelta(days=1)).isoformat(),
            "file": io.BytesIO(b"not a document at all"),
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Окончание действия соглашения не может быть раньше его начала." in text
    assert PartnerAgreement.objects.count() == 1
    response = client.post(
        f"/partners/{rows['own'].pk}/agreements/add/",
        {
            "unit": world.school_a.pk,
            "number": "8",
            "concluded_on": today.isoformat(),
            "starts_on": today.isoformat(),
            "file": pdf("dogovor.pdf"),
        },
    )
    assert response.status_code == 302
    assert PartnerAgreement.objects.filter(number="8").exists()


def test_partner_create_form(world):
    client = _client(world, "coordinator")
    response = client.post(
        "/partners/add/",
        {"unit": world.muni1.pk, "kind": "university", "full_name": "ФГБОУ ВО «СурГУ»", "is_active": "on"},
    )
    assert response.status_code == 302
    created = Partner.objects.get(full_name="ФГБОУ ВО «СурГУ»")
    assert created.unit == world.muni1
    response = client.post(
        "/partners/add/", {"unit": world.muni2.pk, "kind": "university", "full_name": "Чужой вуз"}
    )
    assert response.status_code == 200 and not Partner.objects.filter(full_name="Чужой вуз").exists()


def test_nonstaff_create_and_end_through_pages(world, rows):
    client = _client(world, "curator_a")
    response = client.post(
        "/partners/participants/add/",
        {
            "organization": world.school_a.pk,
            "last_name": "Выпускникова",
            "first_name": "Мария",
            "middle_name": "Игоревна",
            "sex": "F",
            "birth_date": "1995-02-03",
            "category": "alumnus",
            "partner": rows["own"].pk,
            "workplace": "ООО «Северэнерго», инженер",
            "started_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = NonStaffParticipant.objects.get(person__last_name="Выпускникова")
    page = client.get("/partners/participants/").content.decode()
    assert "Выпускникова Мария Игоревна" in page
    assert f"/bank/mentors/add/?person={row.person_id}" in page
    assert "Внешний контур" in page
    assert _client(world, "curator_b").get(f"/partners/participants/{row.pk}/end/").status_code == 404
    response = client.post(
        f"/partners/participants/{row.pk}/end/", {"ended_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.ended_on == timezone.localdate()


def test_partner_card_attaches_program(world, rows):
    school_program = program(world.school_a)
    client = _client(world, "curator_a")
    page = client.get(f"/partners/{rows['regional'].pk}/").content.decode()
    assert f"/partners/{rows['regional'].pk}/programs/attach/" in page
    response = client.post(
        f"/partners/{rows['regional'].pk}/programs/attach/", {"program": school_program.pk}
    )
    assert response.status_code == 302
    assert school_program.partners.filter(pk=rows["regional"].pk).exists()
    page = client.get(f"/partners/{rows['regional'].pk}/").content.decode()
    assert school_program.title in page
    assert (
        _client(world, "coordinator").get(f"/partners/{rows['regional'].pk}/programs/attach/").status_code
        == 403
    )
    response = client.post(
        f"/partners/{rows['regional'].pk}/programs/detach/", {"program": school_program.pk}
    )
    assert response.status_code == 302
    assert not school_program.partners.exists()


def test_mentors_named_only_in_reach(world, rows):
    participant(world.school_a, rows["regional"], last_name="Инженерова")
    participant(world.school_b, rows["regional"], last_name="Борисовна")
    page = _client(world, "curator_a").get(f"/partners/{rows['regional'].pk}/").content.decode()
    assert "Инженерова" in page and "Борисовна" not in page
    assert "Всего участвуют сейчас: 2" in page


@pytest.mark.parametrize(
    "url",
    [
        "/partners/999999/",
        "/partners/999999/edit/",
        "/partners/999999/agreements/add/",
        "/partners/agreements/999999/edit/",
        "/partners/agreements/999999/file/",
        "/partners/999999/programs/attach/",
        "/partners/participants/999999/edit/",
        "/partners/participants/999999/end/",
    ],
)
def test_garbage_ids_are_404(world, url):
    assert _client(world, "curator_a").get(url).status_code == 404


def test_garbage_query_strings_never_500(world, rows):
    client = _client(world, "curator_a")
    assert client.get("/partners/?kind=zzz&unit=%C2%B2&is_active=maybe&q=%00&page=last").status_code == 200
    assert (
        client.get("/partners/participants/?category=zzz&organization=-1&state=%C2%B2&q=%00").status_code
        == 200
    )


def test_xlsx_export(world, rows):
    response = _client(world, "curator_a").get("/partners/?export=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Полное наименование"
    names = {row[0] for row in values[1:]}
    assert names == {"ООО «Северэнерго»", "ПАО «Региональное»"}
    own = next(row for row in values[1:] if row[0] == "ООО «Северэнерго»")
    assert own[9] == 1  # one agreement in force


def test_matrix_part_builds_its_objects(world):
    from nastavnik.testing.matrix_parts import partners as part

    a, b, nc = {}, {}, {}
    part.objects(world, a, b, nc)
    assert a["partner"].unit == world.school_a and b["partner"].unit == world.school_b
    assert a["partner_agreement"].file and a["nonstaff_participant"].partner == a["partner"]
    assert set(part.PROVIDERS) <= set(part.EXPECTED)
