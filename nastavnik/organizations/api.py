"""The REST API of this app (issue 17): serializers, viewsets on ``core.api.ScopedViewSetMixin``
and ``register(router)``, gathered by ``nastavnik.api.urls``."""

from __future__ import annotations


def register(router) -> None:
    """Register this app's viewsets on the API ``router``."""
