"""The control page of roadmaps (seed 000 App. 2 п. 1.7; §4.2 and 002 §6: the municipality
approves its organizations' roadmaps, the region sees everything): what the coordinator, the
operator and a curator see, the counts, drilling down, the filters, the scope and the number of
queries, which must not grow with the number of organizations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, RoadmapStatus
from nastavnik.roadmaps.control import NO_ROADMAP, control_for, current_roadmap, default_control_unit
from nastavnik.roadmaps.models import Roadmap
from nastavnik.roadmaps.periods import Period
from nastavnik.roadmaps.services import (
    ItemData,
    SectionData,
    roadmap_approve,
    roadmap_create,
    roadmap_return,
    roadmap_submit,
)
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "pass12345"


def client_of(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def make(owner, by, *, overdue: int = 0, done: int = 0, planned: int = 1, days: int = 200) -> Roadmap:
    """A draft roadmap of ``owner`` running from ``days`` ago to ``days`` ahead, with ``overdue``
    activities past their deadline, ``done`` done ones and ``planned`` ones due in a month."""
    today = timezone.localdate()
    items = []
    for n in range(overdue):
        deadline = today - dt.timedelta(days=10 + n)
        items.append(
            ItemData(
                number=f"1.{len(items) + 1}.",
                activity=f"Просроченное мероприятие {n + 1}",
                period=Period(kind=PeriodKind.DATES, starts_on=None, ends_on=deadline),
                responsible="Куратор",
            )
        )
    for n in range(done):
        items.append(
            ItemData(
                number=f"1.{len(items) + 1}.",
                activity=f"Выполненное мероприятие {n + 1}",
                period=Period(kind=PeriodKind.DATES, starts_on=None, ends_on=today - dt.timedelta(days=5)),
                responsible="Куратор",
                status=ItemStatus.DONE,
                completed_on=today - dt.timedelta(days=6),
            )
        )
    for n in range(planned):
        items.append(
            ItemData(
                number=f"1.{len(items) + 1}.",
                activity=f"Запланированное мероприятие {n + 1}",
                period=Period(kind=PeriodKind.DATES, starts_on=None, ends_on=today + dt.timedelta(days=30)),
                responsible="Куратор",
            )
        )
    return roadmap_create(
        owner=owner,
        title=f"Дорожная карта: {owner}",
        starts_on=today - dt.timedelta(days=days),
        ends_on=today + dt.timedelta(days=days),
        by=by,
        sections=[SectionData(number="1.", title="Мероприятия", items=items)],
    )


def submitted(roadmap, by) -> Roadmap:
    return roadmap_submit(roadmap=roadmap, by=by)


def approved(roadmap, submitter, approver) -> Roadmap:
    if roadmap.level == "organization":
        submitted(roadmap, submitter)
    return roadmap_approve(roadmap=roadmap, by=approver)


def returned(roadmap, submitter, approver) -> Roadmap:
    submitted(roadmap, submitter)
    return roadmap_return(roadmap=roadmap, by=approver, comment="Уточните сроки.")


@pytest.fixture
def scene(world):
    """Municipality 1: school A submitted (2 overdue), school C approved (1 done of 2), school D
    without a roadmap, its own roadmap a draft (1 overdue). Municipality 2: school B returned
    (1 overdue). Under the region directly: a college approved. The region's roadmap approved."""
    u = world.users
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «СОШ № 3»", short_name="СОШ № 3")
    school_d = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «СОШ № 4»", short_name="СОШ № 4")
    college = f.OrgUnitFactory(parent=world.region, full_name="БУ «Сургутский колледж»", short_name="Колледж")
    region_map = approved(make(world.region, u["operator"]), None, u["operator"])
    muni_map = make(world.muni1, u["coordinator"], overdue=1)
    a_map = submitted(make(world.school_a, u["curator_a"], overdue=2), u["curator_a"])
    # schools C and D and the college have no keeper in the world: the system acts for them, and
    # for the municipality 2 that has no coordinator (the services check a user's rights)
    c_map = approved(make(school_c, None, done=1), None, u["coordinator"])
    b_map = returned(make(world.school_b, u["curator_b"], overdue=1), u["curator_b"], None)
    college_map = approved(make(college, None), None, u["operator"])
    return {
        "world": world,
        "school_c": school_c,
        "school_d": school_d,
        "college": college,
        "region_map": region_map,
        "muni_map": muni_map,
        "a_map": a_map,
        "c_map": c_map,
        "b_map": b_map,
        "college_map": college_map,
    }


