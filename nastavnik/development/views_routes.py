"""Pages of individual educational routes (seed 000 §4.3.3; issue 18, Build 2): the list, a new
route, the route page with its seven steps, and one page per step's action (self-determination
and period, an activity, its product, a correction, a comment, the start, the reflection, the
completion, the cancellation), and the download of a product's file.

Scope: a route is reached through ``IndividualRoute.objects.for_user(user, "view")`` (the teacher's
own, the curator's and the head's of their organization, the assigned tutor's, the mentor's of
their mentees, everyone above of their subtree with a valid consent): outside it — 404. Inside it,
each action page asks the right of ``services.routes.ROUTE_ACTIONS`` over the route (403 with the
reason otherwise); the service checks it again and keeps the rules of the step.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.views import View

from nastavnik.access.rules import has_perm
from nastavnik.access.scope import get_scope
from nastavnik.core.concurrency import ConcurrentEditViewMixin, expected_version
from nastavnik.core.files import private_file_response
from nastavnik.core.views import ScopedDetailView, ScopedFormView, ScopedListView, id_param
from nastavnik.development import forms_routes as route_forms
from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ActivityStatus,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.filtersets_routes import IndividualRouteFilterSet
from nastavnik.development.models import Deficit, IndividualRoute, RouteActivity
from nastavnik.development.selectors.routes import exportable_routes, route_steps
from nastavnik.development.selectors.tutors import tutor_of
from nastavnik.development.services import routes as services

RIGHT = services.RIGHT


def _url_or_empty(name: str, *args) -> str:
    """The address of the page ``name`` or "" while that page does not exist (the diagnoses'
    pages are another part's)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class RouteListView(ScopedListView):
    """The routes in the user's scope, the user's own first: a teacher's own, the curator's and the
    head's of their organization, a tutor's of their teachers, everyone above of their subtree."""

    model = IndividualRoute
    filterset_class = IndividualRouteFilterSet
    template_name = "development/route_list.html"
    export_filename = "individualnye-obrazovatelnye-marshruty"
    export_sheet_title = "Маршруты"
    export_columns = [
        ("№", "pk"),
        ("Педагог", "person.full_name"),
        ("Организация", "organization.label_with_municipality"),
        ("Тема", "title"),
        ("Начало", "starts_on"),
        ("Окончание", "ends_on"),
        ("Статус", "get_status_display"),
        ("Мероприятий", "activity_count"),
        ("Выполнено", "done_count"),
    ]

    def base_queryset(self):
        person_id = get_scope(self.request.user).person_id if self.request.user.is_authenticated else None
        return (
            exportable_routes()
            .select_related("person", "organization__municipality")
            .annotate(
                own=Case(
                    When(person_id=person_id or 0, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                activity_count=Count("activities", distinct=True),
                done_count=Count(
                    "activities", filter=Q(activities__status=ActivityStatus.DONE), distinct=True
                ),
            )
            .order_by("own", "-starts_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person_id = get_scope(self.request.user).person_id
        # the teacher sees who their tutor of the ЦНППМ is (seed 000 §4.3.2)
        context["my_tutor"] = tutor_of(person_id) if person_id else None
        return context


class RouteDetailView(ScopedDetailView):
    """The route page: the seven steps as a numbered progress with the state of each, the desired
    image, the diagnoses of the route, the roadmap with periods, deficits, statuses and products,
    the corrections with their reasons, the reflection, the comments and the full history; the
    buttons of the actions the user may take in the route's status."""

    model = IndividualRoute
    template_name = "development/route_detail.html"
    context_object_name = "route"

    def base_queryset(self):
        return IndividualRoute.objects.select_related("person", "organization", "created_by__person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        route = self.object
        user = self.request.user
        diagnoses = list(
            route.diagnoses.select_related("expert__person")
            .annotate(
                deficit_count=Count("deficits", distinct=True), result_count=Count("results", distinct=True)
            )
            .order_by("conducted_on", "pk")
        )
        activities = list(
            route.activities.select_related("course").prefetch_related(
                Prefetch("deficits", queryset=Deficit.objects.select_related("area"))
            )
        )
        corrections = list(route.corrections.select_related("activity", "made_by__person"))
        reflections = list(route.reflections.select_related("deficit__area"))
        addressed = list(services.route_addressed_deficits(route))
        events = list(route.events.select_related("author__person", "activity"))
        comments = [e for e in events if e.kind == RouteEventKind.COMMENT]
        can = {
            action: services.route_action_allowed(route, action)
            and has_perm(user, RIGHT, services.ROUTE_ACTIONS[action].right, route)
            for action in services.ROUTE_ACTIONS
        }
        reflected = {r.deficit_id for r in reflections}
        diagnosis_detail = bool(_url_or_empty("development:diagnosis_detail", 1))
        for diagnosis in diagnoses:
            diagnosis.url = (
                _url_or_empty("development:diagnosis_detail", diagnosis.pk) if diagnosis_detail else ""
            )
        diagnosis_create = _url_or_empty("development:diagnosis_create")
        context.update(
            steps=route_steps(
                route,
                diagnoses=diagnoses,
                activities=activities,
                corrections=len(corrections),
                reflections=len(reflections),
                addressed=len(addressed),
            ),
            tutor=tutor_of(route.person_id),
            # the route as a document (the documents app's pages; whoever sees the route reads it)
            document_docx_url=_url_or_empty("documents:route_docx", route.pk),
            document_pdf_url=_url_or_empty("documents:route_pdf", route.pk),
            diagnoses=diagnoses,
            activities=activities,
            corrections=corrections,
            reflections=reflections,
            addressed=[(d, d.pk in reflected) for d in addressed],
            comments=comments,
            events=events,
            can=can,
            diagnosis_create_url=(
                f"{diagnosis_create}?person={route.person_id}&route={route.pk}"
                if diagnosis_create
                and route.status in (RouteStatus.DRAFT, RouteStatus.ACTIVE)
                and has_perm(user, "diagnosis", "add")
                else ""
            ),
            start_problems=services.route_start_problems(route) if can["start"] else [],
            complete_problems=services.route_complete_problems(route) if can["complete"] else [],
        )
        return context


class RouteCreateView(ScopedFormView):
    """A new route (``services.routes.route_create``): a teacher's own, or the curator's or the
    head's for a teacher of their organization (``?person=<id>`` preselects the teacher)."""

    model = IndividualRoute
    scope_action = "add"
    form_class = route_forms.RouteCreateForm
    template_name = "development/route_form.html"
    success_message = (
        "Маршрут создан. Опишите желаемый образ, пройдите диагностику и составьте дорожную карту."
    )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["person_id"] = id_param(self.request.GET.get("person"))
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.route_create(
            by=self.request.user,
            person=data["person"],
            title=data["title"],
            desired_image=data["desired_image"],
            starts_on=data["starts_on"],
            years=data["years"],
        )


class RouteFormView(ScopedFormView):
    """A form about one route; ``self.object`` is the route. ``route_action`` (a key of
    ``services.routes.ROUTE_ACTIONS``) names the right asked over it (403 with
    ``forbidden_message`` when visible but not allowed) and the statuses the page opens in (another
    status: back to the route page with the reason). ``pk`` in the URL is the route's, unless
    :meth:`get_target` reads an activity, which is then ``self.target``."""

    model = IndividualRoute
    scope_action = "view"
    route_action = ""
    forbidden_message = "Нет прав на это действие с маршрутом."
    template_name = "development/route_action.html"
    title = ""
    button = "Сохранить"
    button_style = "primary"
    explanation = ""
    anchor = ""
    target = None

    def get_target(self):
        """``(route, row)``: the route named by the URL (404 outside the scope) and no row."""
        return super().get_object(), None

    def get_object(self):
        route, self.target = self.get_target()
        return route

    def action_refusal(self, route) -> str:
        right = services.ROUTE_ACTIONS[self.route_action].right
        return "" if has_perm(self.request.user, RIGHT, right, route) else self.forbidden_message

    def status_refusal(self) -> str:
        """Why the page does not open in the route's status ("" when it does)."""
        if services.route_action_allowed(self.object, self.route_action):
            return ""
        return services._STATUS_REFUSALS.get(
            self.route_action, f"Это действие недоступно: маршрут {self.object.get_status_display()}."
        )

    def get(self, request, *args, **kwargs):
        reason = self.status_refusal()
        if reason:
            messages.error(request, reason)
            return redirect(self.back_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(route=self.object, title=self.title, back_url=self.back_url(), target=self.target)
        return context

    def back_url(self) -> str:
        url = self.object.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url

    def get_success_url(self):
        return self.back_url()


class RouteEditView(ConcurrentEditViewMixin, RouteFormView):
    """Self-determination and the period (``route_update``), under optimistic locking: a route
    changed by another user since the form was opened is not overwritten — 409 with both
    versions (``core.concurrency``)."""

    route_action = "edit"
    form_class = route_forms.RouteForm
    template_name = "development/route_edit.html"
    title = "Самоопределение и сроки маршрута"
    success_message = "Маршрут сохранён."
    anchor = "self-determination"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def perform(self, form):
        return services.route_update(
            by=self.request.user,
            route=self.object,
            expected_version=expected_version(form),
            **form.route_fields(),
        )


class ActivityAddView(RouteFormView):
    route_action = "activity_add"
    form_class = route_forms.ActivityForm
    template_name = "development/route_activity_form.html"
    title = "Новое мероприятие дорожной карты"
    button = "Добавить"
    success_message = "Мероприятие добавлено в дорожную карту."
    anchor = "roadmap"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "route": self.object}

    def perform(self, form):
        services.activity_add(by=self.request.user, route=self.object, **form.activity_fields())
        return self.object


class _ActivityView(RouteFormView):
    """An action on one activity; ``pk`` is the activity's (``self.target``), reached through its
    route's view scope (404 outside it)."""

    anchor = "roadmap"

    def get_target(self):
        try:
            activity = (
                RouteActivity.objects.select_related("route__person", "course")
                .filter(route__in=self.get_queryset())
                .get(pk=self.kwargs["pk"])
            )
        except (RouteActivity.DoesNotExist, ValueError, TypeError):
            raise Http404("Мероприятие не найдено или недоступно.") from None
        return activity.route, activity

    @property
    def activity(self) -> RouteActivity:
        return self.target


class ActivityEditView(ConcurrentEditViewMixin, _ActivityView):
    """An activity of the roadmap (``activity_update``), under optimistic locking."""

    route_action = "activity_edit"
    form_class = route_forms.ActivityForm
    template_name = "development/route_activity_form.html"
    title = "Изменение мероприятия дорожной карты"
    success_message = "Мероприятие изменено."

    def status_refusal(self) -> str:
        if self.activity.status in CLOSED_ACTIVITY_STATUSES:
            return f"Мероприятие {self.activity.get_status_display()}: изменять его нельзя."
        return super().status_refusal()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "route": self.object, "instance": self.activity}

    def perform(self, form):
        services.activity_update(
            by=self.request.user,
            activity=self.activity,
            expected_version=expected_version(form),
            **form.activity_fields(),
        )
        return self.object


class ActivityProductView(_ActivityView):
    """The pedagogical product of an activity and the teacher's attitude to it (step 5)."""

    route_action = "activity_product"
    form_class = route_forms.ProductForm
    title = "Педагогический продукт мероприятия"
    button = "Зафиксировать результат"
    button_style = "success"
    explanation = (
        "Зафиксируйте достижение по мероприятию в виде конкретного педагогического продукта (файл или ссылка) "
        "и своё отношение к достигнутому результату. Мероприятие будет отмечено выполненным."
    )
    success_message = "Результат мероприятия зафиксирован."

    def status_refusal(self) -> str:
        if self.activity.status == ActivityStatus.CANCELLED:
            return "Мероприятие отменено: продукт по нему не фиксируется."
        return super().status_refusal()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "activity": self.activity}

    def perform(self, form):
        data = form.cleaned_data
        services.activity_record_product(
            by=self.request.user,
            activity=self.activity,
            product_kind=data["product_kind"],
            product_title=data["product_title"],
            product_file=data.get("product_file") or None,
            product_url=data.get("product_url") or "",
            self_assessment=data["self_assessment"],
            done_on=data["done_on"],
        )
        return self.object


class RouteCorrectView(RouteFormView):
    """A correction of the roadmap with its reason (step 6)."""

    route_action = "correct"
    form_class = route_forms.CorrectionForm
    title = "Корректировка дорожной карты"
    button = "Внести корректировку"
    explanation = (
        "Дополнения и изменения вносятся в дорожную карту параллельно с её реализацией — под влиянием изменений "
        "в образовании, запросов, интересов и потребностей педагога и участников образовательного процесса. "
        "Корректировка сохраняется в истории маршрута."
    )
    success_message = "Корректировка внесена."
    anchor = "corrections"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "route": self.object}

    def perform(self, form):
        services.route_correct(by=self.request.user, route=self.object, **form.correction_fields())
        return self.object


class RouteCommentView(RouteFormView):
    """A comment of the tutor, the curator, the mentor or the teacher."""

    route_action = "comment"
    form_class = route_forms.CommentForm
    title = "Комментарий к маршруту"
    button = "Отправить"
    success_message = "Комментарий добавлен."
    anchor = "comments"

    def perform(self, form):
        services.route_comment(by=self.request.user, route=self.object, text=form.cleaned_data["text"])
        return self.object


class RouteStartView(RouteFormView):
    route_action = "start"
    form_class = route_forms.ActionCommentForm
    title = "Начало реализации маршрута"
    button = "Начать реализацию"
    button_style = "success"
    explanation = (
        "Для начала реализации нужны описание желаемого образа, диагностика с выявленными затруднениями "
        "и хотя бы одно мероприятие дорожной карты."
    )
    success_message = "Реализация маршрута начата."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = services.route_start_problems(self.object)
        return context

    def perform(self, form):
        return services.route_start(
            by=self.request.user, route=self.object, comment=form.cleaned_data["comment"]
        )


class RouteReflectView(RouteFormView):
    """The reflective analysis per deficit the route's activities address (step 7)."""

    route_action = "reflect"
    form_class = route_forms.ReflectionForm
    title = "Рефлексивный анализ по затруднениям"
    button = "Сохранить рефлексию"
    explanation = (
        "По каждому затруднению, на которое были направлены мероприятия маршрута, укажите итог и опишите, "
        "что и как изменилось."
    )
    success_message = "Рефлексия сохранена."
    anchor = "reflection"

    def get_form_kwargs(self):
        existing = {r.deficit_id: r for r in self.object.reflections.all()}
        deficits = list(services.route_addressed_deficits(self.object))
        return {**super().get_form_kwargs(), "deficits": deficits, "existing": existing}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["form"].deficits:
            context["problems"] = ["мероприятия маршрута не направлены ни на одно затруднение"]
        return context

    def perform(self, form):
        for deficit, outcome, analysis in form.reflections():
            services.reflection_record(
                by=self.request.user, route=self.object, deficit=deficit, outcome=outcome, analysis=analysis
            )
        return self.object


class RouteCompleteView(RouteFormView):
    route_action = "complete"
    form_class = route_forms.CompleteForm
    title = "Завершение маршрута"
    button = "Завершить маршрут"
    button_style = "success"
    explanation = (
        "Для завершения нужна рефлексия по каждому затруднению, на которое были направлены мероприятия, "
        "и рефлексия степени приближения к желаемому образу педагога-профессионала."
    )
    success_message = "Маршрут завершён."
    anchor = "reflection"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "route": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = services.route_complete_problems(self.object)
        return context

    def perform(self, form):
        return services.route_complete(
            by=self.request.user, route=self.object, summary=form.cleaned_data["summary"]
        )


class RouteCancelView(RouteFormView):
    route_action = "cancel"
    form_class = route_forms.CancelForm
    title = "Прекращение маршрута"
    button = "Прекратить маршрут"
    button_style = "danger"
    explanation = "Маршрут будет прекращён до завершения. Возобновить его нельзя: можно составить новый."
    success_message = "Маршрут прекращён."

    def perform(self, form):
        return services.route_cancel(
            by=self.request.user, route=self.object, reason=form.cleaned_data["reason"]
        )


class ActivityProductFileView(LoginRequiredMixin, View):
    """The file of an activity's product, for those who see its route (404 otherwise): never
    served from a public media address (it may hold personal data)."""

    def get(self, request, pk):
        activity = RouteActivity.objects.filter(
            pk=pk, route__in=IndividualRoute.objects.for_user(request.user, "view")
        ).first()
        if activity is None:
            raise Http404("Файл не найден или недоступен.")
        return private_file_response(activity.product_file)
