"""The people and organizations endpoints (issue 17, build 1): the pages' fields (never the
address or the identity document), writes through the pages' services with the user's rights,
the card's version (a change made meanwhile by someone else is not overwritten: 409)."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from nastavnik.people.models import Employment, Person

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_card_shows_what_the_page_shows_and_not_the_document(world):
    world.teacher_a.address = "г. Сургут, ул. Тайная, 1"
    world.teacher_a.id_document_number = "6700 123456"
    world.teacher_a.save()

    body = client_for(world.users["curator_a"]).get(f"{PEOPLE}{world.teacher_a.pk}/").json()

    assert body["full_name"] == world.teacher_a.full_name
    assert body["snils"] == world.teacher_a.snils_display
    assert [e["organization"]["id"] for e in body["employments"]] == [world.school_a.pk]
    text = str(body)
    assert "Тайная" not in text and "123456" not in text
    assert not {"address", "id_document_number", "id_document_issued_on", "id_document_issued_by"} & set(body)


def test_the_list_shows_the_columns_of_the_page(world):
    rows = client_for(world.users["coordinator"]).get(PEOPLE).json()["results"]

    row = next(r for r in rows if r["id"] == world.mentor_a.pk)
    assert row["full_name"] == world.mentor_a.full_name
    assert [e["organization_label"] for e in row["current_employments"]] == [
        world.school_a.label_with_municipality
    ]
    assert "snils" not in row and "birth_date" not in row


def test_create_through_the_service_answers_with_the_card(world):
    response = client_for(world.users["curator_a"]).post(
        PEOPLE,
        {
            "last_name": "Новикова",
            "first_name": "Анна",
            "sex": "F",
            "birth_date": "1990-05-01",
            "snils": "",
            "organization": world.school_a.pk,
            "started_on": "2026-09-01",
            "address": "г. Сургут, ул. Новая, 2",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    person = Person.objects.get(last_name="Новикова")
    assert response.json()["id"] == person.pk
    assert person.address == "г. Сургут, ул. Новая, 2" and "address" not in response.json()
    assert person.employments.get().organization == world.school_a


def test_create_in_an_organization_out_of_reach_is_400_and_writes_nothing(world):
    response = client_for(world.users["curator_a"]).post(
        PEOPLE,
        {"last_name": "Чужая", "first_name": "Анна", "sex": "F", "birth_date": "1990-05-01",
         "organization": world.school_b.pk},
        format="json",
    )  # fmt: skip

    assert response.status_code == 400
    assert "organization" in response.json()["errors"]
    assert not Person.objects.filter(last_name="Чужая").exists()


def test_change_with_the_version_read(world):
    client = client_for(world.users["curator_a"])
    card = client.get(f"{PEOPLE}{world.teacher_a.pk}/").json()

    response = client.patch(
        f"{PEOPLE}{world.teacher_a.pk}/",
        {"phone": "+7 900 111-22-33", "version": card["version"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "+7 900 111-22-33"
    assert response.json()["version"] == card["version"] + 1


def test_a_change_made_meanwhile_is_not_overwritten(world):
    # given the card read by the curator, then changed by the head
    curator, head = client_for(world.users["curator_a"]), client_for(world.users["head_a"])
    url = f"{PEOPLE}{world.teacher_a.pk}/"
    read = curator.get(url).json()
    assert (
        head.patch(url, {"phone": "+7 900 000-00-01", "version": read["version"]}, format="json").status_code
        == 200
    )

    # when the curator saves her change made on the old version
    response = curator.patch(url, {"phone": "+7 900 000-00-02", "version": read["version"]}, format="json")

    # then it is refused, with the stored card to compare, and the head's change stays
    assert response.status_code == 409
    body = response.json()
    assert "изменена другим пользователем" in body["detail"]
    assert body["version"] == read["version"] + 1
    assert body["current"]["phone"] == "+7 900 000-00-01"
    world.teacher_a.refresh_from_db()
    assert world.teacher_a.phone == "+7 900 000-00-01"


def test_places_of_work_through_the_services(world):
    client = client_for(world.users["curator_a"])
    person = world.teacher_a
    job = person.employments.get()
    job.started_on = dt.date(2020, 9, 1)
    job.save()

    added = client.post(
        f"{PEOPLE}{person.pk}/employments/",
        {"organization": world.school_a.pk, "started_on": "2026-09-01", "is_primary": True},
        format="json",
    )
    end = f"{PEOPLE}{person.pk}/employments/{job.pk}/end/"
    closed = client.post(end, {"ended_on": "2026-06-30"}, format="json")
    again = client.post(end, {"ended_on": "2026-06-30"}, format="json")

    # already employed there (one open job per organization): the service's refusal, named
    assert added.status_code == 400
    assert added.json()["errors"]
    assert closed.status_code == 200, closed.content
    assert closed.json()["ended_on"] == "2026-06-30"
    assert Employment.objects.get(pk=job.pk).ended_on == dt.date(2026, 6, 30)
    # with no job left in school A the person has left its curator's scope
    assert again.status_code == 404


def test_someone_elses_place_of_work_is_404(world):
    other = world.mentor_a.employments.get()

    response = client_for(world.users["curator_a"]).post(
        f"{PEOPLE}{world.teacher_a.pk}/employments/{other.pk}/end/", {"ended_on": "2026-06-30"}, format="json"
    )

    assert response.status_code == 404
    assert Employment.objects.get(pk=other.pk).ended_on is None


def test_organizations_with_the_pages_filters(world):
    client = client_for(world.users["coordinator"])

    schools = client.get("/api/v1/organizations/", {"level": "organization"}).json()["results"]
    found = client.get("/api/v1/organizations/", {"q": "№ 1"}).json()["results"]
    garbage = client.get("/api/v1/organizations/", {"level": "галактика"})

    assert {r["id"] for r in schools} == {world.school_a.pk}
    assert [r["id"] for r in found] == [world.school_a.pk]
    assert found[0]["label"] == world.school_a.label_with_municipality
    assert garbage.status_code == 400 and "level" in garbage.json()["errors"]
    assert client.get(f"/api/v1/organizations/{world.school_b.pk}/").status_code == 404


def test_a_change_signed_by_a_token_is_journaled_under_its_user(world):
    """The journal's actor of a change made with a token is the token's user, as for a page
    (the middleware knows no user before DRF authenticates the token)."""
    from knox.models import AuthToken

    from nastavnik.audit.models import AuditEvent

    curator = world.users["curator_a"]
    _, token = AuthToken.objects.create(curator)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    card = client.get(f"{PEOPLE}{world.teacher_a.pk}/").json()

    response = client.patch(
        f"{PEOPLE}{world.teacher_a.pk}/",
        {"phone": "+7 900 111-22-44", "version": card["version"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    entry = AuditEvent.objects.filter(object_pk=str(world.teacher_a.pk), content_type__model="person").latest(
        "timestamp"
    )
    assert entry.actor == curator
