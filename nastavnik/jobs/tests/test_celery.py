"""Jobs on real Celery workers with the real Redis (issue 17, build 3): a job queued with the
Celery backend is run by a worker; a worker killed in the middle of a job leaves it shown
failed («прервано») — at once on this host, after the heartbeat's stale time from another — and
its repeat succeeds on another worker.

Needs Redis (``NASTAVNIK_TEST_REDIS_URL``, else ``REDIS_URL``, else 127.0.0.1:6379/0): skipped
without it, failed when ``CI`` is set. A worker embedded in the test process (Celery's
``start_worker``) runs on either database; the workers that are killed are separate processes
(``celery -A nastavnik worker``) on the test database, so those tests need PostgreSQL (SQLite's
test database lives in the memory of the test process): the CI runs them in its PostgreSQL pass. Each test run has its
own queue, so other runs and a production worker on the same Redis are not disturbed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from nastavnik.jobs import live
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.services import INTERRUPTED_MESSAGE, job_create, job_mark_if_interrupted, job_retry
from nastavnik.jobs.tests.kinds import STEPS_KIND
from nastavnik.testing import factories as f

ROOT = Path(__file__).resolve().parents[3]
CELERY = Path(sys.executable).with_name("celery")

pytestmark = pytest.mark.django_db(transaction=True)
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Celery workers are other processes: they need a database shared with the test (PostgreSQL)",
)


def redis_url() -> str:
    return (
        os.environ.get("NASTAVNIK_TEST_REDIS_URL")
        or os.environ.get("REDIS_URL")
        or "redis://127.0.0.1:6379/0"
    )


@pytest.fixture(scope="module")
def broker() -> str:
    """The Redis URL, pinged; skip (fail under CI) when it does not answer."""
    import redis

    url = redis_url()
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {url} is required under CI: {exc}")
        pytest.skip(f"Redis at {url} is unreachable: {exc}")
    return url


@pytest.fixture(scope="module")
def queue(broker) -> str:
    """A queue of this test run, given to the Celery app of the test process and to the workers."""
    from nastavnik.celery import app

    name = f"nastavnik-test-{uuid.uuid4().hex[:10]}"
    saved = (app.conf.broker_url, app.conf.task_default_queue)
    app.conf.broker_url, app.conf.task_default_queue = broker, name
    _forget_routes(app)
    yield name
    app.conf.broker_url, app.conf.task_default_queue = saved
    _forget_routes(app)


def _forget_routes(app) -> None:
    """Make the app read the queue settings again (Celery caches them on first use)."""
    for cached in ("queues", "default_queue", "router", "default_exchange"):
        app.amqp.__dict__.pop(cached, None)


def database_url() -> str:
    """The URL of the test database, for the worker processes."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A ``celery -A nastavnik worker`` process (prefork, one child) in its own process group."""

    def __init__(self, name: str, queue: str, broker: str, log: Path):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "nastavnik.jobs.tests.worker_settings",
            "DATABASE_URL": database_url(),
            "REDIS_URL": broker,
            "NASTAVNIK_CELERY_QUEUE": queue,
            "NASTAVNIK_JOBS_HEARTBEAT_SECONDS": "1",
        }
        self.name = f"{name}-{uuid.uuid4().hex[:6]}@%h"
        self.log = log
        self.process = subprocess.Popen(
            [
                *(str(CELERY), "-A", "nastavnik", "worker", "-P", "prefork", "-c", "1"),
                *("-n", self.name, "-Q", queue, "--without-gossip", "--without-mingle", "-l", "INFO"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL the worker and its children (no clean shutdown, as a crash)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


@pytest.fixture
def workers(queue, broker, tmp_path):
    """Start workers with ``workers.start(name)``; all of them are killed at the end."""
    started: list[Worker] = []

    class Workers:
        def start(self, name: str) -> Worker:
            worker = Worker(name, queue, broker, tmp_path / f"{name}.log")
            started.append(worker)
            return worker

    yield Workers()
    for worker in started:
        worker.kill()


def wait_for(predicate, *, timeout: float, what: str, worker: Worker | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}" + (f"\n{worker.output()}" if worker else ""))


@pytest.fixture
def author(settings):
    settings.NASTAVNIK_JOBS_BACKEND = "celery"
    return f.UserFactory(username="author")


def steps_job(author, *, steps: int, pause: float) -> Job:
    return job_create(
        kind=STEPS_KIND, title="Проверочные шаги", created_by=author, params={"steps": steps, "pause": pause}
    )


@needs_postgresql
def test_a_worker_runs_a_queued_job_and_the_row_shows_each_stage(author, workers):
    # given a job queued with the Celery backend before any worker runs
    job = steps_job(author, steps=6, pause=0.3)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    # when a worker starts
    worker = workers.start("w1")

    # then the row goes running (with the worker's process and its heartbeat) → succeeded
    running = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, progress_done__gte=1).first(),
        timeout=60,
        what="the job to run",
        worker=worker,
    )
    assert running.runner and running.runner != live.RUNNER_ID and running.heartbeat_interval == 1
    done = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status=JobStatus.SUCCEEDED).first(),
        timeout=60,
        what="the job to succeed",
        worker=worker,
    )
    assert done.result["steps"] == 6 and done.result["pid"] == int(running.runner.split(":")[1])
    assert (done.progress_done, done.progress_total, done.error) == (6, 6, "")


