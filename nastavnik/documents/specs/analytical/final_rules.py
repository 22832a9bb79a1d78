"""The rules of the curator's final (or interim) report (seed 000 §VI, 003 §4.8, 004 §9.5):
whether it is final (:func:`report_is_final`, the one rule of its title, file name and text),
its figures — the monitoring indicators of the organization (:func:`indicator_rows`) — and the
conclusions, recommendations and management decisions written from them (:data:`FINAL_RULES`,
:func:`report_sections`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from nastavnik.core.language import agree, date_short, upper_first
from nastavnik.documents.specs.programs import (
    DASH,
    _percent,
)


def report_is_final(end: dt.date, on: dt.date) -> bool:
    """Whether a report dated ``on`` over a period ending ``end`` is the final one: only once the
    period has ended (issue 15 item 7: a report cannot be called «итоговый» for a period that has
    not ended; before its end it is «промежуточный»). The one rule of the title, the file name
    and the text of :class:`FinalReportSpec`."""
    return on > end


def final_report_title(start: dt.date, end: dt.date, on: dt.date) -> str:
    """«Итоговый аналитический отчёт куратора за период с 01.09.2025 по 31.08.2026», or
    «Промежуточный аналитический отчёт куратора …» while the period runs (:func:`report_is_final`)."""
    kind = "Итоговый" if report_is_final(end, on) else "Промежуточный"
    return f"{kind} аналитический отчёт куратора за период с {date_short(start)} по {date_short(end)}"


def _number(value: float | None) -> str:
    """A count or a sum as printed in the composition of a figure: «12», «7,5»; «—» for none."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


@dataclass(frozen=True)
class IndicatorRow:
    """One monitoring indicator (``monitoring.indicators``) of the organization for the period:
    its ``code``, ``title``, ``value`` and ``parts`` and the same for the ``previous`` period of
    the same length, the printed ``text``, ``previous_text`` and ``change``, and ``meaning`` —
    the terms it is made of, in words («педагогические работники, бывшие наставниками…: 3»)."""

    code: str
    title: str
    unit: str
    better: str
    value: float | None
    parts: tuple
    previous: float | None
    text: str
    previous_text: str
    change: str
    meaning: str


def indicator_rows(organization, start: dt.date, end: dt.date) -> dict[str, IndicatorRow]:
    """Every registered indicator (``monitoring.indicators.base.all_indicators``) computed for
    ``organization`` over ``start``–``end`` and over the period of the same length before it
    (``monitoring.periods.Period.previous``), by code, in the registry's order. Nothing is
    computed here: each figure is the indicator's own ``compute`` (the same the dashboard and the
    analytical report show). Two grouped queries per indicator."""
    from nastavnik.monitoring.indicators.base import all_indicators, rollup
    from nastavnik.monitoring.periods import range_period
    from nastavnik.monitoring.reports import change_text

    period = range_period(start, end)
    previous = period.previous()
    rows = {}
    for indicator in all_indicators():
        now = rollup(indicator, organization, period, children=[]).total
        before = rollup(indicator, organization, previous, children=[]).total
        terms = indicator.terms(now.parts)
        rows[indicator.code] = IndicatorRow(
            code=indicator.code,
            title=indicator.title,
            unit=indicator.unit,
            better=indicator.better,
            value=now.value,
            parts=tuple(now.parts),
            previous=before.value,
            text=indicator.format(now.value),
            previous_text=indicator.format(before.value),
            change=change_text(indicator.unit, now.value, before.value),
            meaning="; ".join(f"{words}: {_number(n)}" for words, n in terms),
        )
    return rows


@dataclass
class ReportFacts:
    """What the rules of the final report read: the indicator rows (:func:`indicator_rows`), the
    unmet conditions of implementing the target model (``None`` when not computed), and the
    organization's own counts of the period (programs, reports, meetings and activities past
    their dates, training, the areas of difficulties of completed programs)."""

    indicators: dict[str, IndicatorRow]
    final: bool
    unmet: list[str] | None = None
    programs_total: int = 0
    completed: int = 0
    participants: int = 0
    full: int = 0
    worked: int = 0
    reported: int = 0
    unreported_mentors: list[str] = field(default_factory=list)
    overdue_meetings: int = 0
    overdue_items: int = 0
    mentors_active: int = 0
    trained: int = 0
    areas: list[dict] = field(default_factory=list)
    incentives: int = 0

    def figure(self, code: str) -> IndicatorRow | None:
        return self.indicators.get(code)


