"""Scale out on one machine, as in production (issue 17, build 5): two gunicorn web nodes and two
Celery workers on loopback share PostgreSQL, Redis and the media directory
(``tests/scaleout/cluster.py``).

- A document package requested through node 1 is built by a worker and downloaded through node 2
  as a valid ZIP of DOCX files.
- A worker killed in the middle of a package leaves the job failed and repeatable (seen through
  node 2), not stuck «выполняется»; the repeat is taken by the other worker.

Runs when the tests run on PostgreSQL (``DATABASE_URL``, the PostgreSQL pass of CI) or
``NASTAVNIK_SCALEOUT_DATABASE_URL`` names a server; needs Redis. Under ``CI`` a missing service
fails the test, elsewhere it is skipped. About a minute and a half: most of it migrating the
scratch database.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile

import pytest

from tests.scaleout.cluster import Browser, Cluster, redis_url, server_url

NODE_1, NODE_2 = Cluster.web_ports


def _wanted() -> bool:
    return bool(os.environ.get("NASTAVNIK_SCALEOUT_DATABASE_URL")) or os.environ.get(
        "DATABASE_URL", ""
    ).startswith(("postgres://", "postgresql://"))


pytestmark = pytest.mark.skipif(
    not _wanted(),
    reason="scale-out test runs on PostgreSQL (DATABASE_URL or NASTAVNIK_SCALEOUT_DATABASE_URL): "
    "in CI, its PostgreSQL pass",
)


def _unavailable(what: str, exc: Exception):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required under CI: {exc}")
    pytest.skip(f"{what} is unreachable: {exc}")


@pytest.fixture(scope="module")
def cluster():
    import psycopg
    import redis

    try:
        psycopg.connect(server_url(), connect_timeout=3).close()
    except psycopg.Error as exc:
        _unavailable("PostgreSQL", exc)
    try:
        redis.Redis.from_url(redis_url(), socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError as exc:
        _unavailable("Redis", exc)
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def curator(cluster) -> Browser:
    """The demo curator of school A, signed in through node 1."""
    browser = Browser()
    browser.sign_in(NODE_1, "curator")
    return browser


def school_id(browser: Browser) -> str:
    page = browser.get(NODE_1, "/documents/package/")
    assert page.status_code == 200
    found = re.search(r'<select name="organization"[^>]*>\s*<option value="(\d+)"', page.text)
    assert found, "no organization to draw the package up for"
    return found.group(1)


def request_package(browser: Browser, *, pdf: bool) -> int:
    """POST the package form through node 1; the id of the job it started."""
    data = {"organization": school_id(browser)}
    if pdf:
        data["pdf"] = "on"
    location = browser.post_form(NODE_1, "/documents/package/", data)
    found = re.fullmatch(r"/jobs/(\d+)/", location)
    assert found, location
    return int(found.group(1))


def wait(predicate, *, timeout: float, what: str, cluster: Cluster):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    logs = "\n".join(f"--- {p.name}\n{p.output(1500)}" for p in cluster.processes.values())
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


def status_through(browser: Browser, port: int, job_id: int) -> dict:
    response = browser.get(port, f"/jobs/{job_id}/status/")
    assert response.status_code == 200, response.status_code
    return response.json()


def runner_pid(cluster: Cluster, job_id: int) -> int | None:
    row = cluster.query("SELECT runner FROM jobs_job WHERE id = %s", job_id)
    return int(row[0].split(":")[1]) if row and row[0] else None


def test_a_package_requested_through_node_1_is_built_by_a_worker_and_downloaded_through_node_2(
    cluster, curator
):
    job_id = request_package(curator, pdf=False)

    state = wait(
        lambda: (s := status_through(curator, NODE_2, job_id))["finished"] and s,
        timeout=90,
        what="the package job",
        cluster=cluster,
    )
    assert state["status"] == "succeeded", state
    # built by one of the Celery workers, not by a web node
    assert cluster.worker_of(runner_pid(cluster, job_id)) is not None

    response = curator.get(NODE_2, f"/documents/package/{job_id}/download/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert package.testzip() is None
        documents = [name for name in package.namelist() if name.endswith(".docx")]
        assert documents, package.namelist()
        for name in documents:
            with zipfile.ZipFile(io.BytesIO(package.read(name))) as docx:
                assert "word/document.xml" in docx.namelist(), name


def test_a_worker_killed_mid_job_leaves_it_failed_and_repeatable(cluster, curator):
    # a long job: the package with PDF copies made by LibreOffice
    job_id = request_package(curator, pdf=True)
    pid = wait(
        lambda: (
            status_through(curator, NODE_1, job_id)["status"] == "running" and runner_pid(cluster, job_id)
        ),
        timeout=90,
        what="the package job to start",
        cluster=cluster,
    )
    worker = cluster.worker_of(pid)
    assert worker is not None, f"the job runs in no worker (pid {pid})"

    # when its worker is killed in the middle of it
    worker.kill()
    assert cluster.query("SELECT status FROM jobs_job WHERE id = %s", job_id)[0] == "running", (
        "the job ended before its worker was killed: nothing was tested"
    )

    # then node 2 shows it failed, interrupted, with «Повторить», not stuck «выполняется»
    state = wait(
        lambda: (s := status_through(curator, NODE_2, job_id))["finished"] and s,
        timeout=30,
        what="the killed job to be shown failed",
        cluster=cluster,
    )
    assert state["status"] == "failed" and "Задание прервано" in state["error"], state
    page = curator.get(NODE_2, f"/jobs/{job_id}/")
    assert "Задание прервано" in page.text and f"/jobs/{job_id}/retry/" in page.text

    # and its repeat, asked through node 1, is taken by the surviving worker
    location = curator.post_form(NODE_1, f"/jobs/{job_id}/retry/", {}, page=f"/jobs/{job_id}/")
    repeat = re.fullmatch(r"/jobs/(\d+)/", location)
    assert repeat and int(repeat.group(1)) != job_id, location
    repeat_id = int(repeat.group(1))
    survivor_pid = wait(
        lambda: runner_pid(cluster, repeat_id), timeout=60, what="the repeat to start", cluster=cluster
    )
    survivor = cluster.worker_of(survivor_pid)
    assert survivor is not None and survivor is not worker
    assert cluster.query("SELECT retry_of_id FROM jobs_job WHERE id = %s", repeat_id)[0] == job_id
