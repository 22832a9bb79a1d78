"""The whole package of an organization's documents as a background job (``nastavnik.jobs``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from nastavnik.access.rules import DEFAULT_REFUSAL
from nastavnik.documents.package import package_build
from nastavnik.documents.render import PdfError
from nastavnik.documents.services import PDF_COPY_JOB, document_pdf_keep
from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.services import JobError, job_progress

KIND = "documents_package"


@job_kind(
    KIND,
    label="Пакет документов организации",
    result_template="documents/package_result.html",
    result_url_name="documents:package_download",
)
def documents_package_job(job) -> dict:
    """Build the ZIP of ``job.organization``'s documents (``params["pdf"]``: add PDF copies,
    converted in batches and kept until their DOCX changes; without LibreOffice the ZIP holds
    the DOCX and the result page says why). Returns ``PackageResult.as_dict()`` plus the
    organization's name.

    The package is built for the job's author, who must still hold the right to draw documents
    up in the organization (``package_build(by=...)``).

    Raises:
        JobError: the organization is gone, the author no longer holds the right, or
            LibreOffice failed as a whole (a document it fails on is only named in the result).
    """
    if job.organization is None:
        raise JobError("Организация больше не существует.")

    def progress(done: int, total: int, message: str) -> None:
        job_progress(job, done, total, message=message)

    try:
        result = package_build(
            organization=job.organization,
            include_pdf=bool(job.params.get("pdf")),
            progress=progress,
            by=job.created_by,
        )
    except PermissionDenied as exc:
        raise JobError(str(exc) or DEFAULT_REFUSAL) from exc
    except PdfError as exc:
        raise JobError(str(exc)) from exc
    return {**result.as_dict(), "organization": str(job.organization)}


@job_kind(PDF_COPY_JOB, label="Копия документа в PDF")
def document_pdf_copy_job(job) -> dict:
    """Make and keep the PDF copy of the registered document ``job.params["document"]``
    (``services.document_pdf_keep``), queued when the document is registered or its DOCX
    changes, so that a download finds the copy made. Returns ``{"document": pk, "made": bool}``
    (``made`` is ``False`` when the copy was current or the document is gone).

    Raises:
        JobError: LibreOffice is missing or failed (the download converts it then).
    """
    pk = job.params.get("document")
    try:
        made = document_pdf_keep(document_id=pk)
    except PdfError as exc:
        raise JobError(str(exc)) from exc
    return {"document": pk, "made": made}
