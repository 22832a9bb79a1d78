"""Deterministic generators of Russian identifiers and contacts for the demo region.

Every function takes a ``random.Random`` so that one seed gives one dataset.
"""

from __future__ import annotations

import random

from stdnum.ru import inn as stdnum_inn

from nastavnik.demo.data import MOBILE_CODES
from nastavnik.people.validators import snils_checksum

#: Numbers up to 001-001-998 were issued without a checksum (people.validators).
SNILS_FIRST_CHECKED = 1_001_999

_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}


def inn_company(rng: random.Random, tax_code: str, used: set[str]) -> str:
    """A valid 10-digit ИНН of a legal entity, not in ``used`` (it is added there).

    ``tax_code`` is the four-digit code of the tax inspection («8602» for Сургут): two digits
    of the region (86 = ХМАО – Югра) and two of the inspection. The check digit is computed
    with ``stdnum.ru.inn``.
    """
    while True:
        body = f"{tax_code}{rng.randint(0, 99_999):05d}"
        inn = body + stdnum_inn.calc_company_check_digit(body)
        if inn not in used:
            used.add(inn)
            return inn


def snils(rng: random.Random, used: set[str]) -> str:
    """A valid 11-digit СНИЛС (digits only) above 001-001-998, not in ``used`` (it is added there)."""
    while True:
        body = f"{rng.randint(SNILS_FIRST_CHECKED, 999_999_999):09d}"
        number = f"{body}{snils_checksum(body):02d}"
        if number not in used:
            used.add(number)
            return number


def transliterate(text: str) -> str:
    """Latin lowercase transliteration for e-mail local parts: «Фёдорова» → ``"fedorova"``.

    Characters that are neither Cyrillic nor ASCII letters/digits are dropped; a hyphen stays.
    """
    out = []
    for char in text.lower():
        if char in _TRANSLIT:
            out.append(_TRANSLIT[char])
        elif char.isascii() and (char.isalnum() or char == "-"):
            out.append(char)
    return "".join(out)


def mobile_phone(rng: random.Random) -> str:
    """A mobile number in the form ``+7 (922) 123-45-67``."""
    code = rng.choice(MOBILE_CODES)
    return f"+7 ({code}) {rng.randint(100, 999)}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}"


def landline_phone(rng: random.Random, area_code: str) -> str:
    """A landline number with the area code: ``+7 (3462) 52-34-71``, ``+7 (34667) 2-34-71``."""
    local_digits = 10 - len(area_code)
    number = f"{rng.randint(2, 9)}{rng.randint(0, 10 ** (local_digits - 1) - 1):0{local_digits - 1}d}"
    head = number[: local_digits - 4]
    return f"+7 ({area_code}) {head}-{number[-4:-2]}-{number[-2:]}"
