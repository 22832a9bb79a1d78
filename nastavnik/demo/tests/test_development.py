"""The demo professional development (issue 18, Build 8): the region's catalogue of courses with
the 72-hour course on mentoring, enrolments in every status with certificates, the base of
trained mentors and curators, diagnoses with their repetition, routes at every step with their
history, the tutor with a real work list — and nobody without a consent among them; the demo
accounts' pages show it, and school B's curator sees nothing of school A. (The reset and a small
world: ``test_development_reset``, outside the demo loaded for this module.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo.development import ROUTE_STAGES
from nastavnik.demo.testing import demo_loaded
from nastavnik.development.choices import (
    MENTORING_COURSE_HOURS,
    MENTORING_COURSE_TITLE,
    ActivityKind,
    ActivityStatus,
    DiagnosisKind,
    EnrollmentStatus,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    Enrollment,
    IndividualRoute,
    RouteEvent,
    TutorAssignment,
)
from nastavnik.development.selectors.courses import trained_people
from nastavnik.development.selectors.tutors import tutor_work
from nastavnik.organizations.choices import OrganizationKind
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person

TEACHERS = 120


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo region loaded once for the module, in a transaction rolled back after it."""
    with django_db_blocker.unblock(), demo_loaded(teachers=TEACHERS) as region:
        yield region


def _user(login: str):
    return get_user_model().objects.get(username=login)


def _unit(login: str) -> OrgUnit:
    return RoleAssignment.objects.select_related("org_unit").get(user__username=login).org_unit


def _person(login: str) -> Person:
    return Person.objects.get(user__username=login)


def _client(login: str) -> Client:
    client = Client()
    client.force_login(_user(login))
    return client


def _stage(route: IndividualRoute) -> str:
    """The step a demo route is left at (a key of ``ROUTE_STAGES``), from its rows."""
    if route.status == RouteStatus.COMPLETED:
        return "completed"
    if route.status == RouteStatus.ACTIVE:
        return "active"
    if route.activities.exists():
        return "roadmap"
    if route.diagnoses.exists():
        return "diagnosis"
    return "self_determination"


@pytest.mark.django_db
def test_the_coordinator_of_the_cnppm_has_an_account(demo):
    # the ЦНППМ's coordinator: the role on the region, the person working in the ЦНППМ
    grant = RoleAssignment.objects.get(user__username="cnppm")
    assert grant.role == Role.TUTOR_COORDINATOR and grant.org_unit == demo
    assert _person("cnppm").employments.get().organization.kind == OrganizationKind.CNPPM
    assert _user("cnppm").check_password("demo12345")


@pytest.mark.django_db
def test_the_catalogue_holds_the_courses_of_the_region_with_the_course_on_mentoring(demo):
    today = timezone.localdate()
    courses = Course.objects.filter(owner=demo).prefetch_related("areas")
    assert 8 <= courses.count() <= 12
    for course in courses:
        assert course.provider and course.hours >= 16 and course.description
        assert list(course.areas.all())
        assert today - dt.timedelta(days=400) <= course.starts_on <= course.ends_on
        assert course.ends_on <= today + dt.timedelta(days=400)
    # the course of seed 000 App. 2 §2.7: 72 hours, trains mentors; one flow over, one open
    mentoring = courses.filter(title=MENTORING_COURSE_TITLE)
    assert {c.hours for c in mentoring} == {MENTORING_COURSE_HOURS}
    assert all(c.is_mentoring_training for c in mentoring)
    assert mentoring.filter(is_published=True, starts_on__gt=today).exists()
    assert mentoring.filter(ends_on__lt=today).exists()
    # the ЦНППМ's coordinator keeps the catalogue, a teacher reads it
    assert Course.objects.for_user(_user("cnppm"), "change").filter(owner=demo).count() == courses.count()
    assert Course.objects.for_user(_user("mentee"), "view").filter(pk__in=courses).count() == courses.count()
    page = _client("cnppm").get(reverse("development:course_list"))
    assert page.status_code == 200 and MENTORING_COURSE_TITLE in page.content.decode()


@pytest.mark.django_db
def test_enrolments_in_every_status_and_certificates_of_the_completed(demo):
    enrollments = Enrollment.objects.filter(course__owner=demo).select_related("person", "course")
    assert set(enrollments.values_list("status", flat=True)) == set(EnrollmentStatus.values)
    completed = [e for e in enrollments if e.status == EnrollmentStatus.COMPLETED]
    for enrollment in completed:
        assert enrollment.certificate_number and enrollment.completed_on < timezone.localdate()
        assert enrollment.enrolled_on <= enrollment.completed_on
    assert len({e.certificate_number for e in completed}) == len(completed)
    # in school A and school B the certificate's text is there as a file
    schools = {_unit("curator").pk, _unit("curator2").pk}
    with_files = [e for e in completed if e.organization_id in schools]
    assert len(with_files) >= 4
    for enrollment in with_files:
        text = enrollment.certificate_file.read().decode("utf-8")
        assert enrollment.certificate_number in text and enrollment.person.full_name in text
        assert enrollment.course.title in text
    for enrollment in enrollments.exclude(status=EnrollmentStatus.COMPLETED):
        assert not enrollment.certificate_number and not enrollment.certificate_file