def rows_by_unit(rows):
    return {row.unit.pk: row for row in rows}


# The coordinator -------------------------------------------------------------------------------------


def test_the_coordinator_sees_the_organizations_of_the_municipality_with_their_status(scene):
    world = scene["world"]
    response = client_of(world.users["coordinator"]).get("/roadmaps/control/")

    assert response.status_code == 200
    control = response.context["control"]
    assert control.unit == world.muni1
    rows = rows_by_unit(control.rows)
    assert set(rows) == {world.school_a.pk, scene["school_c"].pk, scene["school_d"].pk}
    assert rows[world.school_a.pk].status == RoadmapStatus.SUBMITTED
    assert rows[world.school_a.pk].overdue == 2
    assert rows[scene["school_c"].pk].status == RoadmapStatus.APPROVED
    assert rows[scene["school_c"].pk].share == 50
    assert rows[scene["school_d"].pk].status == NO_ROADMAP and rows[scene["school_d"].pk].share is None
    assert timezone.localtime(rows[world.school_a.pk].last_event_at).date() == timezone.localdate()
    # the municipality's own roadmap on top
    assert control.own.roadmap == scene["muni_map"] and control.own.overdue == 1
    ((title, counts),) = control.summary
    assert title == "Организации"
    assert (counts["submitted"], counts["approved"], counts[NO_ROADMAP], counts["draft"]) == (1, 1, 1, 0)
    # overdue: the municipality's own and school A's, the oldest deadline first, then by unit
    assert control.overdue_total == 3
    assert [o.item.roadmap_id for o in control.overdue_items] == [
        scene["a_map"].pk,
        scene["muni_map"].pk,
        scene["a_map"].pk,
    ]
    assert [o.days for o in control.overdue_items] == [11, 10, 10]


def test_the_coordinator_sees_the_submitted_roadmap_waiting_with_a_link(scene):
    world = scene["world"]
    response = client_of(world.users["coordinator"]).get("/roadmaps/control/")

    html = response.content.decode()
    waiting = response.context["control"].waiting
    assert [(r.pk, owner, above) for r, owner, above in waiting] == [
        (scene["a_map"].pk, world.school_a, world.muni1)
    ]  # not school B's returned one, of another municipality
    assert 'data-testid="waiting-count">1<' in html
    assert f'href="/roadmaps/{scene["a_map"].pk}/"' in html
    assert "Просроченное мероприятие 1" in html
    assert "СОШ № 2" not in html  # school B is not the coordinator's


def test_the_status_and_overdue_filters_narrow_the_rows_but_not_the_summary(scene):
    world = scene["world"]
    coordinator = client_of(world.users["coordinator"])

    by_status = coordinator.get("/roadmaps/control/?status=submitted").context["control"]
    none = coordinator.get("/roadmaps/control/?status=none").context["control"]
    late = coordinator.get("/roadmaps/control/?overdue=1").context["control"]
    junk = coordinator.get("/roadmaps/control/?status=²&overdue=x")

    assert [row.unit for row in by_status.rows] == [world.school_a]
    assert by_status.summary[0][1].total == 3 and by_status.rows_total == 3
    assert [row.unit for row in none.rows] == [scene["school_d"]]
    assert [row.unit for row in late.rows] == [world.school_a]
    assert junk.status_code == 200 and len(junk.context["control"].rows) == 3


# The operator ----------------------------------------------------------------------------------------