@dataclass(frozen=True)
class ReportFinding:
    """What one rule of the final report found: a sentence of the conclusions, of the
    recommendations and of the management decisions (each "" when the rule has none)."""

    conclusion: str = ""
    recommendation: str = ""
    decision: str = ""


#: Satisfaction below this mean (of 10) is low: the monitoring's threshold
#: (``monitoring.reports.LOW_SATISFACTION``, seed 000 §VI risks 3 and 5).
def _low_satisfaction() -> float:
    from nastavnik.monitoring.reports import LOW_SATISFACTION

    return LOW_SATISFACTION


def _share_terms(row: IndicatorRow) -> tuple[int, int]:
    parts = (*row.parts, 0, 0)
    return int(parts[0]), int(parts[1])


def rule_implementing(facts: ReportFacts) -> ReportFinding | None:
    """The four conditions of implementing the target model (seed 000 §VI, §4.1.1–4.1.2; 002 §6,
    §10): met — a conclusion; unmet — a conclusion naming them and the head's decision."""
    if facts.unmet is None:
        return None
    if not facts.unmet:
        return ReportFinding(
            "Организация выполняет все четыре условия реализации целевой модели наставничества: "
            "Положение о системе наставничества и приказ о внедрении подписаны, куратор назначен, "
            "дорожная карта утверждена, персонализированные программы реализуются."
        )
    unmet = "; ".join(facts.unmet)
    return ReportFinding(
        f"Организация не может считаться реализующей целевую модель наставничества: {unmet}.",
        decision=f"Руководителю организации обеспечить выполнение условий реализации целевой модели "
        f"наставничества ({unmet}) до окончания следующего отчётного периода.",
    )


def rule_involvement(facts: ReportFacts) -> ReportFinding | None:
    """The shares of teachers involved as mentors and as mentees (seed 001 §7.1.2: «увеличена
    доля педагогических работников… вовлеченных в процесс наставничества»): stated; a share of
    mentors lower than in the previous period asks to widen the bank of mentors."""
    mentors, mentees = facts.figure("teachers_as_mentors"), facts.figure("teachers_as_mentees")
    if mentors is None or mentees is None or mentors.value is None:
        return None
    n_mentors, staff = _share_terms(mentors)
    n_mentees, _ = _share_terms(mentees)
    conclusion = (
        f"В наставничество вовлечено {mentors.text} педагогических работников в качестве наставников "
        f"({n_mentors} из {staff}) и {mentees.text} — в качестве наставляемых ({n_mentees} из {staff})."
    )
    recommendation = ""
    if mentors.previous is not None and mentors.value < mentors.previous:
        conclusion += f" Доля наставников ниже, чем в предыдущем периоде ({mentors.previous_text})."
        recommendation = (
            "Расширить банк наставников: провести отбор педагогических работников в наставники и "
            "включить их в персонализированные программы."
        )
    return ReportFinding(conclusion, recommendation)


def rule_young(facts: ReportFacts) -> ReportFinding | None:
    """The young teachers covered (seed 000 §1.3, §VI): those not covered ask the curator to
    form pairs for them."""
    row = facts.figure("young_teachers_covered")
    if row is None or row.value is None:
        return None
    covered, young = _share_terms(row)
    if covered >= young:
        return ReportFinding(f"Наставничеством охвачены все молодые педагоги организации ({young}).")
    left = young - covered
    return ReportFinding(
        f"Наставничеством охвачено {row.text} молодых педагогов ({covered} из {young}); не охвачено — {left}.",
        decision=f"Куратору сформировать наставнические пары для молодых педагогов, не охваченных "
        f"наставничеством ({agree(left, 'педагог')}), и представить проекты персонализированных программ "
        "на утверждение.",
    )


