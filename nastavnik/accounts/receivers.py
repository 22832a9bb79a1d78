"""Django's auth signals, connected in ``AccountsConfig.ready``: every way of signing in or
out (the login form, the admin, an invitation link, the test client) passes here. The
receivers only hand over to the services."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out

from nastavnik.accounts import services


def _logged_in(sender, request, user, **kwargs):
    if request is not None:
        services.session_opened(request=request, user=user)


def _logged_out(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        services.session_closed(session_key=session.session_key)


def connect() -> None:
    """Connect the receivers (idempotent: each has a ``dispatch_uid``)."""
    user_logged_in.connect(_logged_in, dispatch_uid="nastavnik.accounts.logged_in")
    user_logged_out.connect(_logged_out, dispatch_uid="nastavnik.accounts.logged_out")
