"""Fills a kind's DOCX template (docxtpl) and converts documents to PDF (LibreOffice headless)."""

from __future__ import annotations

import atexit
import hashlib
import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from docxtpl import DocxTemplate
from jinja2 import Environment, Template

from nastavnik.core.typography import typeset_docx
from nastavnik.documents.lean import lean_template

logger = logging.getLogger("nastavnik.documents")

TEMPLATES_DIR = Path(__file__).resolve().parent / "docx"
PDF_UNAVAILABLE = (
    "PDF не сформирован: на сервере не установлен LibreOffice. Скачайте документ в формате DOCX "
    "или попросите администратора установить LibreOffice."
)
PDF_FAILED = "PDF не сформирован: LibreOffice не смог преобразовать документ. Скачайте его в формате DOCX."


class PdfError(Exception):
    """The conversion to PDF failed; ``str(exc)`` is the Russian message for the user.

    ``failed``: the names (keys of ``convert_to_pdf``'s ``files``) of the documents that got
    no PDF, empty when LibreOffice is missing; ``converted``: ``{name: pdf}`` of those that
    did (a batch loses no document for another's fault)."""

    def __init__(self, message: str, *, converted: dict[str, bytes] | None = None, failed=()):
        super().__init__(message)
        self.converted = converted or {}
        self.failed = list(failed)


def template_path(name: str) -> Path:
    """The template file ``name``: from ``NASTAVNIK_DOCUMENT_TEMPLATES_DIR`` when the region
    keeps its own version of it there, else the one shipped with the system."""
    custom = getattr(settings, "NASTAVNIK_DOCUMENT_TEMPLATES_DIR", "")
    if custom and (Path(custom) / name).is_file():
        return Path(custom) / name
    return TEMPLATES_DIR / name


class _CompilingOnce(Environment):
    """A Jinja environment that compiles each template source once (the most recent
    ``COMPILED_KEPT``): docxtpl hands it the XML of a template's body and of each header and
    footer for every document, and compiling it took as long as the rest of the rendering
    (issue 16: a package renders the same twenty templates some 240 times). Compiled templates
    are safe to render from several threads."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._compiled_lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._compiled_lock:
            template = self._compiled.get(source)
            if template is not None:
                self._compiled.move_to_end(source)
                return template
        template = super().from_string(source)
        with self._compiled_lock:
            self._compiled[source] = template
            while len(self._compiled) > COMPILED_KEPT:
                self._compiled.popitem(last=False)
        return template


#: How many compiled template parts (bodies, headers, footers, properties) are kept.
COMPILED_KEPT = 256
_environment = _CompilingOnce(autoescape=True)


@lru_cache(maxsize=COMPILED_KEPT)
def _patched_xml(source: str) -> str:
    """docxtpl's clean-up of a template part's XML for Jinja (``DocxTemplate.patch_xml``, a
    function of the text alone), done once per part."""
    return DocxTemplate.patch_xml(_PATCHER, source)


class _Template(DocxTemplate):
    """docxtpl's template with the clean-up of each part's XML done once (``_patched_xml``)."""

    def patch_xml(self, src_xml):
        return _patched_xml(src_xml)


_PATCHER = DocxTemplate(io.BytesIO())
_file_cache: dict[Path, tuple[float, int, bytes]] = {}


def _template_bytes(path: Path) -> bytes:
    """The bytes of the template file ``path`` without its unused styles and parts
    (``lean.lean_template``: LibreOffice converts such a document in half the time), read
    again only when the file changed (its modification time or size), so a region's new
    version of a template is used at once."""
    stat = path.stat()
    cached = _file_cache.get(path)
    if cached is None or cached[:2] != (stat.st_mtime, stat.st_size):
        cached = (stat.st_mtime, stat.st_size, lean_template(path.read_bytes()))
        _file_cache[path] = cached
    return cached[2]


def render_docx(template_name: str, context: dict) -> bytes:
    """The DOCX bytes of ``template_name`` filled with ``context``. Values are XML-escaped
    (``autoescape``), so a «<» or «&» in a name or a goal is printed as typed.

    Each part of a template is compiled once per process (``_CompilingOnce``), not once per
    document."""
    template = _Template(io.BytesIO(_template_bytes(template_path(template_name))))
    # A value that needs the template itself (docxtpl ``InlineImage``: the report's charts)
    # offers ``bind_template(template)`` and is replaced by what it returns.
    context = {
        key: value.bind_template(template) if callable(getattr(value, "bind_template", None)) else value
        for key, value in context.items()
    }
    template.render(context, jinja_env=_environment, autoescape=True)
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


def docx_digest(content: bytes) -> str:
    """The SHA-256 (64 hex digits) of what a DOCX says: the name and the bytes of every part
    of the archive, in order. The archive's own dates are left out, so the same document
    rendered twice has the same digest though its bytes differ; bytes that are not a ZIP are
    hashed as they are. The key of a kept PDF copy (``services.pdf_copies``)."""
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for info in archive.infolist():
                digest.update(info.filename.encode() + b"\0")
                digest.update(archive.read(info))
                digest.update(b"\0")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        digest = hashlib.sha256(b"raw\0" + content)
    return digest.hexdigest()


def pdf_workers() -> int:
    """How many LibreOffice processes convert at once: ``NASTAVNIK_PDF_WORKERS``, else the
    machine's cores, at most two (each process takes a core and some 200 MB)."""
    configured = getattr(settings, "NASTAVNIK_PDF_WORKERS", 0)
    if configured:
        return max(1, int(configured))
    return max(1, min(2, os.cpu_count() or 1))


