"""Reads about the tutors of the ЦНППМ (issue 18, Build 3; seed 000 §4.3.2: «Тьютор ЦНППМ …
обеспечивающий персональное сопровождение педагогических работников»; App. 2 §2.2, §3.1, §3.4).

A tutor is an account holding ``Role.TUTOR`` (``access.models.RoleAssignment``) on the region or
a municipality. The coordinator of the ЦНППМ assigns a tutor to a teacher or to an organization
(``TutorAssignment``); the tutor then reaches the routes and diagnoses of those teachers only
(``development.rules.teacher_rows_q``). Here:

* who oversees tutors and which tutors (:func:`overseen_paths`, :func:`overseen_tutors`);
* the load of each tutor for the coordinator's list (:func:`tutor_loads`);
* the tutor's own work (:func:`tutor_routes`, :func:`tutor_work`: the routes waiting for a
  comment and the overdue activities — ``selectors.routes.routes_waiting_comment`` and
  ``overdue_activities``, shared with the route pages — and :func:`diagnoses_due`), read by the
  work list page and the home block;
* the teacher's tutor (:func:`tutors_of`, :func:`tutor_of`) for the routes pages and documents.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from nastavnik.access.choices import TEACHERS, Role
from nastavnik.access.models import RoleAssignment
from nastavnik.access.querysets import paths_q
from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope
from nastavnik.development.choices import RouteStatus
from nastavnik.development.models import Diagnosis, IndividualRoute, TutorAssignment
from nastavnik.development.selectors.routes import overdue_activities, routes_waiting_comment
from nastavnik.people.consent import consented_q
from nastavnik.people.models import Employment, Person

#: A diagnosis older than this many months is due again on a live route.
DIAGNOSIS_RENEW_MONTHS = 12
#: An active route carried out for this many months with its first diagnosis only is due a
#: repeated one (the dynamics of the profile show from the second diagnosis).
DIAGNOSIS_REPEAT_MONTHS = 6

#: The roles that reach assignments without overseeing tutors (``TutorAssignment.scope_filter``).
_NOT_OVERSEERS = frozenset({Role.TUTOR, *TEACHERS})


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back by ``months`` calendar months, the day of month clipped to the month's
    length (31 August − 6 months = 28 or 29 February)."""
    index = day.month - 1 - months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def page_url(name: str, *args, query: str = "") -> str:
    """The address of the page ``name`` (with ``args``) and ``query`` for the links of the
    tutor's work; "" when the page is not declared (the parts of professional development are
    built side by side, and a link to a missing page is better left out than a 500)."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


# --- who oversees tutors ------------------------------------------------------------------------


#: The right over the tutors of a unit per action of the pages: reading their load
#: (``tutorload``), assigning and ending (``tutorassignment`` ``add``) — ``PERMISSIONS``.
OVERSEER_RIGHTS = {"view": ("tutorload", "view"), "add": ("tutorassignment", "add")}


def overseen_paths(user, action: str = "view") -> list[str]:
    """Unit paths whose tutors ``user`` oversees for ``action`` (``OVERSEER_RIGHTS``): the
    coordinator of the ЦНППМ and the regional operator on their region read the load, the
    coordinator assigns; not the tutors and teachers, who read their own assignments only.
    ``[""]`` (everything) for a superuser, ``[]`` for an anonymous or inactive user."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [""]
    model, right = OVERSEER_RIGHTS.get(action, ("tutorassignment", action))
    scope = get_scope(user)
    return scope.paths(model, right, roles=frozenset(scope.roles) - _NOT_OVERSEERS)


def overseen_tutors(user, action: str = "view") -> QuerySet:
    """The accounts holding ``Role.TUTOR`` on a unit of :func:`overseen_paths` (the region's
    tutors for its coordinator), with their person read alongside; none for other users."""
    paths = overseen_paths(user, action)
    roles = RoleAssignment.objects.filter(role=Role.TUTOR).filter(paths_q("org_unit__path", paths))
    return (
        get_user_model()
        .objects.filter(pk__in=roles.values("user_id"), is_active=True)
        .select_related("person")
        .order_by("person__last_name", "last_name", "person__first_name", "first_name", "pk")
    )


