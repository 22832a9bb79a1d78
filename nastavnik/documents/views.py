"""Pages of the document registry: the list, drawing a document up (with the list of what is
missing), the document's page (download DOCX or PDF, sign with the scan, regenerate, delete) and
the whole package of an organization as a job."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View
from django.views.generic import TemplateView

from nastavnik.access.scope import user_can
from nastavnik.core.files import mark_attachment, private_file_response
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.users import user_name
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedListView,
    ScopedQuerysetMixin,
    add_validation_error,
    id_param,
)
from nastavnik.development.models import IndividualRoute
from nastavnik.documents.choices import Subject
from nastavnik.documents.filtersets import DocumentFilterSet
from nastavnik.documents.forms import IssueForm, PackageForm, SignForm
from nastavnik.documents.models import Document
from nastavnik.documents.render import PdfError
from nastavnik.documents.services import (
    document_delete,
    document_issue,
    document_pdf,
    document_regenerate,
    document_sign,
    download_name,
    safe_filename,
)
from nastavnik.documents.specs import SPECS, MissingData, get_spec
from nastavnik.documents.specs.routes import route_document
from nastavnik.documents.tasks import KIND as PACKAGE_KIND
from nastavnik.jobs.selectors import job_for_user
from nastavnik.jobs.services import job_create
from nastavnik.organizations.models import OrgUnit


def issuing_organizations(user):
    """Organizations where ``user`` may draw documents up (the curator's, the head's)."""
    return OrgUnit.objects.organizations().granted(user, "document", "add").order_by("full_name")


class DocumentListView(ScopedListView):
    """The registry: every document of the organizations in the user's scope, newest first."""

    model = Document
    filterset_class = DocumentFilterSet
    template_name = "documents/document_list.html"
    export_filename = "reestr-dokumentov"
    export_sheet_title = "Документы"
    export_columns = [
        ("Организация", "organization.label_with_municipality"),
        ("Вид", "get_kind_display"),
        ("Наименование", "title"),
        ("Номер", "number"),
        ("Дата", "date"),
        ("Состояние", "get_status_display"),
        ("Дата подписания", "signed_on"),
        ("Составил", lambda d: user_name(d.author)),
    ]

    def base_queryset(self):
        return Document.objects.select_related("organization__municipality", "author__person").order_by(
            "-date", "-pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = user_can(self.request.user, "document", "add")
        context["specs"] = SPECS.values()
        shown = [d.pk for d in context["object_list"]]
        context["downloadable"] = set(
            Document.objects.files_for(self.request.user).filter(pk__in=shown).values_list("pk", flat=True)
        )
        return context


class IssueView(RightRequiredMixin, TemplateView):
    """``/documents/new/<kind>/``: draw a document of ``kind`` up for one of the user's
    organizations (``?organization=``), about a chosen subject (``?subject=``) when the kind is
    about a person, a pair or a program. What is missing is listed before anything is filled
    in; a refused document is not registered."""

    template_name = "documents/issue.html"
    forbidden_message = "Документы составляют куратор и руководитель организации."

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        try:
            self.spec = get_spec(kwargs["kind"])
        except LookupError:
            raise Http404("Нет такого вида документа.") from None

    def has_right(self) -> bool:
        self.organizations = issuing_organizations(self.request.user)
        return self.organizations.exists()

    def prepare(self) -> None:
        request = self.request
        self.organization = self._organization(request)
        # Read once per request: the choices of the subject, the chosen one, its defaults.
        self.subjects = (
            None
            if self.spec.subject == Subject.ORGANIZATION
            else list(self.spec.candidates(self.organization))
        )
        self.subject = self._chosen_subject(request)
        self.defaults = (
            self.spec.default_params(self.organization, self.subject) if self.subject is not None else {}
        )

    def _organization(self, request):
        raw = request.POST.get("organization") or request.GET.get("organization")
        if raw:
            key = id_param(raw)
            found = self.organizations.filter(pk=key).first() if key is not None else None
            if found is None:
                raise Http404("Организация не найдена или недоступна.")
            return found
        return self.organizations.first()

    def _chosen_subject(self, request):
        """The organization for organization-level kinds; else the candidate named by
        ``subject`` in the form or the address, ``None`` when none (or a foreign one) is named."""
        if self.subjects is None:
            return self.organization
        key = request.POST.get("subject") or request.GET.get("subject")
        return next((s for s in self.subjects if str(s.pk) == key), None)

    def _forms(self, data=None):
        initial = {"date": timezone.localdate()}
        if self.subjects is not None and self.subject is not None:
            initial["subject"] = str(self.subject.pk)
        form = IssueForm(data, spec=self.spec, subjects=self.subjects, initial=initial)
        params_form = None
        if self.spec.params_form is not None:
            params_form = self.spec.params_form(
                data, prefix="p", organization=self.organization, initial=self.defaults
            )
            bootstrap_widgets(params_form.fields)
        return form, params_form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(spec=self.spec, organization=self.organization, organizations=self.organizations)
        if "form" not in context:
            context["form"], context["params_form"] = self._forms()
            if self.subject is not None:
                context["missing"] = self.spec.missing(
                    organization=self.organization, subject=self.subject, params=self.defaults
                )
        return context

    def post(self, request, *args, **kwargs):
        form, params_form = self._forms(request.POST)
        valid = form.is_valid()
        valid = (params_form is None or params_form.is_valid()) and valid
        missing = None
        if valid:
            subject = form.cleaned_data.get("subject", self.organization)
            params = params_form.to_params() if params_form is not None else None
            try:
                document = document_issue(
                    kind=self.spec.kind,
                    organization=self.organization,
                    subject=subject,
                    params=params,
                    number=form.cleaned_data.get("number", ""),
                    date=form.cleaned_data["date"],
                    author=request.user,
                )
            except MissingData as exc:
                missing = exc.items
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, f"Документ сформирован: {document}.")
                return redirect(document)
        if missing:
            messages.error(request, "Документ не сформирован: не хватает данных. Заполните их и повторите.")
        else:
            messages.error(request, "Исправьте ошибки в форме: документ не сформирован.")
        context = self.get_context_data(form=form, params_form=params_form, missing=missing)
        return self.render_to_response(context)