def test_the_operator_sees_municipalities_with_their_organizations_counted(scene):
    world = scene["world"]
    response = client_of(world.users["operator"]).get("/roadmaps/control/")

    control = response.context["control"]
    assert control.unit == world.region
    assert control.own.roadmap == scene["region_map"]
    rows = rows_by_unit(control.rows)
    assert set(rows) == {world.muni1.pk, world.muni2.pk}
    muni1, muni2 = rows[world.muni1.pk], rows[world.muni2.pk]
    assert muni1.status == RoadmapStatus.DRAFT and muni1.overdue == 1
    assert (muni1.children["submitted"], muni1.children["approved"], muni1.children[NO_ROADMAP]) == (1, 1, 1)
    assert muni1.children.total == 3 and muni1.children_overdue == 2
    assert muni2.status == NO_ROADMAP
    assert (muni2.children["returned"], muni2.children.total, muni2.children_overdue) == (1, 1, 1)
    # the college of regional subordination in the second table
    assert [row.unit for row in control.direct_rows] == [scene["college"]]
    assert control.direct_rows[0].status == RoadmapStatus.APPROVED
    # region-level figures include the organizations of the municipalities
    summary = dict(control.summary)
    municipalities, organizations = summary["Муниципальные образования"], summary["Организации"]
    assert (municipalities["draft"], municipalities[NO_ROADMAP]) == (1, 1)
    assert organizations.total == 5
    assert (organizations["approved"], organizations["submitted"], organizations["returned"]) == (2, 1, 1)
    assert control.overdue_total == 4  # 1 of municipality 1, 2 of school A, 1 of school B
    assert [r.pk for r, _owner, _above in control.waiting] == [scene["a_map"].pk]
    html = response.content.decode()
    assert f'href="?unit={world.muni1.pk}"' in html
    assert "Организации регионального подчинения" in html


def test_the_operator_drills_down_to_a_municipality_and_back(scene):
    world = scene["world"]
    operator = client_of(world.users["operator"])

    response = operator.get(f"/roadmaps/control/?unit={world.muni1.pk}")

    control = response.context["control"]
    assert control.unit == world.muni1
    assert {row.unit.pk for row in control.rows} == {
        world.school_a.pk,
        scene["school_c"].pk,
        scene["school_d"].pk,
    }
    assert response.context["up"] == world.region
    assert f'href="?unit={world.region.pk}"' in response.content.decode()
    school = operator.get(f"/roadmaps/control/?unit={world.school_a.pk}")
    assert [row.roadmap for row in school.context["control"].rows] == [scene["a_map"]]
    assert school.context["up"] == world.muni1


# A curator, scope, rights -------------------------------------------------------------------------------


def test_a_curator_sees_the_roadmaps_of_their_own_organization_only(scene):
    world = scene["world"]
    curator = client_of(world.users["curator_a"])

    response = curator.get("/roadmaps/control/")

    control = response.context["control"]
    assert control.unit == world.school_a
    assert [row.roadmap for row in control.rows] == [scene["a_map"]]
    assert control.own.roadmap == scene["a_map"]
    assert control.waiting[0][0] == scene["a_map"]
    assert control.overdue_total == 2 and len(control.overdue_items) == 2
    assert response.context["up"] is None  # the municipality is not the curator's to control
    assert curator.get(f"/roadmaps/control/?unit={world.muni1.pk}").status_code == 404
    assert curator.get(f"/roadmaps/control/?unit={world.school_b.pk}").status_code == 404


def test_an_organization_lists_all_its_roadmaps_newest_first(scene):
    world = scene["world"]
    today = timezone.localdate()
    older = roadmap_create(
        owner=world.school_a,
        title="Прошлый план",
        starts_on=today - dt.timedelta(days=800),
        ends_on=today - dt.timedelta(days=400),
        by=world.users["curator_a"],
    )

    control = control_for(world.users["curator_a"], world.school_a, today)

    assert [row.roadmap for row in control.rows] == [scene["a_map"], older]
    assert control.own.roadmap == scene["a_map"]
    assert control.rows[1].share is None


@pytest.mark.parametrize(
    ("persona", "target", "code"),
    [
        ("coordinator", "region", 404),
        ("coordinator", "muni2", 404),
        ("coordinator", "school_b", 404),
        ("coordinator", "school_a", 200),
        ("curator_b", "school_a", 404),
        ("operator", "school_b", 200),
    ],
)
def test_a_unit_outside_the_scope_is_a_404(world, persona, target, code):
    unit = getattr(world, target)

    assert client_of(world.users[persona]).get(f"/roadmaps/control/?unit={unit.pk}").status_code == code


