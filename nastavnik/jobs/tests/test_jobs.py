"""Background jobs: the sync and thread backends, progress, failures, interrupted jobs, and the
job page seen only by its creator."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.utils import timezone

from nastavnik.jobs import live
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import get_kind, job_kind
from nastavnik.jobs.services import (
    INTERNAL_ERROR_MESSAGE,
    INTERRUPTED_MESSAGE,
    JobError,
    job_create,
    job_mark_if_interrupted,
    job_progress,
)
from nastavnik.testing import factories as f


@job_kind("test_count", label="Проверочный счёт")
def count_job(job) -> dict:
    total = job.params.get("total", 3)
    for done in range(1, total + 1):
        job_progress(job, done, total, message="Считаю")
    if job.params.get("fail") == "expected":
        raise JobError("Счёт не сошёлся.", result={"counted": total})
    if job.params.get("fail") == "unexpected":
        raise RuntimeError("boom")
    return {"counted": total}


def make_job(user, **params) -> Job:
    return job_create(kind="test_count", title="Проверочное задание", created_by=user, params=params)


@pytest.fixture
def user(db):
    return f.UserFactory(username="creator")


def test_sync_backend_runs_the_job_at_once_and_keeps_its_result(user):
    job = make_job(user, total=5)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"counted": 5}
    assert (job.progress_done, job.progress_total, job.percent) == (5, 5, 100)
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at


def test_an_expected_failure_keeps_the_russian_message_and_the_result(user):
    job = make_job(user, fail="expected")
    assert job.status == JobStatus.FAILED
    assert job.error == "Счёт не сошёлся."
    assert job.result == {"counted": 3}


def test_an_unexpected_failure_is_logged_and_shown_in_russian(user, caplog):
    with caplog.at_level(logging.ERROR, logger="nastavnik.jobs"):
        job = make_job(user, fail="unexpected")
    assert job.status == JobStatus.FAILED
    assert job.error == INTERNAL_ERROR_MESSAGE
    assert "boom" in caplog.text


def test_unknown_kind_is_refused(user):
    with pytest.raises(LookupError):
        job_create(kind="no_such_kind", title="x", created_by=user)
    assert get_kind("bank_import").label == "Загрузка банка наставников и наставляемых"


def test_progress_is_written_at_most_every_interval_and_never_inside_a_transaction(user, settings):
    settings.NASTAVNIK_JOBS_PROGRESS_INTERVAL = 3600
    job = Job.objects.create(kind="test_count", title="x", created_by=user, status=JobStatus.RUNNING)
    # the test runs inside a transaction: the row waits, the in-memory state moves
    job_progress(job, 1, 10, message="Шаг")
    assert Job.objects.get(pk=job.pk).progress_done == 0
    assert live.get(job.pk).done == 1
    live.unregister(job.pk)


def test_progress_outside_a_transaction_is_throttled(transactional_db, settings):
    settings.NASTAVNIK_JOBS_PROGRESS_INTERVAL = 3600
    creator = f.UserFactory(username="creator")
    job = Job.objects.create(kind="test_count", title="x", created_by=creator, status=JobStatus.RUNNING)
    try:
        job_progress(job, 1, 10, message="Шаг")  # a new step is written at once
        job_progress(job, 2, 10)  # within the interval: memory only
        row = Job.objects.get(pk=job.pk)
        assert (row.progress_done, row.progress_total, row.message) == (1, 10, "Шаг")
        assert row.heartbeat_at is not None
        assert live.get(job.pk).done == 2
    finally:
        live.unregister(job.pk)


def test_thread_backend_starts_after_commit_and_finishes_in_the_background(transactional_db, settings):
    settings.NASTAVNIK_JOBS_BACKEND = "thread"
    creator = f.UserFactory(username="creator")

    # when a job is created inside a transaction
    with transaction.atomic():
        job = make_job(creator, total=4)
        # then it waits for the commit
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    # and after the commit it runs in its own thread and finishes (the test waits on the thread,
    # not by polling the database: SQLite's shared in-memory test database would report the
    # table as locked to a reader while the thread writes)
    runner = next((t for t in threading.enumerate() if t.name == f"nastavnik-job-{job.pk}"), None)
    if runner is not None:  # (it may have finished already)
        runner.join(timeout=30)
        assert not runner.is_alive()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result == {"counted": 4}
    assert job.runner == live.RUNNER_ID
    assert live.get(job.pk) is None


def running_job(user, *, runner: str, heartbeat_ago: dt.timedelta = dt.timedelta(0)) -> Job:
    now = timezone.now()
    return Job.objects.create(
        kind="test_count",
        title="x",
        created_by=user,
        status=JobStatus.RUNNING,
        runner=runner,
        started_at=now - heartbeat_ago,
        heartbeat_at=now - heartbeat_ago,
    )


def test_a_job_of_a_dead_process_of_this_host_is_shown_interrupted(user):
    import socket

    job = running_job(user, runner=f"{socket.gethostname()}:999999999:abc")
    assert job_mark_if_interrupted(job)
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, INTERRUPTED_MESSAGE)
    assert "Задание прервано" in job.error


def test_a_job_of_this_process_that_is_not_running_here_is_interrupted(user):
    # (this pid with another boot id: the server was restarted with the same pid)
    host, pid, _boot = live.RUNNER_ID.split(":")
    assert job_mark_if_interrupted(running_job(user, runner=f"{host}:{pid}:oldboot"))
    assert job_mark_if_interrupted(running_job(user, runner=live.RUNNER_ID))


def test_a_job_running_here_or_in_a_live_process_is_left_alone(user):
    import os
    import socket

    mine = running_job(user, runner=live.RUNNER_ID)
    live.register(mine.pk)
    try:
        assert not job_mark_if_interrupted(mine)
    finally:
        live.unregister(mine.pk)
    parent = running_job(user, runner=f"{socket.gethostname()}:{os.getppid()}:xyz")
    assert not job_mark_if_interrupted(parent)


def test_a_job_of_another_host_is_interrupted_only_after_a_long_silence(user, settings):
    settings.NASTAVNIK_JOBS_STALE_SECONDS = 600
    assert not job_mark_if_interrupted(
        running_job(user, runner="elsewhere:1:a", heartbeat_ago=dt.timedelta(minutes=5))
    )
    assert job_mark_if_interrupted(
        running_job(user, runner="elsewhere:1:a", heartbeat_ago=dt.timedelta(hours=1))
    )


def test_job_page_and_status_are_seen_by_the_creator_only(user):
    job = make_job(user)
    creator = Client()
    creator.force_login(user)
    stranger = Client()
    stranger.force_login(f.UserFactory(username="stranger"))
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", password="x"))

    page = creator.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200
    assert "Проверочное задание" in page.content.decode() and "выполнено" in page.content.decode()
    status = creator.get(f"/jobs/{job.pk}/status/").json()
    assert status == {
        "status": "succeeded",
        "status_label": "выполнено",
        "done": 3,
        "total": 3,
        "percent": 100,
        "message": "",
        "finished": True,
        "error": "",
    }
    assert stranger.get(f"/jobs/{job.pk}/").status_code == 404
    assert stranger.get(f"/jobs/{job.pk}/status/").status_code == 404
    assert admin.get(f"/jobs/{job.pk}/").status_code == 200
    assert Client().get(f"/jobs/{job.pk}/status/").status_code == 302
    assert creator.get("/jobs/999999/").status_code == 404


def test_a_running_job_page_shows_the_bar_and_polls(user):
    job = running_job(user, runner=live.RUNNER_ID)
    state = live.register(job.pk)
    state.done, state.total, state.message = 40, 80, "Чтение и проверка строк"
    try:
        client = Client()
        client.force_login(user)
        html = client.get(f"/jobs/{job.pk}/").content.decode()
        assert 'aria-valuenow="50"' in html
        assert "jobs/job-progress.js" in html
        assert client.get(f"/jobs/{job.pk}/status/").json()["percent"] == 50
    finally:
        live.unregister(job.pk)


def test_an_interrupted_job_is_shown_failed_on_its_page(user):
    job = running_job(user, runner="elsewhere:1:a", heartbeat_ago=dt.timedelta(days=1))
    client = Client()
    client.force_login(user)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Задание прервано" in html and "Повторить" in html
    assert "jobs/job-progress.js" not in html


def test_a_system_job_has_no_author_runs_and_is_seen_by_administrators_only(user):
    # given the system's own job (a nightly roll-up, a PDF copy), made by the same service
    job = job_create(kind="test_count", title="Системное задание", created_by=None, params={"total": 2})

    # then it ran as any job, with no author
    assert job.status == JobStatus.SUCCEEDED and job.created_by_id is None
    assert job.result == {"counted": 2}
    # and a user's page does not show it, an administrator's does
    someone = Client()
    someone.force_login(user)
    assert someone.get(f"/jobs/{job.pk}/").status_code == 404
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root", password="x"))
    assert admin.get(f"/jobs/{job.pk}/").status_code == 200


def test_an_unknown_kind_is_refused_for_a_system_job_too(db):
    with pytest.raises(LookupError):
        job_create(kind="no_such_kind", title="Системное задание", created_by=None)
