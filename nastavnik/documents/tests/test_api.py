"""The document registry's REST API (issue 17, build 1) as the personas: the registry narrowed to
the page's scope and FilterSet, out-of-scope ids 404, the DOCX and the PDF downloaded through the
page's code with the same journal entry, a paper with passport data only to those the page
serves it to (152-ФЗ art. 9), no file bytes in JSON, constant queries per page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from nastavnik.audit.choices import AccessKind
from nastavnik.audit.models import AuditEvent
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.models import Document
from nastavnik.documents.services import docx_digest
from nastavnik.testing.api import api, ids
from nastavnik.testing.personas import extend_world

pytestmark = pytest.mark.django_db

LIST = "/api/v1/documents/"
DOCX = b"PK\x03\x04 docx of the test"
PDF = b"%PDF-1.4 pdf of the test"


def make(
    world, school, kind=DocumentKind.REGULATION, *, person=None, title="Положение о системе наставничества"
):
    """A registered document of ``school`` with a DOCX and its kept PDF copy (no LibreOffice)."""
    document = Document(
        organization=school,
        kind=kind,
        title=title,
        number="12-о",
        date=dt.date(2026, 9, 1),
        person=person,
        author=world.users["curator_a"],
    )
    document.file.save("polozhenie.docx", ContentFile(DOCX), save=False)
    document.pdf.save("polozhenie.pdf", ContentFile(PDF), save=False)
    document.pdf_digest = docx_digest(DOCX)
    document.save()
    return document


@pytest.fixture
def papers(world):
    extend_world(world)
    return {
        "a": make(world, world.school_a),
        "b": make(world, world.school_b, kind=DocumentKind.ORDER_IMPLEMENTATION, title="Приказ о внедрении"),
        "passport": make(
            world,
            world.school_a,
            kind=DocumentKind.PERSONAL_DATA_CONSENT,
            person=world.mentee_a,
            title="Согласие на обработку персональных данных",
        ),
    }


def test_the_registry_is_the_scope_of_the_page(world, papers):
    a, b, passport = papers["a"].pk, papers["b"].pk, papers["passport"].pk
    assert ids(api(world, "curator_a").get(LIST)) == {a, passport}
    assert ids(api(world, "head_a").get(LIST)) == {a, passport}
    assert ids(api(world, "curator_b").get(LIST)) == {b}
    assert b not in ids(api(world, "coordinator").get(LIST))
    assert {a, b} <= ids(api(world, "operator").get(LIST))
    # the national operator reaches no document (no personal data at the federal level)
    assert ids(api(world, "national").get(LIST)) == set()
    # the mentee sees the paper about them, as on the registry page
    assert ids(api(world, "mentee_a").get(LIST)) == set(
        Document.objects.for_user(world.users["mentee_a"], "view").values_list("pk", flat=True)
    )
    assert passport in ids(api(world, "mentee_a").get(LIST))
    assert api(world, "anonymous").get(LIST).status_code in (401, 403)


def test_out_of_scope_ids_are_404(world, papers):
    client = api(world, "curator_a")
    b = papers["b"].pk
    for url in (f"{LIST}{b}/", f"{LIST}{b}/docx/", f"{LIST}{b}/pdf/", f"{LIST}999999/docx/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Не найдено."}
    assert AuditEvent.objects.filter(access_kind=AccessKind.DOWNLOAD).count() == 0


def test_filterset_of_the_registry_page(world, papers):
    client = api(world, "operator")
    assert ids(client.get(LIST, {"kind": DocumentKind.ORDER_IMPLEMENTATION})) == {papers["b"].pk}
    assert ids(client.get(LIST, {"q": "Положение"})) == {papers["a"].pk}
    assert ids(client.get(LIST, {"organization": world.school_b.pk})) == {papers["b"].pk}
    assert ids(client.get(LIST, {"date_from": "2027-01-01"})) == set()
    response = client.get(LIST, {"kind": "нет-такого", "date_to": "вчера"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Проверьте введённые данные."
    assert set(body["errors"]) == {"kind", "date_to"}
    # an organization outside the scope is refused like a missing one
    response = api(world, "curator_b").get(LIST, {"organization": world.school_a.pk})
    assert response.status_code == 400 and "organization" in response.json()["errors"]


def test_rows_carry_download_addresses_not_bytes(world, papers):
    row = api(world, "curator_a").get(f"{LIST}{papers['a'].pk}/").json()
    assert row["docx_url"].endswith(f"/api/v1/documents/{papers['a'].pk}/docx/")
    assert row["pdf_url"].endswith(f"/api/v1/documents/{papers['a'].pk}/pdf/")
    assert row["author_name"] and row["author_name"] != "curator_a"
    assert "file" not in row and "pdf" not in row
    # the coordinator sees the consent with passport data, not its file
    coordinator = api(world, "coordinator")
    seen = coordinator.get(LIST).json()["results"]
    passport = [r for r in seen if r["id"] == papers["passport"].pk]
    if passport:
        assert passport[0]["docx_url"] is None and passport[0]["pdf_url"] is None
    assert coordinator.get(f"{LIST}{papers['passport'].pk}/docx/").status_code == 404


def test_downloads_write_the_journal_as_the_page(world, papers):
    document = papers["a"]
    ct = ContentType.objects.get_for_model(Document)
    client = api(world, "curator_a")
    response = client.get(f"{LIST}{document.pk}/docx/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == DOCX
    assert response["Content-Disposition"].startswith("attachment")
    response = client.get(f"{LIST}{document.pk}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response.content == PDF
    assert response["Content-Type"] == "application/pdf"
    entries = AuditEvent.objects.filter(
        access_kind=AccessKind.DOWNLOAD, content_type=ct, object_id=document.pk
    )
    assert entries.count() == 2
    assert set(entries.values_list("actor", flat=True)) == {world.users["curator_a"].pk}
    assert {r.split(":")[0] for r in entries.values_list("object_repr", flat=True)} == {
        "Файл DOCX",
        "Файл PDF",
    }
    # the page's download writes the same entry
    page = APIClient()
    page.force_login(world.users["curator_a"])
    assert page.get(f"/documents/{document.pk}/pdf/").status_code == 200
    latest = entries.order_by("-pk").first()
    assert latest.object_repr.startswith("Файл PDF")
    assert entries.count() == 3


def test_a_lost_file_is_a_russian_404(world, papers):
    document = papers["a"]
    document.file.storage.delete(document.file.name)
    response = api(world, "curator_a").get(f"{LIST}{document.pk}/pdf/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Файл не найден в хранилище: сформируйте документ заново."}


def test_constant_queries_per_page(world):
    client = api(world, "curator_a")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    make(world, world.school_a)
    few = queries()
    for _ in range(5):
        make(world, world.school_a)
    assert queries() == few


def test_a_download_with_a_token_is_journaled_under_its_user(world, papers):
    _, token = AuthToken.objects.create(world.users["head_a"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get(f"{LIST}{papers['a'].pk}/docx/")
    assert response.status_code == 200
    entry = AuditEvent.objects.get(access_kind=AccessKind.DOWNLOAD)
    assert entry.actor == world.users["head_a"]
    assert entry.object_id == papers["a"].pk
