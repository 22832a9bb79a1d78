"""Diagnosis of achievements and deficits (seed 000 §4.3.3, steps 2–3; issue 18, Build 1): the
service ``diagnosis_create`` with its rights and rules, and the selectors other parts use
(``person_diagnoses``, ``latest_diagnosis``, ``latest_deficits``, ``diagnosis_dynamics``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from nastavnik.development.choices import DeficitLevel, DeficitSource, DiagnosisKind, RouteEventKind
from nastavnik.development.models import Deficit, Diagnosis, IndividualRoute, RouteEvent, TutorAssignment
from nastavnik.development.selectors.diagnoses import (
    active_areas,
    diagnosable_organizations,
    diagnosis_chart,
    diagnosis_dynamics,
    expert_sources,
    latest_deficits,
    latest_diagnosis,
    person_diagnoses,
    previous_diagnosis,
)
from nastavnik.development.services.diagnoses import diagnosis_create
from nastavnik.testing.personas import extend_world

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


def levels(level: int = 3, **by_code) -> dict:
    """Results of every active area at ``level`` (``by_code``: other levels by area code)."""
    return {a.pk: (by_code.get(a.code, level), f"Достижения: {a.name}") for a in active_areas()}


def area(code: str):
    return active_areas().get(code=code)


def diagnose(by, person, organization, *, kind=DiagnosisKind.EXPERT, source=DeficitSource.CURATOR, **kwargs):
    values = {
        "conducted_on": today(),
        "results": levels(),
        "deficits": [],
    }
    values.update(kwargs)
    return diagnosis_create(
        by=by, person=person, organization=organization, kind=kind, source=source, **values
    )


def self_diagnose(world, **kwargs):
    return diagnose(
        world.users["mentee_a"],
        world.mentee_a,
        world.school_a,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        **kwargs,
    )


def test_there_are_eight_competence_areas():
    assert active_areas().count() == 8


def test_a_mentee_diagnoses_themselves_in_every_area_with_deficits(world):
    diagnosis = self_diagnose(
        world,
        deficits=[
            {"area": area("ict_digital"), "level": DeficitLevel.CRITICAL, "description": "Не владею ЭОР"},
            {"area": area("legal").pk, "level": DeficitLevel.MINOR, "description": ""},
        ],
        comment="Начинаю маршрут",
    )

    assert diagnosis.kind == DiagnosisKind.SELF and diagnosis.source == DeficitSource.SELF_DIAGNOSIS
    assert diagnosis.expert is None and diagnosis.created_by == world.users["mentee_a"]
    assert diagnosis.results.count() == 8
    assert set(diagnosis.results.values_list("level", flat=True)) == {3}
    deficits = list(Deficit.objects.filter(diagnosis=diagnosis).order_by("area__sort_order"))
    assert [(d.area.code, d.level) for d in deficits] == [("legal", 1), ("ict_digital", 3)]
    for deficit in deficits:
        assert deficit.person == world.mentee_a
        assert deficit.organization == world.school_a
        assert deficit.diagnosed_on == today()
        assert deficit.source == DeficitSource.SELF_DIAGNOSIS


def test_a_self_diagnosis_is_only_of_ones_own_person(world):
    with pytest.raises(ValidationError) as error:
        diagnose(
            world.users["mentee_a"],
            world.teacher_a,
            world.school_a,
            kind=DiagnosisKind.SELF,
            source=DeficitSource.SELF_DIAGNOSIS,
        )
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        diagnose(world.users["mentee_a"], world.mentee_a, world.school_a, kind=DiagnosisKind.SELF)
    assert "source" in error.value.message_dict
    assert not Diagnosis.objects.exists()


def test_the_curator_of_a_diagnoses_a_teacher_of_a_as_an_expert(world):
    curator = world.users["curator_a"]

    diagnosis = diagnose(curator, world.teacher_a, world.school_a, source=DeficitSource.CURATOR)

    assert diagnosis.kind == DiagnosisKind.EXPERT and diagnosis.expert == curator
    assert expert_sources(curator) == [(DeficitSource.CURATOR, "куратор")]


def test_the_curator_of_b_may_not_diagnose_a_teacher_of_a_and_nothing_is_saved(world):
    with pytest.raises(PermissionDenied):
        diagnose(world.users["curator_b"], world.teacher_a, world.school_a, source=DeficitSource.CURATOR)

    assert not Diagnosis.objects.exists()
    assert not diagnosable_organizations(world.users["curator_b"], world.teacher_a).exists()


def test_an_expert_states_only_their_own_role(world):
    with pytest.raises(ValidationError) as error:
        diagnose(world.users["curator_a"], world.teacher_a, world.school_a, source=DeficitSource.TUTOR)
    assert "source" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        diagnose(
            world.users["curator_a"], world.teacher_a, world.school_a, source=DeficitSource.QUESTIONNAIRE
        )
    assert "source" in error.value.message_dict


def test_the_mentor_diagnoses_their_mentee_but_not_another_teacher(world):
    mentor = world.users["mentor_a"]

    diagnosis = diagnose(mentor, world.mentee_a, world.school_a, source=DeficitSource.MENTOR)

    assert diagnosis.expert == mentor
    with pytest.raises(PermissionDenied):
        diagnose(mentor, world.teacher_a, world.school_a, source=DeficitSource.MENTOR)
    assert Diagnosis.objects.count() == 1


def test_a_tutor_diagnoses_only_the_teachers_assigned_to_them(world):
    extend_world(world)
    tutor = world.users["tutor_1"]
    TutorAssignment.objects.create(
        tutor=tutor, person=world.teacher_a, starts_on=today() - dt.timedelta(days=30)
    )

    diagnosis = diagnose(tutor, world.teacher_a, world.school_a, source=DeficitSource.TUTOR)

    assert diagnosis.source == DeficitSource.TUTOR
    assert list(diagnosable_organizations(tutor, world.teacher_a)) == [world.school_a]
    with pytest.raises(PermissionDenied):
        diagnose(tutor, world.mentee_a, world.school_a, source=DeficitSource.TUTOR)


def test_the_municipal_coordinator_sees_but_does_not_diagnose(world):
    coordinator = world.users["coordinator"]
    diagnosis = self_diagnose(world)

    assert Diagnosis.objects.for_user(coordinator, "view").filter(pk=diagnosis.pk).exists()
    assert expert_sources(coordinator) == []
    with pytest.raises(ValidationError):
        diagnose(coordinator, world.teacher_a, world.school_a, source=DeficitSource.CURATOR)


def test_every_area_must_have_a_level(world):
    results = levels()
    legal = area("legal")
    del results[legal.pk]

    with pytest.raises(ValidationError) as error:
        self_diagnose(world, results=results)

    assert "Нормативные правовые" in str(error.value.message_dict["results"])
    assert not Diagnosis.objects.exists()


def test_at_most_one_deficit_per_area_and_a_known_level(world):
    ict = area("ict_digital")
    with pytest.raises(ValidationError) as error:
        self_diagnose(world, deficits=[{"area": ict, "level": 1}, {"area": ict, "level": 2}])
    assert "одно затруднение" in str(error.value.message_dict["deficits"])
    with pytest.raises(ValidationError):
        self_diagnose(world, deficits=[{"area": ict, "level": 7}])
    assert not Diagnosis.objects.exists()


def test_the_organization_is_a_place_of_work_and_the_date_not_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        self_diagnose(world, conducted_on=today() + dt.timedelta(days=1))
    assert "conducted_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        diagnose(
            world.users["mentee_a"],
            world.mentee_a,
            world.school_b,
            kind=DiagnosisKind.SELF,
            source=DeficitSource.SELF_DIAGNOSIS,
        )
    assert "organization" in error.value.message_dict


def test_a_diagnosis_of_a_route_is_an_event_in_its_history(world):
    route = IndividualRoute.objects.create(
        person=world.mentee_a,
        organization=world.school_a,
        title="Цифровая дидактика",
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=4 * 365),
    )

    diagnosis = self_diagnose(world, route=route, deficits=[{"area": area("methodical"), "level": 2}])

    assert diagnosis.route == route
    event = RouteEvent.objects.get(route=route)
    assert event.kind == RouteEventKind.DIAGNOSIS
    assert event.author == world.users["mentee_a"]
    assert "затруднений — 1" in event.summary
    other = IndividualRoute.objects.create(
        person=world.teacher_a,
        organization=world.school_a,
        title="Чужой маршрут",
        starts_on=today(),
        ends_on=today() + dt.timedelta(days=365),
    )
    with pytest.raises(ValidationError):
        self_diagnose(world, route=other)


def test_selectors_give_the_diagnoses_in_date_order_the_latest_and_its_deficits(world):
    first = self_diagnose(
        world,
        conducted_on=today() - dt.timedelta(days=200),
        results=levels(2, legal=1),
        deficits=[{"area": area("legal"), "level": 3}, {"area": area("ict_digital"), "level": 2}],
    )
    second = self_diagnose(
        world,
        results=levels(3, legal=4, ict_digital=2),
        deficits=[{"area": area("ict_digital"), "level": 1, "description": "Остались сложности с ЭОР"}],
    )

    assert list(person_diagnoses(world.mentee_a)) == [first, second]
    assert latest_diagnosis(world.mentee_a) == second
    assert [(d.area.code, d.level) for d in latest_deficits(world.mentee_a)] == [("ict_digital", 1)]
    assert latest_diagnosis(world.teacher_a) is None
    assert not latest_deficits(world.teacher_a).exists()
    assert previous_diagnosis(second) == first and previous_diagnosis(first) is None
    assert list(person_diagnoses(world.mentee_a, user=world.users["curator_b"])) == []

    rows = {r.area.code: r for r in diagnosis_dynamics(second, first)}
    assert len(rows) == 8
    assert (rows["legal"].before, rows["legal"].now, rows["legal"].delta, rows["legal"].delta_label) == (
        1,
        4,
        3,
        "+3",
    )
    assert rows["ict_digital"].delta == 0
    assert rows["legal"].deficit_before.level == 3 and rows["legal"].deficit_now is None
    assert rows["ict_digital"].deficit_now.description == "Остались сложности с ЭОР"
    lonely = {r.area.code: r for r in diagnosis_dynamics(first)}
    assert lonely["legal"].before is None and lonely["legal"].delta_label == "—"

    chart = diagnosis_chart(second, list(rows.values()), first)
    assert chart.kind == "radar" and chart.maximum == 5
    assert [s.name for s in chart.series] == [
        f"Диагностика от {today():%d.%m.%Y}",
        f"Предыдущая от {first.conducted_on:%d.%m.%Y}",
    ]


def test_diagnosis_create_checks_its_actor_itself(world):
    """Refused to the curator of B and to the mentor for a teacher who is not their mentee,
    nothing saved; served to the curator of A (seed 000 §4.1.2: the organization keeps its own)."""
    from nastavnik.testing.actors import assert_refused_then_served

    sources = {
        "curator_b": DeficitSource.CURATOR,
        "mentor_a": DeficitSource.MENTOR,
        "curator_a": DeficitSource.CURATOR,
    }

    def state():
        return (
            list(Diagnosis.objects.values_list("pk", flat=True)),
            list(Deficit.objects.values_list("pk", flat=True)),
        )

    def call(by):
        persona = next(name for name, user in world.users.items() if user == by)
        return diagnose(
            by,
            world.teacher_a,
            world.school_a,
            source=sources[persona],
            deficits=[{"area": area("legal"), "level": 2}],
        )

    assert_refused_then_served(
        call, users=world.users, refused=("curator_b", "mentor_a"), allowed="curator_a", state=state
    )


def test_garbage_areas_are_refused_in_russian(world):
    results = levels()
    results["abc"] = (3, "")
    with pytest.raises(ValidationError) as error:
        self_diagnose(world, results=results)
    assert "results" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        self_diagnose(world, deficits=[{"area": "abc", "level": 2}, {"area": None}])
    assert "deficits" in error.value.message_dict
    results = {str(pk): value for pk, value in levels().items()}
    assert self_diagnose(world, results=results).results.count() == 8
