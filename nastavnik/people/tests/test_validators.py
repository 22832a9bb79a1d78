"""СНИЛС: normalization, control number, validation and display."""

import pytest
from django.core.exceptions import ValidationError

from nastavnik.people.validators import format_snils, normalize_snils, snils_checksum, validate_snils
from nastavnik.testing.factories import valid_snils


def with_check(body: str, delta: int = 0) -> str:
    """``body`` (9 digits) with its control number, shifted by ``delta`` to make it wrong."""
    return body + f"{(snils_checksum(body) + delta) % 100:02d}"


@pytest.mark.parametrize(
    "snils",
    [
        "112-233-445 95",  # the textbook example
        "11223344595",
        " 112 233 445 95 ",
        "100-019-899 00",  # sum 101 → control number 00
        "101-998-999 00",  # sum 201, modulo 101 is 100 → 00
        with_check("999999999"),  # sum above 101 → modulo 101
        "001-001-998 00",  # numbers up to 001-001-998 carry no control number
        valid_snils(1),
        valid_snils(123_456),
    ],
)
def test_valid_snils_passes(snils):
    # when a valid СНИЛС is checked, then nothing is raised
    assert validate_snils(snils) is None


@pytest.mark.parametrize(
    "snils",
    [
        "112-233-445 96",  # check digits changed
        "112-233-445 59",  # check digits swapped
        "112-233-454 95",  # body digits swapped
        with_check("999999999", delta=1),
        with_check("100019899", delta=1),
    ],
)
def test_snils_with_a_wrong_control_number_is_refused_in_russian(snils):
    # when a СНИЛС with a wrong control number is checked
    with pytest.raises(ValidationError) as exc:
        validate_snils(snils)

    # then the Russian message names it, formatted
    assert exc.value.code == "invalid_snils"
    assert exc.value.messages == [
        f"СНИЛС {format_snils(normalize_snils(snils))} недействителен: контрольное число не совпадает."
    ]


@pytest.mark.parametrize("snils", ["", "123", "112-233-445 9", "112-233-445 955", "абв-где-жзи 95"])
def test_snils_of_the_wrong_length_is_refused_in_russian(snils):
    # when a СНИЛС without 11 digits is checked, then the message says how it must look
    with pytest.raises(ValidationError) as exc:
        validate_snils(snils)
    assert exc.value.messages == ["СНИЛС должен состоять из 11 цифр (например, 112-233-445 95)."]


def weighted_sum(body: str) -> int:
    return sum(int(d) * w for d, w in zip(body, range(9, 0, -1), strict=True))


@pytest.mark.parametrize(
    ("body", "total", "expected"),
    [
        ("112233445", 95, 95),  # below 100 → the sum itself
        ("100018999", 100, 0),  # 100 → 00
        ("100019899", 101, 0),  # 101 → 00
        ("100019989", 102, 1),  # above 101 → modulo 101
        ("101998999", 201, 0),  # modulo 101 gives 100 → 00
        ("101999899", 202, 0),  # modulo 101 gives 0
    ],
)
def test_checksum_follows_the_rules_of_the_pension_fund(body, total, expected):
    # given a body with a known weighted sum
    assert weighted_sum(body) == total

    # when its control number is computed, then it follows the rule for that sum
    assert snils_checksum(body) == expected


def test_normalize_and_format_round_trip():
    # when a typed СНИЛС is normalized and formatted back
    digits = normalize_snils("112-233-445 95")

    # then digits only are stored and the familiar form is displayed
    assert digits == "11223344595"
    assert format_snils(digits) == "112-233-445 95"
    assert format_snils("123") == "123"
    assert normalize_snils(None) == ""
