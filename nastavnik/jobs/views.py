"""The page of a background job (progress bar, then the result), its JSON status, and the repeat
of a failed job."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from nastavnik.jobs.registry import get_kind
from nastavnik.jobs.selectors import job_can_retry, job_for_user, job_state
from nastavnik.jobs.services import job_retry


class JobDetailView(LoginRequiredMixin, TemplateView):
    """``/jobs/<pk>/``: status and progress, polled by ``jobs/job-progress.js``; once finished, the
    kind's result template (with the kind's ``result_context``). Only the creator (and superusers) see it; others get 404."""

    template_name = "jobs/job_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # the result is read when shown: a kind with a context reads the part it shows
        job = job_for_user(self.request.user, kwargs["pk"], defer_result=True)
        try:
            kind = get_kind(job.kind)
        except LookupError:
            kind = None
        state = job_state(job)
        context.update(
            job=job,
            kind=kind,
            state=state,
            can_retry=job_can_retry(job, self.request.user),
            repeat=job.retries.order_by("pk").first() if job.status == "failed" else None,
        )
        if kind is not None and kind.result_context is not None and state["finished"]:
            context.update(kind.result_context(job, self.request))
        return context


class JobStatusView(LoginRequiredMixin, View):
    """``/jobs/<pk>/status/``: ``jobs.selectors.job_state`` as JSON, never cached."""

    def get(self, request, pk):
        job = job_for_user(request.user, pk)
        response = JsonResponse(job_state(job))
        response["Cache-Control"] = "no-store"
        return response


class JobRetryView(LoginRequiredMixin, View):
    """``POST /jobs/<pk>/retry/``: repeat a failed job (``jobs.services.job_retry``, which decides
    who may) and open the repeat's page; a refusal comes back as a message on the job's page.
    Another user's job is 404, as on its page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        job = job_for_user(request.user, pk)
        try:
            repeat = job_retry(job, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(job)
        messages.success(request, "Задание запущено ещё раз.")
        return redirect(repeat)
