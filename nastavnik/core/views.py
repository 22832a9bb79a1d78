"""Base views: every scoped page goes through these, so scope is applied in one place."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.generic import DetailView, TemplateView
from django.views.generic.edit import FormView
from django_filters.views import FilterView

from nastavnik.access.rules import DEFAULT_REFUSAL, has_perm
from nastavnik.access.scope import user_can
from nastavnik.core.export import xlsx_response
from nastavnik.core.files import mark_attachment
from nastavnik.core.home import home_context
from nastavnik.core.pagination import CappedPaginator, capped_count, grouped


class RightRequiredMixin(LoginRequiredMixin):
    """A page that needs a right somewhere (a list to manage, a form that creates, a control
    page): ``required_right = (model key, action)`` of ``access.choices.PERMISSIONS``, asked of
    ``access.rules.has_perm``; a signed-in user without it gets 403 with ``forbidden_message``
    (the 403 page names it), an anonymous one the login page. Override :meth:`has_right` when
    the question is narrower («keeps the roadmap of some unit»).
    """

    required_right: tuple[str, str] | None = None
    forbidden_message = DEFAULT_REFUSAL

    def has_right(self) -> bool:
        """Whether the signed-in user may use the page (``required_right`` held somewhere)."""
        if self.required_right is None:
            return True
        model, action = self.required_right
        return has_perm(self.request.user, model, action)

    def prepare(self) -> None:
        """Read what the page needs once per request, after the right is checked (signed-in
        users only); nothing by default."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not self.has_right():
                raise PermissionDenied(self.forbidden_message)
            self.prepare()
        return super().dispatch(request, *args, **kwargs)


class ScopedActionMixin(LoginRequiredMixin):
    """A page acting on one row: the row is looked up in the user's *view* scope
    (:meth:`resolve_object`, 404 outside it: a foreign row and a missing one look the same),
    then ``scope_action`` over it is asked of ``access.rules.has_perm`` — 403 with the reason
    :meth:`action_refusal` gives (``forbidden_message`` by default) when the row is visible but
    the action is not allowed. The row is ``self.object``.
    """

    model = None
    scope_action = "change"
    #: The ``PERMISSIONS`` key of the right when it is not the model's own (``scope_model``),
    #: e.g. ``"bank"`` over an organization.
    perm_model = ""
    forbidden_message = DEFAULT_REFUSAL
    object = None

    def base_queryset(self):
        return self.model.objects.all()

    def visible_queryset(self):
        """The rows the user sees (``for_user(user, "view")``)."""
        return self.base_queryset().for_user(self.request.user, "view")

    def resolve_object(self):
        """The row named by ``pk`` in the URL among :meth:`visible_queryset`; 404 otherwise."""
        try:
            return self.visible_queryset().get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError, TypeError, KeyError):
            raise Http404("Объект не найден или недоступен.") from None

    def action_refusal(self, obj) -> str:
        """Why the user may not ``scope_action`` on ``obj`` ("" when they may)."""
        if self.scope_action == "view":
            return ""
        model = self.perm_model or self.base_queryset().scope_model
        return "" if has_perm(self.request.user, model, self.scope_action, obj) else self.forbidden_message

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.resolve_object()
            reason = self.action_refusal(self.object)
            if reason:
                raise PermissionDenied(reason)
        return super().dispatch(request, *args, **kwargs)


class ScopedQuerysetMixin(LoginRequiredMixin):
    """Narrow ``model.objects`` to the rows the user may reach with ``scope_action``.

    Objects outside the scope are indistinguishable from missing ones: 404 (style: NetBox).
    """

    scope_action = "view"

    def get_queryset(self):
        return self.base_queryset().for_user(self.request.user, self.scope_action)

    def base_queryset(self):
        return self.model.objects.all()


