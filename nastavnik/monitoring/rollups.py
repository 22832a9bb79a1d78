"""The materialized roll-up of the indicators (issue 16 «Scale», Build 2): every registered
indicator computed once over a big subtree (the country, a region) for a period and stored per
unit, so that the dashboards, the indicator pages and the home block of the federal unit and of
the regions read a few hundred rows instead of running twelve grouped queries over a million
teachers on every request.

The figures are the live ones (``Indicator.compute`` over the root, then summed up the tree by
the units' paths — parts add up, see ``indicators.base``), only computed earlier: a page that
reads them shows when they were computed («данные расчёта на 02.12.2026 03:00»,
:attr:`monitoring.dashboard.Dashboard.as_of`), and they are read only while younger than
:data:`MAX_AGE`; older, missing, or for another period, the page computes live. The refresh is
a background job (``monitoring.tasks``) or the command ``monitoring_rollups``, meant to run
nightly (cron).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from nastavnik.monitoring.indicators.answers import difficulty_by_area
from nastavnik.monitoring.indicators.base import Figure, Indicator, Rollup, add_parts, all_indicators
from nastavnik.monitoring.indicators.cycle import full_cycle_breakdown
from nastavnik.monitoring.indicators.development import deficits_by_area
from nastavnik.monitoring.indicators.learners import learners_by_form
from nastavnik.monitoring.models import IndicatorBreakdown, IndicatorRollup, IndicatorRollupRun
from nastavnik.monitoring.periods import Period, year_period
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: How old a stored roll-up may be and still be read (a nightly refresh and its slack).
MAX_AGE = dt.timedelta(hours=26)
#: Rows written per INSERT.
BATCH = 5000
#: The breakdowns of the dashboards' charts stored for the units of :data:`BREAKDOWN_LEVELS`:
#: name → ``compute(unit, period)`` (JSON-able; tuples come back as lists).
BREAKDOWNS: dict[str, Callable] = {
    "difficulty_by_area": difficulty_by_area,
    "full_cycle_breakdown": full_cycle_breakdown,
    "deficits_by_area": deficits_by_area,
    "learners_by_form": learners_by_form,
}
#: The levels whose breakdowns are stored (below them a breakdown is a small query).
BREAKDOWN_LEVELS = (Level.FEDERAL, Level.REGION)


def standard_periods(today: dt.date | None = None) -> list[Period]:
    """The periods a refresh stores: the current year (what every dashboard opens on) and the
    previous one (what it compares with, and the federal form's year in January)."""
    today = today or timezone.localdate()
    return [year_period(today.year), year_period(today.year - 1)]


def refresh_roots() -> list[OrgUnit]:
    """The units a scheduled refresh starts from: the federal root when there is one (it holds
    the whole country), else every region."""
    federal = list(OrgUnit.objects.filter(level=Level.FEDERAL).order_by("pk"))
    return federal or list(OrgUnit.objects.filter(level=Level.REGION).order_by("pk"))


def _ancestors(root: OrgUnit) -> dict[int, list[int]]:
    """``{unit id: [ids of the unit and of its ancestors down from root]}`` of every unit under
    ``root`` (one query): where a unit's parts are added."""
    paths = dict(OrgUnit.objects.filter(path__startswith=root.path).values_list("pk", "path"))
    by_path = {path: pk for pk, path in paths.items()}
    start = len(root.path)
    result = {}
    for pk, path in paths.items():
        ends = [i + 1 for i, ch in enumerate(path) if ch == "/" and i + 1 >= start]
        result[pk] = [by_path[path[:end]] for end in ends if path[:end] in by_path]
    return result


def subtree_sums(per_unit: dict[int, tuple], ancestors: dict[int, list[int]]) -> dict[int, tuple]:
    """The parts of every unit over its subtree: each unit's own ``per_unit`` parts added to it
    and to each of its ancestors in ``ancestors`` (:func:`_ancestors`); units outside are skipped."""
    sums: dict[int, tuple] = {}
    for unit_id, parts in per_unit.items():
        for target in ancestors.get(unit_id, ()):
            sums[target] = add_parts(sums.get(target, ()), parts)
    return sums


def rollups_refresh(
    root: OrgUnit,
    periods: list[Period] | None = None,
    *,
    indicators: list[Indicator] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[IndicatorRollupRun]:
    """Compute every indicator (``indicators``: all registered by default) over ``root``'s
    subtree for each of ``periods`` (:func:`standard_periods` by default) and store the sums of
    every unit, replacing the previous run of the same root and period in one transaction.
    One grouped query per indicator and period, then the sums up the tree in Python (paths);
    then the :data:`BREAKDOWNS` of every unit of :data:`BREAKDOWN_LEVELS` (a few queries each).
    ``progress(done, total, Russian message)`` is called after each indicator. Returns the runs."""
    periods = standard_periods() if periods is None else periods
    indicators = all_indicators() if indicators is None else indicators
    ancestors = _ancestors(root)
    total, done, runs = len(periods) * len(indicators), 0, []
    for period in periods:
        started = time.perf_counter()
        rows: list[IndicatorRollup] = []
        for indicator in indicators:
            sums = subtree_sums(indicator.compute(root.path, period), ancestors)
            rows.extend(
                IndicatorRollup(indicator=indicator.code, unit_id=unit_id, parts=[float(p) for p in parts])
                for unit_id, parts in sums.items()
            )
            done += 1
            if progress is not None:
                progress(done, total, f"{period.label}: {indicator.title}")
        breakdowns = [
            IndicatorBreakdown(name=name, unit=unit, data=compute(unit, period))
            for unit in OrgUnit.objects.filter(path__startswith=root.path, level__in=BREAKDOWN_LEVELS)
            for name, compute in BREAKDOWNS.items()
        ]
        with transaction.atomic():
            IndicatorRollupRun.objects.filter(
                root=root, period_start=period.start, period_end=period.end
            ).delete()
            run = IndicatorRollupRun.objects.create(
                root=root,
                period_start=period.start,
                period_end=period.end,
                computed_at=timezone.now(),
                indicators=[i.code for i in indicators],
                seconds=round(time.perf_counter() - started, 1),
            )
            for row in rows:
                row.run = run
            IndicatorRollup.objects.bulk_create(rows, batch_size=BATCH)
            for row in breakdowns:
                row.run = run
            IndicatorBreakdown.objects.bulk_create(breakdowns, batch_size=BATCH)
        runs.append(run)
    return runs


def stored_run(unit: OrgUnit, period: Period, codes: list[str]) -> IndicatorRollupRun | None:
    """The latest run younger than :data:`MAX_AGE` of a root at or above ``unit`` for exactly
    ``period`` that computed every indicator of ``codes``; ``None`` when there is none. One query."""
    ids = [int(part) for part in unit.path.split("/") if part]
    runs = IndicatorRollupRun.objects.filter(
        root_id__in=ids,
        period_start=period.start,
        period_end=period.end,
        computed_at__gte=timezone.now() - MAX_AGE,
    ).order_by("-computed_at")
    wanted = set(codes)
    return next((run for run in runs if wanted <= set(run.indicators)), None)


def stored_rollups(
    unit: OrgUnit, period: Period, indicators: list[Indicator], children: list[OrgUnit]
) -> dict[str, Rollup] | None:
    """``{indicator code: Rollup}`` of ``unit`` and its ``children`` read from the stored
    roll-up (:func:`stored_run`), ``as_of`` the run's time; ``None`` when no run covers them
    (the caller computes live). Two queries whatever the size of the subtree."""
    if not indicators:
        return None
    run = stored_run(unit, period, [i.code for i in indicators])
    if run is None:
        return None
    parts: dict[tuple[str, int], tuple] = {
        (code, unit_id): tuple(values)
        for code, unit_id, values in IndicatorRollup.objects.filter(
            run=run,
            unit_id__in=[unit.pk, *(c.pk for c in children)],
            indicator__in=[i.code for i in indicators],
        ).values_list("indicator", "unit_id", "parts")
    }
    result = {}
    for indicator in indicators:
        own = parts.get((indicator.code, unit.pk), ())
        result[indicator.code] = Rollup(
            indicator=indicator,
            total=Figure(unit, own, indicator.value(own)),
            children=[
                Figure(child, p, indicator.value(p))
                for child in children
                for p in [parts.get((indicator.code, child.pk), ())]
            ],
            as_of=run.computed_at,
            stored=True,
        )
    return result


def breakdown(name: str, unit: OrgUnit, period: Period):
    """The breakdown ``name`` (:data:`BREAKDOWNS`) of ``unit`` over ``period`` as stored by the
    latest fresh run covering them, or ``None`` when none stored it (the caller computes live).
    Two queries."""
    run = stored_run(unit, period, [])
    if run is None:
        return None
    row = (
        IndicatorBreakdown.objects.filter(run=run, unit=unit, name=name)
        .values_list("data", flat=True)
        .first()
    )
    return row
