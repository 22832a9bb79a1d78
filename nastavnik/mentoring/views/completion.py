"""Pages of the completion of a personalized program: the mentor's report, the completion (seed
004 §6.2.3, 003 §4.8, 002 §9). The mentee's self-assessment of difficulties before and after is
answered as a questionnaire of monitoring (``monitoring:answer``).

The program is looked up in the user's view scope (404 outside it); what the user may do in it
is decided by ``selectors.participants.program_roles`` (403 otherwise).
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views import View

from nastavnik.core.files import private_file_response
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.forms.completion import MentorReportForm, ProgramCompleteForm
from nastavnik.mentoring.models import MentorReport, PersonalizedProgram
from nastavnik.mentoring.selectors.completion import completion_conditions, may_complete, may_report
from nastavnik.mentoring.selectors.participants import ProgramRoles
from nastavnik.mentoring.services import completion as services
from nastavnik.mentoring.views.base import ProgramFormView


class _CompletionFormView(ProgramFormView):
    """A completion page; back to the program page at its completion section."""

    anchor = "completion"

    def base_queryset(self):
        return PersonalizedProgram.objects.select_related("organization", "stage")


class MentorReportView(_CompletionFormView):
    """The mentor's report on the implementation of the program (seed 004 §6.2.3), by the mentor
    or the manager, while the program is under way; a new report replaces the earlier one."""

    form_class = MentorReportForm
    template_name = "mentoring/mentor_report_form.html"
    forbidden_message = "Отчёт представляет наставник или куратор программы."
    success_message = "Отчёт наставника сохранён."

    def allowed(self, roles: ProgramRoles) -> bool:
        return may_report(roles)

    @cached_property
    def report(self) -> MentorReport | None:
        return MentorReport.objects.filter(program=self.object).first()

    def get_initial(self):
        report = self.report
        if report is None:
            return {}
        return {
            "work_done": report.work_done,
            "results": report.results,
            "products": report.products,
            "recommendations": report.recommendations,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        context["status_error"] = (
            ""
            if self.object.status == ProgramStatus.ACTIVE
            else "Отчёт наставника представляется, пока программа реализуется; сейчас статус программы — "
            f"«{self.object.get_status_display()}»."
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        services.mentor_report_submit(
            program=self.object,
            by=self.request.user,
            work_done=data["work_done"],
            results=data["results"],
            products=data["products"],
            recommendations=data["recommendations"],
            attachment=data["attachment"] or None,
        )
        return self.object


class ProgramCompleteView(_CompletionFormView):
    """The completion of the program by its manager (the curator or the head): the checklist of
    the conditions and the results of the pair (group) (seed 003 §4.8, 002 §9)."""

    form_class = ProgramCompleteForm
    template_name = "mentoring/complete_form.html"
    forbidden_message = "Программу завершает куратор или руководитель организации."
    success_message = (
        "Программа завершена: пары завершены, наставляемым проставлена отметка о прохождении полного цикла."
    )

    def allowed(self, roles: ProgramRoles) -> bool:
        return may_complete(roles)

    def get_initial(self):
        return {"results": self.object.results}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["completed"] = self.object.status == ProgramStatus.COMPLETED
        context["conditions"] = [] if context["completed"] else completion_conditions(self.object)
        context["ready"] = bool(context["conditions"]) and all(c.met for c in context["conditions"])
        return context

    def perform(self, form):
        return services.program_complete(
            program=self.object, by=self.request.user, results=form.cleaned_data["results"]
        )


class MentorReportAttachmentView(LoginRequiredMixin, View):
    """The file attached to the mentor's report, for those who see the program (never from a
    public media URL: a report may hold personal data, 152-ФЗ art. 9)."""

    def get(self, request, pk):
        program = get_object_or_404(PersonalizedProgram.objects.for_user(request.user), pk=pk)
        report = MentorReport.objects.filter(program=program).first()
        if report is None:
            raise Http404("Файл не загружен.")
        return private_file_response(report.attachment)
