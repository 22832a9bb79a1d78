"""Pages of roadmaps: the list, creating one (from a template of the regulations, empty or from a
file), the roadmap with its plan, execution and history, the plan's forms, the workflow steps
and the files (seed 000 App. 2 and §4.2, 003, 002 §6 and §10, 001 §4.4.3–4.4.4).

A roadmap is looked up in the user's view scope (``Roadmap.objects.for_user``): outside it —
404. Inside it, the page's right (``scope_action``, a ``PERMISSIONS["roadmap"]`` action) is
asked of ``access.rules.has_perm`` through ``core.views.ScopedActionMixin`` (403 with the reason
otherwise); the workflow's steps and their texts are ``rules.TRANSITIONS``; the services check
the right again and keep the rules of the data, and their ``ValidationError`` comes back on the
form.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.access.choices import Action
from nastavnik.core.concurrency import VERSION_FIELD, ConcurrentEditViewMixin
from nastavnik.core.files import mark_attachment, private_file_response
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedDetailView,
    ScopedListView,
    add_validation_error,
    id_param,
)
from nastavnik.roadmaps import exchange, services
from nastavnik.roadmaps.choices import RoadmapEventKind, RoadmapStatus
from nastavnik.roadmaps.filtersets import RoadmapFilterSet
from nastavnik.roadmaps.forms import (
    ActionForm,
    CommentForm,
    ItemForm,
    ItemReportForm,
    PlanFileForm,
    RoadmapCreateForm,
    RoadmapHeaderForm,
    RoadmapImportForm,
    SectionForm,
    kept_units,
)
from nastavnik.roadmaps.models import Roadmap, RoadmapEvidence, RoadmapItem, RoadmapSection
from nastavnik.roadmaps.rules import TRANSITIONS, available_transitions, roadmap_rights
from nastavnik.roadmaps.selectors import progress_for, roadmap_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class RoadmapListView(ScopedListView):
    """The roadmaps in the user's scope, with their execution share and overdue activities."""

    model = Roadmap
    filterset_class = RoadmapFilterSet
    template_name = "roadmaps/roadmap_list.html"
    export_filename = "dorozhnye-karty"
    export_sheet_title = "Дорожные карты"
    export_columns = [
        ("Владелец", lambda r: r.owner.full_name),
        (
            "Муниципальное образование",
            lambda r: str(r.owner.municipality) if r.owner.municipality_id else None,
        ),
        ("Уровень", lambda r: r.get_level_display()),
        ("Наименование", "title"),
        ("Начало периода", "starts_on"),
        ("Окончание периода", "ends_on"),
        ("Статус", lambda r: r.get_status_display()),
        ("Утверждена", lambda r: timezone.localtime(r.approved_at).date() if r.approved_at else None),
    ]

    def base_queryset(self):
        return Roadmap.objects.select_related("owner__municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = list(context["object_list"])
        progress = progress_for([r.pk for r in page])
        context["rows"] = [(r, progress.get(r.pk)) for r in page]
        context["can_add"] = kept_units(self.request.user).exists()
        return context


class KeeperFormView(RightRequiredMixin, FormView):
    """A page that makes a new roadmap of a unit the user keeps (``forms.kept_units``): 403 for
    a user who keeps none; the form gets the ``user``."""

    forbidden_message = (
        "Дорожные карты ведут куратор и руководитель организации, муниципальный координатор и "
        "региональный оператор."
    )

    def has_right(self) -> bool:
        return kept_units(self.request.user).exists()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class RoadmapCreateView(KeeperFormView):
    """A new draft roadmap of a unit the user keeps: from a template with its dates moved to the
    chosen year, or empty."""

    template_name = "roadmaps/roadmap_create.html"
    form_class = RoadmapCreateForm

    def get_initial(self):
        initial = super().get_initial()
        owner = id_param(self.request.GET.get("owner"))
        units = kept_units(self.request.user).order_by("path")
        unit = (units.filter(pk=owner).first() if owner is not None else None) or units.first()
        if unit is not None:
            initial["owner"] = unit.pk
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if data["mode"] == RoadmapCreateForm.FROM_BLUEPRINT:
                roadmap = services.roadmap_create_from_blueprint(
                    owner=data["owner"], code=data["blueprint"], year=data["year"], by=self.request.user
                )
            else:
                roadmap = services.roadmap_create(
                    owner=data["owner"],
                    title=data["title"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    source=data["source"],
                    by=self.request.user,
                )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Дорожная карта создана. Проверьте мероприятия и сроки.")
        return redirect(roadmap)


def _plan_or_error(form, upload):
    """The plan read from ``upload``, or ``None`` with the file's errors put on ``form``."""
    try:
        return exchange.plan_read(upload, upload.name)
    except exchange.PlanFileError as exc:
        for error in exc.errors:
            form.add_error("file", error)
        return None


class RoadmapImportView(KeeperFormView):
    """A new draft roadmap read from an XLSX or DOCX file: the whole file or nothing."""

    template_name = "roadmaps/roadmap_import.html"
    form_class = RoadmapImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        plan = _plan_or_error(form, upload)
        if plan is None:
            return self.form_invalid(form)
        try:
            roadmap = services.roadmap_create(
                owner=form.cleaned_data["owner"],
                title=plan.title,
                starts_on=plan.starts_on,
                ends_on=plan.ends_on,
                source=plan.source,
                sections=plan.sections,
                by=self.request.user,
                event_kind=RoadmapEventKind.IMPORTED,
                summary=f"Загружена из файла «{upload.name[:200]}»",
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        count = roadmap.items.count()
        messages.success(self.request, f"Дорожная карта загружена: мероприятий — {count}.")
        return redirect(roadmap)

    def form_invalid(self, form):
        messages.error(self.request, "Файл не загружен: исправьте ошибки и загрузите его снова.")
        return super().form_invalid(form)


class RoadmapDetailView(ScopedDetailView):
    """The roadmap: header, progress, actions, the plan by sections with overdue activities
    highlighted, the roadmaps linked above and below, and the history."""

    model = Roadmap
    template_name = "roadmaps/roadmap_detail.html"

    def base_queryset(self):
        return Roadmap.objects.select_related("owner", "parent__owner", "approved_by__person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roadmap = self.object
        today = timezone.localdate()
        user = self.request.user
        rights = roadmap_rights(user, roadmap)
        sections = roadmap_plan(roadmap, "evidence")
        for section in sections:
            for item in section.plan:
                item.overdue = item.is_overdue(today)
        children = list(
            roadmap.children.for_user(self.request.user).select_related("owner").order_by("owner__path")
        )
        progress = progress_for([roadmap.pk, *[c.pk for c in children]], today)
        context.update(
            rights=rights,
            sections=sections,
            progress=progress.get(roadmap.pk),
            children=[(c, progress.get(c.pk)) for c in children],
            events=roadmap.events.select_related("author__person", "item").order_by("-occurred_at", "-pk")[
                :200
            ],
            actions=[(t.action, t) for t in available_transitions(user, roadmap)],
            problems=(
                services.readiness_errors(roadmap, [i for s in sections for i in s.plan])
                if rights.edit
                else []
            ),
            today=today,
            return_comment=_last_return(roadmap),
        )
        return context


def _last_return(roadmap: Roadmap):
    """The approver's remarks on a roadmap returned for revision (the last return event)."""
    if roadmap.status != RoadmapStatus.RETURNED:
        return None
    return (
        roadmap.events.filter(kind=RoadmapEventKind.STATUS, to_status=RoadmapStatus.RETURNED)
        .select_related("author__person")
        .order_by("-occurred_at", "-pk")
        .first()
    )


class RoadmapMixin(ScopedActionMixin):
    """A page about one roadmap, named by ``pk`` or by one of its rows (``section``, ``item``,
    ``evidence``) in the URL (that row is ``self.row``, the roadmap ``self.roadmap``); 404
    outside the user's view scope, 403 without ``scope_action`` over the roadmap (a
    ``PERMISSIONS["roadmap"]`` action), or — for ``change`` — while the plan is frozen."""

    model = Roadmap
    scope_action = Action.CHANGE

    def base_queryset(self):
        return Roadmap.objects.select_related("owner")

    def resolve_object(self):
        self.roadmap, self.row = self.resolve(self.kwargs)
        return self.roadmap

    def action_refusal(self, roadmap) -> str:
        reason = super().action_refusal(roadmap)
        if not reason and self.scope_action == Action.CHANGE and not roadmap.is_editable:
            reason = (
                f"Дорожная карта в статусе «{roadmap.get_status_display()}»: план меняется только "
                "в проекте или после возврата на доработку."
            )
        return reason

    def resolve(self, kwargs):
        visible = self.visible_queryset()
        try:
            if "pk" in kwargs:
                return visible.get(pk=kwargs["pk"]), None
            if "section" in kwargs:
                row = RoadmapSection.objects.get(pk=kwargs["section"], roadmap__in=visible)
            elif "item" in kwargs:
                row = RoadmapItem.objects.select_related("section").get(
                    pk=kwargs["item"], roadmap__in=visible
                )
            else:
                row = RoadmapEvidence.objects.select_related("item").get(
                    pk=kwargs["evidence"], item__roadmap__in=visible
                )
                return visible.get(pk=row.item.roadmap_id), row
            return visible.get(pk=row.roadmap_id), row
        except (Roadmap.DoesNotExist, RoadmapSection.DoesNotExist, RoadmapItem.DoesNotExist):
            raise Http404("Дорожная карта не найдена или недоступна.") from None
        except RoadmapEvidence.DoesNotExist:
            raise Http404("Документ не найден или недоступен.") from None


class RoadmapFormView(RoadmapMixin, FormView):
    """A form about one roadmap: ``perform(form)`` calls the service, whose ``ValidationError``
    comes back on the form with nothing saved; then back to the roadmap at ``anchor``."""

    template_name = "roadmaps/roadmap_form.html"
    title = ""
    button = "Сохранить"
    button_style = "primary"
    explanation = ""
    success_message = "Изменения сохранены."
    anchor = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.form_extra())
        return kwargs

    def form_extra(self) -> dict:
        return {}

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.perform(form)
        except ValidationError as exc:
            return self.service_refused(form, exc)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def service_refused(self, form, exc):
        """The page after ``perform`` refused with ``exc`` (nothing saved): its messages on the
        form (``core.concurrency.ConcurrentEditViewMixin`` shows a concurrent edit's versions)."""
        add_validation_error(form, exc)
        return self.form_invalid(form)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)

    def get_success_url(self) -> str:
        url = self.roadmap.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            roadmap=self.roadmap,
            title=self.title,
            button=self.button,
            button_style=self.button_style,
            explanation=self.explanation,
            back_url=self.get_success_url(),
        )
        return context

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


class RoadmapEditView(RoadmapFormView):
    title = "Изменение дорожной карты"
    form_class = RoadmapHeaderForm

    def form_extra(self):
        return {"roadmap": self.roadmap}

    def perform(self, form):
        services.roadmap_update(roadmap=self.roadmap, by=self.request.user, **form.cleaned_data)


class RoadmapDeleteView(RoadmapFormView):
    title = "Удаление дорожной карты"
    form_class = ActionForm
    button = "Удалить"
    button_style = "danger"
    explanation = "Проект дорожной карты будет удалён со всеми мероприятиями. Отменить удаление нельзя."
    success_message = "Дорожная карта удалена."

    def perform(self, form):
        services.roadmap_delete(roadmap=self.roadmap, by=self.request.user)

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect("roadmaps:list")


class RoadmapActionView(RoadmapFormView):
    """A workflow step (``rules.TRANSITIONS``): a confirmation page with the comment on GET, the
    service on POST. 403 without the step's right; a step the roadmap's level or status does not
    allow sends back to the roadmap with the reason."""

    form_class = ActionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.slug = kwargs.get("action", "")
        self.transition = TRANSITIONS.get(self.slug)
        if self.transition is not None:
            self.scope_action = self.transition.action
            self.title = self.button = self.transition.button
            self.button_style, self.explanation = self.transition.style, self.transition.explanation
            self.success_message = self.transition.done

    def dispatch(self, request, *args, **kwargs):
        if self.transition is None:
            raise Http404("Такого действия нет.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.transition.refusal_for(self.roadmap):
            messages.error(request, self.unavailable())
            return redirect(self.roadmap)
        return super().get(request, *args, **kwargs)

    def unavailable(self) -> str:
        return (
            f"Действие «{self.transition.button}» недоступно: дорожная карта в статусе "
            f"«{self.roadmap.get_status_display()}»."
        )

    def form_extra(self):
        return {"comment_required": self.transition.comment, "comment_label": self.transition.label}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.slug in (Action.SUBMIT, Action.APPROVE):
            context["problems"] = services.readiness_errors(self.roadmap)
        return context

    def perform(self, form):
        comment = form.cleaned_data.get("comment", "")
        by = self.request.user
        if self.transition.refusal_for(self.roadmap):
            raise ValidationError(self.unavailable())
        match self.slug:
            case Action.SUBMIT:
                services.roadmap_submit(roadmap=self.roadmap, by=by)
            case Action.WITHDRAW:
                services.roadmap_withdraw(roadmap=self.roadmap, by=by)
            case Action.RETURN:
                services.roadmap_return(roadmap=self.roadmap, by=by, comment=comment)
            case Action.APPROVE:
                services.roadmap_approve(roadmap=self.roadmap, by=by, comment=comment)
            case Action.REOPEN:
                services.roadmap_reopen(roadmap=self.roadmap, by=by, comment=comment)


class RoadmapCommentView(RoadmapFormView):
    title = "Комментарий"
    form_class = CommentForm
    scope_action = Action.COMMENT
    button = "Добавить комментарий"
    success_message = "Комментарий добавлен."
    anchor = "history"

    def form_extra(self):
        return {"roadmap": self.roadmap}

    def get_initial(self):
        return {"item": self.request.GET.get("item", "")}

    def perform(self, form):
        item_id = form.cleaned_data["item"]
        item = self.roadmap.items.get(pk=item_id) if item_id else None
        services.comment_add(
            roadmap=self.roadmap, by=self.request.user, text=form.cleaned_data["text"], item=item
        )


class RoadmapUploadView(RoadmapFormView):
    """Load a file over the plan of an editable roadmap: all of it replaces the plan, or nothing
    changes."""

    title = "Загрузка плана из файла"
    form_class = PlanFileForm
    button = "Загрузить и заменить план"
    explanation = (
        "Разделы и мероприятия дорожной карты будут заменены таблицей из файла (вместе с отметками "
        "об исполнении и документами). Наименование и период не меняются. Если в файле есть ошибки, "
        "ничего не изменится."
    )
    success_message = "План дорожной карты загружен из файла."

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        plan = _plan_or_error(form, upload)
        if plan is None:
            return self.form_invalid(form)
        try:
            services.roadmap_replace_plan(
                roadmap=self.roadmap,
                sections=plan.sections,
                by=self.request.user,
                summary=f"План загружен из файла «{upload.name[:200]}»",
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.roadmap)


class RoadmapExportView(RoadmapMixin, View):
    """The roadmap as XLSX or as a DOCX table (``fmt``)."""

    scope_action = Action.VIEW
    fmt = "xlsx"

    def get(self, request, *args, **kwargs):
        if self.fmt == "docx":
            content, content_type = exchange.roadmap_docx(self.roadmap), DOCX
        else:
            content, content_type = exchange.roadmap_xlsx(self.roadmap), XLSX
        filename = exchange.export_filename(self.roadmap, self.fmt)
        response = FileResponse(
            io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type
        )
        return mark_attachment(
            response, subject=self.roadmap, kind="export", label=f"Выгрузка в {self.fmt.upper()}"
        )


class SectionFormView(RoadmapFormView):
    form_class = SectionForm
    anchor = "plan"

    @property
    def title(self):
        return "Изменение раздела" if self.row else "Новый раздел"

    def form_extra(self):
        return {"section": self.row}

    def perform(self, form):
        services.section_save(
            roadmap=self.roadmap, by=self.request.user, section=self.row, **form.cleaned_data
        )


class SectionDeleteView(RoadmapFormView):
    form_class = ActionForm
    title = "Удаление раздела"
    button = "Удалить раздел"
    button_style = "danger"
    success_message = "Раздел удалён."
    anchor = "plan"

    @property
    def explanation(self):
        count = self.row.items.count()
        return f"Раздел «{self.row.title}» будет удалён вместе с его мероприятиями (их {count})."

    def perform(self, form):
        services.section_delete(section=self.row, by=self.request.user)


class ItemFormView(ConcurrentEditViewMixin, RoadmapFormView):
    """Add an activity, or change one under optimistic locking (``services.item_save``): an
    activity changed by another user since the form was opened is not overwritten — the page
    shows both versions (``core.concurrency``)."""

    form_class = ItemForm
    anchor = "plan"
    conflict_instance_kwarg = "item"

    @property
    def title(self):
        return "Изменение мероприятия" if self.row else "Новое мероприятие"

    def form_extra(self):
        section = None
        wanted = id_param(self.request.GET.get("section"))
        if self.row is None and wanted is not None:
            section = self.roadmap.sections.filter(pk=wanted).first()
        return {"roadmap": self.roadmap, "item": self.row, "section": section, "user": self.request.user}

    def get(self, request, *args, **kwargs):
        if not self.roadmap.sections.exists():
            messages.info(
                request, "Сначала добавьте раздел: мероприятия дорожной карты группируются по разделам."
            )
            return redirect("roadmaps:section_create", pk=self.roadmap.pk)
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        data = dict(form.cleaned_data)
        period = data.pop("period")
        expected = data.pop(VERSION_FIELD, None)
        data["responsible_roles"] = data["responsible_roles"] or None
        services.item_save(
            roadmap=self.roadmap,
            by=self.request.user,
            period=period,
            item=self.row,
            expected_version=expected,
            **data,
        )


class ItemDeleteView(RoadmapFormView):
    form_class = ActionForm
    title = "Удаление мероприятия"
    button = "Удалить мероприятие"
    button_style = "danger"
    success_message = "Мероприятие удалено."
    anchor = "plan"

    @property
    def explanation(self):
        return f"Мероприятие {self.row.number} «{self.row.activity[:200]}» будет удалено."

    def perform(self, form):
        services.item_delete(item=self.row, by=self.request.user)


class ItemReportView(RoadmapFormView):
    """The execution of an activity and an evidence file."""

    form_class = ItemReportForm
    scope_action = Action.REPORT
    title = "Исполнение мероприятия"
    success_message = "Исполнение мероприятия отмечено."

    @property
    def anchor(self):
        return f"item-{self.row.pk}"

    @property
    def explanation(self):
        return f"{self.row.number} {self.row.activity} — срок: {self.row.period_text}.".strip()

    def form_extra(self):
        return {"item": self.row}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evidence"] = self.row.evidence.all()
        context["multipart"] = True
        return context

    def perform(self, form):
        data = form.cleaned_data
        by = self.request.user
        changed = (
            data["status"] != self.row.status
            or data["comment"]
            or data["completed_on"] != self.row.completed_on
        )
        if not changed and not data.get("file"):
            raise ValidationError(
                "Ничего не изменено: выберите другое состояние, укажите дату, напишите комментарий "
                "или приложите документ."
            )
        if changed:
            services.item_report(
                item=self.row,
                by=by,
                status=data["status"],
                completed_on=data["completed_on"],
                comment=data["comment"],
            )
        if data.get("file"):
            services.evidence_add(item=self.row, by=by, file=data["file"], title=data["file_title"])


class EvidenceDownloadView(RoadmapMixin, View):
    scope_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        return private_file_response(self.row.file)


class EvidenceDeleteView(RoadmapFormView):
    form_class = ActionForm
    scope_action = Action.REPORT
    title = "Удаление документа"
    button = "Удалить документ"
    button_style = "danger"
    success_message = "Документ удалён."

    @property
    def explanation(self):
        return f"Документ «{self.row.title}» будет удалён."

    def perform(self, form):
        services.evidence_delete(evidence=self.row, by=self.request.user)
