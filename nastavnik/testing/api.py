"""Helpers of the API's tests (issue 17): a client signed in as a persona, the ids of a list."""

from __future__ import annotations

from rest_framework.test import APIClient


def api(world, persona: str) -> APIClient:
    """An API client signed in (by session) as ``world.users[persona]``; the anonymous persona
    stays signed out. ``world``: the persona world or the matrix world."""
    client = APIClient()
    user = world.users[persona]
    if user.is_authenticated:
        client.force_login(user)
    return client


def ids(response) -> set:
    """The ids of the rows of a list's page (a 200 is asserted first, with the body shown)."""
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}
