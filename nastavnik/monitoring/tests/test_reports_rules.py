"""The rules that draft the analytical report's conclusions and recommendations
(``monitoring.reports``): each fires on the data that call for it, with correct Russian number
agreement, and stays silent otherwise."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.monitoring import reports
from nastavnik.monitoring.dashboard import Cell, median_of
from nastavnik.monitoring.indicators.base import Figure, Indicator, Rollup, all_indicators, average_value
from nastavnik.monitoring.models import FederalStatisticsReport
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.reports import Facts, gather_facts
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

YEAR = year_period(2026)


def _board(unit, *, children=(), indicators=(), medians=(), rollups=None):
    return SimpleNamespace(
        unit=unit,
        children=list(children),
        indicators=list(indicators),
        medians=list(medians),
        rollups=rollups or {},
    )


def _indicator(code="x", title="Доля педагогов-наставников", unit="percent", better="up", value=None):
    kwargs = {"value": value} if value else {}
    return Indicator(
        code=code,
        title=title,
        unit=unit,
        numerator="",
        denominator="",
        source="",
        compute=dict,
        better=better,
        **kwargs,
    )


def _org(name, **conditions):
    flags = {"has_documents": True, "has_curator": True, "has_roadmap": True, "has_program": True}
    flags.update(conditions)
    return SimpleNamespace(pk=hash(name) % 10_000, short_name=name, full_name=name, **flags)


# --- organizations: curator, roadmap, implementing ----------------------------------------------


def test_no_curator_fires_for_the_school_without_one_and_names_it(world):
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «СОШ № 3»", short_name="СОШ № 3")

    facts = gather_facts(world.muni1, YEAR)
    found = reports.rule_no_curator(facts)

    assert found is not None
    assert found.conclusion == ("В 1 организации нет куратора реализации программ наставничества: СОШ № 3.")
    assert "назначить" in found.recommendation
    assert reports.rule_no_curator(gather_facts(world.school_a, YEAR)) is None  # school A has curator_a
    assert school_c.pk in [o.pk for o in facts.organizations]


def test_no_curator_agrees_with_the_number():
    facts = Facts(unit=SimpleNamespace(level="municipality"), period=YEAR, board=None)
    facts.organizations = [_org(f"Школа {n}", has_curator=False) for n in range(4)]
    assert reports.rule_no_curator(facts).conclusion.startswith("В 4 организациях нет куратора")
    facts.organizations = [_org(f"Школа {n}", has_curator=False) for n in range(21)]
    found = reports.rule_no_curator(facts).conclusion
    assert found.startswith("В 21 организации нет куратора") and "и ещё 11" in found


def test_curator_removed_makes_the_rule_fire_for_the_school(world):
    RoleAssignment.objects.filter(org_unit=world.school_a, role=Role.CURATOR).delete()
    found = reports.rule_no_curator(gather_facts(world.school_a, YEAR))
    assert found.conclusion == "В организации не назначен куратор реализации программ наставничества."


def test_no_roadmap_fires_until_an_approved_roadmap_covers_the_period(world):
    from nastavnik.documents.testing import approved_roadmap, prepare_school

    found = reports.rule_no_roadmap(gather_facts(world.muni1, YEAR))
    assert found is not None and "СОШ № 1" in found.conclusion
    assert found.conclusion.startswith("В 1 организации нет утверждённой дорожной карты")

    prepare_school(world)
    approved_roadmap(world)  # 01.09.2026 – 30.06.2027

    assert reports.rule_no_roadmap(gather_facts(world.school_a, YEAR)) is None
    assert reports.rule_no_roadmap(gather_facts(world.school_a, year_period(2025))) is not None


def test_not_implementing_names_the_unmet_conditions(world):
    found = reports.rule_not_implementing(gather_facts(world.muni1, YEAR))

    assert found is not None
    assert found.conclusion.startswith(
        "Не реализуют целевую модель наставничества 1 организация из 1: СОШ № 1 ("
    )
    assert "нет утверждённой дорожной карты" in found.conclusion
    assert "не подписаны Положение о системе наставничества" in found.conclusion
    assert "куратор" not in found.conclusion  # that condition is met


def test_not_implementing_is_silent_when_every_condition_is_met():
    facts = Facts(unit=SimpleNamespace(level="municipality"), period=YEAR, board=None)
    facts.organizations = [_org("Школа 1"), _org("Школа 2")]
    assert reports.rule_not_implementing(facts) is None
    assert reports.rule_no_curator(facts) is None
    assert reports.rule_no_roadmap(facts) is None


# --- below the median ---------------------------------------------------------------------------


def _median_board(world, values, better="up"):
    indicator = _indicator(better=better)
    units = [world.school_a, world.school_b, f.OrgUnitFactory(parent=world.muni1, short_name="СОШ № 3")]
    figures = [Figure(u, (), v) for u, v in zip(units, values, strict=True)]
    median = median_of(values)
    return _board(
        world.muni1,
        children=units,
        indicators=[indicator],
        medians=[Cell(median, indicator.format(median))],
        rollups={"x": Rollup(indicator, Figure(world.muni1, (), 50.0), figures)},
    )


def test_below_median_names_the_units_and_counts_their_indicators(world):
    facts = Facts(unit=world.muni1, period=YEAR, board=_median_board(world, [40.0, 50.0, 60.0]))

    found = reports.rule_below_median(facts)

    assert found.conclusion == (
        "Отстают от медианы организаций: по показателю «Доля педагогов-наставников» ниже медианы "
        "(50,0 %) — СОШ № 1."
    )
    assert found.recommendation.endswith("СОШ № 1 (1 показатель).")


def test_below_median_turns_for_indicators_where_less_is_better(world):
    facts = Facts(
        unit=world.muni1, period=YEAR, board=_median_board(world, [40.0, 50.0, 60.0], better="down")
    )
    found = reports.rule_below_median(facts)
    assert "выше медианы (50,0 %) — СОШ № 3" in found.conclusion


def test_below_median_is_silent_when_all_are_equal_or_alone(world):
    assert (
        reports.rule_below_median(Facts(world.muni1, YEAR, _median_board(world, [50.0, 50.0, 50.0]))) is None
    )
    assert (
        reports.rule_below_median(Facts(world.muni1, YEAR, _median_board(world, [50.0, None, None]))) is None
    )
    assert reports.rule_below_median(Facts(world.school_a, YEAR, _board(world.school_a))) is None


# --- questionnaires -----------------------------------------------------------------------------


def test_largest_difficulty_names_the_area_and_the_least_improvement():
    facts = Facts(unit=SimpleNamespace(level="organization"), period=YEAR, board=None)
    facts.difficulties = [
        ("ИКТ-компетенции", 8.0, 6.5, -1.5),
        ("Работа с родителями", 7.0, 6.6, -0.4),
        ("Методическая работа", 6.0, 3.0, -3.0),
    ]

    found = reports.rule_largest_difficulty(facts)

    assert found.conclusion == (
        "Наибольшие затруднения по итогам программ наставничества — «Работа с родителями» "
        "(средняя самооценка 6,6 из 10)."
    )
    facts.difficulties[1] = ("Работа с родителями", 7.0, 6.0, -1.0)
    found = reports.rule_largest_difficulty(facts)
    assert (
        "— «ИКТ-компетенции» (средняя самооценка 6,5 из 10); меньше всего они снизились в области "
        "«Работа с родителями» (на 1)" in found.conclusion
    )
    assert "областям «ИКТ-компетенции» и «Работа с родителями»" in found.recommendation


def test_largest_difficulty_is_silent_without_answers():
    facts = Facts(unit=SimpleNamespace(level="organization"), period=YEAR, board=None)
    assert reports.rule_largest_difficulty(facts) is None
    facts.difficulties = [("ИКТ-компетенции", None, None, None)]
    assert reports.rule_largest_difficulty(facts) is None


def _satisfaction_board(unit, mentors_parts, mentees_parts=None):
    rollups = {}
    for code, parts in (("satisfaction_mentors", mentors_parts), ("satisfaction_mentees", mentees_parts)):
        if parts is None:
            continue
        indicator = _indicator(code=code, unit="average", value=average_value)
        rollups[code] = Rollup(indicator, Figure(unit, parts, average_value(parts)))
    return _board(unit, rollups=rollups)


def test_low_satisfaction_fires_below_six_from_five_answers(world):
    facts = Facts(world.school_a, YEAR, _satisfaction_board(world.school_a, (27, 5), (40, 5)))
    found = reports.rule_low_satisfaction(facts)
    assert found.conclusion == (
        "Удовлетворённость участием в программах наставничества ниже 6 баллов из 10: наставников — 5,4."
    )
    assert "с участием наставников" in found.recommendation


def test_low_satisfaction_is_silent_for_fewer_than_five_answers_or_a_good_mean(world):
    assert (
        reports.rule_low_satisfaction(
            Facts(world.school_a, YEAR, _satisfaction_board(world.school_a, (16, 4)))
        )
        is None
    )
    assert (
        reports.rule_low_satisfaction(
            Facts(world.school_a, YEAR, _satisfaction_board(world.school_a, (35, 5)))
        )
        is None
    )
    assert reports.rule_low_satisfaction(Facts(world.school_a, YEAR, _board(world.school_a))) is None


# --- load and the federal figure ----------------------------------------------------------------


def test_over_capacity_names_the_organizations(world, monkeypatch):
    from nastavnik.monitoring.indicators import base

    all_indicators()
    fake = dataclasses.replace(
        _indicator(code=reports.OVER_CAPACITY_CODE, unit="count"),
        compute=lambda path, period: {world.school_a.pk: (2,), world.school_b.pk: (0,)},
    )
    monkeypatch.setitem(base._REGISTRY, reports.OVER_CAPACITY_CODE, fake)

    found = reports.rule_over_capacity(Facts(world.region, YEAR, _board(world.region)))

    assert found.conclusion == "2 наставника (СОШ № 1) ведут больше наставляемых, чем допускает их нагрузка."
    fake_none = dataclasses.replace(fake, compute=lambda path, period: {world.school_a.pk: (0,)})
    monkeypatch.setitem(base._REGISTRY, reports.OVER_CAPACITY_CODE, fake_none)
    assert reports.rule_over_capacity(Facts(world.region, YEAR, _board(world.region))) is None


def test_over_capacity_on_real_data_is_silent_within_capacity(world):
    assert reports.rule_over_capacity(gather_facts(world.school_a, YEAR)) is None


def test_federal_not_confirmed_names_who_has_not_confirmed(world):
    facts = gather_facts(world.region, year_period(2025), today=dt.date(2026, 1, 10))
    found = reports.rule_federal_not_confirmed(facts)
    assert found.conclusion == (
        "Сведения для федерального статистического наблюдения за 2025 год не подтвердили "
        "2 организации (срок — до 20 января 2026 г.): СОШ № 1 и СОШ № 2."
    )

    FederalStatisticsReport.objects.create(
        organization=world.school_a, year=2025, figure=0, confirmed_at=dt.datetime(2026, 1, 9, tzinfo=dt.UTC)
    )
    facts = gather_facts(world.region, year_period(2025), today=dt.date(2026, 2, 1))
    found = reports.rule_federal_not_confirmed(facts)
    assert found.conclusion.startswith(
        "Сведения для федерального статистического наблюдения за 2025 год не подтвердила 1 организация: СОШ № 2."
    )
    assert "нарушение срока" in found.recommendation


def test_federal_not_confirmed_is_silent_before_the_year_ends_and_once_all_confirmed(world):
    assert (
        reports.rule_federal_not_confirmed(gather_facts(world.region, YEAR, today=dt.date(2026, 12, 2)))
        is None
    )
    for school in (world.school_a, world.school_b):
        FederalStatisticsReport.objects.create(
            organization=school, year=2025, figure=1, confirmed_at=dt.datetime(2026, 1, 9, tzinfo=dt.UTC)
        )
    assert (
        reports.rule_federal_not_confirmed(
            gather_facts(world.region, year_period(2025), today=dt.date(2026, 1, 10))
        )
        is None
    )


# --- the drafted texts --------------------------------------------------------------------------


def test_draft_texts_put_one_finding_per_line_and_say_so_when_nothing_was_found():
    found = [
        reports.Finding("a", "Вывод один.", "Решение один."),
        reports.Finding("b", "Вывод два.", "Решение два."),
    ]
    assert reports.draft_texts(found) == ("Вывод один.\nВывод два.", "Решение один.\nРешение два.")
    conclusions, recommendations = reports.draft_texts([])
    assert "не выявлено" in conclusions and recommendations


def test_words_of_the_report():
    assert reports.day_long(dt.date(2026, 12, 2)) == "2 декабря 2026 г."
    assert reports.number_text(5.4) == "5,4"
    assert reports.number_text(12.0) == "12"
    assert reports.change_text("percent", 45.5, 40.0) == "+5,5 п. п."
    assert reports.change_text("average", 5.0, 5.4) == "−0,4"
    assert reports.change_text("count", 3, 3) == "без изменений"
    assert reports.change_text("count", None, 3) == "—"
    assert reports.names_list(["А", "Б", "В"]) == "А, Б и В"
