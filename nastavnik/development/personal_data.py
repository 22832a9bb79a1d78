"""What professional development keeps about a person, for the registry of personal data
(``people.personal_data``; 152-ФЗ art. 14 and 21): the diagnoses with their results and deficits,
the individual educational routes with their activities, corrections and reflection, the
trainings (``selectors.courses``); the last date of any of them; whether a route or a training is
under way; and the depersonalization of the free texts and files."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from nastavnik.development.choices import RouteStatus
from nastavnik.development.models import (
    Deficit,
    Diagnosis,
    DiagnosisResult,
    IndividualRoute,
    RouteActivity,
    RouteCorrection,
    RouteEvent,
    RouteReflection,
)


def development_sections(person) -> list:
    """The sections «Диагностика профессиональных компетенций», «Профессиональные затруднения»,
    «Индивидуальные образовательные маршруты» and «Мероприятия маршрутов» of ``person``, then the
    trainings (``selectors.courses.enrollment_sections``). Five queries and the trainings'."""
    from nastavnik.development.selectors.courses import enrollment_sections
    from nastavnik.people.personal_data import Section

    results = DiagnosisResult.objects.filter(diagnosis__person_id=person.pk).select_related(
        "diagnosis", "area"
    )
    deficits = Deficit.objects.filter(person_id=person.pk).select_related("area")
    routes = IndividualRoute.objects.filter(person_id=person.pk).select_related("organization")
    activities = RouteActivity.objects.filter(route__person_id=person.pk).select_related("route")
    return [
        Section(
            "Диагностика профессиональных компетенций",
            [
                {
                    "Дата": r.diagnosis.conducted_on,
                    "Вид": r.diagnosis.get_kind_display(),
                    "Кто провёл": r.diagnosis.get_source_display(),
                    "Область": str(r.area),
                    "Уровень": r.level,
                    "Достижения": r.achievements,
                }
                for r in results.order_by("diagnosis__conducted_on", "diagnosis_id", "area__sort_order")
            ],
        ),
        Section(
            "Профессиональные затруднения",
            [
                {
                    "Область": str(d.area),
                    "Выраженность": d.get_level_display(),
                    "Источник": d.get_source_display(),
                    "Дата диагностики": d.diagnosed_on,
                    "Описание": d.description,
                }
                for d in deficits.order_by("diagnosed_on", "area__sort_order", "pk")
            ],
        ),
        Section(
            "Индивидуальные образовательные маршруты",
            [
                {
                    "Тема": r.title,
                    "Организация": str(r.organization),
                    "Срок": f"{r.starts_on:%d.%m.%Y} – {r.ends_on:%d.%m.%Y}",
                    "Статус": r.get_status_display(),
                    "Желаемый образ": r.desired_image,
                    "Рефлексия": r.reflection_summary,
                }
                for r in routes.order_by("starts_on", "pk")
            ],
        ),
        Section(
            "Мероприятия маршрутов",
            [
                {
                    "Маршрут": a.route.title,
                    "Мероприятие": a.title,
                    "Срок": f"{a.starts_on:%d.%m.%Y} – {a.ends_on:%d.%m.%Y}",
                    "Статус": a.get_status_display(),
                    "Педагогический продукт": a.product_title,
                    "Отношение к результату": a.self_assessment,
                }
                for a in activities.order_by("route_id", "starts_on", "pk")
            ],
        ),
        *enrollment_sections(person),
    ]


def development_last_date(person) -> dt.date | None:
    """The latest date of ``person``'s diagnoses, deficits, routes (their end) and trainings;
    ``None`` without any."""
    from nastavnik.development.selectors.courses import enrollment_last_date

    dates = [
        Diagnosis.objects.filter(person_id=person.pk).aggregate(d=Max("conducted_on"))["d"],
        Deficit.objects.filter(person_id=person.pk).aggregate(d=Max("diagnosed_on"))["d"],
        IndividualRoute.objects.filter(person_id=person.pk).aggregate(d=Max("ends_on"))["d"],
        enrollment_last_date(person),
    ]
    found = [d for d in dates if d]
    return max(found) if found else None


def development_is_active(person) -> bool:
    """Whether ``person`` has a route being drawn up or carried out, or a training under way
    (either blocks the depersonalization)."""
    from nastavnik.development.selectors.courses import enrollment_is_active

    live = IndividualRoute.objects.filter(
        person_id=person.pk, status__in=[RouteStatus.DRAFT, RouteStatus.ACTIVE]
    ).exists()
    return live or enrollment_is_active(person)


def development_wipe(person, *, label: str = "", names: set[str] | frozenset[str] = frozenset()) -> None:
    """Depersonalize ``person``'s development (152-ФЗ art. 21 part 7): the free texts that
    describe them (achievements, deficits' descriptions, the desired image, the reflection, the
    products and their judgments, the corrections' reasons, the comments of the route's history)
    are cleared and the product files deleted; the areas, levels, dates and statuses stay for the
    indicators. Then the trainings (``services.courses.enrollment_wipe``)."""
    from nastavnik.development.services.courses import enrollment_wipe

    enrollment_wipe(person, label=label, names=names)
    DiagnosisResult.objects.filter(diagnosis__person_id=person.pk).update(achievements="")
    Diagnosis.objects.filter(person_id=person.pk).update(comment="")
    Deficit.objects.filter(person_id=person.pk).update(description="")
    RouteReflection.objects.filter(route__person_id=person.pk).update(analysis="")
    RouteCorrection.objects.filter(route__person_id=person.pk).update(explanation="", description="")
    RouteEvent.objects.filter(route__person_id=person.pk).update(comment="")
    activities = RouteActivity.objects.filter(route__person_id=person.pk)
    for activity in activities.exclude(product_file=""):
        activity.product_file.delete(save=False)
    activities.update(product_file="", product_title="", product_url="", self_assessment="", description="")
    IndividualRoute.objects.filter(person_id=person.pk).update(desired_image="", reflection_summary="")
