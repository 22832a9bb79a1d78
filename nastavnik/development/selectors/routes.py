"""Reads of individual educational routes (seed 000 §4.3.2–4.3.3): the routes waiting for a comment
of the tutor or the curator, the overdue activities (both for the tutors' work list and load),
and the seven steps of one route with the state of each (the route page).

Every function takes a queryset the caller has already narrowed to the user's scope
(``IndividualRoute.objects.for_user(user, "view")``) and never widens it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ActivityStatus,
    RouteEventKind,
    RouteStatus,
    RouteStep,
)
from nastavnik.development.models import IndividualRoute, IndividualRouteQuerySet, RouteActivity, RouteEvent
from nastavnik.people.consent import consented_q


class ExportableRouteQuerySet(IndividualRouteQuerySet):
    """Routes whose export (``for_export``) leaves out the teachers without a valid consent to
    personal-data processing (152-ФЗ art. 9), as the people's and the bank's lists do."""

    def for_export(self) -> ExportableRouteQuerySet:
        return self.filter(consented_q("person_id"))


def exportable_routes() -> ExportableRouteQuerySet:
    """All routes, as a queryset whose ``for_export`` keeps the consented teachers only (the base
    queryset of the list of routes, which exports them)."""
    return ExportableRouteQuerySet(model=IndividualRoute)


def routes_waiting_comment(queryset: QuerySet[IndividualRoute]) -> QuerySet[IndividualRoute]:
    """The routes of ``queryset`` that wait for a comment (seed 000 §4.3.2: the tutor's
    «содержательное адресное сопровождение»): live routes (being drawn up or carried out) whose
    latest event written by the teacher themselves (the user of the route's person), other than a
    comment, is newer than every comment by someone else (the tutor, the curator, the head, the
    mentor) — or that have no such comment at all.

    Annotates each route with ``last_teacher_event_at`` (when the teacher last did a step) and
    ``last_comment_at`` (the latest comment by another, ``None`` when none), and orders the
    longest waiting first. A route of a teacher without an account (kept by the curator) never
    waits. One query.
    """
    teacher_events = (
        RouteEvent.objects.filter(route_id=OuterRef("pk"), author_id=OuterRef("person__user_id"))
        .exclude(kind=RouteEventKind.COMMENT)
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    comments = (
        RouteEvent.objects.filter(route_id=OuterRef("pk"), kind=RouteEventKind.COMMENT, author__isnull=False)
        .exclude(author_id=OuterRef("person__user_id"))
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    return (
        queryset.filter(status__in=[RouteStatus.DRAFT, RouteStatus.ACTIVE], person__user__isnull=False)
        .annotate(last_teacher_event_at=Subquery(teacher_events), last_comment_at=Subquery(comments))
        .filter(last_teacher_event_at__isnull=False)
        .filter(Q(last_comment_at__isnull=True) | Q(last_teacher_event_at__gt=F("last_comment_at")))
        .order_by("last_teacher_event_at", "pk")
    )


def overdue_activities(queryset: QuerySet, today: dt.date | None = None) -> QuerySet[RouteActivity]:
    """The overdue activities of the routes carried out: past their end (``ends_on`` before
    ``today``, the local date by default) while neither done nor cancelled, oldest end first, with
    their route and its person and organization selected.

    ``queryset``: routes (``IndividualRoute``, the activities of those routes) or activities
    (``RouteActivity``, narrowed as they are), already in the user's scope.
    """
    today = today or timezone.localdate()
    if queryset.model is IndividualRoute:
        activities = RouteActivity.objects.filter(route__in=queryset.values("pk"))
    else:
        activities = queryset
    return (
        activities.filter(route__status=RouteStatus.ACTIVE, ends_on__lt=today)
        .exclude(status__in=CLOSED_ACTIVITY_STATUSES)
        .select_related("route__person", "route__organization")
        .order_by("ends_on", "pk")
    )


#: The states of a step on the route page: done, in work now, not yet, not needed.
STEP_DONE = "done"
STEP_CURRENT = "current"
STEP_TODO = "todo"

STEP_STATE_LABELS = {STEP_DONE: "выполнен", STEP_CURRENT: "выполняется", STEP_TODO: "не начат"}


@dataclass(frozen=True)
class StepState:
    """One of the seven steps of a route (``choices.RouteStep``) as the route page shows it:
    ``number`` 1–7, ``label``, ``state`` (``STEP_DONE``/``STEP_CURRENT``/``STEP_TODO``) and a
    Russian ``note`` with the figures behind it («выполнено 2 из 5»)."""

    number: int
    label: str
    state: str
    note: str = ""
    anchor: str = ""

    @property
    def state_label(self) -> str:
        return STEP_STATE_LABELS[self.state]


def route_steps(
    route: IndividualRoute,
    *,
    diagnoses: list,
    activities: list[RouteActivity],
    corrections: int,
    reflections: int,
    addressed: int,
) -> list[StepState]:
    """The seven steps of ``route`` (seed 000 §4.3.3) with their states, from what the page has
    already read: the route's ``diagnoses`` (each with ``deficit_count`` and ``result_count``
    annotated), its ``activities``, and the numbers of ``corrections``, of ``reflections`` and of
    the deficits the activities address (``addressed``). No query."""
    live = [a for a in activities if a.status != ActivityStatus.CANCELLED]
    done = [a for a in live if a.status == ActivityStatus.DONE]
    closed = route.status in (RouteStatus.COMPLETED, RouteStatus.CANCELLED)
    active = route.status == RouteStatus.ACTIVE
    with_results = [d for d in diagnoses if d.result_count]
    with_deficits = [d for d in diagnoses if d.deficit_count]
    # the teacher's deficits now are those of the latest diagnosis, not the sum of all of them
    latest_deficits = max(with_deficits, key=lambda d: (d.conducted_on, d.pk), default=None)

    def state(is_done: bool, current: bool = False) -> str:
        return STEP_DONE if is_done else (STEP_CURRENT if current and not closed else STEP_TODO)

    steps = [
        StepState(
            RouteStep.SELF_DETERMINATION,
            RouteStep.SELF_DETERMINATION.label,
            state(bool(route.desired_image.strip()), current=True),
            "желаемый образ описан" if route.desired_image.strip() else "опишите желаемый образ",
            "self-determination",
        ),
        StepState(
            RouteStep.ACHIEVEMENTS,
            RouteStep.ACHIEVEMENTS.label,
            state(bool(with_results)),
            f"диагностик: {len(with_results)}" if with_results else "диагностика не пройдена",
            "diagnoses",
        ),
        StepState(
            RouteStep.DEFICITS,
            RouteStep.DEFICITS.label,
            state(bool(with_deficits)),
            f"затруднений по последней диагностике: {latest_deficits.deficit_count}"
            if with_deficits
            else "затруднения не выявлены",
            "diagnoses",
        ),
        StepState(
            RouteStep.ROADMAP,
            RouteStep.ROADMAP.label,
            state(bool(live) and route.status != RouteStatus.DRAFT, current=bool(live)),
            f"мероприятий: {len(live)}" if live else "мероприятий нет",
            "roadmap",
        ),
        StepState(
            RouteStep.IMPLEMENTATION,
            RouteStep.IMPLEMENTATION.label,
            state(
                bool(live) and len(done) == len(live) and route.status != RouteStatus.DRAFT, current=active
            ),
            f"выполнено {len(done)} из {len(live)}" if live else "",
            "roadmap",
        ),
        StepState(
            RouteStep.CORRECTION,
            RouteStep.CORRECTION.label,
            STEP_DONE if corrections and not active else (STEP_CURRENT if active else STEP_TODO),
            f"корректировок: {corrections}" if corrections else "корректировок нет",
            "corrections",
        ),
        StepState(
            RouteStep.REFLECTION,
            RouteStep.REFLECTION.label,
            STEP_DONE
            if route.status == RouteStatus.COMPLETED
            else state(False, current=active and reflections > 0),
            f"по затруднениям: {reflections} из {addressed}" if addressed else "",
            "reflection",
        ),
    ]
    return steps
