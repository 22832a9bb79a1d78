"""Places of work: a curator adds a second job and records a dismissal."""

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.people.models import Employment, Person
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def test_curator_closes_employment_and_the_teacher_leaves_the_scope(client, world):
    # given the curator of school A and a teacher of A
    client.force_login(world.users["curator_a"])
    employment = world.teacher_a.employments.get()
    # when she records the dismissal as of yesterday
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(f"/people/employments/{employment.pk}/end/", {"ended_on": yesterday.isoformat()})
    # then the employment is closed and the teacher is no longer in her list
    assert response.status_code == 302 and response.url == "/people/"
    employment.refresh_from_db()
    assert employment.ended_on == yesterday
    assert not Person.objects.for_user(world.users["curator_a"]).filter(pk=world.teacher_a.pk).exists()


def test_end_date_before_start_is_refused_and_nothing_changes(client, world):
    client.force_login(world.users["curator_a"])
    employment = world.teacher_a.employments.get()
    response = client.post(
        f"/people/employments/{employment.pk}/end/", {"ended_on": "2000-01-01"}, follow=True
    )
    assert "не может быть раньше даты приёма" in response.content.decode()
    employment.refresh_from_db()
    assert employment.ended_on is None


def test_curator_of_another_school_cannot_close_it(client, world):
    client.force_login(world.users["curator_b"])
    employment = world.teacher_a.employments.get()
    response = client.post(f"/people/employments/{employment.pk}/end/", {"ended_on": "2026-01-01"})
    assert response.status_code == 404
    employment.refresh_from_db()
    assert employment.ended_on is None


def test_second_job_in_another_school_of_the_municipality(client, world):
    # given a second school in municipality 1 whose head is also the head of school A
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    f.RoleAssignmentFactory(user=world.users["head_a"], org_unit=school_c, role="head")
    client.force_login(world.users["head_a"])
    # when the head adds a part-time job in school C
    response = client.post(
        f"/people/{world.teacher_a.pk}/employments/add/",
        {"organization": school_c.pk, "started_on": "2026-09-01"},
    )
    # then the teacher works in both
    assert response.status_code == 302
    assert set(
        Employment.objects.current().filter(person=world.teacher_a).values_list("organization", flat=True)
    ) == {
        world.school_a.pk,
        school_c.pk,
    }
    # and adding the same open job twice is refused with a Russian message
    again = client.post(
        f"/people/{world.teacher_a.pk}/employments/add/",
        {"organization": school_c.pk, "started_on": "2026-09-01"},
    )
    assert again.status_code == 200
    assert "уже числится" in again.content.decode()


def test_add_job_page_for_a_person_out_of_scope_is_404(client, world):
    client.force_login(world.users["curator_b"])
    assert client.get(f"/people/{world.teacher_a.pk}/employments/add/").status_code == 404
    client.force_login(world.users["mentor_a"])
    assert client.get(f"/people/{world.mentee_a.pk}/employments/add/").status_code == 404
