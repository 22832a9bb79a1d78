"""The whole-pool assignment as a background job (``nastavnik.jobs``, issue 16 item 3): loading,
scoring, solving, explaining, saving — each a part of the progress bar
(``services.POOL_PHASES``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from nastavnik.jobs.choices import JobStatus
from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.services import JobError, job_progress
from nastavnik.matching.proposal import stored_proposal_pages
from nastavnik.matching.services import POOL_JOB_KIND, POOL_PHASES, pool_assignment_compute


def pool_result_context(job, request) -> dict:
    """The job page's context for the proposal: a page of each of its tables read from the
    database (``proposal.stored_proposal_pages``, by ``request.GET``), so that the page does not
    grow with the proposal (about 9,000 pairs, 15 MB of JSON, for a region's whole pool)."""
    if job.status != JobStatus.SUCCEEDED:
        return {}  # no proposal: the page shows the error
    return stored_proposal_pages(job, request.GET)


@job_kind(
    POOL_JOB_KIND,
    label="Распределение наставников",
    result_template="matching/pool_result.html",
    result_context=pool_result_context,
)
def pool_assignment_job(job) -> dict:
    """Assign the pool of ``job.organization`` (an organization or a municipality) for its author,
    as the pool page would (``services.pool_assignment_compute``): the result is the proposal.

    Raises:
        JobError: the unit or the author is gone, or the author no longer holds the right.
    """
    if job.organization is None or job.created_by is None:
        raise JobError("Распределение невозможно: организация или пользователь больше не существуют.")
    phases = list(POOL_PHASES)

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in POOL_PHASES:
            return
        start, message = POOL_PHASES[stage]
        following = phases.index(stage) + 1
        stop = POOL_PHASES[phases[following]][0] if following < len(phases) else 100
        share = start + (stop - start) * min(done, total) // max(total, 1)
        job_progress(job, share, 100, message=message)

    try:
        return pool_assignment_compute(
            unit=job.organization,
            by=job.created_by,
            coverage_first=bool(job.params.get("coverage_first")),
            progress=progress,
        )
    except PermissionDenied as exc:
        raise JobError(str(exc) or "Распределять наставников в этом пуле вам нельзя.") from exc
