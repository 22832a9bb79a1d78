"""Writes of the accounts app: passwords set by their owners, invitations, signed-in sessions.

A session is followed from the login (:func:`session_opened`) through its requests
(:func:`session_touch`, at most once a minute) to the logout (:func:`session_closed`) or its end
from the sessions page (:func:`sessions_end`). Ending a session deletes it from Django's
session store (whatever ``SESSION_ENGINE`` is), so the browser that held it is signed out at
its next request.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from datetime import timedelta
from importlib import import_module
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nastavnik.accounts.models import AccountStatus, UserSession
from nastavnik.core.mail import Mail, greeting, letter, send_each, site_url

logger = logging.getLogger(__name__)

#: Session keys the accounts app keeps in every signed-in session.
MUST_CHANGE_KEY = "accounts.must_change"
SEEN_KEY = "accounts.seen"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens of invitation links: Django's reset tokens with their own salt, so that a reset
    link never works as an invitation and back. A token is spent once the password is set (the
    password hash is part of it) and expires after ``PASSWORD_RESET_TIMEOUT``."""

    key_salt = "nastavnik.accounts.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


class Invitation(NamedTuple):
    """What became of an invitation: ``sent`` and the ``address`` it went to (``""`` when the
    account has no e-mail address, and then nothing was sent)."""

    sent: bool
    address: str


def base_url(request=None) -> str:
    """The address to put before the paths of links in letters, without a trailing slash:
    ``NASTAVNIK_BASE_URL`` when set, else the address the request came to (its host is checked
    against ``ALLOWED_HOSTS``), else ``""``."""
    configured = site_url()
    if configured or request is None:
        return configured
    return request.build_absolute_uri("/").rstrip("/")


def link_path(*, user, token: str, name: str) -> str:
    """The path of a link with ``user``'s id and ``token``: ``name`` is the URL name,
    ``accounts:invitation`` or ``accounts:password_reset_confirm``."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse(name, kwargs={"uidb64": uid, "token": token})


def _addressee(user) -> str:
    """«Здравствуйте, Имя Отчество!» from the person behind ``user`` when there is one."""
    person = getattr(user, "person", None)
    if person is not None:
        return greeting(person.first_name, getattr(person, "middle_name", ""))
    return greeting(user.first_name)


def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian form of a noun after ``number``: ``plural(3, "день", "дня", "дней")`` → «дня»."""
    if number % 10 == 1 and number % 100 != 11:
        return one
    if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        return few
    return many


def _days(seconds: int) -> str:
    days = max(1, round(seconds / 86400))
    return f"{days} {plural(days, 'день', 'дня', 'дней')}"


def invitation_send(*, user, site: str = "") -> Invitation:
    """Send ``user`` a letter with a single-use link to set their password (the account keeps
    no password anybody else knows). ``site`` is the address before the link's path
    (:func:`base_url`).

    Records the time in ``AccountStatus.invited_at``. Sends nothing and returns
    ``Invitation(False, "")`` when the account has no e-mail address. A delivery failure is
    logged and reported as not sent.
    """
    address = (user.email or "").strip()
    if not address:
        return Invitation(False, "")
    link = site + link_path(user=user, token=invitation_tokens.make_token(user), name="accounts:invitation")
    body = letter(
        _addressee(user),
        [
            "Для вас создана учётная запись в информационной системе «Наставник».",
            f"Ваш логин: {user.username}",
            "",
            "Чтобы войти, задайте свой пароль по ссылке:",
            link,
            "",
            f"Ссылка действует {_days(settings.PASSWORD_RESET_TIMEOUT)} и только до того, как пароль задан. "
            "Если срок истёк, попросите куратора или руководителя организации отправить приглашение ещё раз.",
        ],
    )
    sent = send_each(
        [Mail(address, "Приглашение в систему «Наставник»", body, (user.pk,))],
        logger=logger,
        log_what="Invitation of user %s",
    )
    if not sent:
        return Invitation(False, address)
    AccountStatus.objects.update_or_create(user=user, defaults={"invited_at": timezone.now()})
    return Invitation(True, address)