def rule_completion(facts: ReportFacts) -> ReportFinding | None:
    """The programs completed and the mentees who completed the full cycle (seed 002 §9: only a
    full cycle counts as participation; the ``full_cycle`` indicator's selection)."""
    if not facts.programs_total:
        return None
    conclusion = (
        f"Доля завершённых персонализированных программ от числа программ отчётного периода — "
        f"{_percent(facts.completed, facts.programs_total)} ({facts.completed} из {facts.programs_total})."
    )
    if facts.participants:
        conclusion += (
            " Доля наставляемых, прошедших полный цикл программы наставничества, от числа "
            f"участвовавших в программах отчётного периода — {_percent(facts.full, facts.participants)} "
            f"({facts.full} из {facts.participants})."
        )
    return ReportFinding(conclusion)


def rule_difficulties(facts: ReportFacts) -> ReportFinding | None:
    """The self-assessed difficulties before and after (seed 004 §9.2–9.4): the indicator's change
    over the questionnaires and the areas of the completed programs; areas where the difficulty
    did not go down ask for activities there."""
    from nastavnik.mentoring.selectors.organization import format_growth

    sentences, recommendation = [], ""
    row = facts.figure("difficulty_change")
    if row is not None and row.value is not None:
        if row.value < 0:
            sentences.append(
                f"По анкетам самооценки средняя оценка профессиональных затруднений после программ "
                f"снизилась на {_number(-row.value)} балла."
            )
        else:
            sentences.append(
                "По анкетам самооценки средняя оценка профессиональных затруднений после программ не снизилась."
            )
            recommendation = (
                "Пересмотреть содержание персонализированных программ: предусмотреть мероприятия, "
                "направленные на выявленные затруднения, и проверять их результат на встречах."
            )
    measured = [a for a in facts.areas if a["growth"] is not None]
    if measured:
        grown = [a for a in measured if a["growth"] > 0]
        still = [f"«{a['area__name']}»" for a in measured if a["growth"] <= 0]
        if len(grown) == len(measured):
            sentences.append(
                "По самооценке наставляемых затруднения по итогам завершённых программ снизились во "
                "всех областях, в которых они отмечались."
            )
        elif not grown:
            sentences.append(
                "По самооценке наставляемых затруднения по итогам завершённых программ не снизились "
                "ни в одной из областей, в которых они отмечались."
            )
        else:
            sentences.append(
                f"По самооценке наставляемых затруднения снизились в {len(grown)} из {len(measured)} "
                f"областей; не снизились в областях: {', '.join(still)}."
            )
        if grown:
            best = max(a["growth"] for a in grown)
            top = [f"«{a['area__name']}»" for a in grown if a["growth"] == best]
            where = f"в области {top[0]}" if len(top) == 1 else f"в областях {', '.join(top)}"
            sentences.append(
                f"Наибольшее среднее снижение затруднений ({format_growth(best)} балла) — {where}."
            )
        if still:
            recommendation = (
                "Предусмотреть в персонализированных программах и в плане повышения квалификации "
                f"наставников мероприятия по {'областям' if len(still) > 1 else 'области'} {', '.join(still)}."
            )
    if not sentences:
        return None
    return ReportFinding(" ".join(sentences), recommendation)