def is_tutor(user) -> bool:
    """Whether ``user`` holds the right to a tutor's work list (``tutorwork``, the «Тьютор ЦНППМ»
    role; a superuser has no work list of their own)."""
    if user is None or not user.is_authenticated or not user.is_active or user.is_superuser:
        return False
    return has_perm(user, "tutorwork", "view")


# --- what a tutor reaches -----------------------------------------------------------------------


def tutor_reach_q(
    tutor_id: int, *, on: dt.date | None = None, person: str = "person", organization: str = "organization"
) -> Q:
    """``Q`` over rows of a teacher (``person``, ``organization``: the fields of the teacher and
    of the organization the row is kept in) assigned to tutor ``tutor_id`` on ``on`` (today):
    one by one, or through the organization — with a valid consent to personal-data
    processing, as ``rules.teacher_rows_q`` grants the tutor (152-ФЗ art. 9)."""
    assigned = TutorAssignment.objects.active(on).filter(tutor_id=tutor_id)
    return (
        Q(**{f"{person}_id__in": assigned.exclude(person=None).values("person_id")})
        | Q(**{f"{organization}_id__in": assigned.exclude(organization=None).values("organization_id")})
    ) & consented_q(f"{person}_id")


def tutor_routes(tutor, *, on: dt.date | None = None) -> QuerySet:
    """The live routes (drawn up or carried out) of the teachers assigned to ``tutor`` and seen
    by them (``IndividualRoute.objects.for_user(tutor)`` narrowed to the assignments: a tutor
    who also holds another role sees only their tutees here), person and organization read
    alongside."""
    return (
        IndividualRoute.objects.for_user(tutor)
        .live()
        .filter(tutor_reach_q(tutor.pk, on=on))
        .select_related("person", "organization__municipality")
    )


def diagnoses_due(routes: QuerySet, *, today: dt.date | None = None) -> QuerySet:
    """Of the live ``routes``, those due a diagnosis (seed 000 §4.3.3, steps 2–3: the diagnosis
    is repeated so that the dynamics of the profile show): a route with no diagnosis yet; a
    route whose last diagnosis is older than ``DIAGNOSIS_RENEW_MONTHS`` months; a route carried
    out for ``DIAGNOSIS_REPEAT_MONTHS`` months or more (from the start of its implementation)
    with its first diagnosis only. The route's diagnoses are those made on it
    (``Diagnosis.route``). Annotated ``diagnosis_count`` and ``last_diagnosis_on``; read
    :func:`due_reason` for the text. One query."""
    today = today or timezone.localdate()
    diagnoses = Diagnosis.objects.filter(route_id=OuterRef("pk")).order_by()
    count = diagnoses.values("route_id").annotate(n=Count("pk")).values("n")[:1]
    last = diagnoses.values("route_id").annotate(last=Max("conducted_on")).values("last")[:1]
    started = Coalesce("started_on", "starts_on")
    return (
        routes.live()
        .annotate(
            diagnosis_count=Coalesce(Subquery(count), 0),
            last_diagnosis_on=Subquery(last),
            implementation_from=started,
        )
        .filter(
            Q(diagnosis_count=0)
            | Q(last_diagnosis_on__lt=months_before(today, DIAGNOSIS_RENEW_MONTHS))
            | Q(
                status=RouteStatus.ACTIVE,
                diagnosis_count=1,
                implementation_from__lte=months_before(today, DIAGNOSIS_REPEAT_MONTHS),
            )
        )
        .order_by("last_diagnosis_on", "pk")
    )


