"""Middleware of the whole site."""

from __future__ import annotations

import uuid

from django.core.signals import request_finished
from django.http import FileResponse

from nastavnik.core.logging import request_id_var, request_var, valid_request_id


def _forget_request(**kwargs) -> None:
    """Clear the request's id and request from the context once its response is closed."""
    request_id_var.set(None)
    request_var.set(None)


class RequestIdMiddleware:
    """Gives every request an id: logged with each record, returned in ``X-Request-ID``.

    The id is nginx's ``X-Request-ID`` header (``deploy/nginx.conf`` sets it to ``$request_id``)
    when it is a safe short string (:func:`nastavnik.core.logging.valid_request_id`), otherwise a
    fresh ``uuid4().hex``. It is kept in a context variable for the request's log records
    (:class:`nastavnik.core.logging.RequestContextFilter`) and as ``request.request_id``. First in
    ``MIDDLEWARE``, so that every response, a redirect or an error page too, carries the header.
    """

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response
        # Django logs a 4xx/5xx response after the middleware has returned it
        # (``BaseHandler.get_response``): the id stays set until the response is closed.
        request_finished.connect(_forget_request, dispatch_uid="nastavnik.core.request_id")

    def __call__(self, request):
        request_id = valid_request_id(request.headers.get(self.header)) or uuid.uuid4().hex
        request.request_id = request_id
        request_id_var.set(request_id)
        request_var.set(request)
        response = self.get_response(request)
        response[self.header] = request_id
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every response that may carry personal data.

    That is every response to a signed-in user and every file download (a ``FileResponse`` or a
    response with ``Content-Disposition: attachment``), so that neither the browser's cache nor a
    proxy keeps a page or a scan after the user leaves (152-ФЗ art. 19). A response whose view
    already said how to cache it (``Cache-Control`` set) is left as it is. Static files never get
    here: WhiteNoise, earlier in ``MIDDLEWARE``, answers them itself with long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        download = isinstance(response, FileResponse) or response.get("Content-Disposition", "").startswith(
            "attachment"
        )
        if download or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "no-store, private"
        return response
