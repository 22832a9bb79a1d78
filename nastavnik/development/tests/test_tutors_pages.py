"""The tutors' pages (issue 18, Build 3) as their users meet them: the coordinator of the ЦНППМ
reads the region's tutors with their load, assigns a tutor to a teacher and to an organization
and ends an assignment; the curator is refused; another region's tutor and garbage ids are 404,
never 500; the tutor finds their work on the work list and the home page; the list's queries do
not grow with the number of tutors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.access.choices import Role
from nastavnik.development.models import IndividualRoute, TutorAssignment
from nastavnik.development.tests.test_tutors import TODAY, _work_world, account, assign
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

LIST = reverse("development:tutor_list")
WORK = reverse("development:tutor_worklist")


@pytest.fixture
def cnppm(world):
    world.users["cnppm"] = account("cnppm", Role.TUTOR_COORDINATOR, world.region, last_name="Координаторова")
    world.users["tutor"] = account("tutor", Role.TUTOR, world.region, last_name="Тьюторова")
    world.users["teacher_b"] = account("teacher_b", Role.MENTEE, world.school_b, person=world.teacher_b)
    return world


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail(user) -> str:
    return reverse("development:tutor_detail", args=[user.pk])


def assign_url(user) -> str:
    return reverse("development:tutor_assign", args=[user.pk])


def test_the_coordinator_assigns_a_tutor_to_a_teacher_and_to_an_organization(cnppm):
    world = cnppm
    tutor = world.users["tutor"]
    page = client_of(world.users["cnppm"])

    # the list names the region's tutor, by name and not by login, linked to their page
    html = page.get(LIST).content.decode()
    assert "Анна Тьюторова" in html and detail(tutor) in html
    assert ">tutor<" not in html

    # the tutor's page offers the assign form
    html = page.get(detail(tutor)).content.decode()
    assert assign_url(tutor) in html and "Тьютор пока ни за кем не закреплён" in html
    form = page.get(assign_url(tutor))
    assert form.status_code == 200 and f'value="{TODAY().isoformat()}"' in form.content.decode()

    # when the coordinator assigns the tutor to teacher B, then to school A
    start = (TODAY() - dt.timedelta(days=10)).isoformat()
    response = page.post(assign_url(tutor), {"person": world.teacher_b.pk, "starts_on": start})
    assert response.status_code == 302 and response.url == detail(tutor)
    response = page.post(assign_url(tutor), {"organization": world.school_a.pk, "starts_on": start})
    assert response.status_code == 302

    # then both are on the tutor's page, and the tutor reaches the teachers' routes
    assert TutorAssignment.objects.filter(tutor=tutor).count() == 2
    html = page.get(detail(tutor)).content.decode()
    assert world.teacher_b.full_name in html and "СОШ № 1" in html
    route_b = IndividualRoute.objects.create(
        person=world.teacher_b,
        organization=world.school_b,
        title="Маршрут",
        starts_on=TODAY(),
        ends_on=TODAY().replace(year=TODAY().year + 4),
    )
    assert list(IndividualRoute.objects.for_user(tutor)) == [route_b]

    # when the coordinator ends the personal assignment
    assignment = TutorAssignment.objects.get(person=world.teacher_b)
    end = reverse("development:tutor_unassign", args=[assignment.pk])
    assert end in html
    assert page.get(end).status_code == 200
    response = page.post(end, {"ends_on": (TODAY() - dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 302

    # then the tutor reaches the route no more
    assert not IndividualRoute.objects.for_user(tutor).exists()


def test_bad_input_comes_back_in_russian_on_the_form(cnppm):
    world = cnppm
    tutor = world.users["tutor"]
    page = client_of(world.users["cnppm"])
    start = TODAY().isoformat()

    # both a teacher and an organization
    response = page.post(
        assign_url(tutor),
        {"person": world.teacher_b.pk, "organization": world.school_b.pk, "starts_on": start},
    )
    assert response.status_code == 200
    assert "Выберите либо педагога, либо организацию." in response.content.decode()
    # garbage ids and dates
    for garbage in ("²", "-1", "99999999999999999999", "abc"):
        response = page.post(assign_url(tutor), {"person": garbage, "starts_on": garbage})
        assert response.status_code == 200, garbage
    # a territory is not among the organizations offered
    response = page.post(assign_url(tutor), {"organization": world.muni1.pk, "starts_on": start})
    assert response.status_code == 200
    # a duplicate
    assign(world, person=world.teacher_b)
    response = page.post(assign_url(tutor), {"person": world.teacher_b.pk, "starts_on": start})
    assert "Тьютор уже закреплён за этому педагогу." not in response.content.decode()
    assert "Тьютор уже закреплён за этим педагогом." in response.content.decode()
    assert TutorAssignment.objects.count() == 1
    # an end before the start
    assignment = TutorAssignment.objects.get()
    end = reverse("development:tutor_unassign", args=[assignment.pk])
    response = page.post(end, {"ends_on": "2000-01-01"})
    assert response.status_code == 200 and "не может быть раньше начала" in response.content.decode()
    assert TutorAssignment.objects.get().ends_on is None


def test_the_curator_is_refused_and_strangers_are_not_found(cnppm):
    world = cnppm
    tutor = world.users["tutor"]
    assignment = assign(world, person=world.teacher_a)
    end = reverse("development:tutor_unassign", args=[assignment.pk])
    curator = client_of(world.users["curator_a"])

    # the curator: 403 on the pages for those who oversee tutors; the assignment is not theirs to see
    for url in (LIST, detail(tutor), assign_url(tutor), WORK):
        assert curator.get(url).status_code == 403, url
    assert curator.post(assign_url(tutor), {"person": world.teacher_a.pk}).status_code == 403
    assert curator.get(end).status_code == 404
    # the regional operator reads the load but neither assigns nor ends
    operator = client_of(world.users["operator"])
    assert operator.get(LIST).status_code == 200
    assert operator.get(detail(tutor)).status_code == 200
    assert assign_url(tutor) not in operator.get(detail(tutor)).content.decode()
    assert operator.get(assign_url(tutor)).status_code == 403
    assert operator.get(end).status_code == 403
    # the tutor reads their own work, not the list of tutors
    own = client_of(tutor)
    assert own.get(LIST).status_code == 403
    assert own.get(WORK).status_code == 200
    # another region's tutor, a user who is no tutor and garbage ids: 404, never 500
    far = account(
        "tutor_far", Role.TUTOR, f.region(world.region.parent, "Тюменская область"), last_name="Дальняя"
    )
    coordinator = client_of(world.users["cnppm"])
    for url in (
        detail(far),
        assign_url(far),
        detail(world.users["curator_a"]),
        "/development/tutors/99999999999/",
        "/development/tutors/0/",
        "/development/tutors/assignments/99999999999/end/",
        "/development/tutors/assignments/0/end/",
    ):
        assert coordinator.get(url).status_code == 404, url
    for query in (
        "?sort=²",
        "?sort=-nothing",
        "?page=abc",
        "?page=99999999999999",
        "?q=%00",
        "?q=" + "я" * 300,
    ):
        assert coordinator.get(LIST + query).status_code == 200, query
    assert TutorAssignment.objects.get().ends_on is None


def test_the_tutor_finds_their_work_on_the_work_list_and_the_home_page(cnppm):
    world = cnppm
    route_b, route_a = _work_world(world)
    page = client_of(world.users["tutor"])

    html = page.get(WORK).content.decode()
    assert "Цифровые инструменты" in html and "Открытый урок" in html and "Первые шаги" in html
    assert "Семинар" not in html  # done, not overdue
    assert "Завершённый" not in html
    # the links lead to the routes and to a new diagnosis of the teacher on the route, where those pages exist
    for name, url in (
        (
            "development:route_detail",
            route_b.get_absolute_url() if _declared("development:route_detail") else "",
        ),
        ("development:diagnosis_create", f"?person={route_a.person_id}&amp;route={route_a.pk}"),
    ):
        if _declared(name):
            assert url in html, name

    home = page.get("/").content.decode()
    assert "Маршруты, ожидающие комментария тьютора" in home
    assert "Просроченные мероприятия маршрутов" in home and "Открытый урок" in home
    assert "Маршруты, по которым нужна диагностика" in home
    # the mentees-with-difficulties list of the territory is no longer the tutor's
    assert "Наставляемые с затруднениями без наставника" not in home

    # the coordinator's home page leads to the tutors
    assert LIST in client_of(world.users["cnppm"]).get("/").content.decode()


def _declared(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        try:
            reverse(name)
        except NoReverseMatch:
            return False
    return True


def test_the_choosers_offer_the_region_to_the_coordinator_only(cnppm):
    world = cnppm
    people = reverse("core:autocomplete", kwargs={"kind": "tutor-people"})
    units = reverse("core:autocomplete", kwargs={"kind": "tutor-organizations"})

    found = client_of(world.users["cnppm"]).get(people, {"q": "Борисова"}).json()["results"]
    assert [r["id"] for r in found] == [str(world.teacher_b.pk)]
    found = client_of(world.users["cnppm"]).get(units, {"q": "школа"}).json()["results"]
    assert {r["id"] for r in found} == {str(world.school_a.pk), str(world.school_b.pk)}
    assert client_of(world.users["curator_a"]).get(people, {"q": "Борисова"}).json()["results"] == []
    assert client_of(world.users["curator_a"]).get(units, {"q": "школа"}).json()["results"] == []


def test_the_list_queries_do_not_grow_with_the_tutors(cnppm):
    world = cnppm
    _work_world(world)
    page = client_of(world.users["cnppm"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert page.get(LIST + "?sort=-routes_live").status_code == 200
        return len(captured)

    page.get(LIST)  # the session and the caches warmed
    few = queries()
    for n in range(20):
        tutor = account(
            f"tutor_{n}", Role.TUTOR, world.muni1 if n % 2 else world.region, last_name=f"Тьютор{n:02d}"
        )
        teacher = f.staff_member(world.school_b, last_name=f"Педагогова{n}")
        assign(world, person=teacher, tutor=tutor)
    many = queries()
    assert many == few


def test_a_teacher_who_withdrew_the_consent_is_not_named_nor_counted(cnppm):
    from nastavnik.bank.models import PersonalDataConsent
    from nastavnik.bank.services import pd_consent_withdraw
    from nastavnik.people.consent import HIDDEN_PERSON

    world = cnppm
    tutor = world.users["tutor"]
    assign(world, person=world.teacher_b)
    # when teacher B withdraws the consent to personal-data processing (152-ФЗ art. 9)
    for consent in PersonalDataConsent.objects.filter(person=world.teacher_b, withdrawn_on__isnull=True):
        pd_consent_withdraw(consent=consent, by=world.users["curator_b"], reason="Заявление работника")

    # then the coordinator's pages neither name nor count her, and the tutor reaches her no more
    html = client_of(world.users["cnppm"]).get(detail(tutor)).content.decode()
    assert world.teacher_b.last_name not in html and HIDDEN_PERSON in html
    assert 'data-testid="tutor-load"' in html
    html = client_of(world.users["cnppm"]).get(LIST).content.decode()
    assert world.teacher_b.last_name not in html
    route_b = IndividualRoute.objects.create(
        person=world.teacher_b,
        organization=world.school_b,
        title="Маршрут",
        starts_on=TODAY(),
        ends_on=TODAY().replace(year=TODAY().year + 4),
    )
    assert not IndividualRoute.objects.for_user(tutor).filter(pk=route_b.pk).exists()
    from nastavnik.development.selectors.tutors import tutor_loads

    assert tutor_loads([tutor])[0].direct == 0
