"""The writer of the demo professional development: the catalogue, enrolments with their
certificates, diagnoses with their results and deficits, and the events of the routes kept to be
written in one go (issue 18, Build 8)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from nastavnik.access.models import RoleAssignment
from nastavnik.demo.development.texts import ACHIEVEMENTS, CERTIFICATE_NAME, COURSES, DEFICITS
from nastavnik.development.choices import DeficitSource, DiagnosisKind, EnrollmentStatus, RouteEventKind
from nastavnik.development.models import (
    Course,
    Deficit,
    Diagnosis,
    DiagnosisResult,
    Enrollment,
    IndividualRoute,
    RouteEvent,
)
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.choices import Sex
from nastavnik.people.consent import consented_q
from nastavnik.people.models import Employment, Person
from nastavnik.reference.models import CompetenceArea


@dataclass
class Teacher:
    """A teacher the demo writes rows for: the person, the organization the rows are kept in,
    the teacher's own account (``None``: the teacher works on paper and ``curator`` enters what
    they did), the curator (or head) of the organization, and whether the demo tutor follows
    them."""

    person: Person
    organization: OrgUnit
    user: object | None  # the teacher's own account, if any
    curator: object | None  # who enters on paper what the teacher did, and comments
    tutored: bool = False  # the demo tutor follows this teacher


def first_user(unit: OrgUnit | None, role: str, *, region: OrgUnit | None = None):
    """The user holding ``role`` on ``unit`` (or anywhere in ``region``), the first by the
    grant's id; ``None`` when nobody does."""
    rows = RoleAssignment.objects.filter(role=role).select_related("user").order_by("pk")
    if region is not None:
        rows = rows.filter(org_unit__path__startswith=region.path)
    else:
        rows = rows.filter(org_unit=unit)
    ra = rows.first()
    return ra.user if ra else None


