"""Writes to an individual educational route (ИОМ) through its seven steps (seed 000 §4.3.3):
creation and self-determination, the roadmap's activities, their pedagogical products, the
corrections, the comments of the tutor, the curator and the mentor, the start, the reflective
analysis, the completion and the cancellation.

Every function is keyword-only, runs in one transaction with the route's row locked, calls
``full_clean()`` before saving, checks its actor ``by`` itself (``access.rules.require_perm`` with
the right of ``ROUTE_ACTIONS``; ``by=None`` is the system) and writes one ``RouteEvent``. The
statuses each action starts from are declared once, in :data:`ROUTE_ACTIONS`: the services, the
buttons of the route page and its action pages read them. Errors are Russian
``ValidationError``\\ s (a form shows them), a missing right is ``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.rules import require_perm
from nastavnik.core.concurrency import version_claim
from nastavnik.core.typography import quoted
from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ROUTE_YEARS_DEFAULT,
    ROUTE_YEARS_MAX,
    ROUTE_YEARS_MIN,
    ActivityKind,
    ActivityStatus,
    CorrectionReason,
    ProductKind,
    ReflectionOutcome,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.models import (
    Deficit,
    IndividualRoute,
    RouteActivity,
    RouteCorrection,
    RouteEvent,
    RouteReflection,
)

RIGHT = "individualroute"

_OPEN = frozenset({RouteStatus.DRAFT, RouteStatus.ACTIVE})
_ALL = frozenset(RouteStatus.values)


@dataclass(frozen=True)
class RouteAction:
    """One action on a route: the ``individualroute`` right it needs (``access.choices
    .PERMISSIONS``) and the statuses it may start from."""

    right: str
    sources: frozenset


#: The actions on a route, the right each needs and the statuses it starts from (seed 000 §4.3.3).
#: Corrections (step 6) are made «параллельно с реализацией»: only while the route is carried out.
ROUTE_ACTIONS: dict[str, RouteAction] = {
    "edit": RouteAction("change", _OPEN),
    "activity_add": RouteAction("change", _OPEN),
    "activity_edit": RouteAction("change", _OPEN),
    "activity_product": RouteAction("change", frozenset({RouteStatus.ACTIVE})),
    "correct": RouteAction("change", frozenset({RouteStatus.ACTIVE})),
    "comment": RouteAction("comment", _ALL),
    "start": RouteAction("start", frozenset({RouteStatus.DRAFT})),
    "reflect": RouteAction("change", frozenset({RouteStatus.ACTIVE})),
    "complete": RouteAction("complete", frozenset({RouteStatus.ACTIVE})),
    "cancel": RouteAction("change", _OPEN),
}

#: Why an action is refused in a status, said to the user.
_STATUS_REFUSALS = {
    "activity_product": "Педагогический продукт фиксируется при реализации маршрута: сначала начните реализацию.",
    "correct": "Корректировка дорожной карты вносится параллельно с её реализацией: сначала начните реализацию.",
    "start": "Реализацию можно начать только у составляемого маршрута.",
    "reflect": "Рефлексивный анализ проводится у реализуемого маршрута.",
    "complete": "Завершить можно только реализуемый маршрут.",
}


def route_action_allowed(route: IndividualRoute, action: str) -> bool:
    """Whether ``action`` (a key of :data:`ROUTE_ACTIONS`) may start from the route's status."""
    return route.status in ROUTE_ACTIONS[action].sources


def _require(route: IndividualRoute, action: str, by) -> None:
    """``PermissionDenied`` unless ``by`` holds the right of ``action`` over ``route``; then a
    Russian ``ValidationError`` unless the route's status allows it."""
    require_perm(by, RIGHT, ROUTE_ACTIONS[action].right, route)
    if not route_action_allowed(route, action):
        raise ValidationError(
            _STATUS_REFUSALS.get(action) or f"Это действие недоступно: маршрут {route.get_status_display()}."
        )


