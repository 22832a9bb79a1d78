"""Every download of a file and every export is in the journal: who, from which address, what,
under which organization."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from nastavnik.audit.choices import AccessKind, EventKind, LogAction
from nastavnik.audit.models import AuditEvent
from nastavnik.bank.models import PersonalDataConsent
from nastavnik.documents.models import Document
from nastavnik.people.models import Person

pytestmark = pytest.mark.django_db


def accesses() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=LogAction.ACCESS).order_by("pk"))


@pytest.fixture
def document(world) -> Document:
    document = Document.objects.create(
        organization=world.school_a,
        kind="order_pairs",
        title="Приказ о закреплении пар",
        number="7",
        date=timezone.localdate(),
    )
    document.file.save("prikaz.docx", ContentFile(b"PK docx"), save=True)
    return document


def test_a_document_docx_download_is_logged_with_who_and_address(world, as_persona, document):
    # when the curator of A downloads the DOCX of a document from 10.0.0.7
    response = as_persona("curator_a").get(f"/documents/{document.pk}/docx/")

    # then the file goes out and the journal has one download of that document
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK docx"
    (entry,) = accesses()
    assert entry.kind == EventKind.DOWNLOAD and entry.access_kind == AccessKind.DOWNLOAD
    assert entry.actor == world.users["curator_a"] and entry.remote_addr == "10.0.0.7"
    assert entry.content_type.model_class() is Document and entry.object_id == document.pk
    assert entry.object_repr == f"Файл DOCX: {document}"
    assert entry.unit_path == world.school_a.path
    assert entry.additional_data["file"].endswith(".docx")


def test_a_download_refused_is_not_logged(world, as_persona, document):
    # the curator of school B cannot reach A's document: 404, and nothing is recorded
    assert as_persona("curator_b").get(f"/documents/{document.pk}/docx/").status_code == 404
    assert accesses() == []


def test_a_list_export_is_logged_with_its_filters(world, as_persona):
    # when the curator of A exports the teachers whose name starts with «Наст»
    response = as_persona("curator_a", "198.51.100.4").get("/people/?q=Наст&export=xlsx")

    # then the journal has one export of the list of teachers, with the filter in Russian
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    (entry,) = accesses()
    assert entry.kind == EventKind.EXPORT
    assert entry.actor == world.users["curator_a"] and entry.remote_addr == "198.51.100.4"
    assert entry.content_type.model_class() is Person and entry.object_id is None
    assert entry.object_repr == "Выгрузка списка: Педагогические работники"
    assert entry.additional_data["details"] == {"Поиск": "Наст"}
    assert entry.additional_data["query"] == "q=%D0%9D%D0%B0%D1%81%D1%82"
    # filed under the curator's school (an export is of the user's own scope)
    assert entry.unit_path == world.school_a.path


def test_a_consent_scan_download_is_logged_under_the_persons_school(world, as_persona):
    consent = PersonalDataConsent.objects.get(person=world.mentee_a, withdrawn_on__isnull=True)
    consent.scan.save("soglasie.pdf", ContentFile(b"%PDF-1.4"), save=True)
    AuditEvent.objects.all().delete()

    response = as_persona("head_a").get(f"/bank/files/pd-consent/{consent.pk}/")

    assert response.status_code == 200
    (entry,) = accesses()
    assert entry.actor == world.users["head_a"] and entry.person_id == world.mentee_a.pk
    assert entry.unit_path == world.school_a.path
    assert entry.object_repr.startswith("Скан согласия")


def test_the_journal_export_is_logged_too(world, as_persona):
    response = as_persona("head_a").get("/audit/?export=xlsx")
    assert response.status_code == 200
    (entry,) = accesses()
    assert entry.kind == EventKind.EXPORT and entry.object_repr == "Выгрузка списка: Журнал действий"
    assert entry.actor == world.users["head_a"] and entry.unit_path == world.school_a.path


def test_the_import_template_is_logged_by_its_name(world, as_persona):
    response = as_persona("curator_a").get("/bank/import/template.xlsx")
    assert response.status_code == 200
    (entry,) = accesses()
    assert entry.kind == EventKind.DOWNLOAD and entry.unit_path == world.school_a.path
    assert entry.object_repr == "Шаблон файла для загрузки банка"


def test_an_unmarked_file_is_still_logged(world):
    # a view that forgets core.files.mark_attachment: its file is recorded all the same, by name
    from django.http import HttpResponse
    from django.test import RequestFactory

    from nastavnik.audit.middleware import AuditMiddleware

    def view(request):
        response = HttpResponse(b"data", content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="spisok.csv"'
        return response

    request = RequestFactory().get("/somewhere/", REMOTE_ADDR="10.9.9.9")
    request.user = world.users["head_a"]
    AuditMiddleware(view)(request)

    (entry,) = accesses()
    assert entry.kind == EventKind.DOWNLOAD and entry.object_repr == "spisok.csv"
    assert entry.actor == world.users["head_a"] and entry.remote_addr == "10.9.9.9"
    assert entry.unit_path == world.school_a.path


@pytest.mark.parametrize(
    ("trusted", "header", "expected"),
    [
        (False, "203.0.113.9", "10.0.0.7"),  # the header is written by the client: ignored
        (True, "203.0.113.9", "203.0.113.9"),
        (True, "1.2.3.4, 203.0.113.9", "203.0.113.9"),  # the proxy appended the last one
        (True, "garbage", "10.0.0.7"),
        (True, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_the_forwarded_address_is_trusted_only_when_configured(
    world, as_persona, settings, trusted, header, expected
):
    settings.NASTAVNIK_TRUST_X_FORWARDED_FOR = trusted
    client = as_persona("curator_a")
    assert client.get("/people/?export=xlsx", HTTP_X_FORWARDED_FOR=header).status_code == 200
    (entry,) = accesses()
    assert entry.remote_addr == expected


def test_a_roadmap_export_and_an_evidence_download_are_logged_under_the_school(world, as_persona):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nastavnik.roadmaps import services as roadmaps
    from nastavnik.roadmaps.tests.conftest import plan_of

    roadmap = roadmaps.roadmap_create(
        owner=world.school_a,
        title="План мероприятий",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2030, 12, 31),
        by=world.users["curator_a"],
        sections=plan_of((("1.1", "Издание приказа", "Март 2025", "Руководитель организации"),)),
    )
    item = roadmap.items.get()
    evidence = roadmaps.evidence_add(
        item=item,
        by=world.users["curator_a"],
        file=SimpleUploadedFile("prikaz.pdf", b"%PDF-1.4 order", content_type="application/pdf"),
    )
    client = as_persona("coordinator")

    assert client.get(f"/roadmaps/{roadmap.pk}/export.xlsx").status_code == 200
    assert client.get(f"/roadmaps/evidence/{evidence.pk}/").status_code == 200

    export, download = accesses()
    assert export.kind == EventKind.EXPORT and export.object_id == roadmap.pk
    assert export.object_repr.startswith("Выгрузка в XLSX")
    assert download.kind == EventKind.DOWNLOAD and download.object_id == evidence.pk
    for entry in (export, download):
        assert entry.actor == world.users["coordinator"] and entry.unit_path == world.school_a.path
