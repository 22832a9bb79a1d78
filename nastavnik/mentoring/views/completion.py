"""Pages of the completion of a personalized program: the mentee's self-assessment before and
after, the mentor's report, the completion (seed 004 §6.2.3, 003 §4.8, 002 §9).

The program is looked up in the user's view scope (404 outside it); what the user may do in it
is decided by ``selectors.participants.program_roles`` (403 otherwise).
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views import View

from nastavnik.core.files import private_file_response
from nastavnik.core.views import id_param
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.forms.completion import MentorReportForm, ProgramCompleteForm, SelfAssessmentForm
from nastavnik.mentoring.models import MentorReport, PersonalizedProgram, SelfAssessment
from nastavnik.mentoring.selectors.completion import (
    PHASES,
    assessment_areas,
    completion_conditions,
    current_pairs,
    may_assess,
    may_complete,
    may_report,
)
from nastavnik.mentoring.selectors.participants import ProgramRoles
from nastavnik.mentoring.services import completion as services
from nastavnik.mentoring.views.base import ProgramFormView


class _CompletionFormView(ProgramFormView):
    """A completion page; back to the program page at its completion section."""

    anchor = "completion"

    def base_queryset(self):
        return PersonalizedProgram.objects.select_related("organization", "stage")


class SelfAssessmentView(_CompletionFormView):
    """The mentee's self-assessment of the program's addressed areas, 1–5, before or after the
    program (seed 004 §6.2.3, §9.2); filled by the mentee or by the manager on their behalf (in a
    group the manager chooses the mentee: ``?mentee=<person pk>``)."""

    form_class = SelfAssessmentForm
    template_name = "mentoring/self_assessment_form.html"
    forbidden_message = "Самооценку заполняет наставляемый или куратор программы."

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("phase") not in PHASES:
            raise Http404("Нет такой страницы.")
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, roles: ProgramRoles) -> bool:
        return may_assess(roles)

    @property
    def phase(self) -> str:
        return self.kwargs["phase"]

    def _setup(self):
        """The mentees the user may assess for, the chosen one and their areas."""
        if hasattr(self, "_mentee"):
            return
        pairs = current_pairs(self.object)
        own_id = next((p.mentee_id for p in pairs if p.mentee.user_id == self.request.user.pk), None)
        if self.roles.manager:
            self.mentees = [p.mentee for p in pairs]
        else:
            self.mentees = [p.mentee for p in pairs if p.mentee_id == own_id]
        wanted = id_param(self.request.POST.get("mentee") or self.request.GET.get("mentee"))
        by_id = {m.pk: m for m in self.mentees}
        chosen = by_id.get(wanted)
        self._mentee = chosen or by_id.get(own_id) or (self.mentees[0] if self.mentees else None)
        self.areas = assessment_areas(self.object).get(self._mentee.pk, []) if self._mentee else []

    def get_form_kwargs(self):
        self._setup()
        kwargs = super().get_form_kwargs()
        rows = (
            {r.area_id: r for r in SelfAssessment.objects.filter(program=self.object, mentee=self._mentee)}
            if self._mentee
            else {}
        )
        kwargs["areas"] = self.areas
        kwargs["initial_scores"] = {pk: getattr(r, self.phase) for pk, r in rows.items()}
        kwargs["before_scores"] = {pk: r.before for pk, r in rows.items()} if self.phase == "after" else {}
        kwargs["mentee_id"] = self._mentee.pk if self._mentee else None
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            phase=self.phase,
            phase_label=PHASES[self.phase],
            mentee=self._mentee,
            mentees=self.mentees if len(self.mentees) > 1 else [],
            phase_error=services.self_assessment_phase_error(self.object, self.phase),
        )
        return context

    def perform(self, form):
        if self._mentee is None:
            raise ValidationError("В программе нет наставляемых, за которых вы можете заполнить самооценку.")
        try:
            services.self_assessment_set(
                program=self.object,
                mentee=self._mentee,
                by=self.request.user,
                scores=form.scores(),
                phase=self.phase,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "mentee" in error.error_dict:
                raise ValidationError(error.messages) from None
            raise
        self.success_message = f"Самооценка {PHASES[self.phase]} сохранена: {self._mentee.short_name}."
        return self.object


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
