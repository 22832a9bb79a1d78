"""Shared model pieces."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone


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


class HistoryEvent(models.Model):
    """One step in the history of a record: a Russian ``summary`` of what was done, an optional
    ``comment`` (a reason, the approver's remarks), the ``author`` (``None`` for the system) and
    the time. Subclasses add the foreign key to their record, the ``kind`` and the statuses, and
    inherit ``Meta`` (``class Meta(HistoryEvent.Meta)``) for the order, oldest first.
    """

    summary = models.CharField("что сделано", max_length=500)
    comment = models.TextField("комментарий", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="автор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occurred_at = models.DateTimeField("время", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["occurred_at", "pk"]

    @classmethod
    def record(cls, *, summary: str, by=None, comment: str = "", **fields):
        """Append one event now: ``summary`` cut to its 500 characters, ``by`` the acting user
        (an anonymous or missing one is recorded as the system), ``fields`` the subclass's own
        (the record, ``kind``, statuses…)."""
        author = by if getattr(by, "is_authenticated", False) else None
        return cls.objects.create(summary=summary[:500], comment=comment, author=author, **fields)


def in_force_q(on, start: str, end: str) -> models.Q:
    """``Q``: a row whose period — the dates in the fields ``start`` and ``end``, either empty
    for an open side — holds the day ``on`` (both ends included): a place of work, a learner's
    studies, a participation outside the staff in force on that day."""
    return (models.Q(**{f"{start}__isnull": True}) | models.Q(**{f"{start}__lte": on})) & (
        models.Q(**{f"{end}__isnull": True}) | models.Q(**{f"{end}__gte": on})
    )
