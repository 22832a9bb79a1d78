"""Per-request work of the accounts app, for signed-in users only."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from nastavnik.accounts import services

#: The API's answer to a signed-in session whose password must be changed first.
MUST_CHANGE_API = (
    "Пароль этой учётной записи задан не вами: смените его на странице «Профиль», затем повторите запрос."
)


class AccountMiddleware:
    """Place after ``AuthenticationMiddleware`` and ``MessageMiddleware``.

    1. Activity: :func:`~nastavnik.accounts.services.session_touch` saves the session at most
       once a minute, which moves its expiry ``SESSION_COOKIE_AGE`` ahead — the idle timeout —
       without writing the session on every request.
    2. A password set by somebody else (``AccountStatus.must_change_password``): every page but
       the change page, the logout and static files redirects to the change page until the
       owner sets their own password (a call of the API with that session: 403 in JSON; a
       request with an API token has no session and is not concerned).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        # Only sessions signed in by a login: a request authenticated otherwise (a token of
        # the API) must not get a session of its own.
        if user is not None and user.is_authenticated and session is not None and session.session_key:
            services.session_touch(request=request)
            if self._must_change(request) and not self._allowed(request.path_info):
                if request.path_info.startswith("/api/"):
                    # a call of the API from the signed-in browser: JSON, not the change page
                    return JsonResponse(
                        {"detail": MUST_CHANGE_API}, status=403, json_dumps_params={"ensure_ascii": False}
                    )
                return redirect("accounts:password_change")
        return self.get_response(request)

    @staticmethod
    def _must_change(request) -> bool:
        flag = request.session.get(services.MUST_CHANGE_KEY)
        if flag is None:  # a session opened before the flag was kept in it
            flag = services.password_must_change(request.user)
            request.session[services.MUST_CHANGE_KEY] = flag
        return bool(flag)

    @staticmethod
    def _allowed(path: str) -> bool:
        allowed = (reverse("accounts:password_change"), reverse("logout"))
        prefixes = tuple(
            p
            for p in ("/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/"))
            if p != "/"
        )
        return path in allowed or path.startswith(prefixes) or path == "/healthz"
