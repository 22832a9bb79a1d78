"""The period of an activity in words and back (seed 000 App. 2, 003: «Март 2022», «Ноябрь – декабрь
2022», «До 01.04.2022», «Постоянно», «По запросу»…), and the roles behind the executors' text.
Plain functions, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from nastavnik.access.choices import Role
from nastavnik.roadmaps.choices import PeriodKind, Recurrence
from nastavnik.roadmaps.periods import (
    PERIOD_HELP,
    Period,
    month_index,
    month_label,
    period_format,
    period_parse,
)
from nastavnik.roadmaps.responsibility import roles_from_text, roles_label, roles_parse

D = dt.date

# --- parse and format: every kind ---------------------------------------------------------------

#: text as period_format writes it → the period it stands for.
CANONICAL = [
    ("Март 2026", Period(PeriodKind.MONTHS, D(2026, 3, 1), D(2026, 3, 31))),
    ("Февраль 2028", Period(PeriodKind.MONTHS, D(2028, 2, 1), D(2028, 2, 29))),
    ("Ноябрь – декабрь 2026", Period(PeriodKind.MONTHS, D(2026, 11, 1), D(2026, 12, 31))),
    ("Декабрь 2026 – май 2027", Period(PeriodKind.MONTHS, D(2026, 12, 1), D(2027, 5, 31))),
    ("01.03.2026 – 15.04.2026", Period(PeriodKind.DATES, D(2026, 3, 1), D(2026, 4, 15))),
    ("30.12.2026 – 10.01.2027", Period(PeriodKind.DATES, D(2026, 12, 30), D(2027, 1, 10))),
    ("15.04.2026", Period(PeriodKind.DATES, D(2026, 4, 15), D(2026, 4, 15))),
    ("До 01.04.2026", Period(PeriodKind.DATES, None, D(2026, 4, 1))),
    *[(label, Period(PeriodKind.RECURRING, recurrence=value)) for value, label in Recurrence.choices],
    (
        "Постоянно, ежегодная актуализация",
        Period(PeriodKind.RECURRING, recurrence=Recurrence.PERMANENT, note="ежегодная актуализация"),
    ),
    (
        "По запросу, запрос региона",
        Period(PeriodKind.RECURRING, recurrence=Recurrence.ON_REQUEST, note="запрос региона"),
    ),
    (
        "Март 2026, по графику ЦНППМ",
        Period(PeriodKind.MONTHS, D(2026, 3, 1), D(2026, 3, 31), note="по графику ЦНППМ"),
    ),
    ("До 20.01.2027, форма ФСН", Period(PeriodKind.DATES, None, D(2027, 1, 20), note="форма ФСН")),
]


@pytest.mark.parametrize(("text", "period"), CANONICAL, ids=[text for text, _ in CANONICAL])
def test_canonical_text_parses_to_the_period_and_formats_back(text, period):
    # when the canonical text is parsed, then it is exactly the period
    parsed = period_parse(text)
    assert parsed == period

    # and the period is written back as the same text, which reads the same again
    assert period_format(parsed) == text
    assert period_parse(period_format(parsed)) == parsed


def test_every_recurrence_label_is_recognized():
    # given every recurring period the regulations use
    for value, label in Recurrence.choices:
        # then its label, in any case, reads as that recurrence with no dates
        for text in (label, label.lower(), label.upper()):
            period = period_parse(text)
            assert (period.kind, period.recurrence, period.starts_on, period.ends_on) == (
                PeriodKind.RECURRING,
                value,
                None,
                None,
            )


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # dashes, hyphens and spaces
        ("Ноябрь-декабрь 2026", "Ноябрь – декабрь 2026"),
        ("Ноябрь—декабрь 2026", "Ноябрь – декабрь 2026"),
        ("Ноябрь − декабрь 2026", "Ноябрь – декабрь 2026"),
        ("ноябрь  –   декабрь   2026", "Ноябрь – декабрь 2026"),
        ("  Декабрь 2026-май 2027 ", "Декабрь 2026 – май 2027"),
        ("01.03.2026-15.04.2026", "01.03.2026 – 15.04.2026"),
        ("1.3.2026 — 15.4.2026", "01.03.2026 – 15.04.2026"),
        ("\tМарт\n2026", "Март 2026"),
        # case
        ("МАРТ 2026", "Март 2026"),
        ("до 01.04.2026", "До 01.04.2026"),
        ("ДО 01.04.2026", "До 01.04.2026"),
        ("постоянно", "Постоянно"),
        ("В ТЕЧЕНИЕ ГОДА", "В течение года"),
        # genitive dates, with and without «г.»
        ("1 апреля 2026 г.", "01.04.2026"),
        ("1 апреля 2026", "01.04.2026"),
        ("1 апреля 2026 г", "01.04.2026"),
        ("1 марта 2026 г. – 15 апреля 2026 г.", "01.03.2026 – 15.04.2026"),
        ("до 1 апреля 2026 г.", "До 01.04.2026"),
        ("1 АПРЕЛЯ 2026 Г.", "01.04.2026"),
        # the usual misspellings of the recurring periods
        ("В отчетный период", "В отчётный период"),
        ("в течении года", "В течение года"),
        ("В течение учебного года", "В течение года"),
        ("Регулярно", "На регулярной основе"),
    ],
)
def test_free_writing_reads_as_the_canonical_period(text, canonical):
    # when a period written freely is parsed, then it is the canonical one
    assert period_format(period_parse(text)) == canonical
    assert period_parse(text) == period_parse(canonical)


def test_genitive_date_with_the_year_mark_glued_to_the_year():
    # «1 апреля 2026г.» is how the regulations often print it
    assert period_parse("1 апреля 2026г.") == Period(PeriodKind.DATES, D(2026, 4, 1), D(2026, 4, 1))


def test_a_hyphen_inside_the_note_is_kept():
    # «онлайн-курс» in the clarification after the comma is a word, not a range
    assert period_parse("Постоянно, обновление онлайн-курса").note == "обновление онлайн-курса"


def test_a_month_range_without_a_year_is_told_to_name_the_year():
    with pytest.raises(ValueError) as error:
        period_parse("Ноябрь – декабрь")
    assert str(error.value) == f"В сроке «Ноябрь – декабрь» не указан год: {PERIOD_HELP}."


def test_note_after_the_first_comma_keeps_the_rest_of_the_text():
    # when a clarification itself holds commas
    period = period_parse("Ежегодно, до 1 сентября, по запросу МОУО")

    # then everything after the first comma is the note
    assert period.recurrence == Recurrence.YEARLY
    assert period.note == "до 1 сентября, по запросу МОУО"
    assert period_format(period) == "Ежегодно, до 1 сентября, по запросу МОУО"


# --- errors, in Russian ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", f"Срок не указан: {PERIOD_HELP}."),
        ("   ", f"Срок не указан: {PERIOD_HELP}."),
        (None, f"Срок не указан: {PERIOD_HELP}."),
        ("Март", f"В сроке «Март» не указан год: {PERIOD_HELP}."),
        ("31.02.2026", "В сроке «31.02.2026» указана несуществующая дата."),
        ("01.13.2026", "В сроке «01.13.2026» указана несуществующая дата."),
        ("32 апреля 2026 г.", "В сроке «32 апреля 2026 г.» указана несуществующая дата."),
        ("15.04.2026 – 01.03.2026", "В сроке «15.04.2026 – 01.03.2026» дата окончания раньше даты начала."),
        ("Май 2027 – март 2026", "В сроке «Май 2027 – март 2026» последний месяц раньше первого."),
        ("Декабрь – январь 2027", "В сроке «Декабрь – январь 2027» последний месяц раньше первого."),
        ("когда-нибудь", f"Срок «когда-нибудь» не понят: {PERIOD_HELP}."),
        ("2026", f"Срок «2026» не понят: {PERIOD_HELP}."),
        ("Мартобря 2026", f"Срок «Мартобря 2026» не понят: {PERIOD_HELP}."),
        ("До 01.03.2026 – 15.04.2026", f"Срок «До 01.03.2026 – 15.04.2026» не понят: {PERIOD_HELP}."),
        ("1 апрель 2026", f"Срок «1 апрель 2026» не понят: {PERIOD_HELP}."),
    ],
)
def test_a_period_that_cannot_be_read_is_refused_with_a_russian_message(text, message):
    # when the text is parsed, then a ValueError names the text and says what to write
    with pytest.raises(ValueError) as error:
        period_parse(text)
    assert str(error.value) == message


def test_the_help_names_every_kind_of_period():
    assert "«Март 2026»" in PERIOD_HELP
    assert "«До 01.04.2026»" in PERIOD_HELP
    assert "«Постоянно»" in PERIOD_HELP and "«По запросу»" in PERIOD_HELP


# --- shifting to another year, the deadline --------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "years", "expected"),
    [
        # dates keep the day; 29 February becomes the 28th
        (Period(PeriodKind.DATES, D(2024, 2, 29), D(2024, 3, 15)), 1, Period(PeriodKind.DATES, D(2025, 2, 28), D(2025, 3, 15))),
        (Period(PeriodKind.DATES, None, D(2024, 2, 29)), 2, Period(PeriodKind.DATES, None, D(2026, 2, 28))),
        (Period(PeriodKind.DATES, D(2023, 2, 28), D(2023, 2, 28)), 1, Period(PeriodKind.DATES, D(2024, 2, 28), D(2024, 2, 28))),
        (Period(PeriodKind.DATES, D(2026, 9, 1), D(2026, 9, 10), note="к 1 сентября"), -4,
         Period(PeriodKind.DATES, D(2022, 9, 1), D(2022, 9, 10), note="к 1 сентября")),
        # whole months stay whole: February ends on the 29th in a leap year and the 28th otherwise
        (Period(PeriodKind.MONTHS, D(2024, 2, 1), D(2024, 2, 29)), 1, Period(PeriodKind.MONTHS, D(2025, 2, 1), D(2025, 2, 28))),
        (Period(PeriodKind.MONTHS, D(2023, 2, 1), D(2023, 2, 28)), 1, Period(PeriodKind.MONTHS, D(2024, 2, 1), D(2024, 2, 29))),
        (Period(PeriodKind.MONTHS, D(2022, 12, 1), D(2023, 5, 31)), 4, Period(PeriodKind.MONTHS, D(2026, 12, 1), D(2027, 5, 31))),
        (Period(PeriodKind.MONTHS, D(2022, 11, 1), D(2022, 11, 30)), 4, Period(PeriodKind.MONTHS, D(2026, 11, 1), D(2026, 11, 30))),
        # recurring periods have no dates to move; zero years change nothing
        (Period(PeriodKind.RECURRING, recurrence=Recurrence.YEARLY), 3, Period(PeriodKind.RECURRING, recurrence=Recurrence.YEARLY)),
        (Period(PeriodKind.DATES, D(2024, 2, 29), D(2024, 2, 29)), 0, Period(PeriodKind.DATES, D(2024, 2, 29), D(2024, 2, 29))),
    ],
)  # fmt: skip
def test_shifted_moves_the_period_by_whole_years(period, years, expected):
    assert period.shifted(years) == expected


def test_shifted_template_period_formats_with_the_new_year():
    # given a template's period of 2022
    period = period_parse("Декабрь 2022 – май 2023")

    # when it is moved to 2026, then it reads as the same months of 2026/27
    assert period_format(period.shifted(4)) == "Декабрь 2026 – май 2027"


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Март 2026", D(2026, 3, 31)),
        ("Ноябрь 2026 – февраль 2027", D(2027, 2, 28)),
        ("01.03.2026 – 15.04.2026", D(2026, 4, 15)),
        ("До 01.04.2026", D(2026, 4, 1)),
        ("15.04.2026", D(2026, 4, 15)),
        ("Постоянно", None),
        ("Ежемесячно", None),
        ("В течение года", None),
    ],
)
def test_deadline_is_the_last_day_and_none_for_recurring_periods(text, deadline):
    assert period_parse(text).deadline == deadline


def test_month_index_counts_consecutive_months_and_labels_them():
    # consecutive months differ by one, also over the new year
    assert month_index(D(2027, 1, 15)) - month_index(D(2026, 12, 31)) == 1
    assert month_index(D(2026, 3, 1)) == 2026 * 12 + 2

    # the short label names the month and the year
    assert month_label(month_index(D(2026, 3, 1))) == "мар 2026"
    assert month_label(month_index(D(2027, 1, 1))) == "янв 2027"
    assert month_label(month_index(D(2026, 12, 1))) == "дек 2026"


# --- responsibility: the roles behind the executors' words ---------------------------------------


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # seed 003 (municipal) and 002 §10 (organization) phrases
        ("Руководители образовательных организаций", [Role.HEAD]),
        ("Руководители образовательных учреждений", [Role.HEAD]),
        ("Руководители, кураторы образовательных организаций", [Role.HEAD, Role.CURATOR]),
        ("Руководитель образовательной организации, Куратор", [Role.HEAD, Role.CURATOR]),
        ("Куратор", [Role.CURATOR]),
        ("Куратор, Педагог-психолог", [Role.CURATOR, Role.PSYCHOLOGIST]),
        ("Куратор, Совет наставников", [Role.CURATOR, Role.MENTOR_COUNCIL_MEMBER]),
        ("Куратор, Наставники", [Role.CURATOR, Role.MENTOR]),
        ("Куратор, Наставники, Совет наставников", [Role.CURATOR, Role.MENTOR_COUNCIL_MEMBER, Role.MENTOR]),
        ("Руководитель образовательной организации, Совет наставников", [Role.HEAD, Role.MENTOR_COUNCIL_MEMBER]),
        ("Отдел образования", [Role.MUNICIPAL_COORDINATOR]),
        ("ЦНППМ, МОУО, ОО", [Role.MUNICIPAL_COORDINATOR, Role.HEAD, Role.TUTOR]),
        # seed 000 App. 2 (regional) phrases
        ("АУ «Институт развития образования»", [Role.REGIONAL_OPERATOR]),
        ("АУ «Институт развития образования», ЦНППМ", [Role.REGIONAL_OPERATOR, Role.TUTOR]),
        ("Департамент, МОУО, АУ «Институт развития образования»", [Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR]),
        ("АУ «Институт развития образования», МОУО, ОО", [Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.HEAD]),
        (
            "Орган исполнительной власти субъекта Российской Федерации в сфере образования",
            [Role.REGIONAL_OPERATOR],
        ),
        ("Департамент культуры и спорта", [Role.REGIONAL_OPERATOR]),
        # nobody the system knows
        ("Организации-партнёры", []),
        ("", []),
    ],
)  # fmt: skip
def test_roles_from_text_recognizes_the_seed_phrases(text, roles):
    assert roles_from_text(text) == roles


def test_roles_from_text_ignores_case_and_yo():
    assert roles_from_text("КУРАТОР, СОВЕТ НАСТАВНИКОВ") == [Role.CURATOR, Role.MENTOR_COUNCIL_MEMBER]
    assert roles_from_text(None) == []


@pytest.mark.parametrize("codes", [[code] for code in Role.values] + [list(Role.values), []])
def test_roles_label_and_roles_parse_are_inverse(codes):
    # when roles are written as their labels and read back, then they are the same roles
    assert roles_parse(roles_label(codes)) == codes


def test_roles_label_writes_the_labels_in_the_order_of_roles():
    # the order of Role wins over the order given; unknown codes are skipped
    assert roles_label([Role.CURATOR, Role.HEAD, "janitor"]) == "Руководитель организации; Куратор"
    assert roles_parse(" куратор ;  РУКОВОДИТЕЛЬ ОРГАНИЗАЦИИ ; ") == [Role.HEAD, Role.CURATOR]
    assert roles_parse("") == []


def test_roles_parse_refuses_an_unknown_label_in_russian():
    with pytest.raises(ValueError) as error:
        roles_parse("Куратор; Завуч")
    assert str(error.value) == "Роль «Завуч» не известна: укажите роли так, как они названы в системе."
