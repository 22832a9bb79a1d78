"""Kinds of entries of the audit trail, in Russian."""

from auditlog.models import AbstractLogEntry
from django.db import models

LogAction = AbstractLogEntry.Action


class AccessKind(models.TextChoices):
    """What an access entry (``LogEntry.Action.ACCESS``) records."""

    DOWNLOAD = "download", "Скачивание файла"
    EXPORT = "export", "Выгрузка"


class EventKind(models.TextChoices):
    """The «вид действия» of the journal's filter: the three model changes of auditlog and the
    two kinds of access (:class:`AccessKind`)."""

    CREATE = "create", "Создание"
    UPDATE = "update", "Изменение"
    DELETE = "delete", "Удаление"
    DOWNLOAD = AccessKind.DOWNLOAD.value, AccessKind.DOWNLOAD.label
    EXPORT = AccessKind.EXPORT.value, AccessKind.EXPORT.label


#: auditlog's numeric action of a model change → its kind.
ACTION_KINDS = {
    LogAction.CREATE: EventKind.CREATE,
    LogAction.UPDATE: EventKind.UPDATE,
    LogAction.DELETE: EventKind.DELETE,
}
