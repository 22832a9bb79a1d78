"""Logs as JSON lines that carry the request id, the user id and the job id (issue 17, build 4).

One line per record, as a log collector (journald, Docker, Loki, ELK) reads it::

    {"timestamp": "2026-12-03T08:01:02.345+00:00", "level": "WARNING", "logger": "django.request",
     "message": "Not Found: /x", "request_id": "9f1c…", "user_id": 42, "job_id": null}

- ``request_id`` comes from :class:`nastavnik.core.middleware.RequestIdMiddleware` (the
  ``X-Request-ID`` nginx sends, or a fresh one), kept in a context variable for the request;
- ``user_id`` is the primary key of the signed-in user, never the login or the name (152-ФЗ:
  personal data do not go to logs);
- ``job_id`` is the background job being run: in a Celery worker, the ``job_id`` argument of the
  task (:func:`bind_task_job_id` on Celery's ``task_prerun``), elsewhere :func:`log_context`
  around the run; ``task_id`` the Celery task, when there is one.

The settings use :func:`json_logging` (production); :class:`RequestContextFilter` may be put on
any handler. gunicorn's access log goes through :class:`AccessJsonFormatter`
(``deploy/gunicorn.conf.py``).
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.functional import empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

#: The id of the request being served in this thread or task, or None.
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
#: The request being served (read lazily for its user: a log line never queries the database).
request_var: contextvars.ContextVar[Any] = contextvars.ContextVar("request", default=None)
#: The background job being run, or None.
job_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("job_id", default=None)

#: An ``X-Request-ID`` taken from outside: 8–64 letters, digits, ``-``, ``_``, ``.`` (a uuid, a hex
#: string of nginx's ``$request_id``); anything else is replaced by a fresh id.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._-]{8,64}")


def valid_request_id(value: str | None) -> str | None:
    """Return ``value`` if it is a safe request id (:data:`REQUEST_ID_PATTERN`), else None."""
    if value and REQUEST_ID_PATTERN.fullmatch(value):
        return value
    return None


def _user_id(request) -> int | None:
    """The signed-in user's primary key if the request already knows its user, else None.

    ``AuthenticationMiddleware`` sets a lazy user that is loaded at the first use: a log line of
    a request whose user was never read reports none rather than query the database for it.
    """
    if request is None:
        return None
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty:  # the lazy user was not read yet
        cached = request.__dict__.get("_cached_user")
        if cached is None:
            return None
        wrapped = cached
    if getattr(wrapped, "is_authenticated", False):
        return wrapped.pk
    return None


def _celery_task_id() -> str | None:
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - celery is a dependency
        return None
    task = current_task
    request = getattr(task, "request", None) if task else None
    return getattr(request, "id", None)


class RequestContextFilter(logging.Filter):
    """Adds ``request_id``, ``user_id``, ``job_id`` and ``task_id`` to every record; drops nothing.

    A value the record already has (passed in ``extra=``) is kept.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        if getattr(record, "user_id", None) is None:
            record.user_id = _user_id(request_var.get())
        if getattr(record, "job_id", None) is None:
            record.job_id = job_id_var.get()
        if getattr(record, "task_id", None) is None:
            record.task_id = _celery_task_id()
        return True


