"""Scope at the queryset: each persona reaches exactly its own part of the world."""

import pytest

from nastavnik.mentoring.models import Pair
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person

pytestmark = pytest.mark.django_db


def names(qs):
    return {p.last_name for p in qs}


def test_regional_operator_sees_the_whole_region(world):
    people = Person.objects.for_user(world.users["operator"])
    assert {"Афанасьева", "Наставникова", "Молодцова", "Борисова"} <= names(people)
    assert OrgUnit.objects.for_user(world.users["operator"]).filter(pk=world.school_b.pk).exists()


def test_municipal_coordinator_sees_only_their_municipality(world):
    user = world.users["coordinator"]
    assert names(Person.objects.for_user(user)) == {"Афанасьева", "Наставникова", "Молодцова"}
    units = OrgUnit.objects.for_user(user)
    assert set(units) == {world.muni1, world.school_a}


def test_curator_of_school_b_sees_nothing_of_school_a(world):
    user = world.users["curator_b"]
    assert names(Person.objects.for_user(user)) == {"Борисова"}
    assert not OrgUnit.objects.for_user(user).filter(pk=world.school_a.pk).exists()
    assert not Pair.objects.for_user(user).exists()


def test_mentor_sees_self_and_own_mentees_only(world):
    user = world.users["mentor_a"]
    assert names(Person.objects.for_user(user)) == {"Наставникова", "Молодцова"}
    assert list(OrgUnit.objects.for_user(user)) == [world.school_a]
    assert not Person.objects.for_user(user, "change").exists()


def test_mentee_sees_self_and_own_mentor(world):
    assert names(Person.objects.for_user(world.users["mentee_a"])) == {"Наставникова", "Молодцова"}


def test_anonymous_sees_nothing(world):
    assert not Person.objects.for_user(world.users["anonymous"]).exists()
    assert not OrgUnit.objects.for_user(world.users["anonymous"]).exists()


def test_curator_may_change_people_of_own_school_only(world):
    changeable = Person.objects.for_user(world.users["curator_a"], "change")
    assert names(changeable) == {"Афанасьева", "Наставникова", "Молодцова"}
    assert not OrgUnit.objects.for_user(world.users["curator_a"], "change").exists()


def test_ended_employment_leaves_the_scope(world):
    import datetime as dt

    employment = world.teacher_a.employments.get()
    employment.ended_on = dt.date(2020, 1, 1)
    employment.save()
    assert "Афанасьева" not in names(Person.objects.for_user(world.users["curator_a"]))
