"""Pages of the public open bank of mentors (issue 19, item 2; seed 001 §7.1.1): the search and
a mentor's card without sign-in, the request for a mentor, and the curator's inbox of requests.

The public pages read only :func:`~nastavnik.openness.selectors.public_mentors.public_mentors`
(the open bank narrowed to the consent to distribution, 152-ФЗ art. 10.1) and show only the
published fields; they take no user. The inbox is scoped by ``mentorrequest`` (the curator and
the head of the mentor's organization).
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from nastavnik.audit.middleware import client_address
from nastavnik.bank.open_bank_views import OpenBankSearchMixin, open_bank_profile
from nastavnik.core.views import RightRequiredMixin, ScopedFormView, ScopedListView, add_validation_error
from nastavnik.openness.choices import MentorRequestStatus
from nastavnik.openness.filtersets_public_bank import MentorRequestFilterSet, PublicBankFilterSet
from nastavnik.openness.forms_public_bank import MentorRequestAnswerForm, MentorRequestForm
from nastavnik.openness.models import MentorRequest
from nastavnik.openness.selectors.public_mentors import public_mentor_card, public_mentors
from nastavnik.openness.services.mentor_requests import (
    mentor_request_answer,
    mentor_request_close,
    mentor_request_create,
)

#: Requests from one address kept within :data:`RATE_WINDOW` seconds; more are refused (spam).
RATE_LIMIT = 5
RATE_WINDOW = 60 * 60
IGNORED_NOTE = "Некоторые условия поиска не распознаны и не применены."


class PublicBankSearchView(OpenBankSearchMixin, FilterView):
    """The search in the public open bank (``/mentors/``): filters (:class:`PublicBankFilterSet`),
    the count found and a page of cards, in a constant number of queries. Unknown or invalid
    values in the address (a filter or the page) are ignored with a note, never an error."""

    filterset_class = PublicBankFilterSet
    template_name = "openness/public_bank/search.html"
    notes: list[str]

    def get_queryset(self):
        return public_mentors()

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            self.notes.append("Такой страницы нет: показана первая страница.")
            self.kwargs["page"] = 1
            return super().paginate_queryset(queryset, page_size)

    def get(self, request, *args, **kwargs):
        self.notes = []
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.filterset.is_bound and self.filterset.form.errors:
            self.notes.insert(0, IGNORED_NOTE)
        context["notes"] = self.notes
        return context


class PublicMentorView(TemplateView):
    """A public mentor's card (``/mentors/<pk>/``): only the published fields; 404 for anyone not
    public (not in the open bank, no consent to distribution), the same as for a missing card."""

    template_name = "openness/public_bank/mentor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = public_mentor_card(open_bank_profile(public_mentors(), self.kwargs["pk"]))
        return context


def _rate_key(request) -> str:
    return f"openness:mentor-request:{client_address(request) or 'unknown'}"


class MentorRequestView(FormView):
    """«Попросить наставника» (``/mentors/<pk>/request/``): the form of a request to a public
    mentor, kept for the mentor's organization and e-mailed to its curators
    (:func:`mentor_request_create`); then the confirmation page. A filled trap field (a robot)
    leads to the same confirmation with nothing kept; more than :data:`RATE_LIMIT` requests from
    one address within an hour are refused with a note."""

    form_class = MentorRequestForm
    template_name = "openness/public_bank/request_form.html"

    def dispatch(self, request, *args, **kwargs):
        profile = open_bank_profile(public_mentors(), kwargs["pk"])
        self.card = public_mentor_card(profile)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = self.card
        return context

    def form_valid(self, form):
        if form.is_spam():
            return HttpResponseRedirect(self.get_success_url())
        key = _rate_key(self.request)
        if cache.get(key, 0) >= RATE_LIMIT:
            form.add_error(
                None,
                "С этого адреса отправлено слишком много обращений. Повторите попытку через час.",
            )
            return self.form_invalid(form)
        try:
            mentor_request_create(mentor_id=self.card.pk, data=form.cleaned_data)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if not cache.add(key, 1, RATE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, RATE_WINDOW)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse("public_bank:request_sent", args=[self.card.pk])


class MentorRequestSentView(TemplateView):
    """The confirmation that a request was sent (``/mentors/<pk>/request/sent/``)."""

    template_name = "openness/public_bank/request_sent.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["card"] = public_mentor_card(open_bank_profile(public_mentors(), self.kwargs["pk"]))
        return context


class MentorRequestListView(RightRequiredMixin, ScopedListView):
    """The inbox of requests for mentors (``/mentor-requests/``): the requests to the mentors of
    the organizations where the user is the curator or the head, filtered by status."""

    model = MentorRequest
    required_right = ("mentorrequest", "view")
    filterset_class = MentorRequestFilterSet
    template_name = "openness/public_bank/request_list.html"

    def base_queryset(self):
        return MentorRequest.objects.select_related("mentor__person", "organization")


class MentorRequestDetailView(ScopedFormView):
    """One request with the answer form (``/mentor-requests/<pk>/``): «Отправить ответ» answers
    by e-mail (:func:`mentor_request_answer`), «Закрыть обращение» closes it
    (:func:`mentor_request_close`)."""

    model = MentorRequest
    form_class = MentorRequestAnswerForm
    template_name = "openness/public_bank/request_detail.html"
    scope_action = "change"

    def base_queryset(self):
        return MentorRequest.objects.select_related("mentor__person", "organization", "answered_by")

    @property
    def success_message(self) -> str:
        if self.request.POST.get("action") == "close":
            return "Обращение закрыто."
        return "Ответ отправлен автору обращения."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["request_row"] = self.object
        context["closed"] = self.object.status == MentorRequestStatus.CLOSED
        return context

    def perform(self, form):
        if self.request.POST.get("action") == "close":
            return mentor_request_close(request=self.object, by=self.request.user)
        return mentor_request_answer(
            request=self.object, answer=form.cleaned_data["answer"], by=self.request.user
        )

    def get_success_url(self):
        return reverse("public_bank:request_detail", args=[self.object.pk])
