"""Pages of the incentives of mentors (issue 19 item 6; seed 000 §3.4, 001 §6, 004 §5): the
overview of an organization's payments, awards and nominations, their lists, forms and the steps
of a nomination (each step its own page declaring its right), the queue of nominations of the
municipality and the region, and the mentors' effectiveness for the head.

Rows are looked up in the user's scope (``core.views``: 404 outside it, 403 with the reason when
visible but the step is not theirs); the services check the rights again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.views.generic import TemplateView

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.core.export import xlsx_response
from nastavnik.core.files import mark_attachment
from nastavnik.core.views import (
    RightRequiredMixin,
    RowStepView,
    ScopedDetailView,
    ScopedFormView,
    ScopedListView,
    id_param,
)
from nastavnik.incentives import forms as incentive_forms
from nastavnik.incentives.choices import NominationStatus
from nastavnik.incentives.filtersets import AwardFilterSet, NominationFilterSet, PaymentFilterSet
from nastavnik.incentives.models import Award, IncentivePayment, Nomination
from nastavnik.incentives.selectors.effectiveness import CRITERIA, effectiveness, mentor_profiles, sort_rows
from nastavnik.incentives.services import incentives as services
from nastavnik.people.consent import hide_unconsented

#: Rows of each table on the overview.
OVERVIEW_ROWS = 10
#: Mentors per page of the effectiveness list.


def _payment_rows(user):
    return IncentivePayment.objects.for_user(user).select_related("person", "organization", "document")


def _award_rows(user):
    return Award.objects.for_user(user).select_related("person", "organization", "kind")


def _nomination_rows(user):
    return Nomination.objects.for_user(user).select_related("person", "organization", "kind")


class OverviewView(RightRequiredMixin, TemplateView):
    """«Поощрение наставников»: the latest payments, awards and nominations the user sees (a
    mentor: their own), with the links to the lists and forms."""

    required_right = ("award", Action.VIEW)
    template_name = "incentives/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        can = {
            "payments": has_perm(user, "incentivepayment", Action.VIEW),
            "nominations": has_perm(user, "nomination", Action.VIEW),
            "add_payment": has_perm(user, "incentivepayment", Action.ADD),
            "add_award": has_perm(user, "award", Action.ADD),
            "add_nomination": has_perm(user, "nomination", Action.ADD),
            "queue": has_perm(user, "nomination", Action.RETURN),
            "effectiveness": has_perm(user, "mentoreffectiveness", Action.VIEW),
        }
        payments = list(_payment_rows(user)[:OVERVIEW_ROWS]) if can["payments"] else []
        awards = list(_award_rows(user)[:OVERVIEW_ROWS])
        nominations = list(_nomination_rows(user)[:OVERVIEW_ROWS]) if can["nominations"] else []
        context.update(
            can=can,
            payments=hide_unconsented(user, payments, "person"),
            awards=hide_unconsented(user, awards, "person"),
            nominations=hide_unconsented(user, nominations, "person"),
        )
        return context


# --- lists ---------------------------------------------------------------------------------------


class PaymentListView(RightRequiredMixin, ScopedListView):
    required_right = ("incentivepayment", Action.VIEW)
    model = IncentivePayment
    filterset_class = PaymentFilterSet
    template_name = "incentives/payment_list.html"
    export_filename = "vyplaty-nastavnikam"
    export_sheet_title = "Выплаты наставникам"
    export_columns = [
        ("Наставник", lambda p: p.person.full_name),
        ("Организация", "organization.full_name"),
        ("Размер в месяц, ₽", "amount"),
        ("Начало", "starts_on"),
        ("Окончание", "ends_on"),
        ("Основание", "basis_label"),
    ]

    def base_queryset(self):
        return IncentivePayment.objects.select_related("person", "organization", "document")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = hide_unconsented(self.request.user, list(context["object_list"]), "person")
        return context


class AwardListView(RightRequiredMixin, ScopedListView):
    required_right = ("award", Action.VIEW)
    model = Award
    filterset_class = AwardFilterSet
    template_name = "incentives/award_list.html"
    export_filename = "pooshchreniya-nastavnikov"
    export_sheet_title = "Поощрения наставников"
    export_columns = [
        ("Наставник", lambda a: a.person.full_name),
        ("Организация", "organization.full_name"),
        ("Вид поощрения", "title"),
        ("Уровень", lambda a: a.get_level_display()),
        ("Дата", "awarded_on"),
        ("Кем выдана", "issued_by"),
        ("Номер приказа", "order_number"),
        ("Учитывается при аттестации", lambda a: "да" if a.counts_at_attestation else "нет"),
    ]

    def base_queryset(self):
        return Award.objects.select_related("person", "organization", "kind")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = hide_unconsented(self.request.user, list(context["object_list"]), "person")
        return context


class NominationListView(RightRequiredMixin, ScopedListView):
    required_right = ("nomination", Action.VIEW)
    model = Nomination
    filterset_class = NominationFilterSet
    template_name = "incentives/nomination_list.html"
    queue = False

    def base_queryset(self):
        return Nomination.objects.select_related("person", "organization", "kind")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = hide_unconsented(self.request.user, list(context["object_list"]), "person")
        context["queue"] = self.queue
        return context


class NominationQueueView(NominationListView):
    """The nominations waiting for the municipality's or the region's decision: those the user may
    return (``nomination`` ``return``: sent to the municipality, forwarded to the region)."""

    required_right = ("nomination", Action.RETURN)
    queue = True

    def get_queryset(self):
        return self.base_queryset().for_user(self.request.user, Action.RETURN)


# --- forms ---------------------------------------------------------------------------------------


class _MentorFormView(ScopedFormView):
    """A form whose mentor may be given as ``?mentor=<card id>`` (from the mentor's card)."""

    template_name = "incentives/form.html"
    title = ""
    list_url_name = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["initial_profile"] = id_param(self.request.GET.get("mentor"))
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, list_url_name=self.list_url_name)
        return context

    def data(self, form) -> dict:
        data = dict(form.cleaned_data)
        data.pop("mentor", None)
        return data


