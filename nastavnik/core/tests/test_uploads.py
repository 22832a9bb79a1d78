"""Uploads are told by their content and refused before parsing when they would unpack too large
(core.uploads), in every upload form of the system."""

import io
import time
import zipfile
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nastavnik.core import uploads
from nastavnik.core.uploads import (
    PLAN_KINDS,
    SCAN_CHECK,
    TABLE_KINDS,
    archive_problem,
    check_upload,
    detect_kind,
)

MB = 1024 * 1024
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lying_bomb(declared: int = 300 * MB) -> bytes:
    """A 1-KB «workbook» whose central directory declares a sheet of ``declared`` bytes.

    The sheet is written small, then its ``ZipInfo.file_size`` is raised before the archive is
    closed: the directory written at ``close()`` carries the declared size. Built in milliseconds.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        archive.writestr(sheet, b"\x00" * 1000, compress_type=zipfile.ZIP_DEFLATED)
        sheet.file_size = declared
    return buffer.getvalue()


def real_bomb(unpacked: int = 40 * MB) -> bytes:
    """A real «workbook» of ~40 KB whose sheet inflates to ``unpacked`` bytes of one repeated byte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b" " * MB
            for _ in range(unpacked // MB):
                sheet.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return real_bomb()


def real_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["Фамилия", "Имя"])
    workbook.active.append(["Иванова", "Мария"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def real_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Дорожная карта")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The check itself -------------------------------------------------------------------------------


def test_kinds_are_told_by_content_not_by_name():
    assert detect_kind(io.BytesIO(real_xlsx())) == uploads.XLSX
    assert detect_kind(io.BytesIO(real_docx())) == uploads.DOCX
    assert detect_kind(io.BytesIO(b"%PDF-1.7\n...")) == uploads.PDF
    assert detect_kind(io.BytesIO(PNG_BYTES)) == uploads.PNG
    assert detect_kind(io.BytesIO(b"\xff\xd8\xff\xe0\x00\x10JFIF")) == uploads.JPEG
    assert detect_kind(io.BytesIO(b"II*\x00\x08\x00")) == uploads.TIFF
    assert detect_kind(io.BytesIO("Фамилия;Имя\r\nИванова;Мария\r\n".encode("cp1251"))) == uploads.TEXT
    assert detect_kind(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50)) == uploads.OLE
    assert detect_kind(io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00")) is None


def test_a_real_xlsx_and_docx_pass():
    assert check_upload(SimpleUploadedFile("k.xlsx", real_xlsx()), kinds=PLAN_KINDS, refusal="-") == "xlsx"
    assert check_upload(SimpleUploadedFile("k.docx", real_docx()), kinds=PLAN_KINDS, refusal="-") == "docx"
    assert check_upload(SimpleUploadedFile("b.xlsx", real_xlsx()), kinds=TABLE_KINDS, refusal="-") == "xlsx"
    assert check_upload(SimpleUploadedFile("b.csv", b"a;b\n1;2\n"), kinds=TABLE_KINDS, refusal="-") == "text"


def test_a_png_renamed_xlsx_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("karta.xlsx", PNG_BYTES), kinds=PLAN_KINDS, refusal="Загрузите XLSX.")
    assert refused.value.messages == [
        "Файл назван как книга Excel (XLSX), но по содержимому это PNG. Загрузите XLSX."
    ]


def test_a_name_that_contradicts_an_accepted_content_is_refused():
    with pytest.raises(
        ValidationError, match=r"Расширение «\.jpg» не соответствует содержимому файла \(PDF\)"
    ):
        SCAN_CHECK(SimpleUploadedFile("scan.jpg", b"%PDF-1.4"))


def test_a_zip_without_the_parts_of_a_workbook_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    assert detect_kind(io.BytesIO(buffer.getvalue())) == uploads.ZIP
    with pytest.raises(ValidationError, match="Загрузите XLSX или DOCX"):
        check_upload(
            SimpleUploadedFile("k.docx", buffer.getvalue()),
            kinds=PLAN_KINDS,
            refusal="Загрузите XLSX или DOCX.",
        )


def test_a_declared_unpacked_size_over_the_limit_is_refused_before_parsing():
    data = lying_bomb(300 * MB)
    assert len(data) < 2000
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("k.xlsx", data), kinds=PLAN_KINDS, refusal="-")
    assert time.monotonic() - started < 0.5
    assert refused.value.messages == [
        "Файл не принят: в распакованном виде он занял бы 300 МБ — больше допустимых 200 МБ."
    ]