def _locked(route: IndividualRoute) -> IndividualRoute:
    """The route's row as stored, locked until the end of the transaction."""
    return IndividualRoute.objects.select_for_update(of=("self",)).select_related("person").get(pk=route.pk)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def route_period_errors(starts_on: dt.date | None, ends_on: dt.date | None) -> dict[str, str]:
    """The errors of a route's period, by field: the end after the start, the length from one to
    five years (seed 000 §4.3.3: «долгосрочная (4-5 лет)»; shorter routes are allowed from one
    year)."""
    if not starts_on or not ends_on:
        return {}
    if ends_on <= starts_on:
        return {"ends_on": "Окончание маршрута должно быть позже его начала."}
    if ends_on < _add_years(starts_on, ROUTE_YEARS_MIN) - dt.timedelta(days=1):
        return {"ends_on": f"Маршрут составляется не менее чем на {ROUTE_YEARS_MIN} год."}
    if ends_on > _add_years(starts_on, ROUTE_YEARS_MAX):
        return {"ends_on": f"Маршрут составляется не более чем на {ROUTE_YEARS_MAX} лет."}
    return {}


def route_organization(person) -> object | None:
    """The organization a new route of ``person`` is kept in: their current place of work (the
    earliest-started when several), ``None`` when they work nowhere now."""
    from nastavnik.people.models import Employment

    employment = (
        Employment.objects.current()
        .filter(person=person)
        .select_related("organization")
        .order_by("started_on", "pk")
        .first()
    )
    return employment.organization if employment else None


