"""Writes of background jobs: create and queue, report progress, run, recognise interruptions.

Every long task (the bank import, and later exports and document packages) is a ``Job`` run
over the same services the pages call (style: Saleor ``ExportFile``, Paperless-ngx tasks).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from nastavnik.jobs import live
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import get_kind

logger = logging.getLogger("nastavnik.jobs")

INTERRUPTED_MESSAGE = (
    "Задание прервано: процесс, который его выполнял, остановился (перезапуск сервера или сбой "
    "обработчика заданий). Запустите его ещё раз кнопкой «Повторить»."
)
INTERNAL_ERROR_MESSAGE = (
    "Задание не выполнено из-за внутренней ошибки; подробности записаны в журнал сервера."
)
TIME_LIMIT_MESSAGE = (
    "Задание не уложилось в отведённое время и остановлено; ничего из незавершённого не записано."
)
QUEUE_DOWN_MESSAGE = (
    "Задание не поставлено в очередь: служба очереди заданий недоступна. Повторите попытку позже "
    "или сообщите администратору системы."
)
RETRY_REFUSED_MESSAGE = "Повторить можно только своё задание, завершённое с ошибкой."


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
    retry_of: Job | None = None,
) -> Job:
    """Create a queued job of the registered ``kind`` and hand it to the backend chosen by
    ``NASTAVNIK_JOBS_BACKEND`` (``"thread"``: starts after the current transaction commits;
    ``"sync"``: runs before returning).

    ``created_by``: the user the job works for and who sees its page, or ``None`` for the
    system's own job (a nightly roll-up, the PDF copy of a registered document), which nobody
    waits for and only administrators see.

    ``input_file``: an uploaded file (stored under ``jobs/``) or the name of a file already in
    storage (another job's input). ``retry_of``: the failed job this one repeats. Returns the
    job (run already with the sync backend).

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
        retry_of=retry_of,
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
    if _is_time_limit(exc):
        return TIME_LIMIT_MESSAGE
    return INTERNAL_ERROR_MESSAGE


def _is_time_limit(exc: BaseException) -> bool:
    """Whether ``exc`` is Celery's soft time limit (``CELERY_TASK_SOFT_TIME_LIMIT``)."""
    try:
        from billiard.exceptions import SoftTimeLimitExceeded
    except ImportError:  # pragma: no cover - billiard comes with celery
        return False
    return isinstance(exc, SoftTimeLimitExceeded)


class Heartbeat:
    """A daemon thread that touches ``heartbeat_at`` of the running job ``job_id`` every
    ``interval`` seconds, on its own database connection (so a job that writes in one long
    transaction still shows it is alive). A failed write is logged and tried again at the next
    beat. Use as a context manager; it stops (and closes its connection) on exit."""

    def __init__(self, job_id: int, interval: float):
        self.job_id = job_id
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"nastavnik-heartbeat-{job_id}", daemon=True)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    Job.objects.filter(pk=self.job_id, status=JobStatus.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError as exc:
                    logger.warning("heartbeat of job %s not written: %s", self.job_id, exc)
        finally:
            connections.close_all()  # this thread's connections only

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=max(self.interval, 5))


def job_run(job: Job | int, *, heartbeat: int | None = None) -> Job:
    """Run a queued job in the calling thread and record how it ended.

    Marks it running (one conditional UPDATE: of two processes handed the same job, one runs
    it), calls the kind's handler, stores the returned JSON as ``result`` and marks it
    succeeded; any exception marks it failed with a Russian ``error`` (unexpected ones are
    logged with the traceback). A job that is not queued (running elsewhere, finished, or marked
    interrupted) is left alone. ``heartbeat``: seconds between the beats of a :class:`Heartbeat`
    kept while the handler runs (a Celery worker), ``None`` for none. Never raises for the
    handler's errors; returns the job as stored.
    """
    pk = job.pk if isinstance(job, Job) else job
    state = live.register(pk)
    try:
        now = timezone.now()
        started = Job.objects.filter(pk=pk, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            runner=live.RUNNER_ID,
            heartbeat_interval=heartbeat,
        )
        job = Job.objects.get(pk=pk)
        if not started:
            return job
        kind = get_kind(job.kind)
        error, result = "", {}
        try:
            if heartbeat:
                with Heartbeat(pk, heartbeat):
                    result = kind.handler(job) or {}
            else:
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


def job_fail_queued(job_id: int, message: str) -> bool:
    """Mark the job ``job_id`` failed with the Russian ``message`` if it is still queued (it never
    reached a worker). Returns whether it was marked."""
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.FAILED, error=message, finished_at=now, heartbeat_at=now
        )
    )


def job_mark_if_interrupted(job: Job, *, now: dt.datetime | None = None) -> bool:
    """Mark a queued or running ``job`` failed («прервано») when the process that ran it is gone:

    - a process of this host that no longer exists (or this very process, when the job is not
      among its live ones);
    - a running job of a runner that beats (``heartbeat_interval``: a Celery worker, on this
      host or another) silent for ``NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS`` (at least three
      beats): its worker was killed, or hangs;
    - otherwise, when that cannot be told, no sign of life for ``NASTAVNIK_JOBS_STALE_SECONDS``
      (a queued job waits for a worker that long before it is given up).

    Reads the row only: no broker round-trip. Returns whether it was marked; updates ``job``."""
    if job.is_finished:
        return False
    if job.runner == live.RUNNER_ID:
        alive = live.get(job.pk) is not None
    else:
        alive = live.runner_alive(job.runner)
    now = now or timezone.now()
    if alive is not False and job.status == JobStatus.RUNNING and job.heartbeat_interval:
        stale = max(
            getattr(settings, "NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS", 60), 3 * job.heartbeat_interval
        )
        last = job.heartbeat_at or job.started_at
        alive = last is not None and now - last < dt.timedelta(seconds=stale)
    elif alive is None:
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


def job_retry(job: Job, *, user) -> Job:
    """Repeat the failed ``job`` for ``user``: a new job of the same kind, title, organization,
    parameters and input file (``retry_of`` = ``job``), queued as ``job_create`` queues. Asked
    twice (a double click, two tabs), it returns the repeat made the first time rather than a
    second one: the old row is locked while the repeat is made.

    A repeated bank import cannot import twice: the import writes in one transaction (a job
    that died wrote nothing), and a check already applied is refused by the import itself.

    Raises:
        ValidationError: not ``user``'s job, or not failed
            (:func:`nastavnik.jobs.selectors.job_can_retry`).
    """
    from nastavnik.jobs.selectors import job_can_retry

    if not job_can_retry(job, user):
        raise ValidationError(RETRY_REFUSED_MESSAGE)
    with transaction.atomic():
        old = Job.objects.select_for_update().get(pk=job.pk)
        if not job_can_retry(old, user):
            raise ValidationError(RETRY_REFUSED_MESSAGE)
        repeat = old.retries.order_by("pk").first()
        if repeat is not None:
            return repeat
        repeat = job_create(
            kind=old.kind,
            title=old.title,
            created_by=old.created_by,
            organization=old.organization,
            params=old.params,
            input_file=old.input_file.name or None,
            input_name=old.input_name,
            retry_of=old,
            enqueue=False,
        )
    from nastavnik.jobs.backends import get_backend

    get_backend().enqueue(repeat)
    repeat.refresh_from_db()
    logger.info("job %s repeats failed job %s (%s)", repeat.pk, old.pk, old.kind)
    return repeat