class PaymentCreateView(_MentorFormView):
    model = IncentivePayment
    scope_action = Action.ADD
    form_class = incentive_forms.PaymentForm
    title = "Новая выплата наставнику"
    list_url_name = "incentives:payment_list"
    success_message = "Выплата внесена."

    def perform(self, form):
        return services.payment_create(by=self.request.user, **self.data(form))


class PaymentEditView(_MentorFormView):
    model = IncentivePayment
    scope_action = Action.CHANGE
    form_class = incentive_forms.PaymentForm
    title = "Изменение выплаты наставнику"
    list_url_name = "incentives:payment_list"

    def perform(self, form):
        return services.payment_update(by=self.request.user, payment=self.object, **self.data(form))


class AwardCreateView(_MentorFormView):
    model = Award
    scope_action = Action.ADD
    form_class = incentive_forms.AwardForm
    title = "Новое поощрение наставника"
    list_url_name = "incentives:award_list"
    success_message = "Поощрение внесено."

    def perform(self, form):
        return services.award_create(by=self.request.user, **self.data(form))


class AwardEditView(_MentorFormView):
    model = Award
    scope_action = Action.CHANGE
    form_class = incentive_forms.AwardForm
    title = "Изменение поощрения наставника"
    list_url_name = "incentives:award_list"

    def perform(self, form):
        return services.award_update(by=self.request.user, award=self.object, **self.data(form))


class NominationCreateView(_MentorFormView):
    model = Nomination
    scope_action = Action.ADD
    form_class = incentive_forms.NominationForm
    title = "Новое представление к награде"
    list_url_name = "incentives:nomination_list"
    success_message = "Представление подготовлено. Проверьте его и направьте в муниципалитет."

    def perform(self, form):
        return services.nomination_create(by=self.request.user, **self.data(form))