@pytest.mark.parametrize("raw", ["²", "abc", "-1", "1.5", "99999999999", "999999"])
def test_garbage_in_the_unit_is_a_404_not_a_500(world, raw):
    assert client_of(world.users["operator"]).get("/roadmaps/control/", {"unit": raw}).status_code == 404


def test_anonymous_is_sent_to_sign_in_and_a_mentor_is_refused(world):
    anonymous = Client().get("/roadmaps/control/")

    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert client_of(world.users["mentor_a"]).get("/roadmaps/control/").status_code == 403
    assert client_of(world.users["mentee_a"]).get("/roadmaps/control/").status_code == 403


def test_the_default_unit_is_the_topmost_one_the_user_controls(world):
    superuser = f.UserFactory(username="root", is_superuser=True, is_staff=True)

    assert default_control_unit(world.users["operator"]) == world.region
    assert default_control_unit(world.users["coordinator"]) == world.muni1
    assert default_control_unit(world.users["head_a"]) == world.school_a
    # the federal level above the regions (issue 16): the superuser's and the national operator's
    assert default_control_unit(superuser) == world.region.parent
    assert default_control_unit(world.users["mentor_a"]) is None


def test_an_empty_region_shows_every_unit_without_a_roadmap(world):
    response = client_of(world.users["operator"]).get("/roadmaps/control/")

    control = response.context["control"]
    assert {row.status for row in control.rows} == {NO_ROADMAP}
    assert control.own.roadmap is None and control.overdue_total == 0 and not control.overdue_items
    assert "нет дорожной карты" in response.content.decode()


# The current roadmap ------------------------------------------------------------------------------------


def test_the_current_roadmap_is_the_running_one_approved_first_else_the_latest():
    today = dt.date(2026, 11, 20)

    def rm(pk, starts_on, ends_on, status=RoadmapStatus.DRAFT):
        return Roadmap(pk=pk, starts_on=starts_on, ends_on=ends_on, status=status)

    past = rm(1, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    running_draft = rm(2, dt.date(2026, 9, 1), dt.date(2027, 8, 31))
    running_approved = rm(3, dt.date(2026, 1, 1), dt.date(2026, 12, 31), RoadmapStatus.APPROVED)
    future = rm(4, dt.date(2027, 9, 1), dt.date(2028, 8, 31))

    assert current_roadmap([past, running_draft, running_approved, future], today) == running_approved
    assert current_roadmap([past, running_draft, future], today) == running_draft
    assert current_roadmap([past, future], today) == future
    assert current_roadmap([past], today) == past
    assert current_roadmap([], today) is None


# Queries ---------------------------------------------------------------------------------------------------


def populate(world, count: int) -> None:
    """``count`` more organizations in each municipality, each with a roadmap in some status."""
    for muni in (world.muni1, world.muni2):
        for n in range(count):
            org = f.OrgUnitFactory(parent=muni)
            roadmap = make(org, None, overdue=n % 2, done=1)  # the system: nobody keeps them
            if n % 3 == 1:
                submitted(roadmap, None)
            elif n % 3 == 2:
                approved(roadmap, None, None)


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", ["operator", "coordinator"])
def test_the_number_of_queries_does_not_grow_with_the_organizations(
    world, persona, django_assert_max_num_queries
):
    client = client_of(world.users[persona])
    make(world.muni1, world.users["coordinator"], overdue=1)
    populate(world, 3)
    few = queries_of(client, "/roadmaps/control/")
    populate(world, 9)
    assert Roadmap.objects.filter(level="organization").count() == 24

    with django_assert_max_num_queries(12):
        response = client.get("/roadmaps/control/")
    many = queries_of(client, "/roadmaps/control/")

    assert many == few
    control = response.context["control"]
    organizations = (
        sum(row.children.total for row in control.rows) if persona == "operator" else len(control.rows)
    )
    assert organizations == (26 if persona == "operator" else 13)
