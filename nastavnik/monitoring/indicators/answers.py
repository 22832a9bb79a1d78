"""Indicators read from the questionnaires' answers (seed 004 §9.2–9.4, 003 §4.7, 000 §VI):
the satisfaction of mentees and of mentors, and the change of the self-assessed difficulties
before and after a program, by area.

Only ``SCALE`` answers (1–10) to questions that ``measure`` the thing count, of any
questionnaire, built in or made by a user; the answer's period is its ``month`` and its place
its ``organization``. Anonymous answers are included: the figures are sums and counts, never a
single answer (``Answer`` keeps no person for them anyway).
"""

from __future__ import annotations

from django.db.models import Avg, Count, Q, Sum

from nastavnik.monitoring.choices import Audience, Measure, Phase, QuestionKind
from nastavnik.monitoring.indicators.base import Indicator, Parts, average_value, register
from nastavnik.monitoring.indicators.common import SOURCE_MONITORING, in_subtree_q
from nastavnik.monitoring.models import ANONYMITY_THRESHOLD, AnswerItem


def scale_items(root_path: str, period, measure: str):
    """``AnswerItem`` rows with a scale value to ``SCALE`` questions measuring ``measure``, of the
    answers of the organizations under ``root_path`` given in a month of ``period``."""
    return AnswerItem.objects.filter(
        in_subtree_q("answer__organization", root_path),
        answer__month__gte=period.start.replace(day=1),
        answer__month__lte=period.end,
        question__kind=QuestionKind.SCALE,
        question__measure=measure,
        scale__isnull=False,
    )


def _satisfaction(audience: str):
    def compute(root_path: str, period) -> dict[int, tuple]:
        """``{organization id: (sum of the scores, number of scores)}``."""
        rows = (
            scale_items(root_path, period, Measure.SATISFACTION)
            .filter(answer__audience=audience)
            .values("answer__organization_id")
            .annotate(total=Sum("scale"), n=Count("pk"), answers=Count("answer_id", distinct=True))
            .order_by()
        )
        return {row["answer__organization_id"]: (row["total"], row["n"], row["answers"]) for row in rows}

    return compute


def satisfaction_value(parts: Parts) -> float | None:
    """The mean score (``parts``: sum, number of scores, number of answers), ``None`` when fewer
    than ``ANONYMITY_THRESHOLD`` answers were given (a mean of fewer could reveal one)."""
    if not parts or len(parts) < 3 or parts[2] < ANONYMITY_THRESHOLD:
        return None
    return average_value(parts)


def satisfaction_terms(parts: Parts) -> list[tuple[str, float | None]]:
    """The terms of a satisfaction figure: the sum, the number of scores and of answers."""
    parts = (*parts, 0, 0, 0)
    return [
        ("сумма оценок удовлетворённости", parts[0]),
        ("число оценок", parts[1]),
        ("число анкет, в которых они даны", parts[2]),
    ]


def difficulty_terms(parts: Parts) -> list[tuple[str, float | None]]:
    """The terms of the change of difficulties: both means and the numbers of answers; a mean of
    fewer than ``ANONYMITY_THRESHOLD`` answers is not given."""
    parts = (*parts, 0, 0, 0, 0, 0, 0)
    after = round(parts[0] / parts[1], 1) if parts[1] and parts[4] >= ANONYMITY_THRESHOLD else None
    before = round(parts[2] / parts[3], 1) if parts[3] and parts[5] >= ANONYMITY_THRESHOLD else None
    return [
        ("средняя оценка затруднений по итогам программы", after),
        ("средняя оценка затруднений до входа в программу", before),
        ("анкет по итогам программы", parts[4]),
        ("анкет до входа в программу", parts[5]),
    ]


def compute_difficulty(root_path: str, period) -> dict[int, tuple]:
    """``{organization id: (sum after, number after, sum before, number before, answers after,
    answers before)}`` of the difficulty scores (measure ``DIFFICULTY``) of answers with phase
    ``AFTER`` and ``BEFORE``."""
    after, before = Q(answer__phase=Phase.AFTER), Q(answer__phase=Phase.BEFORE)
    rows = (
        scale_items(root_path, period, Measure.DIFFICULTY)
        .values("answer__organization_id")
        .annotate(
            sa=Sum("scale", filter=after),
            na=Count("pk", filter=after),
            sb=Sum("scale", filter=before),
            nb=Count("pk", filter=before),
            aa=Count("answer_id", distinct=True, filter=after),
            ab=Count("answer_id", distinct=True, filter=before),
        )
        .order_by()
    )
    return {
        row["answer__organization_id"]: (
            row["sa"] or 0,
            row["na"],
            row["sb"] or 0,
            row["nb"],
            row["aa"],
            row["ab"],
        )
        for row in rows
    }


