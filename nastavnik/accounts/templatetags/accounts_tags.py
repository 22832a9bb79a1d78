"""Template filters of the accounts pages."""

from __future__ import annotations

from datetime import timedelta

from django import template

from nastavnik.accounts.services import plural

register = template.Library()


@register.filter
def duration(value) -> str:
    """«30 минут», «1 час 30 минут», «2 часа» (the accusative: «через…», «на…») from a
    ``timedelta``, rounded to minutes; «» for anything else."""
    if not isinstance(value, timedelta):
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} {plural(hours, 'час', 'часа', 'часов')}")
    if minutes:
        parts.append(f"{minutes} {plural(minutes, 'минуту', 'минуты', 'минут')}")
    return " ".join(parts)