def test_the_limit_comes_from_the_settings(settings):
    settings.NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES = 5 * MB
    with zipfile.ZipFile(io.BytesIO(lying_bomb(6 * MB))) as archive:
        assert "больше допустимых 5 МБ" in archive_problem(archive, 6 * MB)
    settings.NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES = 500 * MB
    with zipfile.ZipFile(io.BytesIO(lying_bomb(300 * MB))) as archive:
        # allowed in all, but 300 МБ out of a kilobyte is a bomb all the same
        assert "раз больше самого файла" in archive_problem(archive, 1000)


def test_a_highly_compressed_file_is_refused_by_its_ratio(bomb):
    assert len(bomb) < 400 * 1024
    with pytest.raises(ValidationError, match="раз больше самого файла"):
        check_upload(SimpleUploadedFile("k.xlsx", bomb), kinds=PLAN_KINDS, refusal="-")


def test_too_many_members_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(uploads.MAX_MEMBERS + 1):
            archive.writestr(f"x/{number}", b"")
    with pytest.raises(ValidationError, match="больше 10000 частей"):
        check_upload(SimpleUploadedFile("a.xlsx", buffer.getvalue()), kinds=PLAN_KINDS, refusal="-")


# Every upload form --------------------------------------------------------------------------------


def _forms(world):
    from nastavnik.bank.forms import ConsentForm, MenteeProfileForm, MentorProfileForm, MentorTrainingForm
    from nastavnik.bank.importing.forms import ImportUploadForm
    from nastavnik.documents.choices import DocumentKind
    from nastavnik.documents.forms import SignForm
    from nastavnik.mentoring.forms.completion import MentorReportForm
    from nastavnik.mentoring.forms.programs import PlanItemReportForm
    from nastavnik.roadmaps.forms import ItemReportForm, PlanFileForm, RoadmapImportForm

    curator = world.users["curator_a"]
    item = SimpleNamespace(status="planned", completed_on=None, evidence_note="")
    return {
        "roadmap import": (RoadmapImportForm(user=curator), "file"),
        "roadmap plan file": (PlanFileForm(), "file"),
        "roadmap evidence": (ItemReportForm(item=item), "file"),
        "bank import": (ImportUploadForm(user=curator), "file"),
        "consent scan": (ConsentForm(), "scan"),
        "mentor consent scan": (MentorProfileForm(), "consent_scan"),
        "mentee consent scan": (MenteeProfileForm(), "consent_scan"),
        "training certificate": (MentorTrainingForm(), "certificate"),
        "signed document scan": (
            SignForm(document=SimpleNamespace(kind=DocumentKind.values[0], number="")),
            "scan",
        ),
        "program evidence": (PlanItemReportForm(item=item), "evidence"),
        "mentor report attachment": (MentorReportForm(), "attachment"),
    }


@pytest.mark.django_db
def test_every_upload_form_refuses_a_bomb_quickly_in_russian(world, bomb):
    for name, (form, field) in _forms(world).items():
        upload = SimpleUploadedFile("prilozhenie.xlsx", bomb, content_type=XLSX_TYPE)
        started = time.monotonic()
        with pytest.raises(ValidationError) as refused:
            form.fields[field].clean(upload)
        assert time.monotonic() - started < 0.5, name
        [message] = refused.value.messages
        # scan fields refuse it by kind already; the others by its size unpacked
        assert "раз больше самого файла" in message or message == uploads.SCAN_REFUSAL, name
        assert upload.tell() == 0


