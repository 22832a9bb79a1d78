"""PDF copies made once per DOCX (issue 16, «Jobs at size»): a registered document's copy is
made by a job when it is registered or changed, a download only reads it (and converts without
storing while there is none); a
package converts in batches and keeps each copy until its DOCX changes; a document LibreOffice
fails on loses no other copy and is named to the user; without LibreOffice the package is
DOCX only and says why."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import Client

from nastavnik.audit.choices import LogAction
from nastavnik.audit.models import AuditEvent
from nastavnik.documents import render, services
from nastavnik.documents.models import Document
from nastavnik.documents.package import PDF_FAILED_NAME, package_build
from nastavnik.documents.render import PdfError, convert_to_pdf, docx_digest
from nastavnik.documents.services import (
    PACKAGE_PDF_DIR,
    PDF_COPY_JOB,
    PackagePdfs,
    document_pdf,
    document_pdf_keep,
    document_regenerate,
)
from nastavnik.documents.tests import test_services
from nastavnik.documents.tests.test_services import issue_order, result_zip
from nastavnik.jobs.models import Job

pytestmark = pytest.mark.django_db
#: the two stand-in kinds of ``test_services`` (an order and a consent) as the registry
stand_in = test_services.stand_in


@pytest.fixture
def converter(monkeypatch):
    """LibreOffice replaced by a stand-in: each call of ``convert_to_pdf`` is recorded (the
    sorted names it got) and each DOCX becomes «%PDF-stand-in <its digest>»."""
    calls: list[list[str]] = []

    def convert(files, **kwargs):
        calls.append(sorted(files))
        return {name: b"%PDF-stand-in " + docx_digest(content).encode() for name, content in files.items()}

    monkeypatch.setattr(services, "convert_to_pdf", convert)
    monkeypatch.setattr(services, "soffice_path", lambda: "/usr/bin/soffice")
    return calls


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def eager(settings):
    """The PDF copy of a registered document made by a job (synchronous in the tests)."""
    settings.NASTAVNIK_PDF_EAGER = True


def test_a_registered_document_gets_its_pdf_copy_and_downloads_convert_nothing(
    stand_in, doc_world, converter, eager
):
    document = issue_order(doc_world)
    curator = _client(doc_world.world.users["curator_a"])

    first = curator.get(f"/documents/{document.pk}/pdf/")
    second = curator.get(f"/documents/{document.pk}/pdf/")

    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.content.startswith(b"%PDF-stand-in")
    assert len(converter) == 1  # by the job, at the registration
    document.refresh_from_db()
    assert document.pdf_digest == docx_digest(document.file.read())
    assert default_storage.exists(document.pdf.name)
    job = Job.objects.get(kind=PDF_COPY_JOB)
    assert job.created_by is None and job.result == {"document": document.pk, "made": True}


def test_a_download_without_a_copy_converts_and_writes_nothing(stand_in, doc_world, converter):
    document = issue_order(doc_world)
    updated = document.updated_at
    curator = _client(doc_world.world.users["curator_a"])

    response = curator.get(f"/documents/{document.pk}/pdf/")

    assert response.status_code == 200 and response.content.startswith(b"%PDF-stand-in")
    document.refresh_from_db()
    assert not document.pdf and not document.pdf_digest and document.updated_at == updated
    assert not Job.objects.filter(kind=PDF_COPY_JOB).exists()
    # the download is recorded as before
    (entry,) = AuditEvent.objects.filter(action=LogAction.ACCESS)
    assert entry.object_id == document.pk and entry.object_repr == f"Файл PDF: {document}"


def test_a_changed_docx_gets_a_new_pdf_and_the_old_copy_is_deleted(
    stand_in, doc_world, converter, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = issue_order(doc_world)
    document.refresh_from_db()
    old_pdf = document_pdf(document)
    old_name = document.pdf.name
    Document.objects.filter(pk=document.pk).update(params={"note": "Срок — до пятницы."})

    with django_capture_on_commit_callbacks(execute=True):
        document_regenerate(document=Document.objects.get(pk=document.pk))
    document.refresh_from_db()
    new_pdf = document_pdf(document)

    assert len(converter) == 2 and new_pdf != old_pdf
    with default_storage.open(document.file.name) as handle:
        assert document.pdf_digest == docx_digest(handle.read())
    assert not default_storage.exists(old_name)
    assert document_pdf(Document.objects.get(pk=document.pk)) == new_pdf and len(converter) == 2
    assert document_pdf_keep(document_id=document.pk) is False and len(converter) == 2


def test_a_docx_replaced_in_storage_is_converted_again(stand_in, doc_world, converter):
    document = issue_order(doc_world)
    assert document_pdf_keep(document_id=document.pk) is True
    other = services.document_render(
        kind="order_implementation", organization=doc_world.school, number="99-о"
    )
    with default_storage.open(document.file.name, "wb") as handle:
        handle.write(other)

    pdf = document_pdf(Document.objects.get(pk=document.pk))

    assert len(converter) == 2 and pdf == b"%PDF-stand-in " + docx_digest(other).encode()


def test_a_copy_of_a_docx_changed_during_the_conversion_is_not_kept(
    stand_in, doc_world, monkeypatch, django_capture_on_commit_callbacks
):
    document = issue_order(doc_world)
    other = services.document_render(
        kind="order_implementation", organization=doc_world.school, number="98-о"
    )
    monkeypatch.setattr(services, "soffice_path", lambda: "/usr/bin/soffice")
    saved: list[str] = []
    save = default_storage.save
    monkeypatch.setattr(
        default_storage,
        "save",
        lambda name, content, **kw: saved.append(save(name, content, **kw)) or saved[-1],
    )

    def convert(files, **kwargs):
        # the document is regenerated while LibreOffice works
        with default_storage.open(document.file.name, "wb") as handle:
            handle.write(other)
        return dict.fromkeys(files, b"%PDF-stand-in")

    monkeypatch.setattr(services, "convert_to_pdf", convert)
    with django_capture_on_commit_callbacks(execute=True):
        made = document_pdf_keep(document_id=document.pk)

    document.refresh_from_db()
    assert made is False and not document.pdf and not document.pdf_digest
    # the copy of the former DOCX was stored meanwhile, and deleted
    assert len(saved) == 1 and not default_storage.exists(saved[0])
    assert document_pdf_keep(document_id=0) is False


def test_profiles_of_dead_processes_are_deleted_and_own_ones_at_exit(tmp_path, monkeypatch):
    monkeypatch.setattr(render.tempfile, "gettempdir", lambda: str(tmp_path))
    uid, alive = render.os.getuid(), render.os.getpid()
    dead = 2**22 + 12345  # above the largest process id Linux gives
    for pid in (dead, alive):
        (tmp_path / f"nastavnik-lo-{uid}-{pid}-0" / "user").mkdir(parents=True)
    other = tmp_path / "nastavnik-lo-unrelated"
    other.mkdir()

    assert render.profiles_clean() == 1
    assert not (tmp_path / f"nastavnik-lo-{uid}-{dead}-0").exists()
    assert (tmp_path / f"nastavnik-lo-{uid}-{alive}-0").exists() and other.exists()
    assert render.profiles_clean(own=True) == 1
    assert not (tmp_path / f"nastavnik-lo-{uid}-{alive}-0").exists() and other.exists()


def test_the_digest_is_the_content_not_the_archive_dates(stand_in, doc_world):
    first = services.document_render(kind="order_implementation", organization=doc_world.school, number="1")
    # the same document written again with other dates in the archive
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(first)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in source.infolist():
            copy.writestr(zipfile.ZipInfo(info.filename, date_time=(2001, 2, 3, 4, 5, 6)), source.read(info))
    other = services.document_render(kind="order_implementation", organization=doc_world.school, number="2")

    assert buffer.getvalue() != first and docx_digest(buffer.getvalue()) == docx_digest(first)
    assert docx_digest(first) != docx_digest(other)
    assert docx_digest(b"not a zip") != docx_digest(b"not a zip either")


def _consenting_mentor(doc_world):
    mentor = doc_world.world.mentor_a
    mentor.address = "г. Сургут, ул. Мира, д. 5, кв. 1"
    mentor.save()
    return mentor


def test_a_second_package_converts_only_what_changed(stand_in, doc_world, converter):
    mentor = _consenting_mentor(doc_world)
    school = doc_world.school

    first = package_build(organization=school, include_pdf=True)
    second = package_build(organization=school, include_pdf=True)
    mentor.middle_name = "Андреевна"
    mentor.save()
    third = package_build(organization=school, include_pdf=True)

    assert (first.documents, first.pdf_converted, first.pdf_kept) == (2, 2, 0)
    assert (second.pdf_converted, second.pdf_kept) == (0, 2)
    assert (third.pdf_converted, third.pdf_kept) == (1, 1)
    assert sum(map(len, converter)) == 3  # two documents, then the changed one
    with result_zip(third) as archive:
        pdfs = [name for name in archive.namelist() if name.startswith("PDF/")]
        assert len(pdfs) == 2 and all(archive.read(name).startswith(b"%PDF") for name in pdfs)
    # the copy of the consent before the change is gone: one copy per DOCX of the package
    _, kept = default_storage.listdir(f"{PACKAGE_PDF_DIR}/{school.pk}")
    assert len(kept) == 2


def test_without_libreoffice_the_package_is_docx_and_says_why(stand_in, doc_world, settings, monkeypatch):
    settings.NASTAVNIK_SOFFICE = "/nonexistent/soffice"
    calls = []
    monkeypatch.setattr(services, "convert_to_pdf", lambda files, **kwargs: calls.append(files))

    result = package_build(organization=doc_world.school, include_pdf=True)

    assert result.documents == 1 and result.pdf is False and calls == []
    assert "не установлен LibreOffice" in result.pdf_message
    with result_zip(result) as archive:
        assert "не установлен LibreOffice" in archive.read(PDF_FAILED_NAME).decode()
        assert not [name for name in archive.namelist() if name.startswith("PDF/")]


@pytest.fixture
def crashing_soffice(monkeypatch, settings):
    """A stand-in LibreOffice run that converts its files in order and stops at a DOCX that
    holds b"crash" (as LibreOffice does when a document makes it crash); records each run."""
    settings.NASTAVNIK_SOFFICE = sys.executable  # any existing file: «LibreOffice is installed»
    runs: list[int] = []

    def run(soffice, sources, out: Path, slot, timeout):
        runs.append(len(sources))
        out.mkdir(parents=True, exist_ok=True)
        for source in sources:
            if source.read_bytes() == b"crash":
                return
            (out / f"{source.stem}.pdf").write_bytes(b"%PDF " + source.read_bytes())

    monkeypatch.setattr(render, "_run_soffice", run)
    return runs


def test_a_document_that_stops_libreoffice_loses_no_other_pdf(crashing_soffice):
    files = {"a.docx": b"a", "b.docx": b"crash", "c.docx": b"c", "d.docx": b"d"}

    with pytest.raises(PdfError) as caught:
        convert_to_pdf(files, workers=1)

    assert caught.value.failed == ["b.docx"]
    assert caught.value.converted == {"a.docx": b"%PDF a", "c.docx": b"%PDF c", "d.docx": b"%PDF d"}
    # the batch, the suspect alone, the rest again
    assert crashing_soffice == [4, 1, 2]


def test_batches_share_the_work_between_the_processes(crashing_soffice):
    files = {f"{index}.docx": bytes([65 + index]) * (index + 1) for index in range(6)}

    pdfs = convert_to_pdf(files, workers=2)

    assert list(pdfs) == list(files)  # in the order given
    assert sorted(crashing_soffice) == [3, 3]


def test_a_broken_docx_in_a_package_batch_is_named_and_the_others_are_made(stand_in, doc_world, libreoffice):
    good = services.document_render(kind="order_implementation", organization=doc_world.school, number="3")
    other = services.document_render(kind="order_implementation", organization=doc_world.school, number="4")
    names = ["01 Приказ о внедрении.docx", "Согласия/02 Согласие — Иванова М. П.docx", "03 Отчёт.docx"]

    with PackagePdfs(organization=doc_world.school, expected=3) as copier:
        copier.add(names[0], good)
        copier.add(names[1], good[:3000])  # a truncated archive LibreOffice cannot read
        copier.add(names[2], other)
        copies = copier.finish()

    assert copies.failed == [names[1]]
    assert set(copies.pdfs) == {names[0], names[2]}
    assert all(pdf.startswith(b"%PDF") for pdf in copies.pdfs.values())
    assert "«02 Согласие — Иванова М. П»" in copies.message and "DOCX" in copies.message


def test_a_package_reads_the_last_parameters_once_per_kind(stand_in, doc_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _consenting_mentor(doc_world)
    issue_order(doc_world)  # a registered document whose parameters the package starts from

    with CaptureQueriesContext(connection) as package:
        result = package_build(organization=doc_world.school)

    reads = [q["sql"] for q in package.captured_queries if 'SELECT "documents_document"."params"' in q["sql"]]
    assert result.documents == 2 and len(reads) == len(stand_in)  # one per kind, not one per document


def test_depersonalization_deletes_the_pdf_copies_naming_the_person(stand_in, doc_world, converter):
    from nastavnik.documents.personal_data import documents_wipe
    from nastavnik.documents.services import document_issue

    mentor = _consenting_mentor(doc_world)
    consent = document_issue(
        kind="personal_data_consent",
        organization=doc_world.school,
        subject=mentor,
        author=doc_world.world.users["curator_a"],
    )
    document_pdf_keep(document_id=consent.pk)
    copy = Document.objects.get(pk=consent.pk).pdf.name
    package_build(organization=doc_world.school, include_pdf=True)
    folder = f"{PACKAGE_PDF_DIR}/{doc_world.school.pk}"
    assert default_storage.exists(copy) and default_storage.listdir(folder)[1]

    documents_wipe(mentor, label="Работник", names={mentor.last_name})

    consent.refresh_from_db()
    assert not consent.pdf and not consent.pdf_digest and not default_storage.exists(copy)
    assert default_storage.listdir(folder)[1] == []
