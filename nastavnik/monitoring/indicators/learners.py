"""The involvement of learners (issue 20; seed 002 §9 «Оценка вовлеченности обучающихся в
различные формы наставничества»: «доля обучающихся, вовлеченных в различные формы сопровождения и
наставничества»; «участие в программе наставничества… понимается как прохождение участником
полного цикла программы наставничества»).

The numerator of an organization: its learners (persons with a ``people.Learner`` row in it)
whose mentee full-cycle mark (``bank.MenteeProfile.full_cycle_completed_on``, set by the
curator's completion of the program) falls in the period. The denominator: the organization's
contingent (``monitoring.LearnerContingent``) for the year of the period's last day. An
organization that has not entered its contingent counts in neither part: its figure is «нет
данных» (not 0 %), and the municipality's and the region's figures are the sum of the
numerators over the sum of the contingents of the organizations that entered one.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count
from django.db.models.functions import ExtractYear

from nastavnik.monitoring.indicators.base import Indicator, Parts, register, share_value
from nastavnik.monitoring.indicators.common import SOURCE_FEDERAL, in_subtree_q
from nastavnik.monitoring.indicators.cycle import learner_completed_pairs
from nastavnik.people.models import Learner


def contingent_year(period) -> int:
    """The year whose contingent is the denominator of ``period``: the year of its last day."""
    return period.end.year


def contingents(root_path: str, years) -> dict[tuple[int, int], int]:
    """``{(organization id, year): learners}`` entered for the organizations under
    ``root_path`` for ``years`` (an iterable of ints); one query."""
    from nastavnik.monitoring.models import LearnerContingent

    rows = LearnerContingent.objects.filter(
        in_subtree_q("organization", root_path), year__in=list(years)
    ).values_list("organization_id", "year", "learners")
    return {(org, year): n for org, year, n in rows}


def marked_learners(root_path: str, period):
    """The ``people.Learner`` rows of the organizations under ``root_path`` whose mentee
    full-cycle mark falls in ``period`` (a queryset)."""
    return Learner.objects.filter(
        in_subtree_q("organization", root_path),
        person__mentee_profile__full_cycle_completed_on__gte=period.start,
        person__mentee_profile__full_cycle_completed_on__lte=period.end,
    )


def compute_learners(root_path: str, period) -> dict[int, Parts]:
    """``{organization id: (learners who completed the full cycle in period, contingent)}`` for
    the organizations under ``root_path`` that entered their contingent for
    :func:`contingent_year`; those without one are left out («нет данных»). Two queries."""
    year = contingent_year(period)
    entered = {org: n for (org, _), n in contingents(root_path, [year]).items()}
    if not entered:
        return {}
    rows = (
        marked_learners(root_path, period)
        .filter(organization_id__in=list(entered))
        .values("organization_id")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("organization_id", "n")
    )
    counted = dict(rows)
    return {org: (counted.get(org, 0), n) for org, n in entered.items()}


def learners_by_form(unit, period) -> list[tuple[str, int]]:
    """The learners of ``unit``'s subtree counted by :func:`compute_learners` (organizations with
    a contingent) by the form of mentoring of the program they completed in ``period``: ``[(the
    form's Russian name, distinct learners)]`` by descending number; a learner who completed
    programs of two forms counts under each. One grouped query over the pairs ended «Программа
    завершена» whose mentee is a learner of the same organization."""
    from nastavnik.monitoring.models import LearnerContingent

    with_contingent = LearnerContingent.objects.filter(
        in_subtree_q("organization", unit.path), year=contingent_year(period)
    ).values("organization_id")
    rows = (
        learner_completed_pairs(unit.path, period)
        .filter(
            mentee__learner__organization_id__in=with_contingent,
            mentee__mentee_profile__full_cycle_completed_on__gte=period.start,
            mentee__mentee_profile__full_cycle_completed_on__lte=period.end,
        )
        .values("program__mentoring_form__name")
        .annotate(n=Count("mentee_id", distinct=True))
        .order_by()
    )
    result = [(row["program__mentoring_form__name"] or "форма не указана", row["n"]) for row in rows]
    return sorted(result, key=lambda r: (-r[1], r[0]))


def learners_by_year(unit, years: list[int]) -> list[tuple[int, int, int, float | None]]:
    """``[(year, learners who completed the full cycle, contingent, share in percent or None)]``
    of ``unit``'s subtree for each of ``years`` (newest first), each year computed as the
    indicator over the calendar year (organizations without a contingent left out). Two
    queries whatever the number of years."""
    if not years:
        return []
    entered = contingents(unit.path, years)
    rows = (
        Learner.objects.filter(
            in_subtree_q("organization", unit.path),
            person__mentee_profile__full_cycle_completed_on__year__in=years,
        )
        .annotate(year=ExtractYear("person__mentee_profile__full_cycle_completed_on"))
        .values("organization_id", "year")
        .annotate(n=Count("person_id", distinct=True))
        .order_by()
        .values_list("organization_id", "year", "n")
    )
    numerators: dict[int, int] = defaultdict(int)
    for org, year, n in rows:
        if (org, year) in entered:
            numerators[year] += n
    denominators: dict[int, int] = defaultdict(int)
    for (_, year), n in entered.items():
        denominators[year] += n
    result = []
    for year in sorted(years, reverse=True):
        num, den = numerators[year], denominators[year]
        result.append((year, num, den, share_value((num, den))))
    return result


LEARNERS_FULL_CYCLE = register(
    Indicator(
        code="learners_full_cycle",
        title="Доля обучающихся, прошедших полный цикл программы наставничества",
        unit="percent",
        numerator=(
            "обучающиеся организации, отмеченные в базе наставляемых как прошедшие полный цикл программы "
            "наставничества в периоде"
        ),
        denominator="численность обучающихся организации (контингент) за год периода",
        source=SOURCE_FEDERAL,
        compute=compute_learners,
        value=share_value,
        rule=(
            "Отметку о прохождении полного цикла ставит куратор, завершая программу наставляемого. "
            "Знаменатель — численность обучающихся, внесённая организацией за год, на который приходится "
            "конец периода; организация, не внёсшая численность, не учитывается (нет данных). Показатель "
            "муниципалитета и региона — сумма отмеченных обучающихся, делённая на сумму численности "
            "организаций, внёсших её."
        ),
        clause="seed 002 §9",
        order=31,
        section="Наставничество обучающихся",
        empty="нет данных",
    )
)
