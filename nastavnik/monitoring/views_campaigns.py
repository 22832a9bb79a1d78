"""Pages of monitoring campaigns (seed 003 §5.2–5.3, 000 App. 2 §3.3–3.6): the list (the
launcher's campaigns and the organizations' tasks), creating and editing one, its live progress
per organization with the reminders, launch and finish, the progress as XLSX, and the task of one
organization (which questionnaires, who has answered).

A campaign is looked up in the user's view scope (``MonitoringCampaign.objects.for_user``):
outside it — 404; the page's right (``PERMISSIONS["monitoringcampaign"]``) is asked through
``core.views`` (403 with the reason otherwise); the services check it again.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms import TextInput
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.core.export import xlsx_response
from nastavnik.core.files import mark_attachment
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedFormView,
    ScopedListView,
    id_param,
)
from nastavnik.monitoring import campaigns as selectors
from nastavnik.monitoring.choices import CampaignStatus
from nastavnik.monitoring.forms_campaigns import CampaignForm, RemindForm
from nastavnik.monitoring.models import CampaignOrganization, MonitoringCampaign
from nastavnik.monitoring.services import campaigns as services
from nastavnik.organizations.models import OrgUnit

LAUNCHERS_ONLY = "Мониторинги проводят региональный оператор и муниципальные координаторы."


class CampaignFilterSet(django_filters.FilterSet):
    """Filter the campaigns by words of the title and by state."""

    q = django_filters.CharFilter(
        label="Поиск", method="search", widget=TextInput(attrs={"placeholder": "Название мониторинга"})
    )
    status = django_filters.ChoiceFilter(label="Состояние", choices=CampaignStatus.choices, empty_label="Все")

    class Meta:
        model = MonitoringCampaign
        fields = ["q", "status"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(title__icontains=value) if value else queryset


class CampaignListView(RightRequiredMixin, ScopedListView):
    """The campaigns the user sees: those their territory launched and those covering their
    organizations (the curator's and the head's tasks), with the deadline and the progress over
    the organizations the user follows (one grouped query for the page)."""

    model = MonitoringCampaign
    filterset_class = CampaignFilterSet
    required_right = ("monitoringcampaign", Action.VIEW)
    forbidden_message = "Мониторинги видят кураторы и руководители организаций, координаторы и операторы."
    template_name = "monitoring/campaign_list.html"

    def base_queryset(self):
        return (
            MonitoringCampaign.objects.select_related("owner")
            .annotate(organizations_count=Count("coverage"))
            .order_by("-starts_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        progress = selectors.tasks_progress([c.pk for c in page], self.request.user)
        rows = []
        for campaign in page:
            assigned, answered = progress.get(campaign.pk, (0, 0))
            rows.append((campaign, assigned, answered, selectors.share_of(assigned, answered)))
        context["rows"] = rows
        context["today"] = timezone.localdate()
        return context


class CampaignCreateView(ScopedFormView):
    """A new draft campaign of a territory the user may launch a monitoring for."""

    model = MonitoringCampaign
    form_class = CampaignForm
    template_name = "monitoring/campaign_form.html"
    scope_action = Action.ADD
    success_message = "Мониторинг создан. Проверьте охват и запустите его."

    def get_initial(self):
        initial = super().get_initial()
        today = timezone.localdate()
        initial.update(starts_on=today, ends_on=today + dt.timedelta(days=14))
        owners = services.owner_units(self.request.user)
        owner = id_param(self.request.GET.get("owner"))
        unit = (owners.filter(pk=owner).first() if owner is not None else None) or owners.first()
        if unit is not None:
            initial["owner"] = unit.pk
        return initial

    def perform(self, form):
        data = form.cleaned_data
        return services.campaign_create(
            by=self.request.user,
            owner=data["owner"],
            title=data["title"],
            goal=data["goal"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            questionnaires=data["questionnaires"],
            municipalities=list(data["municipalities"]),
            kinds=data["kinds"] or None,
        )

    def get_success_url(self):
        return reverse("monitoring:campaign_detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Новый мониторинг"
        return context


class CampaignEditView(ScopedFormView):
    """Change a draft or running campaign (``monitoringcampaign``/``change``)."""

    model = MonitoringCampaign
    form_class = CampaignForm
    template_name = "monitoring/campaign_form.html"

    def action_refusal(self, obj) -> str:
        if obj.status == CampaignStatus.FINISHED:
            return "Мониторинг завершён: изменить его нельзя."
        return ""

    def perform(self, form):
        data = form.cleaned_data
        return services.campaign_update(
            campaign=self.object,
            by=self.request.user,
            title=data["title"],
            goal=data["goal"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            questionnaires=data["questionnaires"],
            organizations=list(data["organizations"]),
        )

    def get_success_url(self):
        return reverse("monitoring:campaign_detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = "Изменение мониторинга"
        return context


class CampaignMixin(ScopedActionMixin):
    """A page about one campaign (``pk``), found in the user's view scope (404 outside it)."""

    model = MonitoringCampaign
    scope_action = Action.VIEW

    def base_queryset(self):
        return MonitoringCampaign.objects.select_related("owner")


