"""The services of the organization tree check their actor themselves (issue 13, «one rights
model»): a user without the right (the mentor of school A, the curator of school B) gets
``PermissionDenied`` and nothing changes; the municipal coordinator acts in their municipality,
as the pages allow; the system (``by=None``) always."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.organizations.services import org_unit_create, org_unit_update
from nastavnik.testing.actors import assert_refused_then_served

pytestmark = pytest.mark.django_db


def _state():
    return list(OrgUnit.objects.order_by("pk").values_list("pk", "full_name"))


@pytest.mark.parametrize("name", ("org_unit_create", "org_unit_update"))
def test_an_org_unit_service_refuses_an_actor_without_the_right(world, name):
    def call(by):
        if name == "org_unit_create":
            return org_unit_create(
                parent=world.muni1,
                level=Level.ORGANIZATION,
                full_name="МБОУ «СОШ № 5»",
                kind=OrganizationKind.SCHOOL,
                by=by,
            )
        return org_unit_update(unit=world.school_a, full_name="МБОУ «Гимназия № 1»", by=by)

    refused = ("mentor_a", "curator_b", "head_a" if name == "org_unit_create" else "curator_a")
    assert_refused_then_served(call, users=world.users, refused=refused, allowed="coordinator", state=_state)


def test_a_root_unit_is_made_only_by_the_system_or_a_superuser(world):
    with pytest.raises(PermissionDenied):
        org_unit_create(
            parent=None, level=Level.FEDERAL, full_name="Другая страна", by=world.users["operator"]
        )
    assert not OrgUnit.objects.filter(full_name="Другая страна").exists()
