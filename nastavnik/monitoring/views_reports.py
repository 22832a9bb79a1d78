"""Pages of the analytical reports (аналитическая справка, seed 003 §5.2–5.4, 004 §9.5): the list
of the reports of the user's units, a new report for a unit and a period, the report's page (its
figures, tables and charts, the author's texts while it is a draft, the registration), and its
DOCX and PDF once registered. Rights: ``PERMISSIONS["analyticalreport"]``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.generic import FormView, TemplateView

from nastavnik.access.rules import has_perm
from nastavnik.core.charts import svg_data_uri
from nastavnik.core.files import mark_attachment
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedListView,
    add_validation_error,
    id_param,
)
from nastavnik.documents.render import PdfError
from nastavnik.documents.services import document_pdf, safe_filename
from nastavnik.documents.specs import MissingData
from nastavnik.monitoring.choices import ReportStatus
from nastavnik.monitoring.forms_reports import (
    ReportCreateForm,
    ReportRegisterForm,
    ReportTextsForm,
    report_units,
)
from nastavnik.monitoring.models import AnalyticalReport
from nastavnik.monitoring.reports import chart_from_dict, day_long, report_data, report_period
from nastavnik.monitoring.services.reports import (
    report_create,
    report_docx,
    report_redraft,
    report_register,
    report_update,
)

REFUSAL = (
    "Аналитические справки составляют куратор и руководитель организации, муниципальный "
    "координатор и региональный оператор."
)


class ReportListView(RightRequiredMixin, ScopedListView):
    """The reports of the units in the user's scope, the newest period first."""

    model = AnalyticalReport
    required_right = ("analyticalreport", "view")
    forbidden_message = REFUSAL
    filterset_fields = ["status"]
    template_name = "monitoring/report_list.html"

    def base_queryset(self):
        return AnalyticalReport.objects.select_related("unit__municipality", "document").order_by(
            "-period_end", "-pk"
        )


class ReportCreateView(RightRequiredMixin, FormView):
    """A new report: a unit the user may write reports on and a period; the draft is made with
    its conclusions and recommendations drafted from the data."""

    template_name = "monitoring/report_create.html"
    form_class = ReportCreateForm
    required_right = ("analyticalreport", "add")
    forbidden_message = REFUSAL

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_initial(self):
        """The unit (``?unit=``) and the period (``?period=``) the dashboard links with; anything
        unreadable is left out (the form starts empty)."""
        from nastavnik.monitoring.periods import parse_period

        initial = {}
        unit = id_param(self.request.GET.get("unit"))
        if unit is not None:
            initial["unit"] = unit
        if self.request.GET.get("period"):
            period, error = parse_period(self.request.GET)
            if not error:
                if ".." in period.key:
                    initial.update(starts_on=period.start, ends_on=period.end)
                else:
                    initial["period"] = period.key
        return initial

    def form_valid(self, form):
        try:
            report = report_create(
                unit=form.cleaned_data["unit"], period=form.cleaned_data["period_value"], by=self.request.user
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, "Проект справки составлен по данным мониторинга. Проверьте выводы и рекомендации."
        )
        return redirect("monitoring:report_detail", pk=report.pk)


def report_charts(data: dict) -> list[dict]:
    """The charts of a report's ``data`` for the page: ``{"title", "src", "headers", "rows"}``
    (the SVG as a ``data:`` address, and the table for screen readers)."""
    result = []
    for item in data.get("charts", []):
        chart = chart_from_dict(item)
        headers, rows = chart.table()
        result.append({"title": chart.title, "src": svg_data_uri(chart), "headers": headers, "rows": rows})
    return result


class ReportMixin(ScopedActionMixin):
    """A page about one report: 404 outside the user's view scope, 403 without ``change`` for
    the writing pages, or when the report is registered (read-only)."""

    model = AnalyticalReport
    forbidden_message = "Нет прав изменять эту справку."

    def base_queryset(self):
        return AnalyticalReport.objects.select_related("unit", "document", "created_by__person")

    def action_refusal(self, report) -> str:
        reason = super().action_refusal(report)
        if not reason and self.scope_action == "change" and report.status == ReportStatus.REGISTERED:
            reason = "Справка зарегистрирована в реестре документов и больше не изменяется."
        return reason