def rule_satisfaction(facts: ReportFacts) -> list[ReportFinding]:
    """The satisfaction of mentees and of mentors (seed 004 §9.4; 000 §VI, risks 3 and 5): not
    measurable (fewer than 5 answers) — a questionnaire is recommended; below the monitoring's
    threshold — the causes are discussed and the head decides on the motivation of mentors."""
    found = []
    low = _low_satisfaction()
    for code, whom, with_whom in (
        ("satisfaction_mentees", "наставляемых", "наставляемыми"),
        ("satisfaction_mentors", "наставников", "наставниками"),
    ):
        row = facts.figure(code)
        if row is None:
            continue
        answers = int((*row.parts, 0, 0, 0)[2])
        if row.value is None:
            found.append(
                ReportFinding(
                    f"Удовлетворённость {whom} участием в наставничестве не может быть оценена: "
                    f"{'анкет нет' if not answers else 'анкет ' + str(answers) + ', а среднее приводится от 5'}.",
                    f"Провести анкетирование {whom} об удовлетворённости участием в программах наставничества.",
                )
            )
        elif row.value < low:
            found.append(
                ReportFinding(
                    f"Удовлетворённость {whom} участием в наставничестве низкая: {row.text} из 10 "
                    f"(ниже {_number(low)}).",
                    f"Обсудить с {with_whom} причины неудовлетворённости, пересмотреть формы работы и нагрузку в программах.",
                    "Рассмотреть на педагогическом совете меры морального и материального стимулирования "
                    "наставников и изменения в организации наставничества.",
                )
            )
        else:
            found.append(
                ReportFinding(f"Удовлетворённость {whom} участием в наставничестве — {row.text} из 10.")
            )
    return found


def rule_load(facts: ReportFacts) -> ReportFinding | None:
    """The load of mentors (seed 000 §VI, risk 2): mentees per mentor stated; mentors over their
    capacity ask the curator to redistribute the mentees."""
    load, over = facts.figure("mentor_load"), facts.figure("mentors_over_capacity")
    if load is None or load.value is None:
        return None
    conclusion = f"На одного наставника в отчётном периоде приходилось в среднем {load.text} наставляемого."
    extra = int(over.value or 0) if over is not None else 0
    if not extra:
        return ReportFinding(conclusion)
    verb = "ведёт" if extra % 10 == 1 and extra % 100 != 11 else "ведут"
    return ReportFinding(
        conclusion
        + f" {upper_first(agree(extra, 'наставник'))} {verb} больше наставляемых, чем допускает их нагрузка.",
        decision="Куратору перераспределить наставляемых между наставниками или привлечь новых наставников "
        "из банка наставников.",
    )


def rule_retention(facts: ReportFacts) -> ReportFinding | None:
    """The mentees who stay in the profession (seed 000 §VI «рост числа закрепившихся в
    профессии»): those who left ask for their reasons to be analysed."""
    row = facts.figure("retention")
    if row is None or row.value is None:
        return None
    staying, total = _share_terms(row)
    conclusion = f"Продолжают работать в образовательных организациях {row.text} наставляемых периода ({staying} из {total})."
    if staying >= total:
        return ReportFinding(conclusion)
    return ReportFinding(
        conclusion,
        "Проанализировать причины ухода наставляемых из профессии и учесть их при подборе наставников и "
        "составлении персонализированных программ.",
    )


def rule_roadmap(facts: ReportFacts) -> ReportFinding | None:
    """The execution of the roadmap (seed 000 App. 2; 002 §6, §10): stated; unfinished
    activities ask for their completion (a decision once the period has ended)."""
    row = facts.figure("roadmap_execution")
    if row is None or row.value is None:
        return None
    done, active = _share_terms(row)
    conclusion = f"Дорожная карта исполнена на {row.text} ({done} из {active} мероприятий, кроме отменённых)."
    if done >= active:
        return ReportFinding(conclusion)
    if facts.final:
        return ReportFinding(
            conclusion,
            decision="Куратору представить руководителю объяснение причин невыполнения мероприятий дорожной карты "
            "и перенести их в дорожную карту следующего периода.",
        )
    return ReportFinding(
        conclusion, "Выполнить оставшиеся мероприятия дорожной карты в сроки, установленные ею."
    )


def rule_reports(facts: ReportFacts) -> ReportFinding | None:
    """The mentors' reports (seed 002 §10, 004 §6.2.3): stated; programs whose term has passed
    without a report ask the mentors to submit them."""
    if not facts.worked:
        return None
    conclusion = (
        "Отчёты наставников представлены по реализуемым и завершённым программам: "
        f"{facts.reported} из {facts.worked} ({_percent(facts.reported, facts.worked)})."
    )
    if not facts.unreported_mentors:
        return ReportFinding(conclusion)
    return ReportFinding(
        conclusion,
        decision="Наставникам, не представившим отчёты по программам, срок которых истёк "
        f"({', '.join(facts.unreported_mentors)}), представить их куратору в течение двух недель.",
    )


