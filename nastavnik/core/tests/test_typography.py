"""The typographic pass of every printed text (issue 15 item 3)."""

import pytest

from nastavnik.core.typography import NBSP, typeset


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Н. Б. Копылова", f"Н.{NBSP}Б.{NBSP}Копылова"),
        ("Копылова Н. Б., учитель", f"Копылова{NBSP}Н.{NBSP}Б., учитель"),
        ("Копылова Н.Б.", f"Копылова{NBSP}Н.{NBSP}Б."),
        ("№ 273-ФЗ", f"№{NBSP}273-ФЗ"),
        ("№273-ФЗ", f"№{NBSP}273-ФЗ"),
        ("(далее - модель)", f"(далее{NBSP}— модель)"),
        ("(далее – модель)", f"(далее{NBSP}— модель)"),
        ("(далее — модель)", f"(далее{NBSP}— модель)"),
        ("22.09.2026 – 31.05.2027", "22.09.2026–31.05.2027"),
        ("2026 - 2027 гг.", f"2026–2027{NBSP}гг."),
        ("– первый пункт;", "— первый пункт;"),
        ('школа "Радуга"', "школа «Радуга»"),
        ('"Школа "Радуга""', "«Школа „Радуга“»"),
        ("Итоги::", "Итоги:"),
        ("слово ,слово", "слово ,слово"),
        ("слово , и", "слово, и"),
        ("г. Сургут, ул. Ленина, д. 1", f"г.{NBSP}Сургут, ул.{NBSP}Ленина, д.{NBSP}1"),
        ("29 декабря 2012 г.", f"29 декабря 2012{NBSP}г."),
        ("в школе и в саду", f"в{NBSP}школе и{NBSP}в{NBSP}саду"),
        ("", ""),
    ],
)
def test_typeset(source, expected):
    assert typeset(source) == expected


@pytest.mark.parametrize(
    "source",
    ["Н. Б. Копылова", "(далее – модель) 2026 - 2027 гг.", 'школа "Радуга" в г. Сургут № 5', "– пункт"],
)
def test_typeset_is_idempotent(source):
    once = typeset(source)
    assert typeset(once) == once


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Цифровой урок", "«Цифровой урок»"),
        ("«Цифровой урок»", "«Цифровой урок»"),
        ('"Цифровой урок"', "«Цифровой урок»"),
        ("Проект «Цифровая лаборатория 5-х классов»", "«Проект „Цифровая лаборатория 5-х классов“»"),
        ("«Школа» и «семья»", "«„Школа“ и „семья“»"),
    ],
)
def test_a_typed_title_is_quoted_once(title, expected):
    from nastavnik.core.typography import quoted

    assert quoted(title) == expected
