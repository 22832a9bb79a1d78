"""The history of a program: every service that changes a program writes one event here."""

from __future__ import annotations

from nastavnik.mentoring.models import PersonalizedProgram, ProgramEvent


def program_event_write(
    *,
    program: PersonalizedProgram,
    kind: str,
    summary: str,
    by=None,
    comment: str = "",
    from_status: str = "",
    to_status: str = "",
    request=None,
) -> ProgramEvent:
    """Append one event (``EventKind`` ``kind``, a Russian ``summary`` of what was done) to the
    history of ``program``, by the user ``by`` (``None`` for the system), now. ``request``: the
    participant's request the event is about; the event is then shown only to those who may see
    the request (``mentoring.selectors.history.program_history``)."""
    return ProgramEvent.record(
        program=program,
        kind=kind,
        summary=summary,
        comment=comment,
        by=by,
        from_status=from_status,
        to_status=to_status,
        request=request,
    )
