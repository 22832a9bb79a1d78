"""Where jobs run, chosen by the setting ``NASTAVNIK_JOBS_BACKEND``.

- ``"thread"`` (default): a daemon thread of the web process, started when the transaction that
  created the job commits (``transaction.on_commit``). A fresh machine needs nothing else.
- ``"sync"``: inline, before ``job_create`` returns (tests, management commands).

A queue (e.g. Celery) would be one more class with ``enqueue(job)`` sending ``job.pk`` to a
worker that calls ``jobs.services.job_run``; kinds are found by name through
``NASTAVNIK_JOBS_MODULES``. A dotted path to such a class is accepted as the setting's value.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import close_old_connections, connections, transaction
from django.utils.module_loading import import_string

from nastavnik.jobs import live


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


_BACKENDS = {"thread": ThreadBackend, "sync": SyncBackend}


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
            f"NASTAVNIK_JOBS_BACKEND must be 'thread', 'sync' or a dotted path, got {name!r}"
        ) from exc
