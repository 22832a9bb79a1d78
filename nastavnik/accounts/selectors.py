"""Reads of the accounts app: the user's roles and signed-in sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone

from nastavnik.accounts.models import UserSession
from nastavnik.core.views import id_param


def user_roles(user) -> list:
    """``user``'s role assignments (``access.RoleAssignment``, through the reverse relation,
    so that this low app does not import ``access``), by unit and role."""
    return list(user.role_assignments.select_related("org_unit").order_by("org_unit__path", "role"))


def sessions_active(*, user):
    """``user``'s sessions that have not expired: used within ``SESSION_COOKIE_AGE``, newest
    first."""
    since = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return UserSession.objects.filter(user=user, last_seen_at__gte=since).order_by("-last_seen_at")


def session_of(*, user, pk) -> UserSession | None:
    """One of ``user``'s active sessions by its id (a raw URL value); ``None`` for another
    user's, an expired one or garbage."""
    pk = id_param(pk)
    return None if pk is None else sessions_active(user=user).filter(pk=pk).first()


@lru_cache(maxsize=256)
def describe_user_agent(user_agent: str) -> str:
    """«Яндекс Браузер 24, Windows 10» from a User-Agent header (ua-parser); «неизвестный
    браузер» when nothing is recognized."""
    from ua_parser import parse

    result = parse(user_agent or "")
    parts = []
    if result.user_agent is not None and result.user_agent.family != "Other":
        ua = result.user_agent
        parts.append(f"{_BROWSERS.get(ua.family, ua.family)} {ua.major or ''}".strip())
    if result.os is not None and result.os.family != "Other":
        os_ = result.os
        parts.append(f"{os_.family} {os_.major or ''}".strip())
    return ", ".join(parts) or "неизвестный браузер"


_BROWSERS = {"Yandex Browser": "Яндекс Браузер", "HeadlessChrome": "Chrome (без окна)"}


@dataclass(frozen=True)
class SessionRow:
    """A session as the sessions page shows it."""

    pk: int
    browser: str
    ip_address: str
    created_at: datetime
    last_seen_at: datetime
    current: bool


def sessions_described(*, user, current: str | None) -> list[SessionRow]:
    """``user``'s active sessions, the ``current`` session key first, the others newest first."""
    rows = [
        SessionRow(
            pk=s.pk,
            browser=describe_user_agent(s.user_agent),
            ip_address=s.ip_address or "—",
            created_at=s.created_at,
            last_seen_at=s.last_seen_at,
            current=s.session_key == current,
        )
        for s in sessions_active(user=user)
    ]
    return sorted(rows, key=lambda r: not r.current)
