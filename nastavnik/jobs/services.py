"""Writes of background jobs: create and queue, report progress, run, recognise interruptions.

Every long task (the bank import, and later exports and document packages) is a ``Job`` run
over the same services the pages call (style: Saleor ``ExportFile``, Paperless-ngx tasks).
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from nastavnik.jobs import live
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import get_kind

logger = logging.getLogger("nastavnik.jobs")

INTERRUPTED_MESSAGE = "Задание прервано перезапуском сервера. Запустите его ещё раз."
INTERNAL_ERROR_MESSAGE = (
    "Задание не выполнено из-за внутренней ошибки; подробности записаны в журнал сервера."
)


class JobError(Exception):
    """An expected failure of a job: ``message`` (Russian) is shown to the user, ``result`` (JSON)
    is kept on the job, e.g. the list of rows with errors."""

    def __init__(self, message: str, *, result: dict | None = None):
        super().__init__(message)
        self.message = message
        self.result = result or {}


def job_create(
    *,
    kind: str,
    title: str,
    created_by,
    organization=None,
    params: dict | None = None,
    input_file=None,
    input_name: str = "",
    enqueue: bool = True,
) -> Job:
    """Create a queued job of the registered ``kind`` and hand it to the backend chosen by
    ``NASTAVNIK_JOBS_BACKEND`` (``"thread"``: starts after the current transaction commits;
    ``"sync"``: runs before returning).

    ``created_by``: the user the job works for and who sees its page, or ``None`` for the
    system's own job (a nightly roll-up, the PDF copy of a registered document), which nobody
    waits for and only administrators see.

    ``input_file``: an uploaded file (stored under ``jobs/``) or the name of a file already in
    storage (another job's input). Returns the job (run already with the sync backend).

    Raises:
        LookupError: ``kind`` is not registered.
    """
    get_kind(kind)
    job = Job(
        kind=kind,
        title=title[:300],
        created_by=created_by,
        organization=organization,
        params=params or {},
        input_name=input_name[:255],
    )
    if isinstance(input_file, str):
        job.input_file.name = input_file
    elif input_file is not None:
        job.input_file = input_file
    job.full_clean(exclude=["input_file"] if created_by is not None else ["input_file", "created_by"])
    job.save()
    if enqueue:
        from nastavnik.jobs.backends import get_backend

        get_backend().enqueue(job)
        job.refresh_from_db()
    return job


def job_progress(job: Job, done: int, total: int | None = None, *, message: str | None = None) -> None:
    """Report that ``done`` of ``total`` units are done (``total`` None keeps the last one).

    Cheap enough to call per row: the in-memory state is always updated, the database row at
    most every ``NASTAVNIK_JOBS_PROGRESS_INTERVAL`` seconds and never inside a transaction
    (where others could not see it and a rollback would undo it).
    """
    state = live.get(job.pk) or live.register(job.pk)
    if total is not None:
        state.total = total
    if state.total and done > state.total:
        state.total = done
    state.done = done
    new_step = message is not None and message[:200] != state.message
    if new_step:
        state.message = message[:200]
    now = time.monotonic()
    interval = getattr(settings, "NASTAVNIK_JOBS_PROGRESS_INTERVAL", 0.5)
    if connection.in_atomic_block or (now - state.written_at < interval and not new_step):
        return
    state.written_at = now
    job.progress_done, job.progress_total, job.message = state.done, state.total, state.message
    Job.objects.filter(pk=job.pk).update(
        progress_done=state.done,
        progress_total=state.total,
        message=state.message,
        heartbeat_at=timezone.now(),
    )


def job_error_message(exc: BaseException) -> str:
    """The Russian text shown for a failure: the message of a ``JobError`` or a
    ``ValidationError``; a generic one for anything unexpected (the details go to the log)."""
    if isinstance(exc, JobError):
        return exc.message
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return INTERNAL_ERROR_MESSAGE


def job_run(job: Job | int) -> Job:
    """Run a queued job in the calling thread and record how it ended.

    Marks it running, calls the kind's handler, stores the returned JSON as ``result`` and marks
    it succeeded; any exception marks it failed with a Russian ``error`` (unexpected ones are
    logged with the traceback). A job that is not queued is left alone. Never raises for the
    handler's errors; returns the job as stored.
    """
    pk = job.pk if isinstance(job, Job) else job
    state = live.register(pk)
    try:
        now = timezone.now()
        started = Job.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, runner=live.RUNNER_ID
        )
        job = Job.objects.get(pk=pk)
        if not started:
            return job
        kind = get_kind(job.kind)
        error, result = "", {}
        try:
            result = kind.handler(job) or {}
            status = JobStatus.SUCCEEDED
        except Exception as exc:
            status = JobStatus.FAILED
            error = job_error_message(exc)
            result = getattr(exc, "result", None) or {}
            if error == INTERNAL_ERROR_MESSAGE:
                logger.exception("job %s (%s) failed", pk, job.kind)
            else:
                logger.info("job %s (%s) failed: %s", pk, job.kind, error)
        total = state.total or job.progress_total
        done = total if status == JobStatus.SUCCEEDED and total else state.done
        if total and done > total:
            done = total
        now = timezone.now()
        Job.objects.filter(pk=pk).update(
            status=status,
            result=result,
            error=error,
            progress_done=done,
            progress_total=total,
            message="",
            heartbeat_at=now,
            finished_at=now,
        )
        return Job.objects.get(pk=pk)
    finally:
        live.unregister(pk)


def job_mark_if_interrupted(job: Job, *, now: dt.datetime | None = None) -> bool:
    """Mark a queued or running ``job`` failed («прервано перезапуском сервера») when the process
    that ran it is gone: a process of this host that no longer exists (or this very process,
    when the job is not among its live ones), or — when that cannot be told — no sign of life
    for ``NASTAVNIK_JOBS_STALE_SECONDS``. Returns whether it was marked; updates ``job``."""
    if job.is_finished:
        return False
    if job.runner == live.RUNNER_ID:
        alive = live.get(job.pk) is not None
    else:
        alive = live.runner_alive(job.runner)
    if alive is None:
        now = now or timezone.now()
        last = job.heartbeat_at or job.started_at or job.created_at
        stale_after = dt.timedelta(seconds=getattr(settings, "NASTAVNIK_JOBS_STALE_SECONDS", 3600))
        alive = last is not None and now - last < stale_after
    if alive:
        return False
    finished = timezone.now()
    marked = Job.objects.filter(pk=job.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED, error=INTERRUPTED_MESSAGE, finished_at=finished
    )
    if marked:
        logger.warning("job %s (%s) of runner %r marked interrupted", job.pk, job.kind, job.runner)
        job.status, job.error, job.finished_at = JobStatus.FAILED, INTERRUPTED_MESSAGE, finished
    return bool(marked)
