"""The API's common parts (``core.api``): Russian JSON errors with field names, 401/403/404,
keyset pagination in constant queries, the HTML lists' FilterSets under DRF (issue 17, build 1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient

from nastavnik.access.rules import DEFAULT_REFUSAL
from nastavnik.core import api as core_api
from nastavnik.people.models import Employment, Person
from nastavnik.testing import factories as f

PEOPLE = "/api/v1/people/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


# --- errors ------------------------------------------------------------------------------------


def test_without_credentials_401_in_russian(world):
    response = APIClient().get(PEOPLE)

    assert response.status_code == 401
    assert response.json() == {"detail": core_api.NOT_AUTHENTICATED}
    assert response["WWW-Authenticate"] == "Token"


def test_bad_token_401_in_russian(world):
    response = APIClient().get(PEOPLE, HTTP_AUTHORIZATION="Token " + "0" * 64)

    assert response.status_code == 401
    assert response.json() == {"detail": core_api.BAD_TOKEN}


def test_out_of_scope_id_is_404_like_a_missing_one(world):
    client = client_for(world.users["curator_b"])

    foreign = client.get(f"{PEOPLE}{world.teacher_a.pk}/")
    missing = client.get(f"{PEOPLE}999999/")
    garbage = client.get(f"{PEOPLE}abc/")

    assert foreign.status_code == missing.status_code == garbage.status_code == 404
    assert foreign.json() == missing.json() == garbage.json() == {"detail": "Не найдено."}


def test_role_without_the_right_anywhere_403(world):
    # The mentee sees their own card but not the list of an organization's people? They hold
    # «person view» (their own card), so pick a model they have no right to: none here; the
    # anonymous-like case is an active user with no role at all.
    nobody = f.UserFactory(username="nobody")

    response = client_for(nobody).get(PEOPLE)

    assert response.status_code == 403
    assert response.json() == {"detail": DEFAULT_REFUSAL}


def test_drf_validation_error_names_the_fields(world):
    response = client_for(world.users["curator_a"]).post(
        PEOPLE, {"first_name": "Анна", "sex": "x", "birth_date": "вчера"}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == core_api.INVALID_INPUT
    assert {"last_name", "sex", "birth_date", "organization"} <= set(body["errors"])
    assert all(isinstance(m, str) and m for ms in body["errors"].values() for m in ms)
    assert "required" not in str(body)  # DRF's messages come translated


def test_service_validation_error_with_fields_names_them(world):
    # СНИЛС with a wrong checksum passes the serializer (a string) and is refused by the service.
    response = client_for(world.users["curator_a"]).post(
        PEOPLE,
        {
            "last_name": "Новикова",
            "first_name": "Анна",
            "sex": "F",
            "birth_date": "1990-01-01",
            "snils": "112-233-445 00",
            "organization": world.school_a.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["detail"] == core_api.INVALID_INPUT
    assert list(response.json()["errors"]) == ["snils"]
    assert not Person.objects.filter(last_name="Новикова").exists()  # nothing half-written


def test_service_permission_denied_is_403_with_its_reason(world):
    # The mentor sees their mentee's card but may not change it: the service refuses.
    response = client_for(world.users["mentor_a"]).patch(
        f"{PEOPLE}{world.mentee_a.pk}/", {"phone": "+7 900 000-00-00"}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": DEFAULT_REFUSAL}
    world.mentee_a.refresh_from_db()
    assert world.mentee_a.phone != "+7 900 000-00-00"


@pytest.mark.parametrize(
    ("exc", "status", "body"),
    [
        (
            ValidationError({"ended_on": "Рано.", "__all__": "Целиком."}),
            400,
            {
                "detail": core_api.INVALID_INPUT,
                "errors": {"ended_on": ["Рано."], "non_field_errors": ["Целиком."]},
            },
        ),
        (
            ValidationError("Без поля."),
            400,
            {"detail": core_api.INVALID_INPUT, "errors": {"non_field_errors": ["Без поля."]}},
        ),
        (
            ValidationError(["Первая.", "Вторая."]),
            400,
            {"detail": core_api.INVALID_INPUT, "errors": {"non_field_errors": ["Первая.", "Вторая."]}},
        ),
        (PermissionDenied("Программа уже утверждена."), 403, {"detail": "Программа уже утверждена."}),
        (PermissionDenied(), 403, {"detail": DEFAULT_REFUSAL}),
    ],
)
def test_exception_handler_turns_service_errors_into_russian_json(exc, status, body):
    response = core_api.exception_handler(exc, {})

    assert response.status_code == status
    assert response.data == body


def test_unknown_exception_is_left_to_the_server_error_handler():
    assert core_api.exception_handler(RuntimeError("сбой"), {}) is None


def test_unparsable_body_is_400_in_russian(world):
    client = client_for(world.users["curator_a"])

    response = client.generic("POST", PEOPLE, "{не json", content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": core_api.PARSE_ERROR}


def test_session_write_without_csrf_token_is_403_in_russian(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.users["curator_a"])

    response = client.post(PEOPLE, {"last_name": "Х"}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": core_api.CSRF_FAILED}


# --- filters -----------------------------------------------------------------------------------


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_list_uses_the_html_lists_filterset(world):
    client = client_for(world.users["coordinator"])
    everyone = _ids(client.get(PEOPLE))

    in_a = _ids(client.get(PEOPLE, {"organization": world.school_a.pk}))
    by_name = _ids(client.get(PEOPLE, {"q": "Наставникова"}))

    assert world.mentor_a.pk in in_a and world.teacher_b.pk not in everyone
    assert in_a <= everyone
    assert by_name == {world.mentor_a.pk}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"organization": "abc"}, "organization"),
        ({"organization": "99999999999999999999"}, "organization"),
        ({"qualification_category": "высшая-превысшая"}, "qualification_category"),
        ({"position": "-1"}, "position"),
        ({"municipality": "\x00"}, "municipality"),
    ],
)
def test_garbage_in_a_filter_is_400_naming_it(world, params, field):
    response = client_for(world.users["coordinator"]).get(PEOPLE, params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == core_api.INVALID_INPUT
    assert field in body["errors"]


def test_filter_by_a_unit_out_of_scope_is_400_not_its_people(world):
    response = client_for(world.users["curator_a"]).get(PEOPLE, {"organization": world.school_b.pk})

    assert response.status_code == 400
    assert "organization" in response.json()["errors"]


def test_damaged_cursor_is_404_in_russian(world):
    response = client_for(world.users["curator_a"]).get(PEOPLE, {"cursor": "не-курсор"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Неверный курсор страницы."}


# --- pagination --------------------------------------------------------------------------------


def test_keyset_pages_cost_the_same_queries_at_any_depth(world):
    people = f.people_in_bulk(300, last_name="Страничкина", first=50_000)
    Employment.objects.bulk_create(
        Employment(person=p, organization=world.school_a, started_on=dt.date(2020, 9, 1)) for p in people
    )
    # A token, as a system paging through would: each request reads the user and the scope anew.
    _, token = AuthToken.objects.create(world.users["curator_a"])
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    url, seen, queries = f"{PEOPLE}?page_size=100", [], []
    while url:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        assert "count" not in body  # no COUNT(*) over the scope
        seen += [row["id"] for row in body["results"]]
        queries.append(len(ctx.captured_queries))
        url = body["next"]

    assert len(queries) >= 3
    assert queries[0] == queries[2] == queries[-1], queries
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    assert set(seen) == set(Person.objects.for_user(world.users["curator_a"]).values_list("pk", flat=True))
