"""What professional development keeps about a person in the registry of personal data
(152-ФЗ art. 14 and 21; ``development.personal_data``): the person's page «Какие сведения о вас
хранит система» lists the diagnoses, deficits, routes and activities; a live route blocks the
depersonalization; the depersonalization clears the free texts and keeps the levels and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.development.choices import (
    ActivityKind,
    DeficitSource,
    DiagnosisKind,
    RouteStatus,
)
from nastavnik.development.models import (
    Deficit,
    Diagnosis,
    DiagnosisResult,
    IndividualRoute,
    RouteActivity,
)
from nastavnik.people import personal_data
from nastavnik.reference.models import CompetenceArea

pytestmark = pytest.mark.django_db


def _development(world):
    today = timezone.localdate()
    route = IndividualRoute.objects.create(
        person=world.mentee_a,
        organization=world.school_a,
        title="Функциональная грамотность",
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=4 * 365),
        desired_image="Учитель-исследователь, наставник для коллег",
    )
    diagnosis = Diagnosis.objects.create(
        person=world.mentee_a,
        organization=world.school_a,
        route=route,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=today - dt.timedelta(days=50),
        comment="Нужна помощь в цифровых инструментах",
    )
    area = CompetenceArea.objects.get(code="ict_digital")
    DiagnosisResult.objects.create(
        diagnosis=diagnosis, area=area, level=2, achievements="Веду электронный журнал"
    )
    deficit = Deficit.objects.create(
        person=world.mentee_a,
        organization=world.school_a,
        diagnosis=diagnosis,
        area=area,
        source=DeficitSource.SELF_DIAGNOSIS,
        diagnosed_on=diagnosis.conducted_on,
        description="Не владею облачными сервисами",
    )
    activity = RouteActivity.objects.create(
        route=route,
        kind=ActivityKind.PROJECT,
        title="Проект «Цифровой урок»",
        starts_on=today - dt.timedelta(days=40),
        ends_on=today + dt.timedelta(days=40),
        product_title="Сценарий урока с облачной доской",
        self_assessment="Доволен результатом",
    )
    activity.deficits.add(deficit)
    return route, activity


def test_the_person_reads_their_development_in_what_the_system_keeps(world):
    # given a route with a diagnosis, a deficit and a project of the mentee of school A
    _development(world)

    # when the registry collects what the system keeps about her
    sections = {s.title: s for s in personal_data.collect(world.mentee_a)}

    # then each part of her development is a section with its own texts
    assert (
        sections["Диагностика профессиональных компетенций"].records[0]["Достижения"]
        == "Веду электронный журнал"
    )
    assert sections["Профессиональные затруднения"].records[0]["Описание"] == "Не владею облачными сервисами"
    assert (
        sections["Индивидуальные образовательные маршруты"].records[0]["Тема"] == "Функциональная грамотность"
    )
    assert (
        sections["Мероприятия маршрутов"].records[0]["Педагогический продукт"]
        == "Сценарий урока с облачной доской"
    )


def test_a_live_route_blocks_the_depersonalization_and_the_wipe_keeps_only_figures(world):
    route, activity = _development(world)
    assert personal_data.is_active(world.mentee_a)

    # when the route is completed and the person depersonalized
    IndividualRoute.objects.filter(pk=route.pk).update(status=RouteStatus.COMPLETED)
    from nastavnik.development.personal_data import development_is_active, development_wipe

    assert not development_is_active(world.mentee_a)
    development_wipe(world.mentee_a)

    # then the free texts are gone and the levels, areas and dates stay for the indicators
    route.refresh_from_db()
    activity.refresh_from_db()
    assert route.desired_image == "" and activity.product_title == "" and activity.self_assessment == ""
    assert Deficit.objects.get().description == ""
    result = DiagnosisResult.objects.get()
    assert result.achievements == "" and result.level == 2
    assert Diagnosis.objects.get().conducted_on is not None
