"""Pages of the questionnaire engine (issue 14): the builder of curators, heads, coordinators and
operators (``PERMISSIONS["questionnaire"]``), the respondent's «Мои анкеты» and answer form,
and the results (``PERMISSIONS["answer"]``) with the list of named answers and the XLSX.

Access is decided by the base views (``core.views``): the row in the user's view scope (404
otherwise), then the action's right (403 with the reason). The rules of anonymity are those of
``results``."""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import FormView, TemplateView

from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope, user_can
from nastavnik.core.export import XLSX_CONTENT_TYPE, export_filename
from nastavnik.core.files import mark_attachment
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedDetailView,
    ScopedFormView,
    ScopedListView,
    add_validation_error,
)
from nastavnik.monitoring import results as res
from nastavnik.monitoring.choices import AssignmentStatus, Audience, Phase
from nastavnik.monitoring.forms_questionnaires import (
    AnswerForm,
    CopyForm,
    QuestionForm,
    QuestionnaireForm,
    ResultsUnitsForm,
)
from nastavnik.monitoring.models import Assignment, Question, Questionnaire
from nastavnik.monitoring.services import questionnaires as svc

PAPER_ENTRY_REFUSAL = "Ответы участника с бумажной анкеты вносят куратор или руководитель его организации."
ANSWER_RIGHT_REFUSAL = "Результаты анкет видят куратор, руководитель организации, муниципальный координатор и региональный оператор."


def _can_edit(user, questionnaire: Questionnaire) -> bool:
    return not questionnaire.is_builtin and has_perm(user, "questionnaire", "change", questionnaire)


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------


class QuestionnaireFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Название")
    audience = django_filters.ChoiceFilter(
        choices=Audience.choices, label="Кому адресована", empty_label="Все"
    )
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label="Когда заполняется", empty_label="Все")
    is_active = django_filters.BooleanFilter(
        label="Используется",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Questionnaire
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["is_active"].widget = django_filters.widgets.BooleanWidget()
        self.form.fields["is_active"].widget.choices = (("", "Все"), ("true", "Да"), ("false", "Нет"))
        bootstrap_widgets(self.form.fields)


class QuestionnaireListView(RightRequiredMixin, ScopedListView):
    """The questionnaires a user sees: the built-in ones, those of their units and of the units
    above; filtered by audience, phase, use."""

    model = Questionnaire
    required_right = ("questionnaire", "view")
    forbidden_message = "Анкеты составляют куратор, руководитель организации, муниципальный координатор и региональный оператор."
    filterset_class = QuestionnaireFilter
    template_name = "monitoring/questionnaire_list.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("owner__municipality")
            .annotate(question_count=Count("questions", distinct=True))
            .order_by("-code", "audience", "phase", "title", "pk")
        )


class QuestionnaireDetailView(ScopedDetailView):
    """A questionnaire with its questions; to those who may change it, the builder's controls."""

    model = Questionnaire
    template_name = "monitoring/questionnaire_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        q = self.object
        user = self.request.user
        answered = svc.is_answered(q)
        can_change = _can_edit(user, q)
        context.update(
            questions=list(q.questions.select_related("area").prefetch_related("options")),
            answered=answered,
            can_change=can_change,
            can_edit_questions=can_change and not answered,
            can_copy=user_can(user, "questionnaire", "add"),
            can_see_results=has_perm(user, "answer", "view"),
            can_list_respondents=not q.anonymous and res.respondent_paths(user) != [],
        )
        return context


