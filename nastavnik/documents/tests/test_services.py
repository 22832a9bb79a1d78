"""The registry's services on a small stand-in kind: issue, refuse, regenerate, sign, delete,
numbering, PDF, the whole package (the real kinds are tested in test_orders, test_consents…)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents import specs as registry
from nastavnik.documents.builder import TemplateBuilder
from nastavnik.documents.choices import DocumentKind, DocumentStatus, Subject
from nastavnik.documents.models import Document
from nastavnik.documents.package import REFUSED_NAME, package_build
from nastavnik.documents.render import convert_to_pdf
from nastavnik.documents.services import (
    document_delete,
    document_issue,
    document_regenerate,
    document_render,
    document_sign,
    safe_filename,
)
from nastavnik.documents.specs.base import DocumentSpec, Missing, MissingData
from nastavnik.documents.specs.common import organization_context, organization_missing
from nastavnik.documents.testing import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


class StandInOrder(DocumentSpec):
    """A numbered order naming the head in the accusative; refused without the address."""

    kind = DocumentKind.ORDER_IMPLEMENTATION
    subject = Subject.ORGANIZATION
    numbered = True

    def missing(self, *, organization, subject, params, on=None):
        return organization_missing(organization)

    def context(self, *, organization, subject, params, document):
        return {**organization_context(organization), "note": params.get("note", "")}

    def build(self, b):
        b.order_head("О проверке")
        b.para("Назначить ответственной {{ head.name.acc }}, {{ head.position.acc }}. {{ note }}")
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")


class StandInConsent(DocumentSpec):
    """A document about a person: refused for people without an address."""

    kind = DocumentKind.PERSONAL_DATA_CONSENT
    subject = Subject.PERSON
    package_folder = "Согласия"

    def candidates(self, organization):
        from nastavnik.people.models import Person

        return Person.objects.employed_in(organization).order_by("last_name")

    def subject_fields(self, subject):
        return {"person": subject}

    def subject_of(self, document):
        return document.person

    def subject_label(self, subject):
        return subject.short_name

    def missing(self, *, organization, subject, params, on=None):
        return [] if subject.address else [Missing(f"Укажите адрес: {subject.full_name}.")]

    def context(self, *, organization, subject, params, document):
        from nastavnik.documents.specs.common import declined_name

        return {"person": declined_name(subject)}

    def build(self, b):
        b.para("Я, {{ person.nom }}, даю согласие {{ date_long }}.")


@pytest.fixture
def stand_in(monkeypatch, tmp_path, settings):
    """Replace the registry by the two stand-in kinds, their templates built into ``tmp_path``."""
    specs = {spec.kind.value: spec for spec in (StandInOrder(), StandInConsent())}
    for spec in specs.values():
        builder = TemplateBuilder()
        spec.build(builder)
        builder.save(tmp_path / spec.template_name)
    settings.NASTAVNIK_DOCUMENT_TEMPLATES_DIR = str(tmp_path)
    monkeypatch.setattr(registry, "SPECS", specs)
    from nastavnik.documents import package

    monkeypatch.setattr(package, "SPECS", specs)
    return specs


def issue_order(doc_world, **kwargs):
    defaults = {
        "kind": "order_implementation",
        "organization": doc_world.school,
        "number": "12-о",
        "author": doc_world.world.users["curator_a"],
        "date": today(),
    }
    return document_issue(**(defaults | kwargs))


def test_an_issued_order_is_registered_with_its_file_and_declined_text(stand_in, doc_world):
    document = issue_order(doc_world, params={"note": "Срочно & важно <sic>"})

    assert document.status == DocumentStatus.DRAFT
    assert document.title == "Приказ о внедрении целевой модели наставничества"
    assert document.file.name.endswith(".docx")
    text = docx_text(document.file.read())
    assert "Назначить ответственной Соколову Елену Викторовну, директора." in text
    assert "Срочно & важно <sic>" in text  # escaped in XML, printed as typed
    assert "№ 12-о" in text
    assert "Е. В. Соколова" in text


def test_a_document_without_data_is_refused_and_nothing_is_registered(stand_in, doc_world):
    doc_world.school.address = ""
    doc_world.school.save()

    with pytest.raises(MissingData) as refused:
        issue_order(doc_world)

    assert [item.text for item in refused.value.items] == ["Укажите адрес организации в её карточке."]
    assert refused.value.items[0].url == reverse("organizations:edit", args=[doc_world.school.pk])
    assert not Document.objects.exists()


def test_without_a_head_the_refusal_says_whom_to_appoint(stand_in, doc_world):
    doc_world.head.user = None
    doc_world.head.save()

    with pytest.raises(MissingData) as refused:
        document_render(kind="order_implementation", organization=doc_world.school)

    assert "Не назначен руководитель организации" in refused.value.items[0].text


def test_order_numbers_are_required_and_unique_within_a_year(stand_in, doc_world):
    issue_order(doc_world)

    with pytest.raises(ValidationError) as no_number:
        issue_order(doc_world, number=" ")
    with pytest.raises(ValidationError) as repeated:
        issue_order(doc_world)

    assert "Укажите номер приказа." in no_number.value.messages
    assert f"Номер 12-о в {today().year} году уже присвоен другому документу." in repeated.value.messages
    assert issue_order(doc_world, number="12-о", date=today().replace(year=today().year - 1)).pk


def test_regenerating_a_draft_takes_the_current_data(stand_in, doc_world):
    document = issue_order(doc_world)
    doc_world.head.last_name = "Орлова"
    doc_world.head.save()

    document_regenerate(document=document)

    document.refresh_from_db()
    assert "Назначить ответственной Орлову Елену Викторовну" in docx_text(document.file.read())


def test_a_failed_regeneration_keeps_the_stored_file(stand_in, doc_world):
    document = issue_order(doc_world)
    before = document.file.name
    doc_world.school.address = ""
    doc_world.school.save()

    with pytest.raises(MissingData):
        document_regenerate(document=document)

    document.refresh_from_db()
    assert document.file.name == before
    assert document.file.storage.exists(before)


def scan(name="scan.pdf", content=b"%PDF-1.4 scan"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_signing_stores_the_scan_and_freezes_the_document(stand_in, doc_world):
    document = issue_order(doc_world)
    user = doc_world.world.users["head_a"]

    document_sign(document=document, scan=scan(), signed_on=today(), user=user, number="12-о")

    document.refresh_from_db()
    assert document.status == DocumentStatus.SIGNED
    assert document.signed_by == user and document.scan.read() == b"%PDF-1.4 scan"
    with pytest.raises(ValidationError, match="Подписанный документ не формируется заново"):
        document_regenerate(document=document)
    with pytest.raises(ValidationError, match="удалить нельзя"):
        document_delete(document=document)
    with pytest.raises(ValidationError, match="уже подписан"):
        document_sign(document=document, scan=scan(), signed_on=today(), user=user)


def test_a_number_changed_at_signing_is_printed_in_the_document(stand_in, doc_world):
    document = issue_order(doc_world)

    document_sign(document=document, scan=scan(), signed_on=today(), user=None, number="77")

    document.refresh_from_db()
    assert document.number == "77"
    assert "№ 77" in docx_text(document.file.read())


@pytest.mark.parametrize(
    ("upload", "days_from_today", "message"),
    [
        (scan("scan.exe"), 0, "Загрузите скан в формате PDF, JPG, PNG или TIFF."),
        (scan(content=b""), 0, "Файл скана пуст."),
        (scan(), 1, "Дата подписания не может быть в будущем."),
        (scan(), -1, "Документ не может быть подписан раньше своей даты."),
        (None, 0, "Загрузите скан подписанного документа."),
    ],
)
def test_bad_signatures_are_refused_and_the_draft_stays(
    stand_in, doc_world, upload, days_from_today, message
):
    document = issue_order(doc_world)
    signed_on = today() + dt.timedelta(days=days_from_today)

    with pytest.raises(ValidationError) as refused:
        document_sign(document=document, scan=upload, signed_on=signed_on, user=None)

    assert message in refused.value.messages
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT and not document.scan


def test_deleting_a_draft_removes_its_file(stand_in, doc_world, django_capture_on_commit_callbacks):
    document = issue_order(doc_world)
    name, storage = document.file.name, document.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document)

    assert not Document.objects.exists()
    assert not storage.exists(name)


def test_the_package_holds_what_the_data_allow_and_lists_the_rest(stand_in, doc_world):
    world = doc_world.world
    world.mentor_a.address = "г. Сургут, ул. Мира, д. 5, кв. 1"
    world.mentor_a.save()
    signed = issue_order(doc_world)
    document_sign(document=signed, scan=scan(), signed_on=today(), user=None)
    steps = []

    result = package_build(organization=doc_world.school, progress=lambda *a: steps.append(a))

    with result_zip(result) as archive:
        names = archive.namelist()
        refused = archive.read(REFUSED_NAME).decode()
    assert "01 Приказ о внедрении целевой модели наставничества.docx" in names
    # «Наставникова М. П.docx»: the trailing dot of the initials is not doubled
    assert f"Согласия/02 Согласие на обработку персональных данных — {world.mentor_a.short_name}docx" in names
    assert any(name.startswith("Подписанные/Приказ о внедрении") for name in names)
    assert f"Укажите адрес: {world.mentee_a.full_name}." in refused
    people = 5  # teacher, mentor, mentee, head, curator of school A
    assert result.documents == 1 + 1 and len(result.refused) == people - 1 and result.scans == 1
    assert steps[-1][:2] == (1 + people, 1 + people)


def result_zip(result):
    from django.core.files.storage import default_storage

    with default_storage.open(result.file, "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_file_names_are_safe_on_every_system():
    assert safe_filename('Приказ № 5/1: "пары"?') == "Приказ № 5 1 пары"
    assert safe_filename("...") == "документ"


def test_libreoffice_turns_the_docx_into_a_pdf_with_the_same_text(stand_in, doc_world, libreoffice):
    content = document_render(kind="order_implementation", organization=doc_world.school, number="3")

    pdf = convert_to_pdf({"order.docx": content})["order.docx"]

    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Назначить ответственной Соколову Елену Викторовну, директора." in text
    assert "ПРИКАЗ" in text


def _role_queries(queries) -> int:
    return sum('"access_roleassignment"' in query["sql"] for query in queries)


def test_the_head_and_the_curator_are_read_once_per_document_and_once_per_package(stand_in, doc_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        document_render(kind="order_implementation", organization=doc_world.school, number="1")
    with CaptureQueriesContext(connection) as package:
        package_build(organization=doc_world.school)

    assert _role_queries(one.captured_queries) == 2  # the head and the curator
    assert _role_queries(package.captured_queries) == 2


def test_two_signed_scans_with_the_same_name_both_go_into_the_package(stand_in, doc_world):
    world = doc_world.world
    world.mentor_a.address = "г. Сургут, ул. Мира, д. 5, кв. 1"
    world.mentor_a.save()
    for _ in range(2):
        consent = document_issue(
            kind="personal_data_consent",
            organization=doc_world.school,
            subject=world.mentor_a,
            author=world.users["curator_a"],
            date=today(),
        )
        document_sign(document=consent, scan=scan(), signed_on=today(), user=None)

    result = package_build(organization=doc_world.school)

    with result_zip(result) as archive:
        scans = sorted(name for name in archive.namelist() if name.startswith("Подписанные/"))
    assert result.scans == 2 and len(scans) == 2
    assert sum(name.endswith(" (2).pdf") for name in scans) == 1
