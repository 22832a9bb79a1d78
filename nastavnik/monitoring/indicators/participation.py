"""Involvement of pedagogical workers and what became of the mentees: the shares of teachers
involved as mentors and as mentees (seed 001 §7.1.2 «увеличена доля педагогических работников…
вовлеченных в процесс наставничества»), the share of young teachers covered, and the retention
of the mentees a year later (seed 000 §VI «рост числа закрепившихся в профессии молодых/начинающих
педагогов»).

Who counts: a pedagogical worker of an organization in a period is a person with an employment
(``people.Employment``) in it on at least one day of the period; one working in two organizations
counts in each (the parts of each organization are its own staff). A pair is active in a period
when it worked on at least one day of it. Every figure is one grouped query over the employments
(or the pairs) of the organizations under a path.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from nastavnik.mentoring.models import Pair
from nastavnik.monitoring.indicators.base import Indicator, register, share_value
from nastavnik.monitoring.indicators.common import (
    SOURCE_MUNICIPAL,
    SOURCE_REGION,
    employed_q,
    in_subtree_q,
    not_learner_q,
    pair_active_q,
    years_before,
)
from nastavnik.organizations.choices import Level
from nastavnik.people.models import Employment

#: A young teacher (seed 000 §1.3, 001 §5.2.3, as ``bank.selectors.mentee_candidates``): at most
#: this many whole years of pedagogical experience…
YOUNG_EXPERIENCE_YEARS = 3
#: …and younger than this at the end of the period.
YOUNG_AGE = 35


def staff(root_path: str, period):
    """Employments in the organizations under ``root_path`` in force on at least one day of
    ``period`` (a queryset of ``Employment``)."""
    return Employment.objects.filter(
        in_subtree_q("organization", root_path), employed_q(period), organization__level=Level.ORGANIZATION
    )


def young_q(period, prefix: str = "person__") -> Q:
    """``Q`` over ``Employment`` (``prefix`` to the person): a young teacher at the end of
    ``period`` — pedagogical experience known and at most :data:`YOUNG_EXPERIENCE_YEARS`, born
    less than :data:`YOUNG_AGE` years before the period's end."""
    return Q(
        **{
            f"{prefix}pedagogical_experience_years__lte": YOUNG_EXPERIENCE_YEARS,
            f"{prefix}birth_date__gt": years_before(period.end, YOUNG_AGE),
        }
    )


def involved_ids(period, role: str):
    """Subquery of the ids of the people who were ``role`` (``"mentor"`` or ``"mentee"``) of a
    pair active in ``period``, in any organization."""
    return Pair.objects.filter(pair_active_q(period)).values(f"{role}_id")


def involved_exists(period, role: str, field: str = "person_id") -> Exists:
    """``EXISTS``: the person in ``field`` (of the outer row) was ``role`` of a pair active in
    ``period`` — :func:`involved_ids` as a correlated look-up by the pair's person (an index
    probe per row): an ``IN`` over the pairs of the country is too big for PostgreSQL to hash
    and is rescanned per row."""
    return Exists(Pair.objects.filter(pair_active_q(period), **{f"{role}_id": OuterRef(field)}))


def _staff_share(root_path: str, period, role: str, *, young: bool = False) -> dict[int, tuple]:
    rows = staff(root_path, period)
    if young:
        rows = rows.filter(young_q(period))
    rows = (
        rows.values("organization_id")
        .annotate(
            num=Count("person_id", distinct=True, filter=Q(person_id__in=involved_ids(period, role))),
            den=Count("person_id", distinct=True),
        )
        .order_by()
    )
    return {row["organization_id"]: (row["num"], row["den"]) for row in rows}


def compute_mentors(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (teachers who were mentors of an active pair, teachers)}``."""
    return _staff_share(root_path, period, "mentor")


def compute_mentees(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (teachers who were mentees of an active pair, teachers)}``."""
    return _staff_share(root_path, period, "mentee")


def compute_young(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (young teachers who were mentees of an active pair, young teachers)}``."""
    return _staff_share(root_path, period, "mentee", young=True)


def retention_check_date(period, today: dt.date | None = None) -> dt.date:
    """The day retention is checked on: a year after the period's end, or today if earlier."""
    today = today or timezone.localdate()
    return min(period.end + dt.timedelta(days=365), today)