class QuestionnaireFormView(ScopedFormView):
    """Create a questionnaire of one of the user's units, or change its settings."""

    model = Questionnaire
    form_class = QuestionnaireForm
    template_name = "monitoring/questionnaire_form.html"

    def get_queryset(self):
        return (
            super().get_queryset().filter(owner__isnull=False)
            if "pk" in self.kwargs
            else super().get_queryset()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Настройки анкеты" if self.object else "Новая анкета"
        context["back_url"] = (
            reverse("monitoring:questionnaire_detail", args=[self.object.pk])
            if self.object
            else reverse("monitoring:questionnaire_list")
        )
        return context

    def get_success_url(self):
        return reverse("monitoring:questionnaire_detail", args=[self.object.pk])

    def perform(self, form):
        data = form.cleaned_data
        return svc.questionnaire_save(
            by=self.request.user,
            owner=data.get("owner"),
            instance=self.object,
            title=data["title"],
            description=data["description"],
            audience=data["audience"],
            phase=data["phase"],
            anonymous=data["anonymous"],
        )


class QuestionnaireCreateView(QuestionnaireFormView):
    scope_action = "add"
    success_message = "Анкета создана. Добавьте вопросы."


class QuestionnaireEditView(QuestionnaireFormView):
    scope_action = "change"


class QuestionnairePreviewView(ScopedDetailView):
    """The questionnaire as its respondents will see it (the form, not sent anywhere)."""

    model = Questionnaire
    template_name = "monitoring/questionnaire_preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questions = list(self.object.questions.prefetch_related("options"))
        form = AnswerForm(questionnaire=self.object, questions=questions, prefix="preview")
        for field in form.fields.values():
            field.disabled = True
        context["form"] = form
        return context


class QuestionnaireCopyView(ScopedActionMixin, FormView):
    """A copy of a questionnaire (built-in or not) for one of the user's units."""

    model = Questionnaire
    scope_action = "view"
    form_class = CopyForm
    template_name = "monitoring/questionnaire_copy.html"

    def action_refusal(self, obj) -> str:
        if not user_can(self.request.user, "questionnaire", "add"):
            return "Копию анкеты может сделать тот, кто составляет анкеты: куратор, руководитель, координатор, оператор."
        return ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questionnaire"] = self.object
        return context

    def form_valid(self, form):
        try:
            copy = svc.questionnaire_copy(
                by=self.request.user, source=self.object, owner=form.cleaned_data["owner"]
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Копия анкеты создана: её можно изменить.")
        return redirect("monitoring:questionnaire_detail", pk=copy.pk)


class _ChangeQuestionsMixin(ScopedActionMixin):
    """A page changing the questions of a questionnaire: refused (403, with the reason) for a
    built-in one and for a user without the ``questionnaire`` ``change`` right over it."""

    def questionnaire(self) -> Questionnaire:  # pragma: no cover - abstract
        raise NotImplementedError

    def action_refusal(self, obj) -> str:
        questionnaire = self.questionnaire()
        if questionnaire.is_builtin:
            return svc.BUILTIN_LOCKED
        if not has_perm(self.request.user, "questionnaire", "change", questionnaire):
            return "Изменять эту анкету может только её составитель."
        return ""

    def back(self):
        return redirect("monitoring:questionnaire_detail", pk=self.questionnaire().pk)


class QuestionnaireActiveView(_ChangeQuestionsMixin, View):
    """POST: put the questionnaire out of use or back (``active=0``/``1``)."""

    model = Questionnaire
    scope_action = "view"

    def questionnaire(self) -> Questionnaire:
        return self.object

    def post(self, request, *args, **kwargs):
        active = request.POST.get("active") == "1"
        try:
            svc.questionnaire_set_active(by=request.user, questionnaire=self.object, active=active)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, "Анкета снова используется." if active else "Анкета больше не используется."
            )
        return self.back()


class _QuestionFormBase(_ChangeQuestionsMixin, FormView):
    form_class = QuestionForm
    template_name = "monitoring/questionnaire_question_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questionnaire"] = self.questionnaire()
        context["answered"] = svc.is_answered(self.questionnaire())
        return context

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Вопрос сохранён.")
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)


class QuestionAddView(_QuestionFormBase):
    """Add a question to a questionnaire the user may change."""

    model = Questionnaire
    scope_action = "view"

    def questionnaire(self) -> Questionnaire:
        return self.object

    def save(self, form):
        svc.question_add(by=self.request.user, questionnaire=self.object, **form.service_kwargs())


class _QuestionRowMixin:
    """A page on one question: found among the questions of the questionnaires the user sees."""

    model = Question
    scope_action = "view"

    def visible_queryset(self):
        visible = Questionnaire.objects.for_user(self.request.user, "view")
        return Question.objects.filter(questionnaire__in=visible).select_related("questionnaire")

    def questionnaire(self) -> Questionnaire:
        return self.object.questionnaire


