"""Writes of the document registry: issue a document from the system's data, regenerate a
draft, record the signature with the scan, delete a draft (seed 002 §10, 004 §1.6)."""

from __future__ import annotations

import datetime as dt
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.core.uploads import SCAN_CHECK, check_field_upload
from nastavnik.documents.choices import DocumentStatus
from nastavnik.documents.models import Document
from nastavnik.documents.render import (
    PDF_UNAVAILABLE,
    PdfError,
    convert_to_pdf,
    docx_digest,
    pdf_workers,
    render_docx,
    soffice_path,
)
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.common import document_context, remembered_role_holders
from nastavnik.jobs.services import job_create

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
    not given. Its PDF copy is made by a job once the registration commits (``document_pdf_queue``).

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
    document_pdf_queue(document)
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
    missing data were filled in, a pair added…). The former PDF copy is deleted and a job makes
    the new one once the change commits (``document_pdf_queue``).

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
    # The kept PDF copy was made from the former DOCX (a job makes the new one, ``document_pdf_queue``).
    _forget_pdf(document)
    document.file.save(_file_name(document), ContentFile(content), save=False)
    document.save()
    pairs = spec.fixed_pairs(document.params)
    if pairs:
        document.pairs.set(pairs)
    if old and old != document.file.name:
        transaction.on_commit(lambda: document.file.storage.delete(old))
    document_pdf_queue(document)
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
    names = [f.name for f in (document.file, document.pdf) if f]
    storage = document.file.storage
    document.delete()
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))


#: The job kind that makes and keeps the PDF copy of a registered document (``tasks``).
PDF_COPY_JOB = "documents_pdf_copy"


def _read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def _kept_pdf(document: Document, digest: str) -> bytes | None:
    """The PDF copy kept with ``document`` if it was made from the DOCX of ``digest``."""
    if not document.pdf or document.pdf_digest != digest:
        return None
    try:
        return _read(document.pdf)
    except FileNotFoundError:
        return None


def document_pdf(document: Document) -> bytes:
    """The PDF of the stored DOCX of ``document``, for a download: the copy kept with the
    document while its DOCX is the one the copy was made from (``Document.pdf_digest``), else
    converted now and not stored — a download writes nothing. The copy is made by the job
    queued when the document is registered or its DOCX changes (:func:`document_pdf_keep`;
    issue 16: a PDF is converted once per DOCX, not at every download).

    Raises:
        render.PdfError: LibreOffice is missing or failed (Russian message).
        FileNotFoundError: the stored file is gone.
    """
    content = _read(document.file)
    kept = _kept_pdf(document, docx_digest(content))
    if kept is not None:
        return kept
    return convert_to_pdf({"document.docx": content})["document.docx"]


def document_pdf_keep(*, document_id: int) -> bool:
    """Make the PDF copy of the stored DOCX of the document ``document_id`` and keep it with
    the document (``Document.pdf``, ``pdf_digest``), the former copy deleted. LibreOffice runs
    outside any transaction; the copy is recorded only if the DOCX is still the one converted
    (a document regenerated meanwhile gets its own copy from its own job).

    Returns:
        ``True`` when a copy was made and kept; ``False`` when the kept copy is current, the
        document or its file is gone, or its DOCX changed during the conversion.

    Raises:
        render.PdfError: LibreOffice is missing or failed (Russian message).
    """
    document = Document.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return False
    try:
        content = _read(document.file)
    except FileNotFoundError:
        return False
    digest = docx_digest(content)
    if _kept_pdf(document, digest) is not None:
        return False
    pdf = convert_to_pdf({"document.docx": content})["document.docx"]
    storage = document.pdf.storage
    name = storage.save(
        document.pdf.field.generate_filename(document, f"{document.kind}-{document.date:%Y%m%d}.pdf"),
        ContentFile(pdf),
    )
    with transaction.atomic():
        current = Document.objects.select_for_update().filter(pk=document_id).first()
        try:
            same = current is not None and docx_digest(_read(current.file)) == digest
        except FileNotFoundError:
            same = False
        if not same:
            transaction.on_commit(lambda: storage.delete(name))
            return False
        old = current.pdf.name if current.pdf else ""
        # Not ``save()``: a copy changes nothing the registry shows (``updated_at`` stays).
        Document.objects.filter(pk=document_id).update(pdf=name, pdf_digest=digest)
        if old and old != name:
            transaction.on_commit(lambda: storage.delete(old))
    return True


def document_pdf_queue(document: Document) -> None:
    """Queue the job making the PDF copy of ``document`` (:func:`document_pdf_keep`), run once
    the current transaction commits, when ``NASTAVNIK_PDF_EAGER`` is on and LibreOffice is
    installed. The job is the system's (no author): nobody waits for it."""
    if not settings.NASTAVNIK_PDF_EAGER or soffice_path() is None:
        return
    job_create(
        kind=PDF_COPY_JOB,
        title=f"Копия в PDF: {document}",
        created_by=None,
        organization=document.organization,
        params={"document": document.pk},
    )


def _forget_pdf(document: Document) -> None:
    """Clear the kept PDF copy of ``document`` (its DOCX changed or is gone) and delete its
    file once the transaction commits."""
    if not document.pdf:
        return
    old, storage = document.pdf.name, document.pdf.storage
    document.pdf = ""
    document.pdf_digest = ""
    transaction.on_commit(lambda: storage.delete(old))


#: Where the PDF copies of a package's documents are kept: one folder per organization, a file
#: per DOCX digest (``render.docx_digest``).
PACKAGE_PDF_DIR = "documents/package-pdf"


