"""Indicators of the professional development of teachers (issue 18, Build 6): the share of
teachers with an individual educational route, the share of routes whose teacher was diagnosed
again, the change of the deficits between a teacher's first and latest diagnosis (with its
breakdown by competence area, drawn on the dashboards), and the mentors who completed the
training for mentors (seed 000 §4.3.2–4.3.3, §VI; App. 2 §2.7, §3.1–3.4; 003 §3.2).

Who counts where:

* a teacher of an organization is a person employed in it on the period's last day (today while
  the period runs on: «the organization's teachers» are those employed now); one working in two
  organizations counts in each;
* a route counts for a period when it began by the period's end and is still being drawn up or
  carried out, or was completed on or after the period's start (a cancelled route keeps no date
  of its end and does not count); it belongs to its ``organization``;
* a diagnosis belongs to the organization it was made in; the change of the deficits is placed
  in the organization of the teacher's latest diagnosis;
* a mentor of an organization is a person with a mentor's card in its bank (not «выбыл») or
  with an active account holding the mentor's role on it; trained is one with a completed
  enrolment (``Enrollment`` completed on or before the period's end) in a course that trains
  mentors and curators (``Course.is_mentoring_training``).

The figures are sums and counts over everyone, as the other indicators (names appear only in the
drill-downs, under the consent rule of ``drilldown``); the change of the deficits, a mean of a
few people's diagnoses, is given only over at least ``ANONYMITY_THRESHOLD`` teachers, as the
means of the questionnaires.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MentorProfile
from nastavnik.development.choices import EnrollmentStatus, RouteStatus
from nastavnik.development.models import Deficit, Diagnosis, Enrollment, IndividualRoute
from nastavnik.monitoring.indicators.base import Indicator, Parts, count_value, register, share_value
from nastavnik.monitoring.indicators.common import in_subtree_q, not_learner_q
from nastavnik.monitoring.models import ANONYMITY_THRESHOLD
from nastavnik.organizations.choices import Level
from nastavnik.people.models import Employment
from nastavnik.reference.models import CompetenceArea

#: The regional Положение, point 4.3.3 (the individual educational route) and section VI
#: (seed 000 §4.3.3, §VI).
SOURCE_ROUTE = (
    "Положение о системе (целевой модели) наставничества педагогических работников в образовательных "
    "организациях Ханты-Мансийского автономного округа – Югры, п. 4.3.3 «Индивидуальный образовательный "
    "маршрут наставляемого» и раздел VI «Мониторинг и оценка результатов»"
)
#: The regional roadmap, points 3.1–3.4: accounting of the trainees and assessment of the
#: teachers' difficulties by the ЦНППМ (seed 000 App. 2 §3.1–3.4).
SOURCE_DEFICITS = (
    "Комплекс мер («дорожная карта») по внедрению системы (целевой модели) наставничества педагогических "
    "работников Ханты-Мансийского автономного округа – Югры, пп. 3.2–3.4 «Оценка реализации "
    "персонализированных программ наставничества с целью выявления профессиональных затруднений» и "
    "«Тьюторское сопровождение»"
)
#: The regional roadmap, point 2.7 (the 72-hour course) and the municipal roadmap, point 3.2 (the
#: base of trained curators and mentors) (seed 000 App. 2 §2.7, 003 §3.2).
SOURCE_TRAINING = (
    "Комплекс мер («дорожная карта») по внедрению системы (целевой модели) наставничества педагогических "
    "работников Ханты-Мансийского автономного округа – Югры, п. 2.7 «Методологические аспекты наставничества "
    "и менторства в педагогической практике»; Дорожная карта по внедрению и реализации Региональной целевой "
    "модели наставничества в образовательных учреждениях муниципального округа, п. 3.2 «База кураторов и "
    "наставников, прошедших курсы повышения квалификации»"
)

#: The fewest teachers over whom the change of the deficits is given (as the questionnaires'
#: means, ``monitoring.models.ANONYMITY_THRESHOLD``).
MIN_TEACHERS = ANONYMITY_THRESHOLD

#: The dashboards' heading of these figures (``Indicator.section``).
SECTION = "Профессиональное развитие педагогов"


# --- teachers and their routes -------------------------------------------------------------------


def census_day(period, today: dt.date | None = None) -> dt.date:
    """The day the teachers of an organization are taken on: the period's last day, or today
    while the period runs on."""
    return min(period.end, today or timezone.localdate())


def teachers(root_path: str, period):
    """Employments in the organizations under ``root_path`` in force on :func:`census_day` (a
    queryset of ``people.Employment``)."""
    return Employment.objects.current(census_day(period)).filter(
        in_subtree_q("organization", root_path), organization__level=Level.ORGANIZATION
    )


def route_counted_q(period, prefix: str = "") -> Q:
    """``Q`` over ``IndividualRoute`` (or a model reaching it by ``prefix``): the route counts for
    ``period`` — begun by its end, and being drawn up or carried out, or completed on or after
    its start."""
    live = Q(**{f"{prefix}status__in": (RouteStatus.DRAFT, RouteStatus.ACTIVE)})
    completed = Q(**{f"{prefix}status": RouteStatus.COMPLETED, f"{prefix}completed_on__gte": period.start})
    return Q(**{f"{prefix}starts_on__lte": period.end}) & (live | completed)


def route_exists(period, field: str = "person_id") -> Exists:
    """``EXISTS``: the person in ``field`` (of the outer row) has a route counted for ``period``
    (in any organization)."""
    return Exists(IndividualRoute.objects.filter(route_counted_q(period), person_id=OuterRef(field)))


def compute_teachers_with_route(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (teachers with a route counted for the period, teachers)}``."""
    rows = (
        teachers(root_path, period)
        .values("organization_id")
        .annotate(
            num=Count("person_id", distinct=True, filter=route_exists(period)),
            den=Count("person_id", distinct=True),
        )
        .order_by()
    )
    return {row["organization_id"]: (row["num"], row["den"]) for row in rows}