class QuestionEditView(_QuestionRowMixin, _QuestionFormBase):
    """Change a question (its options replaced)."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def save(self, form):
        svc.question_update(by=self.request.user, question=self.object, **form.service_kwargs())


class QuestionDeleteView(_QuestionRowMixin, _ChangeQuestionsMixin, TemplateView):
    """Delete a question: a confirmation page, then POST."""

    template_name = "monitoring/questionnaire_question_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(question=self.object, questionnaire=self.questionnaire())
        return context

    def post(self, request, *args, **kwargs):
        try:
            svc.question_delete(by=request.user, question=self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Вопрос удалён.")
        return self.back()


class QuestionMoveView(_QuestionRowMixin, _ChangeQuestionsMixin, View):
    """POST ``direction=up|down``: move the question one place."""

    def post(self, request, *args, **kwargs):
        step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
        if step is None:
            messages.error(request, "Не указано, куда переместить вопрос.")
        else:
            try:
                svc.question_move(by=request.user, question=self.object, step=step)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        return self.back()


# --------------------------------------------------------------------------------------------
# The respondent
# --------------------------------------------------------------------------------------------


class MyQuestionnairesView(LoginRequiredMixin, TemplateView):
    """«Мои анкеты»: what the user owes (with the due dates) and what they answered."""

    template_name = "monitoring/answer_my_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person_id = get_scope(self.request.user).person_id
        assignments = (
            Assignment.objects.filter(person_id=person_id)
            .exclude(status=AssignmentStatus.CANCELLED)
            .select_related("questionnaire", "organization")
            .order_by("due_on", "assigned_at", "pk")
            if person_id
            else Assignment.objects.none()
        )
        rows = list(assignments)
        context.update(
            has_person=bool(person_id),
            pending=[a for a in rows if a.status == AssignmentStatus.PENDING],
            answered=sorted(
                (a for a in rows if a.status == AssignmentStatus.SUBMITTED),
                key=lambda a: a.submitted_at,
                reverse=True,
            ),
        )
        return context


def short_name_genitive(person) -> str:
    """«Иванова И. И.» of the person «Иванов Иван Иванович»: the surname in the genitive by the
    petrovich rules (``documents.language``), the initials as they are."""
    from nastavnik.core.language import decline_name_part
    from nastavnik.people.choices import Sex

    last = decline_name_part("last", person.last_name, person.sex == Sex.FEMALE, "gent")
    initials = " ".join(f"{p[0]}." for p in (person.first_name, person.middle_name) if p)
    return f"{last} {initials}".strip()


def _back_url(assignment: Assignment) -> str:
    """Where the curator or head returns after typing in ``assignment``: its program's page
    (the completion conditions), or "" when it has no program."""
    if assignment.program_id:
        return reverse("mentoring:program_detail", args=[assignment.program_id])
    return ""


class AnswerView(ScopedActionMixin, FormView):
    """The answer form of an assignment: the user's own, or — for a named questionnaire — one of
    the organization where the user is curator or head, who types in the respondent's paper form
    (seed 004 §9.2; ``services.questionnaires.may_enter_on_behalf``). 404 outside the
    assignments the user sees (``Assignment.for_user(user, "view")`` and their own), 403 with the
    reason for one they see and may not answer (an anonymous one of somebody else, or the
    coordinator's and the operator's). Once sent, a named answer is shown read-only with who typed
    it in; an anonymous one only as sent."""

    model = Assignment
    scope_action = "view"
    form_class = AnswerForm
    template_name = "monitoring/answer_form.html"

    def visible_queryset(self):
        return Assignment.objects.for_user(self.request.user, "view").select_related(
            "questionnaire", "person"
        )

    def own(self, assignment) -> bool:
        """Whether ``assignment`` is the user's own."""
        person_id = get_scope(self.request.user).person_id
        return person_id is not None and assignment.person_id == person_id

    def action_refusal(self, obj) -> str:
        if self.own(obj):
            return ""
        if obj.questionnaire.anonymous:
            return svc.ANONYMOUS_ONLY_PERSON
        if svc.may_enter_on_behalf(self.request.user, obj):
            return ""
        return PAPER_ENTRY_REFUSAL

    def prepare_questions(self):
        if not hasattr(self, "_questions"):
            self._questions = list(self.object.questionnaire.questions.prefetch_related("options"))
        return self._questions

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["questionnaire"] = self.object.questionnaire
        kwargs["questions"] = self.prepare_questions()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.object
        context["assignment"] = assignment
        context["questionnaire"] = assignment.questionnaire
        context["pending"] = assignment.status == AssignmentStatus.PENDING
        on_behalf = not self.own(assignment)
        context["on_behalf"] = on_behalf
        if on_behalf:
            context["respondent_genitive"] = short_name_genitive(assignment.person)
            context["back_url"] = _back_url(assignment)
        if assignment.status == AssignmentStatus.SUBMITTED and not assignment.questionnaire.anonymous:
            answer = svc.answer_of(assignment)
            if answer is not None:
                context["answer"] = answer
                replies = {item.question_id: item for item in answer.items.prefetch_related("options")}
                context["replies"] = [
                    (q, res.reply_text(replies[q.pk]) if q.pk in replies else "")
                    for q in self.prepare_questions()
                ]
        return context

    def post(self, request, *args, **kwargs):
        if self.object.status != AssignmentStatus.PENDING:
            messages.error(request, svc.ALREADY_SUBMITTED)
            return HttpResponseRedirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            svc.answer_submit(assignment=self.object, by=self.request.user, values=form.values())
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if not self.own(self.object):
            messages.success(
                self.request,
                f"Ответы {short_name_genitive(self.object.person)} с бумажной анкеты внесены.",
            )
            return HttpResponseRedirect(_back_url(self.object) or self.request.path)
        messages.success(
            self.request,
            "Ответ отправлен анонимно. Спасибо!"
            if self.object.questionnaire.anonymous
            else "Ответ отправлен. Спасибо!",
        )
        return redirect("monitoring:my_questionnaires")

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в анкете: ответ не отправлен.")
        return super().form_invalid(form)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