def due_reason(route, *, today: dt.date | None = None) -> str:
    """Why ``route`` (a row of :func:`diagnoses_due`) is due a diagnosis, in Russian."""
    today = today or timezone.localdate()
    if not route.diagnosis_count:
        return "диагностика по маршруту не проводилась"
    if route.last_diagnosis_on < months_before(today, DIAGNOSIS_RENEW_MONTHS):
        return f"последняя диагностика {route.last_diagnosis_on:%d.%m.%Y} — более 12 месяцев назад"
    return "реализуется более 6 месяцев, повторная диагностика не проводилась"


@dataclass
class TutorWork:
    """The work of one tutor (issue 18, Build 3): ``waiting`` — routes waiting for a comment,
    ``overdue`` — overdue activities, ``due`` — routes due a diagnosis (querysets, not read
    yet)."""

    waiting: QuerySet
    overdue: QuerySet
    due: QuerySet


def tutor_work(tutor, *, today: dt.date | None = None) -> TutorWork:
    """The three lists of the tutor's work over :func:`tutor_routes`."""
    today = today or timezone.localdate()
    routes = tutor_routes(tutor, on=today)
    return TutorWork(
        waiting=routes_waiting_comment(routes),
        overdue=overdue_activities(routes, today=today),
        due=diagnoses_due(routes, today=today),
    )


# --- the load of the tutors ---------------------------------------------------------------------


@dataclass
class TutorLoad:
    """The load of one tutor on a day: the teachers assigned one by one (``direct``), the
    organizations assigned (``organizations``) and the teachers working in them now
    (``through_organizations``), the live routes of their teachers (``routes_live``), those
    waiting for a comment (``routes_waiting``) and the overdue activities (``overdue``).
    Teachers and routes of people without a valid consent to personal-data processing are not
    counted: the tutor does not reach them."""

    tutor: object
    direct: int = 0
    organizations: int = 0
    through_organizations: int = 0
    routes_live: int = 0
    routes_waiting: int = 0
    overdue: int = 0
    person_ids: set = field(default_factory=set)
    organization_ids: set = field(default_factory=set)

    @property
    def teachers(self) -> int:
        """Teachers assigned in all, one by one and through organizations."""
        return self.direct + self.through_organizations


#: The sort keys of the tutors' list: key → (Russian label, attribute).
LOAD_SORTS: dict[str, tuple[str, str]] = {
    "name": ("ФИО", "name"),
    "teachers": ("Педагогов всего", "teachers"),
    "direct": ("Педагогов лично", "direct"),
    "through_organizations": ("Педагогов через организации", "through_organizations"),
    "routes_live": ("Маршрутов в работе", "routes_live"),
    "routes_waiting": ("Ждут комментария", "routes_waiting"),
    "overdue": ("Просрочено мероприятий", "overdue"),
}


