"""Middleware of the whole site."""

from __future__ import annotations

from django.http import FileResponse


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