def password_reset_letter(*, user, token: str, site: str) -> Mail:
    """The letter with the link to set a new password after «Забыли пароль?»."""
    link = site + link_path(user=user, token=token, name="accounts:password_reset_confirm")
    body = letter(
        _addressee(user),
        [
            "Вы (или кто-то другой) запросили смену пароля в информационной системе «Наставник».",
            f"Ваш логин: {user.username}",
            "",
            "Чтобы задать новый пароль, откройте ссылку:",
            link,
            "",
            f"Ссылка действует {_days(settings.PASSWORD_RESET_TIMEOUT)} и только один раз. "
            "Если вы не запрашивали смену пароля, ничего делать не нужно: пароль останется прежним.",
        ],
    )
    return Mail(user.email, "Смена пароля в системе «Наставник»", body, (user.pk,))


def password_must_change(user) -> bool:
    """Whether ``user``'s password was set by somebody else and must be changed at login."""
    return AccountStatus.objects.filter(user=user, must_change_password=True).exists()


def password_require_change(*, user) -> None:
    """Mark ``user``'s password as set by somebody else: at their next login they are sent to
    the change page until they set their own."""
    AccountStatus.objects.update_or_create(user=user, defaults={"must_change_password": True})


@transaction.atomic
def password_set_by_owner(*, user, request=None) -> None:
    """Record that ``user`` set their own password (change, reset by e-mail, invitation):
    nothing forces a change any more, and failed logins that locked the account are forgotten
    (the owner proved who they are). ``request``: the owner's signed-in request, whose session
    stops being sent to the change page."""
    from axes.utils import reset

    AccountStatus.objects.update_or_create(
        user=user, defaults={"must_change_password": False, "password_changed_at": timezone.now()}
    )
    reset(username=user.get_username())
    if request is not None and hasattr(request, "session"):
        request.session[MUST_CHANGE_KEY] = False


def _client_ip(request) -> str | None:
    from axes.helpers import get_client_ip_address

    raw = get_client_ip_address(request)
    try:
        return str(ipaddress.ip_address(raw)) if raw else None
    except ValueError:
        return None


def _idle_limit():
    return timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)


def session_opened(*, request, user) -> UserSession | None:
    """Record the session ``request`` has just signed ``user`` in with (browser, address) and
    keep in it whether the password must be changed. Rows of sessions idle beyond
    ``SESSION_COOKIE_AGE`` (expired) are pruned. ``None`` when the request has no session."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    if not session.session_key:
        session.save()
    session[MUST_CHANGE_KEY] = password_must_change(user)
    session[SEEN_KEY] = int(time.time())
    UserSession.objects.filter(last_seen_at__lt=_idle_limit()).delete()
    record, _ = UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "ip_address": _client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:400],
            "created_at": timezone.now(),
            "last_seen_at": timezone.now(),
        },
    )
    return record


def session_touch(*, request) -> bool:
    """Note the activity of the signed-in ``request`` (whose session has a key) at most once every
    ``NASTAVNIK_SESSION_TOUCH_SECONDS``: the session is saved again (which moves its expiry
    ``SESSION_COOKIE_AGE`` ahead: the idle timeout) and its row's last activity and address are
    updated (the row is created for a session opened before it was followed).

    Returns whether anything was written.
    """
    session = request.session
    now = int(time.time())
    seen = session.get(SEEN_KEY)
    if isinstance(seen, int) and 0 <= now - seen < settings.NASTAVNIK_SESSION_TOUCH_SECONDS:
        return False
    session[SEEN_KEY] = now
    changed = UserSession.objects.filter(session_key=session.session_key).update(
        last_seen_at=timezone.now(), ip_address=_client_ip(request)
    )
    if not changed:
        UserSession.objects.create(
            session_key=session.session_key,
            user=request.user,
            ip_address=_client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
        )
    return True


def session_rekeyed(*, old_key: str | None, new_key: str | None) -> None:
    """Follow a session whose key changed (``cycle_key`` after a password change)."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def session_closed(*, session_key: str | None) -> None:
    """Forget the row of a session that signed out."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def sessions_end(*, user, keep: str | None = None, only: str | None = None) -> int:
    """End ``user``'s signed-in sessions: every one but ``keep`` (a session key), or only the
    session ``only``. Each is deleted from the session store — its browser is signed out at
    its next request — and its row is removed.

    Returns the number of sessions ended.
    """
    rows = UserSession.objects.filter(user=user)
    if only is not None:
        rows = rows.filter(session_key=only)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    store = _store()
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)
