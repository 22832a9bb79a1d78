"""The dashboards of monitoring (issue 14, Build 4): the figures of one unit — a region, a
municipality or an organization — over a period, beside the previous period, the comparison of
the units directly below it, and the chart definitions that the page and the analytical report
(``monitoring.reports``) both draw.

Everything is read from the indicator registry (``indicators.base.all_indicators``): a new
indicator appears on every dashboard, in the comparison table, in the XLSX and in the charts
with no code here. Each indicator is rolled up ONCE per period over the unit's subtree with the
children passed in (``rollup(..., children=...)``), so the number of queries of a dashboard does
not depend on the number of organizations (seed 003 §5.2–5.3: each level monitors its subtree).

The levels: the regional operator lands on the region, the municipal coordinator on the
municipality, the curator and the head on the organization (seed 000 §4.1–4.3); anyone may go
down into any unit of their subtree, never up out of it.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache as django_cache
from django.urls import reverse

from nastavnik.access.scope import get_scope
from nastavnik.core.charts import Chart, Series
from nastavnik.monitoring.indicators.answers import difficulty_by_area
from nastavnik.monitoring.indicators.base import (
    CACHE_SECONDS,
    Figure,
    Indicator,
    Rollup,
    all_indicators,
    child_units,
    organization_paths,
    rollup,
)
from nastavnik.monitoring.indicators.cycle import full_cycle_breakdown
from nastavnik.monitoring.indicators.development import deficits_by_area
from nastavnik.monitoring.periods import Period
from nastavnik.monitoring.rollups import breakdown as stored_breakdown
from nastavnik.monitoring.rollups import stored_rollups
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

#: The right a dashboard asks (``access.choices.PERMISSIONS``).
RIGHT = ("indicator", "view")

#: The levels a dashboard is drawn for.
DASHBOARD_LEVELS = (Level.FEDERAL, Level.REGION, Level.MUNICIPALITY, Level.ORGANIZATION)


# --- which units a user may open ---------------------------------------------------------------


def visible_units(user):
    """The units whose dashboards ``user`` may open: the subtrees of their grants of the
    ``indicator`` view right (every unit for a superuser, none for the anonymous); a queryset."""
    return OrgUnit.objects.granted(user, *RIGHT).filter(level__in=DASHBOARD_LEVELS)


def top_units(user) -> list[OrgUnit]:
    """The highest units of ``user``'s dashboards, from the top: the region of the regional
    operator, the municipality of the coordinator, the organization of the curator and the head
    (a user with roles in several unrelated units gets each of them); for a superuser the
    regions. Empty without the right. One query (after the scope)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(OrgUnit.objects.filter(level=Level.REGION).order_by("full_name"))
    paths = get_scope(user).paths(*RIGHT)
    if not paths:
        return []
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path"))


def unit_for(user, pk) -> OrgUnit | None:
    """The unit ``pk`` if ``user`` may open its dashboard, else ``None`` (a foreign unit and a
    missing one look the same). ``pk``: an ``int`` already read by ``core.views.id_param``."""
    if pk is None:
        return None
    return visible_units(user).select_related("municipality").filter(pk=pk).first()


def breadcrumbs(user, unit: OrgUnit) -> list[OrgUnit]:
    """The units above ``unit`` whose dashboards ``user`` may open, from the top down (the
    region → the municipality), without ``unit`` itself. One query."""
    ids = [int(part) for part in unit.path.split("/") if part][:-1]
    if not ids:
        return []
    return list(visible_units(user).filter(pk__in=ids).order_by("path"))


