"""The load of mentors (seed 000 §VI, risk 2 «Высокая нагрузка на наставников и наставляемых»):
mentees per mentor over the pairs active in a period, and the mentors who have more current
mentees than their capacity (``bank.MentorProfile.capacity``, else the organization's default;
the rule is the bank's, ``bank.selectors.mentor_load_annotations``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F
from django.utils import timezone

from nastavnik.bank.models import MentorProfile
from nastavnik.bank.selectors import mentor_load_annotations
from nastavnik.monitoring.indicators.base import Indicator, count_value, ratio_value, register
from nastavnik.monitoring.indicators.common import SOURCE_REGION, in_subtree_q, not_learner_q
from nastavnik.monitoring.indicators.participation import cohort


def compute_load(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (mentees, mentors)}`` of the organization's pairs active in
    ``period`` (each person counted once per organization)."""
    rows = (
        cohort(root_path, period)
        .values("organization_id")
        .annotate(mentees=Count("mentee_id", distinct=True), mentors=Count("mentor_id", distinct=True))
        .order_by()
    )
    return {row["organization_id"]: (row["mentees"], row["mentors"]) for row in rows}


def load_day(period, today: dt.date | None = None) -> dt.date:
    """The day the load is taken on: the period's last day, or today if the period runs on."""
    return min(period.end, today or timezone.localdate())


def mentors_with_load(root_path: str, period):
    """The mentor cards of the organizations under ``root_path`` annotated with
    ``active_mentees`` and ``capacity_in_force`` on :func:`load_day` (the bank's rule); a
    learner's card (a pupil who mentors peers) is not a teacher's and is left out (issue 20)."""
    return MentorProfile.objects.filter(
        in_subtree_q("organization", root_path), not_learner_q("person")
    ).annotate(**mentor_load_annotations(today=load_day(period)))


def over_capacity(root_path: str, period):
    """:func:`mentors_with_load` of the mentors with more current mentees than their capacity."""
    return mentors_with_load(root_path, period).filter(active_mentees__gt=F("capacity_in_force"))


def compute_over_capacity(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (mentors over capacity,)}`` (the mentor card's organization)."""
    rows = over_capacity(root_path, period).values("organization_id").annotate(n=Count("pk")).order_by()
    return {row["organization_id"]: (row["n"],) for row in rows}


MENTOR_LOAD = register(
    Indicator(
        code="mentor_load",
        title="Нагрузка на наставника: число наставляемых на одного наставника",
        unit="ratio",
        numerator="наставляемые пар (групп), действовавших в периоде",
        denominator="наставники этих пар (групп)",
        source=SOURCE_REGION,
        compute=compute_load,
        value=ratio_value,
        rule="Каждый человек учитывается в организации пары один раз, сколько бы пар у него ни было.",
        better="down",
        clause="seed 000 §VI, риск 2",
        order=50,
    )
)

MENTORS_OVER_CAPACITY = register(
    Indicator(
        code="mentors_over_capacity",
        title="Наставники, у которых наставляемых больше допустимого",
        unit="count",
        numerator="наставники, у которых действующих пар больше наибольшего числа наставляемых",
        denominator="",
        source=SOURCE_REGION,
        compute=compute_over_capacity,
        value=count_value,
        rule=(
            "Наибольшее число наставляемых берётся из карточки наставника в банке, а если оно не указано, — "
            "принятое в организации. Нагрузка считается на последний день периода (для текущего периода — "
            "на сегодня)."
        ),
        better="down",
        clause="seed 000 §VI, риск 2",
        order=51,
    )
)
