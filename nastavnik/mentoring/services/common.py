"""What every write to a personalized program shares: its row locked for the transaction, the
allowed steps (``choices.PROGRAM_STEPS``, with the right each needs) and the stages by code (seed 004 §6.2.3)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from nastavnik.mentoring.choices import PROGRAM_STEPS, PROGRAM_TRANSITIONS, ProgramStatus
from nastavnik.mentoring.models import PersonalizedProgram

#: Codes of the stages (reference ``PersonalizedProgramStage``, seed 004 §6.2.3).
STAGE_PREPARATORY = "preparatory"
STAGE_DESIGN = "design"
STAGE_IMPLEMENTATION = "implementation"
STAGE_REFLECTIVE = "reflective_analytical"
STAGE_RESULTATIVE = "resultative"


def program_locked(program: PersonalizedProgram) -> PersonalizedProgram:
    """The row of ``program`` as it is in the database (with its stage), locked until the end of
    the transaction: two managers pressing «Утвердить» at once act one after the other."""
    return (
        PersonalizedProgram.objects.select_for_update(of=("self",)).select_related("stage").get(pk=program.pk)
    )


def require_transition(program: PersonalizedProgram, to_status: str) -> None:
    """Raise a Russian ``ValidationError`` unless ``PROGRAM_TRANSITIONS`` allow moving
    ``program`` to ``to_status``."""
    if to_status not in PROGRAM_TRANSITIONS.get(program.status, frozenset()):
        raise ValidationError(
            f"Нельзя перевести программу из статуса «{program.get_status_display()}» "
            f"в статус «{ProgramStatus(to_status).label}»."
        )


def require_step(program: PersonalizedProgram, action: str, by) -> None:
    """Check the step ``action`` of ``choices.PROGRAM_STEPS`` on ``program`` (its row as locked)
    for ``by``: ``PermissionDenied`` unless ``by`` holds the step's right over the program
    (``access.rules``; ``by=None`` is the system), then ``ValidationError`` unless the program's
    status is one the step starts from."""
    from nastavnik.access.rules import require_perm

    require_perm(by, "personalizedprogram", action, program)
    require_transition(program, PROGRAM_STEPS[action].target)


def require_program_role(
    program: PersonalizedProgram, by, *, mentor: bool = False, mentee: bool = False, message: str = ""
) -> None:
    """``PermissionDenied`` (with ``message``, in Russian) unless ``by`` may act on ``program``
    as its pages allow: its manager (the ``personalizedprogram`` ``change`` right over it,
    ``access.rules``) or, when ``mentor``/``mentee`` is set, a mentor/mentee of one of its
    current pairs (``selectors.participants.program_roles``, the rule the views use). ``by=None``
    is the system and is allowed (seed 004 §6.2.3: the mentor and the mentee carry out the plan)."""
    from django.core.exceptions import PermissionDenied

    from nastavnik.access.rules import DEFAULT_REFUSAL
    from nastavnik.mentoring.selectors.participants import program_roles

    if by is None:
        return
    roles = program_roles(by, program)
    if roles.manager or (mentor and roles.mentor) or (mentee and roles.mentee):
        return
    raise PermissionDenied(message or DEFAULT_REFUSAL)


def stage(code: str):
    """The ``reference.PersonalizedProgramStage`` of ``code`` (one of the ``STAGE_*`` codes)."""
    from nastavnik.reference.models import PersonalizedProgramStage

    return PersonalizedProgramStage.objects.get(code=code)