# --- the figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """One key figure of the unit: the ``indicator``, its ``figure`` for the period and
    ``previous`` for the period before; ``trend``: ``"up"``, ``"down"``, ``"same"`` or ``""`` (no
    comparison); ``good``: whether the change is for the better (``indicator.better``), ``None``
    when nothing changed or nothing compares."""

    indicator: Indicator
    figure: Figure
    previous: Figure | None
    trend: str
    good: bool | None

    @property
    def text(self) -> str:
        return self.indicator.format(self.figure.value)

    @property
    def previous_text(self) -> str:
        return self.indicator.format(self.previous.value if self.previous else None)

    @property
    def trend_label(self) -> str:
        """Russian, for screen readers and the XLSX: «выше, чем за предыдущий период»."""
        return {
            "up": "выше, чем за предыдущий период",
            "down": "ниже, чем за предыдущий период",
            "same": "как за предыдущий период",
        }.get(self.trend, "сравнить не с чем")


def trend_of(indicator: Indicator, value: float | None, previous: float | None) -> tuple[str, bool | None]:
    """``(trend, good)`` of ``value`` against ``previous`` (see :class:`Card`)."""
    if value is None or previous is None:
        return "", None
    if value == previous:
        return "same", None
    trend = "up" if value > previous else "down"
    return trend, trend == indicator.better


@dataclass(frozen=True)
class Cell:
    """One figure of the comparison table: ``value`` (``None``: nothing to count), its ``text``
    and whether it is ``worse`` than the median of the children (by ``indicator.better``)."""

    value: float | None
    text: str
    worse: bool = False


@dataclass
class Row:
    """A row of the comparison table: the child ``unit``, one :class:`Cell` per indicator (in
    the order of the dashboard's indicators) and ``worse_count``: how many of its figures are
    worse than the median."""

    unit: OrgUnit
    cells: list[Cell]
    worse_count: int = 0

    @property
    def lagging(self) -> bool:
        """Worse than the median on at least half of the figures it has (and on one at least)."""
        counted = sum(1 for c in self.cells if c.value is not None)
        return self.worse_count > 0 and 2 * self.worse_count >= counted


@dataclass
class Dashboard:
    """The dashboard of ``unit`` over ``period``: the ``rollups`` of every indicator (with the
    children's figures), the ``previous`` period's totals by indicator code, the ``cards``, the
    comparison ``rows`` of the ``children`` and the ``medians`` (one per indicator, ``None`` when
    no child has the figure)."""

    unit: OrgUnit
    period: Period
    indicators: list[Indicator]
    rollups: dict[str, Rollup]
    previous: dict[str, Figure] = field(default_factory=dict)
    children: list[OrgUnit] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    medians: list[Cell] = field(default_factory=list)
    #: Whether the figures (and the breakdowns of the charts) come through the minute-long cache.
    cache: bool = True

    @property
    def as_of(self):
        """When the oldest figure of the page was computed (``datetime``; ``None`` with no
        indicators)."""
        times = [r.as_of for r in self.rollups.values() if r.as_of is not None]
        return min(times, default=None)

    @property
    def stored(self) -> bool:
        """Whether the figures were read from the stored roll-up (``monitoring.rollups``)."""
        return any(r.stored for r in self.rollups.values())

    @property
    def lagging(self) -> list[Row]:
        """The children that lag (:attr:`Row.lagging`), the worst first."""
        return sorted((r for r in self.rows if r.lagging), key=lambda r: (-r.worse_count, r.unit.full_name))

    @property
    def behind(self) -> list[Row]:
        """The children worse than the median on at least one figure, those worse on the most
        figures first (then by name): the home page's list of the units to look at."""
        return sorted(
            (r for r in self.rows if r.worse_count), key=lambda r: (-r.worse_count, r.unit.full_name.lower())
        )


def is_worse(indicator: Indicator, value: float | None, median: float | None) -> bool:
    """Whether ``value`` is worse than ``median``: below it when more is better, above it when
    less is better (``indicator.better``); ``False`` when either is missing."""
    if value is None or median is None:
        return False
    return value < median if indicator.better == "up" else value > median


def median_of(values: list[float | None]) -> float | None:
    """The median of the values present (``None`` when there are none)."""
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 2) if present else None


def build_dashboard(
    unit: OrgUnit,
    period: Period,
    *,
    with_previous: bool = True,
    indicators: list[Indicator] | None = None,
    cache: bool = True,
) -> Dashboard:
    """The :class:`Dashboard` of ``unit`` over ``period``.

    Queries: one for the children, then per indicator its roll-up for ``period`` (the children
    passed once) and, ``with_previous``, one more for ``period.previous()`` without children —
    the same count for a municipality of 2 organizations and a region of 1,000. ``indicators``:
    all registered ones by default. With ``cache`` (the pages) each indicator's grouped query
    may be up to a minute old (``indicators.base.CACHE_SECONDS``), or read from the stored
    roll-up (``monitoring.rollups``: two queries per period whatever the size, up to a day old)
    when a fresh one covers the unit and the period — the page shows when its data were
    computed (:attr:`Dashboard.as_of`, :attr:`Dashboard.stored`); documents pass
    ``cache=False`` and get live figures."""
    indicators = all_indicators() if indicators is None else indicators
    children = child_units(unit)
    rollups = stored_rollups(unit, period, indicators, children) if cache else None
    if rollups is None:
        paths = organization_paths(unit) if children else {}
        rollups = {
            i.code: rollup(i, unit, period, children=children, cache=cache, org_paths=paths)
            for i in indicators
        }
    previous: dict[str, Figure] = {}
    if with_previous:
        before = period.previous()
        stored = stored_rollups(unit, before, indicators, []) if cache else None
        previous = {
            i.code: (stored[i.code] if stored else rollup(i, unit, before, children=[], cache=cache)).total
            for i in indicators
        }
    board = Dashboard(unit, period, indicators, rollups, previous, children, cache=cache)
    for indicator in indicators:
        figure = rollups[indicator.code].total
        prev = previous.get(indicator.code)
        trend, good = trend_of(indicator, figure.value, prev.value if prev else None)
        board.cards.append(Card(indicator, figure, prev, trend, good))
    medians = [median_of([f.value for f in rollups[i.code].children]) for i in indicators]
    board.medians = [
        Cell(m, i.format(m) if m is not None else "—") for i, m in zip(indicators, medians, strict=True)
    ]
    for index, child in enumerate(children):
        cells = []
        for indicator, median in zip(indicators, medians, strict=True):
            value = rollups[indicator.code].children[index].value
            cells.append(Cell(value, indicator.format(value), is_worse(indicator, value, median)))
        board.rows.append(Row(child, cells, sum(1 for c in cells if c.worse)))
    return board


def sort_rows(board: Dashboard, key: str) -> tuple[list[Row], str]:
    """The comparison rows sorted by ``key``: ``"name"`` or an indicator's code, with ``-`` in
    front for descending; units without the figure go last either way. Anything else (garbage
    in the query string) leaves the order by name. Returns ``(rows, the key applied)``."""
    key = str(key or "").strip()
    descending = key.startswith("-")
    code = key[1:] if descending else key
    codes = [i.code for i in board.indicators]
    if code in codes:
        index = codes.index(code)
        present = [r for r in board.rows if r.cells[index].value is not None]
        missing = [r for r in board.rows if r.cells[index].value is None]
        present.sort(key=lambda r: (r.cells[index].value, r.unit.full_name))
        if descending:
            present.sort(key=lambda r: r.cells[index].value, reverse=True)
        return present + missing, key
    rows = sorted(board.rows, key=lambda r: r.unit.full_name.lower(), reverse=descending and code == "name")
    return rows, key if code == "name" else ""


# --- links -------------------------------------------------------------------------------------


def dashboard_url(unit: OrgUnit, period: Period | None = None) -> str:
    """The address of ``unit``'s dashboard, with the period when given."""
    url = reverse("monitoring:unit", args=[unit.pk])
    return f"{url}?period={period.key}" if period else url


def indicator_url(indicator: Indicator, unit: OrgUnit, period: Period) -> str:
    """The indicator's page (``monitoring:indicator``) for ``unit`` and ``period``."""
    url = reverse("monitoring:indicator", kwargs={"code": indicator.code})
    return f"{url}?unit={unit.pk}&period={period.key}"


# --- the charts --------------------------------------------------------------------------------

#: Units whose values are printed with a fixed axis maximum.
_MAXIMUM = {"percent": 100.0}
_UNIT_TEXT = {"percent": "%"}


def _short(unit: OrgUnit) -> str:
    return unit.short_name or unit.full_name


#: Above this many units below the one shown, the dashboard draws no chart «by unit» (a bar per
#: organization of a municipality of hundreds is unreadable, and its data table would grow with
#: the region: issue 16); the paged comparison table and the indicator pages carry the figures.
CHART_CHILDREN_MAX = 40


def indicator_chart(indicator: Indicator, board: Dashboard) -> Chart:
    """«<indicator> по муниципальным образованиям / организациям»: one bar per child unit of
    ``board`` (hbar, the value for the period). For an organization (no children) the unit's
    own figure beside the previous period's."""
    result = board.rollups[indicator.code]
    if board.children:
        below = {Level.MUNICIPALITY: "организациям", Level.FEDERAL: "регионам"}.get(
            board.unit.level, "муниципальным образованиям и организациям"
        )
        return Chart(
            title=f"{indicator.title} — по {below}",
            kind="hbar",
            categories=tuple(_short(f.unit) for f in result.children),
            series=(Series(board.period.label, tuple(f.value for f in result.children)),),
            unit=_UNIT_TEXT.get(indicator.unit, ""),
            maximum=_MAXIMUM.get(indicator.unit),
        )
    prev = board.previous.get(indicator.code)
    return Chart(
        title=indicator.title,
        kind="hbar",
        categories=(board.period.label, board.period.previous().label),
        series=(Series(indicator.title, (result.total.value, prev.value if prev else None)),),
        unit=_UNIT_TEXT.get(indicator.unit, ""),
        maximum=_MAXIMUM.get(indicator.unit),
    )


def shares_chart(board: Dashboard) -> Chart:
    """The unit's shares (the percent indicators) for the period beside the previous period
    (hbar, one bar pair per indicator): the organization's main chart."""
    shares = [i for i in board.indicators if i.unit == "percent"]
    current = tuple(board.rollups[i.code].total.value for i in shares)
    before = tuple((board.previous.get(i.code).value if board.previous.get(i.code) else None) for i in shares)
    series = [Series(board.period.label, current)]
    if board.previous:
        series.append(Series(board.period.previous().label, before))
    return Chart(
        title=f"Показатели (доли): {_short(board.unit)}",
        kind="hbar",
        categories=tuple(i.title for i in shares),
        series=tuple(series),
        unit="%",
        maximum=100.0,
    )


def difficulty_chart(unit: OrgUnit, period: Period, *, cache: bool = True) -> Chart | None:
    """Self-assessed difficulties by area before and after the program (seed 004 §9.4, 000 §VI)
    from the indicators' ``difficulty_by_area(unit, period)``; ``None`` when there is nothing a
    chart can show."""
    data = cached_breakdown("difficulty_by_area", unit, period, difficulty_by_area, cache=cache)
    return _from_breakdown(data, "Самооценка затруднений по направлениям: до и после программы", 10.0)


#: The title of the chart of the teachers' deficits by area (:func:`deficits_chart`).
DEFICITS_TITLE = "Профессиональные затруднения педагогов по областям: первая и последняя диагностика"
#: The series of :func:`deficits_chart`.
DEFICITS_FIRST, DEFICITS_LATEST = "Первая диагностика", "Последняя диагностика"


def deficits_chart(unit: OrgUnit, period: Period, *, cache: bool = True) -> Chart | None:
    """The change of the teachers' deficits by competence area (seed 000 §4.3.3, App. 2
    §3.2–3.4): for the teachers whose latest diagnosis fell in ``period`` and who were diagnosed
    before, the mean level of the deficits in each area (0 — none, 3 — critical) in their first
    and in their latest diagnosis, a bar pair per area (hbar), from the indicators'
    ``deficits_by_area(unit, period)``. Values are ``None`` (the page says there is nothing to
    show) below ``development.MIN_TEACHERS`` teachers; ``None`` when no teacher was diagnosed
    twice."""
    data = cached_breakdown("deficits_by_area", unit, period, deficits_by_area, cache=cache) or {}
    rows = list(data.get("rows") or ())
    if not rows:
        return None

    def values(index: int) -> tuple[float | None, ...]:
        return tuple(None if r[index] is None else float(r[index]) for r in rows)

    return Chart(
        title=DEFICITS_TITLE,
        kind="hbar",
        categories=tuple(str(r[0]) for r in rows),
        series=(Series(DEFICITS_FIRST, values(1)), Series(DEFICITS_LATEST, values(2))),
        maximum=3.0,
    )


#: The groups of ``full_cycle_breakdown`` that get a chart, with the chart's title.
FULL_CYCLE_GROUPS = {
    "category": "Прошли полный цикл наставничества: по категориям наставляемых",
    "form": "Прошли полный цикл наставничества: по формам наставничества",
    "kind": "Прошли полный цикл наставничества: по видам наставничества",
}


def full_cycle_charts(unit: OrgUnit, period: Period, *, cache: bool = True) -> dict[str, Chart]:
    """Participants who completed the full cycle (seed 002 §9) by mentee category, by form and by
    kind of mentoring, from the indicators' ``full_cycle_breakdown(unit, period)`` (``{"category":
    [(name, number)], "form": …, "kind": …}``): ``{"full-cycle-category": Chart, …}``, one hbar
    of numbers of people per group that has rows."""
    data = cached_breakdown("full_cycle_breakdown", unit, period, full_cycle_breakdown, cache=cache) or {}
    charts = {}
    for group, title in FULL_CYCLE_GROUPS.items():
        rows = list(data.get(group) or ())
        if rows:
            charts[f"full-cycle-{group}"] = Chart(
                title=title,
                kind="hbar",
                categories=tuple(str(name) for name, _n in rows),
                series=(Series("Человек", tuple(float(n) for _name, n in rows)),),
            )
    return charts


def satisfaction_chart(board: Dashboard) -> Chart | None:
    """Average satisfaction by role (seed 004 §9.4): the average indicators whose code starts
    with ``satisfaction``; ``None`` when none is registered."""
    found = _satisfaction_indicators(board.indicators)
    if not found:
        return None
    return Chart(
        title="Удовлетворённость участников (средний балл по шкале 1–10)",
        kind="hbar",
        categories=tuple(i.title for i in found),
        series=(Series(board.period.label, tuple(board.rollups[i.code].total.value for i in found)),),
        maximum=10.0,
    )


def _satisfaction_indicators(indicators: list[Indicator]) -> list[Indicator]:
    return [i for i in indicators if i.code.startswith("satisfaction") and i.unit == "average"]


def cached_breakdown(name: str, unit: OrgUnit, period: Period, compute: Callable, *, cache: bool = True):
    """``compute(unit, period)`` — a breakdown of the indicators (difficulties by area, the full
    cycle by group) — kept in the Django cache for as long as the indicators' figures
    (``indicators.base.CACHE_SECONDS``), so that the page's charts and tables cost no query of
    their own while its figures are cached — or read from the stored roll-up of a federal or
    regional unit (``monitoring.rollups.breakdown``); ``cache=False`` computes afresh (documents)."""
    if not cache:
        return compute(unit, period)
    stored = stored_breakdown(name, unit, period)
    if stored is not None:
        return stored
    key = f"dashboard:{name}:{unit.path}:{period.start:%Y%m%d}:{period.end:%Y%m%d}"
    hit = django_cache.get(key)
    if hit is None:
        hit = compute(unit, period)
        django_cache.set(key, hit, CACHE_SECONDS)
    return hit


def _from_breakdown(data, title: str, maximum: float | None) -> Chart | None:
    """A :class:`Chart` from a breakdown: a ``Chart`` as is; ``{"categories": [...], "series":
    {name: [values]}}``; or ``[(category, before, after, …)]`` (a bar pair per category);
    ``None`` for anything else or nothing."""
    if not data:
        return None
    if isinstance(data, Chart):
        return data
    if isinstance(data, dict) and "categories" in data and "series" in data:
        series = tuple(Series(str(name), tuple(values)) for name, values in dict(data["series"]).items())
        return Chart(
            title=title,
            kind="hbar",
            categories=tuple(map(str, data["categories"])),
            series=series,
            maximum=maximum,
        )
    if isinstance(data, list | tuple) and all(isinstance(r, list | tuple) and len(r) >= 3 for r in data):
        return Chart(
            title=title,
            kind="hbar",
            categories=tuple(str(r[0]) for r in data),
            series=(
                Series("До программы", tuple(r[1] for r in data)),
                Series("После программы", tuple(r[2] for r in data)),
            ),
            maximum=maximum,
        )
    return None


def board_charts(board: Dashboard) -> dict[str, Chart]:
    """The charts of ``board`` by name (the name is the chart's address on the page): the
    shares beside the previous period, one per indicator by child unit (when there are at most
    :data:`CHART_CHILDREN_MAX` of them), satisfaction by role, difficulties before and after, the full cycle,
    the teachers' deficits in their first and latest diagnosis."""
    charts: dict[str, Chart] = {}
    if any(i.unit == "percent" for i in board.indicators):
        charts["shares"] = shares_chart(board)
    if 0 < len(board.children) <= CHART_CHILDREN_MAX:
        for indicator in board.indicators:
            charts[f"by-unit-{indicator.code}"] = indicator_chart(indicator, board)
    if chart := satisfaction_chart(board):
        charts["satisfaction"] = chart
    if chart := difficulty_chart(board.unit, board.period, cache=board.cache):
        charts["difficulties"] = chart
    charts.update(full_cycle_charts(board.unit, board.period, cache=board.cache))
    if chart := deficits_chart(board.unit, board.period, cache=board.cache):
        charts["deficits"] = chart
    return charts


def dashboard_charts(unit: OrgUnit, period: Period) -> list[Chart]:
    """Every chart of ``unit``'s dashboard for ``period``, in the page's order — the same
    definitions the page draws, for the analytical report (``charts.render_png``)."""
    return list(board_charts(build_dashboard(unit, period)).values())


def chart_by_name(unit: OrgUnit, period: Period, name: str) -> Chart | None:
    """The chart ``name`` of ``unit``'s dashboard (one chart's address), or ``None`` for an
    unknown name. Only the indicators the chart needs are rolled up."""
    name = str(name or "")
    if name.startswith("by-unit-"):
        code = name.removeprefix("by-unit-")
        found = [i for i in all_indicators() if i.code == code]
        if not found:
            return None
        board = build_dashboard(unit, period, with_previous=False, indicators=found)
        return indicator_chart(found[0], board) if 0 < len(board.children) <= CHART_CHILDREN_MAX else None
    if name == "difficulties":
        return difficulty_chart(unit, period)
    if name == "deficits":
        return deficits_chart(unit, period)
    if name.startswith("full-cycle-"):
        return full_cycle_charts(unit, period).get(name)
    if name == "shares":
        found = [i for i in all_indicators() if i.unit == "percent"]
        return shares_chart(build_dashboard(unit, period, indicators=found)) if found else None
    if name == "satisfaction":
        found = _satisfaction_indicators(all_indicators())
        return satisfaction_chart(build_dashboard(unit, period, with_previous=False, indicators=found))
    return None


# --- the home page -----------------------------------------------------------------------------

#: How many lagging units the home block lists.
HOME_LAGGING = 5


@dataclass(frozen=True)
class HomeFigure:
    """A key figure on the home page: the indicator's ``title``, the ``text`` of its value and
    the ``url`` of the indicator's page (``""`` while there is none)."""

    title: str
    text: str
    url: str = ""


@dataclass
class HomeMonitoring:
    """The monitoring block of the home page for one unit (region or municipality): its
    ``figures`` for the current year, the ``lagging`` units below it (``[(unit, url, how many
    figures worse than the median, of how many)]``, the worst first, at most
    :data:`HOME_LAGGING`), how many more lag (``more``) and the dashboard's ``url``."""

    unit: OrgUnit
    period: Period
    url: str
    figures: list[HomeFigure]
    lagging: list[tuple[OrgUnit, str, int, int]]
    children_label: str
    more: int = 0


def home_monitoring(scope, *, today=None) -> list[HomeMonitoring]:
    """The monitoring blocks of the home page of the national (federal) operator, the regional
    operator and the municipal coordinator (issue 14: «the key monitoring figures of their unit and the lagging
    municipalities/organizations»): one per region or municipality they hold the role on, for
    the current year, without the previous period (the dashboard has it). The lagging units are
    :attr:`Dashboard.behind`: worse than the median on the most figures first. ``scope``: the
    user's ``UserScope``; ``[]`` for other roles and for ``None`` (a superuser)."""
    from nastavnik.access.choices import Role
    from nastavnik.monitoring.periods import parse_period

    if scope is None:
        return []
    watchers = frozenset({Role.NATIONAL_OPERATOR, Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR})
    paths = scope.paths(*RIGHT, roles=watchers)
    if not paths:
        return []
    period, _error = parse_period({}, today=today)
    blocks = []
    for unit in OrgUnit.objects.filter(path__in=paths).order_by("path"):
        board = build_dashboard(unit, period, with_previous=False)
        lagging = board.behind
        query = f"?period={period.key}"
        blocks.append(
            HomeMonitoring(
                unit=unit,
                period=period,
                url=dashboard_url(unit) + query,
                figures=[
                    HomeFigure(c.indicator.title, c.text, indicator_url(c.indicator, unit, period))
                    for c in board.cards
                ],
                lagging=[
                    (row.unit, dashboard_url(row.unit) + query, row.worse_count, len(row.cells))
                    for row in lagging[:HOME_LAGGING]
                ],
                children_label=(
                    "организации"
                    if unit.level == Level.MUNICIPALITY
                    else "регионы"
                    if unit.level == Level.FEDERAL
                    else "муниципальные образования и организации"
                ),
                more=max(len(lagging) - HOME_LAGGING, 0),
            )
        )
    return blocks


def home_block(request) -> dict:
    """The home block of monitoring (``core.home.register_home_block``): ``{"monitoring_blocks":
    [HomeMonitoring]}`` for the user of ``request`` (a ``core.home.HomeRequest``)."""
    return {"monitoring_blocks": home_monitoring(request.scope)}
