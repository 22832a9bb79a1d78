"""The demo roadmaps (issue 6): the region holds the regional roadmap of seed 000 App. 2, every
municipality a roadmap from the template of seed 003, the organizations roadmaps in every status;
school A reports its execution; the history is dated before today; reset deletes them."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from nastavnik.access.models import RoleAssignment
from nastavnik.demo.roadmaps import OVERDUE_COMMENT, RETURN_COMMENTS, demo_school_year, roadmaps_write
from nastavnik.demo.services import demo_region, demo_region_delete, demo_region_load
from nastavnik.organizations.choices import Level, OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.roadmaps.blueprints import MUNICIPAL, ORGANIZATION, REGIONAL
from nastavnik.roadmaps.choices import ItemStatus, RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.models import Roadmap, RoadmapEvent, RoadmapEvidence, RoadmapItem
from nastavnik.roadmaps.rules import can_approve

TEACHERS = 40


def _numbers(blueprint) -> list[str]:
    return [item.number for section in blueprint.sections for item in section.items]


def _user(login: str):
    return RoleAssignment.objects.select_related("user", "org_unit").get(user__username=login)


def _assert_history_dated(roadmap: Roadmap, today: dt.date) -> None:
    """Every event before today; created, submitted, approved in this order."""
    events = list(roadmap.events.all())
    assert events and all(timezone.localdate(e.occurred_at) < today for e in events)
    assert events[0].kind == RoadmapEventKind.CREATED
    assert timezone.localdate(roadmap.created_at) < today
    steps = [e for e in events if e.kind == RoadmapEventKind.STATUS]
    assert [e.occurred_at for e in steps] == sorted(e.occurred_at for e in steps)
    if roadmap.approved_at:
        assert roadmap.approved_at == steps[-1].occurred_at and roadmap.approved_at > roadmap.created_at
    if roadmap.submitted_at:
        assert roadmap.created_at < roadmap.submitted_at


def test_the_demo_region_holds_roadmaps_of_every_level_and_status(db):
    # when the demo region is loaded
    demo_region_load(teachers=TEACHERS)
    today = timezone.localdate()
    region = demo_region()
    operator, coordinator, curator = _user("operator"), _user("coordinator"), _user("curator")

    # then the region has one approved roadmap of seed 000 App. 2 for this year, by the operator
    regional = Roadmap.objects.get(level=Level.REGION)
    assert regional.owner == region and regional.blueprint == REGIONAL.code
    assert regional.status == RoadmapStatus.APPROVED and regional.approved_by == operator.user
    assert regional.items.count() == 25 == REGIONAL.item_count
    assert regional.starts_on.year == today.year
    _assert_history_dated(regional, today)

    # every municipality one roadmap from seed 003 for this school year, most approved
    municipalities = OrgUnit.objects.filter(parent=region, level=Level.MUNICIPALITY)
    municipal = Roadmap.objects.filter(level=Level.MUNICIPALITY).select_related("owner")
    assert sorted(r.owner_id for r in municipal) == sorted(m.pk for m in municipalities)
    assert len(municipal) == 22
    year = demo_school_year(today)
    for roadmap in municipal:
        assert roadmap.blueprint == MUNICIPAL.code and roadmap.parent == regional
        assert list(roadmap.items.values_list("number", flat=True)) == _numbers(MUNICIPAL)
        assert (roadmap.starts_on, roadmap.ends_on) == (dt.date(year, 11, 1), dt.date(year + 1, 7, 31))
    statuses = [r.status for r in municipal]
    assert 2 <= statuses.count(RoadmapStatus.DRAFT) <= 3
    assert statuses.count(RoadmapStatus.APPROVED) == 22 - statuses.count(RoadmapStatus.DRAFT)
    surgut = municipal.get(owner=coordinator.org_unit)
    assert surgut.status == RoadmapStatus.APPROVED and surgut.approved_by == coordinator.user
    assert not municipal.filter(status=RoadmapStatus.APPROVED, approved_by__isnull=False).exclude(
        pk=surgut.pk
    )

    # organizations: a dozen and more, every status, the template of seed 002 §10
    organizations = Roadmap.objects.filter(level=Level.ORGANIZATION).select_related("owner")
    assert organizations.count() >= 12
    assert set(organizations.values_list("status", flat=True)) == set(RoadmapStatus.values)
    for roadmap in organizations:
        assert roadmap.blueprint == ORGANIZATION.code
        assert roadmap.items.count() == ORGANIZATION.item_count
        assert roadmap.parent is not None and roadmap.parent.owner == roadmap.owner.parent
        _assert_history_dated(roadmap, today)
    assert organizations.filter(owner__kind=OrganizationKind.COLLEGE, owner__parent=region).exists()

    # the coordinator has work to do: submitted and returned roadmaps of the municipality's schools
    at_home = organizations.filter(owner__parent=coordinator.org_unit)
    waiting = at_home.filter(status=RoadmapStatus.SUBMITTED)
    assert waiting.exists()
    assert all(can_approve(coordinator.user, roadmap.owner) for roadmap in waiting)
    returned = at_home.get(status=RoadmapStatus.RETURNED)
    step = returned.events.filter(kind=RoadmapEventKind.STATUS).last()
    assert step.to_status == RoadmapStatus.RETURNED and step.author == coordinator.user
    assert step.comment == RETURN_COMMENTS[0]
    # one was returned, fixed and submitted again
    again = waiting.filter(events__to_status=RoadmapStatus.RETURNED).get()
    assert again.events.filter(comment=RETURN_COMMENTS[1]).exists()

    # school A: approved by the coordinator, its execution reported
    school_a = organizations.get(owner=curator.org_unit)
    assert school_a.status == RoadmapStatus.APPROVED and school_a.approved_by == coordinator.user
    assert (school_a.starts_on, school_a.ends_on) == (dt.date(year, 9, 1), dt.date(year + 1, 6, 30))
    items = list(school_a.items.all())
    passed = [i for i in items if i.period.deadline and i.period.deadline < today]
    done = [i for i in items if i.status == ItemStatus.DONE]
    overdue = [i for i in items if i.is_overdue(today)]
    assert [i.status for i in items].count(ItemStatus.IN_PROGRESS) == 1
    assert len(done) + len(overdue) == len(passed)
    if len(passed) >= 3:  # from October on (in September no deadline has passed yet)
        assert 1 <= len(overdue) <= 2 and done
        assert RoadmapEvidence.objects.filter(item__roadmap=school_a).count() == 1
        assert school_a.events.filter(kind=RoadmapEventKind.COMMENT, comment=OVERDUE_COMMENT).exists()
    for item in done:
        assert (item.starts_on or item.ends_on - dt.timedelta(days=25)) <= item.completed_on <= item.ends_on
        assert item.completed_on < today

    # and deleting the region deletes the roadmaps (they protect their owners)
    demo_region_delete()
    assert not Roadmap.objects.exists() and not RoadmapItem.objects.exists()


def test_school_a_execution_on_a_known_day(world):
    # given the persona world and 21 November 2026 (the school year 2026/27)
    today = dt.date(2026, 11, 21)

    # when the demo roadmaps are written for it
    summary = roadmaps_write(
        region=world.region,
        rng=random.Random(1),
        today=today,
        school_a=world.school_a,
        school_b=world.school_b,
    )

    # then the region, both municipalities and both schools have their roadmaps
    assert (summary.regional, summary.municipal, summary.organizations) == (1, 2, 2)
    roadmap = Roadmap.objects.get(owner=world.school_a)
    assert roadmap.status == RoadmapStatus.APPROVED
    assert roadmap.approved_by == world.users["coordinator"]
    assert Roadmap.objects.get(owner=world.school_b).status == RoadmapStatus.DRAFT
    assert Roadmap.objects.get(owner=world.muni1).approved_by == world.users["coordinator"]
    # the September and October activities are done inside their periods, but one or two
    items = {i.number: i for i in roadmap.items.all()}
    passed = [i for i in items.values() if i.period.deadline and i.period.deadline < today]
    assert {i.ends_on for i in passed} == {dt.date(2026, 9, 30), dt.date(2026, 10, 31)}
    done = [i for i in passed if i.status == ItemStatus.DONE]
    overdue = [i for i in passed if i.is_overdue(today)]
    assert len(overdue) == 2 and len(done) == len(passed) - 2
    for item in done:
        assert item.starts_on <= item.completed_on <= min(item.ends_on, today)
    # one activity running today is under way: the longest, the work of the pairs (November – May)
    assert [i.number for i in items.values() if i.status == ItemStatus.IN_PROGRESS] == ["2.6"]
    # the curator's comment on an overdue activity, and a document of one done
    comment = roadmap.events.get(kind=RoadmapEventKind.COMMENT)
    assert comment.item in overdue and comment.author == world.users["curator_a"]
    evidence = RoadmapEvidence.objects.get(item__roadmap=roadmap)
    assert evidence.item.status == ItemStatus.DONE and evidence.uploaded_by == world.users["curator_a"]
    assert "Протокол" in evidence.title
    assert evidence.file.read().decode("utf-8").startswith(evidence.title)
    # each report is an «item» event on its day, by the curator
    reports = roadmap.events.filter(kind=RoadmapEventKind.ITEM)
    assert reports.count() == len(done) + 1
    for event in reports.filter(item__status=ItemStatus.DONE):
        assert timezone.localdate(event.occurred_at) == event.item.completed_on
        assert event.author == world.users["curator_a"]
        assert event.summary == f"Мероприятие {event.item.number}: Запланировано → Выполнено"
    _assert_history_dated(roadmap, today)
    assert list(RoadmapEvent.objects.filter(roadmap=roadmap).order_by("occurred_at", "pk")) == list(
        roadmap.events.all()
    )


def test_the_same_seed_gives_the_same_roadmaps(db):
    def statuses():
        return sorted(
            Roadmap.objects.values_list("owner__full_name", "status", "items__number", "items__status")
        )

    demo_region_load(teachers=TEACHERS, seed=5)
    first = statuses()
    demo_region_load(teachers=TEACHERS, seed=5, reset=True)
    assert statuses() == first
    assert Roadmap.objects.filter(level=Level.REGION).count() == 1
