"""The persona matrix of the part «incentives» of issue 19 (see the package's docstring)."""

from __future__ import annotations

from nastavnik.testing.matrix_groups import NONE, SIGNED, e  # noqa: F401  (the persona groups)

PROVIDERS: dict = {}
QUERIES: dict = {}
BODIES: dict = {}
EXPECTED: dict = {}
PUBLIC: set[str] = set()
REGIONAL: set[str] = set()


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """Add the part's objects to the variants (nothing yet)."""
