"""Protected files: uploads that may hold personal data are never served from a public media URL
(152-ФЗ art. 9), only by a view that has already checked the user's scope."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.utils.text import capfirst


@dataclass(frozen=True)
class AttachmentMark:
    """What a file response is about, for the audit trail: ``subject`` (a model instance, or a
    model class for an export of a list), ``kind`` (``"download"`` or ``"export"``) and
    ``label`` (Russian, «Скан согласия»)."""

    subject: object = None
    kind: str = "download"
    label: str = ""
    details: dict | None = None


def mark_attachment(response, *, subject=None, kind: str = "download", label: str = "", details=None):
    """Say what the file ``response`` is about; returns ``response``.

    Every attachment response is recorded in the audit trail by
    ``nastavnik.audit.middleware.AuditMiddleware`` (who, when, from which address); the mark
    names the object so that the entry is filed under its organization. An unmarked attachment
    is still recorded, under the user's own unit. ``details``: Russian label → value (the
    filters of an exported list), kept with the entry."""
    response.audit_mark = AttachmentMark(subject=subject, kind=kind, label=label, details=details)
    return response


def private_file_response(stored, filename: str = "") -> FileResponse:
    """The download of ``stored`` (a ``FieldFile``) as an attachment, under ``filename`` when
    given, else under its own name.

    The caller checks the scope first. Raises ``Http404`` with a Russian message when no file
    is attached or the storage no longer has it (a restored database, a lost disk).
    """
    if not stored:
        raise Http404("Файл не загружен.")
    name = filename or stored.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404("Файл не найден в хранилище: загрузите его заново.") from None
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    label = capfirst(str(getattr(getattr(stored, "field", None), "verbose_name", "") or "файл"))
    return mark_attachment(response, subject=getattr(stored, "instance", None), label=label)
