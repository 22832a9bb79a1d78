"""Writes to the organization tree: ``org_unit_create`` / ``org_unit_update`` / ``org_unit_save``."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from nastavnik.organizations.choices import Level, MunicipalityType, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.organizations.services import (
    org_unit_create,
    org_unit_save,
    org_unit_update,
    org_units_fill_paths,
)
from nastavnik.people.models import Person
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def test_create_sets_the_materialized_path_under_the_parent(world):
    # when a school is created under municipality 1
    unit = org_unit_create(
        parent=world.muni1,
        level=Level.ORGANIZATION,
        full_name="МБОУ «Лицей № 5»",
        kind=OrganizationKind.SCHOOL,
    )

    # then its path extends the municipality's, and its municipality is derived from the parent
    assert unit.path == f"{world.muni1.path}{unit.pk:08d}/"
    assert unit.municipality == world.muni1
    assert set(OrgUnit.objects.subtree(world.muni1)) == {world.muni1, world.school_a, unit}


def test_reparenting_a_municipality_moves_its_whole_subtree(world):
    # given a second region and a kindergarten under school A's municipality
    region2 = f.region(world.region.parent, "Тюменская область")
    kindergarten = f.OrgUnitFactory(
        parent=world.muni1, full_name="МАДОУ «Детский сад № 1»", kind=OrganizationKind.KINDERGARTEN
    )
    untouched = {u.pk: u.path for u in OrgUnit.objects.exclude(path__startswith=world.muni1.path)}

    # when municipality 1 is re-parented to the second region and saved
    muni1 = OrgUnit.objects.get(pk=world.muni1.pk)
    muni1.parent = region2
    org_unit_save(unit=muni1)

    # then it and everything under it carry paths under the new region
    assert muni1.path == f"{region2.path}{muni1.pk:08d}/"
    for unit in (world.school_a, kindergarten):
        unit.refresh_from_db()
        assert unit.path == f"{muni1.path}{unit.pk:08d}/"
    assert set(OrgUnit.objects.subtree(region2)) == {region2, muni1, world.school_a, kindergarten}
    # and nothing outside the subtree moved
    assert {u.pk: u.path for u in OrgUnit.objects.filter(pk__in=untouched)} == untouched
    # and the scope follows the tree: the operator of the first region no longer sees school A
    from nastavnik.access.scope import clear_scope_cache

    operator = world.users["operator"]
    clear_scope_cache(operator)
    assert not OrgUnit.objects.for_user(operator).filter(pk=world.school_a.pk).exists()
    assert not Person.objects.for_user(operator).filter(pk=world.teacher_a.pk).exists()


def test_a_unit_cannot_be_moved_under_itself(world):
    # given the paths as they stand
    before = list(OrgUnit.objects.order_by("pk").values("pk", "parent_id", "path"))

    # when municipality 1 is moved under its own school... or the region under its municipality
    with pytest.raises(ValidationError) as school_case:
        org_unit_update(unit=OrgUnit.objects.get(pk=world.muni1.pk), parent=world.school_a)
    with pytest.raises(ValidationError) as region_case:
        org_unit_update(unit=OrgUnit.objects.get(pk=world.region.pk), parent=world.muni1)

    # then both are refused on the parent, and no path changed
    assert "parent" in school_case.value.error_dict
    assert "parent" in region_case.value.error_dict
    assert list(OrgUnit.objects.order_by("pk").values("pk", "parent_id", "path")) == before


def test_create_rejects_a_region_under_a_municipality(world):
    # given the number of units
    count = OrgUnit.objects.count()

    # when a region is created under a municipality
    with pytest.raises(ValidationError) as exc:
        org_unit_create(parent=world.muni1, level=Level.REGION, full_name="Неправильный регион")

    # then the parent is refused with a Russian message, and nothing is created
    assert exc.value.message_dict["parent"] == ["Регион должен входить в федеральный уровень."]
    assert OrgUnit.objects.count() == count


@pytest.mark.parametrize(
    ("parent", "level", "fields", "field", "message"),
    [
        ("region", Level.MUNICIPALITY, {}, "municipality_type", "Укажите вид муниципального образования."),
        ("school_a", Level.ORGANIZATION, {"kind": OrganizationKind.SCHOOL}, "parent", None),
        ("muni1", Level.MUNICIPALITY, {"municipality_type": MunicipalityType.DISTRICT}, "parent", None),
        ("muni1", Level.ORGANIZATION, {}, "kind", "Укажите вид организации."),
        (
            "region",
            Level.MUNICIPALITY,
            {"kind": OrganizationKind.SCHOOL, "municipality_type": "district"},
            "kind",
            None,
        ),
        ("muni1", Level.ORGANIZATION, {"kind": "school", "inn": "7707083894"}, "inn", None),
    ],
)
def test_create_refuses_bad_units_with_field_messages(world, parent, level, fields, field, message):
    # given the number of units
    count = OrgUnit.objects.count()

    # when a bad unit is created
    with pytest.raises(ValidationError) as exc:
        org_unit_create(parent=getattr(world, parent), level=level, full_name="Новая единица", **fields)

    # then the right field is named, and nothing is created
    assert field in exc.value.message_dict
    if message:
        assert message in exc.value.message_dict[field]
    assert OrgUnit.objects.count() == count


def test_duplicate_inn_is_refused_by_the_service(world):
    # when a school is created with school A's ИНН
    with pytest.raises(ValidationError) as exc:
        org_unit_create(
            parent=world.muni2,
            level=Level.ORGANIZATION,
            full_name="Другая школа",
            kind="school",
            inn=world.school_a.inn,
        )

    # then the Russian message of the constraint is given
    assert "Организация с таким ИНН уже есть." in exc.value.messages


def test_save_keeps_the_path_of_an_unmoved_unit(world):
    # given school A with its path and the paths of all units
    paths = dict(OrgUnit.objects.values_list("pk", "path"))

    # when it is renamed through the service
    unit = org_unit_update(
        unit=OrgUnit.objects.get(pk=world.school_a.pk), full_name="МБОУ «СОШ № 1 имени А. С. Пушкина»"
    )

    # then the name is saved and no path changed
    assert OrgUnit.objects.get(pk=unit.pk).full_name == "МБОУ «СОШ № 1 имени А. С. Пушкина»"
    assert dict(OrgUnit.objects.values_list("pk", "path")) == paths


def test_fill_paths_for_bulk_created_units(world):
    # given units made with bulk_create (no paths yet), a municipality before its school
    muni = OrgUnit(
        parent=world.region,
        level=Level.MUNICIPALITY,
        full_name="Нефтеюганский район",
        municipality_type="district",
    )
    (muni,) = OrgUnit.objects.bulk_create([muni])
    school = OrgUnit(parent=muni, level=Level.ORGANIZATION, kind="school", full_name="СОШ п. Салым")
    (school,) = OrgUnit.objects.bulk_create([school])

    # when the loader fills the paths
    org_units_fill_paths([muni, school])

    # then both sit at the right place of the tree
    muni.refresh_from_db()
    school.refresh_from_db()
    assert muni.path == f"{world.region.path}{muni.pk:08d}/"
    assert school.path == f"{muni.path}{school.pk:08d}/"


def test_duplicate_inn_is_reported_on_the_field_by_the_service_too(world):
    # given school B, when a service saves school A with B's ИНН
    from django.core.exceptions import ValidationError

    from nastavnik.organizations.services import org_unit_update

    with pytest.raises(ValidationError) as exc:
        org_unit_update(unit=world.school_a, inn=world.school_b.inn)
    # then the message sits on «inn», not form-wide
    assert exc.value.message_dict["inn"] == ["Организация с таким ИНН уже есть."]


def test_second_open_job_in_the_same_organization_is_reported_on_the_field(world):
    from django.core.exceptions import ValidationError

    from nastavnik.people.services import employment_add

    with pytest.raises(ValidationError) as exc:
        employment_add(person=world.teacher_a, organization=world.school_a)
    assert "уже числится" in exc.value.message_dict["organization"][0]