def _sort_param(raw) -> str:
    raw = str(raw or "")
    return raw if raw.removeprefix("-") in selectors.SORT_COLUMNS else ""


class CampaignDetailView(CampaignMixin, TemplateView):
    """The campaign with its LIVE progress per organization the user follows: municipality,
    organization, questionnaires assigned and answered, share, last reminder, state; the filter
    «только не ответившие», sorting by each column, the totals, the reminders, launch and
    finish."""

    template_name = "monitoring/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        user = self.request.user
        only_pending = self.request.GET.get("pending") == "1"
        sort = _sort_param(self.request.GET.get("sort"))
        progress = selectors.campaign_progress(campaign, user, only_pending=only_pending, sort=sort)
        running = campaign.status == CampaignStatus.RUNNING
        columns = []
        for key, label in selectors.SORT_COLUMNS.items():
            current = sort.lstrip("-") == key
            next_sort = f"-{key}" if current and not sort.startswith("-") else key
            query = {"sort": next_sort, **({"pending": "1"} if only_pending else {})}
            direction = ("descending" if sort.startswith("-") else "ascending") if current else "none"
            columns.append({"key": key, "label": label, "query": query, "sort": direction})
        context.update(
            campaign=campaign,
            progress=progress,
            only_pending=only_pending,
            sort=sort,
            columns=columns,
            questionnaires=list(campaign.questionnaires.order_by("audience", "phase", "title")),
            can_change=campaign.status != CampaignStatus.FINISHED
            and has_perm(user, "monitoringcampaign", Action.CHANGE, campaign),
            can_start=campaign.status == CampaignStatus.DRAFT
            and has_perm(user, "monitoringcampaign", Action.START, campaign),
            can_finish=running and has_perm(user, "monitoringcampaign", Action.COMPLETE, campaign),
            can_remind=running and has_perm(user, "monitoringcampaign", Action.REMIND, campaign),
            now=timezone.now(),
            recent_cutoff=timezone.now() - services.REMIND_INTERVAL,
        )
        return context


class CampaignExportView(CampaignMixin, View):
    """The progress table (the rows the user follows) as XLSX."""

    def get(self, request, *args, **kwargs):
        only_pending = request.GET.get("pending") == "1"
        progress = selectors.campaign_progress(
            self.object, request.user, only_pending=only_pending, sort=_sort_param(request.GET.get("sort"))
        )
        columns = [
            ("Муниципальное образование", lambda r: str(r.municipality) if r.municipality else ""),
            ("Организация", lambda r: r.organization.full_name),
            ("Назначено анкет", "assigned"),
            ("Ответов", "answered"),
            ("Доля ответивших, %", "share"),
            (
                "Последнее напоминание",
                lambda r: timezone.localtime(r.reminded_at).replace(tzinfo=None) if r.reminded_at else None,
            ),
            ("Состояние", "status_label"),
        ]
        response = xlsx_response(
            columns=columns,
            objects=progress.rows,
            filename_stem="monitoring-hod",
            sheet_title="Ход мониторинга",
        )
        return mark_attachment(response, subject=self.object, kind="export", label="Ход мониторинга (XLSX)")