@pytest.mark.django_db
def test_every_upload_form_refuses_a_png_named_xlsx_and_a_program(world):
    for name, (form, field) in _forms(world).items():
        for upload in (
            SimpleUploadedFile("tablica.xlsx", PNG_BYTES),
            SimpleUploadedFile("a.exe", b"MZ\x90\x00"),
        ):
            with pytest.raises(ValidationError) as refused:
                form.fields[field].clean(upload)
            assert all(
                "агрузите" in message or "Расширение" in message for message in refused.value.messages
            ), (
                name,
                refused.value.messages,
            )


def test_the_roadmap_import_page_refuses_a_bomb_at_once(world, bomb, monkeypatch):
    from nastavnik.roadmaps import exchange
    from nastavnik.roadmaps.models import Roadmap

    def never(*args, **kwargs):
        raise AssertionError("the bomb reached the parser")

    monkeypatch.setattr(exchange, "plan_read", never)
    client = Client()
    client.force_login(world.users["curator_a"])
    started = time.monotonic()
    response = client.post(
        "/roadmaps/import/",
        {"owner": world.school_a.pk, "file": SimpleUploadedFile("karta.xlsx", bomb, content_type=XLSX_TYPE)},
    )
    # refused before any parsing: a page's time (15 s before), not an inflating parser's
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "раз больше самого файла" in " ".join(response.context["form"].errors["file"])
    assert not Roadmap.objects.exists()


def test_the_roadmap_import_page_takes_a_real_workbook_past_the_check(world):
    client = Client()
    client.force_login(world.users["curator_a"])
    response = client.post(
        "/roadmaps/import/",
        {
            "owner": world.school_a.pk,
            "file": SimpleUploadedFile("karta.xlsx", real_xlsx(), content_type=XLSX_TYPE),
        },
    )
    # the content check lets it through; the roadmap reader then says what the table lacks
    errors = " ".join(response.context["form"].errors.get("file", [])) if response.status_code == 200 else ""
    assert "по содержимому" not in errors and "распакованном" not in errors


def test_the_bank_import_page_refuses_a_bomb_and_a_png(world, bomb):
    client = Client()
    client.force_login(world.users["curator_a"])
    for data, expected in ((bomb, "раз больше самого файла"), (PNG_BYTES, "по содержимому это PNG")):
        response = client.post(
            "/bank/import/",
            {"organization": world.school_a.pk, "file": SimpleUploadedFile("bank.xlsx", data)},
        )
        assert response.status_code == 200
        assert expected in " ".join(response.context["form"].errors["file"])


@pytest.mark.parametrize(
    ("model_path", "field"),
    [
        ("nastavnik.bank.models.PersonalDataConsent", "scan"),
        ("nastavnik.bank.models.MentorProfile", "consent_scan"),
        ("nastavnik.bank.models.MenteeProfile", "consent_scan"),
    ],
)
def test_the_admin_checks_uploads_too(rf, model_path, field):
    from django.contrib import admin
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    form_field = admin.site._registry[model].formfield_for_dbfield(
        model._meta.get_field(field), request=rf.get("/")
    )
    with pytest.raises(ValidationError, match="Загрузите скан"):
        form_field.clean(SimpleUploadedFile("scan.pdf", b"MZ\x90\x00"))
    assert form_field.clean(SimpleUploadedFile("scan.pdf", b"%PDF-1.4")).name == "scan.pdf"


def test_services_hold_every_caller_to_the_check(world, bomb):
    # given an activity of a roadmap (a service called without a form: the API, a command)
    from nastavnik.roadmaps.services import evidence_add, roadmap_create_from_blueprint

    roadmap = roadmap_create_from_blueprint(owner=world.school_a, code="organization_002", year=2026, by=None)
    item = roadmap.items.order_by("pk").first()

    # when a bomb is attached directly through the service, it is refused for the field
    with pytest.raises(ValidationError) as refused:
        evidence_add(item=item, by=None, file=SimpleUploadedFile("prikaz.docx", bomb))
    assert "раз больше самого файла" in refused.value.message_dict["file"][0]
    assert not item.evidence.exists()


def test_a_picture_under_another_picture_extension_passes():
    assert SCAN_CHECK(SimpleUploadedFile("photo.jpg", PNG_BYTES)) is None