class DocumentDetailView(ScopedQuerysetMixin, TemplateView):
    """The document's page: requisites, downloads, the signing form, regenerate and delete."""

    model = Document
    template_name = "documents/document_detail.html"

    def get_object(self):
        queryset = self.get_queryset().select_related(
            "organization", "author__person", "signed_by__person", "person"
        )
        try:
            return queryset.get(pk=self.kwargs["pk"])
        except (Document.DoesNotExist, ValueError):
            raise Http404("Документ не найден или недоступен.") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = kwargs.get("document") or self.get_object()
        can_change = Document.objects.for_user(self.request.user, "change").filter(pk=document.pk).exists()
        spec = get_spec(document.kind)
        context.update(
            object=document,
            document=document,
            spec=spec,
            can_change=can_change,
            can_download=Document.objects.files_for(self.request.user).filter(pk=document.pk).exists(),
            pairs=document.pairs.select_related("mentor", "mentee") if spec.kind == "order_pairs" else [],
        )
        if can_change and not document.is_signed and "sign_form" not in context:
            context["sign_form"] = SignForm(document=document)
        return context


class _ChangeMixin(ScopedQuerysetMixin):
    """A POST action on a document the user may change; 404 outside the change scope."""

    model = Document
    scope_action = "change"

    def document(self):
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except (Document.DoesNotExist, ValueError):
            raise Http404("Документ не найден или недоступен для изменения.") from None


class SignView(_ChangeMixin, View):
    """Record the signature: the scan, the date and the registered number (the ``document``
    ``sign`` right)."""

    scope_action = "sign"

    def post(self, request, pk):
        document = self.document()
        form = SignForm(request.POST, request.FILES, document=document)
        if form.is_valid():
            try:
                document_sign(
                    document=document,
                    scan=form.cleaned_data["scan"],
                    signed_on=form.cleaned_data["signed_on"],
                    number=form.cleaned_data.get("number"),
                    user=request.user,
                )
            except MissingData as exc:
                form.add_error(
                    None,
                    "Номер не изменён: документ нельзя сформировать заново — "
                    + "; ".join(item.text for item in exc.items),
                )
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Документ отмечен как подписанный, скан сохранён.")
                return redirect(document)
        messages.error(request, "Отметка о подписании не сохранена: исправьте ошибки.")
        view = DocumentDetailView(request=request, kwargs={"pk": pk}, args=())
        context = view.get_context_data(document=document, sign_form=form)
        return view.render_to_response(context)


