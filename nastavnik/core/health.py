"""``GET /healthz``: liveness with a database check."""

from __future__ import annotations

import time

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer ``{"status": "ok", "database": {"status": "ok", "latency_ms": float}}`` with 200,
    or ``status: "error"`` with 503 when the database does not answer ``SELECT 1``."""
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": {"status": "error", "error": exc.__class__.__name__}},
            status=503,
        )
    latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return JsonResponse(
        {"status": "ok", "database": {"status": "ok", "vendor": connection.vendor, "latency_ms": latency_ms}}
    )
