"""Who and from where: the actor and the address of every audit entry made during a request,
and an entry for every file the response hands out.

:class:`AuditMiddleware` is auditlog's ``AuditlogMiddleware`` (the actor and the address of the
model changes auditlog records) with two changes:

- the address: ``REMOTE_ADDR``; the ``X-Forwarded-For`` header is read only when the settings
  trust it (``NASTAVNIK_TRUST_X_FORWARDED_FOR``, behind one reverse proxy that sets it), and then
  its last address — the one the proxy itself appended — since anything before it is written
  by the client and can be forged (auditlog takes the first);
- downloads and exports: a successful response with ``Content-Disposition: attachment`` is
  recorded by :func:`nastavnik.audit.services.record_access`, with the object named by
  :func:`nastavnik.core.files.mark_attachment` (every file of the system goes out this way, so
  none escapes the log, including ones a future view forgets to mark).
"""

from __future__ import annotations

import ipaddress

from auditlog.cid import set_cid
from auditlog.context import auditlog_value, set_extra_data
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

from nastavnik.core.files import AttachmentMark


def client_address(request) -> str | None:
    """The client's IP address (see the module docstring); ``None`` when none is valid."""
    if getattr(settings, "NASTAVNIK_TRUST_X_FORWARDED_FOR", False):
        forwarded = [part for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
        if forwarded:
            address = _ip(forwarded[-1])
            if address:
                return address
    return _ip(request.META.get("REMOTE_ADDR", ""))


def _ip(raw: str) -> str | None:
    raw = (raw or "").strip()
    if raw.startswith("[") and "]" in raw:  # [IPv6]:port
        raw = raw[1 : raw.index("]")]
    elif raw.count(":") == 1:  # IPv4:port
        raw = raw.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def is_attachment(response) -> bool:
    """A successful response that hands out a file."""
    disposition = response.headers.get("Content-Disposition", "")
    return response.status_code == 200 and disposition.lower().startswith("attachment")


def attachment_filename(response) -> str:
    """The file name of an attachment response (``filename*=`` or ``filename=``), or ``""``."""
    from email.message import Message

    message = Message()
    message["Content-Disposition"] = response.headers.get("Content-Disposition", "")
    return message.get_filename() or ""


def actor_set(user) -> None:
    """Name ``user`` the actor of the journal entries made during the rest of this request: for a
    user known only after the middleware ran (an API request signed by a token, which DRF
    authenticates in the view). Outside a request (a job, a command) it does nothing."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    context["actor"] = user


class AuditMiddleware(AuditlogMiddleware):
    """Put after ``AuthenticationMiddleware`` (it needs ``request.user``)."""

    @staticmethod
    def _get_remote_addr(request):
        if settings.AUDITLOG_DISABLE_REMOTE_ADDR:
            return None
        return client_address(request)

    @staticmethod
    def _get_remote_port(request) -> int | None:
        return None

    def __call__(self, request):
        set_cid(request)
        context = self.get_extra_data(request)
        with set_extra_data(context_data=context):
            response = self.get_response(request)
            if is_attachment(response):
                self._record(request, response, context)
        return response

    @staticmethod
    def _record(request, response, context) -> None:
        from nastavnik.audit.services import record_access

        mark = getattr(response, "audit_mark", None) or AttachmentMark()
        filename = attachment_filename(response)
        extra = {"file": filename}
        if mark.details:
            extra["details"] = {str(key): str(value) for key, value in mark.details.items()}
        if mark.kind == "export" and request.GET:
            query = request.GET.copy()
            query.pop("export", None)
            if query:
                extra["query"] = query.urlencode()
        record_access(
            user=getattr(request, "user", None),
            subject=mark.subject,
            kind=mark.kind,
            label=mark.label or ("" if mark.subject is not None else filename),
            remote_addr=context.get("remote_addr"),
            extra=extra,
        )
