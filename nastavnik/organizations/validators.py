"""Validators of Russian identifiers used by organization units."""

from django.core.exceptions import ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as stdnum_inn


def validate_inn(value: str) -> None:
    """Check an ИНН (10 digits for a legal entity, 12 for an individual) by its check digits.

    Raises:
        ValidationError: code ``invalid_inn`` with a Russian message.
    """
    try:
        stdnum_inn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            "ИНН «%(value)s» недействителен: нужно 10 или 12 цифр с верными контрольными разрядами.",
            code="invalid_inn",
            params={"value": value},
        ) from exc