class RegenerateView(_ChangeMixin, View):
    """Generate a draft again from the current data."""

    def post(self, request, pk):
        document = self.document()
        try:
            document_regenerate(document=document, by=request.user)
        except MissingData as exc:
            messages.error(
                request,
                "Документ не сформирован заново, прежний файл сохранён. Не хватает данных: "
                + "; ".join(item.text for item in exc.items),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Документ сформирован заново по текущим данным.")
        return redirect(document)


class DeleteView(_ChangeMixin, View):
    """Delete a draft."""

    def post(self, request, pk):
        document = self.document()
        try:
            document_delete(document=document, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(document)
        messages.success(request, "Проект документа удалён.")
        return redirect("documents:list")


class FileView(ScopedQuerysetMixin, View):
    """``/documents/<pk>/docx|pdf|scan/``: the document's files, to those who may download them
    (``DocumentQuerySet.files_for``: a consent with passport data only to the curator, the head
    and the person); anyone else gets 404."""

    model = Document

    def get_queryset(self):
        return self.base_queryset().files_for(self.request.user)

    def get(self, request, pk, fmt):
        document = get_object_or_404(self.get_queryset(), pk=pk)
        if fmt == "docx":
            return private_file_response(document.file, download_name(document, "docx"))
        if fmt == "scan":
            extension = document.scan.name.rsplit(".", 1)[-1].lower() if document.scan else ""
            return private_file_response(document.scan, download_name(document, f"скан.{extension}"))
        try:
            content = document_pdf(document)
        except FileNotFoundError:
            raise Http404("Файл не найден в хранилище: сформируйте документ заново.") from None
        except PdfError as exc:
            messages.error(request, str(exc))
            return redirect(document)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, download_name(document, "pdf"))
        return mark_attachment(response, subject=document, label="Файл PDF")


class RouteDocumentView(ScopedActionMixin, View):
    """``/documents/route/<pk>/docx|pdf/``: the individual educational route as a document,
    generated now from the current data (``specs.routes.route_document``), to whoever sees the
    route (``individualroute`` ``view``); a route out of sight is a 404. What is missing, or a
    PDF LibreOffice could not make, is said on the route's page."""

    model = IndividualRoute
    scope_action = "view"

    def base_queryset(self):
        return IndividualRoute.objects.select_related("organization", "person")

    def get(self, request, pk, fmt):
        route = self.object
        try:
            made = route_document(route=route, by=request.user, fmt=fmt)
        except MissingData as exc:
            messages.error(
                request,
                "Документ не сформирован: не хватает данных. " + " ".join(item.text for item in exc.items),
            )
            return redirect(route)
        except PdfError as exc:
            messages.error(request, str(exc))
            return redirect(route)
        response = HttpResponse(made.content, content_type=made.content_type)
        response["Content-Disposition"] = content_disposition_header(True, made.filename)
        return mark_attachment(
            response, subject=route, label=f"Индивидуальный образовательный маршрут ({fmt.upper()})"
        )


class PackageView(RightRequiredMixin, TemplateView):
    """``/documents/package/``: start the job that builds the organization's whole package."""

    template_name = "documents/package.html"

    forbidden_message = "Пакет документов формируют куратор и руководитель организации."

    def has_right(self) -> bool:
        self.organizations = issuing_organizations(self.request.user)
        return self.organizations.exists()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PackageForm(organizations=self.organizations))
        context["specs"] = SPECS.values()
        return context

    def post(self, request):
        form = PackageForm(request.POST, organizations=self.organizations)
        if not form.is_valid():
            messages.error(request, "Выберите организацию.")
            return self.render_to_response(self.get_context_data(form=form))
        organization = form.cleaned_data["organization"]
        job = job_create(
            kind=PACKAGE_KIND,
            title=f"Пакет документов: {organization}",
            created_by=request.user,
            organization=organization,
            params={"pdf": form.cleaned_data["pdf"]},
        )
        return redirect(job)


class PackageDownloadView(LoginRequiredMixin, View):
    """The ZIP of a finished package job, to the user who started it."""

    def get(self, request, pk):
        job = job_for_user(request.user, pk)
        name = (job.result or {}).get("file") if job.kind == PACKAGE_KIND else None
        if not name or not default_storage.exists(name):
            raise Http404("Архив не найден: сформируйте пакет заново.")
        # the local date, as the page shows it (the UTC one is yesterday's until 05:00 in Yugra)
        made_on = timezone.localdate(job.created_at)
        filename = safe_filename(f"Пакет документов — {job.organization or ''} — {made_on:%d.%m.%Y}")
        response = FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=f"{filename}.zip",
            content_type="application/zip",
        )
        return mark_attachment(
            response, subject=job.organization, kind="export", label="Пакет документов (ZIP)"
        )