class NominationEditView(_MentorFormView):
    model = Nomination
    scope_action = Action.CHANGE
    form_class = incentive_forms.NominationForm
    title = "Изменение представления к награде"
    list_url_name = "incentives:nomination_list"

    def perform(self, form):
        return services.nomination_update(by=self.request.user, nomination=self.object, **self.data(form))


class NominationDetailView(ScopedDetailView):
    """The nomination, its history and the buttons of the steps the user may take now."""

    model = Nomination
    template_name = "incentives/nomination_detail.html"

    def base_queryset(self):
        return Nomination.objects.select_related("person", "organization", "kind", "award")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        nomination = self.object
        allowed = {
            action: Nomination.objects.for_user(user, action).filter(pk=nomination.pk).exists()
            for action in (Action.CHANGE, Action.SUBMIT, Action.WITHDRAW, Action.RETURN, Action.APPROVE)
        }
        editable = nomination.status in (NominationStatus.DRAFT, NominationStatus.RETURNED)
        context.update(
            person=hide_unconsented(user, [nomination], "person")[0].person,
            events=nomination.events.select_related("author__person"),
            can_edit=allowed[Action.CHANGE],
            can_submit=allowed[Action.SUBMIT] and editable,
            can_support=allowed[Action.SUBMIT] and nomination.status == NominationStatus.SUBMITTED,
            can_withdraw=allowed[Action.WITHDRAW],
            can_return=allowed[Action.RETURN],
            can_decide=allowed[Action.APPROVE],
            award=getattr(nomination, "award", None),
        )
        return context


class NominationStepView(RowStepView):
    """A step of a nomination (``self.object``): a confirmation form on GET, the service on POST;
    the step's right is ``scope_action`` over the row (``PERMISSIONS["nomination"]`` narrowed by
    status and level in ``incentives.rules``)."""

    model = Nomination
    template_name = "incentives/nomination_step.html"
    form_class = incentive_forms.StepForm
    title = ""
    button = "Сохранить"
    button_style = "primary"
    success_message = "Готово."
    explanation = ""

    def base_queryset(self):
        return Nomination.objects.select_related("person", "organization", "kind")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            nomination=self.object,
            person=hide_unconsented(self.request.user, [self.object], "person")[0].person,
        )
        return context


class NominationSubmitView(NominationStepView):
    scope_action = Action.SUBMIT
    forbidden_message = "Направить это представление в муниципалитет вы не можете."
    title = "Направить представление в муниципалитет"
    button = "Направить"
    success_message = "Представление направлено в муниципалитет."

    def action_refusal(self, obj) -> str:
        reason = super().action_refusal(obj)
        if not reason and obj.status == NominationStatus.SUBMITTED:
            return self.forbidden_message  # the municipality's step is «support»
        return reason

    def perform(self, form):
        services.nomination_submit(by=self.request.user, nomination=self.object)


class NominationSupportView(NominationStepView):
    scope_action = Action.SUBMIT
    forbidden_message = "Поддержать это представление вы не можете."
    form_class = incentive_forms.CommentForm
    title = "Поддержать представление и направить в регион"
    button = "Поддержать и направить в регион"
    success_message = "Представление поддержано и направлено в регион."

    def action_refusal(self, obj) -> str:
        reason = super().action_refusal(obj)
        if not reason and obj.status != NominationStatus.SUBMITTED:
            return self.forbidden_message
        return reason

    def perform(self, form):
        data = form.cleaned_data
        services.nomination_support(
            by=self.request.user, nomination=self.object, comment=data.get("comment", "")
        )


class NominationReturnView(NominationStepView):
    scope_action = Action.RETURN
    forbidden_message = "Вернуть это представление вы не можете."
    form_class = incentive_forms.RemarksForm
    title = "Вернуть представление на доработку"
    button = "Вернуть"
    button_style = "warning"
    success_message = "Представление возвращено на доработку."

    def perform(self, form):
        data = form.cleaned_data
        services.nomination_return(by=self.request.user, nomination=self.object, remarks=data["remarks"])


