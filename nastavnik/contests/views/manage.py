"""Internal pages of the regional contest of municipal models of mentoring (issue 19, item 5;
seed 000 §4.3.1, App. 2 §2.5): the list of contests, the call with its criteria, the panel, the
steps (announce, close the applications, publish the results), the municipal applications with
their files, the expert's scoring page and the ranking.

A row is looked up in the user's view scope (404 outside it); a step the user may not take on a
visible row is a 403 with the reason (``core.views.ScopedActionMixin``). The services check the
rights again (``services.contests``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView
from django.views.generic.edit import FormView

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope
from nastavnik.contests.choices import CONTEST_STEPS, ApplicationStatus, ContestStatus
from nastavnik.contests.filtersets import ContestFilterSet
from nastavnik.contests.forms.contests import (
    ApplicationForm,
    ConfirmForm,
    ContestForm,
    CriterionFormSet,
    ExpertAddForm,
    PublishForm,
    ScoreForm,
    WithdrawForm,
    criteria_initial,
    criteria_rows,
)
from nastavnik.contests.models import Contest, ContestApplication, ContestApplicationFile, ContestExpert
from nastavnik.contests.selectors.contests import FORMULA, TIE_EXPLANATION, missing_scores, ranking
from nastavnik.contests.services import contests as services
from nastavnik.core.files import private_file_response
from nastavnik.core.views import (
    RightRequiredMixin,
    RowStepView,
    ScopedActionMixin,
    ScopedDetailView,
    ScopedListView,
    add_validation_error,
)
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit

OPERATOR_REFUSAL = "Конкурс ведёт региональный оператор."
COORDINATOR_REFUSAL = "Заявку подаёт муниципальный координатор своего муниципального образования."


def _steps(contest: Contest) -> list[dict]:
    """The status steps of the contest for the detail page: done, current, ahead."""
    index = CONTEST_STEPS.index(contest.status)
    return [
        {"label": step.label, "state": "done" if i < index else "current" if i == index else "ahead"}
        for i, step in enumerate(CONTEST_STEPS)
    ]


def _own_municipality(user, contest: Contest) -> OrgUnit | None:
    """The municipality of the region for which ``user`` may write an application (the municipal
    coordinator's own)."""
    ids = get_scope(user).unit_ids("contestapplication", Action.ADD)
    return (
        OrgUnit.objects.filter(pk__in=ids, level=Level.MUNICIPALITY, path__startswith=contest.owner.path)
        .order_by("full_name")
        .first()
    )


class ContestListView(RightRequiredMixin, ScopedListView):
    """The contests the user reaches: the operator's region's, the announced ones for a
    coordinator, those whose panel an expert sits on."""

    required_right = ("contest", "view")
    forbidden_message = "Конкурс муниципальных моделей наставничества ведут региональный оператор, муниципальные координаторы и эксперты."
    model = Contest
    filterset_class = ContestFilterSet
    template_name = "contests/contest_list.html"

    def base_queryset(self):
        return Contest.objects.select_related("owner")


class ContestFormMixin:
    """The call with its criteria (a formset): both valid or nothing is saved."""

    model = Contest
    form_class = ContestForm
    template_name = "contests/contest_form.html"

    def get_formset(self):
        if self.request.method == "POST":
            return CriterionFormSet(self.request.POST, prefix="criteria")
        return CriterionFormSet(initial=criteria_initial(self.object), prefix="criteria")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", getattr(self, "_formset", None) or self.get_formset())
        context["object"] = self.object
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self._formset = formset = self.get_formset()
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if not (form_ok and formset_ok):
            messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        rows = criteria_rows(formset)
        try:
            with transaction.atomic():
                contest = self.save(form)
                services.criteria_set(by=request.user, contest=contest, criteria=rows)
        except ValidationError as exc:
            add_validation_error(form, exc)
            messages.error(request, "Исправьте ошибки в форме: данные не сохранены.")
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(request, "Конкурс сохранён.")
        return redirect(contest)


class ContestCreateView(RightRequiredMixin, ContestFormMixin, FormView):
    """A new contest of the operator's region, as a draft."""

    required_right = ("contest", "add")
    forbidden_message = OPERATOR_REFUSAL
    object = None

    def save(self, form) -> Contest:
        user = self.request.user
        regions = OrgUnit.objects.filter(level=Level.REGION)
        if not user.is_superuser:
            regions = regions.filter(pk__in=get_scope(user).unit_ids("contest", Action.ADD))
        owner = regions.order_by("path").first()
        if owner is None:
            raise ValidationError("Конкурс проводит региональный оператор своего региона.")
        data = form.cleaned_data
        return services.contest_create(by=user, owner=owner, **{k: data[k] for k in services.CONTEST_FIELDS})


class ContestEditView(ContestFormMixin, ScopedActionMixin, FormView):
    """The call, the dates and the criteria of a draft contest."""

    scope_action = Action.CHANGE
    forbidden_message = OPERATOR_REFUSAL

    def get(self, request, *args, **kwargs):
        if not self.object.is_draft:
            messages.error(request, "Конкурс уже объявлен: объявление, даты и критерии не меняются.")
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def save(self, form) -> Contest:
        data = form.cleaned_data
        return services.contest_update(
            by=self.request.user, contest=self.object, **{k: data[k] for k in services.CONTEST_FIELDS}
        )


class ContestDetailView(ScopedDetailView):
    """The contest: its steps, call, dates, criteria, panel, applications and history, with the
    steps the user may take."""

    model = Contest
    template_name = "contests/contest_detail.html"

    def base_queryset(self):
        return Contest.objects.select_related("owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        contest = self.object
        applications = (
            ContestApplication.objects.for_user(user).filter(contest=contest).select_related("municipality")
        )
        own = _own_municipality(user, contest)
        own_application = (
            ContestApplication.objects.filter(contest=contest, municipality=own).first() if own else None
        )
        seat = services.seat_of(user, contest)
        keeper = has_perm(user, "contest", Action.CHANGE, contest)
        approver = has_perm(user, "contest", Action.APPROVE, contest)
        context.update(
            steps=_steps(contest),
            criteria=list(contest.criteria.all()),
            experts=list(contest.experts.select_related("municipality")) if keeper else [],
            seat=seat,
            applications=list(applications),
            own_municipality=own,
            own_application=own_application,
            can_apply=bool(own and own_application is None and contest.status == ContestStatus.ANNOUNCED),
            can_edit=keeper and contest.is_draft,
            can_panel=keeper and not contest.is_published,
            can_announce=approver and contest.is_draft,
            can_close=approver and contest.status == ContestStatus.ANNOUNCED,
            can_publish=approver and contest.status == ContestStatus.SCORING,
            can_rank=approver or contest.is_published,
            events=contest.events.filter(application__isnull=True).select_related("author__person")
            if keeper
            else [],
        )
        return context


class ContestActionMixin(ScopedActionMixin):
    """A page about one contest in the user's view scope (``self.object``)."""

    model = Contest
    forbidden_message = OPERATOR_REFUSAL

    def base_queryset(self):
        return Contest.objects.select_related("owner")


class PanelView(ContestActionMixin, FormView):
    """The expert panel of the contest: its members with their municipalities, and a form
    seating one more user with the role «Эксперт конкурса»."""

    scope_action = Action.CHANGE
    form_class = ExpertAddForm
    template_name = "contests/panel.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["contest"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            contest=self.object,
            experts=list(self.object.experts.select_related("municipality")),
            closed=self.object.is_published,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.expert_add(
                by=self.request.user,
                contest=self.object,
                user=data["user"],
                municipality=data.get("municipality"),
                name=data.get("name") or "",
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Эксперт включён в комиссию.")
        return redirect("contests:panel", pk=self.object.pk)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: эксперт не включён.")
        return super().form_invalid(form)


class ExpertRemoveView(ScopedActionMixin, View):
    """POST: remove a member of the panel who has not scored yet."""

    model = ContestExpert
    scope_action = Action.CHANGE
    forbidden_message = OPERATOR_REFUSAL

    def visible_queryset(self):
        contests = Contest.objects.for_user(self.request.user, "view")
        return ContestExpert.objects.filter(contest__in=contests).select_related("contest")

    def action_refusal(self, obj) -> str:
        return (
            ""
            if has_perm(self.request.user, "contest", Action.CHANGE, obj.contest)
            else self.forbidden_message
        )

    def post(self, request, *args, **kwargs):
        try:
            services.expert_remove(by=request.user, expert=self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Эксперт исключён из комиссии.")
        return redirect("contests:panel", pk=self.object.contest_id)


class StepView(ContestActionMixin, RowStepView):
    """A step of the contest confirmed on its own page (GET) and taken by POST."""

    scope_action = Action.APPROVE
    form_class = ConfirmForm
    template_name = "contests/step.html"
    title = ""
    button = ""
    explanation = ""
    success_message = ""
    invalid_message = "Шаг не выполнен: см. причину в форме."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            contest=self.object, title=self.title, button=self.button, explanation=self.explanation
        )
        return context


class AnnounceView(StepView):
    title = "Объявление конкурса"
    button = "Объявить конкурс"
    explanation = "После объявления муниципальные координаторы смогут подавать заявки в сроки приёма; объявление, даты и критерии больше не меняются."
    success_message = "Конкурс объявлен: приём заявок открыт."

    def perform(self, form):
        services.contest_announce(by=self.request.user, contest=self.object)


class CloseView(StepView):
    title = "Окончание приёма заявок"
    button = "Закончить приём и начать экспертизу"
    explanation = "Поданные заявки передаются экспертной комиссии; черновики в конкурсе не участвуют."
    success_message = "Приём заявок окончен, начата экспертиза."

    def perform(self, form):
        services.contest_close(by=self.request.user, contest=self.object)


class PublishView(StepView):
    """The publication of the results; the scores still missing are listed, and the results are
    published without them only when the operator ticks the confirmation."""

    form_class = PublishForm
    title = "Публикация итогов"
    button = "Опубликовать итоги"
    explanation = (
        "Рейтинг муниципальных моделей появится на открытых страницах. Имена экспертов не публикуются."
    )
    success_message = "Итоги конкурса опубликованы."

    def prepare_missing(self):
        if not hasattr(self, "_missing"):
            self._missing = missing_scores(self.object) if self.object.status == ContestStatus.SCORING else []
        return self._missing

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["missing"] = bool(self.prepare_missing())
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["missing"] = self.prepare_missing()
        return context

    def perform(self, form):
        services.contest_publish(
            by=self.request.user,
            contest=self.object,
            confirm_missing=bool(form.cleaned_data.get("confirm_missing")),
        )


class ApplicationListView(ContestActionMixin, TemplateView):
    """The applications of the contest the user sees: every one for the operator, their own for
    a coordinator, the submitted ones of other municipalities for an expert (with whether they
    scored them)."""

    scope_action = Action.VIEW
    template_name = "contests/application_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = list(
            ContestApplication.objects.for_user(user)
            .filter(contest=self.object)
            .select_related("municipality")
            .order_by("municipality__full_name", "pk")
        )
        seat = services.seat_of(user, self.object)
        scored = set()
        if seat is not None:
            scored = set(seat.scores.values_list("application_id", flat=True))
        context.update(contest=self.object, rows=rows, seat=seat, scored=scored)
        return context


class ApplicationCreateView(ContestActionMixin, FormView):
    """A new application of the coordinator's municipality, with its first file."""

    scope_action = Action.VIEW
    form_class = ApplicationForm
    template_name = "contests/application_form.html"
    forbidden_message = COORDINATOR_REFUSAL

    def action_refusal(self, obj) -> str:
        return "" if has_perm(self.request.user, "contestapplication", Action.ADD) else self.forbidden_message

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(contest=self.object, municipality=_own_municipality(self.request.user, self.object))
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        municipality = _own_municipality(self.request.user, self.object)
        try:
            with transaction.atomic():
                if municipality is None:
                    raise ValidationError(COORDINATOR_REFUSAL)
                application = services.application_create(
                    by=self.request.user,
                    contest=self.object,
                    municipality=municipality,
                    title=data["title"],
                    description=data["description"],
                )
                if data.get("file"):
                    services.application_file_add(
                        by=self.request.user,
                        application=application,
                        title=data.get("file_title") or "",
                        file=data["file"],
                    )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Заявка сохранена как черновик. Проверьте её и подайте.")
        return redirect(application)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: заявка не сохранена.")
        return super().form_invalid(form)


class ApplicationMixin(ScopedActionMixin):
    model = ContestApplication
    forbidden_message = COORDINATOR_REFUSAL

    def base_queryset(self):
        return ContestApplication.objects.select_related("contest__owner", "municipality")


class ApplicationDetailView(ScopedDetailView):
    """The application: its model, files, status and history; the expert's own scores; the
    steps the coordinator may take."""

    model = ContestApplication
    template_name = "contests/application_detail.html"

    def base_queryset(self):
        return ContestApplication.objects.select_related("contest__owner", "municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        application = self.object
        contest = application.contest
        editable = application.status in services.EDITABLE_APPLICATION_STATUSES
        accepting = contest.status == ContestStatus.ANNOUNCED
        may_change = has_perm(user, "contestapplication", Action.CHANGE, application)
        seat = services.seat_of(user, contest)
        context.update(
            contest=contest,
            files=list(application.files.all()),
            can_edit=may_change and editable and accepting,
            can_submit=editable
            and accepting
            and has_perm(user, "contestapplication", Action.SUBMIT, application),
            can_withdraw=application.status == ApplicationStatus.SUBMITTED
            and accepting
            and has_perm(user, "contestapplication", Action.WITHDRAW, application),
            can_score=services.can_score(user, application),
            my_scores=list(application.scores.filter(expert=seat).select_related("criterion"))
            if seat
            else [],
            events=application.events.select_related("author__person")
            if (may_change or has_perm(user, "contest", Action.CHANGE, contest))
            else [],
        )
        return context


class ApplicationEditView(ApplicationMixin, FormView):
    """The coordinator changes a draft (or withdrawn) application and attaches files."""

    scope_action = Action.CHANGE
    form_class = ApplicationForm
    template_name = "contests/application_form.html"

    def get(self, request, *args, **kwargs):
        if self.object.status not in services.EDITABLE_APPLICATION_STATUSES:
            messages.error(request, "Поданную заявку изменить нельзя: сначала отзовите её.")
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            contest=self.object.contest,
            municipality=self.object.municipality,
            application=self.object,
            files=list(self.object.files.all()),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.application_update(
                    by=self.request.user,
                    application=self.object,
                    title=data["title"],
                    description=data["description"],
                )
                if data.get("file"):
                    services.application_file_add(
                        by=self.request.user,
                        application=self.object,
                        title=data.get("file_title") or "",
                        file=data["file"],
                    )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Заявка сохранена.")
        return redirect(self.object)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: заявка не сохранена.")
        return super().form_invalid(form)


class ApplicationStepView(ApplicationMixin, RowStepView):
    """A step of an application confirmed on its page (GET) and taken by POST."""

    form_class = ConfirmForm
    template_name = "contests/step.html"
    title = ""
    button = ""
    explanation = ""
    success_message = ""
    invalid_message = "Шаг не выполнен: см. причину в форме."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            contest=self.object.contest,
            application=self.object,
            title=self.title,
            button=self.button,
            explanation=self.explanation,
        )
        return context


class ApplicationSubmitView(ApplicationStepView):
    scope_action = Action.SUBMIT
    title = "Подача заявки"
    button = "Подать заявку"
    explanation = "Поданную заявку можно отозвать до окончания приёма заявок."
    success_message = "Заявка подана."

    def perform(self, form):
        services.application_submit(by=self.request.user, application=self.object)


class ApplicationWithdrawView(ApplicationStepView):
    scope_action = Action.WITHDRAW
    form_class = WithdrawForm
    title = "Отзыв заявки"
    button = "Отозвать заявку"
    explanation = "Отозванную заявку можно изменить и подать снова до окончания приёма заявок."
    success_message = "Заявка отозвана."

    def perform(self, form):
        services.application_withdraw(
            by=self.request.user, application=self.object, comment=form.cleaned_data.get("comment") or ""
        )


class ApplicationFileMixin(ScopedActionMixin):
    model = ContestApplicationFile

    def visible_queryset(self):
        applications = ContestApplication.objects.for_user(self.request.user, "view")
        return ContestApplicationFile.objects.filter(application__in=applications).select_related(
            "application__contest"
        )


class ApplicationFileView(ApplicationFileMixin, View):
    """The download of a file of an application, to whoever sees the application."""

    scope_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        return private_file_response(self.object.file)


class ApplicationFileDeleteView(ApplicationFileMixin, View):
    """POST: the coordinator removes a file of a draft application."""

    scope_action = Action.CHANGE
    forbidden_message = COORDINATOR_REFUSAL

    def action_refusal(self, obj) -> str:
        allowed = has_perm(self.request.user, "contestapplication", Action.CHANGE, obj.application)
        return "" if allowed else self.forbidden_message

    def post(self, request, *args, **kwargs):
        application = self.object.application
        try:
            services.application_file_delete(by=request.user, attached=self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Файл удалён из заявки.")
        return redirect("contests:application_edit", pk=application.pk)


class ScoreView(ApplicationMixin, FormView):
    """The expert's scoring of one application: a row per criterion (a score from 0 to the
    maximum and a comment). An expert never scores their own municipality's application."""

    scope_action = Action.VIEW
    form_class = ScoreForm
    template_name = "contests/score.html"
    forbidden_message = (
        "Заявку оценивают эксперты конкурса из других муниципальных образований во время экспертизы."
    )

    def action_refusal(self, obj) -> str:
        return "" if services.can_score(self.request.user, obj) else self.forbidden_message

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        seat = services.seat_of(self.request.user, self.object.contest)
        given = {s.criterion_id: (s.score, s.comment) for s in self.object.scores.filter(expert=seat)}
        kwargs.update(criteria=self.object.contest.criteria.all(), given=given)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            contest=self.object.contest, application=self.object, files=list(self.object.files.all())
        )
        return context

    def form_valid(self, form):
        try:
            services.scores_save(by=self.request.user, application=self.object, scores=form.scores())
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Оценки сохранены.")
        return redirect("contests:applications", pk=self.object.contest_id)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: оценки не сохранены.")
        return super().form_invalid(form)


class RankingView(ContestActionMixin, TemplateView):
    """The ranking of the applications with the totals, places (ties explained), the results by
    criterion and the scores still missing: for the operator at any time, for the others who see
    the contest once the results are published."""

    scope_action = Action.VIEW
    template_name = "contests/ranking.html"
    forbidden_message = "Рейтинг доступен региональному оператору, остальным — после публикации итогов."

    def action_refusal(self, obj) -> str:
        if obj.is_published or has_perm(self.request.user, "contest", Action.APPROVE, obj):
            return ""
        return self.forbidden_message

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        keeper = has_perm(self.request.user, "contest", Action.APPROVE, self.object)
        context.update(
            contest=self.object,
            rows=ranking(self.object),
            criteria=list(self.object.criteria.all()),
            maximum=sum(c.weight for c in self.object.criteria.all()),
            formula=FORMULA,
            tie_explanation=TIE_EXPLANATION,
            missing=missing_scores(self.object) if keeper else [],
            keeper=keeper,
        )
        return context
