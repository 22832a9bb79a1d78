"""The score of a pair and its Russian explanation; the hard rules (pure, no database)."""

import dataclasses
import datetime as dt

import pytest

from nastavnik.bank.choices import MentorStatus
from nastavnik.matching.choices import Compatibility
from nastavnik.matching.scoring import (
    WEIGHTS,
    MenteeFacts,
    MentorFacts,
    Relations,
    hard_rule_violations,
    plural,
    score,
    signed,
    written_consent_problems,
)

METHODICAL = "Методические"
ICT = "ИКТ-компетенции, цифровизация образования"
LEGAL = "Нормативные правовые"
HEALTH = "Здоровьесбережение обучающихся"


def mentor(**fields) -> MentorFacts:
    values = dict(
        person_id=1,
        name="Наставникова Анна Ивановна",
        organization_id=10,
        municipality_id=100,
        region_id=1000,
        competences={METHODICAL: 5, ICT: 4, LEGAL: 3},
        subjects=frozenset({"Математика", "Информатика"}),
        pedagogical_experience_years=20,
        load=0,
        capacity=3,
        consent_given_on=dt.date(2026, 1, 10),
    )
    values.update(fields)
    return MentorFacts(**values)


def mentee(**fields) -> MenteeFacts:
    values = dict(
        person_id=2,
        name="Молодцова Мария Петровна",
        organization_id=10,
        municipality_id=100,
        region_id=1000,
        deficits={METHODICAL: 2, ICT: 2},
        subjects=frozenset({"Математика"}),
        pedagogical_experience_years=1,
        consent_given_on=dt.date(2026, 2, 1),
    )
    values.update(fields)
    return MenteeFacts(**values)


def line(result, criterion: str) -> list[str]:
    return [reason.text for reason in result.reasons if reason.criterion == criterion]


def test_every_criterion_is_explained_in_russian_and_the_lines_add_up():
    # given a mentor of the same school with a marked and earlier pair history
    relations = Relations(
        ended={(1, 2): dt.date(2025, 5, 31)}, marks={(1, 2): Compatibility.RATHER_COMPATIBLE}
    )
    result = score(mentor(load=2), mentee(request_areas=frozenset({LEGAL})), relations)
    # then each criterion has its line with its points
    assert result.lines() == [
        "Закрывает затруднения: методические (выраженный дефицит, уровень наставника 5); "
        "ИКТ-компетенции, цифровизация образования (выраженный дефицит, уровень наставника 4) — +27",
        "Отвечает на запрос: нормативные правовые (уровень 3) — +6",
        "Тот же предмет: математика — +10",
        "Та же организация — +10",
        "Разница в педагогическом стаже 19 лет — +9",
        "Загрузка 2 из 3 — −6",
        "Уже были в паре (до 31.05.2025) — −15",
        "Психолог: скорее совместимы — +5",
    ]
    assert result.total == 27 + 6 + 10 + 10 + 9 - 6 - 15 + 5
    assert result.total == sum(reason.points for reason in result.reasons)


def test_uncovered_deficits_and_missing_data_are_named_with_zero_points():
    result = score(
        mentor(subjects=frozenset(), pedagogical_experience_years=None),
        mentee(deficits={METHODICAL: 2, HEALTH: 1}),
    )
    assert (
        "Не закрывает затруднения: здоровьесбережение обучающихся (незначительный дефицит) — 0"
        in result.lines()
    )
    assert line(result, "subject") == ["Предмет наставника или наставляемого не указан — 0"]
    assert line(result, "experience") == ["Педагогический стаж наставника или наставляемого не указан — 0"]
    assert line(result, "psychologist") == ["Совместимость психологом не оценивалась — 0"]
    assert line(result, "load") == ["Свободен: занято 0 из 3 — 0"]
    nothing = score(mentor(), mentee(deficits={}))
    assert "Затруднения и запрос наставляемого не указаны — 0" in nothing.lines()


def test_a_covered_critical_deficit_weighs_more_and_comes_first():
    # given a mentee with a critical ICT deficit and a minor methodical one
    result = score(mentor(), mentee(deficits={METHODICAL: 1, ICT: 3}))
    # then the critical one gives 4 points per level of the mentor, the minor one 3, and is named first
    assert line(result, "difficulty") == [
        "Закрывает затруднения: ИКТ-компетенции, цифровизация образования (критический дефицит, "
        "уровень наставника 4); методические (незначительный дефицит, уровень наставника 5) — +31"
    ]
    assert WEIGHTS["critical_deficit"].points * 4 + WEIGHTS["difficulty"].points * 5 == 31
    # and a mentor stronger in the critical area outscores an equal one stronger elsewhere
    ict_strong = score(mentor(competences={METHODICAL: 3, ICT: 5}), mentee(deficits={METHODICAL: 2, ICT: 3}))
    methodical_strong = score(
        mentor(competences={METHODICAL: 5, ICT: 3}), mentee(deficits={METHODICAL: 2, ICT: 3})
    )
    assert ict_strong.total > methodical_strong.total
    # but not when both deficits are of the same level
    same = [
        score(mentor(competences=c), mentee(deficits={METHODICAL: 2, ICT: 2})).total
        for c in ({METHODICAL: 3, ICT: 5}, {METHODICAL: 5, ICT: 3})
    ]
    assert same[0] == same[1]


