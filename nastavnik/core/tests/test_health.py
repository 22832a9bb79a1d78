"""``GET /healthz``: 200 with the database answering, 503 without it."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_is_ok_with_the_database(client):
    # when the health endpoint is asked, anonymously
    response = client.get("/healthz")

    # then it answers 200 JSON with the database ok, and is never cached
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"
    assert body["database"]["latency_ms"] >= 0
    assert "no-cache" in response["Cache-Control"]


def test_health_is_503_when_the_database_fails(client):
    # given a database whose cursor cannot be opened
    with mock.patch("django.db.connection.cursor", side_effect=OperationalError("connection refused")):
        # when the health endpoint is asked
        response = client.get("/healthz")

    # then it answers 503 JSON naming the error class, not the message
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": {"status": "error", "error": "OperationalError"},
    }


def test_health_accepts_get_only(client):
    # when something is posted to the health endpoint, then it is refused with 405
    assert client.post("/healthz").status_code == 405
