"""Calendar months of a personalized program (seed 000 §1.3: from three months to a year)."""

from __future__ import annotations

import calendar
import datetime as dt

from nastavnik.mentoring.models import PROGRAM_MAX_MONTHS, PROGRAM_MIN_MONTHS


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months; the day of month is clipped to the month's
    length (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def program_end_default(starts_on: dt.date, months: int = 9) -> dt.date:
    """The last day of a program of ``months`` calendar months starting on ``starts_on``
    (1 September + 9 months → 31 May)."""
    return add_months(starts_on, months) - dt.timedelta(days=1)


def program_period_errors(starts_on: dt.date | None, ends_on: dt.date | None) -> list[str]:
    """Russian messages when the period ``starts_on``–``ends_on`` (both days included) is not
    three to twelve calendar months (seed 000 §1.3); an empty list when it is."""
    if starts_on is None or ends_on is None:
        return []
    if ends_on < starts_on:
        return ["Дата окончания не может быть раньше даты начала."]
    shortest = add_months(starts_on, PROGRAM_MIN_MONTHS) - dt.timedelta(days=1)
    longest = add_months(starts_on, PROGRAM_MAX_MONTHS) - dt.timedelta(days=1)
    if ends_on < shortest:
        return [
            "Персонализированная программа длится не меньше трёх месяцев: при начале "
            f"{starts_on:%d.%m.%Y} она может закончиться не раньше {shortest:%d.%m.%Y}."
        ]
    if ends_on > longest:
        return [
            "Персонализированная программа длится не больше одного года: при начале "
            f"{starts_on:%d.%m.%Y} она должна закончиться не позже {longest:%d.%m.%Y}."
        ]
    return []