def rule_overdue(facts: ReportFacts) -> ReportFinding | None:
    """Meetings planned and activities of the plans whose dates have passed without a mark (seed
    003 §4.7, 004 §6.2.3): the curator checks them."""

    def one(n: int) -> bool:
        return n % 10 == 1 and n % 100 != 11

    parts = []
    if facts.overdue_meetings:
        n = facts.overdue_meetings
        parts.append(
            f"{agree(n, 'встреча')} с прошедшей датой {'не отмечена' if one(n) else 'не отмечены'} в журнале встреч"
        )
    if facts.overdue_items:
        n = facts.overdue_items
        parts.append(
            f"{agree(n, 'мероприятие')} планов программ с истёкшим сроком "
            f"{'не отмечено как выполненное' if one(n) else 'не отмечены как выполненные'}"
        )
    if not parts:
        return None
    return ReportFinding(
        f"Просрочено: {'; '.join(parts)}.",
        decision="Куратору проверить проведение просроченных встреч и мероприятий, отметить их выполнение "
        "или перенести сроки с указанием причин.",
    )


def rule_training(facts: ReportFacts) -> ReportFinding | None:
    """The training of mentors (seed 000 §4.3.2, 004 §8): stated; mentors not trained in the
    period are to be sent to training."""
    if not facts.mentors_active:
        return None
    trained = min(facts.trained, facts.mentors_active)
    conclusion = (
        "Доля наставников банка (без выбывших), прошедших обучение в отчётном периоде, — "
        f"{_percent(trained, facts.mentors_active)} ({trained} из {facts.mentors_active})."
    )
    if trained >= facts.mentors_active:
        return ReportFinding(conclusion)
    return ReportFinding(
        conclusion,
        f"Направить на обучение по программам повышения квалификации наставников, не прошедших его в отчётном "
        f"периоде ({facts.mentors_active - trained}).",
    )


def rule_incentives(facts: ReportFacts) -> ReportFinding | None:
    """The mentors who completed programs (seed 003 §4.8, 004 §1.6.4): the head considers their
    reward (the table follows the decisions)."""
    if not facts.incentives:
        return None
    return ReportFinding(
        decision="Рассмотреть вопрос о поощрении наставников, завершивших реализацию персонализированных "
        "программ наставничества в отчётном периоде (список приводится ниже)."
    )


#: The rules of the final report, in the order their sentences go; each gives a finding, none or
#: several.
FINAL_RULES = (
    rule_implementing,
    rule_involvement,
    rule_young,
    rule_completion,
    rule_difficulties,
    rule_satisfaction,
    rule_load,
    rule_retention,
    rule_roadmap,
    rule_reports,
    rule_overdue,
    rule_training,
    rule_incentives,
)


def report_sections(facts: ReportFacts) -> dict[str, list[str]]:
    """``{"conclusions", "recommendations", "decisions"}``: the sentences of the rules of
    :data:`FINAL_RULES` over ``facts`` (seed 000 §VI, 003 §4.8, 004 §9.5: conclusions,
    recommendations and management decisions from the monitoring), each list never empty."""
    found: list[ReportFinding] = []
    for rule in FINAL_RULES:
        result = rule(facts)
        if isinstance(result, ReportFinding):
            found.append(result)
        elif result:
            found.extend(result)
    sections = {
        "conclusions": [f.conclusion for f in found if f.conclusion],
        "recommendations": [f.recommendation for f in found if f.recommendation],
        "decisions": [f.decision for f in found if f.decision],
    }
    if not sections["conclusions"]:
        sections["conclusions"] = ["Данных для выводов за отчётный период в системе нет."]
    if not sections["recommendations"]:
        sections["recommendations"] = [
            "Продолжить реализацию целевой модели наставничества в соответствии с дорожной картой."
        ]
    if not sections["decisions"]:
        sections["decisions"] = [
            "Показатели отчётного периода не требуют управленческих решений, кроме продолжения работы "
            "по дорожной карте."
        ]
    return sections
