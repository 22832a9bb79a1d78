"""Reads of the catalogue of courses and the enrolments (issue 18, Build 4): suggestions of
courses from a teacher's deficits, the base of trained mentors and curators (seed 003 §3.2:
«База кураторов и наставников, прошедших курсы повышения квалификации»; seed 000 App. 2 §2.7),
the trainings on a person's card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.development.choices import LIVE_ENROLLMENT_STATUSES, EnrollmentStatus
from nastavnik.development.models import Course, Deficit, Enrollment, EnrollmentQuerySet


@dataclass
class CourseSuggestion:
    """A course suggested to a teacher: ``course`` (its ``areas`` prefetched) and the teacher's
    latest ``deficits`` whose areas it covers, the most critical first."""

    course: Course
    deficits: list[Deficit] = field(default_factory=list)

    @property
    def top_level(self) -> int:
        """The highest level (1–3) among the covered deficits."""
        return max((d.level for d in self.deficits), default=0)


def deficits_to_cover(person) -> list[Deficit]:
    """The deficits of ``person`` recorded on their most recent date (a diagnosis, the bank's
    card, a questionnaire: any source), the most critical first, then in the order of the areas.
    One query."""
    latest = Deficit.objects.filter(person_id=person.pk).order_by("-diagnosed_on").values("diagnosed_on")[:1]
    return list(
        Deficit.objects.filter(person_id=person.pk, diagnosed_on=latest)
        .select_related("area", "organization")
        .order_by("-level", "area__sort_order", "pk")
    )


def suggested_courses(person, limit: int = 5) -> list[CourseSuggestion]:
    """Up to ``limit`` published courses, not yet over, of the catalogues above the teacher's
    organization, whose competence areas cover ``person``'s latest deficits
    (``deficits_to_cover``: of any source, not only a diagnosis), each with the deficits it covers; the courses that cover the most
    critical deficit come first, then those covering more of them, then the earliest to start.
    A course the teacher already applied for, studies or completed is left out.

    Four queries at most (deficits, courses, their areas, the teacher's enrolments); empty for a
    teacher without deficits. Used by the route's page (part B) and the course catalogue.
    """
    deficits = deficits_to_cover(person)
    if not deficits:
        return []
    catalogues = {int(part) for d in deficits for part in d.organization.path.split("/") if part}
    taken = Enrollment.objects.filter(person_id=person.pk, status__in=LIVE_ENROLLMENT_STATUSES).values(
        "course_id"
    )
    today = timezone.localdate()
    courses = (
        Course.objects.published()
        .filter(owner_id__in=catalogues, areas__in={d.area_id for d in deficits})
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exclude(pk__in=taken)
        .distinct()
        .prefetch_related("areas")
    )
    suggestions = []
    for course in courses:
        area_ids = {a.pk for a in course.areas.all()}
        covered = [d for d in deficits if d.area_id in area_ids]
        if covered:
            suggestions.append(CourseSuggestion(course=course, deficits=covered))
    far = dt.date.max
    suggestions.sort(
        key=lambda s: (-s.top_level, -len(s.deficits), s.course.starts_on or far, s.course.title, s.course.pk)
    )
    return suggestions[:limit]


def _role_exists(role: str) -> Exists:
    return Exists(RoleAssignment.objects.filter(user_id=OuterRef("person__user_id"), role=role))


def trained_people(queryset: EnrollmentQuerySet) -> QuerySet:
    """The base of mentors and curators who completed training in mentoring (seed 003 §3.2,
    seed 000 App. 2 §2.7): of ``queryset`` (enrolments, already scoped for the user), those
    completed in a course marked ``is_mentoring_training``, with the person, the organization
    and its municipality and the course read in the same query, annotated ``is_mentor`` and
    ``is_curator`` — whether the person's account holds the role «Наставник» / «Куратор»
    (``access.RoleAssignment``). Latest completion first."""
    return (
        queryset.filter(status=EnrollmentStatus.COMPLETED, course__is_mentoring_training=True)
        .select_related("person", "organization__municipality", "course")
        .annotate(is_mentor=_role_exists(Role.MENTOR), is_curator=_role_exists(Role.CURATOR))
        .order_by("-completed_on", "person__last_name", "person__first_name", "pk")
    )


def trained_roles(enrollment) -> str:
    """«наставник», «куратор», «наставник, куратор» or "" for a row of :func:`trained_people`."""
    roles = [
        name
        for flag, name in ((enrollment.is_mentor, "наставник"), (enrollment.is_curator, "куратор"))
        if flag
    ]
    return ", ".join(roles)


def person_trainings(user, person) -> list[Enrollment]:
    """The enrolments of ``person`` that ``user`` reaches (``Enrollment.objects.for_user``),
    withdrawn ones left out, the latest first, with their courses: the block «Обучение» of the
    person's and the mentor's cards. One query."""
    return list(
        Enrollment.objects.for_user(user)
        .filter(person_id=person.pk)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("course")
        .order_by(F("completed_on").desc(nulls_first=True), "-applied_on", "-pk")
    )


def enrollment_sections(person) -> list:
    """What the system keeps about ``person``'s trainings (152-ФЗ art. 14; the page «Какие
    сведения о вас хранит система»): one section «Обучение по программам повышения
    квалификации», a record per enrolment. For ``people.personal_data.register(collect=…)``."""
    from nastavnik.people.personal_data import Section

    rows = Enrollment.objects.filter(person_id=person.pk).select_related("course", "organization")
    return [
        Section(
            "Обучение по программам повышения квалификации",
            [
                {
                    "Программа": e.course.title,
                    "Объём, часов": e.course.hours,
                    "Организация": str(e.organization),
                    "Статус": e.get_status_display(),
                    "Заявка подана": e.applied_on,
                    "Зачислен": e.enrolled_on,
                    "Обучение завершено": e.completed_on,
                    "Номер удостоверения": e.certificate_number,
                    "Скан удостоверения": "загружен" if e.certificate_file else "нет",
                }
                for e in rows
            ],
        )
    ]


def enrollment_last_date(person) -> dt.date | None:
    """The latest date of ``person``'s enrolments (applied, enrolled, completed); ``None``
    without any. For ``people.personal_data.register(last_date=…)``."""
    from django.db.models import Max

    dates = Enrollment.objects.filter(person_id=person.pk).aggregate(
        a=Max("applied_on"), b=Max("enrolled_on"), c=Max("completed_on")
    )
    found = [d for d in dates.values() if d]
    return max(found) if found else None


def enrollment_is_active(person) -> bool:
    """Whether ``person`` has applied for or studies a course now (an open enrolment blocks the
    depersonalization). For ``people.personal_data.register(is_active=…)``."""
    return Enrollment.objects.filter(
        person_id=person.pk, status__in=[EnrollmentStatus.APPLIED, EnrollmentStatus.ENROLLED]
    ).exists()
