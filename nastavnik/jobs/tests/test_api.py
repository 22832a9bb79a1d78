"""The jobs' REST API (issue 17, build 1): a user sees their own jobs only — by list and by id —,
with the status, the progress, the result, the error and the link to the result file's
download; a job whose process is gone reads as failed, not «выполняется»; constant queries per
page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.testing.api import api

pytestmark = pytest.mark.django_db

JOBS = "/api/v1/jobs/"


def job(world, persona: str, **fields) -> Job:
    fields.setdefault("kind", "bank_import")
    fields.setdefault("title", "Проверка файла «bank.xlsx»")
    return Job.objects.create(created_by=world.users[persona], organization=world.school_a, **fields)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_a_user_sees_their_own_jobs_only(world):
    mine = job(world, "curator_a", status=JobStatus.SUCCEEDED, result={"rows": 3, "errors_total": 0})
    older = job(world, "curator_a", status=JobStatus.QUEUED)
    theirs = job(world, "head_a", status=JobStatus.SUCCEEDED)
    assert set(ids(api(world, "curator_a").get(JOBS))) == {mine.pk, older.pk}
    assert ids(api(world, "curator_a").get(JOBS)) == sorted({mine.pk, older.pk}, reverse=True)  # newest first
    assert ids(api(world, "head_a").get(JOBS)) == [theirs.pk]
    assert ids(api(world, "operator").get(JOBS)) == []
    response = api(world, "curator_a").get(f"{JOBS}{theirs.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}
    assert api(world, "anonymous").get(JOBS).status_code == 401

    body = api(world, "curator_a").get(f"{JOBS}{mine.pk}/").json()
    assert body["status"] == "succeeded" and body["status_label"] == "выполнено"
    assert body["kind_label"] == "Загрузка банка наставников и наставляемых"
    assert body["progress"] == {"done": 0, "total": 0, "percent": 100, "message": ""}
    assert body["result"] == {"rows": 3, "errors_total": 0}
    assert body["page_url"] == mine.get_absolute_url()
    assert body["result_url"] is None  # a check of a file makes no file
    assert body["organization"] == str(world.school_a)


def test_the_package_links_to_its_download(world):
    package = job(
        world, "curator_a", kind="documents_package", status=JobStatus.SUCCEEDED, result={"file": "x.zip"}
    )
    running = job(world, "curator_a", kind="documents_package", status=JobStatus.RUNNING, runner="")
    client = api(world, "curator_a")
    assert client.get(f"{JOBS}{package.pk}/").json()["result_url"] == reverse(
        "documents:package_download", args=[package.pk]
    )
    # not before it is done
    running.heartbeat_at = timezone.now()
    running.save(update_fields=["heartbeat_at"])
    assert client.get(f"{JOBS}{running.pk}/").json()["result_url"] is None


def test_a_job_of_a_dead_process_reads_as_failed(world):
    long_ago = timezone.now() - dt.timedelta(days=2)
    stuck = job(
        world,
        "curator_a",
        status=JobStatus.RUNNING,
        runner="host-gone:12345:1",
        started_at=long_ago,
        heartbeat_at=long_ago,
        progress_done=5,
        progress_total=10,
    )
    row = api(world, "curator_a").get(JOBS).json()["results"][0]
    assert row["id"] == stuck.pk
    assert row["status"] == JobStatus.FAILED and row["finished"] is True
    assert row["error"]
    stuck.refresh_from_db()
    assert stuck.status == JobStatus.FAILED


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(JOBS, {"page_size": 500})
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_at_any_length(world):
    client = api(world, "curator_a")
    job(world, "curator_a", status=JobStatus.SUCCEEDED)
    small = _queries(client)
    for _ in range(5):
        job(world, "curator_a", status=JobStatus.SUCCEEDED)
        job(world, "curator_a", kind="documents_package", status=JobStatus.FAILED, error="Ошибка")
    assert _queries(client) == small


def test_a_failed_job_is_repeated_by_its_author(world):
    failed = job(world, "curator_a", kind="documents_package", status=JobStatus.FAILED, error="Ошибка")
    done = job(world, "curator_a", status=JobStatus.SUCCEEDED)
    assert api(world, "curator_a").get(f"{JOBS}{failed.pk}/").json()["can_retry"] is True
    assert api(world, "curator_a").get(f"{JOBS}{done.pk}/").json()["can_retry"] is False
    # another's job: not found; a job that did not fail: refused in Russian
    assert api(world, "head_a").post(f"{JOBS}{failed.pk}/retry/").status_code == 404
    response = api(world, "curator_a").post(f"{JOBS}{done.pk}/retry/")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "Повторить можно только своё задание, завершённое с ошибкой."
    ]
    response = api(world, "curator_a").post(f"{JOBS}{failed.pk}/retry/")
    assert response.status_code == 201, response.content
    repeat = Job.objects.get(pk=response.json()["id"])
    assert repeat.retry_of_id == failed.pk and response.json()["retry_of"] == failed.pk
    # a double click gives the same repeat, not a second one
    again = api(world, "curator_a").post(f"{JOBS}{failed.pk}/retry/")
    assert again.json()["id"] == repeat.pk
    assert Job.objects.filter(retry_of=failed).count() == 1
