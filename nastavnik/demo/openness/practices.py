"""The demo of the part «practices» of issue 19 (see the package's docstring)."""

from __future__ import annotations


def write(context) -> str:
    """Write the part's demo rows; a Russian summary line ("" when nothing is written yet)."""
    return ""


def delete(region) -> None:
    """Delete the part's rows of ``region``."""
