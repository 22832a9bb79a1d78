"""Fixtures of the accounts tests."""

import pytest

PASSWORD = "Наставник-2026-верный"


@pytest.fixture
def axes_on(settings):
    """django-axes as in production (the test settings turn it off for ``Client.login``)."""
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def curator(world):
    """School A's curator with a known password and e-mail address."""
    user = world.users["curator_a"]
    user.set_password(PASSWORD)
    user.email = "curator.a@school.example"
    user.save()
    return user


def form_login(client, username: str, password: str):
    """Sign in through the login form, as a browser does (django-axes sees the request)."""
    return client.post("/login/", {"username": username, "password": password})
