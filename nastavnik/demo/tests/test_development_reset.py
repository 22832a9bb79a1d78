"""The demo professional development outside the loaded demo of ``test_development``: the reset
deletes it with the region and loads it again, a second call writes nothing, and a small world
gets what its people allow (issue 18, Build 8)."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from nastavnik.access.models import RoleAssignment
from nastavnik.demo.development import development_write
from nastavnik.demo.services import demo_region, demo_region_delete, demo_region_load
from nastavnik.development.choices import MENTORING_COURSE_TITLE, ActivityKind, RouteStatus
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    Enrollment,
    IndividualRoute,
    RouteEvent,
    TutorAssignment,
)


def _unit(login: str):
    return RoleAssignment.objects.select_related("org_unit").get(user__username=login).org_unit


def test_reset_deletes_the_development_and_loads_it_again(db):
    # given the demo loaded, and a second call of the writer that changes nothing
    demo_region_load(teachers=40)
    region = demo_region()
    routes = IndividualRoute.objects.count()
    assert routes >= 5 and Course.objects.filter(owner=region).exists()
    kwargs = {"region": region, "rng": random.Random(1), "today": timezone.localdate()}
    again = development_write(school_a=_unit("curator"), school_b=_unit("curator2"), **kwargs)
    assert again.courses == 0 and IndividualRoute.objects.count() == routes

    # when the region is deleted, its courses, routes, diagnoses and enrolments go with it
    demo_region_delete()
    for model in (Course, IndividualRoute, Diagnosis, Deficit, Enrollment, TutorAssignment):
        assert not model.objects.exists(), model

    # and a reset loads them again
    demo_region_load(teachers=40, reset=True)
    assert IndividualRoute.objects.count() == routes
    assert Course.objects.filter(owner=demo_region(), title=MENTORING_COURSE_TITLE).exists()


def test_a_small_world_gets_the_routes_its_people_allow(world):
    # given the persona world: a few consented teachers, no tutor, no ЦНППМ's coordinator
    today = dt.date(2026, 12, 3)

    # when the demo development is written for it
    summary = development_write(
        region=world.region,
        rng=random.Random(1),
        today=today,
        school_a=world.school_a,
        school_b=world.school_b,
    )

    # then the catalogue is whole, and the mentee's route is carried out with a course and a project
    assert summary.courses == Course.objects.filter(owner=world.region).count() >= 8
    assert summary.assignments == 0 and not TutorAssignment.objects.exists()
    route = IndividualRoute.objects.get(person=world.mentee_a)
    assert route.status == RouteStatus.ACTIVE
    assert set(route.activities.values_list("kind", flat=True)) >= {ActivityKind.COURSE, ActivityKind.PROJECT}
    assert sum(summary.routes.values()) == IndividualRoute.objects.count()
    # nothing dated today or later in the history
    assert all(timezone.localdate(e.occurred_at) < today for e in RouteEvent.objects.all())
