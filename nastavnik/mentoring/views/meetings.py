"""Pages of meetings (seed 003 §4.7) and of the participants' requests (seed 000 §5.1.1, §5.2.1).

A program, a meeting or a request is looked up among the programs the user may view (through
``views.base.ProgramFormView``): outside that scope it is a 404. What the user may do there
follows from their role in the program (``program_roles``): otherwise a 403. The rules are the
services'. The curator's list of requests is ``PairRequest.objects.for_user(user, "change")``.
"""

from __future__ import annotations

from django import forms
from django.views.generic import ListView

from nastavnik.core.pagination import CappedPaginator
from nastavnik.core.views import RightRequiredMixin, ScopedQuerysetMixin
from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus, RequestStatus
from nastavnik.mentoring.forms.meetings import (
    MeetingCancelForm,
    MeetingForm,
    MeetingRecordForm,
    PairRequestDecideForm,
    PairRequestForm,
)
from nastavnik.mentoring.models import Meeting, PairRequest
from nastavnik.mentoring.selectors.meetings import MEETING_PROGRAM_STATUSES, requestable_pairs
from nastavnik.mentoring.selectors.participants import ProgramRoles, program_participants
from nastavnik.mentoring.services import meetings as meeting_services
from nastavnik.mentoring.services import requests as request_services
from nastavnik.mentoring.views.base import ProgramFormView


class _MeetingsFormView(ProgramFormView):
    """A meeting page: for the program's manager or its mentor."""

    anchor = "meetings"
    forbidden_message = "Встречи планирует и отмечает наставник пары (группы) или куратор программы."

    def allowed(self, roles: ProgramRoles) -> bool:
        return roles.manager or roles.mentor

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.target
        return context


class _MeetingView(_MeetingsFormView):
    """An action on one meeting; ``pk`` is the meeting's (``self.target``)."""

    def get_target(self):
        meeting = self.target_or_404(Meeting.objects.select_related("program", "meeting_type"))
        return meeting.program, meeting


class MeetingCreateView(_MeetingsFormView):
    """Plan a meeting of the program's pair or group."""

    template_name = "mentoring/meeting_form.html"
    form_class = MeetingForm
    title = "Планирование встречи"
    success_message = "Встреча запланирована."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object.status not in MEETING_PROGRAM_STATUSES:
            context["blocked"] = (
                "Программа ещё не утверждена: встречи планируются после её утверждения."
                if self.object.status == ProgramStatus.DRAFT
                else f"Программа {self.object.get_status_display().lower()}: встречи больше не планируются."
            )
        return context

    def perform(self, form):
        meeting_services.meeting_schedule(program=self.object, by=self.request.user, **form.cleaned_data)
        return self.object


class MeetingUpdateView(_MeetingView):
    template_name = "mentoring/meeting_form.html"
    form_class = MeetingForm
    title = "Изменение встречи"
    success_message = "Встреча изменена."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.target}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.target.status != MeetingStatus.PLANNED:
            context["blocked"] = (
                f"Встреча {self.target.get_status_display().lower()}: изменить можно только запланированную."
            )
        return context

    def perform(self, form):
        meeting_services.meeting_update(meeting=self.target, by=self.request.user, **form.cleaned_data)
        return self.object


class MeetingRecordView(_MeetingView):
    """Record a held meeting: its results and who attended."""

    template_name = "mentoring/meeting_record.html"
    form_class = MeetingRecordForm
    title = "Итоги встречи"
    success_message = "Встреча отмечена проведённой."

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "participants": program_participants(self.object),
            "meeting": self.target,
        }

    def perform(self, form):
        meeting_services.meeting_record(
            meeting=self.target,
            by=self.request.user,
            notes=form.cleaned_data["notes"],
            attendance=form.attendance(),
        )
        return self.object


class MeetingCancelView(_MeetingView):
    template_name = "mentoring/meeting_cancel.html"
    form_class = MeetingCancelForm
    title = "Отмена встречи"
    success_message = "Встреча отменена."

    def perform(self, form):
        meeting_services.meeting_cancel(meeting=self.target, by=self.request.user, **form.cleaned_data)
        return self.object


# --- requests ----------------------------------------------------------------------------------


