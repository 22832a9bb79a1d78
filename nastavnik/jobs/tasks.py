"""Celery tasks (``nastavnik.celery``): the run of a background job, and the periodic work that
``celery -A nastavnik beat`` schedules (``CELERY_BEAT_SCHEDULE``, settings/workers.py).

Each periodic task calls what its management command calls, so cron (the embedded default) and
beat do the same work; every one of them may run twice without sending or changing anything
twice (the reminders mark what they sent, the depersonalization skips the depersonalized).
"""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.core.management import call_command

from nastavnik.celery import app

logger = logging.getLogger("nastavnik.jobs")


@app.task(name="nastavnik.jobs.tasks.run_job")
def run_job(job_id: int) -> str:
    """Run the queued job ``job_id`` in this worker (``jobs.services.job_run``) with a heartbeat
    every ``NASTAVNIK_JOBS_HEARTBEAT_SECONDS``; a job already taken by another worker, finished
    or gone is left alone. Returns the job's status (``"succeeded"``, ``"failed"``…), or
    ``"missing"``."""
    from nastavnik.jobs.models import Job
    from nastavnik.jobs.services import job_run

    if not Job.objects.filter(pk=job_id).exists():
        logger.warning("job %s sent to the worker is gone", job_id)
        return "missing"
    job = job_run(job_id, heartbeat=settings.NASTAVNIK_JOBS_HEARTBEAT_SECONDS)
    return job.status


@app.task(name="nastavnik.jobs.tasks.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Reminders of the meetings that start within 24 hours (command ``send_meeting_reminders``;
    seed 003 §4.7). Returns the number sent."""
    from nastavnik.mentoring.services.meetings import meeting_reminders_send

    sent = meeting_reminders_send()
    logger.info("meeting reminders sent: %s", sent)
    return sent


@app.task(name="nastavnik.jobs.tasks.send_questionnaire_reminders")
def send_questionnaire_reminders() -> int:
    """Reminders of the questionnaires people owe (command ``send_questionnaire_reminders``;
    seed 004 §9.2). Returns the number sent."""
    from nastavnik.monitoring.reminders import questionnaire_reminders_send

    sent = questionnaire_reminders_send()
    logger.info("questionnaire reminders sent: %s", sent)
    return sent


@app.task(name="nastavnik.jobs.tasks.send_roadmap_reminders")
def send_roadmap_reminders() -> int:
    """Reminders of the roadmap activities whose deadline is near (command
    ``send_roadmap_reminders``; seed 000 App. 2 п. 1.7). Returns the number sent."""
    from nastavnik.roadmaps.reminders import roadmap_reminders_send

    sent = roadmap_reminders_send()
    logger.info("roadmap reminders sent: %s", sent)
    return sent


@app.task(name="nastavnik.jobs.tasks.depersonalize_people")
def depersonalize_people() -> str:
    """Depersonalize the people whose retention period ran out and delete the expired kept copies
    (the command ``depersonalize_people`` itself; 152-ФЗ art. 5 part 7). Returns its report."""
    return _command("depersonalize_people")


@app.task(name="nastavnik.jobs.tasks.monitoring_rollups")
def monitoring_rollups() -> str:
    """Refresh the stored roll-up of the monitoring indicators as the system's own job (the
    command ``monitoring_rollups`` itself). Returns its report.

    Raises:
        CommandError: the roll-up job failed (its Russian error; the job row keeps it too).
    """
    return _command("monitoring_rollups")


@app.task(name="nastavnik.jobs.tasks.record_section_checks")
def record_section_checks() -> str:
    """The monthly record of the checklist of the sections «Наставничество» (the command
    ``record_section_checks`` itself; seed 003 §5.1). Returns its report."""
    return _command("record_section_checks")


def _command(name: str) -> str:
    """Run the management command ``name`` here and return (and log) what it printed."""
    out = io.StringIO()
    call_command(name, stdout=out)
    report = out.getvalue().strip()
    logger.info("%s: %s", name, report)
    return report
