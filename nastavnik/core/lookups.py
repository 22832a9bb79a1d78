"""``__in`` over an integer column ignores values the column cannot hold.

Django (5.2) drops out-of-range integers from ``exact``, ``gt``, ``lt``… lookups
(``django.db.models.lookups.IntegerFieldOverflow``) but not from ``in``: on SQLite
``pk__in=[99999999999999999999]`` raises ``OverflowError`` while binding the parameter. Such
lists come from users — a ``ModelMultipleChoiceField`` checks the posted ids with
``pk__in`` — so a garbage id in a form was a 500 (issue 13). A value no row can have matches no
row: it is dropped, and an ``in`` left empty matches nothing, as Django's own ``in`` does.
"""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """``in`` for integer fields (``AutoField``, ``BigAutoField``…): values outside the
    database's range for the column are left out before the parameters are bound."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Install :class:`IntegerFieldIn` as ``in`` of every integer field (``CoreConfig.ready``)."""
    IntegerField.register_lookup(IntegerFieldIn)
