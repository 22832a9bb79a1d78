"""Pages of the indicators (issue 14, Build 3): the list at ``/monitoring/indicators/`` and one
indicator at ``/monitoring/indicators/<code>/?unit=<id>&period=…`` with its numerator and
denominator in words and numbers, its source and rule, the roll-up over the units below and the
drill-down to the rows behind the figure.

Access: the ``indicator`` view right (``RightRequiredMixin``: 403 without it anywhere). Only the
units of the user's grants of that right are offered; a unit outside them is a 404, like a
missing one. Garbage in ``unit`` is ignored (the user's top unit is shown), garbage in
``period`` falls back to the current year with a Russian message, garbage in ``page`` to the
first or last page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db.models.functions import Length
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from nastavnik.core.pagination import CappedPaginator
from nastavnik.core.views import RightRequiredMixin, id_param
from nastavnik.monitoring.dashboard import cached_breakdown
from nastavnik.monitoring.indicators.answers import difficulty_by_area
from nastavnik.monitoring.indicators.base import all_indicators, child_units, get_indicator, rollup
from nastavnik.monitoring.indicators.cycle import BREAKDOWN_TITLES, full_cycle_breakdown
from nastavnik.monitoring.indicators.drilldown import RenderContext, drilldown_for
from nastavnik.monitoring.indicators.learners import learners_by_form, learners_by_year
from nastavnik.monitoring.periods import parse_period, period_choices
from nastavnik.monitoring.rollups import stored_rollups
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

RIGHT = ("indicator", "view")
REFUSAL = (
    "Показатели мониторинга доступны куратору и руководителю организации, муниципальному координатору "
    "и региональному оператору."
)
#: The levels an indicator is shown for.
UNIT_LEVELS = (Level.FEDERAL, Level.REGION, Level.MUNICIPALITY, Level.ORGANIZATION)


def indicator_units(user):
    """The units whose indicators ``user`` may see: the subtrees of their grants of the
    ``indicator`` view right (``OrgUnit.objects.granted``); a queryset."""
    return OrgUnit.objects.granted(user, *RIGHT).filter(level__in=UNIT_LEVELS)


def top_unit(user) -> OrgUnit | None:
    """The highest unit of ``user``'s indicators (the region of the operator, the municipality
    of the coordinator, the organization of the curator or head), ``None`` without any."""
    return indicator_units(user).order_by(Length("path"), "path").first()


class IndicatorMixin(RightRequiredMixin):
    """Reads the unit (``?unit=``; absent or unreadable: the user's top unit; outside the user's
    units: 404) and the period (``?period=`` or ``?from=&to=``)."""

    required_right = RIGHT
    forbidden_message = REFUSAL
    unit = None

    def prepare(self) -> None:
        pk = id_param(self.request.GET.get("unit"))
        units = indicator_units(self.request.user)
        if pk is None:
            self.unit = units.order_by(Length("path"), "path").first()
        else:
            self.unit = units.filter(pk=pk).first()
            if self.unit is None:
                raise Http404("Организация или территория не найдена или недоступна.")
        self.period, self.period_error = parse_period(self.request.GET)

    def query(self, **extra) -> str:
        """The query string of this unit and period, with ``extra`` keys."""
        params = {"unit": self.unit.pk if self.unit else "", "period": self.period.key, **extra}
        return urlencode({k: v for k, v in params.items() if v not in ("", None)})

    def period_context(self) -> dict:
        choices = period_choices()
        if self.period.key not in {key for key, _ in choices}:
            choices = [(self.period.key, self.period.label), *choices]
        return {
            "unit": self.unit,
            "period": self.period,
            "period_error": self.period_error,
            "period_choices": choices,
        }


class IndicatorListView(IndicatorMixin, TemplateView):
    """Every indicator with its value for the chosen unit (the user's top unit by default) and
    period, linking to its page. One grouped query per indicator."""

    template_name = "monitoring/indicator_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.period_context())
        rows = []
        if self.unit is not None:
            indicators = all_indicators()
            stored = stored_rollups(self.unit, self.period, indicators, [])
            context["as_of"] = next(iter(stored.values())).as_of if stored else None
            computed: list = []
            for indicator in indicators:
                # Without a stored roll-up, each figure may be a minute old, as on the dashboard
                # (the same cache: issue 16 — the region's list computed every figure anew).
                result = (
                    stored[indicator.code]
                    if stored
                    else rollup(indicator, self.unit, self.period, children=[], cache=True)
                )
                if not stored and result.as_of is not None:
                    computed.append(result.as_of)
                figure = result.total
                rows.append(
                    {
                        "indicator": indicator,
                        "value": indicator.format(figure.value),
                        "url": reverse("monitoring:indicator", args=[indicator.code]) + "?" + self.query(),
                    }
                )
        context["rows"] = rows
        context["minute_as_of"] = min(computed, default=None)
        return context


class IndicatorDetailView(IndicatorMixin, TemplateView):
    """One indicator for a unit and a period: the figure with its terms in words and numbers,
    the source and the rule, the roll-up over the units below (each a link to the same page for
    it) and the paginated drill-down within the user's scope."""

    template_name = "monitoring/indicator_detail.html"

    def prepare(self) -> None:
        self.indicator = get_indicator(str(self.kwargs.get("code", "")))
        if self.indicator is None:
            raise Http404("Такого показателя нет.")
        super().prepare()
        if self.unit is None:
            raise Http404("Нет организации или территории, показатели которой вам доступны.")

    def unit_url(self, unit_id: int) -> str:
        return reverse("monitoring:indicator", args=[self.indicator.code]) + "?" + self.query(unit=unit_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.period_context())
        indicator, unit, period, user = self.indicator, self.unit, self.period, self.request.user
        children = child_units(unit)
        stored = stored_rollups(unit, period, [indicator], children)
        result = stored[indicator.code] if stored else rollup(indicator, unit, period, children=children)
        terms = [(words, _number(number)) for words, number in indicator.terms(result.total.parts)]
        # «Числитель:», «Знаменатель:» before the two terms of a share, a mean or a ratio
        prefixes = ["Числитель: ", "Знаменатель: "] if indicator.explain is None and len(terms) == 2 else []
        stated = [
            (prefixes[i] if i < len(prefixes) else "", words, number)
            for i, (words, number) in enumerate(terms)
        ]
        children = [
            {
                "unit": figure.unit,
                "url": self.unit_url(figure.unit.pk),
                "value": indicator.format(figure.value),
                "terms": [_number(n) for _, n in indicator.terms(figure.parts)],
            }
            for figure in result.children
        ]
        up = None
        if unit.parent_id:
            up = indicator_units(user).filter(pk=unit.parent_id).only("pk", "full_name").first()
        context.update(
            {
                "indicator": indicator,
                "value": indicator.format(result.total.value),
                "terms": terms,
                "stated_terms": stated,
                "term_titles": [words for words, _ in terms],
                "children": children,
                "up": up,
                "up_url": self.unit_url(up.pk) if up else "",
                "list_url": reverse("monitoring:indicators") + "?" + self.query(),
                "as_of": result.as_of if result.stored else None,
            }
        )
        # Above the regions the rows behind the figure are a million: the regions' roll-up is
        # the way down (federal → region → municipality → organization).
        drill = drilldown_for(indicator, user, unit, period) if unit.level != Level.FEDERAL else None
        if drill is not None:
            # Counted up to 10,000 rows (the figure above gives the exact total): a region's
            # 60,000 teachers were counted on every page (issue 16).
            page = CappedPaginator(
                drill.rows, settings.NASTAVNIK_TABLE_PAGE_SIZE, counted=drill.counted
            ).get_page(self.request.GET.get("page"))
            rows = list(page.object_list)
            context.update(
                {
                    "drill": drill,
                    "drill_rows": drill.render(rows, RenderContext(user=user, unit_url=self.unit_url)),
                    "page_obj": page,
                    "paginator": page.paginator,
                    "is_paginated": page.paginator.num_pages > 1,
                    "query_without_page": self.query(),
                }
            )
        # The breakdowns as the dashboard reads them: stored by the nightly roll-up for the
        # federal unit and the regions, else kept a minute (a region's took 0.6 s at every opening).
        if indicator.code == "full_cycle":
            breakdown = cached_breakdown("full_cycle_breakdown", unit, period, full_cycle_breakdown) or {}
            context["breakdown"] = [
                (BREAKDOWN_TITLES[key], rows) for key, rows in breakdown.items() if key in BREAKDOWN_TITLES
            ]
        if indicator.code == "learners_full_cycle":
            # the learners by the form of mentoring and by year, and where the contingent is kept
            years = list(range(period.end.year, period.end.year - 5, -1))
            context["learners_by_form"] = (
                cached_breakdown("learners_by_form", unit, period, learners_by_form) or []
            )
            context["learners_by_year"] = [
                (year, num, den, indicator.format(value))
                for year, num, den, value in learners_by_year(unit, years)
            ]
            context["contingent_url"] = (
                f"{reverse('monitoring:contingent')}?unit={unit.pk}&year={period.end.year}"
            )
        if indicator.code == "difficulty_change":
            context["areas"] = [
                (name, _mean(before), _mean(after), indicator.format(change))
                for name, before, after, change in (
                    cached_breakdown("difficulty_by_area", unit, period, difficulty_by_area) or []
                )
            ]
        return context


def _number(value) -> str:
    """A term as printed: whole numbers with a thin space, fractions with a comma; «—» for none."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u00a0")
    return f"{value:.1f}".replace(".", ",")


def _mean(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",")
