"""Authentication of API requests by token (issue 17): knox's tokens, with the token's user named
the actor of the journal entries the request makes.

The journal's middleware (``audit.middleware.AuditMiddleware``) takes the actor from the session
before the view runs; a request signed by a token has no session, and DRF knows its user only
once the view authenticates it. Without this, a person changed through the API was journaled
without anyone behind the change.
"""

from __future__ import annotations

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from nastavnik.audit.middleware import actor_set


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token <token>`` (a token made on the profile page); returns ``(user,
    token)`` or ``None`` without the header, raises ``AuthenticationFailed`` (401) for a wrong,
    expired or revoked token or an inactive user, as knox does."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            actor_set(result[0])
        return result


class TokenScheme(KnoxTokenScheme):
    """The token's security scheme in the OpenAPI schema, as drf-spectacular describes knox's."""

    target_class = "nastavnik.accounts.authentication.TokenAuthentication"
