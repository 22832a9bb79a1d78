"""Internal pages of best practices (sign-in): the list with its filters and export, a new case,
the case with its files, history and workflow buttons, its edit form, its files, and each
workflow step (seed 000 App. 2 §2.3, 003 §4.8).

A case is looked up in the user's view scope (``BestPractice.objects.for_user``): outside it —
404. The page's right is ``scope_action`` (an action of ``PERMISSIONS["bestpractice"]``) asked
through ``core.views.ScopedActionMixin`` (403 with the reason otherwise); the services check it
again and keep the rules of the data, their ``ValidationError`` comes back on the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.core.concurrency import ConcurrentEditViewMixin, expected_version
from nastavnik.core.files import private_file_response
from nastavnik.core.views import (
    RightRequiredMixin,
    RowStepView,
    ScopedActionMixin,
    ScopedDetailView,
    ScopedListView,
    add_validation_error,
)
from nastavnik.practices.choices import PracticeEventKind, PracticeStatus
from nastavnik.practices.filtersets import PracticeFilterSet
from nastavnik.practices.forms import ActionForm, PracticeForm
from nastavnik.practices.models import BestPractice, BestPracticeFile
from nastavnik.practices.rules import TRANSITIONS, available_transitions
from nastavnik.practices.selectors.practices import author_units
from nastavnik.practices.services import practices as services


class PracticeListView(ScopedListView):
    """The cases in the user's scope (their subtree's and every published one)."""

    model = BestPractice
    filterset_class = PracticeFilterSet
    template_name = "practices/manage_list.html"
    export_filename = "luchshie-praktiki"
    export_sheet_title = "Лучшие практики"
    export_columns = [
        ("Организация", lambda p: p.organization.full_name),
        (
            "Муниципальное образование",
            lambda p: str(p.organization.municipality) if p.organization.municipality_id else None,
        ),
        ("Наименование практики", "title"),
        ("Форма наставничества", lambda p: str(p.form)),
        ("Вид наставничества", lambda p: str(p.kind) if p.kind_id else None),
        ("Область компетенций", lambda p: str(p.area) if p.area_id else None),
        ("Статус", lambda p: p.get_status_display()),
        ("Направлена", lambda p: timezone.localtime(p.submitted_at).date() if p.submitted_at else None),
        ("Опубликована", lambda p: timezone.localtime(p.published_at).date() if p.published_at else None),
    ]

    def base_queryset(self):
        return BestPractice.objects.select_related(
            "organization__municipality", "form", "kind", "area"
        ).order_by("-updated_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = author_units(self.request.user).exists()
        return context


class PracticeCreateView(RightRequiredMixin, FormView):
    """A new case of a unit the user writes cases for (403 for those who write none)."""

    required_right = ("bestpractice", Action.ADD)
    form_class = PracticeForm
    template_name = "practices/manage_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title="Новая практика", practice=None, button="Сохранить черновик")
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        fields = {name: data[name] for name in services.FIELDS}
        try:
            with transaction.atomic():
                practice = services.practice_create(
                    organization=data["organization"], by=self.request.user, **fields
                )
                if data.get("new_file"):
                    services.file_add(
                        practice=practice,
                        by=self.request.user,
                        file=data["new_file"],
                        title=data["new_file_title"],
                    )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Практика сохранена как черновик.")
        return redirect(practice)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)


class PracticeDetailView(ScopedDetailView):
    """The case: its fields and files, the moderator's last remarks, the workflow buttons the
    user may press now, and the history."""

    model = BestPractice
    template_name = "practices/manage_detail.html"

    def base_queryset(self):
        return BestPractice.objects.select_related(
            "organization__municipality", "form", "kind", "area", "published_by__person"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        practice = self.object
        user = self.request.user
        can_change = has_perm(user, "bestpractice", Action.CHANGE, practice)
        context.update(
            files=list(practice.files.all()),
            can_edit=can_change and practice.is_editable,
            actions=available_transitions(user, practice),
            problems=services.readiness_errors(practice) if can_change and practice.is_editable else [],
            events=practice.events.select_related("author__person").order_by("-occurred_at", "-pk")[:200],
            remarks=_last_return(practice),
        )
        return context


def _last_return(practice: BestPractice):
    """The moderator's remarks on a returned (or unpublished) case: its last such event."""
    if practice.status not in (PracticeStatus.RETURNED, PracticeStatus.UNPUBLISHED):
        return None
    return (
        practice.events.filter(kind=PracticeEventKind.STATUS, to_status=practice.status)
        .select_related("author__person")
        .order_by("-occurred_at", "-pk")
        .first()
    )


