"""Statuses of the regional contest of municipal models of mentoring and of its applications
(issue 19, item 5; seed 000 §4.3.1, App. 2 §2.5)."""

from __future__ import annotations

from django.db import models


class ContestStatus(models.TextChoices):
    """The steps of a contest: drawn up by the region, announced (applications accepted between
    the dates of the call), scored by the expert panel, results published."""

    DRAFT = "draft", "Черновик"
    ANNOUNCED = "announced", "Приём заявок"
    SCORING = "scoring", "Экспертиза заявок"
    PUBLISHED = "published", "Итоги опубликованы"


#: The order of the steps, as the detail page shows them.
CONTEST_STEPS = (ContestStatus.DRAFT, ContestStatus.ANNOUNCED, ContestStatus.SCORING, ContestStatus.PUBLISHED)


class ApplicationStatus(models.TextChoices):
    """A municipality's application: drawn up, submitted to the contest, or withdrawn by the
    municipality before the scoring."""

    DRAFT = "draft", "Черновик"
    SUBMITTED = "submitted", "Подана"
    WITHDRAWN = "withdrawn", "Отозвана"


class ContestEventKind(models.TextChoices):
    CREATED = "created", "Создание"
    CHANGED = "changed", "Изменение"
    PANEL = "panel", "Экспертная комиссия"
    ANNOUNCED = "announced", "Объявление конкурса"
    APPLICATION = "application", "Заявка"
    SUBMITTED = "submitted", "Подача заявки"
    WITHDRAWN = "withdrawn", "Отзыв заявки"
    CLOSED = "closed", "Окончание приёма заявок"
    SCORED = "scored", "Оценка заявки"
    PUBLISHED = "published", "Публикация итогов"
