"""СНИЛС: normalization, checksum and display."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_NON_DIGITS = re.compile(r"\D")


def normalize_snils(value: str) -> str:
    """Digits only: ``"112-233-445 95"`` → ``"11223344595"``."""
    return _NON_DIGITS.sub("", value or "")


def snils_checksum(number: str) -> int:
    """Control number of the first nine digits of a СНИЛС.

    Sum of digit × weight (weights 9…1 from the left); below 100 it is the sum, 100 and 101
    give 0, above 101 the sum modulo 101 (then 100 → 0). Applies to numbers above
    001-001-998 (Пенсионный фонд РФ, порядок формирования страхового номера).
    """
    total = sum(int(d) * w for d, w in zip(number[:9], range(9, 0, -1), strict=True))
    if total < 100:
        return total
    if total in (100, 101):
        return 0
    rest = total % 101
    return 0 if rest == 100 else rest


def validate_snils(value: str) -> None:
    """Check an 11-digit СНИЛС by its control number.

    Raises:
        ValidationError: code ``invalid_snils`` with a Russian message.
    """
    digits = normalize_snils(value)
    if len(digits) != 11:
        raise ValidationError(
            "СНИЛС должен состоять из 11 цифр (например, 112-233-445 95).", code="invalid_snils"
        )
    if int(digits[:9]) > 1001998 and snils_checksum(digits) != int(digits[9:]):
        raise ValidationError(
            "СНИЛС %(value)s недействителен: контрольное число не совпадает.",
            code="invalid_snils",
            params={"value": format_snils(digits)},
        )


def format_snils(digits: str) -> str:
    """``"11223344595"`` → ``"112-233-445 95"``; anything else is returned unchanged."""
    if len(digits) != 11 or not digits.isdigit():
        return digits
    return f"{digits[0:3]}-{digits[3:6]}-{digits[6:9]} {digits[9:11]}"
