"""Fixtures of the bank's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def failing_bulk_insert(monkeypatch):
    """``fail(model, error)``: from now on the import's writer fails with ``error`` when it comes
    to write the rows of ``model`` (a database refusing them midway); other rows are written."""
    from nastavnik.bank.importing import services

    real = services.bulk_insert

    def fail(model, error: Exception) -> None:
        def broken(objs, **kwargs):
            if objs and isinstance(objs[0], model):
                raise error
            return real(objs, **kwargs)

        monkeypatch.setattr(services, "bulk_insert", broken)

    return fail
