"""How an indicator is declared, computed and rolled up.

An :class:`Indicator` computes, in one grouped query, a tuple of additive ``parts`` per
organization of a subtree over a period (``compute(root_path, period) -> {org_id: parts}``):
for a share ``(numerator, denominator)``, for an average ``(sum, count)``. Parts add up, so the
figure of a municipality or of the region is the sum over its organizations, never an average
of averages; the value is read from the parts by ``value``. Nothing is typed in: every figure
comes from the rows that the drill-down lists (issue 14).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache as django_cache
from django.utils import timezone

from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

Parts = tuple[float, ...]


def share_value(parts: Parts) -> float | None:
    """Percent: ``100 · parts[0] / parts[1]``, ``None`` when the denominator is 0."""
    return None if not parts or not parts[1] else round(100.0 * parts[0] / parts[1], 1)


def average_value(parts: Parts) -> float | None:
    """Mean: ``parts[0] / parts[1]`` to one decimal, ``None`` when nothing was counted."""
    return None if not parts or not parts[1] else round(parts[0] / parts[1], 1)


def ratio_value(parts: Parts) -> float | None:
    """``parts[0] / parts[1]`` to two decimals (e.g. mentees per mentor)."""
    return None if not parts or not parts[1] else round(parts[0] / parts[1], 2)


def count_value(parts: Parts) -> float | None:
    """The count itself (``parts[0]``)."""
    return parts[0] if parts else 0


#: How each unit of measure is printed after the value.
UNIT_SUFFIX = {"percent": " %", "average": "", "ratio": "", "count": ""}


@dataclass(frozen=True)
class Indicator:
    """One indicator.

    ``code``: its slug (the URL, the XLSX column); ``title``: the Russian name;
    ``numerator``/``denominator``: what is counted, in Russian, as the indicator page states
    them (``denominator`` empty for counts); ``source``: the regulation it comes from, as users
    read it («Положение о системе наставничества педагогических работников ХМАО – Югры,
    раздел VI»); ``rule``: how the data decide it, in Russian, when it is not obvious;
    ``unit``: ``"percent"``, ``"average"``, ``"ratio"`` or ``"count"``; ``compute(root_path,
    period)``: ``{organization id: parts}`` for the organizations under ``root_path``;
    ``value(parts)``: the figure; ``better``: ``"up"`` or ``"down"`` (which way is good, for the
    comparison with the previous period and the medians); ``clause``: the seed clause, for
    developers only (never shown).
    """

    code: str
    title: str
    unit: str
    numerator: str
    denominator: str
    source: str
    compute: Callable[[str, object], dict[int, Parts]]
    value: Callable[[Parts], float | None] = share_value
    rule: str = ""
    better: str = "up"
    clause: str = ""
    #: ``drilldown(user, unit, period) -> Drilldown``: the rows behind the figure (see
    #: ``monitoring.indicators.drilldown``); ``None`` when the figure has no rows of its own.
    drilldown: Callable | None = None
    order: int = 100
    #: ``explain(parts) -> [(Russian words, number)]``: the terms of the figure as the page
    #: states them; by default the numerator and the denominator with ``parts[0]`` and
    #: ``parts[1]`` (the numerator alone for a count).
    explain: Callable[[Parts], list[tuple[str, float | None]]] | None = None
    #: The Russian heading of the group of figures the dashboard shows it under («Профессиональное
    #: развитие педагогов»); empty: among the key figures.
    section: str = ""
    #: What is printed when there is nothing to count (``value`` is ``None``): «—», or «нет
    #: данных» when the denominator was not entered (the learners' contingent, issue 20).
    empty: str = "—"

    def format(self, value: float | None) -> str:
        """The value as printed: «45,5 %», «7,2», «12»; :attr:`empty` («—») when there is
        nothing to count."""
        if value is None:
            return self.empty
        if self.unit == "count":
            return f"{int(value):,}".replace(",", "\u00a0")
        digits = 2 if self.unit == "ratio" else 1
        text = f"{value:.{digits}f}".replace(".", ",").replace("-", "\u2212")
        return text + UNIT_SUFFIX.get(self.unit, "")

    def terms(self, parts: Parts) -> list[tuple[str, float | None]]:
        """``[(Russian words, number)]``: what the figure is made of (see ``explain``)."""
        if self.explain is not None:
            return self.explain(parts)
        parts = (*parts, 0, 0)
        if self.unit == "count" or not self.denominator:
            return [(self.numerator, parts[0])]
        return [(self.numerator, parts[0]), (self.denominator, parts[1])]


@dataclass(frozen=True)
class Figure:
    """An indicator's figure for one unit: the summed ``parts`` and the ``value`` read from them."""

    unit: OrgUnit
    parts: Parts
    value: float | None


@dataclass
class Rollup:
    """An indicator over a ``unit`` and a period: the unit's own ``total`` and one figure per
    unit directly below it (``children``: municipalities of a region, organizations of a
    municipality; empty for an organization)."""

    indicator: Indicator
    total: Figure
    children: list[Figure] = field(default_factory=list)
    #: When the figures were computed: now, or earlier when read from the cache (``cache=True``)
    #: or from the stored roll-up (``monitoring.rollups``).
    as_of: dt.datetime | None = None
    #: Whether the figures were read from the stored roll-up (``monitoring.rollups``).
    stored: bool = False


