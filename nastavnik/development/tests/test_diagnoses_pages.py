"""Pages of diagnoses (issue 18, Build 1) as their users see them: a teacher's self-diagnosis, the
curator's expert diagnosis, the curator of another school refused and shown nothing, a Russian
error for a missing area, garbage in the address, and the dynamics of a second diagnosis on the
profile chart and its table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.development.choices import DeficitSource, DiagnosisKind
from nastavnik.development.models import Deficit, Diagnosis
from nastavnik.development.selectors.diagnoses import active_areas
from nastavnik.development.services.diagnoses import diagnosis_create

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


LIST = reverse("development:diagnosis_list")
CREATE = reverse("development:diagnosis_create")


def client_of(client, world, persona):
    client.force_login(world.users[persona])
    return client


def form_data(organization, *, level: int = 3, skip: str = "", deficits: dict | None = None, **extra) -> dict:
    """The POST of the diagnosis form: every area at ``level`` but ``skip`` (an area code);
    ``deficits``: ``{area code: (level, description)}``."""
    data = {"organization": organization.pk, "conducted_on": today().isoformat(), "comment": "Выводы"}
    for area in active_areas():
        if area.code != skip:
            data[f"level_{area.pk}"] = str(level)
        data[f"achievements_{area.pk}"] = f"Достижения ({area.name})"
        deficit = (deficits or {}).get(area.code)
        data[f"deficit_{area.pk}"] = str(deficit[0]) if deficit else ""
        data[f"description_{area.pk}"] = deficit[1] if deficit else ""
    data.update(extra)
    return data


def seed_diagnosis(
    world, person, *, days_ago: int = 0, level: int = 3, by_code: dict | None = None, deficits=()
):
    """A diagnosis by the curator of A (system-made for another school's teacher)."""
    school = world.school_a if person != world.teacher_b else world.school_b
    results = {a.pk: ((by_code or {}).get(a.code, level), "") for a in active_areas()}
    return diagnosis_create(
        by=None,
        person=person,
        organization=school,
        kind=DiagnosisKind.EXPERT,
        source=DeficitSource.CURATOR,
        conducted_on=today() - dt.timedelta(days=days_ago),
        results=results,
        deficits=[{"area": active_areas().get(code=c), "level": lv} for c, lv in deficits],
    )


def test_a_mentee_diagnoses_themselves_through_the_form(client, world):
    c = client_of(client, world, "mentee_a")

    page = c.get(CREATE)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Самодиагностика" in text and "Молодцова" in text
    assert text.count('data-testid="area-row"') == 8
    assert "Положение о системе наставничества, п. 4.3.3" in text

    response = c.post(CREATE, form_data(world.school_a, deficits={"ict_digital": (3, "Не владею ЭОР")}))

    diagnosis = Diagnosis.objects.get()
    assert response.status_code == 302 and response["Location"] == diagnosis.get_absolute_url()
    assert diagnosis.kind == DiagnosisKind.SELF and diagnosis.person == world.mentee_a
    assert Deficit.objects.get(diagnosis=diagnosis).description == "Не владею ЭОР"
    detail = c.get(diagnosis.get_absolute_url()).content.decode()
    assert 'data-testid="chart"' in detail and "data:image/svg+xml;base64," in detail
    assert "Это первая диагностика педагога" in detail
    assert "критический" in detail and "Не владею ЭОР" in detail


def test_the_curator_of_a_diagnoses_a_teacher_of_a(client, world):
    c = client_of(client, world, "curator_a")
    url = f"{CREATE}?person={world.teacher_a.pk}"

    page = c.get(url)
    assert page.status_code == 200
    assert "Экспертная диагностика" in page.content.decode()

    response = c.post(url, form_data(world.school_a, source=DeficitSource.CURATOR))

    diagnosis = Diagnosis.objects.get()
    assert response.status_code == 302
    assert (diagnosis.person, diagnosis.kind, diagnosis.source) == (
        world.teacher_a,
        DiagnosisKind.EXPERT,
        DeficitSource.CURATOR,
    )
    assert diagnosis.expert == world.users["curator_a"]
    listing = c.get(LIST).content.decode()
    assert "Афанасьева" in listing and diagnosis.get_absolute_url() in listing


def test_the_curator_of_b_is_refused_for_a_teacher_of_a_and_sees_none_of_as_diagnoses(client, world):
    diagnosis = seed_diagnosis(world, world.teacher_a)
    theirs = seed_diagnosis(world, world.teacher_b)
    c = client_of(client, world, "curator_b")

    assert c.get(f"{CREATE}?person={world.teacher_a.pk}").status_code == 404
    assert c.post(f"{CREATE}?person={world.teacher_a.pk}", form_data(world.school_a)).status_code == 404
    assert c.get(diagnosis.get_absolute_url()).status_code == 404
    listing = c.get(LIST).content.decode()
    assert "Афанасьева" not in listing and diagnosis.get_absolute_url() not in listing
    assert theirs.get_absolute_url() in listing
    assert c.get(f"{LIST}?organization={world.school_a.pk}").status_code == 200
    assert Diagnosis.objects.count() == 2


def test_who_sees_a_teacher_but_may_not_diagnose_them_is_refused_in_russian(client, world):
    c = client_of(client, world, "coordinator")

    response = c.get(f"{CREATE}?person={world.teacher_a.pk}")

    assert response.status_code == 403
    assert "диагностику" in response.content.decode()


def test_a_missing_area_is_a_russian_error_on_the_form_and_nothing_is_saved(client, world):
    c = client_of(client, world, "mentee_a")

    response = c.post(CREATE, form_data(world.school_a, skip="legal"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Укажите уровень по области «Нормативные правовые»." in text
    assert "Исправьте ошибки в форме" in text
    assert not Diagnosis.objects.exists()


def test_a_description_without_a_deficit_level_is_refused(client, world):
    c = client_of(client, world, "mentee_a")
    data = form_data(world.school_a)
    legal = active_areas().get(code="legal")
    data[f"description_{legal.pk}"] = "Не знаю новых СанПиН"

    response = c.post(CREATE, data)

    assert "Укажите выраженность затруднения по области «Нормативные правовые»" in response.content.decode()
    assert not Diagnosis.objects.exists()


@pytest.mark.parametrize("garbage", ["abc", "²", "-1", "1e3", "99999999999999", ""])
def test_garbage_in_the_address_is_never_a_500(client, world, garbage):
    mentee = client_of(client, world, "mentee_a")
    assert mentee.get(CREATE, {"person": garbage, "route": garbage}).status_code == 200
    client.logout()
    curator = client_of(client, world, "curator_a")
    # without a person card of their own, the curator is asked which teacher to diagnose
    page = curator.get(CREATE, {"person": garbage})
    assert page.status_code == 200 and 'data-testid="diagnosis-pick"' in page.content.decode()
    assert (
        curator.get(LIST, {"organization": garbage, "kind": garbage, "conducted_from": garbage}).status_code
        == 200
    )


def test_a_foreign_route_in_the_address_is_ignored(client, world):
    c = client_of(client, world, "curator_a")
    url = f"{CREATE}?person={world.teacher_a.pk}&route=123456"

    assert c.get(url).status_code == 200
    c.post(url, form_data(world.school_a, source=DeficitSource.CURATOR))

    assert Diagnosis.objects.get().route is None


def test_anonymous_goes_to_the_login_page(client, world):
    for url in (CREATE, LIST):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_second_diagnosis_shows_both_series_and_the_changes(client, world):
    first = seed_diagnosis(
        world, world.mentee_a, days_ago=180, level=2, by_code={"legal": 1}, deficits=[("legal", 3)]
    )
    second = seed_diagnosis(world, world.mentee_a, level=3, by_code={"legal": 4, "methodical": 1})
    c = client_of(client, world, "mentor_a")

    page = c.get(second.get_absolute_url())

    assert page.status_code == 200
    text = page.content.decode()
    assert f"Предыдущая от {first.conducted_on:%d.%m.%Y}" in text
    assert f"Диагностика от {today():%d.%m.%Y}" in text
    headers, table = page.context["chart_table"]
    assert len(headers) == 3
    assert next(cells for cells in table if cells[0] == "Нормативные правовые")[1:] == ["4", "1"]
    legal = next(row for row in page.context["rows"] if row.area.code == "legal")
    methodical = next(row for row in page.context["rows"] if row.area.code == "methodical")
    assert (legal.before, legal.now, legal.delta_label) == (1, 4, "+3")
    assert methodical.delta_label == "−1"
    assert "+3" in text and "−1" in text
    assert 'data-testid="deficits-before">1<' in text and 'data-testid="deficits-now">0<' in text
    assert first.get_absolute_url() in text
    # the mentor may diagnose their mentee again
    assert f'href="{CREATE}?person={world.mentee_a.pk}"' in text


def test_the_list_shows_ones_own_diagnoses_first_with_a_constant_number_of_queries(client, world):
    own = seed_diagnosis(world, world.mentor_a, days_ago=300)
    for days in (1, 2, 3):
        seed_diagnosis(world, world.mentee_a, days_ago=days, deficits=[("legal", 2)])
    c = client_of(client, world, "mentor_a")

    page = c.get(LIST)
    rows = list(page.context["object_list"])
    assert rows[0] == own and len(rows) == 4
    assert "Пройти самодиагностику" in page.content.decode()

    with CaptureQueriesContext(connection) as few:
        c.get(LIST)
    for days in (4, 5, 6):
        seed_diagnosis(world, world.mentee_a, days_ago=days, deficits=[("ict_digital", 1)])
    with CaptureQueriesContext(connection) as more:
        c.get(LIST)
    assert len(more) == len(few)


def test_the_list_filters_by_kind_and_dates(client, world):
    old = seed_diagnosis(world, world.teacher_a, days_ago=400)
    new = seed_diagnosis(world, world.teacher_a)
    c = client_of(client, world, "curator_a")

    recent = c.get(LIST, {"conducted_from": (today() - dt.timedelta(days=30)).isoformat()})
    selfs = c.get(LIST, {"kind": DiagnosisKind.SELF})

    assert list(recent.context["object_list"]) == [new]
    assert old not in list(recent.context["object_list"])
    assert list(selfs.context["object_list"]) == []


def test_a_teacher_sees_only_their_own_and_the_federal_operator_no_list(client, world):
    from nastavnik.testing.personas import extend_world

    extend_world(world)
    colleague = seed_diagnosis(world, world.teacher_a)
    own = seed_diagnosis(world, world.mentee_a)
    mentee = client_of(client, world, "mentee_a")

    assert mentee.get(colleague.get_absolute_url()).status_code == 404
    assert mentee.get(own.get_absolute_url()).status_code == 200
    assert list(mentee.get(LIST).context["object_list"]) == [own]
    client.logout()
    # a tutor without assigned teachers sees an empty list; the federal operator none at all
    tutor = client_of(client, world, "tutor_1")
    assert list(tutor.get(LIST).context["object_list"]) == []
    # the tutor of the municipality sees the teacher but is not assigned to them: a refusal
    assert tutor.get(f"{CREATE}?person={world.teacher_a.pk}").status_code == 403
    client.logout()
    assert client_of(client, world, "national").get(LIST).status_code == 403


def test_an_assigned_tutor_diagnoses_their_teacher_from_the_route_link(client, world):
    from nastavnik.development.models import IndividualRoute, RouteEvent, TutorAssignment
    from nastavnik.testing.personas import extend_world

    extend_world(world)
    tutor = world.users["tutor_1"]
    TutorAssignment.objects.create(tutor=tutor, person=world.teacher_b, starts_on=today())
    route = IndividualRoute.objects.create(
        person=world.teacher_b,
        organization=world.school_b,
        title="Функциональная грамотность",
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=1460),
    )
    c = client_of(client, world, "tutor_1")
    # the teacher of school B works outside the tutor's municipality: reached by the assignment
    url = f"{CREATE}?person={world.teacher_b.pk}&route={route.pk}"

    page = c.get(url)
    assert page.status_code == 200
    assert "Функциональная грамотность" in page.content.decode()
    response = c.post(
        url, form_data(world.school_b, source=DeficitSource.TUTOR, deficits={"methodical": (2, "")})
    )

    diagnosis = Diagnosis.objects.get()
    assert response.status_code == 302
    assert (diagnosis.source, diagnosis.expert, diagnosis.route) == (DeficitSource.TUTOR, tutor, route)
    assert RouteEvent.objects.filter(route=route, kind="diagnosis").count() == 1
    assert c.get(diagnosis.get_absolute_url()).status_code == 200


def test_the_diagnosis_page_takes_as_many_queries_after_many_diagnoses_as_after_two(client, world):
    seed_diagnosis(world, world.teacher_a, days_ago=100, deficits=[("legal", 2)])
    second = seed_diagnosis(world, world.teacher_a, days_ago=50, deficits=[("legal", 1), ("methodical", 2)])
    c = client_of(client, world, "curator_a")
    c.get(second.get_absolute_url())  # the chart drawn and kept

    with CaptureQueriesContext(connection) as few:
        assert c.get(second.get_absolute_url()).status_code == 200
    for days in (90, 80, 70, 60):
        seed_diagnosis(world, world.teacher_a, days_ago=days, deficits=[("ict_digital", 3)])
    latest = seed_diagnosis(world, world.teacher_a, deficits=[("legal", 1), ("methodical", 2)])
    c.get(latest.get_absolute_url())
    with CaptureQueriesContext(connection) as more:
        assert c.get(latest.get_absolute_url()).status_code == 200

    assert len(more) == len(few)


def test_the_card_block_shows_the_latest_diagnosis_and_the_link_to_a_new_one(client, world):
    from django.template.loader import render_to_string

    from nastavnik.development.selectors.diagnoses import diagnoses_block

    seed_diagnosis(world, world.teacher_a, days_ago=30)
    latest = seed_diagnosis(world, world.teacher_a, deficits=[("legal", 3)])

    block = diagnoses_block(user=world.users["curator_a"], person=world.teacher_a)["development_diagnosis"]
    assert block["latest"] == latest and block["count"] == 2
    assert [d.area.code for d in block["deficits"]] == ["legal"]
    assert block["create_url"] == f"{CREATE}?person={world.teacher_a.pk}"
    html = render_to_string("development/diagnosis_card.html", {"development_diagnosis": block})
    assert "Нормативные правовые — критический" in html and latest.get_absolute_url() in html

    # the coordinator sees the diagnoses but may not diagnose; the curator of B sees nothing
    seen = diagnoses_block(user=world.users["coordinator"], person=world.teacher_a)["development_diagnosis"]
    assert seen["latest"] == latest and seen["create_url"] == ""
    foreign = diagnoses_block(user=world.users["curator_b"], person=world.teacher_a)["development_diagnosis"]
    assert foreign == {"latest": None, "deficits": [], "count": 0, "create_url": ""}
    assert "Диагностика" not in render_to_string(
        "development/diagnosis_card.html", {"development_diagnosis": foreign}
    )
    # the teacher's own card offers a self-diagnosis
    own = diagnoses_block(user=world.users["mentee_a"], person=world.mentee_a)["development_diagnosis"]
    assert own["latest"] is None and own["create_url"] == CREATE


def test_an_expert_without_a_teacher_in_the_address_chooses_one_first(client, world):
    curator = client_of(client, world, "curator_a")

    listing = curator.get(LIST).content.decode()
    assert f'href="{CREATE}?expert=1"' in listing and "Пройти самодиагностику" not in listing
    page = curator.get(CREATE)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Выберите педагога" in text and f'action="{CREATE}"' in text and 'name="person"' in text
    assert "Афанасьева" in text and "Борисова" not in text  # the people the curator sees
    assert curator.post(CREATE, {}).status_code == 200
    assert not Diagnosis.objects.exists()
    client.logout()
    # a mentor (a teacher with a card) diagnoses themselves by default, a mentee of theirs on demand
    mentor = client_of(client, world, "mentor_a")
    assert "Самодиагностика" in mentor.get(CREATE).content.decode()
    assert 'data-testid="diagnosis-pick"' in mentor.get(CREATE, {"expert": "1"}).content.decode()
    client.logout()
    # who is no expert is not asked
    assert client_of(client, world, "coordinator").get(CREATE).status_code == 403