def employed_on_ids(day: dt.date):
    """Subquery of the ids of the people employed in an organization of the system on ``day``."""
    return Employment.objects.current(day).filter(organization__level=Level.ORGANIZATION).values("person_id")


def employed_on_exists(day: dt.date, field: str = "mentee_id") -> Exists:
    """``EXISTS``: the person in ``field`` (of the outer row) is employed in an organization of
    the system on ``day`` — the condition of :func:`employed_on_ids` as a correlated look-up by
    the employment's person (an index probe per row), not an ``IN`` over every employment of
    the country (which PostgreSQL cannot hash in memory at 1.1 million and rescans per row)."""
    return Exists(
        Employment.objects.current(day).filter(
            person_id=OuterRef(field), organization__level=Level.ORGANIZATION
        )
    )


def cohort(root_path: str, period):
    """The mentees of the period: pairs of the organizations under ``root_path`` active in it
    whose mentee is a pedagogical worker (a learner's pair — «учитель – ученик», «ученик –
    ученик»… — is not a teacher's: issue 20)."""
    return Pair.objects.filter(
        in_subtree_q("organization", root_path), pair_active_q(period), not_learner_q("mentee")
    )


def compute_retention(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (mentees still employed on the check day, mentees of the period)}``;
    the mentees are those of the organization's pairs active in the period."""
    still = employed_on_exists(retention_check_date(period))
    rows = (
        cohort(root_path, period)
        .values("organization_id")
        .annotate(
            num=Count("mentee_id", distinct=True, filter=still),
            den=Count("mentee_id", distinct=True),
        )
        .order_by()
    )
    return {row["organization_id"]: (row["num"], row["den"]) for row in rows}


_WORKERS = "педагогические работники организаций, работавшие в них хотя бы один день периода"

TEACHERS_AS_MENTORS = register(
    Indicator(
        code="teachers_as_mentors",
        title="Доля педагогических работников, вовлечённых в наставничество в качестве наставников",
        unit="percent",
        numerator="педагогические работники, бывшие наставниками в паре (группе), действовавшей в периоде",
        denominator=_WORKERS,
        source=SOURCE_MUNICIPAL,
        compute=compute_mentors,
        value=share_value,
        rule=(
            "Работник учитывается в каждой организации, где он работал в периоде. Наставником считается "
            "работник, у которого в периоде была действующая пара в любой организации."
        ),
        clause="seed 001 §7.1.2",
        order=20,
    )
)

TEACHERS_AS_MENTEES = register(
    Indicator(
        code="teachers_as_mentees",
        title="Доля педагогических работников, вовлечённых в наставничество в качестве наставляемых",
        unit="percent",
        numerator="педагогические работники, бывшие наставляемыми в паре (группе), действовавшей в периоде",
        denominator=_WORKERS,
        source=SOURCE_MUNICIPAL,
        compute=compute_mentees,
        value=share_value,
        rule="Работник учитывается в каждой организации, где он работал в периоде.",
        clause="seed 001 §7.1.2",
        order=21,
    )
)

YOUNG_TEACHERS_COVERED = register(
    Indicator(
        code="young_teachers_covered",
        title="Доля молодых педагогов, охваченных наставничеством",
        unit="percent",
        numerator="молодые педагоги, бывшие наставляемыми в паре (группе), действовавшей в периоде",
        denominator=(
            "молодые педагоги: педагогический стаж не более 3 лет и возраст до 35 лет на конец периода"
        ),
        source=SOURCE_REGION,
        compute=compute_young,
        value=share_value,
        rule=(
            "Молодой педагог — работник с педагогическим стажем не более 3 лет, которому на последний "
            "день периода не исполнилось 35 лет; работник без указанного стажа не учитывается."
        ),
        clause="seed 000 §1.3, §VI; 001 §5.2.3",
        order=22,
    )
)

RETENTION = register(
    Indicator(
        code="retention",
        title="Закрепление в профессии: доля наставляемых, продолжающих работать через год",
        unit="percent",
        numerator="наставляемые периода, работающие в образовательной организации системы в день проверки",
        denominator="наставляемые пар (групп), действовавших в периоде",
        source=SOURCE_REGION,
        compute=compute_retention,
        value=share_value,
        rule=(
            "День проверки — через год после окончания периода, а если он ещё не наступил, — сегодня. "
            "Учитывается работа в любой организации системы, не только в той, где была пара."
        ),
        clause="seed 000 §VI «рост числа закрепившихся в профессии»",
        order=40,
    )
)