@pytest.mark.django_db
def test_the_base_of_trained_mentors_and_curators_is_not_empty(demo):
    # given the base as the regional operator reads it
    base = trained_people(Enrollment.objects.for_user(_user("operator")))
    people = {e.person_id for e in base}

    # then it holds the demo mentor, both demo curators and mentors of school B's pairs too
    assert {_person("mentor").pk, _person("curator").pk, _person("curator2").pk} <= people
    assert {e.organization for e in base} >= {_unit("curator"), _unit("curator2")}
    assert any(e.is_mentor for e in base) and any(e.is_curator for e in base)
    assert all(e.course.is_mentoring_training and e.certificate_number for e in base)
    # about half of the region's other mentors too
    others = {
        e.person_id for e in base if e.organization_id not in {_unit("curator").pk, _unit("curator2").pk}
    }
    assert others
    # and its page shows them to the ЦНППМ's coordinator
    page = _client("cnppm").get(reverse("development:trained_list"))
    assert page.status_code == 200
    assert _person("mentor").last_name in page.content.decode()


@pytest.mark.django_db
def test_diagnoses_of_about_ten_teachers_some_repeated_with_the_change(demo):
    school_a, school_b = _unit("curator"), _unit("curator2")
    diagnoses = Diagnosis.objects.filter(organization__in=[school_a, school_b])
    people = set(diagnoses.values_list("person_id", flat=True))
    assert len(people) >= 10
    assert {_person("mentee").pk, _person("mentor").pk} <= people
    assert set(diagnoses.values_list("organization", flat=True)) == {school_a.pk, school_b.pk}
    # self-diagnoses and expert ones, by the tutor and by a curator
    assert diagnoses.filter(kind=DiagnosisKind.SELF).exists()
    assert diagnoses.filter(kind=DiagnosisKind.EXPERT, expert=_user("tutor")).exists()
    assert diagnoses.filter(
        kind=DiagnosisKind.EXPERT, expert__in=[_user("curator"), _user("curator2")]
    ).exists()
    repeated = 0
    for person_id in people:
        rows = list(diagnoses.filter(person_id=person_id).order_by("conducted_on", "pk"))
        first = rows[0]
        # every area has a level, the first diagnosis two to four deficits
        assert first.results.count() == 8
        assert 2 <= first.deficits.count() <= 4
        if len(rows) > 1:
            repeated += 1
            last = rows[-1]
            assert last.results.count() == 8
            assert (last.conducted_on - first.conducted_on).days >= 60
            before = dict(first.results.values_list("area_id", "level"))
            after = dict(last.results.values_list("area_id", "level"))
            assert sum(after.values()) > sum(before.values())
            assert all(after[area] >= before[area] for area in before)
            strength = sum(last.deficits.values_list("level", flat=True))
            assert strength < sum(first.deficits.values_list("level", flat=True))
    assert repeated >= 3
    # every deficit of a diagnosis carries its person, organization, date and source
    for deficit in Deficit.objects.filter(diagnosis__in=diagnoses).select_related("diagnosis"):
        d = deficit.diagnosis
        assert (deficit.person_id, deficit.organization_id, deficit.diagnosed_on, deficit.source) == (
            d.person_id,
            d.organization_id,
            d.conducted_on,
            d.source,
        )


