"""Shared model pieces."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class ConstraintFieldErrorsMixin:
    """Report violations of named constraints on a field instead of form-wide.

    Django reports a conditional ``UniqueConstraint`` (e.g. "ИНН unique when present") as a
    non-field error; ``constraint_error_fields = {"constraint_name": "field"}`` moves its
    message onto that field, for forms, the admin and services alike.
    """

    constraint_error_fields: dict[str, str] = {}

    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            raise self._rekey(exc) from None

    def _rekey(self, exc: ValidationError) -> ValidationError:
        by_message = {}
        for constraint in self._meta.constraints:
            field = self.constraint_error_fields.get(constraint.name)
            if field:
                by_message[str(constraint.get_violation_error_message())] = field
        errors = exc.update_error_dict({})
        moved: dict[str, list] = {}
        for key, items in errors.items():
            for item in items:
                message = " ".join(ValidationError(item).messages)
                target = by_message.get(message, key) if key == NON_FIELD_ERRORS else key
                moved.setdefault(target, []).append(item)
        return ValidationError(moved)
