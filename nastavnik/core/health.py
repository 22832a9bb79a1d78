"""``GET /healthz``: is this node able to serve — the database, Redis and the Celery workers.

For load balancers, orchestrators and monitoring, not for people: keys are English, no secret
(no address, no password, no error message — only the error's class name) is ever shown.
Answers within about two seconds whatever is down: Redis is asked with a 0.5 s socket timeout,
the workers with a 1 s ping, both at once in threads and given up after :data:`CHECK_DEADLINE`.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

#: Seconds the Redis and workers checks together may take before they are reported as timed out.
CHECK_DEADLINE = 1.5
#: Socket timeouts of the Redis ping, seconds.
REDIS_TIMEOUT = 0.5
#: How long the Celery workers are given to answer the ping, seconds.
WORKERS_TIMEOUT = 1.0

_executor = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")
atexit.register(_executor.shutdown, wait=False, cancel_futures=True)


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def check_database() -> dict:
    """``SELECT 1`` on the default database: ``{"status": "ok", "vendor": str, "latency_ms": float}``
    or ``{"status": "error", "error": <exception class name>}``; never raises a DatabaseError."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"status": "error", "error": exc.__class__.__name__}
    return {"status": "ok", "vendor": connection.vendor, "latency_ms": _ms(started)}


def jobs_on_celery() -> bool:
    """Whether background jobs go to Celery workers (``NASTAVNIK_JOBS_BACKEND="celery"``)."""
    return getattr(settings, "NASTAVNIK_JOBS_BACKEND", "thread") == "celery"


def redis_url() -> str | None:
    """The Redis this node needs, or None: the cache's when the default cache is Redis, else
    ``REDIS_URL`` when jobs run on Celery (its broker)."""
    cache = settings.CACHES.get("default", {})
    if cache.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        location = cache.get("LOCATION")
        return location[0] if isinstance(location, list | tuple) else location
    if jobs_on_celery():
        return getattr(settings, "CELERY_BROKER_URL", None) or getattr(settings, "REDIS_URL", None)
    return None


def check_redis(url: str) -> dict:
    """``PING`` to the Redis at ``url`` with :data:`REDIS_TIMEOUT`: ``{"status": "ok", "latency_ms"}``
    or ``{"status": "error", "error": <class name>}``; never raises."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    started = time.perf_counter()
    try:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT,
            socket_timeout=REDIS_TIMEOUT,
            retry=Retry(NoBackoff(), 0),
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # a health check reports, it does not fail
        return {"status": "error", "error": exc.__class__.__name__}
    return {"status": "ok", "latency_ms": _ms(started)}


def check_workers() -> dict:
    """Ping the Celery workers (``nastavnik.celery.workers_ping``) for :data:`WORKERS_TIMEOUT`:
    ``{"status": "ok", "workers": <how many answered>, "latency_ms"}``, ``{"status": "error",
    "error": "NoWorkers"}`` when none answered, or the class name of the broker's error."""
    started = time.perf_counter()
    try:
        # Not an app: core may use it (test_architecture); imported here, where Celery is chosen.
        from nastavnik.celery import workers_ping

        names = workers_ping(timeout=WORKERS_TIMEOUT)
    except Exception as exc:
        return {"status": "error", "error": exc.__class__.__name__}
    if not names:
        return {"status": "error", "error": "NoWorkers"}
    return {"status": "ok", "workers": len(names), "latency_ms": _ms(started)}


def run_checks() -> dict[str, dict]:
    """Every check this node's settings call for, by name: ``database`` always, ``redis`` when a
    Redis is configured (:func:`redis_url`), ``workers`` when jobs run on Celery. The two last run
    in threads at once; one not done within :data:`CHECK_DEADLINE` is ``{"status": "error",
    "error": "Timeout"}``."""
    checks = {"database": check_database()}
    background: dict[str, Callable[[], dict]] = {}
    if url := redis_url():
        background["redis"] = lambda: check_redis(url)
    if jobs_on_celery():
        background["workers"] = check_workers
    futures = {name: _executor.submit(check) for name, check in background.items()}
    deadline = time.monotonic() + CHECK_DEADLINE
    for name, future in futures.items():
        try:
            checks[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:
            checks[name] = {"status": "error", "error": "Timeout"}
    return checks


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer ``{"status": "ok", "checks": {name: {"status": "ok", …}}}`` with 200, or
    ``{"status": "error", "failed": [names], "checks": {…}}`` with 503 when any check failed
    (:func:`run_checks`)."""
    checks = run_checks()
    failed = [name for name, result in checks.items() if result["status"] != "ok"]
    if failed:
        return JsonResponse({"status": "error", "failed": failed, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})
