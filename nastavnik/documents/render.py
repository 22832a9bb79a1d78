"""Fills a kind's DOCX template (docxtpl) and converts documents to PDF (LibreOffice headless)."""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from django.conf import settings

from nastavnik.core.typography import typeset_docx

logger = logging.getLogger("nastavnik.documents")

TEMPLATES_DIR = Path(__file__).resolve().parent / "docx"
PDF_UNAVAILABLE = (
    "PDF не сформирован: на сервере не установлен LibreOffice. Скачайте документ в формате DOCX "
    "или попросите администратора установить LibreOffice."
)
PDF_FAILED = "PDF не сформирован: LibreOffice не смог преобразовать документ. Скачайте его в формате DOCX."


class PdfError(Exception):
    """The conversion to PDF failed; ``str(exc)`` is the Russian message for the user."""


def template_path(name: str) -> Path:
    """The template file ``name``: from ``NASTAVNIK_DOCUMENT_TEMPLATES_DIR`` when the region
    keeps its own version of it there, else the one shipped with the system."""
    custom = getattr(settings, "NASTAVNIK_DOCUMENT_TEMPLATES_DIR", "")
    if custom and (Path(custom) / name).is_file():
        return Path(custom) / name
    return TEMPLATES_DIR / name


def render_docx(template_name: str, context: dict) -> bytes:
    """The DOCX bytes of ``template_name`` filled with ``context``. Values are XML-escaped
    (``autoescape``), so a «<» or «&» in a name or a goal is printed as typed."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(template_path(template_name))
    # A value that needs the template itself (docxtpl ``InlineImage``: the report's charts)
    # offers ``bind_template(template)`` and is replaced by what it returns.
    context = {
        key: value.bind_template(template) if callable(getattr(value, "bind_template", None)) else value
        for key, value in context.items()
    }
    template.render(context, autoescape=True)
    typeset_docx(template.docx)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def soffice_path() -> str | None:
    """The LibreOffice executable: ``NASTAVNIK_SOFFICE`` or ``soffice``/``libreoffice`` on PATH."""
    configured = getattr(settings, "NASTAVNIK_SOFFICE", "")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


_lock = threading.Lock()


def convert_to_pdf(files: dict[str, bytes], *, timeout: int = 300) -> dict[str, bytes]:
    """PDF bytes for each DOCX of ``files`` (``{"name.docx": bytes}`` → ``{"name.docx": pdf}``),
    converted by one run of LibreOffice headless.

    A process-wide lock serializes runs: LibreOffice keeps one user profile per process (kept in
    the temporary directory, so that later runs start faster).

    Raises:
        PdfError: LibreOffice is not installed, failed, timed out or produced no PDF.
    """
    if not files:
        return {}
    soffice = soffice_path()
    if soffice is None:
        raise PdfError(PDF_UNAVAILABLE)
    profile = Path(tempfile.gettempdir()) / f"nastavnik-lo-{os.getuid()}-{os.getpid()}"
    with _lock, tempfile.TemporaryDirectory(prefix="nastavnik-pdf-") as work:
        work_dir = Path(work)
        sources = []
        for index, content in enumerate(files.values()):
            source = work_dir / f"{index:05d}.docx"
            source.write_bytes(content)
            sources.append(source)
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work_dir / "out"),
            *map(str, sources),
        ]
        try:
            completed = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            logger.warning("LibreOffice failed: %s", exc)
            raise PdfError(PDF_FAILED) from exc
        result: dict[str, bytes] = {}
        for name, source in zip(files, sources, strict=True):
            pdf = work_dir / "out" / f"{source.stem}.pdf"
            if not pdf.is_file():
                logger.warning(
                    "LibreOffice gave no PDF for %s (exit %s): %s",
                    name,
                    completed.returncode,
                    completed.stderr.decode(errors="replace")[-500:],
                )
                raise PdfError(PDF_FAILED)
            result[name] = pdf.read_bytes()
        return result
