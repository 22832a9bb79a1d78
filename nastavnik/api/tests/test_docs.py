"""The API's schema and docs (issue 17, build 1): for signed-in users (a session or a token), a
valid OpenAPI 3 document with the project's error answers; any other address under ``/api/``
answers 404 in JSON."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from knox.models import AuthToken

from nastavnik.core import api as core_api

pytestmark = pytest.mark.django_db


def test_the_docs_page_sends_an_anonymous_visitor_to_the_login(world):
    response = Client().get("/api/docs/")

    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_the_docs_page_opens_for_a_signed_in_user(world):
    client = Client()
    client.force_login(world.users["mentee_a"])

    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert '<script src="/api/docs/?script="></script>' in response.content.decode()  # no inline script (CSP)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert "/api/schema/" in script.content.decode()


def test_the_schema_is_401_in_russian_without_credentials(world):
    response = Client().get("/api/schema/?format=json")

    assert response.status_code == 401
    assert response.json() == {"detail": core_api.NOT_AUTHENTICATED}


def test_the_schema_with_a_token(world):
    _, token = AuthToken.objects.create(world.users["coordinator"])

    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/schema/?format=json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/people/" in schema["paths"]
    assert schema["info"]["title"] == "API «Наставник»"


def test_the_schema_is_valid_openapi_and_documents_the_errors():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)  # raises on an invalid document
    people = schema["paths"]["/api/v1/people/"]
    assert {"400", "401", "403", "404"} <= set(people["get"]["responses"])
    assert {"201", "400", "401", "403"} <= set(people["post"]["responses"])
    detail = schema["paths"]["/api/v1/people/{id}/"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(detail)
    assert detail["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    errors = schema["components"]["schemas"]["ValidationError"]["properties"]
    assert set(errors) == {"detail", "errors"}


def test_the_person_card_leaves_out_the_address_and_the_identity_document():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    card = schema["components"]["schemas"]["Person"]["properties"]

    assert "snils" in card
    assert not {"address", "id_document_number", "id_document_issued_on", "id_document_issued_by"} & set(card)


@pytest.mark.parametrize("path", ["/api/v1/people/1.5/", "/api/v1/нет-такого/", "/api/v2/", "/api/x"])
def test_any_other_address_under_api_is_404_in_json(world, path):
    client = Client()
    client.force_login(world.users["curator_a"])

    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Не найдено."}


def test_an_address_without_the_final_slash_says_so(world):
    client = Client()
    client.force_login(world.users["curator_a"])

    response = client.get("/api/v1/people")

    assert response.status_code == 404
    assert response.json() == {
        "detail": "Не найдено: адрес должен оканчиваться косой чертой — /api/v1/people/"
    }