_slots_lock = threading.Lock()
_free_slots: list[int] = []
_slots_made = 0
_slot_released = threading.Condition(_slots_lock)


@contextmanager
def _profile_slot(limit: int) -> Iterator[int]:
    """A LibreOffice user profile of this process that no other thread uses meanwhile: one
    profile runs one LibreOffice at a time (a second run on it would hand its files to the
    first and exit). Profiles are kept in the temporary directory, so later runs start
    faster, and deleted when the process exits (:func:`profiles_clean`). At most ``limit``
    (:func:`pdf_workers`) are made per process, so that all its
    conversions together run no more LibreOffice processes than that; more callers wait."""
    global _slots_made
    with _slot_released:
        while not _free_slots and _slots_made >= limit:
            _slot_released.wait()
        if _free_slots:
            slot = _free_slots.pop()
        else:
            if not _slots_made:
                _first_profile()
            slot = _slots_made
            _slots_made += 1
    try:
        yield slot
    finally:
        with _slot_released:
            _free_slots.append(slot)
            _slot_released.notify()


PROFILE_PREFIX = "nastavnik-lo-"


def _profile_dir(slot: int) -> Path:
    return Path(tempfile.gettempdir()) / f"{PROFILE_PREFIX}{os.getuid()}-{os.getpid()}-{slot}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user holds the number
        return True
    return True


