"""Pages of the dashboards (issue 14, Build 4): the user's own level at ``/monitoring/``, any unit
of their subtree at ``/monitoring/units/<id>/``, its XLSX and its charts as SVG images.

Access: the ``indicator`` view right (``RightRequiredMixin``: 403 without it anywhere); a unit
outside the user's subtree is a 404, like a missing one (``dashboard.unit_for``). The charts are
drawn by their own addresses (``UnitChartView``): matplotlib takes about half a second per chart,
so the page itself draws none and stays fast; it prints each chart's data table.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.views.generic import TemplateView, View

from nastavnik.access.rules import has_perm
from nastavnik.core.charts import render_svg
from nastavnik.core.files import mark_attachment
from nastavnik.core.views import RightRequiredMixin, id_param
from nastavnik.monitoring import dashboard as selectors
from nastavnik.monitoring.export import dashboard_xlsx_response
from nastavnik.monitoring.periods import parse_period, period_choices
from nastavnik.organizations.choices import Level

REFUSAL = "Панель мониторинга доступна куратору и руководителю организации, муниципальному координатору и региональному оператору."


class UnitMixin(RightRequiredMixin):
    """Reads the unit (``pk`` of the URL, within the user's subtree, else 404) and the period
    (``?period=`` or ``?from=&to=``; garbage falls back to the current year with a message)."""

    required_right = selectors.RIGHT
    forbidden_message = REFUSAL
    unit = None

    def resolve_unit(self):
        unit = selectors.unit_for(self.request.user, id_param(self.kwargs.get("pk")))
        if unit is None:
            raise Http404("Организация или территория не найдена или недоступна.")
        return unit

    def prepare(self) -> None:
        self.unit = self.resolve_unit()
        self.period, self.period_error = parse_period(self.request.GET)


class DashboardView(UnitMixin, TemplateView):
    """The dashboard of one unit: key figures with the previous period, the comparison of the
    units below it (sortable by ``?sort=``), the charts with their data tables."""

    template_name = "monitoring/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, unit, period = self.request.user, self.unit, self.period
        board = selectors.build_dashboard(unit, period)
        rows, sort = selectors.sort_rows(board, self.request.GET.get("sort", ""))
        # The comparison table a page at a time (a municipality may have hundreds of
        # organizations: issue 16); the medians are of all of them.
        page = Paginator(rows, settings.NASTAVNIK_TABLE_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        charts = selectors.board_charts(board)
        period_query = urlencode({"period": period.key})
        choices = period_choices()
        if period.key not in dict(choices):
            choices = [(period.key, period.label), *choices]
        context.update(
            board=board,
            unit=unit,
            period=period,
            previous_period=period.previous(),
            period_error=self.period_error,
            period_choices=choices,
            period_query=period_query,
            is_range=".." in period.key,
            crumbs=selectors.breadcrumbs(user, unit),
            cards=[(card, selectors.indicator_url(card.indicator, unit, period)) for card in board.cards],
            rows=[(row, f"{selectors.dashboard_url(row.unit)}?{period_query}") for row in page.object_list],
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.paginator.num_pages > 1,
            query_without_page=query.urlencode(),
            sort=sort,
            columns=[
                (indicator, _sort_link(sort, indicator.code, period_query), _sort_state(sort, indicator.code))
                for indicator in board.indicators
            ],
            name_sort_link=_sort_link(sort, "name", period_query),
            name_sort_state=_sort_state(sort or "name", "name"),
            charts=[
                (name, chart, chart.table(), f"{_chart_url(unit, name)}?{period_query}")
                for name, chart in charts.items()
            ],
            children_label=(
                "Организации"
                if unit.level == Level.MUNICIPALITY
                else "Муниципальные образования и организации"
            ),
            export_url=f"{_export_url(unit)}?{period_query}",
            # The buttons lead only where the user may go (the national operator watches the
            # reports, it does not write them).
            can_report=has_perm(user, "analyticalreport", "add", unit),
            can_read_reports=has_perm(user, "analyticalreport", "view"),
        )
        return context


def _sort_link(current: str, key: str, period_query: str) -> str:
    """``?period=…&sort=key`` — or ``-key`` when the table is already sorted by ``key``."""
    return "?" + period_query + "&" + urlencode({"sort": f"-{key}" if current == key else key})


def _sort_state(current: str, key: str) -> str:
    """``aria-sort`` of the column ``key``: ``"ascending"``, ``"descending"`` or ``""``."""
    return {key: "ascending", f"-{key}": "descending"}.get(current, "")


def _chart_url(unit, name: str) -> str:
    from django.urls import reverse

    return reverse("monitoring:unit_chart", args=[unit.pk, name])


def _export_url(unit) -> str:
    from django.urls import reverse

    return reverse("monitoring:unit_export", args=[unit.pk])


class HomeDashboardView(DashboardView):
    """``/monitoring/``: the dashboard of the user's top unit (the region of the operator, the
    municipality of the coordinator, the organization of the curator and the head); a user with
    several unrelated units gets the list of them."""

    def resolve_unit(self):
        self.top = selectors.top_units(self.request.user)
        return self.top[0] if len(self.top) == 1 else None

    def get_template_names(self):
        return ["monitoring/dashboard.html" if self.unit else "monitoring/dashboard_choose.html"]

    def get_context_data(self, **kwargs):
        if self.unit is None:
            context = TemplateView.get_context_data(self, **kwargs)
            context["units"] = [(u, selectors.dashboard_url(u)) for u in self.top]
            return context
        return super().get_context_data(**kwargs)


class ExportView(UnitMixin, View):
    """The dashboard's numbers as XLSX: the unit's figures with numerators and denominators, and
    the comparison table of the units below it (``monitoring.export``)."""

    def get(self, request, *args, **kwargs):
        board = selectors.build_dashboard(self.unit, self.period)
        response = dashboard_xlsx_response(board)
        return mark_attachment(
            response,
            subject=self.unit,
            kind="export",
            label="Выгрузка панели мониторинга",
            details={"Период": self.period.label},
        )


#: How long a drawn chart is kept (seconds). The key is the chart's whole definition — its
#: data included — so a kept drawing is never stale: new data make a new key.
CHART_CACHE_SECONDS = 3600


def chart_key(chart) -> str:
    """The cache key and ETag of ``chart``: a hash of its whole definition (title, categories,
    series and their values)."""
    return "monitoring-chart-" + hashlib.sha256(repr(chart).encode()).hexdigest()[:32]


class ChartView(UnitMixin, View):
    """One chart of the dashboard as an SVG image (``image/svg+xml``); an unknown chart is a 404.

    The data are read anew on every request (a few grouped queries); the drawing — about half a
    second for 20 bars and three seconds for 50 with matplotlib — is kept in the cache under
    :func:`chart_key`, and a browser holding the same drawing (``If-None-Match``) gets a 304."""

    def get(self, request, *args, **kwargs):
        chart = selectors.chart_by_name(self.unit, self.period, kwargs.get("name", ""))
        if chart is None:
            raise Http404("Диаграмма не найдена.")
        key = chart_key(chart)
        etag = f'"{key}"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            svg = cache.get(key)
            if svg is None:
                svg = render_svg(chart)
                cache.set(key, svg, CHART_CACHE_SECONDS)
            response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        return response
