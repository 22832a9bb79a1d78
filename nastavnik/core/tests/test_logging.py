"""Logs as JSON lines with the request id, the user id and the job id; ``X-Request-ID`` returned."""

import io
import json
import logging
import re

import pytest

from nastavnik.core.logging import (
    AccessJsonFormatter,
    JsonFormatter,
    RequestContextFilter,
    json_logging,
    log_context,
    valid_request_id,
)


@pytest.fixture
def json_lines():
    """Every record of the root logger as JSON lines in a buffer, as under production settings."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    django_request = logging.getLogger("django.request")
    old_level = django_request.level
    django_request.setLevel(logging.WARNING)

    def lines() -> list[dict]:
        return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]

    yield lines
    root.removeHandler(handler)
    django_request.setLevel(old_level)


@pytest.mark.django_db
def test_a_request_logs_a_json_line_with_its_request_id_and_returns_it(client, json_lines):
    # when a page that does not exist is asked for (Django logs a warning for it)
    response = client.get("/no-such-page/")

    # then the response carries a fresh request id…
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    # …and the warning is one JSON line with that id, no user (anonymous), no request object
    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /no-such-page/"
    assert line["request_id"] == request_id
    assert line["user_id"] is None
    assert "request" not in line
    assert line["timestamp"]


@pytest.mark.django_db
def test_the_request_id_of_nginx_is_kept_and_a_bad_one_replaced(client):
    # given the id nginx sends, it is the one returned
    response = client.get("/healthz", HTTP_X_REQUEST_ID="0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert response["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

    # an unsafe or overlong one is not echoed back: a fresh id is made instead
    for bad in ("<script>alert(1)</script>", "a" * 65, "short", "id with spaces 12345"):
        returned = client.get("/healthz", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert returned != bad
        assert re.fullmatch(r"[0-9a-f]{32}", returned)


@pytest.mark.django_db
def test_a_signed_in_users_line_has_the_user_id_never_the_login(client, django_user_model, json_lines):
    user = django_user_model.objects.create_user("ivanova.login", password="x-secret-123")
    client.force_login(user)

    # when the signed-in user asks for a page that does not exist
    client.get("/no-such-page/")

    # then the line names the user by id only
    [line] = [line for line in json_lines() if line["logger"] == "django.request"]
    assert line["user_id"] == user.pk
    assert "ivanova.login" not in json.dumps(line, ensure_ascii=False)


def test_a_jobs_records_carry_the_job_id_and_cyrillic_stays_readable(json_lines):
    log = logging.getLogger("nastavnik.jobs.test")
    log.setLevel(logging.INFO)

    with log_context(job_id=17):
        log.info("Пакет документов сформирован")
    log.info("после задания")

    inside, after = [line for line in json_lines() if line["logger"] == "nastavnik.jobs.test"]
    assert inside["job_id"] == 17
    assert inside["message"] == "Пакет документов сформирован"
    assert after["job_id"] is None
    assert after["request_id"] is None


def test_a_celery_task_with_a_job_id_logs_with_it(json_lines):
    # given the signals Celery sends around a task run with a job_id argument
    from celery.signals import task_postrun, task_prerun

    class RunJob:
        name = "nastavnik.jobs.tasks.run_job"

        def run(self, job_id):
            return "succeeded"

    task = RunJob()
    log = logging.getLogger("nastavnik.jobs.test")
    log.setLevel(logging.INFO)

    task_prerun.send(sender=task, task_id="t-1", task=task, args=(42,), kwargs={})
    log.info("задание выполняется")
    task_postrun.send(
        sender=task, task_id="t-1", task=task, args=(42,), kwargs={}, retval=None, state="SUCCESS"
    )
    log.info("обработчик свободен")

    during, after = [line for line in json_lines() if line["logger"] == "nastavnik.jobs.test"]
    assert during["job_id"] == 42
    assert after["job_id"] is None


def test_gunicorns_access_record_becomes_json_fields():
    # given a record as gunicorn's access logger makes it: the atoms as the mapping args
    atoms = {
        "h": "10.0.0.5",
        "m": "GET",
        "U": "/people/",
        "q": "search=Иванова",
        "r": "GET /people/?search=Иванова HTTP/1.1",
        "s": "200",
        "B": "5120",
        "M": "37",
        "a": "Mozilla/5.0",
        "{x-request-id}o": "abcdef0123456789",
    }
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(h)s %(r)s", (atoms,), None)

    line = json.loads(AccessJsonFormatter().format(record))

    assert line["method"] == "GET"
    assert line["path"] == "/people/"
    assert line["status"] == 200
    assert line["bytes"] == 5120
    assert line["duration_ms"] == 37
    assert line["request_id"] == "abcdef0123456789"
    assert "Иванова" not in json.dumps(line, ensure_ascii=False)  # no query string
    assert "message" not in line


def test_the_logging_settings_are_valid_and_the_id_check():
    config = json_logging("DEBUG")
    assert config["root"]["level"] == "DEBUG"
    assert config["handlers"]["console"]["filters"] == ["context"]
    assert valid_request_id("0f1e2d3c-4b5a-6978") == "0f1e2d3c-4b5a-6978"
    assert valid_request_id("bad id") is None
    assert valid_request_id(None) is None