class ReportDetailView(ReportMixin, TemplateView):
    """The report: its figures, tables and charts (live for a draft, as registered for a
    registered one), the author's texts with the form to edit them, «Обновить данные» and
    «Зарегистрировать» while it is a draft; the DOCX and PDF once registered."""

    scope_action = "view"
    template_name = "monitoring/report_detail.html"
    texts_form = None
    register_form = None
    missing = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        registered = report.status == ReportStatus.REGISTERED and report.document_id
        if registered:
            data = report.document.params.get("data") or {}
        else:
            data = report_data(report.unit, report_period(report))
        can_change = not registered and has_perm(self.request.user, "analyticalreport", "change", report)
        context.update(
            report=report,
            data=data,
            charts=report_charts(data),
            registered=registered,
            can_change=can_change,
            period=report_period(report),
            document_date=day_long(report.document.date) if registered else "",
            texts_form=self.texts_form
            or ReportTextsForm(
                initial={"conclusions": report.conclusions, "recommendations": report.recommendations}
            ),
            register_form=self.register_form or ReportRegisterForm(),
            missing=self.missing,
        )
        return context


class ReportTextsView(ReportMixin, TemplateView):
    """POST: save the author's conclusions and recommendations."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReportTextsForm(request.POST)
        if form.is_valid():
            try:
                report_update(report=self.object, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Выводы и рекомендации сохранены.")
                return redirect("monitoring:report_detail", pk=self.object.pk)
        messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
        return _detail(request, self.object, texts_form=form)


class ReportRedraftView(ReportMixin, TemplateView):
    """POST: «Обновить данные» — the conclusions and recommendations drafted again from the
    current data (the page asks first: the author's edits are replaced)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report_redraft(report=self.object, by=request.user)
        messages.success(request, "Выводы и рекомендации составлены заново по текущим данным.")
        return redirect("monitoring:report_detail", pk=self.object.pk)


class ReportRegisterView(ReportMixin, TemplateView):
    """POST: register the report in the document registry with its number and date; what the
    document cannot be issued without is listed on the page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReportRegisterForm(request.POST)
        if form.is_valid():
            try:
                report_register(report=self.object, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_error(form, exc)
            except MissingData as exc:
                messages.error(request, "Справка не зарегистрирована: не хватает данных.")
                return _detail(request, self.object, register_form=form, missing=exc.items)
            else:
                messages.success(request, "Справка зарегистрирована в реестре документов.")
                return redirect("monitoring:report_detail", pk=self.object.pk)
        messages.error(request, "Справка не зарегистрирована: исправьте ошибки в форме.")
        return _detail(request, self.object, register_form=form)


def _detail(request, report, **forms_):
    """The report's page with ``forms_`` (bound forms with their errors, the missing data)."""
    view = ReportDetailView(**forms_)
    view.setup(request, pk=report.pk)
    view.object = report
    response = view.get(request, pk=report.pk)
    response.status_code = 200
    return response


class ReportFileView(ReportMixin, TemplateView):
    """GET: the registered report's DOCX, or its PDF converted on request (``fmt``)."""

    scope_action = "view"

    def get(self, request, *args, fmt="docx", **kwargs):
        report = self.object
        if report.status != ReportStatus.REGISTERED or report.document_id is None:
            raise Http404("Справка ещё не зарегистрирована: файл появится после регистрации.")
        try:
            content = report_docx(report)
        except FileNotFoundError:
            raise Http404("Файл справки не найден в хранилище.") from None
        name = safe_filename(str(report.document))
        if fmt == "pdf":
            try:
                content = document_pdf(report.document)
            except PdfError as exc:
                messages.error(request, str(exc))
                return redirect(reverse("monitoring:report_detail", args=[report.pk]))
            response = HttpResponse(content, content_type="application/pdf")
            response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf")
        else:
            response = HttpResponse(
                content,
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
            response["Content-Disposition"] = content_disposition_header(True, f"{name}.docx")
        return mark_attachment(
            response, subject=report.document, label=f"Аналитическая справка ({fmt.upper()})"
        )


__all__ = [
    "ReportCreateView",
    "ReportDetailView",
    "ReportFileView",
    "ReportListView",
    "ReportRedraftView",
    "ReportRegisterView",
    "ReportTextsView",
    "report_units",
]
