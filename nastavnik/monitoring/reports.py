"""The analytical report (аналитическая справка, seed 003 §5.2–5.4, 000 §4.1.2, 004 §9.5): its
data and the rules that draft its conclusions and recommendations.

:func:`report_data` gathers, for a unit (an organization, a municipality or the region) and a
period, everything the report shows — the indicators beside the previous period, the units
below the median, the questionnaire results, the charts — as plain JSON (strings, numbers,
lists, dicts), so that the registered document keeps exactly what was printed (it is stored in
the document's ``params``) and the page and the DOCX read the same structure.

The figures are never computed here: they come from the indicator registry through the
dashboard (``monitoring.dashboard.build_dashboard``), and the charts are the dashboard's own
definitions (``board_charts``), drawn as PNG for the document (issue 14: «one definition of a
chart serves both the page and the documents»).

The rules (:data:`RULES`) each look at the data and either stay silent (``None``) or give a
:class:`Finding`: a Russian sentence for the conclusions and one for the recommendations and
management decisions (seed 003 §5.4: «по итогам мониторинга принимаются управленческие
решения»). Their thresholds are constants of this module, documented where they are defined.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Avg, Count
from django.utils import timezone

from nastavnik.core.charts import Chart, Series
from nastavnik.core.language import MONTHS_GENITIVE, agree
from nastavnik.monitoring.choices import Audience, Measure
from nastavnik.monitoring.models import ANONYMITY_THRESHOLD, AnswerItem, FederalStatisticsReport
from nastavnik.monitoring.periods import Period, range_period
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: Satisfaction below this mean (of 10) is low (issue 14 Build 5 and seed 000 §VI, risks 3 and 5:
#: «низкая мотивация наставников / наставляемых»).
LOW_SATISFACTION = 6.0

#: The codes of the indicators the rules read (the registry ``monitoring.indicators``).
SATISFACTION_CODES = {"satisfaction_mentors": "наставников", "satisfaction_mentees": "наставляемых"}
OVER_CAPACITY_CODE = "mentors_over_capacity"

#: The day of the year by which the federal figure of the past year is submitted (seed 002 §9:
#: «не позднее 20 января года, следующего за отчётным»).
FEDERAL_DEADLINE = (1, 20)

#: How many names a sentence lists before «и ещё N».
NAMES_SHOWN = 10


# --- words --------------------------------------------------------------------------------------


def day_long(value: dt.date | None) -> str:
    """«2 декабря 2026 г.» (the date as a head signs it); "" for ``None``."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def number_text(value: float | None, digits: int = 1) -> str:
    """A number with a decimal comma («5,4»; «12» for a whole number); «—» for ``None``."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value)}"
    return f"{value:.{digits}f}".replace(".", ",")


def period_phrase(period: Period) -> str:
    """The period after «за»: «2026 год», «III квартал 2026 г.», «ноябрь 2026 г.», or «период с
    15.01.2026 по 01.03.2026» for a range."""
    label = period.label
    if "–" in label:
        return f"период с {period.start:%d.%m.%Y} по {period.end:%d.%m.%Y}"
    return label


def _singular(n: int) -> bool:
    """Whether a verb agreeing with ``n`` things is singular («1 организация не подтвердила»,
    «21 организация не подтвердила», «2 организации не подтвердили»)."""
    return n % 10 == 1 and n % 100 != 11


def names_list(names: list[str]) -> str:
    """«А, Б и В»; past :data:`NAMES_SHOWN` names «…, К и ещё 3»."""
    names = [n for n in names if n]
    if len(names) > NAMES_SHOWN:
        rest = len(names) - NAMES_SHOWN
        return ", ".join(names[:NAMES_SHOWN]) + f" и ещё {rest}"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " и " + names[-1]


def unit_name(unit: OrgUnit) -> str:
    """The name a report uses for a unit: the short name when there is one."""
    return unit.short_name or unit.full_name


def change_text(unit: str, value: float | None, previous: float | None) -> str:
    """The change from ``previous`` to ``value``: «+2,5 п. п.» for shares, «−0,4» for means,
    «+3» for counts, «без изменений», «—» when either is missing."""
    if value is None or previous is None:
        return "—"
    delta = round(value - previous, 2)
    if delta == 0:
        return "без изменений"
    sign = "+" if delta > 0 else "−"
    text = number_text(abs(delta), 2 if unit == "ratio" else 1)
    return f"{sign}{text}" + (" п. п." if unit == "percent" else "")


# --- findings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """What one rule found: ``code`` (the rule's name), the ``conclusion`` (a sentence of the
    conclusions) and the ``recommendation`` (a sentence of the recommendations and management
    decisions)."""

    code: str
    conclusion: str
    recommendation: str


@dataclass
class Facts:
    """What the rules read: the ``unit`` and ``period``, the dashboard ``board``
    (``monitoring.dashboard.Dashboard``: totals, previous totals, children's figures and
    medians), the educational ``organizations`` of the subtree annotated with the four
    conditions of implementing (``indicators.implementing.organizations_with_conditions``; empty
    while that module is absent), the ``difficulties`` by area (``[(area name, before, after,
    change)]``) and ``today``."""

    unit: OrgUnit
    period: Period
    board: object
    organizations: list = field(default_factory=list)
    difficulties: list[tuple[str, float | None, float | None, float | None]] = field(default_factory=list)
    today: dt.date = field(default_factory=timezone.localdate)

    def indicator_total(self, code: str):
        """The total :class:`~monitoring.indicators.base.Figure` of indicator ``code``, or
        ``None`` when it is not registered."""
        found = self.board.rollups.get(code)
        return found.total if found else None


def _in_orgs(n: int) -> str:
    """«в 1 организации», «в 4 организациях»."""
    return f"в {agree(n, 'организация', 'loct')}"


def rule_no_curator(facts: Facts) -> Finding | None:
    """Organizations without a curator of the programs of mentoring (seed 000 §4.1.2: the head
    appoints the curator; 004 §5.1). Fires when at least one educational organization of the
    subtree has no active curator."""
    lacking = [o for o in facts.organizations if not o.has_curator]
    if not lacking:
        return None
    names = [unit_name(o) for o in lacking]
    if facts.unit.level == Level.ORGANIZATION:
        return Finding(
            "no_curator",
            "В организации не назначен куратор реализации программ наставничества.",
            "Руководителю организации назначить приказом куратора реализации программ наставничества.",
        )
    return Finding(
        "no_curator",
        f"{_in_orgs(len(lacking)).capitalize()} нет куратора реализации программ наставничества: "
        f"{names_list(names)}.",
        "Руководителям организаций, где нет куратора, назначить его приказом; "
        "проконтролировать назначение до конца следующего месяца.",
    )


def rule_no_roadmap(facts: Facts) -> Finding | None:
    """Organizations without an approved roadmap acting in the period (seed 000 App. 2, 002 §6,
    001 §4.4.3). Fires when at least one educational organization has none."""
    lacking = [o for o in facts.organizations if not o.has_roadmap]
    if not lacking:
        return None
    if facts.unit.level == Level.ORGANIZATION:
        return Finding(
            "no_roadmap",
            "У организации нет утверждённой дорожной карты внедрения целевой модели наставничества "
            "на отчётный период.",
            "Куратору разработать дорожную карту и направить её на согласование в муниципальный "
            "орган управления образованием.",
        )
    return Finding(
        "no_roadmap",
        f"{_in_orgs(len(lacking)).capitalize()} нет утверждённой дорожной карты на отчётный период: "
        f"{names_list([unit_name(o) for o in lacking])}.",
        "Рассмотреть и утвердить дорожные карты организаций, у которых их нет, или вернуть их на "
        "доработку с указанием сроков.",
    )


#: What is missing when a condition of implementing is not met, said shortly (the conditions of
#: ``indicators.implementing.CONDITIONS``; an unknown one is said by its own label).
UNMET = {
    "has_documents": "не подписаны Положение о системе наставничества и приказ о внедрении целевой модели",
    "has_curator": "не назначен куратор",
    "has_roadmap": "нет утверждённой дорожной карты",
    "has_program": "не реализуются персонализированные программы",
}


def _unmet(row) -> list[str]:
    """What ``row`` (an organization annotated with the conditions of implementing) lacks, in
    Russian (:data:`UNMET`)."""
    from nastavnik.monitoring.indicators.implementing import CONDITIONS

    return [
        UNMET.get(c.key, "не выполнено условие: " + c.label[0].lower() + c.label[1:])
        for c in CONDITIONS
        if not getattr(row, c.key)
    ]


def rule_not_implementing(facts: Facts) -> Finding | None:
    """Organizations not implementing the target model (seed 000 §VI), each with the conditions
    it does not meet (the four of ``indicators.implementing.CONDITIONS``). Fires when at least
    one educational organization misses a condition."""
    lacking = [(o, _unmet(o)) for o in facts.organizations]
    lacking = [(o, unmet) for o, unmet in lacking if unmet]
    if not lacking:
        return None
    if facts.unit.level == Level.ORGANIZATION:
        unmet = lacking[0][1]
        return Finding(
            "not_implementing",
            f"Организация не может считаться реализующей целевую модель наставничества: {'; '.join(unmet)}.",
            "Выполнить недостающие условия внедрения целевой модели наставничества до конца "
            "следующего отчётного периода.",
        )
    parts = [f"{unit_name(o)} ({'; '.join(unmet)})" for o, unmet in lacking[:NAMES_SHOWN]]
    more = len(lacking) - NAMES_SHOWN
    tail = f" и ещё {agree(more, 'организация')}" if more > 0 else ""
    return Finding(
        "not_implementing",
        f"Не реализуют целевую модель наставничества {agree(len(lacking), 'организация')} из "
        f"{len(facts.organizations)}: {', '.join(parts)}{tail}.",
        "Организациям, не выполнившим условия внедрения целевой модели, устранить недостатки; "
        "ответственным за мониторинг проверить их устранение в следующем периоде.",
    )


def rule_below_median(facts: Facts) -> Finding | None:
    """The units below (for indicators where more is worse: above) the median of the units
    directly below the report's unit (seed 003 §5.3: «сравнительный анализ»), named by
    indicator. Silent for an organization (no units below) and when fewer than two units have
    a figure."""
    from nastavnik.monitoring.dashboard import is_worse

    board = facts.board
    if len(board.children) < 2:
        return None
    sentences, lagging = [], {}
    for index, indicator in enumerate(board.indicators):
        median = board.medians[index].value
        figures = board.rollups[indicator.code].children
        if sum(1 for f in figures if f.value is not None) < 2:
            continue
        worse = [f.unit for f in figures if is_worse(indicator, f.value, median)]
        if not worse:
            continue
        for unit in worse:
            lagging[unit_name(unit)] = lagging.get(unit_name(unit), 0) + 1
        side = "ниже" if indicator.better == "up" else "выше"
        sentences.append(
            f"по показателю «{indicator.title}» {side} медианы ({indicator.format(median)}) — "
            f"{names_list([unit_name(u) for u in worse])}"
        )
    if not sentences:
        return None
    ranked = sorted(lagging.items(), key=lambda item: (-item[1], item[0]))
    who = ", ".join(f"{name} ({agree(n, 'показатель')})" for name, n in ranked[:NAMES_SHOWN])
    below = (
        "муниципальных образований и организаций" if board.unit.level != Level.MUNICIPALITY else "организаций"
    )
    return Finding(
        "below_median",
        f"Отстают от медианы {below}: " + "; ".join(sentences) + ".",
        f"Заслушать о причинах отставания и мерах по его устранению: {who}.",
    )


def rule_largest_difficulty(facts: Facts) -> Finding | None:
    """The area of professional difficulties with the largest mean self-assessed difficulty
    after the programs (before them when nobody has answered after), and the area where the
    difficulty went down least (seed 004 §9.4, 000 §4.3.3: the eight areas). Silent without
    answers."""
    rows = [r for r in facts.difficulties if (r[2] if r[2] is not None else r[1]) is not None]
    if not rows:
        return None
    after = [r for r in rows if r[2] is not None]
    if after:
        top = max(after, key=lambda r: r[2])
        conclusion = (
            f"Наибольшие затруднения по итогам программ наставничества — «{top[0]}» "
            f"(средняя самооценка {number_text(top[2])} из 10)"
        )
    else:
        top = max(rows, key=lambda r: r[1])
        conclusion = (
            f"Наибольшие затруднения при входе в программы наставничества — «{top[0]}» "
            f"(средняя самооценка {number_text(top[1])} из 10)"
        )
    changed = [r for r in rows if r[3] is not None]
    least = max(changed, key=lambda r: r[3]) if changed else None
    if least is not None and least[0] != top[0]:
        if least[3] >= 0:
            conclusion += f"; в области «{least[0]}» затруднения не снизились"
        else:
            conclusion += f"; меньше всего они снизились в области «{least[0]}» (на {number_text(-least[3])})"
    areas = names_list(
        [f"«{top[0]}»"] + ([f"«{least[0]}»"] if least is not None and least[0] != top[0] else [])
    )
    return Finding(
        "largest_difficulty",
        conclusion + ".",
        f"Предусмотреть в персонализированных программах и в плане повышения квалификации "
        f"наставников мероприятия по {'областям' if ' и ' in areas else 'области'} {areas}.",
    )


def rule_low_satisfaction(facts: Facts) -> Finding | None:
    """Mean satisfaction of mentors or of mentees below :data:`LOW_SATISFACTION` (seed 000 §VI,
    risks 3 and 5; 004 §9.4). A mean over fewer than ``ANONYMITY_THRESHOLD`` answers is not
    reported (anonymous answers are shown only in groups of 5 or more)."""
    low = []
    for code, whom in SATISFACTION_CODES.items():
        figure = facts.indicator_total(code)
        if figure is None or figure.value is None:
            continue
        if len(figure.parts) > 1 and figure.parts[1] < ANONYMITY_THRESHOLD:
            continue
        if figure.value < LOW_SATISFACTION:
            low.append((whom, figure.value))
    if not low:
        return None
    said = "; ".join(f"{whom} — {number_text(value)}" for whom, value in low)
    whom = " и ".join(w for w, _ in low)
    return Finding(
        "low_satisfaction",
        f"Удовлетворённость участием в программах наставничества ниже {number_text(LOW_SATISFACTION)} "
        f"баллов из 10: {said}.",
        f"Провести с участием {whom} обсуждение причин неудовлетворённости и пересмотреть формы "
        "и нагрузку в программах; рассмотреть меры поощрения наставников.",
    )


def rule_over_capacity(facts: Facts) -> Finding | None:
    """Mentors with more current mentees than their capacity (seed 000 §VI, risk 2: «высокая
    нагрузка на наставников»), by organization, from the ``mentors_over_capacity`` indicator.
    Fires when the count is above zero."""
    from nastavnik.monitoring.indicators.base import get_indicator

    indicator = get_indicator(OVER_CAPACITY_CODE)
    if indicator is None:
        return None
    per_org = {
        pk: parts[0]
        for pk, parts in indicator.compute(facts.unit.path, facts.period).items()
        if parts and parts[0]
    }
    total = int(sum(per_org.values()))
    if not total:
        return None
    mentors = agree(total, "наставник")
    verb = "ведёт" if _singular(total) else "ведут"
    if facts.unit.level == Level.ORGANIZATION:
        where = ""
    else:
        names = OrgUnit.objects.filter(pk__in=list(per_org)).order_by("full_name")
        where = f" ({names_list([unit_name(u) for u in names])})"
    return Finding(
        "over_capacity",
        f"{mentors[0].upper() + mentors[1:]}{where} {verb} больше наставляемых, чем допускает их нагрузка.",
        "Перераспределить наставляемых между наставниками или привлечь новых наставников из "
        "базы наставников.",
    )


def rule_federal_not_confirmed(facts: Facts) -> Finding | None:
    """Organizations that have not confirmed the federal statistical figure for the reporting
    year (seed 002 §9: the number of participants who completed the full cycle, «не позднее 20
    января года, следующего за отчётным»). The reporting year is the year the period ends in;
    the rule speaks only once that year is over (the figure cannot be final before)."""
    year = facts.period.end.year
    if facts.today <= dt.date(year, 12, 31) or not facts.organizations:
        return None
    confirmed = set(
        FederalStatisticsReport.objects.filter(
            organization_id__in=[o.pk for o in facts.organizations], year=year
        ).values_list("organization_id", flat=True)
    )
    lacking = [o for o in facts.organizations if o.pk not in confirmed]
    if not lacking:
        return None
    deadline = dt.date(year + 1, *FEDERAL_DEADLINE)
    late = facts.today > deadline
    when = "" if late else f" (срок — до {day_long(deadline)})"
    if facts.unit.level == Level.ORGANIZATION:
        return Finding(
            "federal_not_confirmed",
            f"Сведения о числе участников, прошедших полный цикл наставничества, за {year} год для "
            f"федерального статистического наблюдения не подтверждены{when}.",
            "Куратору проверить и подтвердить сведения для федерального статистического наблюдения.",
        )
    verb = "не подтвердила" if _singular(len(lacking)) else "не подтвердили"
    return Finding(
        "federal_not_confirmed",
        f"Сведения для федерального статистического наблюдения за {year} год {verb} "
        f"{agree(len(lacking), 'организация')}{when}: {names_list([unit_name(o) for o in lacking])}.",
        "Кураторам организаций, не подтвердившим сведения, подтвердить их"
        + ("; рассмотреть нарушение срока представления." if late else " в установленный срок."),
    )


#: Every rule, in the order their sentences go into the report.
RULES: list[Callable[[Facts], Finding | None]] = [
    rule_not_implementing,
    rule_no_curator,
    rule_no_roadmap,
    rule_below_median,
    rule_largest_difficulty,
    rule_low_satisfaction,
    rule_over_capacity,
    rule_federal_not_confirmed,
]


def findings(facts: Facts) -> list[Finding]:
    """Every finding of :data:`RULES` on ``facts``, in their order."""
    return [found for rule in RULES if (found := rule(facts)) is not None]


def draft_texts(found: list[Finding]) -> tuple[str, str]:
    """``(conclusions, recommendations)``: one paragraph per finding (lines), or a sentence
    saying that the data raised nothing."""
    conclusions = "\n".join(f.conclusion for f in found) or (
        "По данным мониторинга за отчётный период отклонений, требующих управленческих решений, не выявлено."
    )
    recommendations = "\n".join(f.recommendation for f in found) or (
        "Продолжить реализацию целевой модели наставничества в соответствии с дорожной картой."
    )
    return conclusions, recommendations


# --- the data of a report -----------------------------------------------------------------------


def difficulties(unit: OrgUnit, period: Period) -> list[tuple[str, float | None, float | None, float | None]]:
    """``[(area name, mean before, mean after, change)]`` of the self-assessed difficulties
    (seed 004 §9.4), computed afresh by ``indicators.answers.difficulty_by_area``. Areas are given
    by name (a ``CompetenceArea`` is read by its ``name``)."""
    from nastavnik.monitoring.indicators.answers import difficulty_by_area

    rows = []
    for row in difficulty_by_area(unit, period) or []:
        try:
            area, before, after, change = row
        except (TypeError, ValueError):
            continue
        rows.append((str(getattr(area, "name", area)), before, after, change))
    return rows


#: The measures shown in the questionnaire results, in order (seed 004 §9.4, 000 §VI).
RESULT_MEASURES = (
    Measure.SATISFACTION,
    Measure.USEFULNESS,
    Measure.COMFORT,
    Measure.MOTIVATION,
    Measure.PROFESSIONAL_GROWTH,
    Measure.PERSONAL_GROWTH,
)
RESULT_AUDIENCES = (Audience.MENTEE, Audience.MENTOR)


def means_by_role(unit: OrgUnit, period: Period) -> dict:
    """The mean scale answers of the subtree in ``period`` by measure (rows) and by role
    (columns: mentees, mentors), in one grouped query over the answers' months. A group of
    fewer than ``ANONYMITY_THRESHOLD`` answers is shown as «менее 5 ответов» (anonymous
    answers are shown only in groups of 5 or more).

    Returns ``{"headers": [...], "rows": [{"label", "cells": [...]}], "answers": n}``."""
    first_month = period.start.replace(day=1)
    grouped = (
        AnswerItem.objects.filter(
            answer__organization__path__startswith=unit.path,
            answer__month__gte=first_month,
            answer__month__lte=period.end,
            scale__isnull=False,
            question__measure__in=[m.value for m in RESULT_MEASURES],
            answer__audience__in=[a.value for a in RESULT_AUDIENCES],
        )
        .values("question__measure", "answer__audience")
        .annotate(mean=Avg("scale"), answers=Count("answer_id", distinct=True))
        .order_by()
    )
    found = {(r["question__measure"], r["answer__audience"]): r for r in grouped}
    rows = []
    for measure in RESULT_MEASURES:
        cells = []
        for audience in RESULT_AUDIENCES:
            r = found.get((measure.value, audience.value))
            if r is None:
                cells.append("—")
            elif r["answers"] < ANONYMITY_THRESHOLD:
                cells.append(f"менее {ANONYMITY_THRESHOLD} ответов")
            else:
                cells.append(f"{number_text(r['mean'])} ({agree(r['answers'], 'ответ')})")
        if any(c != "—" for c in cells):
            rows.append({"label": measure.label, "cells": cells})
    return {"headers": [str(a.label) for a in RESULT_AUDIENCES], "rows": rows}


def chart_to_dict(chart: Chart) -> dict:
    """``chart`` as JSON (kept in the registered document)."""
    return dataclasses.asdict(chart)


def chart_from_dict(data: dict) -> Chart:
    """The :class:`Chart` of :func:`chart_to_dict`'s JSON."""
    return Chart(
        title=data["title"],
        kind=data["kind"],
        categories=tuple(data["categories"]),
        series=tuple(Series(s["name"], tuple(s["values"])) for s in data["series"]),
        unit=data.get("unit", ""),
        maximum=data.get("maximum"),
    )