class PracticeMixin(ScopedActionMixin):
    """A page about one case named by ``pk`` (or by one of its files, ``file``: ``self.row``);
    404 outside the user's view scope, 403 without ``scope_action`` over the case or — for
    ``change`` — while the case cannot change."""

    model = BestPractice
    scope_action = Action.CHANGE
    row = None

    def base_queryset(self):
        return BestPractice.objects.select_related("organization")

    def resolve_object(self):
        visible = self.visible_queryset()
        try:
            if "file" in self.kwargs:
                self.row = BestPracticeFile.objects.get(pk=self.kwargs["file"], practice__in=visible)
                return visible.get(pk=self.row.practice_id)
            return visible.get(pk=self.kwargs["pk"])
        except (BestPractice.DoesNotExist, BestPracticeFile.DoesNotExist, ValueError, TypeError):
            raise Http404("Практика не найдена или недоступна.") from None

    def action_refusal(self, practice) -> str:
        reason = super().action_refusal(practice)
        if not reason and self.scope_action == Action.CHANGE and not practice.is_editable:
            reason = (
                f"Практика в статусе «{practice.get_status_display()}»: изменить её можно только в черновике, "
                "после возврата на доработку или после снятия с публикации."
            )
        return reason


class PracticeFormView(PracticeMixin, RowStepView):
    """A form about one case: ``perform(form)`` calls the services in one transaction; their
    ``ValidationError`` comes back on the form with nothing saved."""

    template_name = "practices/manage_action.html"
    title = ""
    button = "Сохранить"
    button_style = "primary"
    explanation = ""
    success_message = "Изменения сохранены."

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            practice=self.object,
            title=self.title,
            button=self.button,
            button_style=self.button_style,
            explanation=self.explanation,
        )
        return context


class PracticeEditView(ConcurrentEditViewMixin, PracticeFormView):
    """The case's fields and a file to attach (a draft, returned or unpublished case)."""

    form_class = PracticeForm
    template_name = "practices/manage_form.html"
    title = "Изменение практики"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, instance=self.object)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["files"] = list(self.object.files.all())
        return context

    def perform(self, form):
        data = form.cleaned_data
        by = self.request.user
        services.practice_update(
            practice=self.object,
            by=by,
            expected_version=expected_version(form),
            **{name: data[name] for name in services.FIELDS},
        )
        if data.get("new_file"):
            services.file_add(
                practice=self.object, by=by, file=data["new_file"], title=data["new_file_title"]
            )


class FileDeleteView(PracticeFormView):
    form_class = ActionForm
    title = "Удаление файла"
    button = "Удалить файл"
    button_style = "danger"
    success_message = "Файл удалён."

    @property
    def explanation(self):
        return f"Файл «{self.row.title}» будет удалён из практики."

    def perform(self, form):
        services.file_remove(row=self.row, by=self.request.user)


class FileDownloadView(PracticeMixin, View):
    """A file of a case the user sees."""

    scope_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        return private_file_response(self.row.file)


class PracticeActionView(PracticeFormView):
    """A workflow step (``rules.TRANSITIONS``): a confirmation page with the comment on GET, the
    service on POST. 403 without the step's right; a step the status does not allow sends back to
    the case with the reason."""

    form_class = ActionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.transition = TRANSITIONS.get(kwargs.get("action", ""))
        if self.transition is not None:
            self.scope_action = self.transition.right
            self.title = self.button = self.transition.button
            self.button_style, self.explanation = self.transition.style, self.transition.explanation
            self.success_message = self.transition.done

    def dispatch(self, request, *args, **kwargs):
        if self.transition is None:
            raise Http404("Такого действия нет.")
        return super().dispatch(request, *args, **kwargs)

    def unavailable(self) -> str:
        return (
            f"Действие «{self.transition.button}» недоступно: практика в статусе "
            f"«{self.object.get_status_display()}»."
        )

    def get(self, request, *args, **kwargs):
        if self.transition.refusal_for(self.object):
            messages.error(request, self.unavailable())
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(comment_required=self.transition.comment, comment_label=self.transition.label)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.transition.slug in ("submit", "publish"):
            context["problems"] = services.readiness_errors(self.object)
        return context

    def perform(self, form):
        if self.transition.refusal_for(self.object):
            raise ValidationError(self.unavailable())
        services.STEP_SERVICES[self.transition.slug](
            self.object, self.request.user, form.cleaned_data.get("comment", "")
        )
