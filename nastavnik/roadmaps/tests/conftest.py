"""Roadmaps of the persona world (``conftest.world``) for the tests of the roadmap core and pages.

Fixture names are specific (``school_roadmap``, ``roadmap_maker``…) so that they do not clash
with the fixtures other roadmap test modules define for themselves.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nastavnik.roadmaps import services
from nastavnik.roadmaps.periods import period_parse
from nastavnik.roadmaps.services import ItemData, SectionData

#: The year the template roadmaps of these tests are made for (the school year 2026/27).
ROADMAP_YEAR = 2026

#: A small plan: (number, activity, period in words, executors). Dates are far in the past or
#: the future so that «overdue» does not depend on the day the tests run.
SMALL_PLAN = (
    (
        "1.1",
        "Издание приказа о внедрении целевой модели наставничества",
        "Март 2025",
        "Руководитель организации",
    ),
    ("1.2", "Информирование родителей о программе наставничества", "Май – июнь 2030", "Куратор"),
    ("1.3", "Размещение новостей на сайте организации", "Ежемесячно", "Куратор, Наставники"),
)


def plan_of(rows, section_title: str = "Организационные мероприятия") -> list[SectionData]:
    """One section «1.» holding the activities ``rows`` (tuples as in ``SMALL_PLAN``)."""
    items = [
        ItemData(number=number, activity=activity, period=period_parse(period), responsible=responsible)
        for number, activity, period, responsible in rows
    ]
    return [SectionData(number="1.", title=section_title, items=items)]


@pytest.fixture
def roadmap_maker(world):
    """``make(owner, by=None, rows=SMALL_PLAN, starts_on=2025-01-01, ends_on=2030-12-31, title=…)``:
    a draft roadmap of ``owner`` with one section of ``rows``, created through
    ``services.roadmap_create`` by ``by`` (the keeper of the owner by default)."""
    keepers = {
        world.school_a.pk: "curator_a",
        world.school_b.pk: "curator_b",
        world.muni1.pk: "coordinator",
        world.region.pk: "operator",
    }

    def make(
        owner,
        *,
        by=None,
        rows=SMALL_PLAN,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2030, 12, 31),
        title="План мероприятий по внедрению системы наставничества",
    ):
        # the keeper of the owner, else the system (services check the rights of a user)
        author = by or (world.users[keepers[owner.pk]] if owner.pk in keepers else None)
        return services.roadmap_create(
            owner=owner,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            by=author,
            sections=plan_of(rows) if rows else [],
        )

    return make


@pytest.fixture
def school_roadmap(world):
    """The draft roadmap of school A made by its curator from the organization template
    (seed 002 §10) for the school year 2026/27."""
    return services.roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=ROADMAP_YEAR, by=world.users["curator_a"]
    )


@pytest.fixture
def submitted_school_roadmap(world, school_roadmap):
    """``school_roadmap`` sent by the curator of school A to the municipality for approval."""
    return services.roadmap_submit(roadmap=school_roadmap, by=world.users["curator_a"])


@pytest.fixture
def approved_school_roadmap(world, submitted_school_roadmap):
    """``school_roadmap`` approved by the coordinator of municipality 1."""
    return services.roadmap_approve(roadmap=submitted_school_roadmap, by=world.users["coordinator"])


@pytest.fixture
def muni_roadmap(world):
    """The draft roadmap of municipality 1 made by its coordinator from the municipal template
    (seed 003) for 2026."""
    return services.roadmap_create_from_blueprint(
        owner=world.muni1, code="municipal_003", year=ROADMAP_YEAR, by=world.users["coordinator"]
    )


@pytest.fixture
def region_roadmap(world):
    """The draft roadmap of the region made by the regional operator from seed 000 App. 2 for 2026."""
    return services.roadmap_create_from_blueprint(
        owner=world.region, code="regional_000", year=ROADMAP_YEAR, by=world.users["operator"]
    )
