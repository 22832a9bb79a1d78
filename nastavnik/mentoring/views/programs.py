"""Pages of personalized programs: the list, forming a pair or group with its draft, the program
page with its plan and history, the draft's form, the status actions, the stages, the activity
plan and the protected evidence files (seed 000 §1.3, 004 §6.2.3).

Scope: a program is reached through ``PersonalizedProgram.objects.for_user``, applied by the
``core.views`` base views (the organization's subtree for the curator, the head and everyone
above them; the mentor and the mentee reach their own programs through their pairs); outside
it — 404. Inside it, the writes are for the program's managers (``program_roles(...).manager``:
its curator and head) and the progress of the plan also for its participants; a right
missing — 403 (``views.base.ProgramFormView``).
"""

from __future__ import annotations

import dataclasses

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.views import View

from nastavnik.core.concurrency import ConcurrentEditViewMixin, expected_version
from nastavnik.core.files import private_file_response
from nastavnik.core.views import ScopedDetailView, ScopedFormView, ScopedListView
from nastavnik.mentoring.choices import PROGRAM_STEPS, ProgramStatus
from nastavnik.mentoring.filtersets import PersonalizedProgramFilterSet
from nastavnik.mentoring.forms.programs import (
    TAKE_LATEST,
    PlanItemForm,
    PlanItemReportForm,
    ProgramActionForm,
    ProgramCreateForm,
    ProgramForm,
    ProgramReturnForm,
    ProgramTerminateForm,
)
from nastavnik.mentoring.models import ActivityPlanItem, PersonalizedProgram
from nastavnik.mentoring.selectors.completion import completion_context
from nastavnik.mentoring.selectors.history import program_history
from nastavnik.mentoring.selectors.meetings import meetings_context
from nastavnik.mentoring.selectors.participants import (
    ProgramRoles,
    pair_participant_annotations,
    pair_participants_what,
    program_pairs_prefetch,
    program_roles,
    unconsented_people,
)
from nastavnik.mentoring.services import programs as services
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.mentoring.views.base import ProgramFormView
from nastavnik.people.consent import (
    consent_exists,
    hidden_person_ids,
    hide_names_in_text,
    hide_unconsented,
)
from nastavnik.reference.models import PersonalizedProgramStage

#: Text of an exported name of a person without a valid consent to personal-data processing
#: (152-ФЗ art. 9: such a person never leaves the system in a file).
NO_CONSENT = "(нет согласия на обработку персональных данных)"


def _mentors(program, *, export: bool = False) -> str:
    seen = {}
    for pair in program.pair_list:
        if export and not pair.mentor_consented:
            seen[pair.mentor_id] = NO_CONSENT
        else:
            seen.setdefault(pair.mentor_id, pair.mentor.full_name)
    return "; ".join(seen.values())


def _mentees(program, *, export: bool = False) -> str:
    names = []
    for pair in program.pair_list:
        name = pair.mentee.full_name if (pair.mentee_consented or not export) else NO_CONSENT
        if pair.ended_on:
            name += f" (до {pair.ended_on:%d.%m.%Y})"
        names.append(name)
    return "; ".join(names)


