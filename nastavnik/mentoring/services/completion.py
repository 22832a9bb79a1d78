"""Completion of a personalized program: the mentor's report and the completion itself with the
«full cycle» mark (seed 004 §6.2.3: reflective-analytical and resultative stages; 003 §4.8;
002 §9). The mentee's self-assessment of difficulties before and after is a questionnaire of
monitoring (``monitoring.lifecycle``), required through the registered conditions of
``selectors.completion``.

Each service checks its actor as the views do (``selectors.participants.program_roles``): the
mentor or the manager report, the manager completes; ``by=None`` is the system. Entering the
reflective stage and the completion send ``mentoring.signals`` inside the transaction.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.development.services.links import route_record_program_result
from nastavnik.mentoring import signals
from nastavnik.mentoring.choices import EventKind, PairEndReason, ProgramStatus
from nastavnik.mentoring.models import MentorReport, PersonalizedProgram
from nastavnik.mentoring.selectors.completion import completion_conditions
from nastavnik.mentoring.services.common import (
    STAGE_REFLECTIVE,
    STAGE_RESULTATIVE,
    program_locked,
    require_program_role,
    stage,
)
from nastavnik.mentoring.services.events import program_event_write
from nastavnik.mentoring.services.requests import pair_requests_close

logger = logging.getLogger("nastavnik.mentoring")

#: The refusal of the report page, said by the service too.
REPORT_REFUSAL = "Отчёт представляет наставник или куратор программы."


@transaction.atomic
def mentor_report_submit(
    *,
    program: PersonalizedProgram,
    by,
    work_done: str,
    results: str,
    products: str = "",
    recommendations: str = "",
    attachment=None,
) -> MentorReport:
    """Submit the mentor's report on the implementation of ``program`` (seed 004 §6.2.3:
    «подготовка наставником отчета о реализации программы сопровождения»), by its mentor or
    its manager (``by``, checked here; ``None`` is the system), while the program is under way. A new report
    replaces the earlier one (its file is kept when no new ``attachment`` is given). Moves the
    program to the reflective-analytical stage when it is at an earlier one. Writes a «report»
    event (and a «stage» event when the stage moves, and sends
    ``signals.program_reflection_started``: the mentee's «after» self-assessment opens).

    Raises:
        PermissionDenied: ``by`` is neither the program's manager nor its mentor.
        ValidationError: the program is not under way; the work done or the results are empty.
    """
    program = program_locked(program)
    require_program_role(program, by, mentor=True, message=REPORT_REFUSAL)
    if program.status != ProgramStatus.ACTIVE:
        raise ValidationError(
            "Отчёт наставника представляется, пока программа реализуется; сейчас статус программы — "
            f"«{program.get_status_display()}»."
        )
    errors = {}
    if not (work_done or "").strip():
        errors["work_done"] = "Опишите проделанную работу."
    if not (results or "").strip():
        errors["results"] = "Опишите достигнутые результаты."
    if errors:
        raise ValidationError(errors)
    report = MentorReport.objects.filter(program=program).first()
    replaced = report is not None
    if report is None:
        report = MentorReport(program=program)
    report.author = by if getattr(by, "is_authenticated", False) else None
    report.work_done = work_done.strip()
    report.results = results.strip()
    report.products = (products or "").strip()
    report.recommendations = (recommendations or "").strip()
    report.submitted_on = timezone.localdate()
    if attachment is not None:
        check_field_upload(DOCUMENT_CHECK, attachment, "attachment")
        report.attachment = attachment
    report.full_clean()
    report.save()
    program_event_write(
        program=program,
        kind=EventKind.REPORT,
        summary="Отчёт наставника заменён новым" if replaced else "Представлен отчёт наставника",
        by=by,
    )
    reflective = stage(STAGE_REFLECTIVE)
    if program.stage is None or program.stage.sort_order < reflective.sort_order:
        program.stage = reflective
        program.save(update_fields=["stage", "updated_at"])
        program_event_write(
            program=program, kind=EventKind.STAGE, summary=f"Начат этап: {reflective.name}", by=by
        )
        signals.send(signals.program_reflection_started, program, by)
    return report


@transaction.atomic
def program_complete(*, program: PersonalizedProgram, by, results: str) -> PersonalizedProgram:
    """Complete ``program`` (seed 003 §4.8: the results of each pair or group; 004 §6.2.3: the
    resultative stage; 002 §9: participation counts only a full cycle). ``by`` is the manager
    (the curator or the head: the ``complete`` step of ``choices.PROGRAM_STEPS``, checked here);
    ``results`` — the results of the pair (group).

    Requires every condition of :func:`selectors.completion.completion_conditions`: the
    program is under way, the mentor's report is submitted, every current mentee answered the
    self-assessment of difficulties before and after (registered by monitoring), the final
    meeting is held.

    In one transaction: status «Завершена», ``completed_on`` today, the resultative stage, the
    results saved; the open pairs end today with the reason «Программа завершена»; each current
    mentee's ``MenteeProfile.full_cycle_completed_on`` is set to today (the only place that sets
    it); a «status» event (from «Реализуется» to «Завершена») and a «stage» event; the program's
    result on each live individual educational route of its mentees
    (``development.services.links.route_record_program_result``, issue 18).

    Raises:
        PermissionDenied: ``by`` does not manage the program.
        ValidationError: with the full Russian list of what is missing; nothing is written then.
    """
    from nastavnik.access.rules import require_perm
    from nastavnik.bank.models import MenteeProfile
    from nastavnik.mentoring.choices import PROGRAM_STEPS

    program = program_locked(program)
    require_perm(by, "personalizedprogram", PROGRAM_STEPS["complete"].action, program)
    missing = [c.missing for c in completion_conditions(program) if not c.met]
    if not (results or "").strip():
        missing.append("не описаны итоги работы пары (группы)")
    if missing:
        raise ValidationError(
            ["Программу нельзя завершить:"] + [f"— {m};" for m in missing[:-1]] + [f"— {missing[-1]}."]
        )
    today = timezone.localdate()
    from_status = program.status
    resultative = stage(STAGE_RESULTATIVE)
    program.status = ProgramStatus.COMPLETED
    program.completed_on = today
    program.stage = resultative
    program.results = results.strip()
    program.full_clean()
    program.save()

    pairs = list(program.pairs.filter(ended_on__isnull=True).select_related("mentee"))
    for pair in pairs:
        pair.ended_on = max(today, pair.started_on)
        pair.end_reason = PairEndReason.COMPLETED
        pair.full_clean()
        pair.save(update_fields=["ended_on", "end_reason"])
    pair_requests_close(pairs=pairs, by=by, comment="Программа завершена.")
    mentee_ids = [pair.mentee_id for pair in pairs]
    marked = MenteeProfile.objects.filter(person_id__in=mentee_ids).update(full_cycle_completed_on=today)
    names = ", ".join(pair.mentee.short_name for pair in pairs)
    program_event_write(
        program=program,
        kind=EventKind.STATUS,
        summary=f"Программа завершена; отметка о прохождении полного цикла: {names}",
        comment=program.results,
        by=by,
        from_status=from_status,
        to_status=program.status,
    )
    program_event_write(
        program=program, kind=EventKind.STAGE, summary=f"Начат этап: {resultative.name}", by=by
    )
    route_record_program_result(program=program, by=by)
    signals.send(signals.program_completed, program, by)
    logger.info(
        "program %s completed by user %s: %s pairs ended, %s full-cycle marks",
        program.pk,
        getattr(by, "pk", None),
        len(pairs),
        marked,
    )
    return program
