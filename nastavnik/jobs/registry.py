"""Job kinds: a name, a Russian label, the handler and the template that shows its result.

An app declares its kinds with :func:`job_kind` in a module listed in the setting
``NASTAVNIK_JOBS_MODULES``; the module is imported on first use, so that a process that only
runs jobs (a thread today, a Celery worker tomorrow) finds every handler by the kind's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings

Handler = Callable[[Any], dict]


@dataclass(frozen=True)
class JobKind:
    """``handler(job) -> dict``: the JSON result kept on the job. It reports progress with
    ``jobs.services.job_progress`` and signals an expected failure with ``jobs.services.JobError``.
    ``result_template``: included into the job page once the job is finished (context: ``job``);
    ``result_context(job, request) -> dict``: more context for it (a page of a long result), or
    ``None``. ``result_url_name``: the URL name (with the job's ``pk``) of the download of the
    file a succeeded job made, which checks the user itself ("" when the kind makes no file); the
    API links to it."""

    name: str
    label: str
    handler: Handler
    result_template: str = ""
    result_context: Callable[[Any, Any], dict] | None = None
    result_url_name: str = ""


_KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str,
    *,
    label: str,
    result_template: str = "",
    result_context: Callable[[Any, Any], dict] | None = None,
    result_url_name: str = "",
) -> Callable[[Handler], Handler]:
    """Decorator registering ``handler`` as the job kind ``name`` (see :class:`JobKind`)."""

    def register(handler: Handler) -> Handler:
        _KINDS[name] = JobKind(
            name=name,
            label=label,
            handler=handler,
            result_template=result_template,
            result_context=result_context,
            result_url_name=result_url_name,
        )
        return handler

    return register


def get_kind(name: str) -> JobKind:
    """The registered kind ``name``.

    Raises:
        LookupError: no module of ``NASTAVNIK_JOBS_MODULES`` registers it.
    """
    if name not in _KINDS:
        for module in getattr(settings, "NASTAVNIK_JOBS_MODULES", ()):
            import_module(module)
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"Unknown job kind {name!r}") from None
