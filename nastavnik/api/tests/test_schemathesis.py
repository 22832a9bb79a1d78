"""Schemathesis against the API's own schema (issue 17, build 2): every operation of
``/api/schema/``, as the curator of school A and as the coordinator of municipality 1 (knox tokens
made here, ``Authorization: Token …``), with data that fits the schema and data that does not.

Checks: no 5xx (``not_a_server_error``), every status documented (``status_code_conformance``),
the documented content type (``content_type_conformance``), a body that fits the documented
schema (``response_schema_conformance``), and no session opened for a token request. Besides the generated cases, each ``GET`` by id is called
with the ids the persona's list really returns, so that real rows are checked against the schema,
not only the 404s of random ids.

Bounded and reproducible: ``MAX_EXAMPLES`` a mode, derandomized, no deadline, no example database.
Each case runs in a savepoint rolled back after it, so every case meets the same world (and a
database error in one cannot break the next on PostgreSQL). A failure names the persona, the
operation and the request (``curl``-like) with the check's message.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nastavnik.wsgi import application

pytestmark = pytest.mark.django_db

PERSONAS = ("curator_a", "coordinator")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 4
#: A session cookie given a value (a token request must not open a session).
OPENED_SESSION = re.compile(r'sessionid=(?!"")[^;\s]+')
#: Real ids tried per ``GET …/{id}/`` (from the persona's list).
REAL_IDS = 3


@contextmanager
def _keep_connection():
    """Calls through the WSGI application, which at each request's start and end closes a
    connection that is in a transaction (PostgreSQL): it would end the test's. Disconnected for
    the call, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _call(case, headers):
    sid = transaction.savepoint()
    try:
        with _keep_connection():
            return case.call(headers=headers)
    finally:
        transaction.savepoint_rollback(sid)


def _validate(case, response, headers) -> str:
    cookies = " ".join(response.headers.get("set-cookie", []))
    if OPENED_SESSION.search(cookies):  # not its removal (a made-up sessionid is wiped: «sessionid=""»)
        return "ответ на запрос с токеном открыл сеанс (Set-Cookie: sessionid)"
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except (AssertionError, BaseExceptionGroup) as exc:  # schemathesis: a Failure or a FailureGroup
        return str(exc).strip()
    return ""


def _run_generated(operation, mode, headers, failures: list[str], where: str) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: the first failing case is named
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = _call(case, headers)
        problem = _validate(case, response, headers)
        if problem and not found:  # the first failure of an operation is enough
            found.append(f"{where} [{mode}] {case.as_curl_command(headers=headers)}\n{problem}")

    found: list[str] = []
    try:
        run()
    except Unsatisfiable:
        pass  # no data of this mode fits (a path id of any text has no «wrong type» in a URL)
    except Exception as exc:  # reported, with the operation named
        found.append(f"{where} [{mode}]: {type(exc).__name__}: {exc}")
    failures += found


def _list_path(path: str) -> str:
    return path.rsplit("{", 1)[0]


def _run_real_ids(operation, client_headers, failures: list[str], where: str, api_client) -> None:
    path = operation.path
    if operation.method.upper() != "GET" or not path.endswith("{id}/") or path.count("{") != 1:
        return
    listed = api_client.get(_list_path(path), {"page_size": REAL_IDS})
    if listed.status_code != 200:
        return
    for row in listed.json().get("results", [])[:REAL_IDS]:
        case = operation.Case(path_parameters={"id": row["id"]})
        response = _call(case, client_headers)
        problem = _validate(case, response, client_headers)
        if problem:
            failures.append(f"{where} id={row['id']}: {problem}")
            return


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_operation_keeps_to_the_schema(persona):
    from rest_framework.test import APIClient

    from nastavnik.testing.matrix import matrix_world

    mw = matrix_world()
    _, token = AuthToken.objects.create(mw.users[persona])
    headers = {"Authorization": f"Token {token}"}
    with _keep_connection():
        schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, headers=headers)
    api_client = APIClient()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        where = f"{persona} {operation.method.upper()} {operation.path}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run_generated(operation, mode, headers, failures, where)
        _run_real_ids(operation, headers, failures, where, api_client)

    assert operations > 0
    assert failures == [], f"{len(failures)} операций нарушают схему:\n\n" + "\n\n".join(failures)
