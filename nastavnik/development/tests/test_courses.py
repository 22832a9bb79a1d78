"""Courses of further education and enrolments (issue 18, Build 4; seed 000 App. 2 §2.7, §3.1,
§3.4; 003 §3.2): the services with their rights, the suggestions of courses from a teacher's
deficits, the base of trained mentors and curators, the block «Обучение» of the cards.

The helpers (``cnppm``, ``mentoring_course``, ``course_activity``, ``certificate``) are shared
with ``test_courses_pages``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.core.blocks import page_blocks
from nastavnik.development.choices import (
    MENTORING_COURSE_HOURS,
    MENTORING_COURSE_TITLE,
    ActivityKind,
    ActivityStatus,
    CourseFormat,
    DeficitLevel,
    DeficitSource,
    EnrollmentStatus,
    ProductKind,
    RouteEventKind,
)
from nastavnik.development.models import Course, Deficit, Enrollment, RouteEvent
from nastavnik.development.selectors.courses import suggested_courses, trained_people, trained_roles
from nastavnik.development.services.courses import (
    course_create,
    course_update,
    enrollment_apply,
    enrollment_complete,
    enrollment_enroll,
    enrollment_withdraw,
)
from nastavnik.development.services.routes import activity_add, route_create
from nastavnik.reference.models import CompetenceArea
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


#: A minimal valid PDF: the scan of every certificate of these tests.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def certificate(name: str = "udostoverenie.pdf") -> ContentFile:
    return ContentFile(PDF, name=name)


def area(code: str) -> CompetenceArea:
    return CompetenceArea.objects.get(code=code)


def cnppm(world):
    """The coordinator of the region's ЦНППМ (``Role.TUTOR_COORDINATOR``), added to ``world``'s
    users as ``"cnppm"`` (once)."""
    if "cnppm" not in world.users:
        user = f.UserFactory(username="cnppm")
        f.RoleAssignmentFactory(user=user, org_unit=world.region, role=Role.TUTOR_COORDINATOR)
        world.users["cnppm"] = user
    return world.users["cnppm"]


def mentoring_course(world, **fields) -> Course:
    """The regional 72-hour course on mentoring (seed 000 App. 2 §2.7) in the region's catalogue,
    created by the ЦНППМ's coordinator."""
    values = {
        "owner": world.region,
        "title": MENTORING_COURSE_TITLE,
        "hours": MENTORING_COURSE_HOURS,
        "provider": "АУ ДПО «Институт развития образования»",
        "format": CourseFormat.MIXED,
        "starts_on": today() - dt.timedelta(days=60),
        "ends_on": today() + dt.timedelta(days=30),
        "areas": [area("psychological_pedagogical"), area("methodical")],
        "is_mentoring_training": True,
    }
    values.update(fields)
    return course_create(by=cnppm(world), **values)


def course_activity(world, user_key: str = "mentee_a", person=None, **fields):
    """A draft route of the teacher of ``user_key`` made by them, with one activity of kind
    «обучение» (no course chosen yet)."""
    user = world.users[user_key]
    person = person or user.person
    route = route_create(by=user, person=person, title="Развитие методической компетентности")
    values = {
        "kind": ActivityKind.COURSE,
        "title": "Обучение по программе повышения квалификации",
        "starts_on": route.starts_on,
        "ends_on": route.starts_on + dt.timedelta(days=180),
    }
    values.update(fields)
    return activity_add(by=user, route=route, **values)


# --- courses -----------------------------------------------------------------------------------


def test_the_cnppm_coordinator_creates_the_72_hour_course(world):
    course = mentoring_course(world)

    assert course.hours == 72
    assert course.title == MENTORING_COURSE_TITLE
    assert course.is_mentoring_training and course.is_published
    assert {a.code for a in course.areas.all()} == {"psychological_pedagogical", "methodical"}
    # every teacher of the region reads the region's catalogue
    assert Course.objects.for_user(world.users["mentee_a"]).filter(pk=course.pk).exists()
    assert Course.objects.for_user(world.users["curator_b"]).filter(pk=course.pk).exists()


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a", "curator_a", "head_a", "coordinator"])
def test_only_the_keepers_of_the_catalogue_create_courses(world, persona):
    with pytest.raises(PermissionDenied):
        course_create(
            by=world.users[persona],
            owner=world.region,
            title="Цифровая дидактика",
            hours=36,
            provider="ЦНППМ",
            format=CourseFormat.DISTANCE,
        )
    assert not Course.objects.filter(title="Цифровая дидактика").exists()