def change_value(parts: Parts) -> float | None:
    """The mean after minus the mean before (``parts`` of :func:`compute_difficulty`), to one
    decimal; ``None`` unless each phase has at least ``ANONYMITY_THRESHOLD`` answers."""
    if not parts or len(parts) < 6 or not parts[1] or not parts[3]:
        return None
    if min(parts[4], parts[5]) < ANONYMITY_THRESHOLD:
        return None
    return round(parts[0] / parts[1] - parts[2] / parts[3], 1)


def difficulty_by_area(unit, period) -> list[tuple[str, float | None, float | None, float | None]]:
    """``[(area name, mean before, mean after, change)]`` of the self-assessed difficulties
    (scale 1–10, measure ``DIFFICULTY``) in ``unit``'s subtree over ``period``, one row per area
    that has answers, in the areas' order; a mean is ``None`` when its phase has fewer than
    ``ANONYMITY_THRESHOLD`` answers (issue 14: groups of 5 or more), the change (after minus
    before, to one decimal; negative is better) ``None`` unless both means are shown. One
    grouped query."""
    rows = (
        scale_items(unit.path, period, Measure.DIFFICULTY)
        .filter(answer__phase__in=(Phase.BEFORE, Phase.AFTER))
        .values("question__area__name", "question__area__sort_order")
        .annotate(
            before=Avg("scale", filter=Q(answer__phase=Phase.BEFORE)),
            after=Avg("scale", filter=Q(answer__phase=Phase.AFTER)),
            n_before=Count("answer_id", distinct=True, filter=Q(answer__phase=Phase.BEFORE)),
            n_after=Count("answer_id", distinct=True, filter=Q(answer__phase=Phase.AFTER)),
        )
        .order_by("question__area__sort_order", "question__area__name")
    )
    result = []
    for row in rows:
        before = None if row["n_before"] < ANONYMITY_THRESHOLD else round(float(row["before"]), 1)
        after = None if row["n_after"] < ANONYMITY_THRESHOLD else round(float(row["after"]), 1)
        change = (
            None if before is None or after is None else round(float(row["after"]) - float(row["before"]), 1)
        )
        result.append((row["question__area__name"], before, after, change))
    return result


SATISFACTION_MENTEES = register(
    Indicator(
        code="satisfaction_mentees",
        title="Удовлетворённость наставляемых",
        unit="average",
        numerator="сумма оценок удовлетворённости (шкала от 1 до 10) в анкетах наставляемых",
        denominator="число таких оценок",
        source=SOURCE_MONITORING,
        compute=_satisfaction(Audience.MENTEE),
        value=satisfaction_value,
        explain=satisfaction_terms,
        rule=(
            "Средняя оценка по вопросам анкет наставляемых, измеряющим удовлетворённость, за месяцы периода; "
            "анонимные ответы входят в среднее, но по отдельности не показываются. Среднее показывается, "
            "если ответов не меньше 5."
        ),
        clause="seed 004 §9.4, 003 §4.7, 000 §VI риск 5",
        order=60,
    )
)

SATISFACTION_MENTORS = register(
    Indicator(
        code="satisfaction_mentors",
        title="Удовлетворённость наставников",
        unit="average",
        numerator="сумма оценок удовлетворённости (шкала от 1 до 10) в анкетах наставников",
        denominator="число таких оценок",
        source=SOURCE_MONITORING,
        compute=_satisfaction(Audience.MENTOR),
        value=satisfaction_value,
        explain=satisfaction_terms,
        rule=(
            "Средняя оценка по вопросам анкет наставников, измеряющим удовлетворённость, за месяцы периода; "
            "анонимные ответы входят в среднее, но по отдельности не показываются. Среднее показывается, "
            "если ответов не меньше 5."
        ),
        clause="seed 004 §9.4, 003 §4.7, 000 §VI риск 3",
        order=61,
    )
)

DIFFICULTY_CHANGE = register(
    Indicator(
        code="difficulty_change",
        title="Изменение самооценки профессиональных затруднений после программы",
        unit="average",
        numerator="средняя оценка затруднений в анкетах по итогам программы",
        denominator="средняя оценка затруднений в анкетах до входа в программу",
        source=SOURCE_MONITORING,
        compute=compute_difficulty,
        value=change_value,
        explain=difficulty_terms,
        rule=(
            "Разность средних оценок затруднений (шкала от 1 до 10, чем выше, тем сильнее затруднение) в "
            "анкетах «по итогам программы» и «до входа в программу», поданных в месяцы периода. Отрицательное "
            "значение означает, что затруднения уменьшились. Показывается, если на каждом этапе не меньше 5 ответов."
        ),
        better="down",
        clause="seed 004 §9.2–9.4, 000 §4.3.3, §VI",
        order=70,
    )
)