class JsonFormatter(_JsonFormatter):
    """python-json-logger's formatter with our field names, readable Cyrillic and no request object.

    Fields: ``timestamp`` (ISO 8601, UTC), ``level``, ``logger``, ``message``, the context fields
    of :class:`RequestContextFilter`, anything passed in ``extra=`` (except Django's ``request``
    object, which would print the query string), and ``exc_info`` with the traceback.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", ["levelname", "name", "message"])
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("json_ensure_ascii", False)
        kwargs.setdefault("json_default", str)
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "taskName", "request", "color_message"])
        super().__init__(*args, **kwargs)


#: gunicorn's access log atoms (``glogging.Logger.atoms``) → our field names.
_ACCESS_FIELDS = {
    "h": "remote_addr",
    "m": "method",
    "U": "path",
    "s": "status",
    "B": "bytes",
    "M": "duration_ms",
    "a": "user_agent",
    "{x-request-id}o": "request_id",
}


class AccessJsonFormatter(JsonFormatter):
    """gunicorn's access log as JSON: method, path (no query string: it may hold search terms),
    status, bytes, duration in ms, client address, user agent and the request id of the response.

    gunicorn logs each request with its atoms as the record's mapping ``args``
    (``gunicorn.glogging.Logger.access``); the message itself is dropped.
    """

    def add_fields(self, log_data, record, message_dict) -> None:
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, Mapping) else {}
        log_data.pop("message", None)
        for atom, field in _ACCESS_FIELDS.items():
            value = atoms.get(atom)
            if value in (None, "-"):
                continue
            if field in {"status", "bytes", "duration_ms"}:
                with contextlib.suppress(TypeError, ValueError):
                    value = int(value)
            log_data[field] = value


@contextlib.contextmanager
def log_context(*, request_id: str | None = None, job_id: int | None = None) -> Iterator[None]:
    """Within the block, records carry ``request_id`` and/or ``job_id`` (those given).

    For a background job's run: ``with log_context(job_id=job.pk): job_run(job)``.
    """
    tokens = []
    if request_id is not None:
        tokens.append((request_id_var, request_id_var.set(request_id)))
    if job_id is not None:
        tokens.append((job_id_var, job_id_var.set(job_id)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def _job_id_argument(task, args, kwargs) -> int | None:
    """The ``job_id`` argument of a Celery task's call, if its function has one."""
    if "job_id" in kwargs:
        return kwargs["job_id"]
    run = getattr(task, "run", None)
    if run is None:
        return None
    try:
        bound = inspect.signature(run).bind_partial(*args, **kwargs)
    except (TypeError, ValueError):
        return None
    return bound.arguments.get("job_id")


def bind_task_job_id(sender=None, task=None, args=None, kwargs=None, **extra) -> None:
    """Celery's ``task_prerun``: a task called with a ``job_id`` argument (the run of a background
    job) logs with that ``job_id`` until it ends."""
    job_id_var.set(_job_id_argument(task or sender, args or (), kwargs or {}))


def unbind_task_job_id(**extra) -> None:
    """Celery's ``task_postrun``: the worker's next records carry no job id."""
    job_id_var.set(None)


try:
    from celery.signals import task_postrun, task_prerun
except ImportError:  # pragma: no cover - celery is a dependency
    pass
else:
    task_prerun.connect(bind_task_job_id, weak=False, dispatch_uid="nastavnik.core.logging.job_id")
    task_postrun.connect(unbind_task_job_id, weak=False, dispatch_uid="nastavnik.core.logging.job_id")


#: Parts of a Sentry event's request that may hold personal data (search terms, form fields).
_SENTRY_REQUEST_KEYS = ("query_string", "data", "cookies", "env")


def sentry_before_send(event: dict, hint: dict) -> dict:
    """Sentry's ``before_send``: tag the event with the request id and the job id, and drop what
    may hold personal data — the request's query string, body, cookies and environment, the user
    but for the id (``send_default_pii=False`` already keeps most of it back; 152-ФЗ).

    Returns the event changed in place.
    """
    request = event.get("request")
    if isinstance(request, dict):
        for key in _SENTRY_REQUEST_KEYS:
            request.pop(key, None)
        url = request.get("url")
        if isinstance(url, str):
            request["url"] = url.split("?", 1)[0]
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    tags = event.setdefault("tags", {})
    if request_id := request_id_var.get():
        tags["request_id"] = request_id
    if (job_id := job_id_var.get()) is not None:
        tags["job_id"] = str(job_id)
    return event


def json_logging(level: str = "INFO") -> dict:
    """A ``LOGGING`` dict: every record as one JSON line on standard error with the context fields.

    ``level`` is the root level (``LOG_LEVEL``); the SQL of ``django.db.backends`` stays at WARNING.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "nastavnik.core.logging.RequestContextFilter"}},
        "formatters": {"json": {"()": "nastavnik.core.logging.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            # Django's own handlers (mail to admins, console in DEBUG) are replaced by ours.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