def id_param(raw) -> int | None:
    """The id written in a query-string value (``?owner=12``): plain ASCII digits, fewer than
    ten, as an ``int``; ``None`` for anything else (``²``, ``-1``, ``1e3``, an overflowing
    number), so that garbage in a URL is treated as absent, never a 500."""
    raw = str(raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def filter_summary(filterset) -> dict[str, str]:
    """The filters a list was narrowed by, as its form labels them: ``{"Поиск": "Иванов",
    "Организация": "СОШ № 1"}`` (empty values left out; choices by their labels)."""
    form = filterset.form
    if not form.is_bound or not form.is_valid():
        return {}
    summary = {}
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = form.fields[name]
        choices = dict(getattr(field, "choices", None) or ()) if not hasattr(field, "queryset") else {}
        summary[str(field.label or name)] = _filter_value(value, choices)
    return summary


def _filter_value(value, choices: dict) -> str:
    if isinstance(value, slice):  # a range filter
        return " – ".join(_filter_value(v, choices) for v in (value.start, value.stop) if v is not None)
    if isinstance(value, list | tuple):
        return ", ".join(_filter_value(v, choices) for v in value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    return str(choices.get(value, value) if isinstance(value, str | int) else value)


class ScopedListView(ScopedQuerysetMixin, FilterView):
    """A filtered, paginated list of the rows in the user's scope.

    Export to XLSX (issue 3, item 5): a subclass that declares ``export_columns`` —
    ``[(Russian header, accessor)]``, the accessor a callable ``row -> value`` or a dotted
    attribute — answers ``?export=xlsx`` (with the current filters) with the whole filtered
    list, not one page, built from the same scoped queryset as the page and narrowed by the
    queryset's ``for_export()`` (people without a valid consent to personal-data processing
    never leave in a file, 152-ФЗ art. 9); ``export_filename`` is the file name stem (the date
    is added). More than ``export_max_rows`` rows: the list comes back with a message.
    """

    paginate_by = settings.NASTAVNIK_PAGE_SIZE
    #: Counts at most 10,000 + 1 rows, «более 10 000» beyond (``core.pagination``, issue 16).
    paginator_class = CappedPaginator
    strict = False
    export_columns: list = []
    export_filename = "spisok"
    export_sheet_title = "Список"
    export_max_rows = 50_000

    def get(self, request, *args, **kwargs):
        if self.export_columns and request.GET.get("export") == "xlsx":
            return self.export_xlsx()
        return super().get(request, *args, **kwargs)

    def export_xlsx(self):
        """The XLSX of the whole filtered list (``core.export``), or the list with an error
        message when it is longer than ``export_max_rows``."""
        filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid() and self.get_strict():
            queryset = filterset.queryset.none()
        else:
            queryset = filterset.qs
        queryset = queryset.for_export()
        # Counted up to the limit + 1 only: an exact count of a region's list is not needed to
        # refuse it (issue 16).
        if capped_count(queryset, self.export_max_rows) > self.export_max_rows:
            messages.error(
                self.request,
                f"Записей в списке больше, чем можно выгрузить за один раз "
                f"({grouped(self.export_max_rows)}). Уточните условия поиска.",
            )
            query = self.request.GET.copy()
            query.pop("export", None)
            return redirect(f"{self.request.path}?{query.urlencode()}" if query else self.request.path)
        response = xlsx_response(
            columns=self.export_columns,
            objects=queryset.iterator(chunk_size=2000),
            filename_stem=self.export_filename,
            sheet_title=self.export_sheet_title,
        )
        # The audit trail records the export (who, when, the filters): core.files.mark_attachment.
        return mark_attachment(
            response,
            subject=self.model,
            kind="export",
            label="Выгрузка списка",
            details=filter_summary(filterset),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context["query_without_page"] = query.urlencode()
        context["can_add"] = user_can(self.request.user, self.model.objects.all().scope_model, "add")
        if self.export_columns:
            query["export"] = "xlsx"
            context["export_url"] = f"?{query.urlencode()}"
        return context


class ScopedDetailView(ScopedQuerysetMixin, DetailView):
    """A detail page of one row in scope; 404 outside it."""


class ScopedFormView(ScopedQuerysetMixin, FormView):
    """Create or edit through a service function.

    Subclasses implement ``perform(form) -> obj`` calling the service; a
    ``django.core.exceptions.ValidationError`` raised there is put back on the form with
    nothing saved. After saving, the object must still be in the user's view scope,
    otherwise the transaction is rolled back (style: NetBox).

    An edit page (``pk`` in the URL) of an object outside the ``scope_action`` scope is a
    404; a create page for a user who holds the ``scope_action`` right nowhere is a 403.
    """

    scope_action = "change"
    success_message = "Изменения сохранены."
    object = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.object = self.get_object()
                reason = self.action_refusal(self.object)
                if reason:
                    raise PermissionDenied(reason)
            elif not user_can(request.user, self.get_queryset().scope_model, self.scope_action):
                # A create page of a user who may add nowhere: the page exists, the right does not.
                raise PermissionDenied("Нет прав на это действие.")
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError):
            raise Http404("Объект не найден или недоступен.") from None

    def action_refusal(self, obj) -> str:
        """Why the user may not use the page on ``obj``, found in the ``scope_action`` scope
        (a 403 with that reason); "" — they may. Nothing more by default: a subclass narrows by
        a rule beside ``PERMISSIONS`` (a participant of a program, the author of a request)."""
        return ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.object is not None:
            kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context

    def form_valid(self, form):
        from django.core.exceptions import ValidationError

        try:
            with transaction.atomic():
                obj = self.perform(form)
                if not self.model.objects.for_user(self.request.user, "view").filter(pk=obj.pk).exists():
                    raise PermissionDenied
        except ValidationError as exc:
            return self.service_refused(form, exc)
        except PermissionDenied:
            form.add_error(
                None, "После сохранения запись оказалась бы вне вашей зоны доступа. Изменения не сохранены."
            )
            return self.form_invalid(form)
        self.object = obj
        messages.success(self.request, self.success_message)
        return super().form_valid(form)

    def service_refused(self, form, exc):
        """The page after ``perform`` refused with ``exc`` (a ``ValidationError``; nothing
        saved): its messages on the form. ``core.concurrency.ConcurrentEditViewMixin`` answers a
        concurrent edit here with both versions."""
        add_validation_error(form, exc)
        return self.form_invalid(form)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)

    def get_success_url(self):
        return self.object.get_absolute_url()

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


def add_validation_error(form, exc) -> None:
    """Put a service's ``ValidationError`` back on ``form``: on its field when the form has
    one by that name, else as a form-wide error."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


class RowStepView(ScopedActionMixin, FormView):
    """A form about one row (``self.object``, found and checked by :class:`ScopedActionMixin`)
    that calls a service: a step of a workflow, a file added or removed. Subclasses implement
    ``perform(form)``; it runs in one transaction, and a ``ValidationError`` it raises comes back
    on the form (:meth:`service_refused`) with nothing saved and :attr:`invalid_message` shown.
    On success :attr:`success_message` and a redirect to :meth:`get_success_url` (the row's page).
    """

    success_message = "Изменения сохранены."
    invalid_message = "Исправьте ошибки в форме: данные не сохранены."

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()

    def form_valid(self, form):
        from django.core.exceptions import ValidationError

        try:
            with transaction.atomic():
                self.perform(form)
        except ValidationError as exc:
            return self.service_refused(form, exc)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def service_refused(self, form, exc):
        """Put the service's refusal on ``form`` and show it again."""
        add_validation_error(form, exc)
        return self.form_invalid(form)

    def form_invalid(self, form):
        messages.error(self.request, self.invalid_message)
        return super().form_invalid(form)


class HomeView(LoginRequiredMixin, TemplateView):
    """The role's home page: real counts of its scope."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(home_context(self.request.user))
        return context


def favicon(request):
    """GET ``/favicon.ico``: browsers ask for it on every site; sent to the static icon (not a 404).

    Not a permanent redirect: the static name carries the file's hash in production, and a
    browser would keep a permanent redirect to an old hash for good.
    """
    response = HttpResponseRedirect(static("favicon.ico"))
    response["Cache-Control"] = "max-age=86400"
    return response
