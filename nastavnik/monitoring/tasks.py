"""The refresh of the stored roll-up of the indicators as a background job (``nastavnik.jobs``;
``monitoring.rollups``), started nightly by the command ``monitoring_rollups``."""

from __future__ import annotations

from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.services import job_progress
from nastavnik.monitoring.rollups import refresh_roots, rollups_refresh

KIND = "monitoring_rollups"


@job_kind(KIND, label="Расчёт сводных показателей мониторинга")
def monitoring_rollups_job(job) -> dict:
    """Refresh the stored roll-up from ``job.organization`` (any unit: the federal root, a
    region), or from every root of :func:`monitoring.rollups.refresh_roots` when the job names
    none, for the current and the previous year. Returns ``{"runs": [{"unit": Russian name,
    "period": "с 01.01.2026 по 31.12.2026", "seconds": float}]}``."""
    roots = [job.organization] if job.organization is not None else refresh_roots()
    runs = []
    for index, root in enumerate(roots):

        def progress(done: int, total: int, message: str, index=index) -> None:
            job_progress(job, index * total + done, len(roots) * total, message=message)

        for run in rollups_refresh(root, progress=progress):
            runs.append(
                {
                    "unit": str(root),
                    "period": f"с {run.period_start:%d.%m.%Y} по {run.period_end:%d.%m.%Y}",
                    "seconds": run.seconds,
                }
            )
    return {"runs": runs}
