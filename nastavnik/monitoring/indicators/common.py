"""What the indicator modules share: the regulations they cite (as users read them) and the
period conditions over date ranges (seed 000 §VI, 001 §7.1.2, 002 §9, 004 §9.4)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

#: The regional Положение, section VI (seed 000 §VI).
SOURCE_REGION = (
    "Положение о системе (целевой модели) наставничества педагогических работников в образовательных "
    "организациях Ханты-Мансийского автономного округа – Югры, раздел VI «Ожидаемые (планируемые) "
    "результаты внедрения системы наставничества… Мониторинг и оценка результатов»"
)
#: The municipal Положение, point 7.1.2 (seed 001 §7.1.2).
SOURCE_MUNICIPAL = (
    "Положение о наставничестве для педагогических работников образовательных организаций городского "
    "округа город Михайловка Волгоградской области, п. 7.1.2 «Качественные показатели»"
)
#: The federal methodological recommendations, section 9 (seed 002 §9).
SOURCE_FEDERAL = (
    "Методические рекомендации по внедрению и реализации целевой модели наставничества, раздел 9 "
    "«Оценка вовлеченности обучающихся в различные формы наставничества»"
)
#: The kindergarten's Положение, point 9.4 (seed 004 §9.4).
SOURCE_MONITORING = (
    "Положение о целевой модели наставничества педагогических работников МБДОУ «ДС № 3 «Солнышко», "
    "п. 9.4 «Мониторинг эффективности реализации программы наставничества»"
)

#: The regional roadmap, point 1.7: control of the execution of the roadmaps (seed 000 App. 2 п. 1.7).
SOURCE_ROADMAP = (
    "Комплекс мер («дорожная карта») по внедрению системы (целевой модели) наставничества педагогических "
    "работников Ханты-Мансийского автономного округа – Югры, п. 1.7 «Контроль за реализацией мероприятий "
    "региональной, муниципальных „дорожных карт“»"
)


def overlaps_q(start_field: str, end_field: str, period) -> Q:
    """``Q``: the range ``start_field``–``end_field`` (either may be empty: open at that end)
    meets ``period`` (``start``–``end`` inclusive)."""
    return (Q(**{f"{start_field}__lte": period.end}) | Q(**{f"{start_field}__isnull": True})) & (
        Q(**{f"{end_field}__gte": period.start}) | Q(**{f"{end_field}__isnull": True})
    )


def pair_active_q(period, prefix: str = "") -> Q:
    """``Q`` over ``Pair`` (or a model reaching it by ``prefix``): the pair worked on at least one
    day of ``period`` (started by its end, not ended before its start)."""
    return Q(**{f"{prefix}started_on__lte": period.end}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gte": period.start})
    )


def employed_q(period, prefix: str = "") -> Q:
    """``Q`` over ``Employment`` (or a model reaching it by ``prefix``): employed on at least one
    day of ``period``."""
    return overlaps_q(f"{prefix}started_on", f"{prefix}ended_on", period)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier (29 February falls back to 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def in_subtree_q(field: str, root_path: str) -> Q:
    """``Q``: the unit in ``field`` (e.g. ``"organization"``) lies under ``root_path``."""
    return Q(**{f"{field}__path__startswith": root_path})


def not_learner_q(field: str) -> Q:
    """``Q``: the person in ``field`` (e.g. ``"mentee"``, ``"person"``) has no ``people.Learner``
    row — the figures about pedagogical workers leave the learners (pupils, students as mentees
    or as mentors of their peers) out (issue 20; seed 002 §9 counts them apart)."""
    return Q(**{f"{field}__learner__isnull": True})


def learner_q(field: str) -> Q:
    """``Q``: the person in ``field`` has a ``people.Learner`` row (a pupil or a student)."""
    return Q(**{f"{field}__learner__isnull": False})
