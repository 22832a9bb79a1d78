"""Job kinds of the tests that a separate worker process must know too: listed in
``NASTAVNIK_JOBS_MODULES`` by ``worker_settings`` (the Celery workers the tests start)."""

from __future__ import annotations

import time

from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.services import job_progress

STEPS_KIND = "test_steps"


@job_kind(STEPS_KIND, label="Проверочные шаги")
def steps_job(job) -> dict:
    """``params["steps"]`` steps (3) of ``params["pause"]`` seconds each (0), progress after each.
    Returns ``{"steps": n, "pid": the worker's pid}``."""
    import os

    steps = int(job.params.get("steps", 3))
    pause = float(job.params.get("pause", 0))
    for done in range(1, steps + 1):
        time.sleep(pause)
        job_progress(job, done, steps, message=f"Шаг {done} из {steps}")
    return {"steps": steps, "pid": os.getpid()}
