"""A background job the user can see: status, progress, result (style: Saleor ``ExportFile``,
Paperless-ngx ``PaperlessTask``). Long work — imports, exports, document packages — runs as a job
over the same services the pages call."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from nastavnik.jobs.choices import FINISHED_STATUSES, JobStatus


class Job(models.Model):
    """One run of a registered job kind (``nastavnik.jobs.registry``).

    ``params``: JSON the handler reads (e.g. the target organization); ``result``: JSON the
    handler returned, shown by the kind's result template; ``error``: the Russian message of a
    failure. ``progress_done``/``progress_total`` are units of the kind (rows for an import);
    ``total`` 0 means «not known yet». ``runner`` names the process that runs the job
    (``host:pid:boot``), so that a job left ``running`` by a dead process is shown as
    interrupted (``jobs.services.job_mark_if_interrupted``). ``heartbeat_interval``: seconds
    between the beats of a runner that touches ``heartbeat_at`` while the job runs (a Celery
    worker), ``None`` for one that does not; such a job silent for
    ``NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS`` is shown as interrupted even on another host.
    ``retry_of``: the failed job this one repeats (``jobs.services.job_retry``).
    """

    kind = models.CharField("вид задания", max_length=64)
    title = models.CharField("название", max_length=300)
    status = models.CharField("состояние", max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField("выполнено", default=0)
    progress_total = models.PositiveIntegerField("всего", default=0)
    message = models.CharField("текущий шаг", max_length=200, blank=True)
    params = models.JSONField("параметры", default=dict, blank=True)
    result = models.JSONField("результат", default=dict, blank=True)
    error = models.TextField("ошибка", blank=True)
    input_file = models.FileField("входной файл", upload_to="jobs/%Y/%m/%d/", blank=True)
    input_name = models.CharField("имя входного файла", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        on_delete=models.SET_NULL,
        related_name="jobs",
    )
    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    runner = models.CharField("процесс", max_length=200, blank=True)
    heartbeat_interval = models.PositiveIntegerField("период отклика, с", null=True, blank=True)
    retry_of = models.ForeignKey(
        "self",
        verbose_name="повтор задания",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retries",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    started_at = models.DateTimeField("начато", null=True, blank=True)
    heartbeat_at = models.DateTimeField("последний отклик", null=True, blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "фоновое задание"
        verbose_name_plural = "фоновые задания"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_by", "kind", "-created_at"], name="job_user_kind_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_total=0)
                | models.Q(progress_done__lte=models.F("progress_total")),
                name="job_progress_within_total",
                violation_error_message="Выполнено не может быть больше, чем всего.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def percent(self) -> int:
        """Progress in whole percent, 0–100 (100 once succeeded)."""
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)