def test_the_regional_operator_also_keeps_the_catalogue(world):
    course = course_create(
        by=world.users["operator"],
        owner=world.region,
        title="Цифровая дидактика",
        hours=36,
        provider="ЦНППМ",
        format=CourseFormat.DISTANCE,
    )
    assert course.pk


def test_course_update_checks_the_right_and_the_dates(world):
    course = mentoring_course(world)

    course_update(by=world.users["operator"], course=course, is_published=False, areas=[area("legal")])
    course.refresh_from_db()
    assert not course.is_published
    assert [a.code for a in course.areas.all()] == ["legal"]

    with pytest.raises(PermissionDenied):
        course_update(by=world.users["curator_a"], course=course, hours=80)
    with pytest.raises(ValidationError) as refused:
        course_update(
            by=cnppm(world), course=course, starts_on=today(), ends_on=today() - dt.timedelta(days=1)
        )
    assert "ends_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        course_update(by=cnppm(world), course=course, hours=8)
    assert "hours" in refused.value.message_dict


# --- enrolments --------------------------------------------------------------------------------


def test_a_teacher_applies_from_a_route_activity(world):
    course = mentoring_course(world)
    activity = course_activity(world)

    enrollment = enrollment_apply(
        by=world.users["mentee_a"], course=course, person=world.mentee_a, activity=activity
    )

    assert enrollment.status == EnrollmentStatus.APPLIED
    assert enrollment.organization == world.school_a
    assert enrollment.applied_on == today()
    activity.refresh_from_db()
    assert activity.course == course
    event = RouteEvent.objects.filter(route=activity.route, activity=activity).last()
    assert event.kind == RouteEventKind.ACTIVITY
    assert MENTORING_COURSE_TITLE in event.summary
    # one live enrolment per teacher and course
    with pytest.raises(ValidationError):
        enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)


def test_an_application_is_refused_to_whoever_may_not_enrol_the_teacher(world):
    course = mentoring_course(world)
    # a teacher applies for themselves only
    with pytest.raises(PermissionDenied):
        enrollment_apply(by=world.users["mentee_a"], course=course, person=world.teacher_a)
    # the curator of school B does not reach school A
    with pytest.raises(PermissionDenied):
        enrollment_apply(by=world.users["curator_b"], course=course, person=world.teacher_a)
    assert not Enrollment.objects.exists()
    # the curator of school A applies for a teacher of A
    enrollment = enrollment_apply(by=world.users["curator_a"], course=course, person=world.teacher_a)
    assert enrollment.organization == world.school_a


def test_an_application_checks_the_activity_and_the_course(world):
    course = mentoring_course(world)
    measure = course_activity(world, kind=ActivityKind.MEASURE, title="Открытый урок")
    with pytest.raises(ValidationError) as refused:
        enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a, activity=measure)
    assert "activity" in refused.value.message_dict
    # somebody else's activity
    theirs = course_activity(world, "mentor_a")
    with pytest.raises(ValidationError):
        enrollment_apply(by=world.users["curator_a"], course=course, person=world.mentee_a, activity=theirs)
    # a closed course
    closed = mentoring_course(world, title="Закрытая программа", is_published=False)
    with pytest.raises(ValidationError):
        enrollment_apply(by=world.users["mentee_a"], course=closed, person=world.mentee_a)
    assert not Enrollment.objects.exists()


def test_the_coordinator_completes_with_a_certificate_and_the_activity_is_done(world):
    course = mentoring_course(world)
    activity = course_activity(world)
    enrollment = enrollment_apply(
        by=world.users["mentee_a"], course=course, person=world.mentee_a, activity=activity
    )
    enrollment_enroll(by=cnppm(world), enrollment=enrollment)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS

    done_on = today() - dt.timedelta(days=1) if enrollment.applied_on < today() else today()
    enrollment = enrollment_complete(
        by=cnppm(world),
        enrollment=enrollment,
        completed_on=done_on,
        certificate_number="862400012345",
        certificate_file=certificate(),
    )

    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert enrollment.certificate_number == "862400012345"
    assert enrollment.certificate_file.read() == PDF
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE
    assert activity.done_on == done_on
    assert activity.product_kind == ProductKind.CERTIFICATE
    assert "862400012345" in activity.product_title
    assert activity.product_file.name == enrollment.certificate_file.name
    product = RouteEvent.objects.filter(route=activity.route, kind=RouteEventKind.PRODUCT).get()
    assert "72 ч" in product.summary and product.author == cnppm(world)


