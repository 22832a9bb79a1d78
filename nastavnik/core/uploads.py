"""Uploaded files are checked by their content, never by their name, in one place.

Every upload form of the system (roadmap import and evidence, bank import, consent scans,
training certificates, signed documents, program evidence and report attachments) passes its
file through :class:`UploadCheck` before anything parses or stores it:

* the kind is told by the first bytes (``%PDF``, the PNG/JPEG/TIFF signatures, a ZIP archive
  whose members make an XLSX, DOCX, PPTX or OpenDocument file, plain text for CSV) and must be one
  the form accepts; a name whose extension claims another kind is refused too (a PNG renamed
  ``.xlsx``);
* a ZIP-based file has its central directory read — only the directory, nothing is unpacked —
  and is refused when its members declare more than ``NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES``
  (200 МБ by default) in all, more than :data:`MAX_RATIO` times the file itself (beyond
  :data:`RATIO_FLOOR_BYTES`), or more than :data:`MAX_MEMBERS` members: a «ZIP bomb» of 800 KB
  that unpacks to hundreds of megabytes is refused in milliseconds instead of holding a request
  for a quarter of a minute while a parser inflates it. Python's ``zipfile`` (used by openpyxl
  and python-docx) stops at the declared size, so the declared size bounds what a parser reads.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible

PDF = "pdf"
PNG = "png"
JPEG = "jpeg"
TIFF = "tiff"
GIF = "gif"
WEBP = "webp"
HEIC = "heic"
XLSX = "xlsx"
DOCX = "docx"
PPTX = "pptx"
ODT = "odt"
ODS = "ods"
ODP = "odp"
ZIP = "zip"
OLE = "ole"
RTF = "rtf"
TEXT = "text"

#: How each kind is named to the user.
KIND_NAMES = {
    PDF: "PDF",
    PNG: "PNG",
    JPEG: "JPEG",
    TIFF: "TIFF",
    GIF: "GIF",
    WEBP: "WEBP",
    HEIC: "фотография HEIC",
    XLSX: "книга Excel (XLSX)",
    DOCX: "документ Word (DOCX)",
    PPTX: "презентация (PPTX)",
    ODT: "документ OpenDocument (ODT)",
    ODS: "таблица OpenDocument (ODS)",
    ODP: "презентация OpenDocument (ODP)",
    ZIP: "архив ZIP",
    OLE: "файл Office 97–2003 (DOC, XLS, PPT)",
    RTF: "RTF",
    TEXT: "текст",
}
#: The extensions each kind is saved under; a name with a known extension of another kind is refused.
EXTENSIONS = {
    PDF: {"pdf"},
    PNG: {"png"},
    JPEG: {"jpg", "jpeg", "jpe", "jfif"},
    TIFF: {"tif", "tiff"},
    GIF: {"gif"},
    WEBP: {"webp"},
    HEIC: {"heic", "heif"},
    XLSX: {"xlsx", "xlsm"},
    DOCX: {"docx", "docm"},
    PPTX: {"pptx"},
    ODT: {"odt"},
    ODS: {"ods"},
    ODP: {"odp"},
    ZIP: {"zip"},
    OLE: {"doc", "xls", "ppt"},
    RTF: {"rtf"},
    TEXT: {"csv", "txt"},
}
_KNOWN_EXTENSIONS = {ext: kind for kind, exts in EXTENSIONS.items() for ext in exts}

#: Pictures: their extensions are interchangeable for the check (phones and scanners mislabel them).
IMAGE_KINDS = frozenset({PNG, JPEG, TIFF, GIF, WEBP, HEIC})
#: Scans of signed papers and consents.
SCAN_KINDS = frozenset({PDF, PNG, JPEG, TIFF})
#: A roadmap file: what the system exports.
PLAN_KINDS = frozenset({XLSX, DOCX})
#: The bank import: a workbook or a CSV text.
TABLE_KINDS = frozenset({XLSX, TEXT})
#: Evidence of an activity, a report's attachment, a training certificate: papers, photos, office files.
DOCUMENT_KINDS = frozenset(set(KIND_NAMES) - {ZIP})

#: A ZIP-based file may declare at most this many members.
MAX_MEMBERS = 10_000
#: … and unpack to at most this many times its own size, once it unpacks beyond ``RATIO_FLOOR_BYTES``
#: (an XLSX or DOCX is compressed 5–20 times; a bomb, hundreds or thousands of times).
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"{\\rtf", RTF),
)
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": ODP,
}
_HEAD_BYTES = 64 * 1024


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def max_unpacked_bytes() -> int:
    """``NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES``: the most bytes a ZIP-based upload may declare unpacked."""
    return int(getattr(settings, "NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES", 200 * 1024 * 1024))


def archive_problem(archive: zipfile.ZipFile, packed_size: int) -> str | None:
    """Why the opened ``archive`` (``packed_size`` bytes on disk) must not be unpacked, or ``None``.

    Reads only the central directory: the members' count and declared ``file_size``. The answer is
    a Russian sentence: too many members, more than ``NASTAVNIK_UPLOAD_MAX_UNPACKED_BYTES`` in
    all, or more than :data:`MAX_RATIO` times ``packed_size`` beyond :data:`RATIO_FLOOR_BYTES`.
    """
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return f"Файл не принят: в нём больше {MAX_MEMBERS} частей — так устроенных документов не бывает."
    unpacked = sum(info.file_size for info in members)
    limit = max_unpacked_bytes()
    if unpacked > limit:
        return (
            f"Файл не принят: в распакованном виде он занял бы {_megabytes(unpacked)} МБ — "
            f"больше допустимых {_megabytes(limit)} МБ."
        )
    if unpacked > RATIO_FLOOR_BYTES and unpacked > MAX_RATIO * max(packed_size, 1):
        return (
            f"Файл не принят: в распакованном виде он занял бы {_megabytes(unpacked)} МБ — "
            f"в {unpacked // max(packed_size, 1)} раз больше самого файла; так сжатых документов не бывает."
        )
    return None


def _zip_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "[Content_Types].xml" in names:
        if "xl/workbook.xml" in names or any(n.startswith("xl/workbook") for n in names):
            return XLSX
        if "word/document.xml" in names or any(n.startswith("word/document") for n in names):
            return DOCX
        if "ppt/presentation.xml" in names:
            return PPTX
    if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
        return _ODF_MIMETYPES.get(archive.read("mimetype").strip(), ZIP)
    return ZIP


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100


class _Refused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def detect_kind(upload) -> str | None:
    """The kind of ``upload`` (a file object: Django's ``UploadedFile``, ``BytesIO``) by its content.

    Returns one of the kind constants of this module or ``None`` when unknown. The position of
    ``upload`` is put back to the start.

    Raises:
        ValidationError: a ZIP-based file that is damaged or that :func:`archive_problem` refuses
            (checked here, before anything parses it).
    """
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        size = getattr(upload, "size", None) or len(head)
        try:
            with zipfile.ZipFile(upload) as archive:
                problem = archive_problem(archive, size)
                if problem:
                    raise _Refused(problem)
                kind = _zip_kind(archive)
        except _Refused as refused:
            raise ValidationError(refused.message, code="unpacked_too_large") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, KeyError, EOFError):
            raise ValidationError("Файл повреждён: его содержимое не читается.", code="damaged") from None
        finally:
            upload.seek(0)
        return kind
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1"):
        return HEIC
    if head and _looks_like_text(head):
        return TEXT
    return None


def _extension(name: str) -> str:
    base = (name or "").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def check_upload(upload, *, kinds: Iterable[str], refusal: str, max_bytes: int | None = None) -> str:
    """Check ``upload`` (Django's ``UploadedFile``) before it is parsed or stored; return its kind.

    ``kinds`` are the kinds the form accepts (``SCAN_KINDS``, ``PLAN_KINDS``…); ``refusal`` is the
    form's own sentence said when the content is of another kind («Загрузите скан в формате PDF,
    JPG, PNG или TIFF.»); ``max_bytes`` bounds the file itself («Файл больше 20 МБ.»).

    Raises:
        ValidationError: in Russian — too large; a ZIP-based file too large unpacked, with too many
            members or damaged; content of a kind not in ``kinds``; a name whose extension names
            another kind than the content (a PNG called «.xlsx»).
    """
    kinds = frozenset(kinds)
    size = getattr(upload, "size", None)
    if max_bytes is not None and size is not None and size > max_bytes:
        raise ValidationError(f"Файл больше {_megabytes(max_bytes)} МБ.", code="too_large")
    kind = detect_kind(upload)
    claimed = _KNOWN_EXTENSIONS.get(_extension(getattr(upload, "name", "")))
    if kind not in kinds:
        if kind == OLE:
            raise ValidationError(
                f"Файлы Office 97–2003 (DOC, XLS, PPT) не принимаются: сохраните файл в современном формате. "
                f"{refusal}",
                code="old_office",
            )
        if claimed in kinds and claimed != kind:
            shown = KIND_NAMES.get(kind, "файл неизвестного формата")
            raise ValidationError(
                f"Файл назван как {KIND_NAMES[claimed]}, но по содержимому это {shown}. {refusal}",
                code="wrong_kind",
            )
        raise ValidationError(refusal, code="wrong_kind")
    # a photo saved as «.jpg» while it is a PNG is common and harmless: images pass among themselves
    if claimed is not None and claimed != kind and not {claimed, kind} <= IMAGE_KINDS:
        raise ValidationError(
            f"Расширение «.{_extension(upload.name)}» не соответствует содержимому файла "
            f"({KIND_NAMES[kind]}): переименуйте файл или загрузите другой.",
            code="wrong_extension",
        )
    return kind


@deconstructible
class UploadCheck:
    """A form-field validator that runs :func:`check_upload` on a new upload.

    ``forms.FileField(validators=[UploadCheck(SCAN_KINDS, refusal="…", max_bytes=…)])``; the
    field calls it only for a newly chosen file, not for the one already stored.
    """

    def __init__(self, kinds: Iterable[str], *, refusal: str, max_bytes: int | None = None):
        self.kinds = frozenset(kinds)
        self.refusal = refusal
        self.max_bytes = max_bytes

    def __call__(self, upload) -> None:
        check_upload(upload, kinds=self.kinds, refusal=self.refusal, max_bytes=self.max_bytes)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadCheck) and (self.kinds, self.refusal, self.max_bytes) == (
            other.kinds,
            other.refusal,
            other.max_bytes,
        )

    def __hash__(self) -> int:
        return hash((self.kinds, self.refusal, self.max_bytes))


#: The sentence each kind of upload form says when the content is of a kind it does not take.
SCAN_REFUSAL = "Загрузите скан в формате PDF, JPG, PNG или TIFF."
DOCUMENT_REFUSAL = (
    "Загрузите документ или фотографию: PDF, DOCX, XLSX, ODT, RTF, JPG, PNG, TIFF или другой офисный формат."
)
#: The largest scan, evidence file or attachment, in bytes.
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

#: Scans of consents, certificates and signed documents.
SCAN_CHECK = UploadCheck(SCAN_KINDS, refusal=SCAN_REFUSAL, max_bytes=DOCUMENT_MAX_BYTES)
#: Evidence of activities, attachments of reports, training certificates.
DOCUMENT_CHECK = UploadCheck(DOCUMENT_KINDS, refusal=DOCUMENT_REFUSAL, max_bytes=DOCUMENT_MAX_BYTES)


def check_field_upload(check: UploadCheck, upload, field: str) -> None:
    """Run ``check`` on ``upload`` inside a service, so that every caller (a page, the admin, the
    API, a command) is held to it; a refusal is raised for the model field ``field``.

    A file already stored (a ``FieldFile`` kept unchanged by a form) and ``None``/``False`` (no
    file, a cleared one) are not checked.

    Raises:
        ValidationError: ``{field: [message]}`` in Russian, as :func:`check_upload` says.
    """
    if not upload or isinstance(upload, FieldFile) or not hasattr(upload, "read"):
        return
    try:
        check(upload)
    except ValidationError as refused:
        raise ValidationError({field: refused.messages}) from None