@pytest.mark.parametrize(
    ("mentor_fields", "expected", "points"),
    [
        ({}, "Та же организация — +10", 10),
        ({"organization_id": 11}, "Другая организация того же муниципального образования — +5", 5),
        (
            {"organization_id": 12, "municipality_id": 101, "virtual": True},
            "Другое муниципальное образование, но наставник работает в виртуальном виде — 0",
            0,
        ),
        (
            {"organization_id": 12, "municipality_id": 101},
            "Другое муниципальное образование, виртуальный вид наставник не указал — 0",
            0,
        ),
    ],
)
def test_place(mentor_fields, expected, points):
    reasons = [r for r in score(mentor(**mentor_fields), mentee()).reasons if expected in r.text]
    assert reasons and reasons[0].points == points


def test_experience_gap_is_capped_and_a_less_experienced_mentor_loses_points_unless_reverse():
    assert line(score(mentor(pedagogical_experience_years=40), mentee()), "experience") == [
        "Разница в педагогическом стаже 39 лет — +10"
    ]
    assert line(score(mentor(pedagogical_experience_years=3), mentee()), "experience") == [
        "Разница в педагогическом стаже 2 года — +1"
    ]
    younger = score(mentor(pedagogical_experience_years=3), mentee(pedagogical_experience_years=5))
    assert line(younger, "experience_not_greater") == [
        "Стаж наставника (3 года) не больше стажа наставляемого (5 лет) — −5"
    ]
    reverse = score(
        mentor(pedagogical_experience_years=1, reverse=True), mentee(pedagogical_experience_years=21)
    )
    assert line(reverse, "experience_not_greater") == [
        "Стаж наставника (1 год) не больше стажа наставляемого (21 год), "
        "но наставник работает в реверсивном виде — 0"
    ]


@pytest.mark.parametrize(
    ("mark", "text"),
    [
        (Compatibility.COMPATIBLE, "Психолог: совместимы — +10"),
        (Compatibility.RATHER_COMPATIBLE, "Психолог: скорее совместимы — +5"),
        (Compatibility.RATHER_INCOMPATIBLE, "Психолог: скорее несовместимы — −10"),
        (Compatibility.INCOMPATIBLE, "Психолог: несовместимы — −30"),
    ],
)
def test_psychologist_mark(mark, text):
    result = score(mentor(), mentee(), Relations(marks={(1, 2): mark}))
    assert line(result, "psychologist") == [text]


def test_missing_written_consents_are_shown_but_cost_nothing():
    with_consents = score(mentor(), mentee())
    without = score(mentor(consent_given_on=None), mentee(consent_given_on=None))
    assert without.total == with_consents.total
    assert line(without, "consents") == [
        "Нет письменного согласия наставника Наставникова Анна Ивановна (понадобится для утверждения пары) — 0",
        "Нет письменного согласия наставляемого Молодцова Мария Петровна (понадобится для утверждения пары) — 0",
    ]
    assert written_consent_problems(mentor(), mentee()) == []


def test_hard_rules_name_every_reason_a_pair_is_impossible():
    assert hard_rule_violations(mentor(), mentee()) == []
    assert hard_rule_violations(mentor(person_id=2), mentee()) == [
        "Наставникова Анна Ивановна: нельзя быть наставником самому себе"
    ]
    problems = hard_rule_violations(
        mentor(
            status=MentorStatus.PAUSED,
            has_pd_consent=False,
            load=3,
            organization_id=12,
            municipality_id=101,
        ),
        mentee(has_pd_consent=False),
        Relations(active=frozenset({(1, 2)})),
    )
    assert problems == [
        "Наставникова Анна Ивановна — не действующий наставник (статус: приостановлен)",
        "У наставника Наставникова Анна Ивановна нет действующего согласия на обработку персональных данных",
        "У наставника Наставникова Анна Ивановна нет свободных мест: занято 3 из 3",
        "У наставляемого Молодцова Мария Петровна нет действующего согласия на обработку персональных данных",
        "Наставник Наставникова Анна Ивановна — из другого муниципального образования и не работает "
        "в виртуальном виде",
        "Наставникова Анна Ивановна и Молодцова Мария Петровна уже работают в паре",
    ]


def test_virtual_kind_admits_the_region_only():
    far = mentor(organization_id=12, municipality_id=101, virtual=True)
    assert hard_rule_violations(far, mentee()) == []
    assert hard_rule_violations(dataclasses.replace(far, region_id=2000), mentee()) != []
    # an organization without a municipality: the same organization still admits
    assert hard_rule_violations(mentor(municipality_id=None), mentee(municipality_id=None)) == []


def test_weights_table_cites_a_source_for_every_criterion():
    assert all(weight.source.startswith("seed 00") for weight in WEIGHTS.values())
    assert WEIGHTS["psychologist"].source.startswith("seed 000 §3.5")


def test_russian_number_words():
    assert [plural(n, "год", "года", "лет") for n in (1, 2, 5, 11, 14, 21, 22, 25, 101, 111)] == [
        "год",
        "года",
        "лет",
        "лет",
        "лет",
        "год",
        "года",
        "лет",
        "год",
        "лет",
    ]
    assert [signed(p) for p in (5, 0, -7)] == ["+5", "0", "−7"]