class NominationGrantView(NominationStepView):
    scope_action = Action.APPROVE
    forbidden_message = "Принимать решение по этому представлению вы не можете."
    form_class = incentive_forms.GrantForm
    title = "Присудить награду"
    button = "Присудить"
    button_style = "success"
    success_message = "Награда присуждена и внесена в поощрения наставника."

    def perform(self, form):
        data = form.cleaned_data
        services.nomination_grant(by=self.request.user, nomination=self.object, **data)


class NominationDeclineView(NominationStepView):
    scope_action = Action.APPROVE
    forbidden_message = "Принимать решение по этому представлению вы не можете."
    form_class = incentive_forms.DeclineForm
    title = "Отклонить представление"
    button = "Отклонить"
    button_style = "danger"
    success_message = "Представление отклонено."

    def perform(self, form):
        data = form.cleaned_data
        services.nomination_decline(by=self.request.user, nomination=self.object, remarks=data["remarks"])


class NominationWithdrawView(NominationStepView):
    scope_action = Action.WITHDRAW
    forbidden_message = "Отозвать это представление вы не можете."
    form_class = incentive_forms.CommentForm
    title = "Отозвать представление"
    button = "Отозвать"
    button_style = "danger"
    success_message = "Представление отозвано."

    def perform(self, form):
        data = form.cleaned_data
        services.nomination_withdraw(
            by=self.request.user, nomination=self.object, comment=data.get("comment", "")
        )


# --- effectiveness -------------------------------------------------------------------------------


class EffectivenessView(RightRequiredMixin, TemplateView):
    """The mentors' effectiveness (``selectors.effectiveness``) of the organizations the user
    reaches: sorted by any criterion (``?sort=<key>``, ``?dir=asc``), filtered by the name
    (``?q=``) and by «trained» (``?trained=1``), exported to XLSX (``?export=xlsx``)."""

    required_right = ("mentoreffectiveness", Action.VIEW)
    template_name = "incentives/effectiveness.html"

    def rows(self):
        from nastavnik.people.choosers import search_people

        profiles = mentor_profiles(self.request.user)
        # (a NUL is refused by PostgreSQL in a literal: garbage in the address is dropped)
        term = (self.request.GET.get("q") or "").replace("\x00", "").strip()[:100]
        if term:
            profiles = search_people(profiles, term, prefix="person__")
        rows = effectiveness(list(profiles))
        if self.request.GET.get("trained") == "1":
            rows = [r for r in rows if r.trained]
        self.sort = self.request.GET.get("sort") or "programs_completed"
        self.descending = self.request.GET.get("dir") != "asc"
        return sort_rows(rows, self.sort, descending=self.descending)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            # the roles above the curator and the head see consented mentors only (mentor_profiles)
            rows = self.rows()
            response = xlsx_response(
                columns=[
                    ("Наставник", lambda r: r.person.full_name),
                    ("Организация", lambda r: r.profile.organization.full_name),
                    *[(label, lambda r, key=key: _cell(r, key)) for key, label in CRITERIA],
                ],
                objects=rows,
                filename_stem="effektivnost-nastavnikov",
                sheet_title="Эффективность наставников",
            )
            return mark_attachment(
                response, subject=Award, kind="export", label="Эффективность наставников", details={}
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = self.rows()
        page = Paginator(rows, settings.NASTAVNIK_TABLE_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        sort_query = query.copy()
        sort_query.pop("sort", None)
        sort_query.pop("dir", None)
        context.update(
            rows=list(page.object_list),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            query_without_page=query.urlencode(),
            sort_base=sort_query.urlencode(),
            criteria=CRITERIA,
            sort=self.sort,
            descending=self.descending,
            q=(self.request.GET.get("q") or "").replace("\x00", "")[:100],
            trained=self.request.GET.get("trained") == "1",
            export_url="?" + (query.urlencode() + "&" if query else "") + "export=xlsx",
        )
        return context


def _cell(row, key: str):
    value = getattr(row, key)
    if key == "trained":
        return "да" if value else "нет"
    return "" if value is None else value
