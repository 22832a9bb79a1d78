"""Tokens of the REST API (issue 17): a user makes their own on the profile page, sees them
(created, valid until, the first characters) and revokes one or all.

A token is django-rest-knox's ``AuthToken`` (``accounts.models.ApiToken`` is its proxy with a
Russian name): knox keeps only a hash, so the token is shown once, when it is made. It acts with
the rights of its user — the same scope as the user's pages — and stops working when revoked,
when it expires (``REST_KNOX["TOKEN_TTL"]``, ``NASTAVNIK_API_TOKEN_DAYS``) or when the account
is blocked. Making and revoking are written to the journal (``audit``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nastavnik.accounts.models import ApiToken
from nastavnik.audit.choices import LogAction
from nastavnik.audit.models import AuditEvent


def _limit() -> int:
    return int(settings.REST_KNOX.get("TOKEN_LIMIT_PER_USER") or 0)


def api_tokens(user):
    """The valid tokens of ``user`` (not expired), newest first: ``ApiToken`` rows with
    ``token_key`` (the first characters), ``created`` and ``expiry`` (``None``: until revoked)."""
    return (
        ApiToken.objects.filter(user=user)
        .filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))
        .order_by("-created")
    )


def _journal(token: ApiToken, *, action: int, user) -> None:
    AuditEvent.objects.log_create(
        token,
        force_log=True,
        action=action,
        actor=user,
        content_type=ContentType.objects.get_for_model(ApiToken, for_concrete_model=False),
        object_pk=token.token_key,
    )


@transaction.atomic
def api_token_create(*, user) -> tuple[ApiToken, str]:
    """Make a new token of ``user``; returns ``(row, token)`` — ``token`` is the full secret,
    which is not kept and cannot be shown again. Expired tokens of the user are deleted first.

    Raises:
        ValidationError: the user already has ``REST_KNOX["TOKEN_LIMIT_PER_USER"]`` valid tokens.
    """
    ApiToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()
    limit = _limit()
    if limit and ApiToken.objects.filter(user=user).count() >= limit:
        raise ValidationError(
            f"У вас уже {limit} действующих токенов — это наибольшее число. Отзовите ненужные и создайте новый."
        )
    row, token = ApiToken.objects.create(user=user)
    _journal(row, action=LogAction.CREATE, user=user)
    return row, token


@transaction.atomic
def api_token_revoke(*, user, token_key: str) -> bool:
    """Revoke the token of ``user`` whose first characters are ``token_key``; ``False`` when the
    user has no such token (someone else's is never touched)."""
    rows = list(ApiToken.objects.filter(user=user, token_key=token_key))
    for row in rows:
        _journal(row, action=LogAction.DELETE, user=user)
        ApiToken.objects.filter(pk=row.pk).delete()
    return bool(rows)


@transaction.atomic
def api_tokens_revoke_all(*, user) -> int:
    """Revoke every token of ``user``; returns how many were valid."""
    rows = list(api_tokens(user))
    for row in rows:
        _journal(row, action=LogAction.DELETE, user=user)
    ApiToken.objects.filter(user=user).delete()
    return len(rows)