@needs_postgresql
def test_a_killed_worker_leaves_the_job_failed_and_its_repeat_succeeds(
    author, workers, settings, monkeypatch
):
    settings.NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS = 3
    first = workers.start("w1")
    job = steps_job(author, steps=200, pause=0.2)
    running = wait_for(
        lambda: Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, progress_done__gte=2).first(),
        timeout=60,
        what="the long job to run",
        worker=first,
    )

    # while the worker lives, its heartbeat keeps the job alive even for a node of another host
    # (which cannot ask the process) — past the stale time
    from nastavnik.jobs import services

    monkeypatch.setattr(services.live, "runner_alive", lambda runner: None)
    started = time.monotonic()
    while time.monotonic() - started < 4.5:
        assert not job_mark_if_interrupted(Job.objects.get(pk=job.pk))
        time.sleep(0.5)

    # when the worker is killed in the middle of the job
    first.kill()
    stopped_at = Job.objects.get(pk=job.pk)
    assert stopped_at.status == JobStatus.RUNNING and stopped_at.progress_done < 200

    # then another host sees it failed once the heartbeat is stale, not stuck «выполняется»
    failed = wait_for(
        lambda: job_mark_if_interrupted(Job.objects.get(pk=job.pk)) and Job.objects.get(pk=job.pk),
        timeout=15,
        what="the job to be shown interrupted",
    )
    assert (failed.status, failed.error) == (JobStatus.FAILED, INTERRUPTED_MESSAGE)
    assert failed.runner == running.runner

    # and the repeat runs on another worker and succeeds
    repeat = job_retry(failed, user=author)
    assert repeat.status == JobStatus.QUEUED  # no worker consumes the queue now
    Job.objects.filter(pk=repeat.pk).update(params={"steps": 3, "pause": 0.1})  # (shorter, same kind)
    second = workers.start("w2")
    done = wait_for(
        lambda: Job.objects.filter(pk=repeat.pk, status=JobStatus.SUCCEEDED).first(),
        timeout=60,
        what="the repeat to succeed",
        worker=second,
    )
    assert done.retry_of_id == job.pk and done.runner != failed.runner
    # the message of the killed job is not handed to the new worker: the old job stays failed
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


@needs_postgresql
def test_on_this_host_a_killed_worker_is_seen_at_once(author, workers, settings):
    settings.NASTAVNIK_JOBS_HEARTBEAT_STALE_SECONDS = 3600
    worker = workers.start("w1")
    job = steps_job(author, steps=200, pause=0.2)
    wait_for(
        lambda: Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING, progress_done__gte=1).exists(),
        timeout=60,
        what="the job to run",
        worker=worker,
    )
    worker.kill()
    # the page of the job (any web node of this host) tells the dead process at once
    from django.test import Client

    client = Client()
    client.force_login(author)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Задание прервано" in html and "Повторить" in html
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_an_embedded_worker_runs_a_job_queued_with_the_celery_backend(author, queue):
    import threading

    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from nastavnik.celery import app

    ended = threading.Event()

    def on_end(sender=None, **kwargs):
        if sender is not None and sender.name == "nastavnik.jobs.tasks.run_job":
            ended.set()

    task_postrun.connect(on_end, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30):
            job = steps_job(author, steps=3, pause=0.05)
            # (the test waits for the task, not by reading the row while the worker writes it:
            # SQLite's shared in-memory test database would report the table as locked)
            assert ended.wait(60), "the embedded worker did not run the job"
    finally:
        task_postrun.disconnect(on_end)
    job.refresh_from_db()
    assert (job.status, job.result["steps"], job.error) == (JobStatus.SUCCEEDED, 3, "")
    assert job.runner == live.RUNNER_ID and job.heartbeat_interval
