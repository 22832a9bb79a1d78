"""Tokens of the REST API on the profile page (issue 17, build 1): made and shown once, listed by
their first characters, revoked one by one or all, written to the journal; a token request to
the API is not stopped by the account middleware and opens no session."""

import datetime as dt
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from nastavnik.accounts.models import ApiToken
from nastavnik.accounts.services import password_require_change
from nastavnik.accounts.tokens import api_token_create
from nastavnik.audit.choices import LogAction
from nastavnik.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_token_is_shown_once_and_listed_by_its_first_characters(world):
    curator = world.users["curator_a"]
    client = _signed_in(curator)
    assert "Токены доступа к API" in client.get("/account/").content.decode()

    page = client.post("/account/api-tokens/create/")
    html = page.content.decode()
    token = re.search(r'id="api-token"[^>]*value="([^"]+)"', html).group(1)

    assert "Скопируйте токен сейчас" in html
    assert "no-store" in page["Cache-Control"]
    row = ApiToken.objects.get(user=curator)
    assert token.startswith(row.token_key) and len(token) > len(row.token_key)
    profile = client.get("/account/").content.decode()
    assert row.token_key in profile and token not in profile


def test_the_token_opens_the_api_with_the_users_scope_until_revoked(world):
    curator = world.users["curator_a"]
    client = _signed_in(curator)
    _, token = api_token_create(user=curator)
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")

    ids = {row["id"] for row in api.get(PEOPLE).json()["results"]}
    assert world.teacher_a.pk in ids and world.teacher_b.pk not in ids

    key = ApiToken.objects.get(user=curator).token_key
    response = client.post(f"/account/api-tokens/{key}/revoke/")
    assert response.status_code == 302
    assert "Токен отозван" in client.get(response.url).content.decode()
    assert api.get(PEOPLE).status_code == 401


def test_revoke_all(world):
    curator = world.users["curator_a"]
    tokens = [api_token_create(user=curator)[1] for _ in range(3)]

    _signed_in(curator).post("/account/api-tokens/all/revoke/")

    assert not ApiToken.objects.filter(user=curator).exists()
    for token in tokens:
        assert Client(HTTP_AUTHORIZATION=f"Token {token}").get(PEOPLE).status_code == 401


def test_someone_elses_token_cannot_be_revoked(world):
    _, token = api_token_create(user=world.users["curator_b"])
    key = ApiToken.objects.get(user=world.users["curator_b"]).token_key

    response = _signed_in(world.users["curator_a"]).post(f"/account/api-tokens/{key}/revoke/")

    assert response.status_code == 404
    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get(PEOPLE).status_code == 200


def test_revoking_needs_a_post(world):
    api_token_create(user=world.users["curator_a"])
    key = ApiToken.objects.get().token_key

    assert _signed_in(world.users["curator_a"]).get(f"/account/api-tokens/{key}/revoke/").status_code == 405
    assert ApiToken.objects.exists()


def test_making_and_revoking_are_in_the_journal(world):
    curator = world.users["curator_a"]
    client = _signed_in(curator)
    client.post("/account/api-tokens/create/")
    key = ApiToken.objects.get(user=curator).token_key
    client.post(f"/account/api-tokens/{key}/revoke/")

    events = AuditEvent.objects.filter(object_pk=key).order_by("pk")
    assert [e.action for e in events] == [LogAction.CREATE, LogAction.DELETE]
    assert all(e.actor == curator for e in events)
    assert all(e.content_type.model_class() is ApiToken for e in events)
    assert events[0].object_repr == f"Токен доступа к API «{key}…»"


def test_an_expired_token_is_refused_and_not_listed(world):
    curator = world.users["curator_a"]
    row, token = api_token_create(user=curator)
    ApiToken.objects.filter(pk=row.pk).update(expiry=timezone.now() - dt.timedelta(minutes=1))

    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get(PEOPLE).status_code == 401
    assert row.token_key not in _signed_in(curator).get("/account/").content.decode()


def test_the_number_of_tokens_is_limited(world, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
    curator = world.users["curator_a"]
    client = _signed_in(curator)
    client.post("/account/api-tokens/create/")
    client.post("/account/api-tokens/create/")

    response = client.post("/account/api-tokens/create/", follow=True)

    assert ApiToken.objects.filter(user=curator).count() == 2
    assert "наибольшее число" in response.content.decode()


def test_a_token_request_passes_the_account_middleware_and_opens_no_session(world):
    # given a password set by somebody else: the pages of a signed-in session lead to the change
    curator = world.users["curator_a"]
    _, token = api_token_create(user=curator)
    password_require_change(user=curator)
    sessions = Session.objects.count()

    # when another system calls the API with the token
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get(PEOPLE)

    # then it gets its JSON, not a redirect to a page, and no session is made for it
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == sessions


def test_a_session_that_must_change_the_password_gets_json_from_the_api(world):
    # given a password set by somebody else, and the owner signed in with it
    curator = world.users["curator_a"]
    password_require_change(user=curator)
    client = _signed_in(curator)

    # when the browser calls the API with that session
    response = client.get(PEOPLE)

    # then JSON says what to do (the pages lead to the change page)

    assert response.status_code == 403
    assert "смените его" in response.json()["detail"]