class _RequestsFormView(ProgramFormView):
    """A request page; ``object`` in the template is the request (none when filing one)."""

    anchor = "requests"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.target
        return context


class PairRequestCreateView(_RequestsFormView):
    """A participant files a request on one of their pairs of the program (seed 000 §5.1.1,
    §5.2.1)."""

    template_name = "mentoring/request_form.html"
    form_class = PairRequestForm
    title = "Заявление куратору"
    success_message = "Заявление подано. Куратор и руководитель организации рассмотрят его."
    forbidden_message = "Заявление подаёт наставник или наставляемый этой программы."

    def allowed(self, roles: ProgramRoles) -> bool:
        return roles.participant

    def get_object(self):
        program = super().get_object()
        self.pairs = requestable_pairs(program, self.request.user)
        return program

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pairs": self.pairs}

    def perform(self, form):
        pair, kind = form.chosen()
        request_services.pair_request_submit(
            pair=pair, by=self.request.user, kind=kind, reason=form.cleaned_data["reason"]
        )
        return self.object


class _RequestView(_RequestsFormView):
    """An action on one request; ``pk`` is the request's (``self.target``). The request is
    reached through its program's view scope, so that a participant of the program who may not
    act on it gets a 403, as on the other program pages."""

    def get_target(self):
        request = self.target_or_404(
            PairRequest.objects.select_related(
                "pair__mentor",
                "pair__mentee",
                "pair__program__organization",
                "pair__organization",
                "new_pair__mentor",
                "author__person",
                "decided_by__person",
            ),
            "pair__program",
        )
        return request.pair.program, request


class PairRequestDecideView(_RequestView):
    """The curator or the head decides a request; on approval may give the mentee a new mentor."""

    template_name = "mentoring/request_decide.html"
    form_class = PairRequestDecideForm
    title = "Рассмотрение заявления"

    forbidden_message = "Заявления рассматривает куратор или руководитель организации."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.target}

    def get_context_data(self, **kwargs):
        """Besides the form, ``papers``: once the request is decided, the papers it calls for that
        the user may draw up or read (``services.requests.request_papers``: the order replacing
        the mentor or ending mentoring early, for who may draw documents up)."""
        context = super().get_context_data(**kwargs)
        context["papers"] = (
            request_services.request_papers(self.target, self.request.user)
            if self.target.status != RequestStatus.PENDING
            else []
        )
        return context

    def perform(self, form):
        data = form.cleaned_data
        approve = data["decision"] == "approve"
        request = request_services.pair_request_decide(
            request=self.target,
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
        return self.object


class _ConfirmForm(forms.Form):
    """No fields: a confirmation."""


class PairRequestWithdrawView(_RequestView):
    template_name = "mentoring/request_withdraw.html"
    form_class = _ConfirmForm
    title = "Отзыв заявления"
    success_message = "Заявление отозвано."

    forbidden_message = "Отозвать заявление может только тот, кто его подал."

    def allowed(self, roles: ProgramRoles) -> bool:
        return self.target.author_id == self.request.user.pk  # only its author

    def perform(self, form):
        request_services.pair_request_withdraw(request=self.target, by=self.request.user)
        return self.object


class PairRequestListView(RightRequiredMixin, ScopedQuerysetMixin, ListView):
    """Requests of the organizations the user manages (the curator's and the head's queue),
    oldest first; ``?status=`` narrows to one status (``all`` — every status; pending by
    default)."""

    model = PairRequest
    scope_action = "change"
    template_name = "mentoring/request_list.html"
    context_object_name = "pair_requests"
    paginate_by = 25
    paginator_class = CappedPaginator
    required_right = ("personalizedprogram", "change")
    forbidden_message = "Заявления рассматривают куратор и руководитель организации."

    def status(self) -> str:
        value = self.request.GET.get("status", RequestStatus.PENDING)
        return value if value in RequestStatus.values or value == "all" else RequestStatus.PENDING

    def base_queryset(self):
        requests = PairRequest.objects.select_related(
            "pair__mentor", "pair__mentee", "pair__program", "author"
        )
        if self.status() != "all":
            requests = requests.filter(status=self.status())
        return requests.order_by("submitted_at", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status"] = self.status()
        context["statuses"] = [*RequestStatus.choices, ("all", "Все")]
        context["query_without_page"] = f"status={self.status()}"
        return context
