"""The period an indicator, a dashboard or a report covers (issue 14: «over any period»).

A period is a closed range of dates. The selector on the pages reads ``?period=`` as a year
(``2026``), a quarter (``2026-q3``), a month (``2026-11``) or a range (``from``/``to`` in
``ДД.ММ.ГГГГ`` or ISO form); anything unreadable falls back to the current year and says so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

_MONTHS = [
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
]  # fmt: skip

#: The earliest and latest years a period may name (the model dates from 2022).
MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True)
class Period:
    """Dates ``start``–``end`` inclusive, with the ``key`` the selector writes (``"2026"``,
    ``"2026-q3"``, ``"2026-11"`` or ``"2026-01-15..2026-03-01"``)."""

    start: dt.date
    end: dt.date
    key: str

    @property
    def label(self) -> str:
        """Russian: «2026 год», «III квартал 2026 г.», «ноябрь 2026 г.», «15.01.2026 – 01.03.2026»."""
        if re.fullmatch(r"\d{4}", self.key):
            return f"{self.key} год"
        if m := re.fullmatch(r"(\d{4})-q([1-4])", self.key):
            return f"{'I II III IV'.split()[int(m[2]) - 1]} квартал {m[1]} г."
        if m := re.fullmatch(r"(\d{4})-(\d{2})", self.key):
            return f"{_MONTHS[int(m[2]) - 1]} {m[1]} г."
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one (the year before a year, the
        quarter before a quarter, the month before a month)."""
        if re.fullmatch(r"\d{4}", self.key):
            return year_period(self.start.year - 1)
        if m := re.fullmatch(r"(\d{4})-q([1-4])", self.key):
            year, q = int(m[1]), int(m[2]) - 1
            return quarter_period(year - 1, 4) if q == 0 else quarter_period(year, q)
        if re.fullmatch(r"\d{4}-\d{2}", self.key):
            first = self.start - dt.timedelta(days=1)
            return month_period(first.year, first.month)
        end = self.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=self.days - 1)
        return range_period(start, end)


def year_period(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def quarter_period(year: int, quarter: int) -> Period:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    return Period(
        dt.date(year, first_month, 1),
        dt.date(year, last_month, calendar.monthrange(year, last_month)[1]),
        f"{year}-q{quarter}",
    )


def month_period(year: int, month: int) -> Period:
    return Period(
        dt.date(year, month, 1),
        dt.date(year, month, calendar.monthrange(year, month)[1]),
        f"{year}-{month:02d}",
    )


def range_period(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def _date(text: str) -> dt.date | None:
    text = (text or "").strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return day if MIN_YEAR <= day.year <= MAX_YEAR else None
    return None


def parse_period(params, today: dt.date | None = None) -> tuple[Period, str]:
    """The period named by the query ``params`` (a ``QueryDict`` or a dict): ``period`` as a
    year, quarter, month or ``start..end``; or ``from`` and ``to``. Returns ``(period, error)``:
    ``error`` is a Russian sentence when the input could not be read (then the period is the
    current year), else ``""``. Never raises."""
    today = today or timezone.localdate()
    default = year_period(today.year)
    key = str(params.get("period", "") or "").strip()
    start_text, end_text = str(params.get("from", "") or ""), str(params.get("to", "") or "")
    if not key and (start_text or end_text):
        start, end = _date(start_text), _date(end_text)
        if start and end and start <= end:
            return range_period(start, end), ""
        return (
            default,
            "Период указан неверно: даты «с» и «по» пишутся как ДД.ММ.ГГГГ, и «с» не позже «по». Показан текущий год.",
        )
    if not key:
        return default, ""
    if re.fullmatch(r"\d{4}", key) and MIN_YEAR <= int(key) <= MAX_YEAR:
        return year_period(int(key)), ""
    if (m := re.fullmatch(r"(\d{4})-q([1-4])", key)) and MIN_YEAR <= int(m[1]) <= MAX_YEAR:
        return quarter_period(int(m[1]), int(m[2])), ""
    if (
        (m := re.fullmatch(r"(\d{4})-(\d{2})", key))
        and MIN_YEAR <= int(m[1]) <= MAX_YEAR
        and 1 <= int(m[2]) <= 12
    ):
        return month_period(int(m[1]), int(m[2])), ""
    if m := re.fullmatch(r"(\S+)\.\.(\S+)", key):
        start, end = _date(m[1]), _date(m[2])
        if start and end and start <= end:
            return range_period(start, end), ""
    return default, "Период указан неверно. Показан текущий год."


def period_choices(today: dt.date | None = None, years: int = 5) -> list[tuple[str, str]]:
    """``(key, label)`` for the selector: the last ``years`` years, then the quarters of the
    current and the previous year."""
    today = today or timezone.localdate()
    choices = [(str(y), f"{y} год") for y in range(today.year, today.year - years, -1)]
    for year in (today.year, today.year - 1):
        for q in range(4, 0, -1):
            p = quarter_period(year, q)
            if p.start <= today:
                choices.append((p.key, p.label))
    return choices
