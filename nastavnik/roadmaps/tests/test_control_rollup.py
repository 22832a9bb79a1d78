"""The control page computed by grouped SQL (issue 16): its figures are those of a
straightforward count in Python (the current roadmap of each unit by ``current_roadmap``, its
execution by ``progress_for``) on a randomly drawn world of several regions, statuses and
periods; the query count does not grow with the organizations (paged and filtered in SQL); the
national operator's page at the federal level lists the regions with their roll-up."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps import control as control_module
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, Recurrence, RoadmapStatus
from nastavnik.roadmaps.control import NO_ROADMAP, STATUS_KEYS, control_for, current_roadmap
from nastavnik.roadmaps.models import ROADMAP_LEVELS, Roadmap, RoadmapItem, RoadmapSection
from nastavnik.roadmaps.selectors import current_roadmaps, progress_for
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "pass12345"


def client_of(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def national(world):
    """The national operator on the federal root of the persona world."""
    user = f.UserFactory(username="national")
    f.RoleAssignmentFactory(user=user, org_unit=world.region.parent, role=Role.NATIONAL_OPERATOR)
    return user


def draw_roadmaps(owner, rng: random.Random, today: dt.date) -> None:
    """0–3 roadmaps of ``owner`` in random statuses and periods (past, running, future; ties of
    the start included), each with 0–4 activities of random status, deadline and kind."""
    for n in range(rng.choice((0, 1, 1, 2, 3))):
        start = today + dt.timedelta(days=rng.choice((-700, -200, -200, -30, 40, 300)))
        end = start + dt.timedelta(days=rng.choice((100, 365, 365, 800)))
        roadmap = Roadmap.objects.create(
            owner=owner,
            level=owner.level,
            title=f"План {n + 1}: {owner}",
            starts_on=start,
            ends_on=end,
            status=rng.choice(list(RoadmapStatus.values)),
        )
        section = RoadmapSection.objects.create(roadmap=roadmap, number="1.", title="Мероприятия")
        for k in range(rng.choice((0, 2, 3, 4))):
            recurring = rng.random() < 0.15
            RoadmapItem.objects.create(
                roadmap=roadmap,
                section=section,
                number=f"1.{k + 1}.",
                activity=f"Мероприятие {k + 1}",
                period_kind=PeriodKind.RECURRING if recurring else PeriodKind.DATES,
                recurrence=Recurrence.PERMANENT if recurring else "",
                ends_on=None if recurring else today + dt.timedelta(days=rng.choice((-40, -3, 0, 20))),
                responsible="Куратор",
                status=rng.choice(list(ItemStatus.values)),
                sort_order=k,
            )


@pytest.fixture
def drawn(world):
    """The persona world grown at random (seeded): a second region with two municipalities,
    more organizations in every municipality and under each region directly, and roadmaps of
    every unit drawn by :func:`draw_roadmaps`."""
    rng = random.Random(16)
    today = timezone.localdate()
    second = f.region(world.region.parent, "Тюменская область")
    munis = [
        world.muni1,
        world.muni2,
        f.municipality(second, "город Тюмень"),
        f.municipality(second, "город Ишим"),
    ]
    for muni in munis:
        for _ in range(rng.choice((1, 2, 3))):
            f.OrgUnitFactory(parent=muni)
    for region in (world.region, second):
        f.OrgUnitFactory(parent=region)
    for unit in OrgUnit.objects.filter(level__in=ROADMAP_LEVELS):
        draw_roadmaps(unit, rng, today)
    return world, second, today


def python_figures(user, unit, today):
    """The control figures of ``unit`` counted plainly: the current roadmap of every unit of the
    subtree in Python, its execution by ``progress_for``. Returns ``(summary, rows, overdue)``:
    ``{level: Counter(status key)}``, ``{child id: (status key, share, overdue, Counter of its
    organizations' status keys, their overdue)}`` and the overdue activities of all."""
    by_owner = defaultdict(list)
    for roadmap in Roadmap.objects.for_user(user).filter(owner__path__startswith=unit.path):
        by_owner[roadmap.owner_id].append(roadmap)
    current = {owner: current_roadmap(items, today) for owner, items in by_owner.items()}
    progress = progress_for([r.pk for r in current.values()], today)
    units = list(
        OrgUnit.objects.filter(path__startswith=unit.path, level__in=ROADMAP_LEVELS).exclude(pk=unit.pk)
    )

    def key(u):
        return current[u.pk].status if u.pk in current else NO_ROADMAP

    def late(u):
        return progress[current[u.pk].pk].overdue if u.pk in current and current[u.pk].pk in progress else 0

    summary = defaultdict(Counter)
    for u in units:
        summary[u.level][key(u)] += 1
    rows = {}
    for child in (u for u in units if u.parent_id == unit.pk):
        below = [u for u in units if u.level == Level.ORGANIZATION and u.path.startswith(child.path)]
        below = [] if child.level == Level.ORGANIZATION else below
        roadmap = current.get(child.pk)
        share = progress[roadmap.pk].share if roadmap is not None and roadmap.pk in progress else None
        rows[child.pk] = (
            key(child),
            share if roadmap is not None else None,
            late(child),
            Counter(key(u) for u in below),
            sum(late(u) for u in below),
        )
    overdue = sum(p.overdue for p in progress.values())
    return summary, rows, overdue


def sql_figures(control):
    summary = {}
    level_of = {
        "Регионы": Level.REGION,
        "Муниципальные образования": Level.MUNICIPALITY,
        "Организации": Level.ORGANIZATION,
    }
    for title, counts in control.summary:
        summary[level_of[title]] = Counter({k: counts[k] for k in STATUS_KEYS if counts[k]})
    rows = {}
    for row in [*control.rows, *control.direct_rows]:
        children = (
            Counter({k: row.children[k] for k in STATUS_KEYS if row.children[k]})
            if row.children
            else Counter()
        )
        rows[row.unit.pk] = (row.status, row.share, row.overdue, children, row.children_overdue)
    return summary, rows, control.overdue_total


@pytest.mark.parametrize("who", ["national", "operator", "coordinator"])
def test_the_grouped_figures_are_those_of_a_plain_count(drawn, who):
    # given a world of random statuses, periods and activities, and a viewer at each level
    world, _second, today = drawn
    user = national(world) if who == "national" else world.users[who]
    unit = {"national": world.region.parent, "operator": world.region, "coordinator": world.muni1}[who]

    # when the control page is computed in SQL and the figures counted plainly
    control = control_for(user, unit, today)
    summary, rows, overdue = python_figures(user, unit, today)

    # then they agree: the summary of each level, every row, the overdue total
    got_summary, got_rows, got_overdue = sql_figures(control)
    assert got_summary == {level: summary[level] for level in got_summary}
    assert (
        set(got_summary)
        == {
            Level.FEDERAL: {Level.REGION, Level.MUNICIPALITY, Level.ORGANIZATION},
            Level.REGION: {Level.MUNICIPALITY, Level.ORGANIZATION},
            Level.MUNICIPALITY: {Level.ORGANIZATION},
        }[unit.level]
    )
    assert got_rows == rows
    assert got_overdue == overdue
    # and the overdue list holds the overdue activities of the current roadmaps only
    current_ids = set(
        current_roadmaps(Roadmap.objects.filter(owner__path__startswith=unit.path), today).values_list(
            "pk", flat=True
        )
    )
    assert {o.item.roadmap_id for o in control.overdue_items} <= current_ids
    assert len(control.overdue_items) == min(overdue, control_module.OVERDUE_LIMIT)


def test_the_sql_current_roadmap_is_the_python_one(drawn):
    # given every unit's roadmaps of the drawn world
    _world, _second, today = drawn
    by_owner = defaultdict(list)
    for roadmap in Roadmap.objects.all():
        by_owner[roadmap.owner_id].append(roadmap)

    # then the window over the owner picks what current_roadmap picks, for today and other days
    for day in (today, today - dt.timedelta(days=365), today + dt.timedelta(days=500)):
        expected = {current_roadmap(items, day).pk for items in by_owner.values()}
        assert set(current_roadmaps(Roadmap.objects.all(), day).values_list("pk", flat=True)) == expected


@pytest.mark.parametrize(
    ("status", "overdue"), [("approved", False), ("none", False), ("", True), ("draft", True)]
)
def test_the_filters_in_sql_keep_the_rows_a_plain_filter_keeps(drawn, status, overdue):
    # given the operator's region and the coordinator's municipality
    world, _second, today = drawn
    for user, unit in ((world.users["operator"], world.region), (world.users["coordinator"], world.muni1)):
        whole = control_for(user, unit, today)
        narrowed = control_for(user, unit, today, status=status, overdue=overdue)

        # then the filtered rows are those of the whole page that pass the filter, in order
        def keep(row):
            return (not status or row.status == status) and (not overdue or row.has_overdue)

        for attr in ("rows", "direct_rows"):
            assert [r.unit.pk for r in getattr(narrowed, attr)] == [
                r.unit.pk for r in getattr(whole, attr) if keep(r)
            ], attr
        assert narrowed.summary == whole.summary and narrowed.overdue_total == whole.overdue_total


def grow(muni, count: int, today: dt.date) -> None:
    """``count`` more organizations in ``muni``, each with a running roadmap, some overdue."""
    for n in range(count):
        org = f.OrgUnitFactory(parent=muni)
        roadmap = Roadmap.objects.create(
            owner=org,
            level=org.level,
            title="План",
            starts_on=today - dt.timedelta(days=10),
            ends_on=today + dt.timedelta(days=300),
            status=RoadmapStatus.APPROVED if n % 2 else RoadmapStatus.SUBMITTED,
        )
        section = RoadmapSection.objects.create(roadmap=roadmap, title="Мероприятия")
        RoadmapItem.objects.create(
            roadmap=roadmap,
            section=section,
            activity="Мероприятие",
            period_kind=PeriodKind.DATES,
            ends_on=today - dt.timedelta(days=n % 3),
            responsible="Куратор",
        )


def queries_of(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize(
    ("who", "query"),
    [
        ("national", ""),
        ("national", "?status=submitted&overdue=1"),
        ("operator", "?status=approved"),
        ("coordinator", ""),
        ("coordinator", "?status=submitted&page=2"),
    ],
)
def test_the_queries_and_the_rows_do_not_grow_with_the_organizations(world, settings, who, query):
    # given a viewer, with a page of 5 organizations, and a world that grows tenfold
    settings.NASTAVNIK_TABLE_PAGE_SIZE = 5
    user = national(world) if who == "national" else world.users[who]
    client = client_of(user)
    today = timezone.localdate()
    grow(world.muni1, 3, today)
    few, _ = queries_of(client, "/roadmaps/control/" + query)
    grow(world.muni1, 27, today)
    grow(world.muni2, 30, today)

    many, response = queries_of(client, "/roadmaps/control/" + query)

    # then the same number of queries, and never more than a page of organizations
    assert many == few
    control = response.context["control"]
    assert len(control.rows) + len(control.direct_rows) <= 5 + 2 + 1
    if who == "coordinator":
        # school A and the 30 grown (their even ones submitted: 2 of the first 3, 14 of the 27)
        assert control.page.count == (31 if "status" not in query else 16) and control.page.pages > 1


def test_the_national_operator_sees_the_regions_with_their_roll_up(drawn):
    # given the national operator
    world, second, _today = drawn
    user = national(world)

    # when they open the control page
    response = client_of(user).get("/roadmaps/control/")

    # then it is the federal level's, the regions are its rows, each with its organizations counted
    assert response.status_code == 200
    control = response.context["control"]
    assert control.unit == world.region.parent
    assert [row.unit for row in control.rows] == [world.region, second]
    for row in control.rows:
        organizations = OrgUnit.objects.filter(path__startswith=row.unit.path, level=Level.ORGANIZATION)
        assert row.children.total == organizations.count()
    html = response.content.decode()
    assert "Регионы" in html and f'href="?unit={second.pk}"' in html and "Региональная дорожная карта" in html
    assert 'data-testid="own-roadmap"' not in html  # the federal level keeps no roadmap
    # and they drill down to a region, a municipality and an organization
    region = client_of(user).get(f"/roadmaps/control/?unit={second.pk}")
    assert region.status_code == 200 and region.context["up"] == world.region.parent
    assert client_of(user).get(f"/roadmaps/control/?unit={world.school_a.pk}").status_code == 200


def test_the_regional_operator_does_not_reach_the_federal_level(world):
    federal = world.region.parent

    response = client_of(world.users["operator"]).get(f"/roadmaps/control/?unit={federal.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize("raw", ["²", "abc", "-1", "0", "99999999999", "1e3"])
def test_garbage_in_the_page_is_the_first_page_not_a_500(world, raw):
    response = client_of(world.users["coordinator"]).get("/roadmaps/control/", {"page": raw})

    assert response.status_code == 200 and response.context["control"].page.number == 1