@pytest.mark.parametrize("persona", ["mentee_a", "curator_a", "curator_b"])
def test_only_the_keeper_of_the_catalogue_marks_the_completion(world, persona):
    course = mentoring_course(world)
    enrollment = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    with pytest.raises(PermissionDenied):
        enrollment_complete(
            by=world.users[persona],
            enrollment=enrollment,
            completed_on=today(),
            certificate_number="1",
            certificate_file=certificate(),
        )
    with pytest.raises(PermissionDenied):
        enrollment_enroll(by=world.users[persona], enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED


def test_a_completion_checks_its_date_number_and_file(world):
    course = mentoring_course(world)
    enrollment = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    with pytest.raises(ValidationError) as refused:
        enrollment_complete(
            by=cnppm(world),
            enrollment=enrollment,
            completed_on=today() + dt.timedelta(days=1),
            certificate_number=" ",
        )
    assert set(refused.value.message_dict) == {"completed_on", "certificate_number"}
    with pytest.raises(ValidationError) as refused:
        enrollment_complete(
            by=cnppm(world),
            enrollment=enrollment,
            completed_on=today(),
            certificate_number="7",
            certificate_file=ContentFile(b"MZ\x90\x00 not a document", name="udostoverenie.pdf"),
        )
    assert "certificate_file" in refused.value.message_dict
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.APPLIED


def test_a_teacher_withdraws_their_application_but_not_a_completed_course(world):
    course = mentoring_course(world)
    activity = course_activity(world)
    enrollment = enrollment_apply(
        by=world.users["mentee_a"], course=course, person=world.mentee_a, activity=activity
    )
    with pytest.raises(PermissionDenied):
        enrollment_withdraw(by=world.users["curator_b"], enrollment=enrollment)

    enrollment_withdraw(by=world.users["mentee_a"], enrollment=enrollment, comment="Перенос на следующий год")

    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN
    event = RouteEvent.objects.filter(route=activity.route).last()
    assert "отозвана" in event.summary and event.comment == "Перенос на следующий год"
    # a new application after the withdrawal, completed: no withdrawal any more
    again = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    enrollment_complete(by=cnppm(world), enrollment=again, completed_on=today(), certificate_number="5")
    with pytest.raises(ValidationError):
        enrollment_withdraw(by=world.users["mentee_a"], enrollment=again)


def test_curator_of_school_b_sees_nothing_of_school_a_enrolments(world):
    course = mentoring_course(world)
    a = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    b = enrollment_apply(by=world.users["curator_b"], course=course, person=world.teacher_b)

    assert list(Enrollment.objects.for_user(world.users["curator_b"])) == [b]
    assert list(Enrollment.objects.for_user(world.users["curator_a"])) == [a]
    assert list(Enrollment.objects.for_user(world.users["mentee_a"])) == [a]
    assert set(Enrollment.objects.for_user(cnppm(world))) == {a, b}


# --- the base of trained mentors and curators --------------------------------------------------


def test_trained_people_are_the_completions_of_mentoring_training_with_roles(world):
    course = mentoring_course(world)
    other = mentoring_course(world, title="Цифровая дидактика", hours=36, is_mentoring_training=False)
    mentor = enrollment_apply(by=world.users["mentor_a"], course=course, person=world.mentor_a)
    enrollment_complete(by=cnppm(world), enrollment=mentor, completed_on=today(), certificate_number="101")
    curator_person = f.staff_member(world.school_a, last_name="Кураторова")
    curator_person.user = world.users["curator_a"]
    curator_person.save(update_fields=["user"])
    curator = enrollment_apply(by=world.users["curator_a"], course=course, person=curator_person)
    enrollment_complete(by=cnppm(world), enrollment=curator, completed_on=today(), certificate_number="102")
    enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)  # applied only
    digital = enrollment_apply(by=world.users["mentor_a"], course=other, person=world.mentor_a)
    enrollment_complete(by=cnppm(world), enrollment=digital, completed_on=today(), certificate_number="103")

    rows = {r.certificate_number: r for r in trained_people(Enrollment.objects.for_user(cnppm(world)))}

    assert set(rows) == {"101", "102"}
    assert trained_roles(rows["101"]) == "наставник"
    assert trained_roles(rows["102"]) == "куратор"
    assert not list(trained_people(Enrollment.objects.for_user(world.users["curator_b"])))


