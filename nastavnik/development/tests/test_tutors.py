"""Tutors of the ЦНППМ (issue 18, Build 3; seed 000 §4.3.2): the coordinator assigns a tutor to
a teacher or to an organization, the tutor then reaches those teachers' routes and diagnoses and
nobody else's, ending the assignment takes the access away; the load figures and the tutor's
work lists are right."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.scope import clear_scope_cache
from nastavnik.development.choices import (
    ActivityKind,
    ActivityStatus,
    DeficitSource,
    DiagnosisKind,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.models import (
    Diagnosis,
    IndividualRoute,
    RouteActivity,
    RouteEvent,
    TutorAssignment,
)
from nastavnik.development.selectors import tutors as selectors
from nastavnik.development.services.tutors import tutor_assign, tutor_unassign
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def account(name: str, role: str, unit, *, last_name: str = "", person=None):
    """A user ``name`` holding ``role`` on ``unit`` (named ``last_name`` or through ``person``)."""
    user = f.UserFactory(username=name, last_name=last_name, first_name="Анна" if last_name else "")
    f.RoleAssignmentFactory(user=user, org_unit=unit, role=role)
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    return user


def route(person, organization, *, status=RouteStatus.ACTIVE, title="Маршрут", started_months=1):
    """A route of ``person`` started ``started_months`` months ago, for four years."""
    starts = selectors.months_before(TODAY(), started_months)
    return IndividualRoute.objects.create(
        person=person,
        organization=organization,
        title=title,
        status=status,
        starts_on=starts,
        ends_on=starts.replace(year=starts.year + 4),
        started_on=starts if status == RouteStatus.ACTIVE else None,
    )


def diagnosis(person, organization, *, route=None, on=None):
    return Diagnosis.objects.create(
        person=person,
        organization=organization,
        route=route,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=on or TODAY(),
    )


@pytest.fixture
def cnppm(world):
    """The coordinator of the ЦНППМ on the region, a tutor of the region and a user who is not a
    tutor; teacher B has an account."""
    world.users["cnppm"] = account("cnppm", Role.TUTOR_COORDINATOR, world.region, last_name="Координаторова")
    world.users["tutor"] = account("tutor", Role.TUTOR, world.region, last_name="Тьюторова")
    world.users["teacher_b"] = account("teacher_b", Role.MENTEE, world.school_b, person=world.teacher_b)
    return world


def assign(world, *, person=None, organization=None, days_ago=30, tutor=None):
    return tutor_assign(
        by=world.users["cnppm"],
        tutor=tutor or world.users["tutor"],
        person=person,
        organization=organization,
        starts_on=TODAY() - dt.timedelta(days=days_ago),
    )


def test_the_tutor_reaches_the_assigned_teachers_and_nobody_else(cnppm):
    world = cnppm
    tutor = world.users["tutor"]
    route_b = route(world.teacher_b, world.school_b)
    route_a = route(world.teacher_a, world.school_a)
    other_b = route(f.staff_member(world.school_b, last_name="Чужова"), world.school_b)
    diagnosis_b = diagnosis(world.teacher_b, world.school_b, route=route_b)
    diagnosis_a = diagnosis(world.teacher_a, world.school_a, route=route_a)
    diagnosis(other_b.person, world.school_b, route=other_b)

    # before any assignment the tutor reaches no route
    assert not IndividualRoute.objects.for_user(tutor).exists()

    # when the coordinator assigns the tutor to teacher B and to school A
    direct = assign(world, person=world.teacher_b)
    through = assign(world, organization=world.school_a)

    # then both assignments are recorded with who made them
    assert {direct.assigned_by, through.assigned_by} == {world.users["cnppm"]}
    # and the tutor reaches exactly those teachers' routes and diagnoses
    clear_scope_cache(tutor)
    assert set(IndividualRoute.objects.for_user(tutor)) == {route_a, route_b}
    assert set(Diagnosis.objects.for_user(tutor)) == {diagnosis_a, diagnosis_b}
    # and may comment them, not start them
    assert set(IndividualRoute.objects.for_user(tutor, "comment")) == {route_a, route_b}
    assert not IndividualRoute.objects.for_user(tutor, "start").exists()
    # and the teachers see who their tutor is
    assert selectors.tutor_of(world.teacher_b) == tutor
    assert selectors.tutor_of(world.teacher_a) == tutor
    assert selectors.tutor_of(other_b.person) is None


def test_ending_an_assignment_takes_the_access_away(cnppm):
    world = cnppm
    tutor = world.users["tutor"]
    route_b = route(world.teacher_b, world.school_b)
    assignment = assign(world, person=world.teacher_b)
    assert list(IndividualRoute.objects.for_user(tutor)) == [route_b]

    # when the coordinator ends it (by default yesterday was its last day)
    ended = tutor_unassign(by=world.users["cnppm"], assignment=assignment)

    # then the tutor reaches the route no more, and the teacher has no tutor
    assert ended.ends_on == TODAY() - dt.timedelta(days=1)
    assert not IndividualRoute.objects.for_user(tutor).exists()
    assert selectors.tutor_of(world.teacher_b) is None
    # and a second end is refused in Russian
    with pytest.raises(ValidationError, match="уже прекращено"):
        tutor_unassign(by=world.users["cnppm"], assignment=ended)


def test_assigning_is_refused_when_it_breaks_a_rule(cnppm):
    world = cnppm
    # a user who is not a tutor
    with pytest.raises(ValidationError, match="не является тьютором"):
        assign(world, person=world.teacher_b, tutor=world.users["curator_a"])
    # neither or both of a teacher and an organization
    with pytest.raises(ValidationError, match="либо педагога, либо организацию"):
        assign(world)
    with pytest.raises(ValidationError, match="либо педагога, либо организацию"):
        assign(world, person=world.teacher_b, organization=world.school_b)
    # a territory instead of an organization
    with pytest.raises(ValidationError, match="а не территорию"):
        assign(world, organization=world.muni1)
    # the same teacher twice while the first is in force
    assign(world, person=world.teacher_b)
    with pytest.raises(ValidationError, match="уже закреплён"):
        assign(world, person=world.teacher_b, days_ago=0)
    assert TutorAssignment.objects.count() == 1


def test_only_the_coordinator_of_the_region_assigns(cnppm):
    world = cnppm
    # a tutor of another region
    other_region = f.region(world.region.parent, "Тюменская область")
    other_school = f.OrgUnitFactory(
        parent=f.municipality(other_region, "город Тюмень"), full_name="Школа № 9"
    )
    stranger_tutor = account("tutor_far", Role.TUTOR, other_region, last_name="Дальняя")
    with pytest.raises(ValidationError, match="не является тьютором"):
        assign(world, person=world.teacher_b, tutor=stranger_tutor)
    # a teacher of another region: refused, nothing saved
    with pytest.raises(PermissionDenied):
        assign(world, person=f.staff_member(other_school, last_name="Тюменцева"))
    with pytest.raises(PermissionDenied):
        assign(world, organization=other_school)
    assert not TutorAssignment.objects.exists()
    # the curator and the regional operator do not assign; the curator does not end
    for name in ("curator_a", "operator"):
        with pytest.raises((PermissionDenied, ValidationError)):
            tutor_assign(by=world.users[name], tutor=world.users["tutor"], person=world.teacher_a)
    assignment = assign(world, person=world.teacher_a)
    with pytest.raises(PermissionDenied):
        tutor_unassign(by=world.users["curator_a"], assignment=assignment)
    assert TutorAssignment.objects.get().ends_on is None


def _work_world(world):
    """Teacher B (assigned personally) with an active route: a step of hers after the tutor's
    comment, an overdue activity, one diagnosis seven months ago; school A (assigned as an
    organization) with a draft route of the mentee without a diagnosis and a completed route of
    teacher A. Returns (route_b, route_a_draft)."""
    assign(world, person=world.teacher_b)
    assign(world, organization=world.school_a)
    route_b = route(world.teacher_b, world.school_b, title="Цифровые инструменты", started_months=8)
    diagnosis(world.teacher_b, world.school_b, route=route_b, on=selectors.months_before(TODAY(), 7))
    now = timezone.now()
    RouteEvent.objects.create(
        route=route_b,
        kind=RouteEventKind.COMMENT,
        summary="Комментарий",
        author=world.users["tutor"],
        occurred_at=now - dt.timedelta(days=3),
    )
    RouteEvent.objects.create(
        route=route_b,
        kind=RouteEventKind.PRODUCT,
        summary="Продукт",
        author=world.users["teacher_b"],
        occurred_at=now - dt.timedelta(days=1),
    )
    RouteActivity.objects.create(
        route=route_b,
        kind=ActivityKind.MEASURE,
        title="Открытый урок",
        status=ActivityStatus.PLANNED,
        starts_on=TODAY() - dt.timedelta(days=60),
        ends_on=TODAY() - dt.timedelta(days=5),
    )
    RouteActivity.objects.create(
        route=route_b,
        kind=ActivityKind.MEASURE,
        title="Семинар",
        status=ActivityStatus.DONE,
        starts_on=TODAY() - dt.timedelta(days=60),
        ends_on=TODAY() - dt.timedelta(days=5),
    )
    route_a = route(world.mentee_a, world.school_a, status=RouteStatus.DRAFT, title="Первые шаги")
    route(world.teacher_a, world.school_a, status=RouteStatus.COMPLETED, title="Завершённый")
    return route_b, route_a


def test_the_load_figures_are_right(cnppm):
    world = cnppm
    _work_world(world)
    idle = account("tutor_idle", Role.TUTOR, world.muni2, last_name="Свободная")

    # when the coordinator reads the load of the region's tutors, the busiest first
    loads = selectors.tutor_loads(selectors.overseen_tutors(world.users["cnppm"]), sort="-teachers")

    # then the tutor has one teacher personally and the three teachers of school A
    busy, free = loads
    assert (busy.tutor, free.tutor) == (world.users["tutor"], idle)
    assert (busy.direct, busy.organizations, busy.through_organizations, busy.teachers) == (1, 1, 3, 4)
    # two live routes (the completed one is not counted), one waiting, one overdue activity
    assert (busy.routes_live, busy.routes_waiting, busy.overdue) == (2, 1, 1)
    assert (free.direct, free.teachers, free.routes_live, free.routes_waiting, free.overdue) == (
        0,
        0,
        0,
        0,
        0,
    )
    # sorted by name, the idle tutor («Свободная») comes before «Тьюторова»
    assert [load.tutor for load in selectors.tutor_loads([busy.tutor, idle])] == [idle, busy.tutor]
    # a teacher who withdrew the consent is not counted (152-ФЗ art. 9)
    from nastavnik.testing.personas import extend_world

    extend_world(world)
    (again,) = selectors.tutor_loads([world.users["tutor"]])
    assert again.through_organizations == 5  # the council member and the psychologist of A joined


def test_the_tutor_work_lists_the_routes_to_comment_the_overdue_and_the_diagnoses_due(cnppm):
    world = cnppm
    route_b, route_a = _work_world(world)

    work = selectors.tutor_work(world.users["tutor"])

    # the teacher's product came after the tutor's comment
    assert list(work.waiting) == [route_b]
    assert [a.title for a in work.overdue] == ["Открытый урок"]
    # the draft has no diagnosis; the route carried out for eight months has its first only
    due = {r: selectors.due_reason(r) for r in work.due}
    assert set(due) == {route_a, route_b}
    assert due[route_a] == "диагностика по маршруту не проводилась"
    assert "повторная диагностика" in due[route_b]

    # when the tutor comments and a second diagnosis is made
    RouteEvent.objects.create(
        route=route_b, kind=RouteEventKind.COMMENT, summary="Ответ", author=world.users["tutor"]
    )
    diagnosis(world.teacher_b, world.school_b, route=route_b)

    # then the route leaves both lists
    work = selectors.tutor_work(world.users["tutor"])
    assert list(work.waiting) == []
    assert list(work.due) == [route_a]


def test_a_diagnosis_older_than_a_year_is_due_again(cnppm):
    world = cnppm
    assign(world, person=world.teacher_b)
    old = route(world.teacher_b, world.school_b, started_months=20)
    diagnosis(world.teacher_b, world.school_b, route=old, on=selectors.months_before(TODAY(), 14))
    diagnosis(world.teacher_b, world.school_b, route=old, on=selectors.months_before(TODAY(), 13))

    (due,) = selectors.tutor_work(world.users["tutor"]).due
    assert "более 12 месяцев назад" in selectors.due_reason(due)


def test_months_before_clips_the_day():
    assert selectors.months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert selectors.months_before(dt.date(2026, 1, 15), 12) == dt.date(2025, 1, 15)