class ProgramListView(ScopedListView):
    """The programs in the user's scope: the curator's and the head's of their organization,
    everyone above them of their subtree, a mentor's and a mentee's own."""

    model = PersonalizedProgram
    filterset_class = PersonalizedProgramFilterSet
    template_name = "mentoring/program_list.html"
    export_filename = "programmy-nastavnichestva"
    export_sheet_title = "Программы"
    export_columns = [
        ("№", "pk"),
        ("Организация", "organization.label_with_municipality"),
        ("Формат", "get_format_display"),
        ("Наставник", lambda p: _mentors(p, export=True)),
        ("Наставляемые", lambda p: _mentees(p, export=True)),
        ("Направление", "direction"),
        ("Начало", "starts_on"),
        ("Окончание", "ends_on"),
        ("Статус", "get_status_display"),
        ("Этап", "stage"),
        ("Дата утверждения", "approved_on"),
    ]

    def base_queryset(self):
        return (
            PersonalizedProgram.objects.select_related("organization__municipality", "stage")
            .prefetch_related(program_pairs_prefetch())
            .order_by("-starts_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairs = [pair for program in context["object_list"] for pair in program.pair_list]
        hide_unconsented(self.request.user, pairs, "mentor", "mentee", unconsented=unconsented_people(pairs))
        return context


class ProgramDetailView(ScopedDetailView):
    """The program page: header with status and stage, participants, contents, the plan by the
    five stages, the actions the user's roles allow, meetings, requests, completion and the
    full history."""

    model = PersonalizedProgram
    template_name = "mentoring/program_detail.html"

    def base_queryset(self):
        return PersonalizedProgram.objects.select_related(
            "organization",
            "stage",
            "mentoring_form",
            "interaction_model",
            "curator",
            "mentoring_program",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        user = self.request.user
        roles = program_roles(user, program)
        context["program"] = program
        context["roles"] = roles
        # A participant who withdrew the consent to personal-data processing is named only to
        # the curator and the head (152-ФЗ art. 9, ``people.consent.hide_unconsented``).
        pairs = list(
            program.pairs.select_related("mentor__position", "mentee__position")
            .annotate(
                mentor_consented=consent_exists("mentor_id"),
                mentee_consented=consent_exists("mentee_id"),
                **pair_participant_annotations(),
            )
            .order_by("started_on", "pk")
        )
        unconsented = unconsented_people(pairs)
        people = {p.mentor_id: p.mentor for p in pairs} | {p.mentee_id: p.mentee for p in pairs}
        hidden = [people[pk] for pk in hidden_person_ids(user, people, unconsented=unconsented)]
        context["pairs"] = hide_unconsented(user, pairs, "mentor", "mentee", unconsented=unconsented)
        # What each shown participant is: «ученик, 7 Б», «выпускник», a worker's job title (issue 20).
        for pair in context["pairs"]:
            pair.mentor_what, pair.mentee_what = pair_participants_what(pair)
        context["kinds"] = list(program.kinds.all())
        context["deficits"] = hide_unconsented(
            user,
            program.deficits.select_related("area", "person").order_by(
                "person__last_name", "area__sort_order"
            ),
            "person",
            unconsented=unconsented,
        )
        context.update(plan_context(program, roles))
        context["events"] = program_history(program, user)
        if hidden:
            # Texts written with the names in them; changed in memory for this page only.
            for name in ("direction", "goals", "expected_results", "results", "termination_reason"):
                setattr(program, name, hide_names_in_text(getattr(program, name), hidden))
            for event in context["events"]:
                event.summary = hide_names_in_text(event.summary, hidden)
                event.comment = hide_names_in_text(event.comment, hidden)
        context["actions"] = program_actions(program, roles)
        if roles.manager and program.status == ProgramStatus.DRAFT:
            context["approval_problems"] = services.program_approval_problems(program)
        context.update(meetings_context(program, user, roles, unconsented=unconsented))
        context.update(completion_context(program, user, roles))
        if hidden:
            completion = context["completion"]
            completion["conditions"] = [
                dataclasses.replace(
                    c,
                    label=hide_names_in_text(c.label, hidden),
                    missing=hide_names_in_text(c.missing, hidden),
                )
                for c in completion["conditions"]
            ]
            hidden_ids = {person.pk for person in hidden}
            completion["assessments"] = [
                a for a in completion["assessments"] if a.mentee.pk not in hidden_ids
            ]
        return context


def plan_context(program: PersonalizedProgram, roles: ProgramRoles) -> dict:
    """``plan``: ``[(stage, [items])]`` for each of the five stages (seed 004 §6.2.3), and what
    the user may do with it (``can_plan_add``, ``can_plan_edit``, ``can_plan_delete``,
    ``can_plan_report``)."""
    stages = list(PersonalizedProgramStage.objects.order_by("sort_order", "pk"))
    items = list(program.plan_items.select_related("stage"))
    return {
        "plan": [(stage, [i for i in items if i.stage_id == stage.pk]) for stage in stages],
        "plan_count": len(items),
        "can_plan_add": roles.manager and program.is_open,
        "can_plan_edit": roles.manager and program.is_open,
        "can_plan_delete": roles.manager and program.status == ProgramStatus.DRAFT,
        "can_plan_report": (roles.manager or roles.participant)
        and program.status in services.PLAN_REPORT_STATUSES,
    }


def program_actions(program: PersonalizedProgram, roles: ProgramRoles) -> list[tuple[str, str, str]]:
    """The status and stage buttons of the program page: ``[(label, url name, Bootstrap
    style)]``, for the program's managers only: «Редактировать» for a draft, then the steps of
    ``choices.PROGRAM_STEPS`` that start from the program's status and have a button, the move
    to the next stage before the closing step («Прекратить»)."""
    if not roles.manager:
        return []
    status = program.status
    actions = []
    if status == ProgramStatus.DRAFT:
        actions += [("Редактировать", "mentoring:program_edit", "outline-primary")]
    steps = [s for s in PROGRAM_STEPS.values() if s.label and status in s.sources]
    closing = [s for s in steps if s.target == ProgramStatus.TERMINATED]
    actions += [(s.label, s.url_name, s.style) for s in steps if s not in closing]
    if status in services.PLAN_REPORT_STATUSES:
        following = services.program_next_stage(program)
        if following is not None and following.code != services.STAGE_RESULTATIVE:
            actions += [
                (f"Перейти к этапу: {following}", "mentoring:program_stage_advance", "outline-primary")
            ]
    actions += [(s.label, s.url_name, s.style) for s in closing]
    return actions


class ProgramCreateView(ScopedFormView):
    """Form a pair or a group with the draft of its program (``program_create``)."""

    model = PersonalizedProgram
    scope_action = "add"
    form_class = ProgramCreateForm
    template_name = "mentoring/program_form.html"
    success_message = "Сформирована наставническая пара (группа) и создан проект программы."

    def perform(self, form):
        data = form.cleaned_data
        return program_create(
            mentor=data["mentor"],
            mentees=list(data["mentees"]),
            by=self.request.user,
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            mentoring_form=data["mentoring_form"],
            direction=data["direction"],
            goals=data["goals"],
        )


class ProgramEditView(ConcurrentEditViewMixin, ProgramFormView):
    """The contents of a draft program (``program_update``); other statuses are not edited. Under
    optimistic locking: a program changed by another user since the form was opened is not
    overwritten — the page shows both versions (``core.concurrency``)."""

    form_class = ProgramForm
    template_name = "mentoring/program_form.html"

    def get(self, request, *args, **kwargs):
        if self.object.status != ProgramStatus.DRAFT:
            messages.error(
                request,
                "Изменять можно только проект программы. Чтобы изменить утверждённую программу, "
                "верните её на доработку.",
            )
            return redirect(self.object.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def post(self, request, *args, **kwargs):
        """Save, or — the button «Взять из последней диагностики» (``TAKE_LATEST``) — show the
        form again with what was typed and the deficits of the mentees' latest diagnosis ticked,
        saving nothing."""
        if TAKE_LATEST not in request.POST:
            return super().post(request, *args, **kwargs)
        form = self.get_form().with_latest_deficits()
        if form.latest_deficit_ids:
            messages.info(
                request,
                "Отмечены затруднения из последней диагностики наставляемых. Проверьте отметки и сохраните "
                "программу.",
            )
        else:
            messages.warning(request, "У наставляемых программы нет записанных затруднений.")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "take_latest": TAKE_LATEST}

    def perform(self, form):
        return services.program_update(
            program=self.object,
            by=self.request.user,
            expected_version=expected_version(form),
            **form.program_fields(),
        )


class _ActionView(ProgramFormView):
    """A named action on a program: a confirmation page on GET, the service on POST."""

    template_name = "mentoring/action_form.html"
    form_class = ProgramActionForm
    button = "Подтвердить"
    button_style = "primary"
    explanation = ""


class ProgramApproveView(_ActionView):
    title = "Утверждение программы"
    button = "Утвердить"
    button_style = "success"
    explanation = (
        "Утверждённая программа переходит на проектировочный этап. Для утверждения нужны куратор, "
        "цели и задачи, хотя бы одно мероприятие плана и письменные согласия наставника и "
        "наставляемых."
    )
    success_message = "Программа утверждена."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status == ProgramStatus.DRAFT:
            context["problems"] = services.program_approval_problems(self.object)
        return context

    def perform(self, form):
        return services.program_approve(
            program=self.object, by=self.request.user, comment=form.cleaned_data["comment"]
        )


class ProgramReturnView(_ActionView):
    form_class = ProgramReturnForm
    title = "Возврат программы на доработку"
    button = "Вернуть на доработку"
    explanation = "Программа снова станет проектом: её можно будет изменить и утвердить заново."
    success_message = "Программа возвращена на доработку."

    def perform(self, form):
        return services.program_return_to_draft(
            program=self.object, by=self.request.user, comment=form.cleaned_data["comment"]
        )


class ProgramStartView(_ActionView):
    title = "Начало реализации программы"
    button = "Начать реализацию"
    button_style = "success"
    explanation = "Программа перейдёт в статус «Реализуется», на реализационный этап."
    success_message = "Реализация программы начата."

    def perform(self, form):
        return services.program_start(
            program=self.object, by=self.request.user, comment=form.cleaned_data["comment"]
        )


class ProgramTerminateView(_ActionView):
    form_class = ProgramTerminateForm
    title = "Прекращение программы"
    button = "Прекратить программу"
    button_style = "danger"
    explanation = (
        "Программа будет прекращена до завершения, её действующие пары — завершены сегодняшним днём. "
        "Отменить прекращение нельзя."
    )
    success_message = "Программа прекращена."

    def perform(self, form):
        return services.program_terminate(
            program=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
        )


class ProgramStageAdvanceView(_ActionView):
    title = "Переход к следующему этапу"
    button = "Перейти к этапу"
    success_message = "Начат следующий этап программы."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        following = services.program_next_stage(self.object)
        context["explanation"] = f"Текущий этап: {self.object.stage or '—'}. Следующий: {following or '—'}."
        return context

    def perform(self, form):
        return services.program_stage_advance(
            program=self.object, by=self.request.user, comment=form.cleaned_data["comment"]
        )


# Activity plan ---------------------------------------------------------------------------------


class PlanItemAddView(_ActionView):
    form_class = PlanItemForm
    template_name = "mentoring/plan_item_form.html"
    title = "Новое мероприятие плана"
    button = "Добавить"
    success_message = "Мероприятие добавлено в план."
    anchor = "plan"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.object}

    def perform(self, form):
        services.plan_item_add(program=self.object, by=self.request.user, **form.item_fields())
        return self.object


class _PlanItemView(_ActionView):
    """An action on one activity of the plan; ``pk`` is the activity's (``self.item``). The
    activity is reached through its program's scope (404 outside it); ``self.object`` is the
    program."""

    anchor = "plan"

    def get_target(self):
        item = self.target_or_404(ActivityPlanItem.objects.select_related("program", "stage"))
        return item.program, item

    @property
    def item(self) -> ActivityPlanItem:
        return self.target

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context


class PlanItemEditView(_PlanItemView):
    form_class = PlanItemForm
    template_name = "mentoring/plan_item_form.html"
    title = "Изменение мероприятия плана"
    button = "Сохранить"
    success_message = "Мероприятие изменено."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "program": self.object, "instance": self.item}

    def perform(self, form):
        services.plan_item_update(item=self.item, by=self.request.user, **form.item_fields())
        return self.object


class PlanItemReportView(_PlanItemView):
    """The mentor, the mentee or the manager marks the progress of an activity."""

    form_class = PlanItemReportForm
    template_name = "mentoring/plan_item_form.html"
    title = "Отметка о выполнении мероприятия"
    button = "Сохранить отметку"
    success_message = "Отметка о выполнении сохранена."

    def allowed(self, roles: ProgramRoles) -> bool:
        return roles.manager or roles.participant

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "item": self.item}

    def perform(self, form):
        data = form.cleaned_data
        services.plan_item_report(
            item=self.item,
            by=self.request.user,
            status=data["status"],
            evidence=data["evidence"] or None,
            evidence_note=data["evidence_note"],
        )
        return self.object


class PlanItemDeleteView(_PlanItemView):
    form_class = forms.Form
    title = "Удаление мероприятия плана"
    button = "Удалить"
    button_style = "danger"
    success_message = "Мероприятие удалено из плана."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["explanation"] = f"Удалить мероприятие «{self.item.title}» из плана программы?"
        return context

    def perform(self, form):
        services.plan_item_delete(item=self.item, by=self.request.user)
        return self.object


class PlanItemEvidenceView(LoginRequiredMixin, View):
    """The evidence file of an activity, for those who see its program (404 otherwise).

    Evidence may hold personal data: it is never served from a public media URL.
    """

    def get(self, request, pk):
        item = ActivityPlanItem.objects.filter(
            pk=pk, program__in=PersonalizedProgram.objects.for_user(request.user, "view")
        ).first()
        if item is None:
            raise Http404("Файл не найден или недоступен.")
        return private_file_response(item.evidence)