@pytest.mark.django_db
def test_routes_at_every_step_in_both_schools(demo):
    school_a, school_b = _unit("curator"), _unit("curator2")
    routes = list(IndividualRoute.objects.filter(organization__in=[school_a, school_b]))
    stages = {}
    for route in routes:
        stages.setdefault(_stage(route), []).append(route)
        assert route.desired_image and route.starts_on < route.ends_on
    assert set(stages) == set(ROUTE_STAGES)
    assert {r.organization_id for r in routes} == {school_a.pk, school_b.pk}

    # a draft with only the self-determination: no diagnosis, no activity
    for route in stages["self_determination"]:
        assert route.status == RouteStatus.DRAFT
    # the active ones: products recorded (a file or a link) and a correction with its reason
    for route in stages["active"]:
        assert route.started_on and route.diagnoses.exists()
        done = route.activities.filter(status=ActivityStatus.DONE)
        assert done.exists()
        for activity in done:
            assert activity.product_title and (activity.product_file or activity.product_url)
            assert activity.done_on and activity.deficits.exists()
        correction = route.corrections.get()
        assert correction.reason and correction.explanation and correction.description
    # the completed ones: a reflection on every deficit addressed, the summary
    for route in stages["completed"]:
        assert route.completed_on and route.reflection_summary
        addressed = set(Deficit.objects.filter(route_activities__route=route).values_list("pk", flat=True))
        assert addressed and set(route.reflections.values_list("deficit_id", flat=True)) >= addressed
        assert not route.activities.exclude(status=ActivityStatus.DONE).exists()
        assert route.diagnoses.count() == 2

    # the demo mentee's route is carried out, with a course (an enrolment) and a project
    mine = IndividualRoute.objects.get(person=_person("mentee"))
    assert mine.status == RouteStatus.ACTIVE
    course = mine.activities.get(kind=ActivityKind.COURSE)
    assert course.course is not None
    assert course.enrollments.get().status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.APPLIED)
    assert mine.activities.filter(kind=ActivityKind.PROJECT).exists()
    assert mine.diagnoses.count() == 2


@pytest.mark.django_db
def test_every_step_is_an_event_of_the_route_history_before_today(demo):
    today = timezone.localdate()
    tutor, curators = _user("tutor"), {_user("curator"), _user("curator2")}
    expected = {
        "self_determination": {RouteEventKind.CREATED, RouteEventKind.SELF_DETERMINATION},
        "diagnosis": {RouteEventKind.DIAGNOSIS},
        "roadmap": {RouteEventKind.DIAGNOSIS, RouteEventKind.ACTIVITY},
        "active": {RouteEventKind.STARTED, RouteEventKind.PRODUCT, RouteEventKind.CORRECTION},
        "completed": {RouteEventKind.REFLECTION, RouteEventKind.COMPLETED},
    }
    routes = IndividualRoute.objects.filter(organization__in=[_unit("curator"), _unit("curator2")])
    for route in routes:
        events = list(route.events.all())
        assert events[0].kind == RouteEventKind.CREATED
        assert {e.kind for e in events} >= expected[_stage(route)] | expected["self_determination"]
        assert all(timezone.localdate(e.occurred_at) < today for e in events)
        assert all(e.summary for e in events)
    comments = RouteEvent.objects.filter(route__in=routes, kind=RouteEventKind.COMMENT)
    assert comments.filter(author=tutor).exists()
    assert comments.filter(author__in=curators).exists()
    assert all(c.comment for c in comments)


@pytest.mark.django_db
def test_the_tutor_follows_school_a_and_two_teachers_of_school_b_with_work_to_do(demo):
    tutor, school_a, school_b = _user("tutor"), _unit("curator"), _unit("curator2")
    assignments = TutorAssignment.objects.active().filter(tutor=tutor)
    assert assignments.filter(organization=school_a).exists()
    assert assignments.filter(person__employments__organization=school_b).count() == 2
    assert {a.assigned_by for a in assignments} == {_user("cnppm")}

    # the work list: routes waiting for a comment, overdue activities, diagnoses due
    work = tutor_work(tutor)
    waiting, overdue, due = list(work.waiting), list(work.overdue), list(work.due)
    assert IndividualRoute.objects.get(person=_person("mentee")) in waiting
    assert overdue and due
    assert {a.route.organization_id for a in overdue} == {school_a.pk, school_b.pk}
    assert any(r.organization_id == school_b.pk for r in due)

    # and the tutor's page shows it
    page = _client("tutor").get(reverse("development:tutor_worklist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert _person("mentee").last_name in text and overdue[0].title in text


@pytest.mark.django_db
def test_no_person_without_a_consent_and_school_b_sees_nothing_of_school_a(demo):
    # nobody without a valid consent to personal-data processing among the rows (152-ФЗ art. 9)
    named = set()
    for model in (Diagnosis, IndividualRoute, Enrollment):
        named |= set(model.objects.values_list("person_id", flat=True))
    named |= set(TutorAssignment.objects.exclude(person=None).values_list("person_id", flat=True))
    assert named and named <= set(Person.objects.consented().values_list("pk", flat=True))

    # the mentee's route opens to the mentee, the tutor and the curator of school A, not to school B's
    route = IndividualRoute.objects.get(person=_person("mentee"))
    url = reverse("development:route_detail", args=[route.pk])
    for login in ("mentee", "tutor", "curator"):
        assert _client(login).get(url).status_code == 200, login
    assert _client("curator2").get(url).status_code == 404
    seen = IndividualRoute.objects.for_user(_user("curator2"))
    assert seen.exists() and not seen.filter(organization=_unit("curator")).exists()
