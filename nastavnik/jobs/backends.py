"""Where jobs run, chosen by the setting ``NASTAVNIK_JOBS_BACKEND``.

- ``"thread"`` (default): a daemon thread of the web process, started when the transaction that
  created the job commits (``transaction.on_commit``). A fresh machine needs nothing else.
- ``"sync"``: inline, before ``job_create`` returns (tests, management commands).
- ``"celery"``: the job's id is sent to the Celery task ``nastavnik.jobs.tasks.run_job`` once the
  transaction commits; a worker (``celery -A nastavnik worker``, settings in
  ``settings/workers.py``) calls ``jobs.services.job_run``, finding the kind by its name through
  ``NASTAVNIK_JOBS_MODULES``. Needs Redis and a running worker (production settings).

A dotted path to another class with ``enqueue(job)`` is accepted as the setting's value.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections, connections, transaction
from django.utils.module_loading import import_string

from nastavnik.jobs import live

logger = logging.getLogger("nastavnik.jobs")


class SyncBackend:
    """Runs the job at once in the calling thread."""

    def enqueue(self, job) -> None:
        from nastavnik.jobs.services import job_run

        job_run(job)


class ThreadBackend:
    """Runs the job in a daemon thread of this process once the current transaction commits.

    A job whose process stops before it ends is shown as interrupted
    (``jobs.services.job_mark_if_interrupted``).
    """

    def enqueue(self, job) -> None:
        from nastavnik.jobs.models import Job

        Job.objects.filter(pk=job.pk).update(runner=live.RUNNER_ID)
        job_id = job.pk

        def start() -> None:
            live.register(job_id)
            threading.Thread(
                target=_run_in_thread, args=(job_id,), name=f"nastavnik-job-{job_id}", daemon=True
            ).start()

        transaction.on_commit(start)


def _run_in_thread(job_id: int) -> None:
    from nastavnik.jobs.services import job_run

    close_old_connections()
    try:
        job_run(job_id)
    finally:
        live.unregister(job_id)
        connections.close_all()


class CeleryBackend:
    """Sends the job to a Celery worker once the current transaction commits (the worker must
    find the row). The row stays the user's view of the job: the worker marks it running, with
    its ``runner`` and heartbeats, and records how it ended.

    A send that fails (Redis unreachable) marks the job failed with a Russian message instead of
    losing it in the queue; the user can repeat it once the queue is back.
    """

    def enqueue(self, job) -> None:
        job_id = job.pk
        transaction.on_commit(lambda: send_to_worker(job_id))


def send_to_worker(job_id: int) -> None:
    """Send ``run_job(job_id)`` to the Celery queue; on a broker error mark the queued job failed
    with ``QUEUE_DOWN_MESSAGE`` (logged with the cause)."""
    from kombu.exceptions import OperationalError

    from nastavnik.jobs.services import QUEUE_DOWN_MESSAGE, job_fail_queued
    from nastavnik.jobs.tasks import run_job

    try:
        run_job.delay(job_id)
    except OperationalError as exc:
        logger.error("job %s not sent to the Celery queue: %s", job_id, exc)
        job_fail_queued(job_id, QUEUE_DOWN_MESSAGE)


_BACKENDS = {"thread": ThreadBackend, "sync": SyncBackend, "celery": CeleryBackend}


def get_backend():
    """The backend instance named by ``NASTAVNIK_JOBS_BACKEND``.

    Raises:
        ImproperlyConfigured: an unknown name.
    """
    name = getattr(settings, "NASTAVNIK_JOBS_BACKEND", "thread")
    if name in _BACKENDS:
        return _BACKENDS[name]()
    try:
        return import_string(name)()
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"NASTAVNIK_JOBS_BACKEND must be 'thread', 'sync', 'celery' or a dotted path, got {name!r}"
        ) from exc
