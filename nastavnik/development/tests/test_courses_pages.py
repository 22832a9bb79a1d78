"""The pages of the course catalogue, the enrolments and the base of trained mentors and curators
through the Django test client, as the ЦНППМ's coordinator, the teachers and the curators of
schools A and B (issue 18, Build 4; seed 000 App. 2 §2.7, §3.1; 003 §3.2)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from nastavnik.development.choices import (
    MENTORING_COURSE_TITLE,
    ActivityStatus,
    CourseFormat,
    EnrollmentStatus,
    ProductKind,
)
from nastavnik.development.models import Course, Enrollment
from nastavnik.development.services.courses import enrollment_apply, enrollment_complete
from nastavnik.development.tests.test_courses import (
    PDF,
    area,
    cnppm,
    course_activity,
    mentoring_course,
    today,
)
from nastavnik.people.consent import HIDDEN_PERSON
from nastavnik.testing.personas import NO_CONSENT_SURNAME, extend_world, withdraw_consent

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client_for(world, persona: str) -> Client:
    client = Client()
    user = cnppm(world) if persona == "cnppm" else world.users[persona]
    if user.is_authenticated:
        client.force_login(user)
    return client


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def field_errors(response, name: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(rf'data-field="{name}">([^<]*)<', response.content.decode())]


def complete(world, enrollment, number: str):
    return enrollment_complete(
        by=cnppm(world), enrollment=enrollment, completed_on=today(), certificate_number=number
    )


# --- the catalogue -----------------------------------------------------------------------------


def test_the_coordinator_creates_the_72_hour_course_on_the_page(world):
    client = client_for(world, "cnppm")
    form = client.get(reverse("development:course_create") + "?mentoring=1")
    assert form.status_code == 200
    assert MENTORING_COURSE_TITLE in text_of(form)

    response = client.post(
        reverse("development:course_create"),
        {
            "owner": world.region.pk,
            "title": MENTORING_COURSE_TITLE,
            "hours": 72,
            "provider": "АУ ДПО «Институт развития образования»",
            "format": CourseFormat.MIXED,
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-20",
            "areas": [area("methodical").pk, area("psychological_pedagogical").pk],
            "is_mentoring_training": "on",
            "is_published": "on",
        },
    )

    course = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()
    assert course.hours == 72 and course.is_mentoring_training
    assert course.areas.count() == 2
    listed = text_of(client_for(world, "mentee_a").get(reverse("development:course_list")))
    assert MENTORING_COURSE_TITLE in listed


def test_the_course_form_says_what_is_wrong_in_russian(world):
    response = client_for(world, "cnppm").post(
        reverse("development:course_create"),
        {
            "owner": world.region.pk,
            "title": "Программа",
            "hours": 8,
            "provider": "ЦНППМ",
            "format": "distance",
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "hours")
    assert not Course.objects.exists()


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a", "curator_a", "coordinator"])
def test_a_teacher_or_a_curator_cannot_create_courses(world, persona):
    client = client_for(world, persona)
    assert client.get(reverse("development:course_create")).status_code == 403
    response = client.post(
        reverse("development:course_create"),
        {
            "owner": world.region.pk,
            "title": "Программа",
            "hours": 36,
            "provider": "ЦНППМ",
            "format": "distance",
        },
    )
    assert response.status_code == 403
    assert not Course.objects.exists()


def test_the_course_edit_page_is_the_keepers(world):
    course = mentoring_course(world)
    url = reverse("development:course_edit", args=[course.pk])
    assert client_for(world, "mentee_a").get(url).status_code == 404  # seen, but not in the change scope
    response = client_for(world, "operator").post(
        url,
        {
            "owner": world.region.pk,
            "title": course.title,
            "hours": 80,
            "provider": course.provider,
            "format": course.format,
            "is_mentoring_training": "on",
        },
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.hours == 80 and not course.is_published


def test_the_catalogue_filters_and_survives_garbage(world):
    mentoring_course(world)
    other = mentoring_course(
        world, title="Цифровая дидактика", hours=36, is_mentoring_training=False, areas=[area("ict_digital")]
    )
    client = client_for(world, "mentee_a")
    url = reverse("development:course_list")

    by_area = text_of(client.get(url, {"area": area("ict_digital").pk}))
    assert other.title in by_area and MENTORING_COURSE_TITLE not in by_area
    mentoring = text_of(client.get(url, {"mentoring": "true"}))
    assert MENTORING_COURSE_TITLE in mentoring and other.title not in mentoring
    found = text_of(client.get(url, {"q": "дидакт"}))
    assert other.title in found and MENTORING_COURSE_TITLE not in found
    for garbage in ({"area": "²"}, {"since": "31.02.2026"}, {"format": "x"}, {"until": "-1"}):
        assert client.get(url, garbage).status_code == 200


# --- enrolments --------------------------------------------------------------------------------


def test_a_teacher_applies_from_a_route_activity_on_the_page(world):
    course = mentoring_course(world)
    activity = course_activity(world)
    client = client_for(world, "mentee_a")
    detail = text_of(client.get(course.get_absolute_url()))
    assert "Записаться" in detail

    url = reverse("development:enrollment_apply", args=[course.pk])
    form = client.get(url, {"activity": activity.pk})
    assert form.status_code == 200
    response = client.post(
        f"{url}?activity={activity.pk}", {"person": world.mentee_a.pk, "activity": activity.pk}
    )

    assert response.status_code == 302
    enrollment = Enrollment.objects.get()
    assert enrollment.person == world.mentee_a and enrollment.activity == activity
    assert "Ваше обучение" in text_of(client.get(course.get_absolute_url()))
    # garbage in the address is no 500
    assert client.get(url, {"activity": "²"}).status_code == 200


def test_a_teacher_cannot_apply_for_a_colleague(world):
    course = mentoring_course(world)
    response = client_for(world, "mentee_a").post(
        reverse("development:enrollment_apply", args=[course.pk]), {"person": world.teacher_a.pk}
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Enrollment.objects.exists()


def test_the_coordinator_completes_with_a_certificate_on_the_page(world):
    course = mentoring_course(world)
    activity = course_activity(world)
    enrollment = enrollment_apply(
        by=world.users["mentee_a"], course=course, person=world.mentee_a, activity=activity
    )
    client = client_for(world, "cnppm")
    assert "Завершить" in text_of(client.get(course.get_absolute_url()))
    url = reverse("development:enrollment_complete", args=[enrollment.pk])

    refused = client.post(
        url,
        {
            "completed_on": today().isoformat(),
            "certificate_number": "862400012345",
            "certificate_file": SimpleUploadedFile("udostoverenie.pdf", b"MZ not a scan"),
        },
    )
    assert refused.status_code == 200 and field_errors(refused, "certificate_file")

    response = client.post(
        url,
        {
            "completed_on": today().isoformat(),
            "certificate_number": "862400012345",
            "certificate_file": SimpleUploadedFile("udostoverenie.pdf", PDF, content_type="application/pdf"),
        },
    )

    assert response.status_code == 302
    enrollment.refresh_from_db()
    activity.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.COMPLETED
    assert activity.status == ActivityStatus.DONE and activity.product_kind == ProductKind.CERTIFICATE
    # the teacher downloads their certificate; the curator of school B does not find it
    download = client_for(world, "mentee_a").get(
        reverse("development:enrollment_certificate", args=[enrollment.pk])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert (
        client_for(world, "curator_b")
        .get(reverse("development:enrollment_certificate", args=[enrollment.pk]))
        .status_code
        == 404
    )
    # a completed course cannot be completed again: back to the course with the reason
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("persona", ["mentee_a", "curator_a"])
def test_the_completion_page_is_refused_to_the_teacher_and_the_curator(world, persona):
    course = mentoring_course(world)
    enrollment = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    for name in ("enrollment_complete", "enrollment_enroll"):
        assert (
            client_for(world, persona).get(reverse(f"development:{name}", args=[enrollment.pk])).status_code
            == 403
        )


def test_curator_of_school_b_sees_nothing_of_school_a_enrolments(world):
    course = mentoring_course(world)
    enrollment = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    complete(world, enrollment, "555")
    client = client_for(world, "curator_b")

    detail = text_of(client.get(course.get_absolute_url()))
    assert world.mentee_a.last_name not in detail
    for name in ("enrollment_withdraw", "enrollment_complete", "enrollment_enroll", "enrollment_certificate"):
        assert client.get(reverse(f"development:{name}", args=[enrollment.pk])).status_code == 404
    trained = text_of(client.get(reverse("development:trained_list")))
    assert world.mentee_a.last_name not in trained and "555" not in trained
    # the curator of school A sees them
    assert world.mentee_a.last_name in text_of(client_for(world, "curator_a").get(course.get_absolute_url()))


def test_a_teacher_withdraws_their_application_on_the_page(world):
    course = mentoring_course(world)
    enrollment = enrollment_apply(by=world.users["mentee_a"], course=course, person=world.mentee_a)
    response = client_for(world, "mentee_a").post(
        reverse("development:enrollment_withdraw", args=[enrollment.pk]), {"comment": "Болезнь"}
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.WITHDRAWN


# --- the base of trained mentors and curators --------------------------------------------------


def test_the_trained_base_lists_them_and_exports_only_the_consented(world):
    extend_world(world, withdraw=False)
    course = mentoring_course(world)
    trained = enrollment_apply(by=world.users["mentor_a"], course=course, person=world.mentor_a)
    complete(world, trained, "101")
    hidden = enrollment_apply(by=world.users["curator_a"], course=course, person=world.no_consent)
    complete(world, hidden, "102")
    withdraw_consent(world)
    client = client_for(world, "cnppm")
    url = reverse("development:trained_list")

    page = text_of(client.get(url))
    assert world.mentor_a.full_name in page and "наставник" in page and "101" in page
    # the ЦНППМ reaches the enrolments of consented teachers only (152-ФЗ art. 9): the other row is
    # not even listed as hidden
    assert NO_CONSENT_SURNAME not in page and HIDDEN_PERSON not in page
    # the curator of A, who collects the consents, sees both
    assert NO_CONSENT_SURNAME in text_of(client_for(world, "curator_a").get(url))

    export = client.get(url, {"export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"] == XLSX
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("ФИО", "Организация", "Муниципальное образование", "Роль")
    assert [r[0] for r in rows[1:]] == [world.mentor_a.full_name]
    assert rows[1][3] == "наставник" and rows[1][5] == 72 and rows[1][7] == "101"
    assert rows[1][6] == dt.datetime.combine(today(), dt.time())
    # the curator's export leaves the unconsented person out as well
    curator_rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client_for(world, "curator_a").get(url, {"export": "xlsx"}).content)
        ).active.iter_rows(values_only=True)
    )
    assert [r[0] for r in curator_rows[1:]] == [world.mentor_a.full_name]


def test_the_trained_base_filters_by_role_and_survives_garbage(world):
    course = mentoring_course(world)
    complete(world, enrollment_apply(by=world.users["mentor_a"], course=course, person=world.mentor_a), "101")
    complete(
        world, enrollment_apply(by=world.users["curator_a"], course=course, person=world.teacher_a), "102"
    )
    client = client_for(world, "operator")
    url = reverse("development:trained_list")

    mentors = text_of(client.get(url, {"role": "mentor"}))
    assert world.mentor_a.full_name in mentors and world.teacher_a.full_name not in mentors
    by_number = text_of(client.get(url, {"q": "102"}))
    assert world.teacher_a.full_name in by_number and world.mentor_a.full_name not in by_number
    for garbage in ({"organization": "²"}, {"year": "x"}, {"course": "-1"}, {"role": "boss"}):
        assert client.get(url, garbage).status_code == 200


def test_the_pages_of_courses_ask_for_sign_in(world):
    course = mentoring_course(world)
    anonymous = Client()
    for url in (
        reverse("development:course_list"),
        reverse("development:trained_list"),
        course.get_absolute_url(),
        reverse("development:enrollment_apply", args=[course.pk]),
    ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_curator_enrols_a_teacher_of_their_school_only(world):
    course = mentoring_course(world)
    url = reverse("development:enrollment_apply", args=[course.pk])
    assert "Записать педагога" in text_of(client_for(world, "curator_a").get(course.get_absolute_url()))

    refused = client_for(world, "curator_b").post(url, {"person": world.teacher_a.pk})
    assert refused.status_code == 200 and field_errors(refused, "person")
    assert not Enrollment.objects.exists()

    response = client_for(world, "curator_a").post(url, {"person": world.teacher_a.pk})
    assert response.status_code == 302
    assert Enrollment.objects.get().person == world.teacher_a
    # the type-ahead chooser of the form answers with the teachers of school A only
    found = client_for(world, "curator_a").get(
        reverse("core:autocomplete", args=["course-applicants"]), {"q": ""}
    )
    names = {row["text"] for row in found.json()["results"]}
    assert any(world.teacher_a.full_name in n for n in names)
    assert not any(world.teacher_b.full_name in n for n in names)


def test_the_lists_read_a_constant_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    course = mentoring_course(world)
    client = client_for(world, "cnppm")

    def counts():
        result = []
        for url in (
            reverse("development:course_list"),
            reverse("development:trained_list"),
            course.get_absolute_url(),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    complete(world, enrollment_apply(by=world.users["mentor_a"], course=course, person=world.mentor_a), "1")
    few = counts()
    for person in (world.mentee_a, world.teacher_a, world.teacher_b):
        complete(world, enrollment_apply(by=cnppm(world), course=course, person=person), f"n{person.pk}")
    mentoring_course(world, title="Вторая программа", areas=[area("legal")])
    assert counts() == few