def profiles_clean(*, own: bool = False) -> int:
    """Delete the LibreOffice profiles (``nastavnik-lo-<uid>-<pid>-<slot>`` in the temporary
    directory) of this user's processes that are gone, and with ``own`` this process's too
    (run at its exit). Returns how many folders were deleted; a folder that cannot be deleted
    is left."""
    removed = 0
    for path in Path(tempfile.gettempdir()).glob(f"{PROFILE_PREFIX}{os.getuid()}-*-*"):
        try:
            pid = int(path.name.removeprefix(f"{PROFILE_PREFIX}{os.getuid()}-").split("-")[0])
        except ValueError:
            continue
        if (pid == os.getpid() and own) or (pid != os.getpid() and not _pid_alive(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed += not path.exists()
    return removed


def _first_profile() -> None:
    """At this process's first LibreOffice profile: the profiles of dead processes are
    deleted, and this process's are deleted when it exits."""
    profiles_clean()
    atexit.register(profiles_clean, own=True)


def _run_soffice(soffice: str, sources: list[Path], out: Path, slot: int, timeout: int) -> None:
    """One LibreOffice run converting ``sources`` into ``out``; a run past ``timeout`` seconds
    is killed with the processes it started. Whatever it converted stays in ``out``."""
    command = [
        soffice,
        f"-env:UserInstallation={_profile_dir(slot).as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
    except OSError as exc:
        logger.warning("LibreOffice did not start: %s", exc)
        return
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        logger.warning("LibreOffice timed out after %s s on %s files", timeout, len(sources))
        with suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return
    if process.returncode:
        logger.warning(
            "LibreOffice exited with %s: %s",
            process.returncode,
            stderr.decode(errors="replace")[-500:],
        )


#: At most this many extra runs of one batch when LibreOffice left documents unconverted.
RETRIES = 6


def _convert_batch(soffice: str, work: Path, batch: list[tuple[str, Path]], *, timeout: int):
    """``{name: pdf}`` of the documents of ``batch`` (``[(name, source)]``) LibreOffice could
    convert, in one run when all goes well.

    A document LibreOffice cannot read is skipped by it, but one that makes it crash or hang
    stops the run: the documents after it are left unconverted. So the first unconverted one
    (the suspect) is converted alone, and the rest again in one run, at most ``RETRIES`` times;
    what is still unconverted then is not in the result."""
    result: dict[str, bytes] = {}
    pending = batch
    runs = 0
    with _profile_slot(pdf_workers()) as slot:
        while pending and runs <= RETRIES:
            out = work / f"out-{slot}-{runs}"
            _run_soffice(soffice, [source for _, source in pending], out, slot, timeout)
            runs += 1
            missing = []
            for name, source in pending:
                pdf = out / f"{source.stem}.pdf"
                if pdf.is_file() and pdf.stat().st_size:
                    result[name] = pdf.read_bytes()
                else:
                    missing.append((name, source))
            if not missing or len(pending) == 1:
                break
            suspect, pending = missing[0], missing[1:]
            out = work / f"out-{slot}-{runs}"
            _run_soffice(soffice, [suspect[1]], out, slot, timeout)
            runs += 1
            pdf = out / f"{suspect[1].stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size:
                result[suspect[0]] = pdf.read_bytes()
    return result


def _batches(files: dict[str, bytes], count: int) -> list[list[str]]:
    """The names of ``files`` in ``count`` batches of about the same total size (the largest
    first, each to the lightest batch), each batch in the order of ``files``."""
    order = {name: index for index, name in enumerate(files)}
    batches: list[list[str]] = [[] for _ in range(count)]
    weights = [0] * count
    for name in sorted(files, key=lambda n: len(files[n]), reverse=True):
        lightest = weights.index(min(weights))
        batches[lightest].append(name)
        weights[lightest] += len(files[name])
    return [sorted(batch, key=order.__getitem__) for batch in batches if batch]


def convert_to_pdf(
    files: dict[str, bytes], *, timeout: int = 300, workers: int | None = None
) -> dict[str, bytes]:
    """PDF bytes for each DOCX of ``files`` (``{"name.docx": bytes}`` → ``{"name.docx": pdf}``).

    The documents are split in ``workers`` batches (:func:`pdf_workers` by default) of about
    the same size, each converted by one LibreOffice headless run with its own user profile,
    the batches in parallel. ``timeout``: seconds one run may take.

    Raises:
        PdfError: LibreOffice is not installed (``converted`` empty), or some documents were
            not converted: ``failed`` names them (in the order of ``files``), ``converted``
            holds the PDFs of the others.
    """
    if not files:
        return {}
    soffice = soffice_path()
    if soffice is None:
        raise PdfError(PDF_UNAVAILABLE)
    count = min(workers or pdf_workers(), len(files))
    with tempfile.TemporaryDirectory(prefix="nastavnik-pdf-") as work:
        work_dir = Path(work)
        sources: dict[str, Path] = {}
        for index, (name, content) in enumerate(files.items()):
            sources[name] = work_dir / f"{index:05d}.docx"
            sources[name].write_bytes(content)
        batches = [[(name, sources[name]) for name in batch] for batch in _batches(files, count)]
        result: dict[str, bytes] = {}
        if len(batches) == 1:
            result.update(_convert_batch(soffice, work_dir, batches[0], timeout=timeout))
        else:
            with ThreadPoolExecutor(max_workers=len(batches), thread_name_prefix="soffice") as pool:
                for converted in pool.map(
                    lambda batch: _convert_batch(soffice, work_dir, batch, timeout=timeout),
                    batches,
                ):
                    result.update(converted)
    failed = [name for name in files if name not in result]
    if failed:
        logger.warning("LibreOffice gave no PDF for %s of %s documents: %s", len(failed), len(files), failed)
        raise PdfError(
            PDF_FAILED, converted={name: result[name] for name in files if name in result}, failed=failed
        )
    return {name: result[name] for name in files}
