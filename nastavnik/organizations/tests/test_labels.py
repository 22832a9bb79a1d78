"""Same-named schools of different municipalities are told apart (issue 13: organization lists
at regional level showed many «МБОУ «СОШ № 1»» with no municipality)."""

from __future__ import annotations

import pytest
from django.test import Client

from nastavnik.organizations.forms import OrgUnitChoiceField
from nastavnik.organizations.models import OrgUnit
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(world):
    """A school of municipality 2 with the same short name as school A of municipality 1."""
    twin = f.OrgUnitFactory(parent=world.muni2, full_name="МБОУ «Средняя школа № 1»", short_name="СОШ № 1")
    f.staff_member(twin, last_name="Близнецова")
    return twin


def test_an_organization_is_labelled_with_its_municipality(world, twin):
    # then a school carries its municipality, a territory only its name
    assert world.school_a.label_with_municipality == "СОШ № 1 (город Сургут)"
    assert twin.label_with_municipality == "СОШ № 1 (город Нижневартовск)"
    assert world.muni1.label_with_municipality == "город Сургут"


def test_the_choices_carry_the_municipality_in_one_query(world, twin, django_assert_num_queries):
    # given a choice of every organization, narrowed with only() as the filters do
    field = OrgUnitChoiceField(queryset=OrgUnit.objects.organizations().only("pk", "full_name", "short_name"))

    # when its choices are listed, then in one query, each with its municipality
    with django_assert_num_queries(1):
        labels = [label for _value, label in field.choices][1:]
    assert sorted(labels) == [
        "СОШ № 1 (город Нижневартовск)",
        "СОШ № 1 (город Сургут)",
        "СОШ № 2 (город Нижневартовск)",
    ]


@pytest.mark.parametrize("url", ["/people/", "/bank/", "/programs/", "/documents/", "/matching/marks/"])
def test_the_regional_lists_and_filters_name_the_municipality(world, twin, url):
    # given the regional operator
    client = Client()
    client.force_login(world.users["operator"])

    # when they open a list with a filter by organization
    html = client.get(url).content.decode()

    # then both same-named schools are offered with their municipalities
    assert "СОШ № 1 (город Сургут)" in html
    assert "СОШ № 1 (город Нижневартовск)" in html
