"""Official Russian: names and positions by case, dates, numbers agreeing with nouns."""

import datetime as dt

import pytest

from nastavnik.core.language import DeclinedName, DeclinedPhrase, agree, date_long, decline_phrase


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 11, 21), "21 ноября 2026 г."),
        (dt.date(2027, 1, 5), "5 января 2027 г."),
        (dt.date(2026, 5, 31), "31 мая 2026 г."),
        (None, ""),
    ],
)
def test_date_long_is_the_verbal_digital_form(value, expected):
    assert date_long(value) == expected


@pytest.mark.parametrize(
    ("number", "word", "expected"),
    [
        (1, "пара", "1 пара"),
        (3, "пара", "3 пары"),
        (5, "пара", "5 пар"),
        (11, "пара", "11 пар"),
        (21, "пара", "21 пара"),
        (22, "группа", "22 группы"),
        (1, "встреча", "1 встреча"),
        (6, "встреча", "6 встреч"),
        (2, "наставник", "2 наставника"),
        (12, "месяц", "12 месяцев"),
        (3, "месяц", "3 месяца"),
    ],
)
def test_numbers_agree_with_nouns(number, word, expected):
    assert agree(number, word) == expected


FEMALE = DeclinedName("Иванова", "Мария", "Петровна", female=True)


def test_a_female_name_in_every_case():
    assert FEMALE.gen == "Ивановой Марии Петровны"
    assert FEMALE.dat == "Ивановой Марии Петровне"
    assert FEMALE.acc == "Иванову Марию Петровну"
    assert FEMALE.ins == "Ивановой Марией Петровной"
    assert FEMALE.pre == "Ивановой Марии Петровне"
    assert FEMALE.short == "Иванова М. П."
    assert FEMALE.signature == "М. П. Иванова"


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        (DeclinedName("Ильин", "Никита", "Ильич", female=False), "acc", "Ильина Никиту Ильича"),
        (DeclinedName("Шевчук", "Анна", "Игоревна", female=True), "dat", "Шевчук Анне Игоревне"),
        (DeclinedName("Шевчук", "Олег", "Игоревич", female=False), "dat", "Шевчуку Олегу Игоревичу"),
        (DeclinedName("Белых", "Павел", "Олегович", female=False), "gen", "Белых Павла Олеговича"),
        (DeclinedName("Сидоренко", "Ольга", "Петровна", female=True), "gen", "Сидоренко Ольги Петровны"),
        (
            DeclinedName("Петров-Водкин", "Кузьма", "Сергеевич", female=False),
            "ins",
            "Петровым-Водкиным Кузьмой Сергеевичем",
        ),
        (DeclinedName("Цой", "Любовь", "Андреевна", female=True), "gen", "Цой Любови Андреевны"),
        (DeclinedName("Гарипова", "Гульнара", "", female=True), "acc", "Гарипову Гульнару"),
    ],
)
def test_hard_names_follow_the_petrovich_rules(name, case, expected):
    assert getattr(name, case) == expected


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        ("учитель математики", "datv", "учителю математики"),
        ("учитель начальных классов", "accs", "учителя начальных классов"),
        (
            "заместитель директора по учебно-воспитательной работе",
            "gent",
            "заместителя директора по учебно-воспитательной работе",
        ),
        ("педагог-психолог", "ablt", "педагогом-психологом"),
        ("старший воспитатель", "gent", "старшего воспитателя"),
        ("социальный педагог", "datv", "социальному педагогу"),
        ("директор", "ablt", "директором"),
        ("педагог дополнительного образования", "accs", "педагога дополнительного образования"),
        ("Учитель-логопед", "datv", "Учителю-логопеду"),
    ],
)
def test_positions_decline_their_head_words_only(phrase, case, expected):
    assert decline_phrase(phrase, case) == expected


def test_an_unknown_word_is_left_as_typed():
    assert DeclinedPhrase("тьютор ЦНППМ").dat == "тьютору ЦНППМ"
    assert decline_phrase("", "datv") == ""


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError):
        decline_phrase("учитель", "vocative")


def test_a_position_is_written_in_lower_case_inside_a_sentence():
    position = DeclinedPhrase("Заместитель директора (заведующего, начальника) образовательной организации")

    assert position.dat == "заместителю директора (заведующего, начальника) образовательной организации"
    assert position.capitalized.startswith("Заместитель директора")
    assert DeclinedPhrase("ЦНППМ").nom == "ЦНППМ"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1 дня"), (2, "2 дней"), (10, "10 дней"), (11, "11 дней"), (21, "21 дня"), (22, "22 дней")],
)
def test_a_count_agrees_in_the_genitive_after_a_preposition(number, expected):
    # «в течение 10 дней», «в течение 21 дня»
    assert agree(number, "день", "gent") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Реверсивное наставничество", "реверсивное наставничество"),
        ("ИКТ-компетенции", "ИКТ-компетенции"),
        ("ЦНППМ", "ЦНППМ"),
        ("", ""),
    ],
)
def test_lower_first_keeps_abbreviations(text, expected):
    from nastavnik.core.language import lower_first

    assert lower_first(text) == expected


@pytest.mark.parametrize(
    ("name", "case", "expected"),
    [
        (
            "МБОУ «Средняя общеобразовательная школа № 1»",
            "gent",
            "МБОУ «Средняя общеобразовательная школа № 1»",
        ),
        ("МБДОУ детский сад № 5 «Ромашка»", "loct", "МБДОУ детский сад № 5 «Ромашка»"),
        ("«Гимназия № 2»", "ablt", "«Гимназия № 2»"),
        (
            "Муниципальное автономное учреждение дополнительного образования «Дом детского творчества»",
            "loct",
            "муниципальном автономном учреждении дополнительного образования «Дом детского творчества»",
        ),
    ],
)
def test_an_abbreviation_or_a_quoted_name_heading_an_organization_name_does_not_decline(name, case, expected):
    from nastavnik.core.language import organization_name_case

    assert organization_name_case(name, case) == expected


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        ("город Сургут", "gent", "города Сургута"),
        ("город Ханты-Мансийск", "loct", "городе Ханты-Мансийске"),
        ("город Сочи", "loct", "городе Сочи"),
        ("Администрация города Сургута", "ablt", "Администрацией города Сургута"),
    ],
)
def test_a_towns_name_agrees_with_gorod(phrase, case, expected):
    assert decline_phrase(phrase, case) == expected
