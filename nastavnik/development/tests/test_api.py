"""The REST API of professional development (issue 18 on issue 17's API; ``development.api``):
each endpoint's scope as the curator of school A against school B, the tutor reaching only the
teachers assigned to them, the route's comment, start and completion and the enrolment's steps
through the services (a refused step 403 in Russian, invalid input 400 keyed by field), and the
queries of a page constant as its rows grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from nastavnik.development.choices import (
    ActivityKind,
    CorrectionReason,
    CourseFormat,
    EnrollmentStatus,
    ReflectionOutcome,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    Enrollment,
    IndividualRoute,
    TutorAssignment,
)
from nastavnik.development.services import courses as course_services
from nastavnik.development.services import routes as route_services
from nastavnik.people.consent import HIDDEN_PERSON

pytestmark = pytest.mark.django_db

BASE = "/api/v1/development"

#: endpoint → the model whose ``for_user(user, "view")`` is its scope
ENDPOINTS = {
    "routes": IndividualRoute,
    "diagnoses": Diagnosis,
    "deficits": Deficit,
    "courses": Course,
    "enrollments": Enrollment,
    "tutor-assignments": TutorAssignment,
}


@pytest.fixture
def mw():
    from nastavnik.testing.matrix import matrix_world

    return matrix_world()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def listed(client, endpoint: str, **params) -> set[int]:
    response = client.get(f"{BASE}/{endpoint}/", {"page_size": 500, **params})
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return {row["id"] for row in response.json()["results"]}


def b_objects(mw) -> dict:
    b = mw.objects["b"]
    return {
        "routes": b["route"].pk,
        "diagnoses": b["diagnosis"].pk,
        "deficits": b["diagnosis"].deficits.first().pk,
        "enrollments": b["enrollment"].pk,
        "tutor-assignments": b["tutor_assignment"].pk,
    }


def test_the_curator_of_school_a_sees_school_a_and_not_school_b(mw):
    a, b = mw.objects["a"], mw.objects["b"]
    curator_a = mw.users["curator_a"]
    client = client_for(curator_a)
    for endpoint, model in ENDPOINTS.items():
        if endpoint == "tutor-assignments":
            continue  # the curator holds no right over the tutors' assignments (below)
        ids = listed(client, endpoint)
        assert ids == set(model.objects.for_user(curator_a, "view").values_list("pk", flat=True)), endpoint
        assert ids, endpoint
    assert a["route"].pk in listed(client, "routes")
    assert a["diagnosis"].pk in listed(client, "diagnoses")
    for endpoint, pk in b_objects(mw).items():
        response = client.get(f"{BASE}/{endpoint}/{pk}/")
        expected = 403 if endpoint == "tutor-assignments" else 404
        assert response.status_code == expected, endpoint
    # the curator of B the same way round
    client_b = client_for(mw.users["curator_b"])
    assert client_b.get(f"{BASE}/routes/{a['route'].pk}/").status_code == 404
    assert client_b.get(f"{BASE}/routes/{b['route'].pk}/").status_code == 200
    assert client_b.get(f"{BASE}/diagnoses/{a['diagnosis'].pk}/").status_code == 404
    assert client_b.get(f"{BASE}/enrollments/{a['enrollment'].pk}/").status_code == 404
    # the catalogue is the region's: both read it
    assert a["course"].pk in listed(client_b, "courses")


def test_the_tutor_reaches_only_the_teachers_assigned(mw):
    a, b, nc = mw.objects["a"], mw.objects["b"], mw.objects["nc"]
    client = client_for(mw.users["tutor_1"])
    # school A is assigned to tutor_1, the teacher without a consent too, but she is not shown
    assert listed(client, "routes") == {a["route"].pk}
    assert listed(client, "diagnoses") == {a["diagnosis"].pk}
    for pk in (b["route"].pk, nc["route"].pk):
        assert client.get(f"{BASE}/routes/{pk}/").status_code == 404
    assert client.get(f"{BASE}/diagnoses/{b['diagnosis'].pk}/").status_code == 404
    # their own assignments, not the tutor of B's
    assignments = listed(client, "tutor-assignments")
    assert a["tutor_assignment"].pk in assignments
    assert b["tutor_assignment"].pk not in assignments
    assert client.get(f"{BASE}/tutor-assignments/{b['tutor_assignment'].pk}/").status_code == 404


def test_the_coordinator_of_the_cnppm_sees_assignments_names_hidden_without_consent(mw):
    nc = mw.objects["nc"]
    client = client_for(mw.users["cnppm"])
    ids = listed(client, "tutor-assignments")
    assert nc["tutor_assignment"].pk in ids
    body = client.get(f"{BASE}/tutor-assignments/{nc['tutor_assignment'].pk}/").json()
    assert body["person"] == {"id": None, "name": HIDDEN_PERSON}
    assert body["tutor_name"] and "tutor_1" not in body["tutor_name"]


def test_the_route_carries_its_steps_and_history(mw):
    a = mw.objects["a"]
    body = client_for(mw.users["curator_a"]).get(f"{BASE}/routes/{a['route'].pk}/").json()
    assert body["person"] == {"id": mw.world.mentee_a.pk, "name": mw.world.mentee_a.full_name}
    assert body["status"] == RouteStatus.ACTIVE
    assert body["status_display"] == "реализуется"
    assert {row["id"] for row in body["activities"]} == {a["activity"].pk, a["product_activity"].pk}
    assert [row["id"] for row in body["corrections"]] == [a["correction"].pk]
    assert body["diagnoses"] == [a["diagnosis"].pk]
    kinds = [event["kind"] for event in body["events"]]
    assert RouteEventKind.CREATED in kinds and RouteEventKind.COMMENT in kinds
    activity = next(row for row in body["activities"] if row["id"] == a["activity"].pk)
    assert set(activity["deficits"]) == set(a["diagnosis"].deficits.values_list("pk", flat=True))
    diagnosis = client_for(mw.users["curator_a"]).get(f"{BASE}/diagnoses/{a['diagnosis'].pk}/").json()
    assert len(diagnosis["results"]) == a["diagnosis"].results.count() > 0
    assert {d["id"] for d in diagnosis["deficits"]} == set(
        a["diagnosis"].deficits.values_list("pk", flat=True)
    )
    assert diagnosis["deficit_count"] == len(diagnosis["deficits"])


def test_comment_by_the_tutor_and_the_answer_of_the_teacher(mw):
    route = mw.objects["a"]["route"]
    url = f"{BASE}/routes/{route.pk}/comment/"
    response = client_for(mw.users["tutor_1"]).post(url, {"text": "Добавьте открытый урок"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["comment"] == "Добавьте открытый урок"
    assert response.json()["kind"] == RouteEventKind.COMMENT
    answer = client_for(mw.users["mentee_a"]).post(url, {"text": "Добавлю в марте"}, format="json")
    assert answer.status_code == 201
    comments = list(route.events.filter(kind=RouteEventKind.COMMENT).values_list("comment", flat=True))
    assert "Добавьте открытый урок" in comments and "Добавлю в марте" in comments


def test_comment_refused_out_of_scope_and_invalid(mw):
    route = mw.objects["a"]["route"]
    url = f"{BASE}/routes/{route.pk}/comment/"
    before = route.events.count()
    # the municipal coordinator reads the route but does not comment it
    refused = client_for(mw.users["coordinator"]).post(url, {"text": "Замечание"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] and "permission" not in refused.json()["detail"].lower()
    # the curator of B does not see it
    assert (
        client_for(mw.users["curator_b"]).post(url, {"text": "Замечание"}, format="json").status_code == 404
    )
    # an empty comment is an error of the field «text»
    empty = client_for(mw.users["curator_a"]).post(url, {"text": ""}, format="json")
    assert empty.status_code == 400
    assert empty.json()["detail"] == "Проверьте введённые данные."
    assert "text" in empty.json()["errors"]
    blank = client_for(mw.users["curator_a"]).post(url, {"text": "   "}, format="json")
    assert blank.status_code == 400 and "text" in blank.json()["errors"]
    assert route.events.count() == before


def test_start_a_draft_route_and_its_refusals(mw):
    world = mw.world
    mentee = world.mentee_a
    active = mw.objects["a"]["route"]
    client = client_for(mw.users["mentee_a"])
    # an active route cannot start again: a Russian 400 for the whole request
    again = client.post(f"{BASE}/routes/{active.pk}/start/", {}, format="json")
    assert again.status_code == 400
    assert again.json()["errors"]["non_field_errors"] == [
        "Реализацию можно начать только у составляемого маршрута."
    ]
    draft = route_services.route_create(
        by=None, person=mentee, title="Новый маршрут", desired_image="", starts_on=timezone.localdate()
    )
    # the tutor comments but does not start a route
    assert client_for(mw.users["tutor_1"]).post(f"{BASE}/routes/{draft.pk}/start/").status_code == 403
    missing = client.post(f"{BASE}/routes/{draft.pk}/start/", {"comment": "Начинаю"}, format="json")
    assert missing.status_code == 400
    assert "желаемый образ" in missing.json()["errors"]["non_field_errors"][0]
    # made startable: the desired image, a diagnosis with deficits, an activity
    draft.desired_image = "Учитель-исследователь"
    draft.save()
    diagnosis = mw.objects["a"]["diagnosis"]
    diagnosis.route = draft
    diagnosis.save()
    route_services.activity_add(
        by=None,
        route=draft,
        kind=ActivityKind.PROJECT,
        title="Проект",
        starts_on=draft.starts_on,
        ends_on=draft.starts_on + dt.timedelta(days=30),
    )
    started = client.post(f"{BASE}/routes/{draft.pk}/start/", {"comment": "Начинаю"}, format="json")
    assert started.status_code == 200, started.content
    assert started.json()["status"] == RouteStatus.ACTIVE
    assert started.json()["started_on"] == timezone.localdate().isoformat()
    assert started.json()["events"][-1]["kind"] == RouteEventKind.STARTED


def test_complete_needs_the_reflection_and_the_summary(mw):
    route = mw.objects["a"]["route"]
    url = f"{BASE}/routes/{route.pk}/complete/"
    client = client_for(mw.users["mentee_a"])
    no_summary = client.post(url, {}, format="json")
    assert no_summary.status_code == 400 and "summary" in no_summary.json()["errors"]
    unreflected = client.post(url, {"summary": "Приблизилась"}, format="json")
    assert unreflected.status_code == 400
    assert "нет рефлексии" in unreflected.json()["errors"]["non_field_errors"][0]
    assert client_for(mw.users["tutor_1"]).post(url, {"summary": "Итог"}, format="json").status_code == 403
    for deficit in route_services.route_addressed_deficits(route):
        route_services.reflection_record(
            by=None, route=route, deficit=deficit, outcome=ReflectionOutcome.REDUCED, analysis="Снизился"
        )
    done = client.post(url, {"summary": "Приблизилась к образу"}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == RouteStatus.COMPLETED
    assert done.json()["reflection_summary"] == "Приблизилась к образу"
    assert len(done.json()["reflections"]) == route.reflections.count() > 0


@pytest.fixture
def new_course(mw):
    return course_services.course_create(
        by=None,
        owner=mw.world.region,
        title="Цифровая образовательная среда",
        hours=36,
        provider="Институт развития образования",
        format=CourseFormat.DISTANCE,
    )


def test_apply_for_oneself_and_for_a_teacher(mw, new_course):
    url = f"{BASE}/courses/{new_course.pk}/apply/"
    mine = client_for(mw.users["mentee_a"]).post(url, {}, format="json")
    assert mine.status_code == 201, mine.content
    assert mine.json()["person"]["id"] == mw.world.mentee_a.pk
    assert mine.json()["status"] == EnrollmentStatus.APPLIED
    twice = client_for(mw.users["mentee_a"]).post(url, {}, format="json")
    assert twice.status_code == 400 and twice.json()["errors"]
    # the curator of A for a teacher of A; not for a teacher of B
    for_teacher = client_for(mw.users["curator_a"]).post(
        url, {"person": mw.world.teacher_a.pk}, format="json"
    )
    assert for_teacher.status_code == 201
    assert Enrollment.objects.filter(course=new_course, person=mw.world.teacher_a).exists()
    foreign = client_for(mw.users["curator_a"]).post(url, {"person": mw.world.teacher_b.pk}, format="json")
    assert foreign.status_code == 400 and "person" in foreign.json()["errors"]
    # the coordinator of the ЦНППМ has no person card: whom to enrol must be said
    nobody = client_for(mw.users["cnppm"]).post(url, {}, format="json")
    assert nobody.status_code == 400 and "person" in nobody.json()["errors"]
    garbage = client_for(mw.users["curator_a"]).post(url, {"person": "²", "activity": -1}, format="json")
    assert garbage.status_code == 400 and {"person", "activity"} <= set(garbage.json()["errors"])
    bad_activity = client_for(mw.users["mentee_a"]).post(
        url, {"activity": mw.objects["b"]["activity"].pk}, format="json"
    )
    assert bad_activity.status_code == 400 and "activity" in bad_activity.json()["errors"]


def test_apply_refused_to_who_enrols_nobody(mw, new_course):
    response = client_for(mw.users["coordinator"]).post(
        f"{BASE}/courses/{new_course.pk}/apply/", {}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Записывать на программы повышения квалификации вы не можете."
    assert not Enrollment.objects.filter(course=new_course).exists()


def test_enrol_and_complete_by_the_cnppm_refused_to_the_curator(mw):
    enrollment = mw.objects["a"]["enrollment"]
    base = f"{BASE}/enrollments/{enrollment.pk}"
    refused = client_for(mw.users["curator_a"]).post(f"{base}/enroll/", {}, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == course_services.KEEPER_REFUSAL
    cnppm = client_for(mw.users["cnppm"])
    enrolled = cnppm.post(f"{base}/enroll/", {}, format="json")
    assert enrolled.status_code == 200, enrolled.content
    assert enrolled.json()["status"] == EnrollmentStatus.ENROLLED
    future = cnppm.post(
        f"{base}/complete/",
        {
            "completed_on": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
            "certificate_number": "1",
        },
        format="json",
    )
    assert future.status_code == 400 and "completed_on" in future.json()["errors"]
    no_number = cnppm.post(f"{base}/complete/", {"completed_on": "сегодня"}, format="json")
    assert no_number.status_code == 400
    assert {"completed_on", "certificate_number"} <= set(no_number.json()["errors"])
    done = cnppm.post(
        f"{base}/complete/",
        {"completed_on": timezone.localdate().isoformat(), "certificate_number": "ПК-0042"},
        format="json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == EnrollmentStatus.COMPLETED
    assert done.json()["certificate_number"] == "ПК-0042"
    # completed: no withdrawal
    withdrawn = client_for(mw.users["mentee_a"]).post(f"{base}/withdraw/", {}, format="json")
    assert withdrawn.status_code == 400 and withdrawn.json()["errors"]["non_field_errors"]


def test_the_teacher_withdraws_their_application(mw):
    enrollment = mw.objects["a"]["enrollment"]
    response = client_for(mw.users["mentee_a"]).post(
        f"{BASE}/enrollments/{enrollment.pk}/withdraw/", {"comment": "Не успеваю"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == EnrollmentStatus.WITHDRAWN


def test_refusals_without_any_right(mw):
    client = client_for(mw.users["national"])
    for endpoint in ("routes", "diagnoses", "deficits", "enrollments", "tutor-assignments"):
        response = client.get(f"{BASE}/{endpoint}/")
        assert response.status_code == 403, endpoint
        assert response.json()["detail"], endpoint
    assert APIClient().get(f"{BASE}/routes/").status_code == 401


def test_filters_of_the_pages_and_bad_values(mw):
    a = mw.objects["a"]
    client = client_for(mw.users["curator_a"])
    assert listed(client, "routes", status=RouteStatus.DRAFT) == set()
    assert a["route"].pk in listed(client, "routes", q=mw.world.mentee_a.last_name)
    bad = client.get(f"{BASE}/routes/", {"status": "нет-такого"})
    assert bad.status_code == 400 and "status" in bad.json()["errors"]
    assert listed(client, "deficits", diagnosis=a["diagnosis"].pk) == set(
        a["diagnosis"].deficits.values_list("pk", flat=True)
    )
    assert client.get(f"{BASE}/deficits/", {"level": "9"}).status_code == 400
    assert listed(client, "enrollments", status=EnrollmentStatus.COMPLETED) == set(
        Enrollment.objects.for_user(mw.users["curator_a"], "view")
        .filter(status=EnrollmentStatus.COMPLETED)
        .values_list("pk", flat=True)
    )
    assert client.get(f"{BASE}/diagnoses/", {"conducted_from": "вчера"}).status_code == 400
    assert listed(client, "courses", mentoring="true") == {a["mentoring_course"].pk}


def _queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.content)
    return len(captured)


def _copy(row, **changes):
    """A new row with ``row``'s values (and ``changes``)."""
    row.pk = row.id = None
    row._state.adding = True
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def test_queries_per_page_are_constant(mw):
    """Every list answers in the same number of queries when each row it shows is doubled (the
    same teachers: the consent rule's queries stay the same)."""
    operator = mw.users["operator"]
    client = client_for(operator)
    before = {}
    for endpoint, model in ENDPOINTS.items():
        assert model.objects.for_user(operator, "view").count() >= 2, endpoint
        before[endpoint] = _queries(client, f"{BASE}/{endpoint}/", page_size=500)
    for route in IndividualRoute.objects.for_user(operator, "view"):
        _copy(route)
    for diagnosis in Diagnosis.objects.for_user(operator, "view"):
        deficits = list(diagnosis.deficits.all())
        copy = _copy(diagnosis)
        for deficit in deficits:
            _copy(deficit, diagnosis=copy)
    for course in Course.objects.for_user(operator, "view"):
        areas = list(course.areas.all())
        _copy(course).areas.set(areas)
    for enrollment in Enrollment.objects.for_user(operator, "view"):
        _copy(enrollment, status=EnrollmentStatus.WITHDRAWN)
    for assignment in TutorAssignment.objects.for_user(operator, "view"):
        _copy(assignment)
    for endpoint, model in ENDPOINTS.items():
        rows = listed(client, endpoint)
        assert len(rows) == model.objects.for_user(operator, "view").count(), endpoint
        assert _queries(client, f"{BASE}/{endpoint}/", page_size=500) == before[endpoint], endpoint


def test_queries_of_the_route_do_not_grow_with_its_steps(mw):
    route = mw.objects["a"]["route"]
    client = client_for(mw.users["curator_a"])
    url = f"{BASE}/routes/{route.pk}/"
    before = _queries(client, url)
    deficits = list(mw.objects["a"]["diagnosis"].deficits.all())
    for number in range(3):
        activity = route_services.activity_add(
            by=None,
            route=route,
            kind=ActivityKind.MEASURE,
            title=f"Мероприятие {number}",
            starts_on=route.starts_on,
            ends_on=route.starts_on + dt.timedelta(days=10),
            deficits=deficits,
        )
        route_services.route_correct(
            by=None,
            route=route,
            activity=activity,
            reason=CorrectionReason.OWN_NEEDS,
            explanation="Запрос педагога",
            description="Сдвинут срок",
        )
        route_services.route_comment(by=mw.users["tutor_1"], route=route, text=f"Комментарий {number}")
    assert _queries(client, url) == before
