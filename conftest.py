"""Project-wide pytest fixtures."""

import pytest


@pytest.fixture
def world(db):
    """The persona world (see ``nastavnik.testing.personas``)."""
    from nastavnik.testing.personas import build_world

    return build_world()
