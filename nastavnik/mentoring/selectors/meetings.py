"""Reads of meetings and requests for the program page."""

from __future__ import annotations


def meetings_context(program, user, roles) -> dict:
    """Template context of the meetings and requests sections of the program page
    (``mentoring/_program_meetings.html``, ``mentoring/_program_requests.html``)."""
    return {}
