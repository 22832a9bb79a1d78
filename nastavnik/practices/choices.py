"""Choices of best practices (seed 000 App. 2 §2.3, 003 §4.8)."""

from __future__ import annotations

from django.db import models


class PracticeStatus(models.TextChoices):
    """Where a case stands on its way to the regional base of effective programs: the author unit
    drafts it and submits it; the municipality or the region returns it with remarks or publishes
    it; a published case may be taken off the base."""

    DRAFT = "draft", "Черновик"
    SUBMITTED = "submitted", "На модерации"
    RETURNED = "returned", "Возвращена на доработку"
    PUBLISHED = "published", "Опубликована"
    UNPUBLISHED = "unpublished", "Снята с публикации"


class PracticeEventKind(models.TextChoices):
    CREATED = "created", "создание"
    CHANGED = "changed", "изменение"
    FILE = "file", "файл"
    STATUS = "status", "смена статуса"


#: The statuses in which the author unit may change the case and its files.
EDITABLE_STATUSES = frozenset({PracticeStatus.DRAFT, PracticeStatus.RETURNED, PracticeStatus.UNPUBLISHED})

#: The Bootstrap colour of each status's badge.
STATUS_COLOURS = {
    PracticeStatus.DRAFT: "secondary",
    PracticeStatus.SUBMITTED: "primary",
    PracticeStatus.RETURNED: "warning",
    PracticeStatus.PUBLISHED: "success",
    PracticeStatus.UNPUBLISHED: "dark",
}