def tutor_loads(tutors, *, today: dt.date | None = None, sort: str = "name") -> list[TutorLoad]:
    """The :class:`TutorLoad` of each of ``tutors`` (users; a queryset or a list) on ``today``,
    sorted by ``sort`` (a key of :data:`LOAD_SORTS`, ``-`` before it for descending; an unknown
    key sorts by name). Five queries whatever the number of tutors."""
    from nastavnik.core.users import user_name

    today = today or timezone.localdate()
    tutors = list(tutors)
    loads = {t.pk: TutorLoad(tutor=t) for t in tutors}
    if loads:
        assignments = (
            TutorAssignment.objects.active(today)
            .filter(tutor_id__in=loads)
            .filter(Q(organization__isnull=False) | consented_q("person_id"))
        )
        for tutor_id, person_id, organization_id in assignments.values_list(
            "tutor_id", "person_id", "organization_id"
        ):
            load = loads[tutor_id]
            if person_id:
                load.person_ids.add(person_id)
            else:
                load.organization_ids.add(organization_id)
        all_orgs = {o for load in loads.values() for o in load.organization_ids}
        all_people = {p for load in loads.values() for p in load.person_ids}
        staff: dict[int, set[int]] = {}
        employed = (
            Employment.objects.current(today)
            .filter(organization_id__in=all_orgs)
            .filter(consented_q("person_id"))
            .values_list("organization_id", "person_id")
        )
        for organization_id, person_id in employed:
            staff.setdefault(organization_id, set()).add(person_id)
        reach = (Q(person_id__in=all_people) | Q(organization_id__in=all_orgs)) & consented_q("person_id")
        routes = IndividualRoute.objects.live().filter(reach) if (all_people or all_orgs) else None
        route_rows = (
            list(routes.values_list("pk", "person_id", "organization_id")) if routes is not None else []
        )
        waiting = (
            set(routes_waiting_comment(routes).values_list("pk", flat=True)) if routes is not None else set()
        )
        overdue: dict[int, int] = {}
        if routes is not None:
            for route_id, n in (
                overdue_activities(routes, today=today)
                .order_by()
                .values("route_id")
                .annotate(n=Count("pk"))
                .values_list("route_id", "n")
            ):
                overdue[route_id] = n
        for load in loads.values():
            load.direct = len(load.person_ids)
            load.organizations = len(load.organization_ids)
            people = set().union(*(staff.get(o, set()) for o in load.organization_ids))
            load.through_organizations = len(people)
            mine = [
                pk
                for pk, person_id, organization_id in route_rows
                if person_id in load.person_ids or organization_id in load.organization_ids
            ]
            load.routes_live = len(mine)
            load.routes_waiting = sum(1 for pk in mine if pk in waiting)
            load.overdue = sum(overdue.get(pk, 0) for pk in mine)
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in LOAD_SORTS:
        key, descending = "name", False
    names = {pk: user_name(load.tutor).casefold() for pk, load in loads.items()}
    if key == "name":
        return sorted(
            loads.values(), key=lambda load: (names[load.tutor.pk], load.tutor.pk), reverse=descending
        )
    attribute = LOAD_SORTS[key][1]
    ordered = sorted(loads.values(), key=lambda load: (names[load.tutor.pk], load.tutor.pk))
    return sorted(ordered, key=lambda load: getattr(load, attribute), reverse=descending)


# --- the teacher's tutor ------------------------------------------------------------------------


def tutors_of(person: Person | int, *, on: dt.date | None = None) -> QuerySet:
    """The tutors (users) assigned on ``on`` (today) to ``person`` (a ``Person`` or its id), one
    by one or through an organization where the person works now, their person read alongside,
    in the order of names."""
    person_id = getattr(person, "pk", person)
    workplaces = Employment.objects.current(on).filter(person_id=person_id).values("organization_id")
    assigned = TutorAssignment.objects.active(on).filter(
        Q(person_id=person_id) | Q(organization_id__in=workplaces)
    )
    return (
        get_user_model()
        .objects.filter(pk__in=assigned.values("tutor_id"))
        .select_related("person")
        .order_by("person__last_name", "last_name", "pk")
    )


def tutor_of(person: Person | int, *, on: dt.date | None = None):
    """The tutor of ``person`` on ``on`` (today): the one assigned to them personally first,
    else one assigned to their organization; ``None`` when there is none. Two queries at most
    (see :func:`tutors_of` for all of them)."""
    person_id = getattr(person, "pk", person)
    direct = (
        TutorAssignment.objects.active(on)
        .filter(person_id=person_id)
        .select_related("tutor__person")
        .order_by("-starts_on", "-pk")
        .first()
    )
    if direct is not None:
        return direct.tutor
    return tutors_of(person_id, on=on).first()


def assignments_of(tutor, user) -> QuerySet:
    """The assignments of ``tutor`` that ``user`` sees (``TutorAssignment.objects.for_user``),
    in force first, then ended, newest first; the teacher, the organization and who assigned
    read alongside."""
    return (
        TutorAssignment.objects.for_user(user)
        .filter(tutor=tutor)
        .select_related("person", "organization__municipality", "assigned_by__person")
        .order_by(Coalesce("ends_on", Value(dt.date.max)).desc(), "-starts_on", "-pk")
    )
