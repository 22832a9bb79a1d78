"""The whole model package of one organization as a ZIP (issue 5 item 4): every document of every
kind the data allow, generated now, plus the signed scans of the registry, and a list of what
was refused and why."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import require_perm
from nastavnik.documents.models import Document
from nastavnik.documents.services import PackagePdfs, document_render, safe_filename
from nastavnik.documents.specs import SPECS, MissingData
from nastavnik.documents.specs.common import remembered_role_holders

Progress = Callable[[int, int, str], None]
REFUSED_NAME = "Не сформированы — чего не хватает.txt"
PDF_FAILED_NAME = "Копии в PDF — что не сделано.txt"
PDF_NOT_INSTALLED = (
    "Копии в PDF не сделаны: на сервере не установлен LibreOffice. Документы пакета — в формате "
    "DOCX; чтобы получить PDF, попросите администратора установить LibreOffice."
)


@dataclass
class PackageResult:
    """What went into the ZIP: ``file`` (its storage name), ``documents`` (generated DOCX),
    ``pdf`` (whether PDF copies are inside), ``scans`` (signed scans added), ``refused``
    (``[{"title", "items": [texts]}]``); with PDF: ``pdf_kept`` (copies kept from an earlier
    package), ``pdf_converted`` (made now), ``pdf_failed`` (ZIP names of the DOCX LibreOffice
    could not convert) and ``pdf_message`` (the Russian message naming them)."""

    file: str = ""
    documents: int = 0
    pdf: bool = False
    scans: int = 0
    refused: list[dict] = field(default_factory=list)
    pdf_kept: int = 0
    pdf_converted: int = 0
    pdf_failed: list[str] = field(default_factory=list)
    pdf_message: str = ""

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "documents": self.documents,
            "pdf": self.pdf,
            "scans": self.scans,
            "refused": self.refused,
            "pdf_kept": self.pdf_kept,
            "pdf_converted": self.pdf_converted,
            "pdf_failed": self.pdf_failed,
            "pdf_message": self.pdf_message,
        }


def package_plan(organization) -> list[tuple]:
    """``[(index, spec, subject)]``: every document of the package, in the order of the model
    package (its index numbers the files)."""
    plan = []
    for index, spec in enumerate(SPECS.values(), start=1):
        for subject in spec.candidates(organization):
            plan.append((index, spec, subject))
    return plan


def _unique(name: str, taken: set[str]) -> str:
    """``name`` (a path in the ZIP), numbered «(2)», «(3)»… when it is taken already."""
    stem, dot, extension = name.rpartition(".")
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{stem} ({counter}){dot}{extension}"
        counter += 1
    taken.add(candidate)
    return candidate


def _entry_name(index: int, spec, subject, taken: set[str], *, params: dict, date: dt.date) -> str:
    """«11 Промежуточный аналитический отчёт куратора за период …»: the kind's label and the
    subject's, or the document's own title when its parameters make it (``document_title``)."""
    label = spec.subject_label(subject)
    title = spec.document_title(subject, params=params, date=date)
    if title != spec.title(subject):
        base = safe_filename(f"{index:02d} {title}")
    else:
        base = safe_filename(f"{index:02d} {spec.label}" + (f" — {label}" if label else ""))
    folder = f"{spec.package_folder}/" if spec.package_folder else ""
    return _unique(f"{folder}{base}.docx", taken)


def package_build(
    *,
    organization,
    include_pdf: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
    by=None,
) -> PackageResult:
    """Build the package of ``organization`` and store the ZIP under ``documents/packages/``.

    Documents are generated from the current data with each kind's current parameters (those of
    its latest registered document, else the defaults); orders get no number (it is given at
    registration). A document whose data are missing is left out and listed, with what to fill
    in, in «Не сформированы — чего не хватает.txt». ``progress(done, total, message)`` is called
    per document.

    ``by``: the user the package is built for (the job's author); ``None`` is the system.

    Raises:
        PermissionDenied: ``by`` may not draw documents up in ``organization`` (``document``
            ``add``, as the package page asks).
        render.PdfError: ``include_pdf`` and LibreOffice failed as a whole.

    With ``include_pdf`` the copies are made while the documents are rendered, a copy kept
    from the last package reused while its DOCX is the same (``services.PackagePdfs``). A
    document LibreOffice fails on is left out of «PDF/» and named in ``pdf_failed``,
    ``pdf_message`` and «Копии в PDF — что не сделано.txt»; the other copies are made. Without
    LibreOffice the package holds the DOCX only, ``pdf`` is ``False`` and ``pdf_message`` says
    why (issue 16).
    """
    require_perm(by, "document", Action.ADD, organization)
    today = today or timezone.localdate()
    plan = package_plan(organization)
    total = len(plan) + (1 if include_pdf else 0)
    result = PackageResult(pdf=include_pdf)
    generated: dict[str, bytes] = {}
    taken: set[str] = set()
    pdfs: dict[str, bytes] = {}
    with remembered_role_holders(), PackagePdfs(organization=organization, expected=len(plan)) as copier:
        if include_pdf and not copier.available:
            # LibreOffice is not installed: the package is made of DOCX, and says why.
            result.pdf = False
            result.pdf_message = PDF_NOT_INSTALLED
        for done, (index, spec, subject) in enumerate(plan, start=1):
            params = spec.default_params(organization, subject)
            try:
                content = document_render(
                    kind=spec.kind, organization=organization, subject=subject, params=params, date=today
                )
            except MissingData as exc:
                result.refused.append(
                    {
                        "title": spec.document_title(subject, params=params, date=today),
                        "items": [item.text for item in exc.items],
                    }
                )
            else:
                name = _entry_name(index, spec, subject, taken, params=params, date=today)
                generated[name] = content
                if result.pdf:
                    copier.add(name, content)
            if progress:
                progress(done, total, f"Формирование документов: {done} из {len(plan)}")
        if result.pdf and generated:
            if progress:
                progress(len(plan), total, "Преобразование в PDF (LibreOffice)…")
            copies = copier.finish()
            pdfs = copies.pdfs
            result.pdf_kept, result.pdf_converted = copies.kept, copies.converted
            result.pdf_failed = copies.failed
            result.pdf_message = copies.message
    result.documents = len(generated)
    with tempfile.TemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            # DOCX and PDF are compressed already: stored as they are (deflating them again
            # took seconds and saved nothing).
            for name, content in generated.items():
                archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
                if name in pdfs:
                    archive.writestr(f"PDF/{name[:-5]}.pdf", pdfs[name], compress_type=zipfile.ZIP_STORED)
            result.scans = _add_scans(archive, organization, taken)
            if result.refused:
                archive.writestr(REFUSED_NAME, _refused_text(result.refused))
            if result.pdf_message:
                archive.writestr(PDF_FAILED_NAME, result.pdf_message)
        buffer.seek(0)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        name = f"documents/packages/{organization.pk}/package-{stamp}.zip"
        result.file = default_storage.save(name, File(buffer))
    return result


def _add_scans(archive: zipfile.ZipFile, organization, taken: set[str]) -> int:
    """Put the signed scans of the organization's registry into «Подписанные/»."""
    count = 0
    for document in Document.objects.filter(organization=organization).exclude(scan=""):
        extension = document.scan.name.rsplit(".", 1)[-1].lower()
        try:
            with document.scan.open("rb") as handle:
                content = handle.read()
        except FileNotFoundError:
            continue
        archive.writestr(_unique(f"Подписанные/{safe_filename(str(document))}.{extension}", taken), content)
        count += 1
    return count


def _refused_text(refused: list[dict]) -> str:
    lines = ["Документы, которые не сформированы, и чего для них не хватает.", ""]
    for entry in refused:
        lines.append(entry["title"])
        lines.extend(f"  — {item}" for item in entry["items"])
        lines.append("")
    return "\r\n".join(lines)
