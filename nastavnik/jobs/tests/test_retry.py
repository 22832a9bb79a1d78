"""Failed jobs and their repeat, dead workers told by their heartbeat, one run per job, and the
Celery backend and periodic tasks run eagerly (no worker, no Redis)."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from kombu.exceptions import OperationalError

from nastavnik.jobs import live
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.selectors import job_can_retry
from nastavnik.jobs.services import (
    INTERRUPTED_MESSAGE,
    QUEUE_DOWN_MESSAGE,
    RETRY_REFUSED_MESSAGE,
    TIME_LIMIT_MESSAGE,
    Heartbeat,
    JobError,
    job_create,
    job_error_message,
    job_mark_if_interrupted,
    job_retry,
    job_run,
)
from nastavnik.testing import factories as f

RUNS: list[int] = []


@job_kind("test_flaky", label="Проверочное задание со сбоем")
def flaky_job(job) -> dict:
    """Fails while ``params["fail"]`` is set; counts its runs in ``RUNS``."""
    RUNS.append(job.pk)
    if job.params.get("fail") and not job.retry_of_id:
        raise JobError("Сбой при первом запуске.")
    return {"input": job.input_file.name, "runs": len(RUNS)}


@pytest.fixture
def user(db):
    RUNS.clear()
    return f.UserFactory(username="author")


def failed_job(user, **params) -> Job:
    job = job_create(
        kind="test_flaky",
        title="Загрузка файла",
        created_by=user,
        params={"fail": True, **params},
        input_file=ContentFile(b"a;b\n", name="bank.csv"),
        input_name="bank.csv",
    )
    assert job.status == JobStatus.FAILED
    return job


def test_a_failed_job_is_repeated_with_its_kind_params_and_input_file(user):
    old = failed_job(user, extra=1)

    repeat = job_retry(old, user=user)

    assert repeat.pk != old.pk and repeat.retry_of_id == old.pk
    assert (repeat.kind, repeat.title, repeat.params) == (old.kind, old.title, old.params)
    assert repeat.input_file.name == old.input_file.name and repeat.input_name == "bank.csv"
    assert repeat.status == JobStatus.SUCCEEDED
    assert repeat.result == {"input": old.input_file.name, "runs": 2}
    # asked again (a double click), the same repeat comes back: nothing runs a third time
    assert job_retry(old, user=user).pk == repeat.pk
    assert RUNS == [old.pk, repeat.pk]


def test_only_the_author_repeats_only_a_failed_job(user):
    old = failed_job(user)
    stranger = f.UserFactory(username="stranger")
    admin = get_user_model().objects.create_superuser("root", password="x")
    done = job_create(kind="test_flaky", title="Готово", created_by=user, params={})
    assert done.status == JobStatus.SUCCEEDED

    assert job_can_retry(old, user)
    for who, job in [(stranger, old), (admin, old), (user, done)]:
        assert not job_can_retry(job, who)
        with pytest.raises(ValidationError) as refused:
            job_retry(job, user=who)
        assert refused.value.messages == [RETRY_REFUSED_MESSAGE]
    system = job_create(kind="test_flaky", title="Системное", created_by=None, params={"fail": True})
    assert not job_can_retry(system, admin)
    assert Job.objects.filter(retry_of__isnull=False).count() == 0


def test_the_page_of_a_failed_job_offers_the_repeat_to_its_author(user):
    old = failed_job(user)
    client = Client()
    client.force_login(user)

    html = client.get(f"/jobs/{old.pk}/").content.decode()
    assert "Повторить" in html and f"/jobs/{old.pk}/retry/" in html

    response = client.post(f"/jobs/{old.pk}/retry/")
    repeat = Job.objects.get(retry_of=old)
    assert response.status_code == 302 and response.url == f"/jobs/{repeat.pk}/"
    page = client.get(response.url).content.decode()
    assert "Задание запущено ещё раз." in page and "Повторный запуск" in page
    # the old page now links to the repeat instead of offering another one
    html = client.get(f"/jobs/{old.pk}/").content.decode()
    assert f"/jobs/{repeat.pk}/" in html and f"/jobs/{old.pk}/retry/" not in html
    assert client.get(f"/jobs/{old.pk}/retry/").status_code == 405


def test_the_repeat_is_refused_with_a_message_or_not_found(user):
    done = job_create(kind="test_flaky", title="Готово", created_by=user, params={})
    client = Client()
    client.force_login(user)
    response = client.post(f"/jobs/{done.pk}/retry/", follow=True)
    assert RETRY_REFUSED_MESSAGE in response.content.decode()
    assert 'data-testid="job-retry"' not in response.content.decode()

    stranger = Client()
    stranger.force_login(f.UserFactory(username="stranger"))
    assert stranger.post(f"/jobs/{failed_job(user).pk}/retry/").status_code == 404
    assert stranger.post("/jobs/999999/retry/").status_code == 404
    assert Client().post(f"/jobs/{done.pk}/retry/").status_code == 302  # to the login page
    assert Job.objects.filter(retry_of__isnull=False).count() == 0


def test_an_interrupted_job_can_be_repeated(user):
    job = Job.objects.create(
        kind="test_flaky",
        title="Прерванное",
        created_by=user,
        status=JobStatus.RUNNING,
        runner="elsewhere:1:a",
        heartbeat_interval=15,
        started_at=timezone.now() - dt.timedelta(minutes=10),
        heartbeat_at=timezone.now() - dt.timedelta(minutes=10),
    )
    assert job_mark_if_interrupted(job)
    assert job.error == INTERRUPTED_MESSAGE
    assert job_retry(job, user=user).status == JobStatus.SUCCEEDED


def beating_job(user, *, runner: str, silent_for: dt.timedelta, status=JobStatus.RUNNING) -> Job:
    last = timezone.now() - silent_for
    return Job.objects.create(
        kind="test_flaky",
        title="x",
        created_by=user,
        status=status,
        runner=runner,
        heartbeat_interval=15,
        started_at=last,
        heartbeat_at=last,
    )


def test_a_worker_that_stopped_beating_is_dead_on_any_host(user, settings):
    settings.NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS = 60
    settings.NASTAVNIK_JOBS_STALE_SECONDS = 3600
    # another host: the heartbeat alone tells, long before the general stale time
    assert not job_mark_if_interrupted(
        beating_job(user, runner="worker-2:10:a", silent_for=dt.timedelta(seconds=20))
    )
    assert job_mark_if_interrupted(
        beating_job(user, runner="worker-2:10:a", silent_for=dt.timedelta(minutes=2))
    )
    # a live process of this host (a reused pid, or a hung worker) that stopped beating
    assert job_mark_if_interrupted(
        beating_job(
            user, runner=f"{socket.gethostname()}:{os.getppid()}:b", silent_for=dt.timedelta(minutes=2)
        )
    )
    # a dead process of this host: at once
    assert job_mark_if_interrupted(
        beating_job(user, runner=f"{socket.gethostname()}:999999999:c", silent_for=dt.timedelta(0))
    )
    # the stale time is at least three beats
    slow = beating_job(user, runner="worker-2:10:a", silent_for=dt.timedelta(seconds=100))
    Job.objects.filter(pk=slow.pk).update(heartbeat_interval=40)
    slow.refresh_from_db()
    assert not job_mark_if_interrupted(slow)


def test_a_queued_celery_job_waits_for_a_worker_the_general_stale_time(user, settings):
    settings.NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS = 60
    settings.NASTAVNIK_JOBS_STALE_SECONDS = 3600
    queued = job_create(kind="test_flaky", title="x", created_by=user, enqueue=False)
    Job.objects.filter(pk=queued.pk).update(created_at=timezone.now() - dt.timedelta(minutes=30))
    queued.refresh_from_db()
    assert not job_mark_if_interrupted(queued)
    Job.objects.filter(pk=queued.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    queued.refresh_from_db()
    assert job_mark_if_interrupted(queued)


def test_a_job_is_run_once_however_often_it_is_handed_out(user):
    job = job_create(kind="test_flaky", title="x", created_by=user, enqueue=False)
    assert job_run(job.pk).status == JobStatus.SUCCEEDED
    # the same message delivered again (a redelivery, a second worker): left alone
    assert job_run(job.pk).status == JobStatus.SUCCEEDED
    assert RUNS == [job.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two threads writing at once need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_job_at_once_run_it_once():
    RUNS.clear()
    author = f.UserFactory(username="author")
    job = job_create(kind="test_flaky", title="x", created_by=author, enqueue=False)
    barrier = threading.Barrier(2)
    ends = []

    def worker():
        barrier.wait()
        try:
            ends.append(job_run(job.pk).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert RUNS == [job.pk]
    assert Job.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def test_job_run_with_a_heartbeat_records_its_interval(user):
    job = job_create(kind="test_flaky", title="x", created_by=user, enqueue=False)
    job = job_run(job.pk, heartbeat=15)
    assert (job.status, job.heartbeat_interval, job.runner) == (JobStatus.SUCCEEDED, 15, live.RUNNER_ID)


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_touches_a_running_job_from_its_own_thread():
    author = f.UserFactory(username="author")
    before = timezone.now() - dt.timedelta(minutes=5)
    job = Job.objects.create(
        kind="test_flaky", title="x", created_by=author, status=JobStatus.RUNNING, heartbeat_at=before
    )
    with Heartbeat(job.pk, 0.05):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if Job.objects.filter(pk=job.pk, heartbeat_at__gt=before).exists():
                break
    assert Job.objects.get(pk=job.pk).heartbeat_at > before


def test_the_soft_time_limit_is_told_in_russian():
    from billiard.exceptions import SoftTimeLimitExceeded

    assert job_error_message(SoftTimeLimitExceeded()) == TIME_LIMIT_MESSAGE


def test_a_worker_forked_from_this_process_gets_its_own_runner_id():
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its runner id and leave at once
        os.write(write, live.RUNNER_ID.encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    child = os.read(read, 200).decode()
    os.close(read)
    assert child != live.RUNNER_ID and child.split(":")[1] == str(pid)


# --- the Celery backend and tasks, eagerly (no worker, no Redis) ---


@pytest.fixture
def eager(settings):
    from nastavnik.celery import app

    settings.NASTAVNIK_JOBS_BACKEND = "celery"
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = False


def test_the_celery_backend_sends_the_job_after_the_commit(
    user, eager, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = job_create(kind="test_flaky", title="x", created_by=user)
    assert job.status == JobStatus.QUEUED and len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.heartbeat_interval == settings.NASTAVNIK_JOBS_HEARTBEAT_SECONDS


def test_a_job_the_queue_refuses_is_failed_not_lost(
    user, eager, monkeypatch, django_capture_on_commit_callbacks
):
    from nastavnik.jobs import tasks

    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.run_job, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(kind="test_flaky", title="x", created_by=user)
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, QUEUE_DOWN_MESSAGE)
    assert job_can_retry(job, user)


def test_the_beat_schedule_names_existing_tasks(eager, settings):
    eager.loader.import_default_modules()
    assert set(settings.CELERY_BEAT_SCHEDULE) == {
        "meeting-reminders",
        "questionnaire-reminders",
        "roadmap-reminders",
        "depersonalize-people",
        "monitoring-rollups",
        "section-checks",
    }
    monthly = {"section-checks"}  # the monthly record of the sections (seed 003 §5.1), on the 1st
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in eager.tasks, entry["task"]
        longest = dt.timedelta(days=31 if name in monthly else 1)
        assert entry["schedule"].remaining_estimate(timezone.now()) <= longest


def test_each_periodic_task_runs(world, eager, settings, mailoutbox):
    from nastavnik.jobs import tasks
    from nastavnik.monitoring.tasks import KIND as ROLLUPS

    for name in ("send_meeting_reminders", "send_questionnaire_reminders", "send_roadmap_reminders"):
        sent = getattr(tasks, name).delay().get()
        assert isinstance(sent, int) and sent >= 0
    assert "Обезличено карточек: 0" in tasks.depersonalize_people.delay().get()
    report = tasks.monitoring_rollups.delay().get()
    assert "рассчитано" in report
    assert Job.objects.filter(kind=ROLLUPS, status=JobStatus.SUCCEEDED, created_by=None).exists()
    assert "Зафиксирована проверка разделов" in tasks.record_section_checks.delay().get()


def test_a_malformed_cron_setting_is_refused_by_name(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from nastavnik.settings.workers import cron

    monkeypatch.setenv("NASTAVNIK_CRON_X", "каждый день")
    with pytest.raises(ImproperlyConfigured, match="NASTAVNIK_CRON_X"):
        cron("NASTAVNIK_CRON_X", "0 3 * * *")
    monkeypatch.setenv("NASTAVNIK_CRON_X", "99 3 * * *")
    with pytest.raises(ImproperlyConfigured, match="NASTAVNIK_CRON_X"):
        cron("NASTAVNIK_CRON_X", "0 3 * * *")
    monkeypatch.delenv("NASTAVNIK_CRON_X")
    assert cron("NASTAVNIK_CRON_X", "0 3 * * *").hour == {3}


def test_a_process_that_ended_but_was_not_reaped_is_dead():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and live.runner_alive(f"{socket.gethostname()}:{pid}:x"):
            time.sleep(0.05)  # a zombie until waited for
        assert live.runner_alive(f"{socket.gethostname()}:{pid}:x") is False
    finally:
        os.waitpid(pid, 0)
