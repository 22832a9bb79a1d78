"""Writes of the document registry: issue a document from the system's data, regenerate a
draft, record the signature with the scan, delete a draft (seed 002 §10, 004 §1.6)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.core.uploads import SCAN_CHECK, check_field_upload
from nastavnik.documents.choices import DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.documents.render import convert_to_pdf, render_docx
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.common import document_context, remembered_role_holders

SCAN_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")
SCAN_MAX_BYTES = 20 * 1024 * 1024


def safe_filename(text: str, *, limit: int = 120) -> str:
    """``text`` as a file name readable in Russian: no path separators or characters Windows
    refuses, spaces collapsed, at most ``limit`` characters."""
    cleaned = re.sub(r'[\\/:*?"<>|\r\n\t]+', " ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")
    return cleaned[:limit].rstrip(" .") or "документ"


def document_render(
    *,
    kind: str,
    organization,
    subject=None,
    params: dict | None = None,
    number: str = "",
    date: dt.date | None = None,
) -> bytes:
    """The DOCX bytes of a document of ``kind`` about ``subject`` (the organization itself for
    organization-level kinds), filled from the current data; nothing is stored.

    Raises:
        MissingData: the list of data to fill in first (no half-empty document is produced).
        LookupError: ``kind`` is unknown.
    """
    spec = get_spec(kind)
    subject = organization if subject is None else subject
    params = spec.default_params(organization, subject) if params is None else params
    date = date or timezone.localdate()
    with remembered_role_holders():
        missing = spec.missing(organization=organization, subject=subject, params=params, on=date)
        if missing:
            raise MissingData(missing)
        document = {"number": number, "date": date}
        context = spec.context(organization=organization, subject=subject, params=params, document=document)
    context.update(document_context(document))
    return render_docx(spec.template_name, context)


def _file_name(document: Document) -> str:
    """The storage name: the kind and the date (the download gets the readable
    ``download_name``; dots in a stored name would confuse the storage's renaming)."""
    return f"{document.kind}-{document.date:%Y%m%d}.docx"


def download_name(document: Document, extension: str) -> str:
    """«Приказ о закреплении наставнических пар (групп) № 45-о от 21.11.2026.docx»."""
    return f"{safe_filename(str(document))}.{extension}"


@transaction.atomic
def document_issue(
    *,
    kind: str,
    organization,
    author,
    subject=None,
    params: dict | None = None,
    number: str = "",
    date: dt.date | None = None,
) -> Document:
    """Register a draft document of ``kind`` and store its DOCX, generated from the current data.

    ``params``: the kind's choices (``None``: its defaults); ``number``: required for orders,
    unique among the organization's numbered documents of the same year; ``date``: today when
    not given.

    Raises:
        PermissionDenied: ``author`` may not draw documents up in ``organization`` (the
            ``document`` ``add`` right, ``access.rules``; ``author=None`` is the system).
        MissingData: the data to fill in first; nothing is registered.
        ValidationError: a missing or repeated number, a date in the future by more than a year.
    """
    require_perm(
        author,
        "document",
        Action.ADD,
        organization,
        message="Документы составляют куратор и руководитель организации.",
    )
    spec = get_spec(kind)
    subject = organization if subject is None else subject
    date = date or timezone.localdate()
    params = spec.default_params(organization, subject) if params is None else params
    number = (number or "").strip()
    _check_number(spec, organization=organization, number=number, date=date)
    content = document_render(
        kind=kind, organization=organization, subject=subject, params=params, number=number, date=date
    )
    document = Document(
        organization=organization,
        kind=kind,
        title=spec.document_title(subject, params=params, date=date)[:500],
        number=number,
        date=date,
        params=params,
        author=author,
        **spec.subject_fields(subject),
    )
    document.full_clean(exclude=["file"])
    document.file.save(_file_name(document), ContentFile(content), save=False)
    document.save()
    pairs = spec.fixed_pairs(params)
    if pairs:
        document.pairs.set(pairs)
    return document


def _check_number(spec, *, organization, number: str, date: dt.date, exclude_pk: int | None = None) -> None:
    if not spec.numbered:
        return
    if not number:
        raise ValidationError({"number": "Укажите номер приказа."})
    taken = Document.objects.filter(organization=organization, number=number, date__year=date.year)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"number": f"Номер {number} в {date.year} году уже присвоен другому документу."}
        )


