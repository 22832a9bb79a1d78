"""What the system keeps about an account beyond ``auth.User``: whether its password was set
by its owner, its invitation, its signed-in sessions (browser, address, last activity) and its
tokens of the REST API."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from knox.models import AuthToken

from nastavnik.core.users import user_name


class AccountStatus(models.Model):
    """The password history of one account that matters for its safety.

    ``must_change_password``: the password was set by somebody else (an account imported or
    created with a password that was handed over, an administrator's reset in the admin): the
    owner is sent to the change page until they set their own. An account without a row needs
    nothing (created by its owner, the demo accounts with their published password).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="учётная запись",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="account_status",
    )
    must_change_password = models.BooleanField("должен сменить пароль при входе", default=False)
    password_changed_at = models.DateTimeField("пароль задан владельцем", null=True, blank=True)
    invited_at = models.DateTimeField("приглашение отправлено", null=True, blank=True)

    class Meta:
        verbose_name = "состояние учётной записи"
        verbose_name_plural = "состояния учётных записей"

    def __str__(self) -> str:
        return str(self.user)


class UserSession(models.Model):
    """One signed-in session of a user: the key of the session in Django's session store, where
    and with what it was opened, when it was last used (refreshed at most once a minute).

    A row is written at login and removed at logout or when the session is ended from the
    sessions page; rows idle longer than ``SESSION_COOKIE_AGE`` (their session has expired)
    are pruned at the next login of anybody.
    """

    session_key = models.CharField("ключ сеанса", max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь",
        on_delete=models.CASCADE,
        related_name="tracked_sessions",
    )
    ip_address = models.GenericIPAddressField("адрес", null=True, blank=True)
    user_agent = models.CharField("браузер", max_length=400, blank=True)
    created_at = models.DateTimeField("вход", default=timezone.now)
    last_seen_at = models.DateTimeField("последнее действие", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "сеанс пользователя"
        verbose_name_plural = "сеансы пользователей"
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{user_name(self.user)} — {timezone.localtime(self.last_seen_at):%d.%m.%Y %H:%M}"


class ApiToken(AuthToken):
    """A token of the REST API (django-rest-knox's ``AuthToken``, issue 17), under a Russian name
    for the journal and the admin: the user makes and revokes their own on the profile page
    (``accounts.tokens``). knox keeps a hash (``digest``) and the first characters
    (``token_key``), never the token itself."""

    class Meta:
        proxy = True
        verbose_name = "токен доступа к API"
        verbose_name_plural = "токены доступа к API"

    def __str__(self) -> str:
        return f"Токен доступа к API «{self.token_key}…»"
