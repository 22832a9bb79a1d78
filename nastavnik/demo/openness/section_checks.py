"""The demo of the part «section_checks» of issue 19: the monthly records of the checklist of the
sections «Наставничество» (seed 003 §5.1) for the last three months, for every organization of
the showcase organizations' municipalities (written by the system, as on the 1st of each month;
after the sections' demo, so that the current month shows the showcase schools' sections)."""

from __future__ import annotations

import datetime as dt


def _months(today: dt.date, count: int = 3) -> list[tuple[dt.date, dt.date]]:
    """``(first day, the day the check is computed on)`` of the last ``count`` months, oldest
    first: the last day of a past month, ``today`` for this one."""
    months = []
    first = today.replace(day=1)
    for _ in range(count):
        following = (first + dt.timedelta(days=32)).replace(day=1)
        months.append((first, min(today, following - dt.timedelta(days=1))))
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def write(context) -> str:
    """Record the checks of the last three months for the showcase municipalities; a Russian
    summary line."""
    from nastavnik.openness.services.section_checks import section_checks_record
    from nastavnik.organizations.choices import Level

    municipalities = {}
    for unit in context.showcase:
        parent = unit.parent
        if parent is not None and parent.level == Level.MUNICIPALITY:
            municipalities[parent.pk] = parent
    written = 0
    for first, on in _months(context.today):
        for municipality in municipalities.values():
            written += section_checks_record(root=municipality, month=first, today=on)
    return f"Мониторинг разделов «Наставничество»: ежемесячных проверок — {written}"


def delete(region) -> None:
    """Delete the monthly records of the organizations of ``region``."""
    from nastavnik.openness.models import SectionCheck

    SectionCheck.objects.filter(unit__path__startswith=region.path).delete()
