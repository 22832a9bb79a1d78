"""The API's persona tests (issue 17, build 2): nothing out of scope is reachable by list or by id.

Every list endpoint registered on the router (``nastavnik.api.urls.router``: the endpoints every
app adds are covered without touching this file), as every persona of the matrix world
(``nastavnik.testing.matrix.matrix_world``: one object of every kind in school A and its mirror
in school B), with a token as another system would call:

- the list (all its pages) holds only ids of the endpoint's reference scope — the model's
  ``for_user(user, scope_action)`` over the viewset's ``queryset``; for the few endpoints over a
  model without a scope, the rule in :data:`OWN_RULES`;
- every id of the list opens by id (200, the same id);
- every id of the model outside the reference scope is 404 by id (403 when the role holds no
  right to the endpoint at all: the list is 403 too);
- the anonymous visitor gets 401 everywhere;
- each list shows some row to some persona (an endpoint empty for all would prove nothing).
"""

from __future__ import annotations

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from nastavnik.testing.personas import ALL_PERSONAS

pytestmark = pytest.mark.django_db

#: Endpoints over a model that has no ``for_user`` (basename → the rule: user → queryset of the
#: rows they may see). A new endpoint of that kind must add its rule here.
OWN_RULES = {
    # jobs.selectors.job_for_user: the creator's own (every job for a superuser)
    "job": lambda model, user: model.objects.filter(created_by_id=user.pk),
    # a meeting is seen with its program (mentoring: the program's page lists its meetings)
    "mentoring-meeting": lambda model, user: model.objects.filter(
        program__in=_model("mentoring", "PersonalizedProgram").objects.for_user(user, "view")
    ),
}


def _model(app: str, name: str):
    from django.apps import apps

    return apps.get_model(app, name)


#: At most this many out-of-scope ids are tried by id per endpoint and persona (the smallest).
MAX_FOREIGN = 40


def _endpoints():
    from nastavnik.api.urls import router

    return [(prefix, viewset, basename) for prefix, viewset, basename in router.registry]


def _reference(viewset, basename, user):
    """The ids ``user`` may see through the endpoint, from the model's scope (as text: a key may
    be a UUID, which JSON carries as a string)."""
    base = viewset.queryset.all()
    if basename in OWN_RULES:
        return _keys(OWN_RULES[basename](base.model, user))
    if not hasattr(base, "for_user"):
        raise AssertionError(
            f"«{basename}»: модель {base.model.__name__} без for_user — добавьте правило в OWN_RULES"
        )
    action = getattr(viewset, "scope_action", None) or "view"
    return _keys(base.for_user(user, action))


def _keys(queryset) -> set[str]:
    return {str(pk) for pk in queryset.values_list("pk", flat=True)}


def _list_ids(client, url) -> tuple[int, list[str]]:
    ids: list[str] = []
    response = client.get(url, {"page_size": 500})
    if response.status_code != 200:
        return response.status_code, ids
    while True:
        body = response.json()
        ids += [str(row["id"]) for row in body["results"]]
        if not body.get("next"):
            return 200, ids
        response = client.get(body["next"])
        assert response.status_code == 200, (url, response.content)


@pytest.fixture(scope="module")
def endpoints():
    return _endpoints()


def test_every_endpoint_is_a_list_with_a_detail(endpoints):
    assert endpoints, "на маршрутизаторе API нет ни одного адреса"
    without = [basename for _, viewset, basename in endpoints if not hasattr(viewset, "retrieve")]
    assert without == [], "адреса без чтения по id не покрыты тестом персон"


def test_nothing_out_of_scope_by_list_or_by_id(endpoints):
    from nastavnik.testing.matrix import matrix_world

    mw = matrix_world()
    problems: list[str] = []
    seen: set[str] = set()  # endpoints whose list showed a row to someone
    for persona in ALL_PERSONAS:
        user = mw.users[persona]
        client = APIClient()
        if persona != "anonymous":
            _, token = AuthToken.objects.create(user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        for prefix, viewset, basename in endpoints:
            url = f"/api/v1/{prefix}/"
            where = f"{persona} {url}"
            status, listed = _list_ids(client, url)
            model = viewset.queryset.model
            every = _keys(viewset.queryset.all())
            if persona == "anonymous":
                if status != 401:
                    problems.append(f"{where}: анониму {status}, ожидался 401")
                some = sorted(every)[:3]
                for pk in some:
                    code = client.get(f"{url}{pk}/").status_code
                    if code != 401:
                        problems.append(f"{where}{pk}/: анониму {code}, ожидался 401")
                continue
            if status not in (200, 403):
                problems.append(f"{where}: список ответил {status}")
                continue
            allowed = _reference(viewset, basename, user)
            if listed:
                seen.add(basename)
            extra = set(listed) - allowed
            if extra:
                problems.append(f"{where}: в списке {model.__name__} вне области видимости: {sorted(extra)}")
            if len(listed) != len(set(listed)):
                problems.append(f"{where}: записи повторяются в списке")
            for pk in listed:
                response = client.get(f"{url}{pk}/")
                if response.status_code != 200 or str(response.json().get("id")) != pk:
                    problems.append(f"{where}{pk}/: есть в списке, но по id — {response.status_code}")
            foreign = sorted(every - allowed)[:MAX_FOREIGN]
            expected = (403, 404) if status == 403 else (404,)
            for pk in foreign:
                code = client.get(f"{url}{pk}/").status_code
                if code not in expected:
                    problems.append(f"{where}{pk}/: {model.__name__} вне области видимости открылся: {code}")
    # A list empty for every persona would prove nothing.
    problems += [
        f"{b}: ни одна персона не видит в списке ни одной записи" for _, _, b in endpoints if b not in seen
    ]
    assert problems == [], "\n".join(problems)