def _charts(board) -> list[dict]:
    """The dashboard's charts of ``board`` with data, as JSON."""
    from nastavnik.monitoring.dashboard import board_charts

    return [chart_to_dict(c) for c in board_charts(board).values() if not c.is_empty]


def gather_facts(unit: OrgUnit, period: Period, *, today: dt.date | None = None) -> Facts:
    """The :class:`Facts` of ``unit`` over ``period``: the dashboard (every indicator rolled up,
    the previous period, the medians), the organizations with the conditions of implementing,
    the difficulties by area."""
    from nastavnik.monitoring.dashboard import build_dashboard

    try:
        from nastavnik.monitoring.indicators.implementing import organizations_with_conditions
    except ImportError:  # pragma: no cover - the indicator module is part of the app
        organizations = []
    else:
        organizations = list(organizations_with_conditions(unit.path, period))
    return Facts(
        unit=unit,
        period=period,
        board=build_dashboard(unit, period, cache=False),
        organizations=organizations,
        difficulties=difficulties(unit, period),
        today=today or timezone.localdate(),
    )


def report_data(unit: OrgUnit, period: Period, *, facts: Facts | None = None) -> dict:
    """Everything the report shows, as JSON:

    - ``unit``: ``{"name", "full_name", "level", "level_label"}``; ``period``: ``{"start",
      "end", "key", "label", "phrase"}``; ``previous``: the previous period's ``label``;
    - ``indicators``: ``[{"title", "value", "previous", "change", "source"}]`` (section 1);
    - ``children``: ``{"title", "median_rows": [{"title", "median", "below"}], "rows":
      [{"name", "worse"}]}`` (section 2; empty lists for an organization);
    - ``questionnaires``: ``{"means": means_by_role(...), "areas": [{"name", "before",
      "after", "change"}]}`` (section 3);
    - ``charts``: the dashboard's charts (:func:`chart_to_dict`);
    - ``findings``: ``[{"code", "conclusion", "recommendation"}]``;
    - ``as_of``: when the data were read (ISO date and time).
    """
    from nastavnik.monitoring.dashboard import is_worse

    facts = facts or gather_facts(unit, period)
    board = facts.board
    previous = period.previous()
    indicators = [
        {
            "code": card.indicator.code,
            "title": card.indicator.title,
            "value": card.text,
            "previous": card.previous_text,
            "change": change_text(
                card.indicator.unit, card.figure.value, card.previous.value if card.previous else None
            ),
        }
        for card in board.cards
    ]
    median_rows = []
    for index, indicator in enumerate(board.indicators):
        if not board.children:
            break
        median = board.medians[index].value
        if median is None:
            continue
        worse = [
            unit_name(f.unit)
            for f in board.rollups[indicator.code].children
            if is_worse(indicator, f.value, median)
        ]
        median_rows.append(
            {
                "title": indicator.title,
                "median": indicator.format(median),
                "below": names_list(worse) if worse else "нет",
            }
        )
    rows = [
        {
            "name": unit_name(row.unit),
            "worse": agree(row.worse_count, "показатель") if row.worse_count else "нет",
            "lagging": row.lagging,
        }
        for row in board.rows
    ]
    below_title = (
        "Организации муниципального образования"
        if unit.level == Level.MUNICIPALITY
        else "Муниципальные образования и организации регионального подчинения"
    )
    return {
        "unit": {
            "id": unit.pk,
            "name": unit_name(unit),
            "full_name": unit.full_name,
            "level": unit.level,
            "level_label": Level(unit.level).label,
        },
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "key": period.key,
            "label": period.label,
            "phrase": period_phrase(period),
        },
        "previous": previous.label,
        "indicators": indicators,
        "children": {
            "title": below_title if board.children else "",
            "median_rows": median_rows,
            "rows": rows,
        },
        "questionnaires": {
            "means": means_by_role(unit, period),
            "areas": [
                {
                    "name": name,
                    "before": number_text(before),
                    "after": number_text(after),
                    "change": change_text("average", after, before),
                }
                for name, before, after, _ in facts.difficulties
            ],
        },
        "charts": _charts(board),
        "findings": [dataclasses.asdict(f) for f in findings(facts)],
        "as_of": timezone.localtime().isoformat(timespec="minutes"),
    }


def report_period(report) -> Period:
    """The :class:`Period` of an ``AnalyticalReport`` (its dates as a range, or the year,
    quarter or month they make)."""
    from nastavnik.monitoring.periods import month_period, quarter_period, year_period

    start, end = report.period_start, report.period_end
    candidates = [year_period(start.year), month_period(start.year, start.month)]
    if start.month in (1, 4, 7, 10):
        candidates.append(quarter_period(start.year, (start.month - 1) // 3 + 1))
    for candidate in candidates:
        if candidate.start == start and candidate.end == end:
            return candidate
    return range_period(start, end)


def report_title(unit: OrgUnit, period: Period) -> str:
    """«Аналитическая справка по итогам мониторинга реализации целевой модели наставничества
    (СОШ № 1, 2026 год)»."""
    return (
        "Аналитическая справка по итогам мониторинга реализации целевой модели наставничества "
        f"({unit_name(unit)}, {period.label})"
    )[:300]
