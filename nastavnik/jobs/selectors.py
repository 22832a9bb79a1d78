"""Reads of background jobs: a job of its creator, its live state for the progress page, and who
may repeat a failed one."""

from __future__ import annotations

from django.http import Http404

from nastavnik.jobs import live
from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import get_kind
from nastavnik.jobs.services import job_mark_if_interrupted


def job_for_user(user, pk, *, defer_result: bool = False) -> Job:
    """The job ``pk`` if ``user`` created it (a superuser sees every job); a job whose process is
    gone is marked interrupted on the way. ``defer_result``: the result is read only when used
    (a kind that pages a long result reads what it shows itself).

    Raises:
        Http404: no such job, or another user's (indistinguishable, as everywhere).
    """
    jobs = Job.objects.select_related("organization")
    if defer_result:
        jobs = jobs.defer("result")
    if not (user.is_authenticated and user.is_superuser):
        jobs = jobs.filter(created_by_id=user.pk)
    try:
        job = jobs.get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404("Задание не найдено.") from None
    job_mark_if_interrupted(job)
    return job


def job_state(job: Job) -> dict:
    """What the progress bar shows, as JSON: ``{"status", "status_label", "done", "total",
    "percent", "message", "finished", "error"}``; a job running in this process reports its
    in-memory progress (fresher than the row)."""
    done, total, message = job.progress_done, job.progress_total, job.message
    state = live.get(job.pk)
    if state is not None and not job.is_finished:
        done, total, message = state.done, state.total, state.message or message
    if job.is_finished:
        percent = job.percent
    else:
        percent = min(99, done * 100 // total) if total else 0
    return {
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": done,
        "total": total,
        "percent": percent,
        "message": message,
        "finished": job.is_finished,
        "error": job.error,
    }


def job_can_retry(job: Job, user) -> bool:
    """Whether ``user`` may repeat ``job``: a failed job (interrupted included) of a known kind,
    started by ``user`` (a superuser sees others' jobs but repeats only their own: the job runs
    with its author's rights). An import that succeeded is never repeated."""
    if job.status != JobStatus.FAILED or job.created_by_id is None:
        return False
    if not (getattr(user, "is_authenticated", False) and user.pk == job.created_by_id):
        return False
    try:
        get_kind(job.kind)
    except LookupError:
        return False
    return True
