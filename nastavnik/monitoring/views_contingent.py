"""Pages of the contingent of learners (issue 20; seed 002 §9): the table of a unit's
organizations for a year with the number each entered (the missing ones marked) and its XLSX
export, the entry of one organization's number, and the import of an XLSX by the municipal
coordinator and the regional operator (``services.contingent``)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from nastavnik.access.rules import has_perm
from nastavnik.core.export import xlsx_response
from nastavnik.core.files import mark_attachment
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.users import user_name
from nastavnik.core.views import RightRequiredMixin, ScopedActionMixin, id_param
from nastavnik.monitoring.indicators import get_indicator
from nastavnik.monitoring.models import LearnerContingent
from nastavnik.monitoring.services.contingent import (
    IMPORT_COLUMNS,
    IMPORT_REFUSAL,
    REFUSAL,
    contingent_import,
    contingent_set,
    year_bounds,
)
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

VIEW_REFUSAL = (
    "Численность обучающихся видят куратор и руководитель организации, муниципальный координатор и "
    "региональный оператор."
)


def contingent_units(user, action: str = "view"):
    """The units whose contingents ``user`` may ``action`` (the right ``learnercontingent``)."""
    return OrgUnit.objects.granted(user, "learnercontingent", action)


def year_choices() -> list[int]:
    """The years offered, newest first (``services.contingent.year_bounds``)."""
    first, last = year_bounds()
    return list(range(last, first - 1, -1))


def parse_contingent_year(raw) -> tuple[int, str]:
    """The year of ``?year=`` and a Russian error ("" when read); anything else gives the
    current year. Never raises."""
    default = timezone.localdate().year
    raw = str(raw or "").strip()
    if not raw:
        return default, ""
    if raw.isascii() and raw.isdigit() and len(raw) == 4 and int(raw) in year_choices():
        return int(raw), ""
    return default, f"Год указан неверно. Показаны сведения за {default} год."


def can_import(user, unit: OrgUnit | None) -> bool:
    """Whether ``user`` may import a file for ``unit``: a municipality or a region where they
    hold the right ``learnercontingent`` add (the coordinator, the operator)."""
    return (
        unit is not None
        and unit.level in (Level.MUNICIPALITY, Level.REGION)
        and has_perm(user, "learnercontingent", "add", unit)
    )


def unit_choices(user, unit: OrgUnit) -> list[OrgUnit]:
    """The units offered in the chooser: the regions ``user`` may view and the municipalities of
    ``unit``'s region (not the country's two thousand), ordered by path. Two queries."""
    ids = [int(part) for part in unit.path.split("/") if part]
    region = OrgUnit.objects.filter(pk__in=ids, level=Level.REGION).values_list("path", flat=True).first()
    nearby = Q(level=Level.REGION)
    if region:
        nearby |= Q(level=Level.MUNICIPALITY, path__startswith=region)
    return list(
        contingent_units(user)
        .filter(nearby)
        .order_by("path")
        .only("pk", "full_name", "short_name", "level", "path")
    )


def contingent_url(unit_id, year: int) -> str:
    """The table of the unit ``unit_id`` for ``year``."""
    return f"{reverse('monitoring:contingent')}?unit={unit_id}&year={year}"


class ContingentView(RightRequiredMixin, TemplateView):
    """«Контингент обучающихся» of a unit (``?unit=``, by default the topmost the user may view)
    for a year (``?year=``): every organization of the unit's subtree with the number of
    learners entered for the year, who and how entered it, «не внесено» for the missing ones,
    and the link to enter or correct it where the user may; the totals (organizations, how many
    entered, learners); ``NASTAVNIK_TABLE_PAGE_SIZE`` rows a page; ``?export=xlsx`` — every row
    as XLSX. Garbage in the query string is ignored (with a message for the year); the id of a
    unit outside the scope is a 404. Queries do not grow with the organizations shown."""

    template_name = "monitoring/contingent.html"
    required_right = ("learnercontingent", "view")
    forbidden_message = VIEW_REFUSAL

    def prepare(self) -> None:
        user = self.request.user
        units = contingent_units(user)
        unit_id = id_param(self.request.GET.get("unit"))
        unit = units.filter(pk=unit_id).first() if unit_id is not None else None
        if unit_id is not None and unit is None:
            raise Http404("Организация, муниципальное образование или регион не найдены или недоступны.")
        self.unit = unit or units.order_by("path").first()
        self.year, self.year_error = parse_contingent_year(self.request.GET.get("year"))

    def organizations(self):
        """The organizations of the unit the user may view, by municipality and name."""
        return (
            contingent_units(self.request.user)
            .filter(level=Level.ORGANIZATION, path__startswith=self.unit.path)
            .select_related("municipality")
            .order_by("municipality__full_name", "full_name", "pk")
        )

    def entered(self, organization_ids=None) -> dict[int, LearnerContingent]:
        rows = LearnerContingent.objects.filter(
            organization__path__startswith=self.unit.path, year=self.year
        ).select_related("entered_by__person")
        if organization_ids is not None:
            rows = rows.filter(organization_id__in=organization_ids)
        return {row.organization_id: row for row in rows}

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and self.unit is not None:
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def export_xlsx(self):
        """Every organization of the unit with its number for the year (empty when missing)."""
        entered = self.entered()
        columns = [
            ("Организация", lambda o: o.full_name),
            ("Муниципальное образование", lambda o: str(o.municipality or "")),
            ("ИНН", lambda o: o.inn),
            ("Год", lambda o: self.year),
            ("Численность обучающихся", lambda o: entered[o.pk].learners if o.pk in entered else None),
            (
                "Как внесено",
                lambda o: entered[o.pk].get_source_display() if o.pk in entered else "не внесено",
            ),
            ("Внёс", lambda o: user_name(entered[o.pk].entered_by) if o.pk in entered else ""),
            (
                "Когда",
                lambda o: (
                    timezone.localtime(entered[o.pk].entered_at).strftime("%d.%m.%Y %H:%M")
                    if o.pk in entered
                    else ""
                ),
            ),
        ]
        response = xlsx_response(
            columns=columns,
            objects=self.organizations().iterator(),
            filename_stem=f"kontingent-obuchayushchihsya-{self.year}",
            sheet_title=f"Контингент за {self.year} год",
        )
        return mark_attachment(
            response,
            subject=self.unit,
            kind="export",
            label=f"Контингент обучающихся за {self.year} год",
            details={"Год": str(self.year), "Единица": str(self.unit)},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            unit=self.unit,
            year=self.year,
            year_error=self.year_error,
            years=year_choices(),
        )
        if self.unit is None:
            return context
        organizations = self.organizations()
        page = Paginator(organizations, settings.NASTAVNIK_TABLE_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        ids = [org.pk for org in page.object_list]
        entered = self.entered(ids)
        editable = set(contingent_units(user, "add").filter(pk__in=ids).values_list("pk", flat=True))
        context["rows"] = [(org, entered.get(org.pk), org.pk in editable) for org in page.object_list]
        totals = LearnerContingent.objects.filter(
            organization__in=organizations.order_by().values("pk"), year=self.year
        ).aggregate(count=Count("pk"), learners=Sum("learners"))
        context["total_organizations"] = page.paginator.count
        context["total_entered"] = totals["count"] or 0
        context["total_learners"] = totals["learners"] or 0
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_url"] = f"?{query.urlencode()}"
        query.pop("export", None)
        context.update(
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.paginator.num_pages > 1,
            query_without_page=query.urlencode(),
            can_import=can_import(user, self.unit),
            unit_choices=unit_choices(user, self.unit),
            indicator=get_indicator("learners_full_cycle"),
        )
        return context


class ContingentForm(forms.Form):
    """The number of learners of an organization for a year."""

    year = forms.TypedChoiceField(label="Год", coerce=int)
    learners = forms.IntegerField(
        label="Численность обучающихся",
        min_value=0,
        help_text="Все обучающиеся организации на начало учебного года (по данным статистического отчёта).",
        error_messages={"invalid": "Введите целое число.", "min_value": "Число не может быть отрицательным."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]
        bootstrap_widgets(self.fields)


class ContingentEditView(ScopedActionMixin, FormView):
    """Enter or correct the number of learners of the organization ``pk`` for a year (``?year=``
    preselects it; the form's field decides). The right ``learnercontingent`` add over the
    organization (its curator and head, the coordinator and the operator above it); 403 for
    those who only see it, 404 outside the scope. POST calls ``services.contingent.contingent_set``."""

    template_name = "monitoring/contingent_form.html"
    form_class = ContingentForm
    model = OrgUnit
    scope_action = "add"
    perm_model = "learnercontingent"
    forbidden_message = REFUSAL

    def visible_queryset(self):
        return (
            contingent_units(self.request.user)
            .filter(level=Level.ORGANIZATION)
            .select_related("municipality")
        )

    def get_initial(self):
        year, _ = parse_contingent_year(self.request.GET.get("year"))
        row = LearnerContingent.objects.filter(organization=self.object, year=year).first()
        return {"year": year, "learners": row.learners if row else None}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, _ = parse_contingent_year(self.request.GET.get("year"))
        context.update(
            organization=self.object,
            entered=list(
                LearnerContingent.objects.filter(organization=self.object)
                .select_related("entered_by__person")
                .order_by("-year")[:10]
            ),
            back_url=contingent_url(self.object.pk, year),
        )
        return context

    def form_valid(self, form):
        year, learners = form.cleaned_data["year"], form.cleaned_data["learners"]
        try:
            contingent_set(organization=self.object, year=year, learners=learners, by=self.request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, f"Численность обучающихся за {year} год сохранена: {learners}.")
        return redirect(contingent_url(self.object.pk, year))


class ContingentImportForm(forms.Form):
    """The XLSX file of the contingents."""

    file = forms.FileField(
        label="Файл Excel (XLSX)",
        help_text="Столбцы: " + ", ".join(f"«{c}»" for c in IMPORT_COLUMNS) + "; первая строка — заголовки.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class ContingentImportView(RightRequiredMixin, FormView):
    """Import the contingents of a municipality's or a region's organizations (``?unit=``) from
    an XLSX (``services.contingent.contingent_import``): all or nothing, the errors listed by
    row. Only for a unit where the user may import (:func:`can_import`: the coordinator, the
    operator); 403 for the others, 404 for a unit outside the scope."""

    template_name = "monitoring/contingent_import.html"
    form_class = ContingentImportForm
    required_right = ("learnercontingent", "add")
    forbidden_message = IMPORT_REFUSAL

    def import_units(self):
        """The municipalities and regions where the user may import (the right ``add`` there)."""
        return contingent_units(self.request.user, "add").filter(level__in=(Level.MUNICIPALITY, Level.REGION))

    def has_right(self) -> bool:
        """Only a holder of the right on a municipality or a region (the coordinator, the
        operator): the curator enters their own organization's figure on its own page."""
        return super().has_right() and self.import_units().exists()

    def prepare(self) -> None:
        units = self.import_units()
        unit_id = id_param(self.request.GET.get("unit"))
        if unit_id is not None:
            self.unit = units.filter(pk=unit_id).first()
            if self.unit is None:
                raise Http404("Муниципальное образование или регион не найдены или недоступны.")
        else:
            self.unit = units.order_by("path").first()
        self.year, _ = parse_contingent_year(self.request.GET.get("year"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            unit=self.unit,
            columns=IMPORT_COLUMNS,
            back_url=contingent_url(self.unit.pk, self.year),
            template_url=f"{reverse('monitoring:contingent_template')}?unit={self.unit.pk}&year={self.year}",
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data["file"].read()
        try:
            result = contingent_import(unit=self.unit, data=data, by=self.request.user)
        except ValidationError as exc:
            context = self.get_context_data(form=form)
            context["import_errors"] = exc.messages
            return self.render_to_response(context)
        messages.success(
            self.request,
            f"Численность обучающихся загружена: добавлено записей — {result.created}, обновлено — {result.updated}.",
        )
        return redirect(contingent_url(self.unit.pk, self.year))


class ContingentTemplateView(ContingentImportView):
    """The XLSX template of the import for the unit (``?unit=``): the header and one row per
    organization of the unit the user may enter, with its ИНН and full name, the year
    (``?year=``) and the number already entered for it, if any."""

    def get(self, request, *args, **kwargs):
        organizations = (
            contingent_units(request.user, "add")
            .filter(level=Level.ORGANIZATION, path__startswith=self.unit.path)
            .order_by("municipality__full_name", "full_name", "pk")
        )
        entered = dict(
            LearnerContingent.objects.filter(
                organization__path__startswith=self.unit.path, year=self.year
            ).values_list("organization_id", "learners")
        )
        columns = [
            (IMPORT_COLUMNS[0], lambda o: o.inn),
            (IMPORT_COLUMNS[1], lambda o: o.full_name),
            (IMPORT_COLUMNS[2], lambda o: self.year),
            (IMPORT_COLUMNS[3], lambda o: entered.get(o.pk)),
        ]
        return xlsx_response(
            columns=columns,
            objects=organizations.iterator(),
            filename_stem=f"kontingent-shablon-{self.year}",
            sheet_title="Контингент",
        )

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)