class _ResultsMixin(ScopedActionMixin):
    """A results page of a questionnaire the user sees, for those holding the ``answer`` right."""

    model = Questionnaire
    scope_action = "view"

    def action_refusal(self, obj) -> str:
        return "" if has_perm(self.request.user, "answer", "view") else ANSWER_RIGHT_REFUSAL

    def filters(self) -> res.Filters:
        if not hasattr(self, "_filters"):
            self._filters = res.parse_filters(self.request.user, self.object, self.request.GET)
        return self._filters

    def filter_context(self) -> dict:
        from nastavnik.monitoring.periods import period_choices

        user = self.request.user
        return {
            "filters": self.filters(),
            "period_choices": period_choices(),
            "units_form": ResultsUnitsForm(
                user=user, municipality=self.filters().municipality, organization=self.filters().organization
            ),
            "phases": Phase.choices,
            "campaigns": res.campaign_choices(user, self.object),
        }


class QuestionnaireResultsView(_ResultsMixin, TemplateView):
    """Per question: the count, the mean and the distribution of a scale, the options' counts and
    shares, the free texts — within the user's scope and the filters, anonymity kept."""

    template_name = "monitoring/questionnaire_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters()
        answers = filters.apply(res.results_answers(self.request.user, self.object))
        context.update(self.filter_context())
        context.update(
            questionnaire=self.object,
            results=res.questionnaire_results(self.object, answers),
            query=filters.query(),
            can_list_respondents=not self.object.anonymous and res.respondent_paths(self.request.user) != [],
            threshold=res.ANONYMITY_THRESHOLD,
        )
        return context


class QuestionnaireResultsXlsxView(_ResultsMixin, View):
    """The XLSX of the results page, same scope, filters and hiding."""

    def get(self, request, *args, **kwargs):
        filters = self.filters()
        answers = filters.apply(res.results_answers(request.user, self.object))
        content = res.results_xlsx(res.questionnaire_results(self.object, answers), filters)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            True, export_filename("rezultaty-ankety")
        )
        response["Cache-Control"] = "no-store"
        return mark_attachment(
            response, subject=self.object, kind="export", label="Результаты анкеты", details=filters.summary()
        )


class QuestionnaireRespondentsView(_ResultsMixin, TemplateView):
    """Who answered what (named questionnaires only): for the curator and the head, within the
    organizations they keep."""

    template_name = "monitoring/questionnaire_respondents.html"

    def action_refusal(self, obj) -> str:
        if obj.anonymous:
            return "Анкета анонимная: ответы не связаны с отвечающими, список не ведётся."
        if res.respondent_paths(self.request.user) == []:
            return "Список ответивших видят куратор и руководитель организации."
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.filters()
        questions = list(self.object.questions.all())
        answers = filters.apply(res.respondent_answers(self.request.user, self.object))
        context.update(self.filter_context())
        context.update(
            questionnaire=self.object,
            questions=questions,
            rows=res.respondent_rows(answers, questions),
        )
        return context
