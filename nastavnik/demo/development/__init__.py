"""The demo professional development of teachers (issue 18, Build 8; seed 000 §4.3.2–4.3.3,
App. 2 §2.7, §3.1–3.4; 003 §3.2).

- The region's catalogue of courses: twelve programs of further education (ДПП ПК) of the
  regional institute, the ЦНППМ, the Academy of the Ministry and the okrug's universities, among
  them two flows of «Методологические аспекты наставничества и менторства в педагогической
  практике» (72 hours): one finished, one open for applications.
- Enrolments in every status; the completed ones with the number of the certificate (and in
  school A and school B its text as a file). The mentors of the pairs of school A and school B,
  both schools' curators and about half of the region's other mentors completed the course on
  mentoring: the base of trained mentors and curators is not empty, nor the share of trained
  mentors on the region's dashboard.
- Diagnoses of about ten teachers of school A and school B, the demo mentor's and mentee's
  persons included: levels in all eight areas with achievements, two to four deficits; some
  diagnosed again months later, with the change to show.
- Individual educational routes at every step (:data:`ROUTE_STAGES`): a draft with only the
  self-determination, a draft with a diagnosis, a draft with its roadmap, active routes with
  products and a correction (the demo mentee's holds a course and a project), completed routes
  with the reflective analysis; each step an event of its history, comments by the tutor and
  the curator.
- The ЦНППМ's coordinator has assigned the tutor to school A and to two teachers of school B;
  the tutor's work list is real: routes waiting for a comment (the teacher acted after the
  tutor's last comment), overdue activities, diagnoses due (a live route without one, the last
  one older than a year, an active route diagnosed once more than six months ago).

The rows are written with the models directly, in the shapes the services of the development
app write them; only the people with a valid consent to personal-data processing are taken.
Deterministic for a seed; dates follow ``today``. Called once by the demo loader inside its
transaction; :func:`development_write` does nothing when the region's catalogue is already
there, :func:`development_delete` removes everything before the region goes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db.models import Q

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.demo.development.routes import route_write
from nastavnik.demo.development.texts import ROUTE_STAGES
from nastavnik.demo.development.writer import Teacher, Writer, first_user, teachers_of
from nastavnik.development.choices import DeficitSource, EnrollmentStatus
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    Enrollment,
    IndividualRoute,
    RouteActivity,
    RouteEvent,
    TutorAssignment,
)
from nastavnik.mentoring.models import Pair
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.consent import consented_q
from nastavnik.people.models import Person

__all__ = ["ROUTE_STAGES", "DevelopmentSummary", "development_delete", "development_write"]


@dataclass
class DevelopmentSummary:
    """Counts written by :func:`development_write`: ``courses``; ``enrollments`` by status
    (``EnrollmentStatus`` value → count); ``trained`` — people who completed a course on
    mentoring; ``diagnoses`` and ``repeated`` (people diagnosed twice); ``routes`` by stage
    (key of :data:`ROUTE_STAGES` → count); ``assignments`` of the tutor."""

    courses: int = 0
    enrollments: dict[str, int] = field(default_factory=dict)
    trained: int = 0
    diagnoses: int = 0
    repeated: int = 0
    routes: dict[str, int] = field(default_factory=dict)
    assignments: int = 0


def development_write(
    *,
    region: OrgUnit,
    rng: random.Random,
    today: dt.date,
    school_a: OrgUnit,
    school_b: OrgUnit | None = None,
    others: tuple[OrgUnit, ...] = (),
) -> DevelopmentSummary:
    """Write the demo professional development of ``region`` (see the module's docstring).

    ``school_a``: the demo curator's school (the demo mentor and mentee work there, the tutor
    follows the whole school); ``school_b``: the second demo curator's school (the tutor follows
    two of its teachers); ``others``: more organizations of the showcase (the demo kindergarten
    and college), each given one active route of a teacher, so that every kind of
    organization's package holds the route's document. The users are found by their roles: the tutor of the region (the one
    of school A's municipality first), the ЦНППМ's coordinator, the curators and the demo
    mentor and mentee of the schools. Writes nothing and returns an empty summary when the
    region's catalogue of courses is already there.
    """
    if Course.objects.filter(owner=region).exists():
        return DevelopmentSummary()
    writer = Writer(rng=rng, today=today, region=region)
    tutors = RoleAssignment.objects.filter(role=Role.TUTOR, org_unit__path__startswith=region.path)
    tutors = tutors.order_by("pk")
    tutor_ra = tutors.filter(org_unit_id=school_a.parent_id).first() or tutors.first()
    tutor = tutor_ra.user if tutor_ra else None
    coordinator = first_user(None, Role.TUTOR_COORDINATOR, region=region)
    curator_a = first_user(school_a, Role.CURATOR) or first_user(school_a, Role.HEAD)
    curator_b = school_b and (first_user(school_b, Role.CURATOR) or first_user(school_b, Role.HEAD))

    def account(school, role) -> Teacher | None:
        user = first_user(school, role)
        person = Person.objects.filter(user=user).filter(consented_q("pk")).first() if user else None
        if person is None:
            return None
        return Teacher(person, school, user, curator_a if school == school_a else curator_b)

    mentee, mentor = account(school_a, Role.MENTEE), account(school_a, Role.MENTOR)
    taken = {t.person.pk for t in (mentee, mentor) if t}
    pool_a = [Teacher(p, school_a, None, curator_a) for p in teachers_of(school_a, today, taken)]
    pool_b = [Teacher(p, school_b, None, curator_b) for p in teachers_of(school_b, today, taken)]
    writer.rng.shuffle(pool_a)
    writer.rng.shuffle(pool_b)

    def take(first: list[Teacher], second: list[Teacher]) -> Teacher | None:
        for pool in (first, second):
            if pool:
                return pool.pop()
        return None

    writer.catalogue()

    # The tutor follows school A and two teachers of school B (seed 000 §4.3.2), assigned by the
    # ЦНППМ's coordinator.
    b_self, b_active = take(pool_b, pool_a), take(pool_b, pool_a)
    assignments = []
    if tutor is not None:
        assignments.append(
            TutorAssignment(
                tutor=tutor, organization=school_a, starts_on=writer.day(-460), assigned_by=coordinator
            )
        )
        for teacher in (b_self, b_active):
            if teacher is not None and teacher.organization == school_b:
                assignments.append(
                    TutorAssignment(
                        tutor=tutor,
                        person=teacher.person,
                        starts_on=writer.day(-240),
                        assigned_by=coordinator,
                    )
                )
        for row in assignments:
            row.full_clean()
        TutorAssignment.objects.bulk_create(assignments)
        for row in assignments:  # assigned on the day the assignment begins
            row.created_at = writer.at(row.starts_on, 11)
        TutorAssignment.objects.bulk_update(assignments, ["created_at"])
    for teacher in (mentee, mentor, *pool_a, b_self, b_active):
        if teacher is not None:
            teacher.tutored = tutor is not None  # school A as a whole, the two of school B one by one

    routes: Counter[str] = Counter()
    plan = [
        ("self_determination", b_self, {}),
        ("active", b_active, {"started": -215, "overdue": True}),
        (
            "active",
            mentee,
            {
                "started": -230,
                "weak": ("methodical", "psychological_pedagogical"),
                "mentee": True,
                "repeat": -10,
            },
        ),
        (
            "active",
            mentor,
            {"started": -420, "weak": ("ict_digital", "scientific_theoretical"), "overdue": True},
        ),
        ("diagnosis", take(pool_a, pool_b), {}),
        ("roadmap", take(pool_b, pool_a), {}),
        ("completed", take(pool_a, pool_b), {"weak": ("ict_digital", "legal", "health_saving")}),
        ("completed", take(pool_b, pool_a), {}),
    ]
    for stage, teacher, options in plan:
        if teacher is None:
            continue
        route_write(writer, teacher, stage, tutor=tutor if teacher.tutored else None, **options)
        routes[stage] += 1

    # One active route in each other organization of the showcase (its curator keeps it).
    for organization in others:
        keeper = first_user(organization, Role.CURATOR) or first_user(organization, Role.HEAD)
        pool = [Teacher(p, organization, None, keeper) for p in teachers_of(organization, today, taken)]
        if pool:
            teacher = pool[writer.rng.randrange(len(pool))]
            teacher.tutored = False
            route_write(writer, teacher, "active", tutor=None, started=-120)
            routes["active"] += 1

    # Diagnosed without a route yet: one by the curator and again by themselves, two by themselves.
    extra = ((take(pool_a, pool_b), True), (take(pool_b, pool_a), False), (take(pool_a, pool_b), False))
    for teacher, twice in extra:
        if teacher is None:
            continue
        levels, deficits = writer.profile()
        writer.diagnose(
            teacher,
            writer.day(-rng.randint(280, 320)),
            levels,
            deficits,
            expert=teacher.curator if twice else None,
            source=DeficitSource.CURATOR,
        )
        if twice:
            writer.diagnose(teacher, writer.day(-rng.randint(20, 40)), *writer.improved(levels, deficits))

    trained = _trained(writer, school_a, school_b, curator_a, curator_b, pool_a + pool_b)
    RouteEvent.objects.bulk_create(sorted(writer.events, key=lambda e: e.occurred_at), batch_size=500)
    Diagnosis.objects.bulk_update(writer.diagnoses, ["created_at"], batch_size=500)
    IndividualRoute.objects.bulk_update(writer.routes, ["created_at"], batch_size=500)
    for enrollment in writer.enrollments:  # entered on the day of the application
        enrollment.created_at = writer.at(enrollment.applied_on, 12)
    Enrollment.objects.bulk_update(writer.enrollments, ["created_at"], batch_size=1000)
    people = Counter(d.person_id for d in writer.diagnoses)
    return DevelopmentSummary(
        courses=len(writer.courses),
        enrollments=dict(Counter(e.status for e in writer.enrollments)),
        trained=trained,
        diagnoses=len(writer.diagnoses),
        repeated=sum(1 for n in people.values() if n > 1),
        routes=dict(routes),
        assignments=len(assignments),
    )


def _trained(writer: Writer, school_a, school_b, curator_a, curator_b, spare: list[Teacher]) -> int:
    """The base of trained mentors and curators (seed 003 §3.2, 000 App. 2 §2.7): the mentors of
    the schools' pairs completed the course on mentoring, the curators the course for curators
    and the one on mentoring (certificates with their files), about half of the region's other
    mentors the course on mentoring (the certificates' numbers only); two teachers applied to
    the next flow, another one withdrew from a course. Returns how many people completed a
    course on mentoring."""
    schools = [s for s in (school_a, school_b) if s is not None]
    mentor_ids = list(
        Pair.objects.filter(organization__in=schools)
        .filter(consented_q("mentor_id"))
        .order_by("mentor_id")
        .values_list("mentor_id", "organization_id")
        .distinct()
    )
    people = Person.objects.in_bulk([pid for pid, _ in mentor_ids])
    units = {s.pk: s for s in schools}
    curator_of = {school_a.pk: curator_a, getattr(school_b, "pk", None): curator_b}
    trained: set[int] = set()
    past, curators = writer.courses["mentoring_past"], writer.courses["curators"]
    busy = set(Enrollment.objects.filter(course__in=[past, curators]).values_list("course_id", "person_id"))
    for person_id, org_id in mentor_ids[:8]:
        if (past.pk, person_id) in busy:
            continue
        busy.add((past.pk, person_id))
        teacher = Teacher(people[person_id], units[org_id], people[person_id].user, curator_of[org_id])
        writer.enroll(past, teacher)
        trained.add(person_id)
    for school, curator in ((school_a, curator_a), (school_b, curator_b)):
        person = Person.objects.filter(user=curator).filter(consented_q("pk")).first() if curator else None
        if person is None:
            continue
        teacher = Teacher(person, school, curator, curator)
        for course in (curators, past):
            if (course.pk, person.pk) not in busy:
                busy.add((course.pk, person.pk))
                writer.enroll(course, teacher)
        trained.add(person.pk)
    # the region's other mentors: about half of them took the course too (in bulk, the number of
    # the certificate without its file)
    others = (
        Pair.objects.filter(organization__path__startswith=writer.region.path)
        .exclude(organization__in=schools)
        .filter(consented_q("mentor_id"))
        .order_by("mentor_id", "organization_id")
        .values_list("mentor_id", "organization_id")
        .distinct()
    )
    rows, seen = [], set(trained)
    for person_id, org_id in others:
        if person_id in seen:
            continue
        seen.add(person_id)
        if writer.rng.random() < 0.5:
            rows.append(
                Enrollment(
                    course=past,
                    person_id=person_id,
                    organization_id=org_id,
                    status=EnrollmentStatus.COMPLETED,
                    applied_on=past.starts_on - dt.timedelta(days=writer.rng.randint(14, 30)),
                    enrolled_on=past.starts_on,
                    completed_on=past.ends_on,
                    certificate_number=writer.certificate_number(past),
                )
            )
            trained.add(person_id)
    Enrollment.objects.bulk_create(rows, batch_size=1000)
    writer.enrollments += rows
    # the next flow: applications; a teacher withdrawn from another course
    nxt = writer.courses["mentoring_next"]
    spare = [t for t in spare if t.person.pk not in trained]
    for teacher in spare[:2]:
        writer.enroll(nxt, teacher)
    if len(spare) > 2:
        writer.enroll(writer.courses["fgos"], spare[2], status=EnrollmentStatus.WITHDRAWN)
    return len(trained)


def development_delete(region: OrgUnit) -> None:
    """Delete the professional development of ``region``: routes (with their product files),
    enrolments (with the certificates), diagnoses and deficits of its organizations, its
    catalogue of courses and the tutors' assignments to its organizations. Their rows protect
    the region's units and courses, so this runs before the units go."""
    inside = Q(organization__path__startswith=region.path)
    routes = IndividualRoute.objects.filter(inside)
    enrollments = Enrollment.objects.filter(inside | Q(course__owner__path__startswith=region.path))
    # a completed course's activity shares the certificate's stored file
    files = set(
        RouteActivity.objects.filter(route__in=routes)
        .exclude(product_file="")
        .values_list("product_file", flat=True)
    )
    files |= set(enrollments.exclude(certificate_file="").values_list("certificate_file", flat=True))
    routes.delete()
    RouteActivity.objects.filter(course__owner__path__startswith=region.path).delete()
    enrollments.delete()
    Diagnosis.objects.filter(inside).delete()
    Deficit.objects.filter(inside).delete()
    Course.objects.filter(owner__path__startswith=region.path).delete()
    TutorAssignment.objects.filter(inside).delete()
    for name in sorted(files):
        default_storage.delete(name)
