"""Pages of the bank import: the upload form with the template to download, and the «Импортировать»
action on a checked file. The preview and the result are the job page (``nastavnik.jobs``) with
``bank/import/result.html``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.bank.importing.forms import ImportUploadForm
from nastavnik.bank.importing.tasks import KIND
from nastavnik.bank.importing.template import FILE_NAME, import_template_xlsx
from nastavnik.core.export import XLSX_CONTENT_TYPE
from nastavnik.core.files import mark_attachment
from nastavnik.core.views import RightRequiredMixin, id_param
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.selectors import job_for_user
from nastavnik.jobs.services import job_create
from nastavnik.people.forms import organizations_for_person_add


class ImportRightMixin(RightRequiredMixin):
    """Only holders of the ``person`` ``add`` right (the curator and the head, seed 000 §4.1.2)
    reach the import; anyone else signed in gets 403."""

    required_right = ("person", "add")
    forbidden_message = "Загружать работников из файла могут куратор и руководитель организации."


class ImportStartView(ImportRightMixin, FormView):
    """``/bank/import/``: choose the organization, upload the file; a check job starts and the
    user is sent to its page (progress, then the preview)."""

    template_name = "bank/import/start.html"
    form_class = ImportUploadForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def post(self, request, *args, **kwargs):
        chosen = id_param(request.POST.get("organization"))
        if chosen is not None and not organizations_for_person_add(request.user).filter(pk=chosen).exists():
            raise Http404("Организация не найдена или недоступна.")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_jobs"] = Job.objects.filter(created_by=self.request.user, kind=KIND)[:10]
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        organization = form.cleaned_data["organization"]
        job = job_create(
            kind=KIND,
            title=f"Проверка файла «{upload.name}»: {organization}",
            created_by=self.request.user,
            organization=organization,
            params={"apply": False},
            input_file=upload,
            input_name=upload.name,
        )
        return redirect(job)


class ImportApplyView(LoginRequiredMixin, View):
    """POST ``/bank/import/<job>/apply/``: import a checked file without errors (a new job that
    takes the rows the check kept, re-verifies what changed in the system since and writes
    everything in one transaction — ``tasks``). Another user's job is a 404."""

    def post(self, request, pk):
        preview = job_for_user(request.user, pk)
        organization = preview.organization
        if (
            preview.kind != KIND
            or organization is None
            or not organizations_for_person_add(request.user).filter(pk=organization.pk).exists()
        ):
            raise Http404("Проверка файла не найдена.")
        result = preview.result or {}
        if (
            preview.params.get("apply")
            or preview.status != JobStatus.SUCCEEDED
            or result.get("errors_total")
            or not result.get("rows")
        ):
            messages.error(request, "Этот файл нельзя импортировать: исправьте ошибки и загрузите его снова.")
            return redirect(preview)
        job = job_create(
            kind=KIND,
            title=f"Импорт файла «{preview.input_name}»: {organization}",
            created_by=request.user,
            organization=organization,
            params={"apply": True, "preview_job": preview.pk},
            input_file=preview.input_file.name,
            input_name=preview.input_name,
        )
        return redirect(job)


class ImportTemplateView(ImportRightMixin, View):
    """GET ``/bank/import/template.xlsx``: the XLSX template with a sample row and the allowed values."""

    def get(self, request):
        response = HttpResponse(import_template_xlsx(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{FILE_NAME}"'
        return mark_attachment(response, label="Шаблон файла для загрузки банка")