@transaction.atomic
def route_create(
    *,
    by,
    person,
    title: str,
    desired_image: str = "",
    starts_on: dt.date | None = None,
    years: int = ROUTE_YEARS_DEFAULT,
    organization=None,
) -> IndividualRoute:
    """Create a draft route of ``person`` (step 1, self-determination: ``title``, the
    ``desired_image``) from ``starts_on`` (today by default) for ``years`` (1–5, 4 by default)
    years; kept in ``organization`` (the person's current place of work by default).

    Who: the teacher for themselves, the curator or the head for a teacher of their organization
    (``individualroute`` ``add`` over the new row). Writes the ``created`` event.

    Raises:
        ValidationError: in Russian — no place of work, a length out of 1–5 years, an empty title.
        PermissionDenied: ``by`` may not create a route of this teacher.
    """
    if not isinstance(years, int) or not ROUTE_YEARS_MIN <= years <= ROUTE_YEARS_MAX:
        raise ValidationError({"years": f"Срок маршрута — от {ROUTE_YEARS_MIN} до {ROUTE_YEARS_MAX} лет."})
    organization = organization or route_organization(person)
    if organization is None:
        raise ValidationError({"person": "Педагог сейчас нигде не работает: маршрут вести негде."})
    starts_on = starts_on or timezone.localdate()
    route = IndividualRoute(
        person=person,
        organization=organization,
        title=(title or "").strip(),
        desired_image=(desired_image or "").strip(),
        starts_on=starts_on,
        ends_on=_add_years(starts_on, years) - dt.timedelta(days=1),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    route.full_clean()
    route.save()
    require_perm(by, RIGHT, "add", route, message="Нет прав на составление маршрута этого педагога.")
    RouteEvent.record(
        route=route,
        kind=RouteEventKind.CREATED,
        summary=f"Составлен маршрут {quoted(route.title)} на {route.starts_on:%d.%m.%Y} – {route.ends_on:%d.%m.%Y}",
        by=by,
    )
    if route.desired_image:
        RouteEvent.record(
            route=route,
            kind=RouteEventKind.SELF_DETERMINATION,
            summary="Описан желаемый образ себя как профессионала (самоопределение)",
            by=by,
        )
    return route


#: The fields of a route :func:`route_update` changes.
ROUTE_FIELDS = ("title", "desired_image", "starts_on", "ends_on")


@transaction.atomic
def route_update(
    *,
    by,
    route: IndividualRoute,
    title: str,
    desired_image: str,
    starts_on: dt.date,
    ends_on: dt.date,
    expected_version: int | None = None,
) -> IndividualRoute:
    """Change the route's title, self-determination (the desired image, step 1) and period, under
    optimistic locking (``expected_version``: the version the form was opened at,
    ``core.concurrency``). The activities must stay inside the period. Writes a
    ``self_determination`` event naming what changed (none when nothing did).

    Raises:
        ConcurrentEditError: the route changed since the form was opened (nothing written).
        ValidationError: in Russian — a closed route, a bad period, activities outside it.
        PermissionDenied: no ``change`` right over the route.
    """
    version_claim(IndividualRoute, route.pk, expected_version)
    fresh = _locked(route)
    _require(fresh, "edit", by)
    new = {
        "title": (title or "").strip(),
        "desired_image": (desired_image or "").strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    errors = route_period_errors(starts_on, ends_on)
    if errors:
        raise ValidationError(errors)
    outside = fresh.activities.exclude(status=ActivityStatus.CANCELLED).exclude(
        starts_on__gte=starts_on, ends_on__lte=ends_on
    )
    if outside.exists():
        raise ValidationError(
            {
                "ends_on": "Мероприятия дорожной карты должны оставаться в сроках маршрута: "
                + "; ".join(f"{quoted(a.title)}" for a in outside[:3])
            }
        )
    changed = [name for name in ROUTE_FIELDS if getattr(fresh, name) != new[name]]
    if not changed:
        return fresh
    for name in changed:
        setattr(fresh, name, new[name])
    fresh.full_clean()
    fresh.save()
    labels = ", ".join(str(IndividualRoute._meta.get_field(n).verbose_name) for n in changed)
    RouteEvent.record(
        route=fresh, kind=RouteEventKind.SELF_DETERMINATION, summary=f"Изменено: {labels}", by=by
    )
    return fresh


def _activity_errors(route: IndividualRoute, *, kind, starts_on, ends_on, deficits, course) -> dict[str, str]:
    errors = {}
    if starts_on and ends_on:
        if ends_on < starts_on:
            errors["ends_on"] = "Окончание мероприятия не может быть раньше его начала."
        elif starts_on < route.starts_on or ends_on > route.ends_on:
            errors["starts_on"] = (
                f"Срок мероприятия должен быть внутри срока маршрута: "
                f"{route.starts_on:%d.%m.%Y} – {route.ends_on:%d.%m.%Y}."
            )
    foreign = [d for d in deficits if d.person_id != route.person_id]
    if foreign:
        errors["deficits"] = "Выберите затруднения самого педагога, чей это маршрут."
    if course is not None and kind != ActivityKind.COURSE:
        errors["course"] = "Программу повышения квалификации указывают для мероприятия вида «обучение»."
    return errors


def _require_course_visible(course, by) -> None:
    if course is None or by is None:
        return
    from nastavnik.development.models import Course

    if not Course.objects.for_user(by, "view").filter(pk=course.pk).exists():
        raise ValidationError({"course": "Выберите программу из доступного каталога."})


@transaction.atomic
def activity_add(
    *,
    by,
    route: IndividualRoute,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    description: str = "",
    deficits: Iterable[Deficit] = (),
    course=None,
) -> RouteActivity:
    """Add an activity to the route's roadmap (step 4, seed 000 §4.3.3 а–г): its ``kind``, title,
    contents, period inside the route's, the ``deficits`` of the route's teacher it addresses and
    for a course the ``course`` of the catalogue. In a draft or a route being carried out (an
    addition). Writes an ``activity`` event.

    Raises:
        ValidationError: in Russian — a closed route, a period outside the route's, another
            person's deficits, a course for an activity of another kind.
        PermissionDenied: no ``change`` right over the route.
    """
    fresh = _locked(route)
    _require(fresh, "activity_add", by)
    deficits = list(deficits)
    errors = _activity_errors(
        fresh, kind=kind, starts_on=starts_on, ends_on=ends_on, deficits=deficits, course=course
    )
    if errors:
        raise ValidationError(errors)
    _require_course_visible(course, by)
    activity = RouteActivity(
        route=fresh,
        kind=kind,
        title=(title or "").strip(),
        description=(description or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        course=course,
        sort_order=fresh.activities.count() + 1,
    )
    activity.full_clean()
    activity.save()
    activity.deficits.set(deficits)
    addition = " (дополнение дорожной карты при реализации)" if fresh.status == RouteStatus.ACTIVE else ""
    RouteEvent.record(
        route=fresh,
        activity=activity,
        kind=RouteEventKind.ACTIVITY,
        summary=f"Добавлено мероприятие {quoted(activity.title)}, {starts_on:%d.%m.%Y} – {ends_on:%d.%m.%Y}{addition}",
        by=by,
    )
    return activity


@transaction.atomic
def activity_update(
    *,
    by,
    activity: RouteActivity,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    description: str = "",
    deficits: Iterable[Deficit] = (),
    course=None,
    expected_version: int | None = None,
) -> RouteActivity:
    """Change an activity that is neither done nor cancelled, under optimistic locking
    (``expected_version``, ``core.concurrency``); the same rules as :func:`activity_add`. Writes
    an ``activity`` event naming what changed.

    Raises:
        ConcurrentEditError: the activity changed since the form was opened.
        ValidationError: in Russian, as :func:`activity_add`, or a closed activity.
        PermissionDenied: no ``change`` right over the route.
    """
    fresh_route = _locked(activity.route)
    version_claim(RouteActivity, activity.pk, expected_version)
    _require(fresh_route, "activity_edit", by)
    fresh = RouteActivity.objects.get(pk=activity.pk)
    if fresh.status in CLOSED_ACTIVITY_STATUSES:
        raise ValidationError(f"Мероприятие {fresh.get_status_display()}: изменять его нельзя.")
    deficits = list(deficits)
    errors = _activity_errors(
        fresh_route, kind=kind, starts_on=starts_on, ends_on=ends_on, deficits=deficits, course=course
    )
    if errors:
        raise ValidationError(errors)
    if course is not None and course.pk != fresh.course_id:
        _require_course_visible(course, by)
    new = {
        "kind": kind,
        "title": (title or "").strip(),
        "description": (description or "").strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "course": course,
    }
    changed = [name for name, value in new.items() if getattr(fresh, name) != value]
    old_deficits = set(fresh.deficits.values_list("pk", flat=True))
    if old_deficits != {d.pk for d in deficits}:
        changed.append("deficits")
    if not changed:
        return fresh
    for name, value in new.items():
        setattr(fresh, name, value)
    fresh.full_clean()
    fresh.save()
    fresh.deficits.set(deficits)
    labels = ", ".join(str(RouteActivity._meta.get_field(n).verbose_name) for n in changed)
    RouteEvent.record(
        route=fresh_route,
        activity=fresh,
        kind=RouteEventKind.ACTIVITY,
        summary=f"Изменено мероприятие {quoted(fresh.title)}: {labels}",
        by=by,
    )
    return fresh


@transaction.atomic
def activity_record_product(
    *,
    by,
    activity: RouteActivity,
    product_kind: str,
    product_title: str,
    self_assessment: str,
    done_on: dt.date,
    product_file=None,
    product_url: str = "",
) -> RouteActivity:
    """Record the result of an activity (step 5, seed 000 §4.3.3: «фиксируются достижения
    педагога по каждому из мероприятий в виде конкретного педагогического продукта … а также
    отражается субъективное отношение к достигнутым результатам»): the product's kind and
    title, a file (checked by ``core.uploads.DOCUMENT_CHECK``) or a link — at least one —, the
    teacher's self-assessment and the day it was done; the activity becomes done. Only while the
    route is carried out. Writes a ``product`` event.

    Raises:
        ValidationError: in Russian — neither file nor link, a file of a refused kind, a day in
            the future or before the route, a cancelled activity, a route not carried out.
        PermissionDenied: no ``change`` right over the route.
    """
    check_field_upload(DOCUMENT_CHECK, product_file, "product_file")
    fresh_route = _locked(activity.route)
    _require(fresh_route, "activity_product", by)
    fresh = RouteActivity.objects.get(pk=activity.pk)
    if fresh.status == ActivityStatus.CANCELLED:
        raise ValidationError("Мероприятие отменено: продукт по нему не фиксируется.")
    product_url = (product_url or "").strip()
    errors = {}
    if not product_file and not product_url and not fresh.product_file:
        errors["product_file"] = "Приложите файл продукта или укажите ссылку на него."
    if not (self_assessment or "").strip():
        errors["self_assessment"] = "Опишите своё отношение к достигнутому результату."
    if done_on and done_on > timezone.localdate():
        errors["done_on"] = "Дата выполнения не может быть позже сегодняшнего дня."
    elif done_on and done_on < fresh_route.starts_on:
        errors["done_on"] = "Дата выполнения не может быть раньше начала маршрута."
    if errors:
        raise ValidationError(errors)
    if product_kind not in ProductKind.values:
        raise ValidationError({"product_kind": "Выберите вид продукта из перечня."})
    fresh.product_kind = product_kind
    fresh.product_title = (product_title or "").strip()
    fresh.product_url = product_url
    fresh.self_assessment = self_assessment.strip()
    fresh.done_on = done_on
    fresh.status = ActivityStatus.DONE
    if product_file:
        fresh.product_file = product_file
    fresh.full_clean()
    fresh.save()
    RouteEvent.record(
        route=fresh_route,
        activity=fresh,
        kind=RouteEventKind.PRODUCT,
        summary=f"Мероприятие {quoted(fresh.title)} выполнено: {fresh.get_product_kind_display()} {quoted(fresh.product_title)}",
        comment=fresh.self_assessment,
        by=by,
    )
    return fresh


@transaction.atomic
def route_correct(
    *,
    by,
    route: IndividualRoute,
    reason: str,
    explanation: str,
    description: str,
    activity: RouteActivity | None = None,
    activity_cancel: bool = False,
    activity_ends_on: dt.date | None = None,
) -> RouteCorrection:
    """Correct the route's roadmap while it is carried out (step 6, seed 000 §4.3.3: changes
    «под влиянием изменений, происходящих в образовании, изменений запросов, интересов и
    потребностей самого педагога и участников образовательного процесса»): the ``reason`` (of
    ``CorrectionReason``), its ``explanation`` and ``description`` of what changes are required;
    optionally the ``activity`` concerned, which may in the same step be cancelled
    (``activity_cancel``) or given a new end (``activity_ends_on``, inside the route). Kept as a
    ``RouteCorrection`` and a ``correction`` event.

    Raises:
        ValidationError: in Russian — no reason, explanation or description; an activity of
            another route or closed; both a cancellation and a new end; a bad end.
        PermissionDenied: no ``change`` right over the route.
    """
    fresh_route = _locked(route)
    _require(fresh_route, "correct", by)
    errors = {}
    if reason not in CorrectionReason.values:
        errors["reason"] = "Укажите причину корректировки."
    if not (explanation or "").strip():
        errors["explanation"] = "Обоснуйте корректировку."
    if not (description or "").strip():
        errors["description"] = "Опишите, что изменяется в дорожной карте."
    fresh = None
    if activity is not None:
        fresh = RouteActivity.objects.filter(pk=activity.pk, route=fresh_route).first()
        if fresh is None:
            errors["activity"] = "Выберите мероприятие этого маршрута."
        elif (activity_cancel or activity_ends_on) and fresh.status in CLOSED_ACTIVITY_STATUSES:
            errors["activity"] = f"Мероприятие {fresh.get_status_display()}: изменять его нельзя."
    elif activity_cancel or activity_ends_on:
        errors["activity"] = "Выберите мероприятие, которое отменяется или переносится."
    if activity_cancel and activity_ends_on:
        errors["activity_ends_on"] = "Мероприятие либо отменяют, либо переносят: выберите одно."
    elif activity_ends_on and fresh is not None:
        if activity_ends_on < fresh.starts_on:
            errors["activity_ends_on"] = "Новое окончание не может быть раньше начала мероприятия."
        elif activity_ends_on > fresh_route.ends_on:
            errors["activity_ends_on"] = (
                f"Новое окончание должно быть не позже окончания маршрута ({fresh_route.ends_on:%d.%m.%Y})."
            )
    if errors:
        raise ValidationError(errors)
    change = ""
    if fresh is not None and activity_cancel:
        fresh.status = ActivityStatus.CANCELLED
        change = f"; мероприятие {quoted(fresh.title)} отменено"
    elif fresh is not None and activity_ends_on:
        change = f"; срок мероприятия {quoted(fresh.title)} — до {activity_ends_on:%d.%m.%Y} (было до {fresh.ends_on:%d.%m.%Y})"
        fresh.ends_on = activity_ends_on
    if change:
        fresh.full_clean()
        fresh.save()
    correction = RouteCorrection(
        route=fresh_route,
        activity=fresh,
        reason=reason,
        explanation=explanation.strip(),
        description=description.strip(),
        made_by=by if getattr(by, "is_authenticated", False) else None,
    )
    correction.full_clean()
    correction.save()
    RouteEvent.record(
        route=fresh_route,
        activity=fresh,
        kind=RouteEventKind.CORRECTION,
        summary=f"Корректировка дорожной карты: {correction.get_reason_display()}{change}",
        comment=f"{correction.description}\nОбоснование: {correction.explanation}",
        by=by,
    )
    return correction


@transaction.atomic
def route_comment(*, by, route: IndividualRoute, text: str) -> RouteEvent:
    """A comment on the route: the tutor of the ЦНППМ, the curator, the head or the mentor
    advises, the teacher answers (the ``comment`` right over the route; seed 000 §4.3.2). Any
    status. A ``comment`` event whose comment is ``text``.

    Raises:
        ValidationError: in Russian — an empty text.
        PermissionDenied: no ``comment`` right over the route.
    """
    fresh = _locked(route)
    _require(fresh, "comment", by)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Напишите комментарий."})
    return RouteEvent.record(
        route=fresh, kind=RouteEventKind.COMMENT, summary="Комментарий", comment=text, by=by
    )


def route_start_problems(route: IndividualRoute) -> list[str]:
    """What the route lacks to be started, in Russian (empty: it may start): the desired image
    (step 1), a diagnosis of the route that found deficits (steps 2–3), an activity of the
    roadmap (step 4)."""
    problems = []
    if not route.desired_image.strip():
        problems.append("не описан желаемый образ себя как профессионала (самоопределение)")
    if not route.diagnoses.filter(deficits__isnull=False).exists():
        problems.append("нет диагностики с выявленными затруднениями (пройдите диагностику по маршруту)")
    if not route.activities.exclude(status=ActivityStatus.CANCELLED).exists():
        problems.append("в дорожной карте нет ни одного мероприятия")
    return problems


@transaction.atomic
def route_start(*, by, route: IndividualRoute, comment: str = "") -> IndividualRoute:
    """Start carrying out a draft route (step 5 begins): it needs a desired image, a diagnosis
    with deficits and an activity (:func:`route_start_problems`). The status becomes «реализуется»,
    ``started_on`` today; a ``started`` event.

    Raises:
        ValidationError: in Russian — not a draft, or what is missing.
        PermissionDenied: no ``start`` right over the route.
    """
    fresh = _locked(route)
    _require(fresh, "start", by)
    problems = route_start_problems(fresh)
    if problems:
        raise ValidationError("Реализацию маршрута начать нельзя: " + "; ".join(problems) + ".")
    fresh.status = RouteStatus.ACTIVE
    fresh.started_on = timezone.localdate()
    fresh.full_clean()
    fresh.save()
    RouteEvent.record(
        route=fresh, kind=RouteEventKind.STARTED, summary="Начата реализация маршрута", comment=comment, by=by
    )
    return fresh


def route_addressed_deficits(route: IndividualRoute):
    """The deficits the route's activities address (cancelled activities left out), each once, as
    a ``Deficit`` queryset in the order of the areas."""
    links = (
        RouteActivity.deficits.through.objects.filter(routeactivity__route=route)
        .exclude(routeactivity__status=ActivityStatus.CANCELLED)
        .values("deficit_id")
    )
    return (
        Deficit.objects.filter(pk__in=links)
        .select_related("area")
        .order_by("area__sort_order", "-diagnosed_on", "pk")
    )


@transaction.atomic
def reflection_record(
    *, by, route: IndividualRoute, deficit: Deficit, outcome: str, analysis: str
) -> RouteReflection:
    """Record (or rewrite) the reflective analysis of the route for one deficit its activities
    address (step 7, seed 000 §4.3.3: «рефлексия … достигнутых результатов по каждому из
    дефицитов»): the ``outcome`` (of ``ReflectionOutcome``) and the teacher's ``analysis``. While
    the route is carried out. A ``reflection`` event.

    Raises:
        ValidationError: in Russian — a deficit the route does not address, no outcome or analysis.
        PermissionDenied: no ``change`` right over the route.
    """
    fresh = _locked(route)
    _require(fresh, "reflect", by)
    errors = {}
    if not route_addressed_deficits(fresh).filter(pk=deficit.pk).exists():
        errors["deficit"] = "Выберите затруднение, на которое направлены мероприятия маршрута."
    if outcome not in ReflectionOutcome.values:
        errors["outcome"] = "Укажите итог по затруднению."
    if not (analysis or "").strip():
        errors["analysis"] = "Опишите, что и как изменилось."
    if errors:
        raise ValidationError(errors)
    reflection = RouteReflection.objects.filter(route=fresh, deficit=deficit).first() or RouteReflection(
        route=fresh, deficit=deficit
    )
    reflection.outcome = outcome
    reflection.analysis = analysis.strip()
    reflection.full_clean()
    reflection.save()
    RouteEvent.record(
        route=fresh,
        kind=RouteEventKind.REFLECTION,
        summary=f"Рефлексия по затруднению «{deficit.area}»: {reflection.get_outcome_display()}",
        comment=reflection.analysis,
        by=by,
    )
    return reflection


def route_complete_problems(route: IndividualRoute) -> list[str]:
    """What the route lacks to be completed, in Russian: the reflection on every addressed
    deficit (its areas named)."""
    reflected = set(route.reflections.values_list("deficit_id", flat=True))
    missing = [str(d.area) for d in route_addressed_deficits(route) if d.pk not in reflected]
    if missing:
        return ["нет рефлексии по затруднениям: " + ", ".join(missing)]
    return []


@transaction.atomic
def route_complete(*, by, route: IndividualRoute, summary: str) -> IndividualRoute:
    """Complete a route being carried out (step 7 closed): the reflection on every deficit its
    activities address must be recorded (:func:`route_complete_problems`) and ``summary`` says how
    close the teacher came to the desired image. The status becomes «завершён», ``completed_on``
    today; a ``completed`` event.

    Raises:
        ValidationError: in Russian — not carried out, reflections missing, no summary.
        PermissionDenied: no ``complete`` right over the route.
    """
    fresh = _locked(route)
    _require(fresh, "complete", by)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": "Опишите, насколько вы приблизились к желаемому образу."})
    problems = route_complete_problems(fresh)
    if problems:
        raise ValidationError("Завершить маршрут нельзя: " + "; ".join(problems) + ".")
    fresh.reflection_summary = summary
    fresh.status = RouteStatus.COMPLETED
    fresh.completed_on = timezone.localdate()
    fresh.full_clean()
    fresh.save()
    RouteEvent.record(
        route=fresh, kind=RouteEventKind.COMPLETED, summary="Маршрут завершён", comment=summary, by=by
    )
    return fresh


@transaction.atomic
def route_cancel(*, by, route: IndividualRoute, reason: str) -> IndividualRoute:
    """Stop a draft or a route being carried out before its end, with the ``reason`` (the
    teacher left, changed their plans…). The status becomes «прекращён»; a ``cancelled`` event.

    Raises:
        ValidationError: in Russian — a closed route, no reason.
        PermissionDenied: no ``change`` right over the route.
    """
    fresh = _locked(route)
    _require(fresh, "cancel", by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Укажите причину прекращения маршрута."})
    fresh.status = RouteStatus.CANCELLED
    fresh.full_clean()
    fresh.save()
    RouteEvent.record(
        route=fresh, kind=RouteEventKind.CANCELLED, summary="Маршрут прекращён", comment=reason, by=by
    )
    return fresh
