"""Clients of the persona world for the audit tests."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def as_persona(world):
    """``as_persona("curator_a")``: a client signed in as that persona, from address 10.0.0.7
    (``REMOTE_ADDR``) unless ``address`` is given."""

    def make(name: str, address: str = "10.0.0.7") -> Client:
        client = Client(REMOTE_ADDR=address)
        client.force_login(world.users[name])
        return client

    return make
