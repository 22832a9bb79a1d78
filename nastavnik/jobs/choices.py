"""Choices of background jobs."""

from django.db import models


class JobStatus(models.TextChoices):
    """Life of a job: queued → running → succeeded | failed."""

    QUEUED = "queued", "в очереди"
    RUNNING = "running", "выполняется"
    SUCCEEDED = "succeeded", "выполнено"
    FAILED = "failed", "завершено с ошибкой"


#: Statuses after which nothing happens to the job any more.
FINISHED_STATUSES = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED})
