"""The Celery app of «Наставник» (issue 17, build 3): ``celery -A nastavnik worker`` runs the
background jobs, ``celery -A nastavnik beat`` the periodic work (``CELERY_BEAT_SCHEDULE``).

Settings are Django's with the ``CELERY_`` prefix (``nastavnik/settings/workers.py``); the tasks
are in ``nastavnik.jobs.tasks``, and the modules of ``NASTAVNIK_JOBS_MODULES`` (the job kinds)
are imported when a worker starts. Importing this module connects to nothing. Celery's own
Django fix-up sets Django up in each worker process and closes stale database connections
around each task.

:func:`workers_alive` is the check of ``/healthz``: this module is no Django app, so ``core`` may
import it (``core`` never imports ``jobs``).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings.base")

app = Celery("nastavnik")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["nastavnik.jobs"])


@app.on_after_finalize.connect
def _import_job_kinds(sender, **kwargs) -> None:
    """Import the modules that declare the job kinds, so that a worker knows every kind by name
    from its start (a broken module fails the start, not the first job)."""
    from importlib import import_module

    from django.conf import settings

    for module in getattr(settings, "NASTAVNIK_JOBS_MODULES", ()):
        import_module(module)


def workers_ping(timeout: float = 1.0) -> list[str]:
    """The names of the Celery workers (``w1@host``) that answered a ping within ``timeout``
    seconds, over the broker. Raises the broker's error (``kombu.exceptions.OperationalError``,
    ``redis`` errors) when Redis is unreachable."""
    replies = app.control.ping(timeout=timeout) or []
    return sorted(name for reply in replies for name in reply)


def workers_alive(timeout: float = 1.0) -> bool:
    """Whether at least one Celery worker answers within ``timeout`` seconds (``/healthz``).
    ``False`` too when the broker is unreachable; never raises."""
    try:
        return bool(app.control.ping(timeout=timeout, limit=1))
    except Exception:  # a health check reports, it does not fail
        return False