class Writer:
    """Writes the rows and keeps the events to create them in one go, oldest first."""

    def __init__(self, *, rng: random.Random, today: dt.date, region: OrgUnit) -> None:
        self.rng, self.today, self.region = rng, today, region
        self.areas = {a.code: a for a in CompetenceArea.objects.filter(is_active=True).order_by("sort_order")}
        self.events: list[RouteEvent] = []
        self.courses: dict[str, Course] = {}
        self.enrollments: list[Enrollment] = []
        self.diagnoses: list[Diagnosis] = []
        self.routes: list[IndividualRoute] = []
        self.number = 0

    # --- time ------------------------------------------------------------------------------

    def day(self, offset: int) -> dt.date:
        """The day ``offset`` days from today (negative: in the past)."""
        return self.today + dt.timedelta(days=offset)

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        """A local time on ``day`` (yesterday at the latest) at ``hour``, the minutes drawn."""
        day = min(day, self.today - dt.timedelta(days=1))
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, self.rng.randrange(0, 60, 5))))

    def event(self, route, kind: str, summary: str, day: dt.date, by, *, hour=10, comment="", activity=None):
        """Keep a ``RouteEvent`` of ``route`` on ``day`` at ``hour`` by ``by`` (``None``: the
        system), to be written with the others, oldest first."""
        self.events.append(
            RouteEvent(
                route=route,
                kind=kind,
                summary=summary[:500],
                author=by,
                comment=comment,
                activity=activity,
                occurred_at=self.at(day, hour),
            )
        )

    # --- the catalogue ---------------------------------------------------------------------

    def catalogue(self) -> None:
        """Write the region's catalogue (:data:`texts.COURSES`), the flows placed around today;
        a flow over is closed for applications."""
        for spec in COURSES:
            starts = self.day(spec.start)
            course = Course(
                owner=self.region,
                title=spec.title,
                hours=spec.hours,
                provider=spec.provider,
                format=spec.format,
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=spec.days),
                description=spec.description,
                is_mentoring_training=spec.mentoring,
                is_published=spec.start > 0 or spec.start + spec.days > 0,
            )
            course.full_clean()
            course.save()
            course.areas.set([self.areas[code] for code in spec.areas if code in self.areas])
            self.courses[spec.key] = course

    def enroll(self, course: Course, teacher: Teacher, *, status: str = "", activity=None) -> Enrollment:
        """An enrolment in ``course`` in the status its dates give (applied before the flow,
        enrolled during it, completed with a certificate after it), or ``status``."""
        if not status:
            if course.ends_on < self.today:
                status = EnrollmentStatus.COMPLETED
            elif course.starts_on <= self.today:
                status = EnrollmentStatus.ENROLLED
            else:
                status = EnrollmentStatus.APPLIED
        applied = min(course.starts_on - dt.timedelta(days=self.rng.randint(14, 30)), self.day(-2))
        enrollment = Enrollment(
            course=course,
            person=teacher.person,
            organization=teacher.organization,
            activity=activity,
            status=status,
            applied_on=applied,
            created_by=teacher.user or teacher.curator,
        )
        if status in (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED):
            enrollment.enrolled_on = min(course.starts_on, self.day(-1))
        if status == EnrollmentStatus.COMPLETED:
            enrollment.completed_on = course.ends_on
            enrollment.certificate_number = self.certificate_number(course)
            enrollment.certificate_file = ContentFile(
                certificate_text(enrollment).encode("utf-8"), name=CERTIFICATE_NAME
            )
        enrollment.full_clean(exclude=["certificate_file"])
        enrollment.save()
        self.enrollments.append(enrollment)
        return enrollment

    def certificate_number(self, course: Course) -> str:
        """The next number of a certificate (удостоверение о повышении квалификации): the
        region's code, the year of the flow, a running number — unique within the demo."""
        self.number += 1
        return f"8624{course.starts_on:%y}{1000 + self.number:06d}"

    # --- diagnoses -------------------------------------------------------------------------

    def diagnose(
        self,
        teacher: Teacher,
        on: dt.date,
        levels: dict[str, int],
        deficits: dict[str, int],
        *,
        expert=None,
        source: str = DeficitSource.SELF_DIAGNOSIS,
        route: IndividualRoute | None = None,
        comment: str = "",
    ) -> Diagnosis:
        """A diagnosis of ``teacher`` on ``on``: ``levels`` (area code → 1–5) for every area,
        ``deficits`` (area code → 1–3); the teacher's own when ``expert`` is ``None``."""
        diagnosis = Diagnosis.objects.create(
            person=teacher.person,
            organization=teacher.organization,
            route=route,
            kind=DiagnosisKind.EXPERT if expert else DiagnosisKind.SELF,
            source=source if expert else DeficitSource.SELF_DIAGNOSIS,
            expert=expert,
            conducted_on=on,
            comment=comment,
            created_by=expert or teacher.user or teacher.curator,
        )
        DiagnosisResult.objects.bulk_create(
            DiagnosisResult(
                diagnosis=diagnosis,
                area=area,
                level=levels[code],
                achievements=ACHIEVEMENTS[code][0 if levels[code] >= 4 else 1] if levels[code] >= 2 else "",
            )
            for code, area in self.areas.items()
        )
        Deficit.objects.bulk_create(
            Deficit(
                person=teacher.person,
                organization=teacher.organization,
                diagnosis=diagnosis,
                area=self.areas[code],
                level=level,
                source=diagnosis.source,
                diagnosed_on=on,
                description=DEFICITS[code],
            )
            for code, level in deficits.items()
        )
        diagnosis.created_at = self.at(on, 15)
        self.diagnoses.append(diagnosis)
        if route is not None:
            who = "Самодиагностика" if not expert else "Экспертная диагностика"
            self.event(
                route,
                RouteEventKind.DIAGNOSIS,
                f"{who} от {on:%d.%m.%Y}: уровни по восьми областям, затруднений — {len(deficits)}",
                on,
                expert or teacher.user or teacher.curator,
                hour=15,
            )
        return diagnosis

    def profile(self, weak: tuple[str, ...] = ()) -> tuple[dict[str, int], dict[str, int]]:
        """Levels of a first diagnosis and its two to four deficits: in ``weak`` areas (else
        drawn) the level is 1–3 and a deficit is found (the lower the level, the stronger it is)."""
        codes = list(self.areas)
        weak = tuple(c for c in weak if c in self.areas) or tuple(
            self.rng.sample(codes, self.rng.randint(2, 4))
        )
        levels = {c: self.rng.randint(3, 5) for c in codes}
        deficits = {}
        for code in weak:
            levels[code] = self.rng.choice((1, 2, 2, 3))
            deficits[code] = 4 - levels[code]
        return levels, deficits

    def improved(
        self, levels: dict[str, int], deficits: dict[str, int]
    ) -> tuple[dict[str, int], dict[str, int]]:
        """A repeated diagnosis months later: the weak areas one or two levels up, the deficits
        weaker, the weakest one kept (the change shows on the profile chart)."""
        after = dict(levels)
        for code in deficits:
            after[code] = min(5, levels[code] + self.rng.choice((1, 1, 2)))
        worst = max(deficits, key=lambda c: (deficits[c], -list(self.areas).index(c)))
        remaining = {c: 4 - after[c] for c in deficits if after[c] <= 3}
        if not remaining:
            after[worst] = min(after[worst], 3)
            remaining = {worst: 1}
        return after, remaining


def certificate_text(enrollment: Enrollment) -> str:
    """The text of the certificate (удостоверение о повышении квалификации) of a completed
    enrolment, as the demo keeps it in a file."""
    course, person = enrollment.course, enrollment.person
    verb = "прошла" if person.sex == Sex.FEMALE else "прошёл"
    return (
        "УДОСТОВЕРЕНИЕ\nо повышении квалификации\n"
        f"№ {enrollment.certificate_number}\n\n"
        f"Настоящее удостоверение свидетельствует о том, что\n{person.full_name}\n"
        f"с {course.starts_on:%d.%m.%Y} по {course.ends_on:%d.%m.%Y} {verb} повышение квалификации "
        f"в {course.provider}\nпо дополнительной профессиональной программе\n«{course.title}»\n"
        f"в объёме {course.hours} часов.\n\n"
        f"Дата выдачи {enrollment.completed_on:%d.%m.%Y}\n"
    )


def teachers_of(school: OrgUnit | None, today: dt.date, exclude: set[int]) -> list[Person]:
    """Teachers (учителя, воспитатели, преподаватели) of ``school`` with a valid consent (152-ФЗ
    art. 9), without an account, in no order of preference but the id's."""
    if school is None:
        return []
    ids = (
        Employment.objects.current(today)
        .filter(organization=school, is_primary=True)
        .filter(
            Q(job_title__startswith="учитель")
            | Q(job_title__startswith="воспитатель")
            | Q(job_title__startswith="преподаватель")
        )
        .values_list("person_id", flat=True)
    )
    return list(
        Person.objects.filter(pk__in=ids, user__isnull=True)
        .filter(consented_q("pk"))
        .exclude(pk__in=exclude)
        .order_by("pk")
    )
