"""Pages of the monitoring of the sections «Наставничество» (issue 19, item 3; seed 003 §5.1):
the table of organizations × checklist, its XLSX, the monthly record and an organization's
history of records."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from nastavnik.access.scope import user_can
from nastavnik.core.export import xlsx_response
from nastavnik.core.files import mark_attachment
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.views import RightRequiredMixin, id_param
from nastavnik.openness.checklist import CHECK_ITEMS, section_checklist
from nastavnik.openness.models import SectionCheck
from nastavnik.openness.selectors.section_checks import (
    check_history,
    check_rows,
    checked_municipalities,
    checked_organizations,
)
from nastavnik.openness.services.section_checks import month_start, section_checks_record

STATES = [
    ("", "Все"),
    ("complete", "раздел заполнен полностью"),
    ("incomplete", "есть невыполненные требования"),
]


class SectionCheckFilterForm(forms.Form):
    """The filters of the table: the municipality and the state of the checklist."""

    municipality = forms.ModelChoiceField(
        label="Муниципальное образование", queryset=None, required=False, empty_label="Все"
    )
    state = forms.ChoiceField(label="Состояние раздела", choices=STATES, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = checked_municipalities(user)
        bootstrap_widgets(self.fields)


class SectionChecksView(RightRequiredMixin, TemplateView):
    """The table of the organizations the user checks × the checklist of their sections, with
    ✓/✗ and details (``/sections/checks/``); filters by municipality and state (unknown values are
    ignored with a note), ``?export=xlsx`` — the filtered table as XLSX; «Зафиксировать проверку за
    месяц» for those who may record."""

    required_right = ("sectioncheck", "view")
    template_name = "openness/section_checks/list.html"

    def rows(self):
        """The filtered rows and the filter form."""
        form = SectionCheckFilterForm(self.request.GET or None, user=self.request.user)
        units = checked_organizations(self.request.user)
        data = {}
        if form.is_bound:
            form.is_valid()
            data = getattr(form, "cleaned_data", {})
        municipality = data.get("municipality")
        if municipality is not None:
            units = units.filter(path__startswith=municipality.path) | units.filter(municipality=municipality)
        rows = check_rows(units.distinct())
        if data.get("state") == "complete":
            rows = [row for row in rows if row.complete]
        elif data.get("state") == "incomplete":
            rows = [row for row in rows if not row.complete]
        return form, rows

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        _form, rows = self.rows()
        columns = [("Организация", lambda row: str(row.unit)), ("Муниципальное образование", "municipality")]
        for index, label in enumerate(CHECK_ITEMS.values()):
            columns.append(
                (
                    label,
                    lambda row, i=index: ("да" if row.items[i].met else "нет") + f" ({row.items[i].detail})",
                )
            )
        columns.append(("Выполнено требований", lambda row: f"{row.met} из {len(row.items)}"))
        response = xlsx_response(
            columns=columns, objects=rows, filename_stem="proverka-razdelov", sheet_title="Проверка разделов"
        )
        return mark_attachment(
            response, subject=SectionCheck, kind="export", label="Проверка разделов «Наставничество»"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, rows = self.rows()
        paginator = Paginator(rows, settings.NASTAVNIK_TABLE_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        export_query = query.copy()
        export_query["export"] = "xlsx"
        context.update(
            form=form,
            ignored=form.is_bound and bool(form.errors),
            page_obj=page,
            paginator=paginator,
            is_paginated=paginator.num_pages > 1,
            rows=page.object_list,
            headers=list(CHECK_ITEMS.values()),
            total=len(rows),
            complete=sum(1 for row in rows if row.complete),
            query_without_page=query.urlencode(),
            export_url=f"?{export_query.urlencode()}",
            can_record=user_can(self.request.user, "sectioncheck", "add"),
            month=month_start(timezone.localdate()),
        )
        return context


class SectionChecksRecordView(RightRequiredMixin, View):
    """«Зафиксировать проверку за месяц» (POST ``/sections/checks/record/``): the checklist of every
    organization of the user's subtree written for this month (:func:`section_checks_record`)."""

    required_right = ("sectioncheck", "add")
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = section_checks_record(by=request.user)
        month = month_start(timezone.localdate())
        messages.success(request, f"Проверка разделов за {month:%m.%Y} зафиксирована: организаций — {count}.")
        return HttpResponseRedirect(reverse("section_checks:list"))


class SectionCheckHistoryView(RightRequiredMixin, TemplateView):
    """An organization's checklist today and its monthly records (``/sections/checks/<pk>/``, the
    organization's id); 404 for an organization the user does not check."""

    required_right = ("sectioncheck", "view")
    template_name = "openness/section_checks/history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = checked_organizations(self.request.user).filter(pk=id_param(self.kwargs["pk"])).first()
        if unit is None:
            raise Http404("Организация не найдена или недоступна.")
        records = list(check_history(self.request.user, unit)[:36])
        context.update(
            unit=unit,
            items=section_checklist([unit.pk])[unit.pk],
            records=records,
            labels=CHECK_ITEMS,
            record_rows=[
                (record, [(label, record.results.get(key)) for key, label in CHECK_ITEMS.items()])
                for record in records
            ],
        )
        return context