@dataclass
class PdfCopies:
    """The PDF copies of a set of DOCX: ``pdfs`` (``{name: pdf}``), ``failed`` (names that got
    none, in the given order), ``kept`` and ``converted`` (how many came from the kept copies
    and how many LibreOffice made now), ``message`` (the Russian reason when some failed)."""

    pdfs: dict[str, bytes] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    kept: int = 0
    converted: int = 0
    message: str = ""


class PackagePdfs:
    """The PDF copies of a package's documents, made while the package is still being
    rendered (issue 16): :meth:`add` each DOCX as it is rendered, :meth:`finish` for the
    copies.

    A copy kept from an earlier package for a DOCX of the same content (``render.docx_digest``)
    is used as it is. The others are gathered in batches of about a quarter of the package
    (``expected``: how many documents may come) per LibreOffice process
    (``render.pdf_workers``), each batch converted in the background as soon as it is full, so
    LibreOffice works while the next documents are rendered; new copies are kept under
    ``PACKAGE_PDF_DIR``. ``available`` is ``False`` when LibreOffice is not installed (nothing
    is converted then). Use as a context manager: leaving it stops the conversions not started.
    """

    #: The smallest batch: a LibreOffice start costs as much as converting a few documents.
    MIN_BATCH = 10

    def __init__(self, *, organization, expected: int):
        self.folder = f"{PACKAGE_PDF_DIR}/{organization.pk}"
        self.available = soffice_path() is not None
        self.workers = pdf_workers()
        self.batch = max(self.MIN_BATCH, -(-expected // (2 * self.workers)))
        self._digests: dict[str, str] = {}
        self._kept: dict[str, bytes] = {}
        self._pending: dict[str, bytes] = {}
        self._futures: list[Future] = []
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="package-pdf")

    def __enter__(self) -> PackagePdfs:
        return self

    def __exit__(self, *exc_info) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def add(self, name: str, content: bytes) -> None:
        """Take the DOCX ``content`` of the package entry ``name``."""
        if not self.available:
            return
        digest = self._digests[name] = docx_digest(content)
        try:
            with default_storage.open(f"{self.folder}/{digest}.pdf", "rb") as handle:
                self._kept[name] = handle.read()
            return
        except OSError:
            pass
        self._pending[name] = content
        if len(self._pending) >= self.batch:
            self._submit(self._pending)
            self._pending = {}

    def _submit(self, files: dict[str, bytes]) -> None:
        self._futures.append(self._pool.submit(self._convert, files))

    @staticmethod
    def _convert(files: dict[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
        try:
            return convert_to_pdf(files, workers=1), []
        except PdfError as exc:
            if not exc.failed:
                raise
            return exc.converted, exc.failed

    def finish(self) -> PdfCopies:
        """Convert what is left (split among the LibreOffice processes), wait for every batch,
        keep the new copies and delete the organization's copies of DOCX no longer in the
        package (a copy lives until its DOCX changes).

        Returns:
            ``PdfCopies`` in the order the documents were added; a document LibreOffice could
            not convert is in ``failed`` and named in ``message``.

        Raises:
            render.PdfError: LibreOffice is not installed, or failed as a whole.
        """
        if not self.available:
            raise PdfError(PDF_UNAVAILABLE)
        pending = list(self._pending.items())
        self._pending = {}
        parts = min(self.workers, len(pending))
        for index in range(parts):
            self._submit(dict(pending[index::parts]))
        converted: dict[str, bytes] = {}
        failed: set[str] = set()
        for future in self._futures:
            done, missed = future.result()
            converted.update(done)
            failed.update(missed)
        for name, pdf in converted.items():
            stored = f"{self.folder}/{self._digests[name]}.pdf"
            if not default_storage.exists(stored):
                default_storage.save(stored, ContentFile(pdf))
        _prune_package_pdfs(self.folder, keep={f"{digest}.pdf" for digest in self._digests.values()})
        result = PdfCopies(kept=len(self._kept), converted=len(converted))
        for name in self._digests:
            if name in self._kept or name in converted:
                result.pdfs[name] = self._kept.get(name) or converted[name]
            elif name in failed:
                result.failed.append(name)
        if result.failed:
            result.message = pdf_failed_message(result.failed)
        return result


def _prune_package_pdfs(folder: str, *, keep: set[str]) -> None:
    """Delete the files of ``folder`` not named in ``keep`` (copies of DOCX that changed)."""
    try:
        _, names = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in names:
        if name not in keep:
            default_storage.delete(f"{folder}/{name}")


def package_pdfs_forget(organization_ids) -> None:
    """Delete the kept PDF copies of the packages of the organizations ``organization_ids`` (a
    person named in them was depersonalized, 152-ФЗ art. 21)."""
    for pk in organization_ids:
        _prune_package_pdfs(f"{PACKAGE_PDF_DIR}/{pk}", keep=set())


def pdf_failed_message(names: list[str]) -> str:
    """«PDF не сформирован для документов: «…», «…». Они есть в архиве в формате DOCX.»: the
    Russian message naming the documents (by their file names without the folder and the
    extension) LibreOffice could not convert."""
    titles = ", ".join(f"«{name.rsplit('/', 1)[-1].removesuffix('.docx')}»" for name in names)
    if len(names) == 1:
        return f"PDF не сформирован для документа {titles}: LibreOffice не смог его преобразовать. Документ есть в архиве в формате DOCX."
    return f"PDF не сформирован для документов {titles}: LibreOffice не смог их преобразовать. Документы есть в архиве в формате DOCX."
