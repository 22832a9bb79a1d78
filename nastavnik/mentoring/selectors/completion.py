"""Reads of the completion of a program for the program page."""

from __future__ import annotations


def completion_context(program, user, roles) -> dict:
    """Template context of the completion section of the program page
    (``mentoring/_program_completion.html``)."""
    return {}