_REGISTRY: dict[str, Indicator] = {}

#: The modules of this package that register indicators (imported once by :func:`load`).
MODULES: list[str] = [
    "implementing",
    "participation",
    "cycle",
    "load",
    "answers",
    "execution",
    "development",
    "openness",
    "learners",
]
_loaded = False


def register(indicator: Indicator) -> Indicator:
    """Add ``indicator`` to the registry (replacing one of the same code); returns it."""
    _REGISTRY[indicator.code] = indicator
    return indicator


def load() -> None:
    """Import the modules listed in :data:`MODULES` (they call :func:`register`)."""
    global _loaded
    if _loaded:
        return
    for name in MODULES:
        importlib.import_module(f"nastavnik.monitoring.indicators.{name}")
    _loaded = True


def all_indicators() -> list[Indicator]:
    """Every registered indicator, in their ``order``."""
    load()
    return sorted(_REGISTRY.values(), key=lambda i: (i.order, i.code))


def get_indicator(code: str) -> Indicator | None:
    """The indicator with ``code``, or ``None`` (no exception: a URL may carry anything)."""
    load()
    return _REGISTRY.get(code)


def add_parts(a: Parts, b: Parts) -> Parts:
    """Element-wise sum of two parts tuples (the shorter padded with zeros)."""
    if not a:
        return tuple(b)
    if not b:
        return tuple(a)
    n = max(len(a), len(b))
    a = tuple(a) + (0,) * (n - len(a))
    b = tuple(b) + (0,) * (n - len(b))
    return tuple(x + y for x, y in zip(a, b, strict=True))


def child_units(unit: OrgUnit) -> list[OrgUnit]:
    """The units directly below ``unit`` that a roll-up shows: the regions under the federal
    root, the municipalities and the organizations of regional subordination under a region,
    the organizations of a municipality; none under an organization."""
    if unit.level == Level.ORGANIZATION:
        return []
    return list(OrgUnit.objects.filter(parent=unit).order_by("full_name"))


def organization_paths(unit: OrgUnit) -> dict[int, str]:
    """``{id: path}`` of the units under ``unit`` (one query), for :func:`rollup`: the
    organizations and the units between (a municipality owns a roadmap of its own, which counts
    in its row as on its own dashboard)."""
    return dict(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", "path"))


#: How long a cached computation is used (issue 14: «a change shows on the dashboard within a
#: minute and the page says as of when»), in seconds.
CACHE_SECONDS = 60


def cached_compute(indicator: Indicator, root_path: str, period) -> tuple[dict[int, Parts], dt.datetime]:
    """``(indicator.compute(root_path, period), when it was computed)``, kept in the Django cache
    for :data:`CACHE_SECONDS`: a page that cannot afford the query on every request shows the
    time it returns («данные на ЧЧ:ММ»)."""
    key = f"indicator:{indicator.code}:{root_path}:{period.start:%Y%m%d}:{period.end:%Y%m%d}"
    hit = django_cache.get(key)
    if hit is not None:
        return hit
    value = (indicator.compute(root_path, period), timezone.now())
    django_cache.set(key, value, CACHE_SECONDS)
    return value


def rollup(
    indicator: Indicator,
    unit: OrgUnit,
    period,
    *,
    children: list[OrgUnit] | None = None,
    cache: bool = False,
    org_paths: dict[int, str] | None = None,
) -> Rollup:
    """Compute ``indicator`` over ``unit``'s subtree for ``period``: one grouped query
    (``indicator.compute``), then the sums per child in Python (a child's organizations are
    those whose path continues the child's path: the child is looked up by the path segment
    right below ``unit``, so the cost grows with the organizations, not organizations ×
    children). ``children`` may be passed to spare their
    query when several indicators are rolled up over the same unit. With ``cache`` the grouped
    query's result may be up to :data:`CACHE_SECONDS` old (:func:`cached_compute`); ``as_of``
    of the result says when it was computed. ``org_paths`` (``{organization id: path}`` of the
    subtree, :func:`organization_paths`) spares the query of the organizations' paths when
    several indicators are rolled up over the same unit."""
    if cache:
        per_org, as_of = cached_compute(indicator, unit.path, period)
    else:
        per_org, as_of = indicator.compute(unit.path, period), timezone.now()
    children = child_units(unit) if children is None else children
    sums: dict[int, Parts] = {child.pk: () for child in children}
    total: Parts = ()
    if org_paths is None:
        org_paths = (
            dict(OrgUnit.objects.filter(pk__in=list(per_org)).values_list("pk", "path")) if children else {}
        )
    # a child is found by the segment of the path right below the unit's (one dict look-up per
    # organization, whatever the number of children)
    by_segment = {child.path: child.pk for child in children}
    depth = len(unit.path)
    for org_id, parts in per_org.items():
        total = add_parts(total, parts)
        if not children:
            continue
        path = org_paths.get(org_id, "")
        end = path.find("/", depth)
        child_id = by_segment.get(path[: end + 1]) if end >= 0 else None
        if child_id is not None:
            sums[child_id] = add_parts(sums[child_id], parts)
    return Rollup(
        indicator=indicator,
        total=Figure(unit, total, indicator.value(total)),
        children=[Figure(child, sums[child.pk], indicator.value(sums[child.pk])) for child in children],
        as_of=as_of,
    )
