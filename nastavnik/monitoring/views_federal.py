"""Pages of the federal statistical figure (seed 002 §9): the roll-up of a municipality or a
region for a year (who has confirmed, who has not, the difference, the countdown to 20 January,
the XLSX export) and the curator's confirmation of the organization's figure."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from nastavnik.core.export import xlsx_response
from nastavnik.core.files import mark_attachment
from nastavnik.core.users import user_name
from nastavnik.core.views import RightRequiredMixin, ScopedActionMixin, id_param
from nastavnik.monitoring.federal import (
    STATUS_LABELS,
    countdown_text,
    deadline,
    federal_table,
    organization_figure,
    parse_year,
    year_choices,
)
from nastavnik.monitoring.services.federal import CONFIRM_REFUSAL, federal_figure_confirm
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

VIEW_REFUSAL = (
    "Сведения для федерального статистического наблюдения доступны кураторам и руководителям "
    "организаций, муниципальным координаторам и региональному оператору."
)


def federal_units(user):
    """The units whose figures ``user`` may view (the right ``federalstatisticsreport`` view)."""
    return OrgUnit.objects.granted(user, "federalstatisticsreport", "view")


def unit_choices(user, unit: OrgUnit) -> list[OrgUnit]:
    """The units offered in the chooser of the page of ``unit``: the federal unit and the
    regions ``user`` may view, and the municipalities of ``unit``'s region only (the country has
    two thousand of them), ordered by path. Two queries."""
    ids = [int(part) for part in unit.path.split("/") if part]
    region = OrgUnit.objects.filter(pk__in=ids, level=Level.REGION).values_list("path", flat=True).first()
    nearby = Q(level__in=(Level.FEDERAL, Level.REGION))
    if region:
        nearby |= Q(level=Level.MUNICIPALITY, path__startswith=region)
    return list(
        federal_units(user)
        .filter(nearby)
        .order_by("path")
        .only("pk", "full_name", "short_name", "level", "path")
    )


def _local(value):
    return timezone.localtime(value) if value else None


class FederalView(RightRequiredMixin, TemplateView):
    """«Сведения для федерального статистического наблюдения» of a unit (``?unit=``, by default
    the topmost the user may view) for a reporting year (``?year=``): every organization with
    the live figure, the confirmed one, who and when, the difference and the status; filters
    ``?status=`` (``federal.STATUS_LABELS``) and ``?municipality=``; totals by municipality
    (by region on the federal unit's page, which lists no organization); the organizations
    ``NASTAVNIK_TABLE_PAGE_SIZE`` a page (``?page=``, garbage gives the first or the last);
    the countdown to 20 January; ``?export=xlsx`` — the roll-up as XLSX. Garbage in the query
    string is ignored (with a message for the year); the id of a unit outside the scope is a 404."""

    template_name = "monitoring/federal_list.html"
    required_right = ("federalstatisticsreport", "view")
    forbidden_message = VIEW_REFUSAL

    def prepare(self) -> None:
        user = self.request.user
        params = self.request.GET
        units = federal_units(user)
        unit_id = id_param(params.get("unit"))
        unit = units.filter(pk=unit_id).first() if unit_id is not None else None
        if unit_id is not None and unit is None:  # an id outside the scope; garbage is ignored
            raise Http404("Организация, муниципальное образование или регион не найдены или недоступны.")
        self.unit = unit or units.order_by("path").first()
        self.year, self.year_error = parse_year(params.get("year"))
        status = str(params.get("status", ""))
        self.status = status if status in STATUS_LABELS else ""
        self.municipality_id = id_param(params.get("municipality"))
        self.table = (
            federal_table(
                user, self.unit, self.year, status=self.status, municipality_id=self.municipality_id
            )
            if self.unit is not None
            else None
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and self.table is not None:
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def export_xlsx(self):
        """The roll-up as XLSX: one row per organization after the filters."""
        columns = [
            ("Организация", lambda r: r.organization.full_name),
            ("Муниципальное образование", lambda r: str(r.organization.municipality or "")),
            ("ИНН", lambda r: r.organization.inn),
            ("Педагогические работники: прошли полный цикл по данным системы", lambda r: r.live),
            ("Педагогические работники: подтверждено куратором", lambda r: r.confirmed),
            ("Педагогические работники: расхождение", lambda r: r.difference or None),
            ("Обучающиеся: прошли полный цикл по данным системы", lambda r: r.live_learners),
            ("Обучающиеся: подтверждено куратором", lambda r: r.confirmed_learners),
            ("Обучающиеся: расхождение", lambda r: r.learners_difference or None),
            ("Состояние", lambda r: r.status_label),
            ("Подтвердил", lambda r: user_name(r.report.confirmed_by) if r.report else ""),
            (
                "Дата подтверждения",
                lambda r: _local(r.report.confirmed_at).strftime("%d.%m.%Y %H:%M") if r.report else "",
            ),
        ]
        response = xlsx_response(
            columns=columns,
            objects=self.table.rows,
            filename_stem=f"federalnoe-nablyudenie-{self.year}",
            sheet_title=f"Сведения за {self.year} год",
        )
        return mark_attachment(
            response,
            subject=self.unit,
            kind="export",
            label=f"Сведения для федерального статистического наблюдения за {self.year} год",
            details={"Отчётный год": str(self.year), "Единица": str(self.unit)},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            unit=self.unit,
            year=self.year,
            year_error=self.year_error,
            years=year_choices(),
            status=self.status,
            status_choices=list(STATUS_LABELS.items()),
            municipality_id=self.municipality_id,
            table=self.table,
        )
        if self.table is None:
            return context
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        context["export_url"] = f"?{query.urlencode()}"
        page = Paginator(self.table.rows, settings.NASTAVNIK_TABLE_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        query.pop("export", None)
        query.pop("page", None)
        context.update(
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.paginator.num_pages > 1,
            page_rows=page.object_list,
            query_without_page=query.urlencode(),
        )
        ids = [row.organization.pk for row in page.object_list]
        context["confirmable"] = set(
            OrgUnit.objects.granted(user, "federalstatisticsreport", "confirm")
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        context["unit_choices"] = unit_choices(user, self.unit)
        context["municipalities"] = [t for t in self.table.totals if t.unit is not None]
        context["deadline"] = deadline(self.year)
        return context


class FederalConfirmView(ScopedActionMixin, TemplateView):
    """The confirmation of an organization's figure for a year (``?year=``, or the ``year``
    field of the form): the live figure, the last confirmation with who and when, the
    difference, and the button that asks before confirming (``data-confirm``). GET and POST by
    the curator of the organization only (the right ``federalstatisticsreport`` confirm); 403
    for the others who see the figure, 404 outside the scope. POST calls
    ``services.federal.federal_figure_confirm``."""

    template_name = "monitoring/federal_confirm.html"
    model = OrgUnit
    scope_action = "confirm"
    perm_model = "federalstatisticsreport"
    forbidden_message = CONFIRM_REFUSAL

    def visible_queryset(self):
        return (
            federal_units(self.request.user).filter(level=Level.ORGANIZATION).select_related("municipality")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.POST if self.request.method == "POST" else self.request.GET
        year, year_error = parse_year(params.get("year"))
        figure = organization_figure(self.object, year)
        context.update(
            organization=self.object,
            year=year,
            year_error=year_error,
            years=year_choices(),
            figure=figure,
            deadline=deadline(year),
            countdown=countdown_text(year),
            back_url=f"{reverse('monitoring:federal')}?unit={self.object.pk}&year={year}",
        )
        return context

    def post(self, request, *args, **kwargs):
        year, year_error = parse_year(request.POST.get("year"))
        expected = id_param(request.POST.get("expected"))
        expected_learners = id_param(request.POST.get("expected_learners"))
        if year_error:
            messages.error(request, year_error)
            return self.get(request, *args, **kwargs)
        try:
            report = federal_figure_confirm(
                organization=self.object,
                year=year,
                by=request.user,
                expected=expected,
                expected_learners=expected_learners,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.get(request, *args, **kwargs)
        messages.success(
            request,
            f"Сведения за {year} год подтверждены: {report.figure} — педагогические работники, прошедшие полный "
            f"цикл программы наставничества; обучающиеся — {report.learners_figure}.",
        )
        return redirect(f"{reverse('monitoring:federal_confirm', args=[self.object.pk])}?year={year}")