def test_the_cards_show_the_trainings_the_user_sees(world):
    course = mentoring_course(world)
    enrollment = enrollment_apply(by=world.users["mentor_a"], course=course, person=world.mentor_a)
    enrollment_complete(by=cnppm(world), enrollment=enrollment, completed_on=today(), certificate_number="77")

    for page in ("person_card", "mentor_card"):
        block = page_blocks(page, user=world.users["curator_a"], person=world.mentor_a)
        assert block["development_trainings"] == [enrollment]
        assert (
            page_blocks(page, user=world.users["curator_b"], person=world.mentor_a)["development_trainings"]
            == []
        )


# --- suggestions -------------------------------------------------------------------------------


def deficit(person, code: str, level: int, on: dt.date | None = None, organization=None) -> Deficit:
    """A deficit diagnosed by the head ``on`` (today by default)."""
    return Deficit.objects.create(
        person=person,
        organization=organization or person.employments.first().organization,
        area=area(code),
        level=level,
        source=DeficitSource.HEAD,
        diagnosed_on=on or today(),
    )


def test_suggested_courses_cover_the_latest_deficits_most_critical_first(world):
    deficit(world.mentee_a, "legal", DeficitLevel.CRITICAL, on=today() - dt.timedelta(days=400))  # older
    deficit(world.mentee_a, "methodical", DeficitLevel.MINOR)
    deficit(world.mentee_a, "ict_digital", DeficitLevel.CRITICAL)
    critical_code = "ict_digital"
    by = cnppm(world)

    def course(title, *codes, **fields):
        return course_create(
            by=by,
            owner=world.region,
            title=title,
            hours=36,
            provider="ЦНППМ",
            format=CourseFormat.DISTANCE,
            areas=[area(c) for c in codes],
            **fields,
        )

    methodical = course("Методика урока", "methodical")
    critical = course("Программа по критическому затруднению", critical_code)
    course("Закрытая", critical_code, is_published=False)
    course(
        "Прошедшая",
        critical_code,
        starts_on=today() - dt.timedelta(days=90),
        ends_on=today() - dt.timedelta(days=1),
    )
    course("Про другое", "health_saving")
    course("Старое затруднение", "legal")  # the legal deficit is of an earlier date
    both = course("Обе области", critical_code, "methodical")

    suggestions = suggested_courses(world.mentee_a)

    assert [s.course for s in suggestions] == [both, critical, methodical]
    assert [d.area.code for d in suggestions[0].deficits] == [critical_code, "methodical"]
    # a course applied for is no longer suggested; a teacher without deficits gets none
    enrollment_apply(by=world.users["mentee_a"], course=both, person=world.mentee_a)
    assert [s.course for s in suggested_courses(world.mentee_a, limit=1)] == [critical]
    assert suggested_courses(world.teacher_b) == []


# --- personal data -----------------------------------------------------------------------------


def test_the_trainings_are_in_the_persons_data_and_are_wiped_with_them(world):
    from nastavnik.development.selectors.courses import (
        enrollment_is_active,
        enrollment_last_date,
        enrollment_sections,
    )
    from nastavnik.development.services.courses import enrollment_wipe

    course = mentoring_course(world)
    activity = course_activity(world)
    enrollment = enrollment_apply(
        by=world.users["mentee_a"], course=course, person=world.mentee_a, activity=activity
    )
    assert enrollment_is_active(world.mentee_a)
    enrollment_complete(
        by=cnppm(world),
        enrollment=enrollment,
        completed_on=today(),
        certificate_number="9",
        certificate_file=certificate(),
    )
    assert not enrollment_is_active(world.mentee_a)
    assert enrollment_last_date(world.mentee_a) == today()
    (section,) = enrollment_sections(world.mentee_a)
    assert section.records[0]["Номер удостоверения"] == "9"
    assert section.records[0]["Объём, часов"] == 72

    enrollment_wipe(world.mentee_a, label="", names=set())

    enrollment.refresh_from_db()
    activity.refresh_from_db()
    assert not enrollment.certificate_file and enrollment.certificate_number == ""
    assert not activity.product_file
    assert enrollment.status == EnrollmentStatus.COMPLETED  # kept for the indicators
