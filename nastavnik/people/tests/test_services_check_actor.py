"""The services of the personified record check their actor themselves (issue 13, «one rights
model»): a user without the right (the mentor of school A, the curator of school B) gets
``PermissionDenied`` and nothing changes; the curator of school A (and the system, ``by=None``)
acts, as the pages allow (seed 000 §4.1.2: the organization keeps its own staff)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.scope import clear_scope_cache
from nastavnik.people.choices import Sex
from nastavnik.people.models import Employment, Person
from nastavnik.people.services import employment_add, employment_end, person_create, person_update
from nastavnik.testing import factories as f
from nastavnik.testing.actors import assert_refused_then_served

pytestmark = pytest.mark.django_db

OUTSIDERS = ("mentor_a", "curator_b")


def _state():
    return (
        list(Person.objects.order_by("pk").values_list("pk", "last_name")),
        list(Employment.objects.order_by("pk").values_list("pk", "organization_id", "ended_on")),
    )


def _calls(world):
    """name → a function of the actor calling one service of ``people``."""
    other_school = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «СОШ № 3»", short_name="СОШ № 3")
    # The curator of school A keeps school 3 too: the new place of work is theirs to add.
    f.RoleAssignmentFactory(user=world.users["curator_a"], org_unit=other_school, role=Role.CURATOR)
    clear_scope_cache(world.users["curator_a"])
    job = world.teacher_a.employments.get()
    return {
        "person_create": lambda by: person_create(
            organization=world.school_a,
            last_name="Новикова",
            first_name="Анна",
            sex=Sex.FEMALE,
            birth_date=dt.date(1990, 5, 1),
            by=by,
        ),
        "person_update": lambda by: person_update(person=world.teacher_a, last_name="Андреева", by=by),
        "employment_add": lambda by: employment_add(person=world.teacher_a, organization=other_school, by=by),
        "employment_end": lambda by: employment_end(employment=job, ended_on=timezone.localdate(), by=by),
    }


@pytest.mark.parametrize("name", ("person_create", "person_update", "employment_add", "employment_end"))
def test_a_people_service_refuses_an_actor_without_the_right(world, name):
    call = _calls(world)[name]
    assert_refused_then_served(call, users=world.users, refused=OUTSIDERS, allowed="curator_a", state=_state)