class CampaignStepView(CampaignMixin, View):
    """A step of the campaign by POST (``scope_action`` on it: 403 without the right): calls the
    service, shows its Russian refusal as a message, and returns to the campaign."""

    http_method_names = ["post"]
    done = ""

    def post(self, request, *args, **kwargs):
        try:
            text = self.perform()
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, text)
        return redirect(self.next_url())

    def next_url(self) -> str:
        return reverse("monitoring:campaign_detail", args=[self.object.pk])

    def perform(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError


class CampaignLaunchView(CampaignStepView):
    scope_action = Action.START
    forbidden_message = LAUNCHERS_ONLY

    def perform(self) -> str:
        created = services.campaign_launch(campaign=self.object, by=self.request.user)
        return f"Мониторинг запущен. Назначено анкет: {created}."


class CampaignFinishView(CampaignStepView):
    scope_action = Action.COMPLETE
    forbidden_message = LAUNCHERS_ONLY

    def perform(self) -> str:
        cancelled = services.campaign_finish(campaign=self.object, by=self.request.user)
        return f"Мониторинг завершён. Не заполненных анкет снято: {cancelled}."


class CampaignRemindView(CampaignStepView):
    """Remind one organization (``organization`` in the form) or every one that has not
    answered (no ``organization``)."""

    scope_action = Action.REMIND
    forbidden_message = LAUNCHERS_ONLY

    def perform(self) -> str:
        form = RemindForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError("Организация указана неверно.")
        organizations = None
        pk = form.cleaned_data.get("organization")
        if pk:
            organization = OrgUnit.objects.filter(pk=pk).first()
            if organization is None or not self.object.coverage.filter(organization=organization).exists():
                raise ValidationError("Организация не охвачена этим мониторингом.")
            organizations = [organization]
        result = services.campaign_remind(
            campaign=self.object, by=self.request.user, organizations=organizations
        )
        text = f"Напоминание отправлено: организаций — {result.organizations}, писем — {result.letters}."
        if result.skipped:
            text += f" Организаций, которым уже напоминали в последние сутки: {result.skipped}."
        return text

    def next_url(self) -> str:
        url = super().next_url()
        query = {}
        if self.request.POST.get("pending") == "1":
            query["pending"] = "1"
        sort = _sort_param(self.request.POST.get("sort"))
        if sort:
            query["sort"] = sort
        return f"{url}?{urlencode(query)}" if query else url


class CampaignTaskView(ScopedActionMixin, TemplateView):
    """The task of one organization in a campaign (``CampaignOrganization`` pk): the deadline, the
    questionnaires with their counts, who has answered (names for named questionnaires only;
    counts only for anonymous ones), and a letter to those who have not. 404 when the campaign
    is not visible or the organization is not one the user follows."""

    model = MonitoringCampaign
    scope_action = Action.VIEW
    template_name = "monitoring/campaign_task.html"

    def resolve_object(self):
        visible = self.visible_queryset()
        try:
            coverage = (
                CampaignOrganization.objects.filter(campaign__in=visible)
                .filter(selectors.visible_coverage_q(self.request.user))
                .select_related("campaign__owner", "organization__municipality")
                .get(pk=self.kwargs["pk"])
            )
        except (CampaignOrganization.DoesNotExist, ValueError, TypeError):
            raise Http404("Задание мониторинга не найдено или недоступно.") from None
        self.coverage = coverage
        return coverage.campaign

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign, organization = self.object, self.coverage.organization
        items = selectors.organization_task(campaign, organization, self.request.user)
        assigned = sum(i.assigned for i in items)
        answered = sum(i.answered for i in items)
        addresses = (
            selectors.pending_addresses(campaign, organization, self.request.user)
            if campaign.status == CampaignStatus.RUNNING
            else []
        )
        context.update(
            campaign=campaign,
            coverage=self.coverage,
            organization=organization,
            items=items,
            assigned=assigned,
            answered=answered,
            share=selectors.share_of(assigned, answered),
            status_label=selectors.STATUS_LABELS[selectors.status_of(assigned, answered)],
            days_left=selectors.days_left(campaign.ends_on),
            mailto=_mailto(campaign, addresses),
            pending_people=len(addresses),
        )
        return context


def _mailto(campaign: MonitoringCampaign, addresses: list[str]) -> str:
    """A ``mailto:`` link of a letter to ``addresses`` (in the blind copy) asking to answer."""
    from urllib.parse import quote

    if not addresses:
        return ""
    subject = f"Мониторинг «{campaign.title}»: заполните анкеты"
    body = (
        f"Коллеги, идёт мониторинг «{campaign.title}». Просим заполнить анкеты в системе «Наставник» "
        f"до {campaign.ends_on:%d.%m.%Y}: они в разделе «Мои анкеты»."
    )
    return f"mailto:?bcc={quote(','.join(addresses), safe='@,')}&subject={quote(subject)}&body={quote(body)}"
