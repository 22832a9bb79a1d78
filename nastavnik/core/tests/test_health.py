"""``GET /healthz``: the database always, Redis and the Celery workers when the settings call for
them; 200 when all answer, 503 naming what failed, within about two seconds whatever is down."""

import time
from unittest import mock

import pytest
from django.db import OperationalError

from nastavnik.core import health

pytestmark = pytest.mark.django_db

REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
}
#: A port nothing listens on: the connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def _redis_is_up() -> bool:
    return health.check_redis("redis://127.0.0.1:6379/15")["status"] == "ok"


def test_health_is_ok_with_the_database(client):
    # when the health endpoint is asked, anonymously, under the embedded defaults
    response = client.get("/healthz")

    # then it answers 200 JSON with the database ok, nothing else to check, never cached
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database"}
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["latency_ms"] >= 0
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_fails(client):
    # given a database whose cursor cannot be opened
    with mock.patch("django.db.connection.cursor", side_effect=OperationalError("password=secret refused")):
        # when the health endpoint is asked
        response = client.get("/healthz")

    # then it answers 503 JSON naming the failed check and the error class, not the message
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "failed": ["database"],
        "checks": {"database": {"status": "error", "error": "OperationalError"}},
    }


def test_health_accepts_get_only(client):
    # when something is posted to the health endpoint, then it is refused with 405
    assert client.post("/healthz").status_code == 405


def test_redis_is_checked_when_the_cache_is_redis(client, settings):
    if not _redis_is_up():
        pytest.skip("Redis на 127.0.0.1:6379 не запущен")
    settings.CACHES = REDIS_CACHE

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["redis"]["status"] == "ok"


def test_redis_down_is_503_fast_and_shows_no_address(client, settings):
    # given a Redis cache that refuses connections
    settings.CACHES = {"default": {**REDIS_CACHE["default"], "LOCATION": DEAD_REDIS}}

    started = time.perf_counter()
    response = client.get("/healthz")
    elapsed = time.perf_counter() - started

    # then 503 names redis, quickly, without the address
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["redis"] == {"status": "error", "error": "ConnectionError"}
    assert body["checks"]["database"]["status"] == "ok"
    assert "127.0.0.1" not in response.content.decode()
    assert elapsed < 2


def test_workers_are_checked_when_jobs_run_on_celery(client, settings):
    pytest.importorskip("nastavnik.celery")
    # given jobs on Celery with two workers answering the ping (Redis as the broker)
    if not _redis_is_up():
        pytest.skip("Redis на 127.0.0.1:6379 не запущен")
    settings.NASTAVNIK_JOBS_BACKEND = "celery"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    with mock.patch("nastavnik.celery.workers_ping", return_value=["w1@host", "w2@host"]) as ping:
        response = client.get("/healthz")

    # then both Redis and the workers are reported
    assert response.status_code == 200, response.json()
    checks = response.json()["checks"]
    assert checks["workers"]["status"] == "ok"
    assert checks["workers"]["workers"] == 2
    assert checks["redis"]["status"] == "ok"
    ping.assert_called_once_with(timeout=health.WORKERS_TIMEOUT)

    # and no worker answering is a 503 naming the workers
    with mock.patch("nastavnik.celery.workers_ping", return_value=[]):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["workers"]
    assert response.json()["checks"]["workers"] == {"status": "error", "error": "NoWorkers"}


def test_a_hanging_check_is_cut_at_the_deadline(client, settings):
    pytest.importorskip("nastavnik.celery")
    # given jobs on Celery whose ping hangs far longer than the deadline, and Redis down
    settings.NASTAVNIK_JOBS_BACKEND = "celery"
    settings.CELERY_BROKER_URL = DEAD_REDIS

    def hang(timeout):
        time.sleep(5)
        return ["w1@host"]

    with mock.patch("nastavnik.celery.workers_ping", side_effect=hang):
        started = time.perf_counter()
        response = client.get("/healthz")
        elapsed = time.perf_counter() - started

    # then the answer comes within about two seconds, naming both
    assert elapsed < 2.2
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis", "workers"]
    assert body["checks"]["workers"] == {"status": "error", "error": "Timeout"}


def test_the_real_ping_with_the_broker_down_reports_an_error_in_time(settings):
    pytest.importorskip("nastavnik.celery")
    # given jobs on Celery with a broker that refuses connections (no mock of the ping)
    settings.NASTAVNIK_JOBS_BACKEND = "celery"
    settings.CELERY_BROKER_URL = DEAD_REDIS

    started = time.perf_counter()
    checks = health.run_checks()

    assert time.perf_counter() - started < 2.2
    assert checks["workers"]["status"] == "error"
