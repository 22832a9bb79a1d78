"""Participants who completed the full cycle of a personalized program (seed 002 §9:
«Участие в программе наставничества… понимается как прохождение участником полного цикла
программы наставничества. Соответствующая отметка проставляется куратором»).

Which record is the truth for a period: the curator's mark is made by completing the program
(``mentoring.services.completion.program_complete``), which in one transaction ends the
program's open pairs with the reason «Программа завершена» (``PairEndReason.COMPLETED``) on
that day and sets ``bank.MenteeProfile.full_cycle_completed_on`` to the same day. The profile
keeps only the latest mark (a second completed program overwrites the date), while the ended
pairs keep every one; so a period counts the distinct mentees of the pairs of the organization
ended by completion within it (``Pair.end_reason = COMPLETED``, ``ended_on`` in the period). A
mentee who completed two programs of one organization in the period counts once there.
"""

from __future__ import annotations

from django.db.models import Count

from nastavnik.mentoring.choices import PairEndReason
from nastavnik.mentoring.models import Pair
from nastavnik.monitoring.indicators.base import Indicator, count_value, register
from nastavnik.monitoring.indicators.common import SOURCE_FEDERAL, in_subtree_q, learner_q, not_learner_q
from nastavnik.monitoring.periods import Period


def all_completed_pairs(root_path: str, period):
    """Pairs of the organizations under ``root_path`` ended by completing their program within
    ``period`` (the curator's full-cycle marks, see the module), whoever the mentee."""
    return Pair.objects.filter(
        in_subtree_q("organization", root_path),
        end_reason=PairEndReason.COMPLETED,
        ended_on__gte=period.start,
        ended_on__lte=period.end,
    )


def completed_pairs(root_path: str, period):
    """:func:`all_completed_pairs` of pedagogical workers: the mentee is not a learner (the
    learners' full cycle is counted apart, ``indicators.learners``; issue 20)."""
    return all_completed_pairs(root_path, period).filter(not_learner_q("mentee"))


def learner_completed_pairs(root_path: str, period):
    """:func:`all_completed_pairs` whose mentee is a learner (a pupil or a student, issue 20)."""
    return all_completed_pairs(root_path, period).filter(learner_q("mentee"))


def full_cycle_by_organization(root_path: str, year_period: Period) -> dict[int, int]:
    """``{organization id: number of participants who completed the full cycle}`` in
    ``year_period`` (the reporting year for the federal form, seed 002 §9; any period works),
    for the organizations under ``root_path`` that have any: one grouped query."""
    rows = (
        completed_pairs(root_path, year_period)
        .values("organization_id")
        .annotate(n=Count("mentee_id", distinct=True))
        .order_by()
    )
    return {row["organization_id"]: row["n"] for row in rows}


def compute(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (participants who completed the full cycle,)}``."""
    return {org_id: (n,) for org_id, n in full_cycle_by_organization(root_path, period).items()}


def full_cycle_breakdown(unit, period) -> dict[str, list[tuple[str, int]]]:
    """The participants of ``unit``'s subtree who completed the full cycle in ``period``, by
    ``"category"`` (the mentee's categories in the bank; a mentee with several counts under
    each, one without any under «категория не указана»), ``"form"`` (the program's form of
    mentoring) and ``"kind"`` (the program's kinds; several count under each). Each value is
    ``[(Russian name, number of distinct mentees)]`` by descending number. Three grouped
    queries; a mentee counts once per name even when completing two programs."""
    pairs = completed_pairs(unit.path, period)

    def grouped(field: str, empty: str) -> list[tuple[str, int]]:
        rows = pairs.values(field).annotate(n=Count("mentee_id", distinct=True)).order_by()
        result = [(row[field] or empty, row["n"]) for row in rows]
        return sorted(result, key=lambda r: (-r[1], r[0]))

    return {
        "category": grouped("mentee__mentee_profile__categories__name", "категория не указана"),
        "form": grouped("program__mentoring_form__name", "форма не указана"),
        "kind": grouped("program__kinds__name", "вид не указан"),
    }


#: The Russian titles of the groups of :func:`full_cycle_breakdown`.
BREAKDOWN_TITLES = {
    "category": "По категориям наставляемых",
    "form": "По формам наставничества",
    "kind": "По видам наставничества",
}

FULL_CYCLE = register(
    Indicator(
        code="full_cycle",
        title="Число участников, прошедших полный цикл программы наставничества",
        unit="count",
        numerator=(
            "наставляемые — педагогические работники, чьи пары завершены с завершением программы в периоде "
            "(отметка куратора)"
        ),
        denominator="",
        source=SOURCE_FEDERAL,
        compute=compute,
        value=count_value,
        rule=(
            "Отметку о прохождении полного цикла ставит куратор, завершая персонализированную программу: "
            "учитываются наставляемые, чья пара завершена вместе с программой в периоде; наставляемый, "
            "завершивший в периоде две программы одной организации, учитывается один раз. Обучающиеся считаются "
            "отдельно. Это же число куратор подтверждает для формы федерального статистического наблюдения."
        ),
        clause="seed 002 §9",
        order=30,
    )
)
