"""Protected files: uploads that may hold personal data are never served from a public media URL
(152-ФЗ art. 9), only by a view that has already checked the user's scope."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404


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
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
