"""Choices of roadmaps: status, the kinds of an activity's period, item statuses and the history
(seed 000 App. 2, 003, 002 §6 and §10, 001 §4.4.3–4.4.4)."""

from django.db import models


class RoadmapStatus(models.TextChoices):
    """The life of a roadmap (seed 000 §4.2, 002 §6: the municipality approves the roadmaps of
    its organizations; 001 §4.4.3: the organization's curator drafts it)."""

    DRAFT = "draft", "Проект"
    SUBMITTED = "submitted", "На согласовании"
    RETURNED = "returned", "Возвращена на доработку"
    APPROVED = "approved", "Утверждена"


#: The Bootstrap colour of each status, wherever a status is shown as a badge.
STATUS_COLOURS: dict[str, str] = {
    RoadmapStatus.DRAFT: "secondary",
    RoadmapStatus.SUBMITTED: "primary",
    RoadmapStatus.RETURNED: "warning",
    RoadmapStatus.APPROVED: "success",
}

#: Statuses in which the owner may change the plan (sections and items).
EDITABLE_STATUSES = (RoadmapStatus.DRAFT, RoadmapStatus.RETURNED)


class PeriodKind(models.TextChoices):
    """How the period of an activity is given: exact dates, a range of months, or a recurring
    period in words (seed 000 App. 2: «Постоянно», «Ежегодно»; 003: «Ежемесячно», «По запросу»)."""

    DATES = "dates", "Даты"
    MONTHS = "months", "Месяцы"
    RECURRING = "recurring", "Периодически / постоянно"


class Recurrence(models.TextChoices):
    """The recurring periods used by the regulations' roadmaps (seed 000 App. 2, 003)."""

    PERMANENT = "permanent", "Постоянно"
    YEARLY = "yearly", "Ежегодно"
    MONTHLY = "monthly", "Ежемесячно"
    ON_REQUEST = "on_request", "По запросу"
    DURING_YEAR = "during_year", "В течение года"
    WHOLE_PERIOD = "whole_period", "В течение всего периода"
    REGULAR = "regular", "На регулярной основе"
    REPORTING_PERIOD = "reporting_period", "В отчётный период"


class ItemStatus(models.TextChoices):
    """Execution of one activity, reported by the owner (seed 000 App. 2 п. 1.7: control)."""

    PLANNED = "planned", "Запланировано"
    IN_PROGRESS = "in_progress", "Выполняется"
    DONE = "done", "Выполнено"
    CANCELLED = "cancelled", "Отменено"


#: Item statuses that close an activity: it is no longer overdue.
CLOSED_ITEM_STATUSES = (ItemStatus.DONE, ItemStatus.CANCELLED)


class RoadmapEventKind(models.TextChoices):
    """What happened to a roadmap (its history)."""

    CREATED = "created", "Дорожная карта создана"
    IMPORTED = "imported", "Загружена из файла"
    UPDATED = "updated", "Изменена"
    STATUS = "status", "Изменён статус"
    ITEM = "item", "Исполнение мероприятия"
    COMMENT = "comment", "Комментарий"
    EVIDENCE = "evidence", "Подтверждающий документ"
