"""The roadmaps' REST API (issue 17, build 1) as the personas: lists narrowed to the scope of the
pages, out-of-scope ids 404, the workflow's steps refused with a Russian 403 for a role without
the right and taken for one with it (the same history as the page writes), invalid input a 400
keyed by field, constant queries per page (seed 002 §6, 000 §4.2 and App. 2)."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nastavnik.audit.choices import AccessKind
from nastavnik.audit.models import AuditEvent
from nastavnik.roadmaps.choices import ItemStatus, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvent, RoadmapEvidence, RoadmapItem
from nastavnik.roadmaps.tests.conftest import SMALL_PLAN
from nastavnik.testing.api import api, ids
from nastavnik.testing.personas import extend_world

pytestmark = pytest.mark.django_db

LIST = "/api/v1/roadmaps/"
ACTIVITIES = "/api/v1/roadmap-activities/"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture
def roadmaps(world, roadmap_maker):
    """The draft roadmaps of school A, school B, municipality 1 and the region."""
    extend_world(world)
    return {
        "a": roadmap_maker(world.school_a),
        "b": roadmap_maker(world.school_b),
        "muni1": roadmap_maker(world.muni1),
        "region": roadmap_maker(world.region),
    }


def test_lists_are_the_scope_of_the_pages(world, roadmaps):
    a, b, muni1, region = roadmaps["a"], roadmaps["b"], roadmaps["muni1"], roadmaps["region"]
    expected = {
        # an organization sees its own roadmap and the ones above it answers to
        "curator_a": {a.pk, muni1.pk, region.pk},
        "head_a": {a.pk, muni1.pk, region.pk},
        "curator_b": {b.pk, region.pk},
        "coordinator": {a.pk, muni1.pk, region.pk},
        "operator": {a.pk, b.pk, muni1.pk, region.pk},
        "national": {a.pk, b.pk, muni1.pk, region.pk},
    }
    for persona, wanted in expected.items():
        assert ids(api(world, persona).get(LIST)) == wanted, persona
        assert Roadmap.objects.for_user(world.users[persona], "view").filter(pk__in=wanted).count() == len(
            wanted
        )
    # the mentor has no roadmap right: refused, in Russian
    response = api(world, "mentor_a").get(LIST)
    assert response.status_code == 403
    assert response.json() == {"detail": "Нет прав на это действие."}
    assert api(world, "anonymous").get(LIST).status_code in (401, 403)


def test_out_of_scope_ids_are_404(world, roadmaps):
    b = roadmaps["b"]
    item_b = b.items.first()
    client = api(world, "curator_a")
    for url in (
        f"{LIST}{b.pk}/",
        f"{LIST}{b.pk}/submit/",
        f"{ACTIVITIES}{item_b.pk}/",
        f"{ACTIVITIES}{item_b.pk}/report/",
        f"{LIST}999999/",
    ):
        if url.endswith(("submit/", "report/")):
            response = client.post(url, {"status": "done"}, format="json")
        else:
            response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Не найдено."}
    assert item_b.pk not in ids(client.get(ACTIVITIES))
    assert ids(client.get(ACTIVITIES, {"roadmap": b.pk})) == set()


def test_detail_has_the_plan_progress_and_the_steps_of_the_user(world, roadmaps):
    a = roadmaps["a"]
    data = api(world, "curator_a").get(f"{LIST}{a.pk}/").json()
    assert data["owner_name"] == world.school_a.full_name
    assert data["status"] == RoadmapStatus.DRAFT and data["status_display"] == "Проект"
    assert [row["number"] for row in data["activities"]] == [row[0] for row in SMALL_PLAN]
    assert {row["section"] for row in data["activities"]} == {s["id"] for s in data["sections"]}
    assert data["progress"]["total"] == len(SMALL_PLAN)
    assert data["actions"] == ["submit"]
    # the coordinator approves it only once submitted; the national operator takes no step
    assert api(world, "coordinator").get(f"{LIST}{a.pk}/").json()["actions"] == []
    assert api(world, "national").get(f"{LIST}{a.pk}/").json()["actions"] == []


def test_filterset_of_the_list_page(world, roadmaps):
    client = api(world, "operator")
    assert ids(client.get(LIST, {"level": "organization"})) == {roadmaps["a"].pk, roadmaps["b"].pk}
    assert ids(client.get(LIST, {"q": "СОШ № 2"})) == {roadmaps["b"].pk}
    assert ids(client.get(LIST, {"year": 2040})) == set()
    response = client.get(LIST, {"status": "нет-такого", "year": "много"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Проверьте введённые данные."
    assert set(body["errors"]) == {"status", "year"}
    assert all(CYRILLIC.search(message) for messages in body["errors"].values() for message in messages)


def test_workflow_refused_for_a_role_without_the_right(world, roadmaps):
    a = roadmaps["a"]
    before = RoadmapEvent.objects.count()
    # the coordinator sees school A's roadmap but does not keep it
    response = api(world, "coordinator").post(f"{LIST}{a.pk}/submit/", {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Нет прав на это действие."}
    # the national operator takes no step of the workflow
    response = api(world, "national").post(f"{LIST}{a.pk}/approve/", {}, format="json")
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.status == RoadmapStatus.DRAFT
    assert RoadmapEvent.objects.count() == before


def test_submit_return_submit_approve_reopen(world, roadmaps):
    a = roadmaps["a"]
    curator, coordinator = api(world, "curator_a"), api(world, "coordinator")

    response = curator.post(f"{LIST}{a.pk}/submit/", {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == RoadmapStatus.SUBMITTED
    assert coordinator.get(f"{LIST}{a.pk}/").json()["actions"] == ["return", "approve"]

    # returning needs the remarks: 400 keyed by the field, nothing changed
    response = coordinator.post(f"{LIST}{a.pk}/return/", {"comment": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["Укажите, что нужно доработать."]}
    a.refresh_from_db()
    assert a.status == RoadmapStatus.SUBMITTED

    response = coordinator.post(f"{LIST}{a.pk}/return/", {"comment": "Добавьте сроки"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == RoadmapStatus.RETURNED
    event = a.events.filter(kind=RoadmapEventKind.STATUS).latest("occurred_at", "pk")
    assert (event.summary, event.comment, event.author) == (
        "Возвращена на доработку",
        "Добавьте сроки",
        world.users["coordinator"],
    )

    # the detail carries the history as the page lists it: newest first, names, not logins
    latest = curator.get(f"{LIST}{a.pk}/").json()["history"][0]
    assert (latest["summary"], latest["comment"], latest["to_status"]) == (
        "Возвращена на доработку",
        "Добавьте сроки",
        RoadmapStatus.RETURNED,
    )
    assert latest["author_name"] and latest["author_name"] != "coordinator"

    assert curator.post(f"{LIST}{a.pk}/submit/", {}, format="json").status_code == 200
    response = coordinator.post(f"{LIST}{a.pk}/approve/", {"comment": "Согласовано"}, format="json")
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.status == RoadmapStatus.APPROVED and a.approved_by == world.users["coordinator"]

    # a step the status does not allow: 400 with the reason
    response = curator.post(f"{LIST}{a.pk}/submit/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "Направить на согласование можно только проект или дорожную карту, возвращённую на доработку."
    ]
    response = curator.post(f"{LIST}{a.pk}/reopen/", {"comment": "Новый приказ"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == RoadmapStatus.DRAFT
    steps = list(
        a.events.filter(kind=RoadmapEventKind.STATUS).order_by("pk").values_list("to_status", flat=True)
    )
    assert steps == ["submitted", "returned", "submitted", "approved", "draft"]


def test_municipality_approves_its_own_and_bad_input(world, roadmaps):
    muni1 = roadmaps["muni1"]
    client = api(world, "coordinator")
    response = client.post(f"{LIST}{muni1.pk}/submit/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"] == [
        "Дорожная карта муниципалитета или региона утверждается без согласования."
    ]
    response = client.post(f"{LIST}{muni1.pk}/approve/", {"comment": ["не", "строка"]}, format="json")
    assert response.status_code == 400 and "comment" in response.json()["errors"]
    response = client.post(f"{LIST}{muni1.pk}/approve/", "{не json", content_type="application/json")
    assert response.status_code == 400
    assert client.post(f"{LIST}{muni1.pk}/approve/", {}, format="json").json()["status"] == "approved"


def test_comment(world, roadmaps):
    a = roadmaps["a"]
    item = a.items.first()
    response = api(world, "coordinator").post(
        f"{LIST}{a.pk}/comment/", {"text": "Уточните срок", "activity": item.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    event = RoadmapEvent.objects.get(pk=response.json()["id"])
    assert (event.kind, event.item, event.comment) == (RoadmapEventKind.COMMENT, item, "Уточните срок")
    response = api(world, "coordinator").post(f"{LIST}{a.pk}/comment/", {"text": ""}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"text": ["Напишите комментарий."]}
    other = roadmaps["b"].items.first()
    response = api(world, "operator").post(
        f"{LIST}{a.pk}/comment/", {"text": "Текст", "activity": other.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"activity": ["Такого мероприятия в дорожной карте нет."]}
    # the mentor council member sees no roadmap; the national operator does not comment
    assert (
        api(world, "national").post(f"{LIST}{a.pk}/comment/", {"text": "Текст"}, format="json").status_code
        == 403
    )


def test_report_an_activity(world, roadmaps):
    a = roadmaps["a"]
    item = a.items.get(number="1.2")
    url = f"{ACTIVITIES}{item.pk}/report/"
    # the coordinator sees it but does not keep school A's roadmap
    response = api(world, "coordinator").post(url, {"status": "done"}, format="json")
    assert response.status_code == 403
    client = api(world, "head_a")
    response = client.post(url, {"status": "готово", "completed_on": "вчера"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status", "completed_on"}
    response = client.post(url, {"status": "cancelled"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"comment": ["Укажите, почему мероприятие отменено."]}
    response = client.post(url, {"status": "done", "completed_on": "2999-01-01"}, format="json")
    assert response.json()["errors"] == {"completed_on": ["Дата выполнения не может быть в будущем."]}
    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED
    response = client.post(url, {"status": "done", "completed_on": "2025-05-20"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done" and response.json()["completed_on"] == "2025-05-20"
    event = a.events.get(kind=RoadmapEventKind.ITEM)
    assert event.item == item and event.author == world.users["head_a"]
    # filters of the activities
    done = ids(client.get(ACTIVITIES, {"roadmap": a.pk, "status": "done"}))
    assert done == {item.pk}
    overdue = ids(client.get(ACTIVITIES, {"roadmap": a.pk, "overdue": "true"}))
    assert overdue == set(RoadmapItem.objects.filter(roadmap=a).overdue().values_list("pk", flat=True))


def test_constant_queries_per_page(world, roadmap_maker):
    client = api(world, "operator")

    def queries(url, params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    roadmap_maker(world.school_a)
    few = queries(LIST, {}), queries(ACTIVITIES, {})
    for _ in range(4):
        roadmap_maker(world.school_a)
        roadmap_maker(world.school_b)
    assert (queries(LIST, {}), queries(ACTIVITIES, {})) == few


def test_evidence_is_attached_by_a_keeper_and_downloaded_within_scope(world, roadmaps):
    item = roadmaps["a"].items.get(number="1.1")
    url = f"{ACTIVITIES}{item.pk}/evidence/"

    def scan():
        return SimpleUploadedFile("prikaz-12.pdf", b"%PDF-1.4 order", content_type="application/pdf")

    # the coordinator sees the activity but keeps nothing of school A's
    response = api(world, "coordinator").post(url, {"file": scan(), "title": "Приказ"}, format="multipart")
    assert response.status_code == 403
    response = api(world, "curator_a").post(
        url,
        {"file": SimpleUploadedFile("pustoy.pdf", b"", content_type="application/pdf")},
        format="multipart",
    )
    assert response.status_code == 400 and set(response.json()["errors"]) == {"file"}
    assert all(CYRILLIC.search(m) for m in response.json()["errors"]["file"])
    assert not RoadmapEvidence.objects.exists()

    response = api(world, "curator_a").post(url, {"file": scan(), "title": "Приказ № 12"}, format="multipart")
    assert response.status_code == 201, response.content
    [row] = response.json()["evidence"]
    assert row["title"] == "Приказ № 12"
    assert roadmaps["a"].events.filter(kind=RoadmapEventKind.EVIDENCE, item=item).count() == 1

    # downloaded by whoever sees the roadmap, with the journal entry of the page's download
    download = api(world, "coordinator").get(row["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 order"
    entry = AuditEvent.objects.get(access_kind=AccessKind.DOWNLOAD)
    assert entry.content_type == ContentType.objects.get_for_model(RoadmapEvidence)
    assert entry.actor == world.users["coordinator"]
    # out of scope: 404, nothing written
    assert api(world, "curator_b").get(row["url"]).status_code == 404
    assert api(world, "curator_a").get(f"{ACTIVITIES}{item.pk}/evidence/999999/").status_code == 404
    assert AuditEvent.objects.filter(access_kind=AccessKind.DOWNLOAD).count() == 1
