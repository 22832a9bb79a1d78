"""Pages of meetings (seed 003 §4.7) and of the participants' requests (seed 000 §5.1.1, §5.2.1).

A program, a meeting or a request is looked up among the programs the user may view
(``PersonalizedProgram.objects.for_user(user, "view")``): outside that scope it is a 404. What
the user may do there follows from their role in the program (``program_roles``): otherwise a
403. The rules are the services'.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import ListView
from django.views.generic.edit import FormView

from nastavnik.access.scope import user_can
from nastavnik.core.views import add_validation_error
from nastavnik.mentoring.choices import MeetingStatus, RequestStatus
from nastavnik.mentoring.forms.meetings import (
    MeetingCancelForm,
    MeetingForm,
    MeetingRecordForm,
    PairRequestDecideForm,
    PairRequestForm,
)
from nastavnik.mentoring.models import Meeting, PairRequest, PersonalizedProgram
from nastavnik.mentoring.selectors.meetings import MEETING_PROGRAM_STATUSES, requestable_pairs
from nastavnik.mentoring.selectors.participants import ProgramRoles, program_roles
from nastavnik.mentoring.services import meetings as meeting_services
from nastavnik.mentoring.services import requests as request_services


def visible_programs(user, action: str = "view"):
    """Programs ``user`` may reach with ``action``, each once."""
    return PersonalizedProgram.objects.filter(
        pk__in=PersonalizedProgram.objects.for_user(user, action).values("pk")
    )


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Объект не найден или недоступен.") from None


class _ProgramActionView(LoginRequiredMixin, FormView):
    """A form about one program: ``get_target`` finds the program (and the meeting or request)
    in the user's view scope, ``check_roles`` refuses a user without the role (403), ``perform``
    calls the service; a service's ``ValidationError`` goes back on the form."""

    title = ""
    success_message = "Изменения сохранены."
    anchor = "meetings"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.program, self.object = self.get_target()
        self.roles = (
            ProgramRoles(manager=True)
            if request.user.is_superuser
            else program_roles(request.user, self.program)
        )
        self.check_roles()
        return super().dispatch(request, *args, **kwargs)

    def get_target(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def check_roles(self) -> None:
        if not (self.roles.manager or self.roles.mentor):
            raise PermissionDenied(
                "Встречи планирует и отмечает наставник пары (группы) или куратор программы."
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(program=self.program, object=self.object, title=self.title, back_url=self.back_url())
        return context

    def back_url(self) -> str:
        return f"{self.program.get_absolute_url()}#{self.anchor}"

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.perform(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)

    def get_success_url(self):
        return self.back_url()

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


class _MeetingView(_ProgramActionView):
    def get_target(self):
        meeting = _get_or_404(
            Meeting.objects.filter(program__in=visible_programs(self.request.user)).select_related(
                "program", "meeting_type"
            ),
            self.kwargs["pk"],
        )
        return meeting.program, meeting


class MeetingCreateView(_ProgramActionView):
    """Plan a meeting of the program's pair or group."""

    template_name = "mentoring/meeting_form.html"
    form_class = MeetingForm
    title = "Планирование встречи"
    success_message = "Встреча запланирована."

    def get_target(self):
        return _get_or_404(visible_programs(self.request.user), self.kwargs["pk"]), None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.program.status not in MEETING_PROGRAM_STATUSES:
            context["blocked"] = (
                "Программа ещё не утверждена: встречи планируются после её утверждения."
                if self.program.status == "draft"
                else f"Программа {self.program.get_status_display().lower()}: встречи больше не планируются."
            )
        return context

    def perform(self, form):
        meeting_services.meeting_schedule(program=self.program, by=self.request.user, **form.cleaned_data)


class MeetingUpdateView(_MeetingView):
    template_name = "mentoring/meeting_form.html"
    form_class = MeetingForm
    title = "Изменение встречи"
    success_message = "Встреча изменена."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status != MeetingStatus.PLANNED:
            context["blocked"] = (
                f"Встреча {self.object.get_status_display().lower()}: изменить можно только запланированную."
            )
        return context

    def perform(self, form):
        meeting_services.meeting_update(meeting=self.object, by=self.request.user, **form.cleaned_data)


class MeetingRecordView(_MeetingView):
    """Record a held meeting: its results and who attended."""

    template_name = "mentoring/meeting_record.html"
    form_class = MeetingRecordForm
    title = "Итоги встречи"
    success_message = "Встреча отмечена проведённой."

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "participants": meeting_services.program_participants(self.program),
            "meeting": self.object,
        }

    def perform(self, form):
        meeting_services.meeting_record(
            meeting=self.object,
            by=self.request.user,
            notes=form.cleaned_data["notes"],
            attendance=form.attendance(),
        )


class MeetingCancelView(_MeetingView):
    template_name = "mentoring/meeting_cancel.html"
    form_class = MeetingCancelForm
    title = "Отмена встречи"
    success_message = "Встреча отменена."

    def perform(self, form):
        meeting_services.meeting_cancel(meeting=self.object, by=self.request.user, **form.cleaned_data)


# --- requests ----------------------------------------------------------------------------------


class PairRequestCreateView(_ProgramActionView):
    """A participant files a request on one of their pairs of the program (seed 000 §5.1.1,
    §5.2.1)."""

    template_name = "mentoring/request_form.html"
    form_class = PairRequestForm
    title = "Заявление куратору"
    success_message = "Заявление подано. Куратор и руководитель организации рассмотрят его."
    anchor = "requests"

    def get_target(self):
        return _get_or_404(visible_programs(self.request.user), self.kwargs["pk"]), None

    def check_roles(self) -> None:
        if not self.roles.participant:
            raise PermissionDenied("Заявление подаёт наставник или наставляемый этой программы.")
        self.pairs = requestable_pairs(self.program, self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pairs": self.pairs}

    def perform(self, form):
        pair, kind = form.chosen()
        request_services.pair_request_submit(
            pair=pair, by=self.request.user, kind=kind, reason=form.cleaned_data["reason"]
        )


class _RequestView(_ProgramActionView):
    anchor = "requests"

    def get_target(self):
        request = _get_or_404(
            PairRequest.objects.filter(pair__program__in=visible_programs(self.request.user)).select_related(
                "pair__mentor", "pair__mentee", "pair__program__organization", "author", "decided_by"
            ),
            self.kwargs["pk"],
        )
        return request.pair.program, request


class PairRequestDecideView(_RequestView):
    """The curator or the head decides a request; on approval may give the mentee a new mentor."""

    template_name = "mentoring/request_decide.html"
    form_class = PairRequestDecideForm
    title = "Рассмотрение заявления"

    def check_roles(self) -> None:
        if not self.roles.manager:
            raise PermissionDenied("Заявления рассматривает куратор или руководитель организации.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.object}

    def perform(self, form):
        data = form.cleaned_data
        approve = data["decision"] == "approve"
        request = request_services.pair_request_decide(
            request=self.object,
            by=self.request.user,
            approve=approve,
            comment=data["comment"],
            new_mentor=data["new_mentor"] if approve else None,
        )
        if not approve:
            self.success_message = "Заявление отклонено."
        elif request.new_pair_id:
            self.success_message = "Заявление удовлетворено: назначен новый наставник."
        else:
            self.success_message = "Заявление удовлетворено: пара завершена."


class _ConfirmForm(forms.Form):
    """No fields: a confirmation."""


class PairRequestWithdrawView(_RequestView):
    template_name = "mentoring/request_withdraw.html"
    form_class = _ConfirmForm
    title = "Отзыв заявления"
    success_message = "Заявление отозвано."

    def check_roles(self) -> None:
        if self.object.author_id != self.request.user.pk:
            raise PermissionDenied("Отозвать заявление может только тот, кто его подал.")

    def perform(self, form):
        request_services.pair_request_withdraw(request=self.object, by=self.request.user)


class PairRequestListView(LoginRequiredMixin, ListView):
    """Requests of the programs the user manages (the curator's and the head's queue), pending
    first; ``?status=`` narrows to one status (``all`` — every status)."""

    template_name = "mentoring/request_list.html"
    context_object_name = "pair_requests"
    paginate_by = 25

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not user_can(request.user, "personalizedprogram", "change"):
            raise PermissionDenied("Заявления рассматривают куратор и руководитель организации.")
        return super().dispatch(request, *args, **kwargs)

    def status(self) -> str:
        value = self.request.GET.get("status", RequestStatus.PENDING)
        return value if value in RequestStatus.values or value == "all" else RequestStatus.PENDING

    def get_queryset(self):
        requests = PairRequest.objects.filter(
            pair__program__in=visible_programs(self.request.user, "change")
        ).select_related("pair__mentor", "pair__mentee", "pair__program", "author")
        if self.status() != "all":
            requests = requests.filter(status=self.status())
        return requests.order_by("submitted_at", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = self.status()
        context["statuses"] = [*RequestStatus.choices, ("all", "Все")]
        return context
