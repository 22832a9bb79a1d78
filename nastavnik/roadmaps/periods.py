"""The period of a roadmap activity, in the words of the regulations and back.

A period is exact dates («01.03.2026 – 15.04.2026», a deadline «До 01.04.2026»), a range of
whole months («Март 2026», «Ноябрь – декабрь 2026», «Декабрь 2026 – май 2027») or a recurring
period («Постоянно», «Ежегодно», «Ежемесячно», «По запросу», «В течение года»…, seed 000 App. 2,
003), optionally followed by a clarification after a comma («Постоянно, ежегодная актуализация»).
:func:`period_format` writes what :func:`period_parse` reads, so an exported roadmap imports
back unchanged.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from nastavnik.core.language import MONTHS_GENITIVE
from nastavnik.roadmaps.choices import PeriodKind, Recurrence

MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)

#: Words of the recurring periods as people write them → ``Recurrence``.
RECURRENCE_WORDS: dict[str, str] = {
    **{label.lower(): value for value, label in Recurrence.choices},
    "в отчетный период": Recurrence.REPORTING_PERIOD,
    "в течении года": Recurrence.DURING_YEAR,
    "в течение учебного года": Recurrence.DURING_YEAR,
    "в течение всего срока": Recurrence.WHOLE_PERIOD,
    "в течении всего периода": Recurrence.WHOLE_PERIOD,
    "регулярно": Recurrence.REGULAR,
}

PERIOD_HELP = (
    "укажите месяц и год («Март 2026»), месяцы («Ноябрь – декабрь 2026», «Декабрь 2026 – май 2027»), "
    "даты («01.03.2026 – 15.04.2026», «До 01.04.2026») или периодичность («Постоянно», «Ежегодно», "
    "«Ежемесячно», «По запросу», «В течение года», «В течение всего периода»)"
)

_MONTH = "|".join(MONTHS_NOMINATIVE)
_MONTHS_RE = re.compile(
    rf"^(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?(?:\s*–\s*(?P<m2>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?)?$"
)
_DAY = rf"\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\d{{1,2}}\s+(?:{'|'.join(MONTHS_GENITIVE)})\s+\d{{4}}(?:\s*г\.?)?"
_DATES_RE = re.compile(rf"^(?:(?P<until>до)\s+)?(?P<d1>{_DAY})(?:\s*–\s*(?P<d2>{_DAY}))?$")


@dataclass(frozen=True)
class Period:
    """The period of one activity.

    ``kind``: a ``PeriodKind``. For ``DATES``: ``starts_on`` (``None`` for a deadline «До …») and
    ``ends_on``. For ``MONTHS``: ``starts_on`` the first day of the first month, ``ends_on`` the
    last day of the last month. For ``RECURRING``: ``recurrence`` (a ``Recurrence``), no dates.
    ``note``: a clarification written after a comma, or ``""``.
    """

    kind: str
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    recurrence: str = ""
    note: str = ""

    @property
    def deadline(self) -> dt.date | None:
        """The last day of the activity; ``None`` for a recurring one (it has no deadline of its
        own and runs through the roadmap's period)."""
        return None if self.kind == PeriodKind.RECURRING else self.ends_on

    def shifted(self, years: int) -> Period:
        """The same period ``years`` later (earlier when negative); a 29 February becomes the
        28th, and a month range keeps whole months."""
        if self.kind == PeriodKind.RECURRING or not years:
            return self
        starts_on = _add_years(self.starts_on, years) if self.starts_on else None
        ends_on = _add_years(self.ends_on, years) if self.ends_on else None
        if self.kind == PeriodKind.MONTHS and ends_on is not None:
            ends_on = _month_end(ends_on.year, ends_on.month)
        return replace(self, starts_on=starts_on, ends_on=ends_on)


def _add_years(value: dt.date, years: int) -> dt.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _normalize(text: str) -> str:
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    text = re.sub(r"\s*[-—−‒]\s*", " – ", text)
    return re.sub(r"\s*–\s*", " – ", text)


def _day(text: str) -> dt.date:
    text = re.sub(r"\s*г\.?$", "", text.strip()).strip()
    if "." in text:
        day, month, year = (int(part) for part in text.split("."))
    else:
        day_word, month_word, year_word = text.split()[:3]
        day, month, year = int(day_word), MONTHS_GENITIVE.index(month_word) + 1, int(year_word)
    return dt.date(year, month, day)


def period_parse(text: str) -> Period:
    """Read a period written in words (see the module's docstring); case and dashes are free.

    Raises:
        ValueError: with a Russian message naming the text and what may be written instead —
            for an unknown wording, an impossible date (31.02.2026), or an end before the start.
    """
    source = re.sub(r"\s+", " ", str(text or "")).strip()
    head, _, note = source.partition(", ")
    lowered = _normalize(head).lower()
    note = note.strip()
    if not lowered:
        raise ValueError(f"Срок не указан: {PERIOD_HELP}.")
    if lowered in RECURRENCE_WORDS:
        return Period(kind=PeriodKind.RECURRING, recurrence=RECURRENCE_WORDS[lowered], note=note)
    if match := _MONTHS_RE.match(lowered):
        first = MONTHS_NOMINATIVE.index(match["m1"]) + 1
        last = MONTHS_NOMINATIVE.index(match["m2"]) + 1 if match["m2"] else first
        last_year = int(match["y2"] or match["y1"] or 0)
        if not last_year:
            raise ValueError(f"В сроке «{source}» не указан год: {PERIOD_HELP}.")
        first_year = int(match["y1"] or last_year)
        starts_on, ends_on = dt.date(first_year, first, 1), _month_end(last_year, last)
        if ends_on < starts_on:
            raise ValueError(f"В сроке «{source}» последний месяц раньше первого.")
        return Period(kind=PeriodKind.MONTHS, starts_on=starts_on, ends_on=ends_on, note=note)
    if match := _DATES_RE.match(lowered):
        try:
            first = _day(match["d1"])
            second = _day(match["d2"]) if match["d2"] else None
        except ValueError:
            raise ValueError(f"В сроке «{source}» указана несуществующая дата.") from None
        if match["until"]:
            if second is not None:
                raise ValueError(f"Срок «{source}» не понят: {PERIOD_HELP}.")
            return Period(kind=PeriodKind.DATES, starts_on=None, ends_on=first, note=note)
        ends_on = second or first
        if ends_on < first:
            raise ValueError(f"В сроке «{source}» дата окончания раньше даты начала.")
        return Period(kind=PeriodKind.DATES, starts_on=first, ends_on=ends_on, note=note)
    raise ValueError(f"Срок «{source}» не понят: {PERIOD_HELP}.")


def period_format(period: Period) -> str:
    """The period in words, as the regulations write it and :func:`period_parse` reads it:
    «Март 2026», «Ноябрь – декабрь 2026», «Декабрь 2026 – май 2027», «01.03.2026 – 15.04.2026»,
    «До 01.04.2026», «Постоянно, ежегодная актуализация»."""
    if period.kind == PeriodKind.RECURRING:
        text = Recurrence(period.recurrence).label if period.recurrence else ""
    elif period.kind == PeriodKind.MONTHS:
        first, last = period.starts_on, period.ends_on
        if (first.year, first.month) == (last.year, last.month):
            text = f"{MONTHS_NOMINATIVE[first.month - 1]} {first.year}"
        elif first.year == last.year:
            text = f"{MONTHS_NOMINATIVE[first.month - 1]} – {MONTHS_NOMINATIVE[last.month - 1]} {last.year}"
        else:
            text = (
                f"{MONTHS_NOMINATIVE[first.month - 1]} {first.year} – "
                f"{MONTHS_NOMINATIVE[last.month - 1]} {last.year}"
            )
    elif period.starts_on is None:
        text = f"до {period.ends_on:%d.%m.%Y}"
    elif period.starts_on == period.ends_on:
        text = f"{period.ends_on:%d.%m.%Y}"
    else:
        text = f"{period.starts_on:%d.%m.%Y} – {period.ends_on:%d.%m.%Y}"
    text = text[:1].upper() + text[1:]
    return f"{text}, {period.note}" if period.note else text


def month_index(value: dt.date) -> int:
    """Months since year 0 (``year * 12 + month - 1``): consecutive months differ by one."""
    return value.year * 12 + value.month - 1


def month_label(index: int) -> str:
    """«мар 2026»-style short label of the month ``index`` (see :func:`month_index`)."""
    return f"{MONTHS_NOMINATIVE[index % 12][:3]} {index // 12}"