def routes_of_period(root_path: str, period):
    """The routes of the organizations under ``root_path`` counted for ``period``."""
    return IndividualRoute.objects.filter(in_subtree_q("organization", root_path), route_counted_q(period))


def diagnoses_since_start(period) -> Coalesce:
    """An expression over ``IndividualRoute``: the number of diagnoses of the route's teacher made
    from the route's start (or bound to the route) up to the end of ``period`` — a correlated
    count, 0 when there are none."""
    counted = (
        Diagnosis.objects.filter(person_id=OuterRef("person_id"), conducted_on__lte=period.end)
        .filter(Q(conducted_on__gte=OuterRef("starts_on")) | Q(route_id=OuterRef("pk")))
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def routes_with_diagnoses(root_path: str, period):
    """:func:`routes_of_period` annotated with ``diagnoses_made`` (:func:`diagnoses_since_start`)."""
    return routes_of_period(root_path, period).annotate(diagnoses_made=diagnoses_since_start(period))


def compute_repeated_diagnosis(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (routes whose teacher was diagnosed at least twice since the route's
    start, routes counted for the period)}``."""
    rows = (
        routes_with_diagnoses(root_path, period)
        .values("organization_id")
        .annotate(num=Count("pk", filter=Q(diagnoses_made__gte=2)), den=Count("pk"))
        .order_by()
    )
    return {row["organization_id"]: (row["num"], row["den"]) for row in rows}


# --- the change of the deficits ------------------------------------------------------------------


def _diagnosis_of(period, order: tuple[str, ...]) -> Subquery:
    """The id of the first or the latest (by ``order``) diagnosis of the outer row's person made
    by the end of ``period``."""
    return Subquery(
        Diagnosis.objects.filter(person_id=OuterRef("person_id"), conducted_on__lte=period.end)
        .order_by(*order)
        .values("pk")[:1]
    )


def latest_diagnoses(root_path: str, period):
    """The diagnoses made in ``period`` in the organizations under ``root_path`` that are their
    teacher's latest by the period's end, of the teachers diagnosed before (at least two
    diagnoses): one row per teacher, annotated with ``first_id`` (the teacher's first diagnosis)."""
    return (
        Diagnosis.objects.filter(
            in_subtree_q("organization", root_path),
            conducted_on__gte=period.start,
            conducted_on__lte=period.end,
        )
        .annotate(
            latest_id=_diagnosis_of(period, ("-conducted_on", "-pk")),
            first_id=_diagnosis_of(period, ("conducted_on", "pk")),
        )
        .filter(pk=F("latest_id"))
        .exclude(first_id=F("pk"))
    )


def deficits_of(ref: str) -> Coalesce:
    """An expression: the number of deficits of the diagnosis whose id is in ``ref`` of the outer row."""
    counted = (
        Deficit.objects.filter(diagnosis_id=OuterRef(ref))
        .order_by()
        .values("diagnosis_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def compute_deficit_change(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (deficits found by the latest diagnoses, deficits found by the first
    diagnoses, teachers)}`` over the teachers of :func:`latest_diagnoses` (the organization of the
    latest diagnosis)."""
    rows = (
        latest_diagnoses(root_path, period)
        .annotate(n_latest=deficits_of("pk"), n_first=deficits_of("first_id"))
        .values("organization_id")
        .annotate(latest=Sum("n_latest"), first=Sum("n_first"), n=Count("pk"))
        .order_by()
    )
    return {row["organization_id"]: (row["latest"] or 0, row["first"] or 0, row["n"]) for row in rows}


def deficit_change_value(parts: Parts) -> float | None:
    """The mean number of deficits per teacher in the latest diagnosis minus that in the first
    (``parts`` of :func:`compute_deficit_change`), to one decimal; ``None`` over fewer than
    :data:`MIN_TEACHERS` teachers."""
    if not parts or len(parts) < 3 or parts[2] < MIN_TEACHERS:
        return None
    return round((parts[0] - parts[1]) / parts[2], 1)


def deficit_change_terms(parts: Parts) -> list[tuple[str, float | None]]:
    """The terms of the change of the deficits: both means per teacher and the teachers."""
    parts = (*parts, 0, 0, 0)
    shown = parts[2] >= MIN_TEACHERS
    return [
        (
            "затруднений на педагога по последней диагностике",
            round(parts[0] / parts[2], 1) if shown else None,
        ),
        ("затруднений на педагога по первой диагностике", round(parts[1] / parts[2], 1) if shown else None),
        ("педагогов, прошедших диагностику не менее двух раз", parts[2]),
    ]


def deficits_by_area(unit, period) -> dict:
    """The deficits of the teachers of :func:`latest_diagnoses` in ``unit``'s subtree over
    ``period`` by competence area, in their first and in their latest diagnosis:
    ``{"teachers": n, "rows": [[area name, mean level first, mean level latest, teachers with a
    deficit first, teachers with a deficit latest], …]}``, one row per active area in the
    reference order (no rows when ``n`` is 0). The mean level is over all ``n`` teachers (0 for a
    teacher without a deficit in the area, else 1–3), to two decimals; below
    :data:`MIN_TEACHERS` teachers the means and the numbers are ``None``. JSON-able (stored by
    ``monitoring.rollups``). Three queries (one when nobody was diagnosed twice), the same for
    a few teachers as for many."""
    latest = latest_diagnoses(unit.path, period)
    n = latest.count()
    if not n:
        return {"teachers": 0, "rows": []}
    areas = (
        CompetenceArea.objects.filter(is_active=True).order_by("sort_order", "pk").values_list("pk", "name")
    )
    in_latest = Q(diagnosis_id__in=latest.values("pk"))
    in_first = Q(diagnosis_id__in=latest.values("first_id"))
    sums = {
        row["area_id"]: row
        for row in Deficit.objects.filter(in_latest | in_first)
        .values("area_id")
        .annotate(
            first=Sum("level", filter=in_first),
            latest=Sum("level", filter=in_latest),
            n_first=Count("pk", filter=in_first),
            n_latest=Count("pk", filter=in_latest),
        )
        .order_by()
    }
    rows = []
    for area_id, name in areas:
        if n < MIN_TEACHERS:
            rows.append([name, None, None, None, None])
            continue
        row = sums.get(area_id) or {}
        rows.append(
            [
                name,
                round((row.get("first") or 0) / n, 2),
                round((row.get("latest") or 0) / n, 2),
                row.get("n_first") or 0,
                row.get("n_latest") or 0,
            ]
        )
    return {"teachers": n, "rows": rows}


# --- trained mentors -----------------------------------------------------------------------------


def trained_exists(period, field: str = "person_id") -> Exists:
    """``EXISTS``: the person in ``field`` (of the outer row) completed, by the end of ``period``,
    a course that trains mentors and curators."""
    return Exists(
        Enrollment.objects.filter(
            person_id=OuterRef(field),
            status=EnrollmentStatus.COMPLETED,
            completed_on__lte=period.end,
            course__is_mentoring_training=True,
        )
    )


def mentor_cards(root_path: str):
    """The mentors' cards in the banks of the organizations under ``root_path``, but those of
    mentors who left (``bank.MentorProfile``) and those of learners (a pupil who mentors peers
    is not a pedagogical worker, issue 20)."""
    return MentorProfile.objects.filter(
        in_subtree_q("organization", root_path), not_learner_q("person")
    ).exclude(status=MentorStatus.LEFT)


def mentor_roles(root_path: str):
    """The mentor's roles of active accounts with a person on the organizations under
    ``root_path``, but those of people with a mentor's card in the same organization (counted by
    :func:`mentor_cards`)."""
    carded = MentorProfile.objects.filter(
        person_id=OuterRef("user__person__id"), organization_id=OuterRef("org_unit_id")
    ).exclude(status=MentorStatus.LEFT)
    return RoleAssignment.objects.filter(
        in_subtree_q("org_unit", root_path),
        role=Role.MENTOR,
        user__is_active=True,
        user__person__isnull=False,
        user__person__learner__isnull=True,
    ).exclude(Exists(carded))


def compute_trained_mentors(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (mentors who completed the training by the period's end, mentors)}``:
    the cards and the roles of people without a card there, each grouped by organization, in one
    query (``UNION ALL``), added up here."""
    cards = (
        mentor_cards(root_path)
        .values("organization_id")
        .annotate(
            num=Count("person_id", distinct=True, filter=trained_exists(period)),
            den=Count("person_id", distinct=True),
        )
        .values_list("organization_id", "num", "den")
        .order_by()
    )
    roles = (
        mentor_roles(root_path)
        .values("org_unit_id")
        .annotate(
            num=Count("user__person__id", distinct=True, filter=trained_exists(period, "user__person__id")),
            den=Count("user__person__id", distinct=True),
        )
        .values_list("org_unit_id", "num", "den")
        .order_by()
    )
    result: dict[int, tuple] = {}
    for org_id, num, den in cards.union(roles, all=True):
        before = result.get(org_id, (0, 0))
        result[org_id] = (before[0] + num, before[1] + den)
    return result


_TEACHERS = (
    "педагогические работники организаций на последний день периода (для текущего периода — на сегодня)"
)
_ROUTE_RULE = (
    "Учитываются маршруты, начатые не позднее конца периода, которые составляются или реализуются, а также "
    "завершённые в периоде или позднее; прекращённые маршруты не учитываются."
)

TEACHERS_WITH_ROUTE = register(
    Indicator(
        code="teachers_with_route",
        title="Доля педагогов, работающих по индивидуальному образовательному маршруту",
        unit="percent",
        numerator="педагогические работники, у которых есть индивидуальный образовательный маршрут",
        denominator=_TEACHERS,
        source=SOURCE_ROUTE,
        compute=compute_teachers_with_route,
        value=share_value,
        rule=(
            f"{_ROUTE_RULE} Работник учитывается в каждой организации, где он работает, а маршрут — в какой бы "
            "организации он ни был составлен."
        ),
        clause="seed 000 §4.3.2–4.3.3, §VI",
        order=80,
        section=SECTION,
    )
)

ROUTES_REPEATED_DIAGNOSIS = register(
    Indicator(
        code="routes_repeated_diagnosis",
        title="Доля индивидуальных образовательных маршрутов с повторной диагностикой",
        unit="percent",
        numerator=(
            "маршруты, педагог которых прошёл не менее двух диагностик с начала маршрута до конца периода"
        ),
        denominator="индивидуальные образовательные маршруты организаций, учитываемые в периоде",
        source=SOURCE_ROUTE,
        compute=compute_repeated_diagnosis,
        value=share_value,
        rule=(
            f"{_ROUTE_RULE} Считаются самодиагностики и экспертные диагностики педагога, проведённые с даты "
            "начала маршрута или внесённые в сам маршрут."
        ),
        clause="seed 000 §4.3.3 (шаги 2–3, 6), App. 2 §3.4",
        order=81,
        section=SECTION,
    )
)

DEFICIT_CHANGE = register(
    Indicator(
        code="deficit_change",
        title="Изменение числа профессиональных затруднений педагога между первой и последней диагностикой",
        unit="average",
        numerator="затруднения, выявленные последней диагностикой педагогов",
        denominator="затруднения, выявленные их первой диагностикой",
        source=SOURCE_DEFICITS,
        compute=compute_deficit_change,
        value=deficit_change_value,
        explain=deficit_change_terms,
        rule=(
            "Учитываются педагоги, последняя диагностика которых проведена в периоде и у которых была более "
            "ранняя; значение — среднее на педагога число затруднений по последней диагностике минус по первой. "
            "Отрицательное значение означает, что затруднений стало меньше. Педагог учитывается в организации "
            "последней диагностики. Показывается, если таких педагогов не меньше 5."
        ),
        better="down",
        clause="seed 000 §4.3.3 (шаги 2–3, 7), App. 2 §3.2–3.4",
        order=82,
        section=SECTION,
    )
)

_TRAINED_RULE = (
    "Наставник — работник с карточкой наставника в банке организации (кроме выбывших) или с ролью "
    "наставника в организации; прошедший обучение — завершивший обучение по программе подготовки "
    "наставников и кураторов не позднее конца периода (например, «Методологические аспекты наставничества и "
    "менторства в педагогической практике», 72 часа). Наставник учитывается в каждой организации, где он "
    "наставник."
)

TRAINED_MENTORS = register(
    Indicator(
        code="trained_mentors",
        title="Наставники, прошедшие обучение по программе подготовки наставников",
        unit="count",
        numerator="наставники, завершившие обучение по программе подготовки наставников и кураторов",
        denominator="",
        source=SOURCE_TRAINING,
        compute=compute_trained_mentors,
        value=count_value,
        rule=_TRAINED_RULE,
        clause="seed 000 App. 2 §2.7, §3.1; 003 §3.2",
        order=83,
        section=SECTION,
    )
)

TRAINED_MENTORS_SHARE = register(
    Indicator(
        code="trained_mentors_share",
        title="Доля наставников, прошедших обучение по программе подготовки наставников",
        unit="percent",
        numerator="наставники, завершившие обучение по программе подготовки наставников и кураторов",
        denominator="наставники организаций",
        source=SOURCE_TRAINING,
        compute=compute_trained_mentors,
        value=share_value,
        rule=_TRAINED_RULE,
        clause="seed 000 App. 2 §2.7, §3.1; 003 §3.2",
        order=84,
        section=SECTION,
    )
)
