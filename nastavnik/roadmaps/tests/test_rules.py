"""Who keeps and who approves which roadmap (``roadmaps.rules``; seed 000 §4.2, 002 §6,
001 §4.4.3–4.4.4), and which roadmaps each persona sees (``Roadmap.objects.for_user``)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from nastavnik.organizations.choices import Level
from nastavnik.roadmaps import services
from nastavnik.roadmaps.models import Roadmap
from nastavnik.roadmaps.rules import (
    RoadmapRights,
    approving_unit,
    can_approve,
    can_keep,
    needs_submission,
    roadmap_rights,
)
from nastavnik.testing import factories as f
from nastavnik.testing.personas import PERSONAS

pytestmark = pytest.mark.django_db

# fmt: off
#: owner (a world attribute) → (keeps, approves) per persona, in the order of ``PERSONAS``:
#:                operator coord  head_a cur_a  mentor mentee cur_b  anon
KEEPS = {
    "school_a": (False, False, True,  True,  False, False, False, False),
    "school_b": (False, False, False, False, False, False, True,  False),
    "muni1":    (False, True,  False, False, False, False, False, False),
    "muni2":    (False, False, False, False, False, False, False, False),
    "region":   (True,  False, False, False, False, False, False, False),
}
#: An organization's roadmap is approved by its municipality's coordinator (002 §6); a
#: municipality and the region approve their own (000 App. 2 п. 1.2, 1.4): the approver roles are
#: those of the approving unit's level, so the regional operator approves neither.
APPROVES = {
    "school_a": (False, True,  False, False, False, False, False, False),
    "school_b": (False, False, False, False, False, False, False, False),
    "muni1":    (False, True,  False, False, False, False, False, False),
    "muni2":    (False, False, False, False, False, False, False, False),
    "region":   (True,  False, False, False, False, False, False, False),
}
# fmt: on


@pytest.mark.parametrize("owner", KEEPS)
def test_who_keeps_the_roadmaps_of_each_unit(world, owner):
    unit = getattr(world, owner)
    assert tuple(can_keep(world.users[p], unit) for p in PERSONAS) == KEEPS[owner]


@pytest.mark.parametrize("owner", APPROVES)
def test_who_approves_the_roadmaps_of_each_unit(world, owner):
    unit = getattr(world, owner)
    assert tuple(can_approve(world.users[p], unit) for p in PERSONAS) == APPROVES[owner]


def test_an_organization_of_regional_subordination_is_approved_by_the_region(world):
    # given a school directly under the region
    college = f.OrgUnitFactory(parent=world.region, full_name="БУ «Колледж регионального подчинения»")

    # then the region approves its roadmap, the municipal coordinator does not
    assert approving_unit(college) == world.region
    assert can_approve(world.users["operator"], college)
    assert not can_approve(world.users["coordinator"], college)
    assert not can_keep(world.users["operator"], college)


def test_approving_unit_is_the_parent_of_an_organization_and_the_owner_itself_above(world):
    assert approving_unit(world.school_a) == world.muni1
    assert approving_unit(world.muni1) == world.muni1
    assert approving_unit(world.region) == world.region
    assert needs_submission(Level.ORGANIZATION)
    assert not needs_submission(Level.MUNICIPALITY)
    assert not needs_submission(Level.REGION)


def test_a_superuser_keeps_and_approves_everything_an_inactive_user_nothing(world):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pass12345")
    curator = world.users["curator_a"]
    curator.is_active = False
    for unit in (world.school_a, world.muni1, world.region):
        assert can_keep(admin, unit) and can_approve(admin, unit)
        assert not can_keep(curator, unit) and not can_approve(curator, unit)


def test_rights_over_the_school_roadmap_follow_its_status(world, school_roadmap):
    curator, coordinator = world.users["curator_a"], world.users["coordinator"]

    # a draft: the curator edits and reports; the coordinator only approves and comments
    assert roadmap_rights(curator, school_roadmap) == RoadmapRights(edit=True, report=True, comment=True)
    assert roadmap_rights(coordinator, school_roadmap) == RoadmapRights(approve=True, comment=True)

    # submitted: the plan is frozen, execution is still reported
    services.roadmap_submit(roadmap=school_roadmap, by=curator)
    assert roadmap_rights(curator, school_roadmap) == RoadmapRights(report=True, comment=True)

    # returned: editable again
    services.roadmap_return(roadmap=school_roadmap, by=coordinator, comment="Уточните сроки")
    assert roadmap_rights(curator, school_roadmap).edit

    # approved: frozen
    services.roadmap_submit(roadmap=school_roadmap, by=curator)
    services.roadmap_approve(roadmap=school_roadmap, by=coordinator)
    assert roadmap_rights(curator, school_roadmap) == RoadmapRights(report=True, comment=True)


@pytest.mark.parametrize("persona", ["operator", "mentor_a", "mentee_a", "curator_b", "anonymous"])
def test_others_have_no_right_over_the_school_roadmap(world, school_roadmap, persona):
    rights = roadmap_rights(world.users[persona], school_roadmap)
    assert not (rights.edit or rights.report or rights.approve or rights.comment)


# --- what each persona sees -----------------------------------------------------------------------

#: persona → the owners (world attributes) of the roadmaps they see: their subtree, and the
#: roadmaps of the units above (their municipality's and the region's, 000 App. 2 п. 1.4).
SEES = {
    "operator": {"region", "muni1", "muni2", "school_a", "school_b"},
    "coordinator": {"region", "muni1", "school_a"},
    "head_a": {"region", "muni1", "school_a"},
    "curator_a": {"region", "muni1", "school_a"},
    "mentor_a": set(),
    "mentee_a": set(),
    "curator_b": {"region", "muni2", "school_b"},
    "anonymous": set(),
}


@pytest.mark.parametrize(("persona", "owners"), SEES.items())
def test_each_persona_sees_the_roadmaps_of_their_scope_and_above(world, roadmap_maker, persona, owners):
    # given a roadmap of every unit of the world
    for name in ("region", "muni1", "muni2", "school_a", "school_b"):
        roadmap_maker(getattr(world, name))

    # when the persona's roadmaps are listed, then they are exactly those of the expected owners
    seen = Roadmap.objects.for_user(world.users[persona])
    assert set(seen.values_list("owner_id", flat=True)) == {getattr(world, name).pk for name in owners}


def test_the_curator_does_not_see_a_roadmap_of_another_school_of_his_municipality(world, roadmap_maker):
    # given a second school in municipality 1 with its own roadmap
    other = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    roadmap = roadmap_maker(other)

    # then the curator of school A does not see it, the coordinator does
    assert not Roadmap.objects.for_user(world.users["curator_a"]).filter(pk=roadmap.pk).exists()
    assert Roadmap.objects.for_user(world.users["coordinator"]).filter(pk=roadmap.pk).exists()
