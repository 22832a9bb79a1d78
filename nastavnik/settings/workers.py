"""Settings of background work on Celery with Redis (issue 17, build 3).

Imported at the end of ``base``. The embedded default keeps ``NASTAVNIK_JOBS_BACKEND="thread"``
and needs no service; production settings choose the Celery backend
(``NASTAVNIK_JOBS_BACKEND=celery``), run ``celery -A nastavnik worker`` for the jobs and
``celery -A nastavnik beat`` for the periodic work below (README, «Фоновые задания»).
Read by the Celery app (``nastavnik.celery``) through ``config_from_object(namespace="CELERY")``.
"""

from __future__ import annotations

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from nastavnik.settings.env import env_int, env_str

_TIME_ZONE = env_str("TIME_ZONE", "Asia/Yekaterinburg")  # as in base

#: Redis of the queue (and of the results of the tasks, which nothing reads: the job row is the
#: user's view of a job).
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_IGNORE_RESULT = True
#: The queue of this installation (several installations may share one Redis).
CELERY_TASK_DEFAULT_QUEUE = env_str("NASTAVNIK_CELERY_QUEUE", "nastavnik")
# A message is acknowledged when its task ends, so a job sent to a worker that stopped before it
# began it is given to another worker; a worker killed in the middle of a job does not hand it on
# (the job would run twice): the job is shown interrupted and the user repeats it.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = _TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # our LOGGING (JSON lines in production) stays
#: The longest a job may run, in seconds: past the soft limit the job stops with a Russian
#: message, past the hard one the worker's process is killed (the job is then shown interrupted).
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 4 * 3600)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", CELERY_TASK_TIME_LIMIT - 60)
if not 0 < CELERY_TASK_SOFT_TIME_LIMIT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_TASK_SOFT_TIME_LIMIT must be positive and at most CELERY_TASK_TIME_LIMIT"
    )
# Redis gives an unacknowledged message to another worker after this many seconds: longer than
# any job, so a long job is not handed on while it runs (job_run would refuse it anyway).
# A Redis that does not answer holds a page that queues a job at most a few seconds (the job is
# then shown failed: «служба очереди заданий недоступна»), not until the request times out.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 600,
    "socket_connect_timeout": 3,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}

#: Seconds between the heartbeats of a job a Celery worker runs (``jobs.services.Heartbeat``).
NASTAVNIK_JOBS_HEARTBEAT_SECONDS = env_int("NASTAVNIK_JOBS_HEARTBEAT_SECONDS", 15)
#: A running job of a worker silent this long is shown interrupted (its worker died), on whatever
#: host it ran; at least three heartbeats.
NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS = env_int("NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS", 90)


def cron(name: str, default: str) -> crontab:
    """The crontab of the environment variable ``name`` (five fields, «минута час день месяц
    день_недели», as in cron: «*/30 * * * *»), else of ``default``; in ``CELERY_TIMEZONE``.

    Raises:
        ImproperlyConfigured: not five fields, or a field cron does not accept.
    """
    value = env_str(name, default) or default
    fields = value.split()
    if len(fields) != 5:
        raise ImproperlyConfigured(f"{name} must be five cron fields like '*/30 * * * *', got {value!r}")
    minute, hour, day_of_month, month_of_year, day_of_week = fields
    try:
        return crontab(
            minute=minute,
            hour=hour,
            day_of_month=day_of_month,
            month_of_year=month_of_year,
            day_of_week=day_of_week,
        )
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: {exc}") from exc


#: Periodic work run by ``celery -A nastavnik beat`` (the same functions as the management
#: commands, which stay for cron; ``nastavnik.jobs.tasks``). Times are local (``TIME_ZONE``).
CELERY_BEAT_SCHEDULE = {
    "meeting-reminders": {
        "task": "nastavnik.jobs.tasks.send_meeting_reminders",
        "schedule": cron("NASTAVNIK_CRON_MEETING_REMINDERS", "*/30 * * * *"),
    },
    "questionnaire-reminders": {
        "task": "nastavnik.jobs.tasks.send_questionnaire_reminders",
        "schedule": cron("NASTAVNIK_CRON_QUESTIONNAIRE_REMINDERS", "0 9 * * *"),
    },
    "roadmap-reminders": {
        "task": "nastavnik.jobs.tasks.send_roadmap_reminders",
        "schedule": cron("NASTAVNIK_CRON_ROADMAP_REMINDERS", "0 8 * * *"),
    },
    "depersonalize-people": {
        "task": "nastavnik.jobs.tasks.depersonalize_people",
        "schedule": cron("NASTAVNIK_CRON_DEPERSONALIZE", "15 3 * * *"),
    },
    "monitoring-rollups": {
        "task": "nastavnik.jobs.tasks.monitoring_rollups",
        "schedule": cron("NASTAVNIK_CRON_MONITORING_ROLLUPS", "30 2 * * *"),
    },
    "section-checks": {
        "task": "nastavnik.jobs.tasks.record_section_checks",
        "schedule": cron("NASTAVNIK_CRON_SECTION_CHECKS", "0 6 1 * *"),
    },
}