@transaction.atomic
def document_regenerate(*, document: Document, by=None) -> Document:
    """Generate the draft's DOCX again from the current data and its own parameters (after the
    missing data were filled in, a pair added…).

    Raises:
        PermissionDenied: ``by`` lacks the ``document`` ``change`` right over it (``by=None`` is
            the system, as when :func:`document_sign` prints the registered number).
        ValidationError: the document is signed (it is frozen).
        MissingData: the data no longer suffice; the stored file is kept.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    require_perm(by, "document", Action.CHANGE, document)
    if document.is_signed:
        raise ValidationError("Подписанный документ не формируется заново.")
    spec = get_spec(document.kind)
    subject = spec.subject_of(document)
    content = document_render(
        kind=document.kind,
        organization=document.organization,
        subject=subject,
        params=document.params,
        number=document.number,
        date=document.date,
    )
    old = document.file.name
    document.title = spec.document_title(subject, params=document.params, date=document.date)[:500]
    document.file.save(_file_name(document), ContentFile(content), save=False)
    document.save()
    pairs = spec.fixed_pairs(document.params)
    if pairs:
        document.pairs.set(pairs)
    if old and old != document.file.name:
        transaction.on_commit(lambda: document.file.storage.delete(old))
    return document


def _check_scan(scan) -> None:
    name = (getattr(scan, "name", "") or "").lower()
    if not name.endswith(SCAN_EXTENSIONS):
        raise ValidationError({"scan": "Загрузите скан в формате PDF, JPG, PNG или TIFF."})
    if getattr(scan, "size", 0) > SCAN_MAX_BYTES:
        raise ValidationError({"scan": "Скан больше 20 МБ: уменьшите разрешение или сожмите файл."})
    if getattr(scan, "size", 1) == 0:
        raise ValidationError({"scan": "Файл скана пуст."})
    check_field_upload(SCAN_CHECK, scan, "scan")


@transaction.atomic
def document_sign(
    *, document: Document, scan, signed_on: dt.date, user, number: str | None = None
) -> Document:
    """Mark ``document`` signed: the scan of the signed paper is uploaded back, with the date of
    signing and, for an order, its number if it changed at registration.

    Raises:
        PermissionDenied: ``user`` lacks the ``document`` ``sign`` right over it (``access.rules``;
            ``user=None`` is the system).
        ValidationError: already signed; no scan or a scan of another format; a date before the
            document's or in the future; a missing or repeated order number.
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    require_perm(user, "document", Action.SIGN, document)
    if document.is_signed:
        raise ValidationError("Документ уже подписан.")
    if not scan:
        raise ValidationError({"scan": "Загрузите скан подписанного документа."})
    _check_scan(scan)
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "Дата подписания не может быть в будущем."})
    if signed_on < document.date:
        raise ValidationError({"signed_on": "Документ не может быть подписан раньше своей даты."})
    spec = get_spec(document.kind)
    if number is not None and number.strip() != document.number:
        number = number.strip()
        _check_number(
            spec,
            organization=document.organization,
            number=number,
            date=document.date,
            exclude_pk=document.pk,
        )
        document.number = number
        document.save(update_fields=["number", "updated_at"])
        # The number is printed in the document: print the registered one.
        return _sign(
            document_regenerate(document=document), scan=scan, signed_on=signed_on, user=user, number=number
        )
    return _sign(document, scan=scan, signed_on=signed_on, user=user, number=document.number)


def _sign(document: Document, *, scan, signed_on, user, number: str) -> Document:
    document.number = number
    document.status = DocumentStatus.SIGNED
    document.signed_on = signed_on
    document.signed_by = user
    document.scan = scan
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_delete(*, document: Document, by=None) -> None:
    """Delete a draft and its file.

    Raises:
        PermissionDenied: ``by`` lacks the ``document`` ``change`` right over it (``by=None`` is
            the system).
        ValidationError: the document is signed (kept for the record).
    """
    document = Document.objects.select_for_update().get(pk=document.pk)
    require_perm(by, "document", Action.CHANGE, document)
    if document.is_signed:
        raise ValidationError("Подписанный документ удалить нельзя: он хранится в реестре.")
    name = document.file.name
    storage = document.file.storage
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def document_pdf(document: Document) -> bytes:
    """The PDF of the stored DOCX of ``document`` (converted on request).

    Raises:
        render.PdfError: LibreOffice is missing or failed (Russian message).
        FileNotFoundError: the stored file is gone.
    """
    with document.file.open("rb") as handle:
        content = handle.read()
    return convert_to_pdf({"document.docx": content})["document.docx"]
