"""ИНН validation (via python-stdnum) with a Russian message."""

import pytest
from django.core.exceptions import ValidationError

from nastavnik.organizations.validators import validate_inn
from nastavnik.testing.factories import valid_inn


@pytest.mark.parametrize(
    "inn",
    [
        "7707083893",  # ПАО Сбербанк, legal entity (10 digits)
        "7736207543",  # ООО «Яндекс»
        "500100732259",  # an individual (12 digits)
        valid_inn(1),
        valid_inn(9_999_999),
    ],
)
def test_valid_inn_passes(inn):
    # when a valid ИНН is checked, then nothing is raised
    assert validate_inn(inn) is None


@pytest.mark.parametrize(
    "inn",
    [
        "7707083894",  # last check digit changed
        "500100732258",  # 12 digits, last check digit changed
        "500100732269",  # 12 digits, first check digit changed
        "770708389",  # 9 digits
        "77070838931",  # 11 digits
        "77070838ab",  # letters
        "",
    ],
)
def test_invalid_inn_is_refused_in_russian(inn):
    # when an invalid ИНН is checked
    with pytest.raises(ValidationError) as exc:
        validate_inn(inn)

    # then a Russian message with the code ``invalid_inn`` is raised
    assert exc.value.code == "invalid_inn"
    assert exc.value.messages == [
        f"ИНН «{inn}» недействителен: нужно 10 или 12 цифр с верными контрольными разрядами."
    ]
