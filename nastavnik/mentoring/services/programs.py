"""Writes to a personalized program after it is formed (``services.pairs.program_create``): its
contents while a draft, the named status actions, the stages and the activity plan
(seed 000 §1.3, 004 §6.2.3).

Every function is keyword-only, runs in one transaction with the program's row locked, and
writes one ``ProgramEvent`` (``services.events.program_event_write``) with its author.
«Завершена» is not reached here: completion (self-assessment and the mentor's report) lives
in ``services.completion``. Each write checks its actor
``by`` itself (``services.common.require_step`` / ``require_program_role``; ``by=None`` is the
system): the program's managers (the ``personalizedprogram`` ``change`` right) change it, and
its mentor and mentee also report the plan (:func:`plan_item_report`), as the pages allow.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.core.concurrency import version_claim
from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.mentoring import signals
from nastavnik.mentoring.choices import (
    OPEN_PROGRAM_STATUSES,
    ActivityStatus,
    EventKind,
    MeetingStatus,
    PairEndReason,
    ProgramStatus,
)
from nastavnik.mentoring.models import ActivityPlanItem, Meeting, Pair, PersonalizedProgram
from nastavnik.mentoring.periods import program_period_errors
from nastavnik.mentoring.services.common import (
    STAGE_DESIGN,
    STAGE_IMPLEMENTATION,
    STAGE_REFLECTIVE,
    STAGE_RESULTATIVE,
    program_locked,
    require_program_role,
    require_step,
    stage,
)
from nastavnik.mentoring.services.events import program_event_write

logger = logging.getLogger("nastavnik.mentoring")

#: Fields of a draft program that :func:`program_update` may change (the rest — organization,
#: format, status, stage and dates of the actions — change only through their own services).
PROGRAM_FIELDS = (
    "mentoring_program",
    "mentoring_form",
    "interaction_model",
    "direction",
    "goals",
    "expected_results",
    "starts_on",
    "ends_on",
    "curator",
)
PROGRAM_M2M = ("kinds", "deficits")
#: Fields of a plan item that :func:`plan_item_add` and :func:`plan_item_update` set.
PLAN_ITEM_FIELDS = ("stage", "title", "starts_on", "ends_on", "expected_product")

#: Statuses in which the plan is kept and reported.
PLAN_REPORT_STATUSES = (ProgramStatus.APPROVED, ProgramStatus.ACTIVE)


def _labels(model, names: list[str]) -> str:
    """The verbose names of the fields ``names`` of ``model``, in the model's order."""
    order = [field.name for field in model._meta.get_fields()]
    return ", ".join(str(model._meta.get_field(n).verbose_name) for n in sorted(names, key=order.index))


def _stage_at_least(program: PersonalizedProgram, code: str) -> bool:
    """Move ``program`` (unsaved) to the stage ``code`` unless it is already there or later;
    ``True`` when the stage changed."""
    target = stage(code)
    if program.stage is not None and program.stage.sort_order >= target.sort_order:
        return False
    program.stage = target
    return True


def _set_status(
    *,
    program: PersonalizedProgram,
    fresh: PersonalizedProgram,
    to_status: str,
    by,
    summary: str,
    comment: str = "",
    update_fields: tuple[str, ...] = (),
) -> PersonalizedProgram:
    """Save ``fresh`` in ``to_status`` with the other ``update_fields``, write the status event
    and bring the caller's ``program`` up to date."""
    from_status = fresh.status
    fresh.status = to_status
    fresh.full_clean()
    fresh.save(update_fields=["status", "updated_at", *update_fields])
    program_event_write(
        program=fresh,
        kind=EventKind.STATUS,
        summary=summary,
        by=by,
        comment=comment,
        from_status=from_status,
        to_status=to_status,
    )
    logger.info("program %s: %s → %s by user %s", fresh.pk, from_status, to_status, getattr(by, "pk", None))
    program.refresh_from_db()
    return program


def _same(before, after) -> bool:
    """Whether two values of a field are the same (model instances by primary key)."""
    if hasattr(before, "pk") or hasattr(after, "pk"):
        return getattr(before, "pk", None) == getattr(after, "pk", None)
    return before == after


# Contents of a draft ---------------------------------------------------------------------------


@transaction.atomic
def program_update(
    *, program: PersonalizedProgram, by, expected_version: int | None = None, **fields
) -> PersonalizedProgram:
    """Change the contents of a draft program (seed 000 §1.3: forms and kinds, participants,
    direction, activities aimed at the mentee's difficulties; 004 §6.2.3).

    ``fields``: any of ``PROGRAM_FIELDS`` (model values: ``mentoring_form`` a
    ``reference.MentoringForm``, ``curator`` a ``people.Person``, dates ``datetime.date``…) and
    of ``PROGRAM_M2M`` (``kinds``: ``reference.MentoringKind`` rows, at least one;
    ``deficits``: ``development.Deficit`` rows of the program's mentees). Omitted fields stay.
    Writes one «updated» event naming the changed fields; nothing when nothing changed. Open
    pairs that started after a new ``starts_on`` start on it (the event says so), so that no
    meeting of the program falls before its pair.

    ``expected_version``: the program's ``version`` when the user opened the form (optimistic
    locking, ``core.concurrency``; the page's hidden field, the API's ``version``); ``None`` does
    not check. Every write of the program increases its version.

    Returns ``program``, refreshed from the database.

    Raises:
        ConcurrentEditError: (``core.concurrency``, a ``ValidationError``) the program was
            changed or deleted since ``expected_version``; nothing written, ``current`` is the
            stored program.
        PermissionDenied: ``by`` is not the program's manager (``by=None`` is the system).
        TypeError: a field not in ``PROGRAM_FIELDS`` or ``PROGRAM_M2M``.
        ValidationError: the program is not a draft; the period is not three to twelve calendar
            months (seed 000 §1.3) or leaves plan items outside it; a deficit not of the
            program's mentees; no kind; a curator who does not work in the organization now;
            the organization's program of another organization; a form of mentoring that
            does not admit the participants of an open pair (issue 20; seed 003 §4.2); a field
            invalid.
    """
    from nastavnik.development.models import Deficit
    from nastavnik.people.models import Employment

    unknown = set(fields) - set(PROGRAM_FIELDS) - set(PROGRAM_M2M)
    if unknown:
        raise TypeError(f"program_update() got unexpected fields: {', '.join(sorted(unknown))}")
    version_claim(PersonalizedProgram, program.pk, expected_version)
    fresh = program_locked(program)
    require_program_role(fresh, by)
    if fresh.status != ProgramStatus.DRAFT:
        raise ValidationError(
            f"Изменять можно только проект программы, а эта программа в статусе "
            f"«{fresh.get_status_display()}». Чтобы изменить утверждённую программу, верните её "
            "на доработку."
        )
    m2m = {name: list(fields.pop(name)) for name in PROGRAM_M2M if name in fields}
    changed = [name for name, value in fields.items() if not _same(getattr(fresh, name), value)]
    for name, value in fields.items():
        setattr(fresh, name, value)

    period_errors = program_period_errors(fresh.starts_on, fresh.ends_on)
    if period_errors:
        raise ValidationError({"ends_on": period_errors})
    outside = fresh.plan_items.exclude(starts_on__gte=fresh.starts_on, ends_on__lte=fresh.ends_on)
    titles = list(outside.values_list("title", flat=True)[:5])
    if titles:
        raise ValidationError(
            {
                "ends_on": "Мероприятия плана выходят за новый срок программы: "
                + "; ".join(f"«{t}»" for t in titles)
                + ". Сначала измените их даты."
            }
        )
    if fresh.curator_id and "curator" in changed:
        employed = Employment.objects.current().filter(
            person_id=fresh.curator_id, organization=fresh.organization_id
        )
        if not employed.exists():
            raise ValidationError({"curator": "Куратор назначается из работников организации программы."})
    if "mentoring_form" in changed:
        from nastavnik.mentoring.services.pairs import couples_form_errors

        open_pairs = fresh.pairs.filter(ended_on__isnull=True).select_related("mentor", "mentee")
        form_errors = couples_form_errors(fresh.mentoring_form, [(p.mentor, p.mentee) for p in open_pairs])
        if form_errors:
            raise ValidationError({"mentoring_form": form_errors})
    if fresh.mentoring_program_id and fresh.mentoring_program.organization_id != fresh.organization_id:
        raise ValidationError(
            {
                "mentoring_program": "Выберите программу наставничества организации, в которой реализуется программа."
            }
        )
    if "kinds" in m2m:
        if not m2m["kinds"]:
            raise ValidationError({"kinds": "Укажите хотя бы один вид наставничества."})
        if {k.pk for k in m2m["kinds"]} != set(fresh.kinds.values_list("pk", flat=True)):
            changed.append("kinds")
    if "deficits" in m2m:
        wanted = {d.pk for d in m2m["deficits"]}
        mentees = fresh.pairs.filter(ended_on__isnull=True).values("mentee_id")
        own = set(Deficit.objects.filter(pk__in=wanted, person_id__in=mentees).values_list("pk", flat=True))
        if wanted - own:
            raise ValidationError(
                {"deficits": "Программа направлена только на затруднения своих наставляемых."}
            )
        if wanted != set(fresh.deficits.values_list("pk", flat=True)):
            changed.append("deficits")

    fresh.full_clean()
    fresh.save()
    for name, values in m2m.items():
        getattr(fresh, name).set(values)
    # A program that starts before its pairs were entered records work that began earlier
    # (the pairs fixed by the head's order of that date): its open pairs start with it, so that
    # no meeting of the program falls before its pair.
    backdated = list(
        Pair.objects.select_for_update()
        .filter(program=fresh, ended_on__isnull=True, started_on__gt=fresh.starts_on)
        .select_related("mentor", "mentee")
    )
    for pair in backdated:
        pair.started_on = fresh.starts_on
        pair.save(update_fields=["started_on"])
    if changed:
        labels = _labels(PersonalizedProgram, changed)
        summary = f"Изменено: {labels}"
        if backdated:
            names = ", ".join(f"{p.mentor.short_name} → {p.mentee.short_name}" for p in backdated)
            summary += f"; пары работают с {fresh.starts_on:%d.%m.%Y}: {names}"
        program_event_write(program=fresh, kind=EventKind.UPDATED, summary=summary, by=by)
    program.refresh_from_db()
    return program


# Status actions --------------------------------------------------------------------------------


def program_approval_problems(program: PersonalizedProgram) -> list[str]:
    """Russian messages for what a program lacks to be approved; empty when it may be.

    The one rule of ``selectors.readiness.program_lacks`` (issue 15 item 8: a program is
    approved only when its documents could be issued; the documents of the program refuse with
    the same items): a curator (seed 004 §6.2.3), goals, expected results and the addressed
    difficulties (seed 000 §1.3), at least one activity of the plan, at least one open pair,
    the job titles of the participants and of the curator, and the written consents of every
    open pair's mentor and mentee (seed 001 §4.4.3, 004 §1.6.2–1.6.3, §1.6.6).
    """
    from nastavnik.mentoring.selectors.readiness import program_lacks

    return [lack.problem for lack in program_lacks(program)]


@transaction.atomic
def program_approve(
    *, program: PersonalizedProgram, by, comment: str = "", approved_on: dt.date | None = None
) -> PersonalizedProgram:
    """Approve a draft program (Проект → Утверждена): set ``approved_on`` (today by default)
    and move it to the design stage (seed 004 §6.2.3: «проектировочный этап»), unless it is
    already there or later.

    Returns ``program``, refreshed.

    Raises:
        ValidationError: not a draft; a date of approval in the future; or one message listing
            what :func:`program_approval_problems` finds missing.
    """
    fresh = program_locked(program)
    require_step(fresh, "approve", by)
    today = timezone.localdate()
    approved_on = approved_on or today
    if approved_on > today:
        raise ValidationError({"approved_on": "Дата утверждения не может быть в будущем."})
    problems = program_approval_problems(fresh)
    if problems:
        raise ValidationError("Программу нельзя утвердить: " + "; ".join(problems) + ".")
    fresh.approved_on = approved_on
    fields = ("approved_on",)
    if _stage_at_least(fresh, STAGE_DESIGN):
        fields += ("stage",)
    return _set_status(
        program=program,
        fresh=fresh,
        to_status=ProgramStatus.APPROVED,
        by=by,
        summary=f"Программа утверждена {approved_on:%d.%m.%Y}; этап: {fresh.stage}",
        comment=comment,
        update_fields=fields,
    )


@transaction.atomic
def program_return_to_draft(*, program: PersonalizedProgram, by, comment: str) -> PersonalizedProgram:
    """Return an approved program for revision (Утверждена → Проект); the date of approval is
    cleared, the stage stays.

    Returns ``program``, refreshed.

    Raises:
        ValidationError: not approved; no ``comment`` (what to revise).
    """
    fresh = program_locked(program)
    require_step(fresh, "return", by)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Укажите, что нужно доработать в программе."})
    fresh.approved_on = None
    return _set_status(
        program=program,
        fresh=fresh,
        to_status=ProgramStatus.DRAFT,
        by=by,
        summary="Программа возвращена на доработку",
        comment=comment,
        update_fields=("approved_on",),
    )


@transaction.atomic
def program_start(*, program: PersonalizedProgram, by, comment: str = "") -> PersonalizedProgram:
    """Start an approved program (Утверждена → Реализуется) and move it to the implementation
    stage (seed 004 §6.2.3: «реализационный этап»), unless it is already there or later. Sends
    ``signals.program_started`` (the «before» questionnaires are assigned, seed 004 §9.2), and
    ``signals.program_reflection_started`` when the program is already at the reflective stage.

    Returns ``program``, refreshed.

    Raises:
        ValidationError: not approved; no open pair left.
    """
    fresh = program_locked(program)
    require_step(fresh, "start", by)
    if not fresh.pairs.filter(ended_on__isnull=True).exists():
        raise ValidationError("Программу нельзя начать: в ней нет ни одной действующей пары.")
    fields = ("stage",) if _stage_at_least(fresh, STAGE_IMPLEMENTATION) else ()
    _set_status(
        program=program,
        fresh=fresh,
        to_status=ProgramStatus.ACTIVE,
        by=by,
        summary=f"Начата реализация программы; этап: {fresh.stage}",
        comment=comment,
        update_fields=fields,
    )
    signals.send(signals.program_started, fresh, by)
    if fresh.stage.sort_order >= stage(STAGE_REFLECTIVE).sort_order:
        signals.send(signals.program_reflection_started, fresh, by)
    return program


@transaction.atomic
def program_terminate(
    *, program: PersonalizedProgram, by, reason: str, terminated_on: dt.date | None = None
) -> PersonalizedProgram:
    """Terminate an open program before its completion (→ Прекращена) for ``reason``: its open
    pairs end on ``terminated_on`` (today by default; a pair that starts later ends on its own
    first day) with the reason «Программа прекращена», their pending requests are closed, its
    planned meetings are cancelled, and ``terminated_on`` and ``termination_reason`` are kept
    (seed 000 §5.1.1, §5.2.1). A program may be terminated before it starts. Sends
    ``signals.program_terminated`` (what its participants still owe is cancelled).

    Returns ``program``, refreshed.

    Raises:
        ValidationError: already completed or terminated; no ``reason``; a date in the future.
    """
    fresh = program_locked(program)
    require_step(fresh, "terminate", by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Укажите основание прекращения программы."})
    today = timezone.localdate()
    terminated_on = terminated_on or today
    if terminated_on > today:
        raise ValidationError({"terminated_on": "Дата прекращения не может быть в будущем."})
    ended = []
    for pair in (
        Pair.objects.select_for_update()
        .filter(program=fresh, ended_on__isnull=True)
        .select_related("mentor", "mentee")
    ):
        pair.ended_on = max(terminated_on, pair.started_on)
        pair.end_reason = PairEndReason.TERMINATED
        pair.full_clean()
        pair.save(update_fields=["ended_on", "end_reason"])
        ended.append(f"{pair.mentor.short_name} → {pair.mentee.short_name}")
    from nastavnik.mentoring.services.requests import pair_requests_close

    pair_requests_close(
        pairs=Pair.objects.filter(program=fresh), by=by, comment=f"Программа прекращена: {reason}"
    )
    cancelled = Meeting.objects.filter(program=fresh, status=MeetingStatus.PLANNED).update(
        status=MeetingStatus.CANCELLED, notes="Программа прекращена."
    )
    if cancelled:
        program_event_write(
            program=fresh,
            kind=EventKind.MEETING,
            summary=f"Отменены запланированные встречи ({cancelled}): программа прекращается",
            by=by,
        )
    fresh.terminated_on = terminated_on
    fresh.termination_reason = reason
    summary = f"Программа прекращена {terminated_on:%d.%m.%Y}"
    if ended:
        summary += "; завершены пары: " + ", ".join(ended)
    _set_status(
        program=program,
        fresh=fresh,
        to_status=ProgramStatus.TERMINATED,
        by=by,
        summary=summary,
        comment=reason,
        update_fields=("terminated_on", "termination_reason"),
    )
    signals.send(signals.program_terminated, fresh, by)
    return program


# Stages ----------------------------------------------------------------------------------------


def program_next_stage(program: PersonalizedProgram):
    """The stage after the program's current one by ``sort_order`` (seed 004 §6.2.3), or
    ``None`` after the last one."""
    from nastavnik.reference.models import PersonalizedProgramStage

    stages = PersonalizedProgramStage.objects.order_by("sort_order", "pk")
    if program.stage is None:
        return stages.first()
    return stages.filter(sort_order__gt=program.stage.sort_order).first()


@transaction.atomic
def program_stage_advance(*, program: PersonalizedProgram, by, comment: str = "") -> PersonalizedProgram:
    """Move an approved or active program to its next stage (seed 004 §6.2.3: подготовительный →
    проектировочный → реализационный → рефлексивно-аналитический). The resultative stage is
    reached only by the completion (``services.completion``). Entering the reflective stage while
    active sends ``signals.program_reflection_started`` (the mentee's «after» self-assessment).

    Returns ``program``, refreshed.

    Raises:
        PermissionDenied: ``by`` is not the program's manager (``by=None`` is the system).
        ValidationError: the program is neither approved nor active; the next stage is the
            resultative one, or there is none.
    """
    fresh = program_locked(program)
    require_program_role(fresh, by)
    if fresh.status not in (ProgramStatus.APPROVED, ProgramStatus.ACTIVE):
        raise ValidationError(
            "Этапы сменяются только в утверждённой или реализуемой программе, а эта программа в "
            f"статусе «{fresh.get_status_display()}»."
        )
    following = program_next_stage(fresh)
    if following is None or following.code == STAGE_RESULTATIVE:
        raise ValidationError(
            "Следующий, результативный этап начинается с завершением программы: заполните "
            "самооценку наставляемого и отчёт наставника."
        )
    previous = fresh.stage
    fresh.stage = following
    fresh.full_clean()
    fresh.save(update_fields=["stage", "updated_at"])
    program_event_write(
        program=fresh,
        kind=EventKind.STAGE,
        summary=f"Начат этап: {following}" + (f" (завершён этап: {previous})" if previous else ""),
        by=by,
        comment=comment,
    )
    if following.code == STAGE_REFLECTIVE and fresh.status == ProgramStatus.ACTIVE:
        signals.send(signals.program_reflection_started, fresh, by)
    program.refresh_from_db()
    return program


# Activity plan ---------------------------------------------------------------------------------


def plan_item_date_errors(program: PersonalizedProgram, starts_on, ends_on) -> dict[str, str]:
    """Russian messages by field (``starts_on``, ``ends_on``) when an activity dated
    ``starts_on``–``ends_on`` is not within the period of ``program`` or ends before it starts;
    empty when the dates are right (either date may be ``None``: not checked)."""
    errors = {}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = "Окончание мероприятия не может быть раньше его начала."
    period = f"{program.starts_on:%d.%m.%Y}–{program.ends_on:%d.%m.%Y}"
    if starts_on and not program.starts_on <= starts_on <= program.ends_on:
        errors["starts_on"] = f"Начало мероприятия должно быть в пределах срока программы ({period})."
    if ends_on and "ends_on" not in errors and not program.starts_on <= ends_on <= program.ends_on:
        errors["ends_on"] = f"Окончание мероприятия должно быть в пределах срока программы ({period})."
    return errors


def _plan_item_clean(program: PersonalizedProgram, item: ActivityPlanItem) -> None:
    errors = plan_item_date_errors(program, item.starts_on, item.ends_on)
    if errors:
        raise ValidationError(errors)


def _require_open(program: PersonalizedProgram) -> None:
    if program.status not in OPEN_PROGRAM_STATUSES:
        raise ValidationError(f"План программы в статусе «{program.get_status_display()}» не изменяется.")


@transaction.atomic
def plan_item_add(
    *,
    program: PersonalizedProgram,
    by,
    stage,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    expected_product: str = "",
) -> ActivityPlanItem:
    """Add an activity to the program's plan (seed 000 §1.3: «перечень мероприятий»; 004 §6.2.3:
    ``stage`` a ``reference.PersonalizedProgramStage``), dated within the program's period.

    Raises:
        PermissionDenied: ``by`` is not the program's manager (``by=None`` is the system).
        ValidationError: the program is completed or terminated; dates outside the program's
            period or in the wrong order; a field invalid.
    """
    fresh = program_locked(program)
    require_program_role(fresh, by)
    _require_open(fresh)
    item = ActivityPlanItem(
        program=fresh,
        stage=stage,
        title=(title or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        expected_product=(expected_product or "").strip(),
    )
    _plan_item_clean(fresh, item)
    item.full_clean()
    item.save()
    program_event_write(
        program=fresh,
        kind=EventKind.PLAN,
        summary=f"Добавлено мероприятие «{item.title}» ({stage}, {starts_on:%d.%m.%Y}–{ends_on:%d.%m.%Y})",
        by=by,
    )
    return item


def _locked_item(item: ActivityPlanItem) -> ActivityPlanItem:
    fresh = ActivityPlanItem.objects.select_for_update().select_related("stage").get(pk=item.pk)
    fresh.program = program_locked(fresh.program)
    return fresh


@transaction.atomic
def plan_item_update(*, item: ActivityPlanItem, by, **fields) -> ActivityPlanItem:
    """Change an activity of the plan: any of ``PLAN_ITEM_FIELDS`` (omitted ones stay), dated
    within the program's period. One «plan» event naming the changed fields; none when nothing
    changed.

    Returns the item as saved.

    Raises:
        PermissionDenied: ``by`` is not the program's manager (``by=None`` is the system).
        TypeError: a field not in ``PLAN_ITEM_FIELDS``.
        ValidationError: the program is completed or terminated; dates outside its period or
            in the wrong order; a field invalid.
    """
    unknown = set(fields) - set(PLAN_ITEM_FIELDS)
    if unknown:
        raise TypeError(f"plan_item_update() got unexpected fields: {', '.join(sorted(unknown))}")
    fresh = _locked_item(item)
    require_program_role(fresh.program, by)
    _require_open(fresh.program)
    for name in ("title", "expected_product"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    changed = [name for name, value in fields.items() if not _same(getattr(fresh, name), value)]
    for name, value in fields.items():
        setattr(fresh, name, value)
    _plan_item_clean(fresh.program, fresh)
    fresh.full_clean()
    fresh.save()
    if changed:
        labels = _labels(ActivityPlanItem, changed)
        program_event_write(
            program=fresh.program,
            kind=EventKind.PLAN,
            summary=f"Изменено мероприятие «{fresh.title}»: {labels}",
            by=by,
        )
    return fresh


@transaction.atomic
def plan_item_report(
    *,
    item: ActivityPlanItem,
    by,
    status: str,
    evidence=None,
    evidence_note: str | None = None,
) -> ActivityPlanItem:
    """Mark the progress of an activity (seed 004 §6.2.3: the mentor and the mentee carry out
    the plan; 000 §4.3.3 step 5: a pedagogical product per activity): ``status`` an
    ``ActivityStatus`` value, ``evidence`` an uploaded file (replaces the earlier one; ``None``
    keeps it), ``evidence_note`` a comment (``None`` keeps the earlier one). «Выполнено» needs
    no file. The program's mentor, mentee or manager reports (checked here: ``PermissionDenied``
    for anyone else; ``by=None`` is the system).

    Returns the item as saved.

    Raises:
        PermissionDenied: ``by`` is neither the program's manager nor its mentor or mentee.
        ValidationError: an unknown status; the program is not approved or active.
    """
    if status not in ActivityStatus.values:
        raise ValidationError({"status": "Выберите статус мероприятия из перечня."})
    if evidence is not None:
        check_field_upload(DOCUMENT_CHECK, evidence, "evidence")
    fresh = _locked_item(item)
    program = fresh.program
    require_program_role(program, by, mentor=True, mentee=True)
    if program.status not in PLAN_REPORT_STATUSES:
        if program.status == ProgramStatus.DRAFT:
            message = "Отмечать выполнение мероприятий можно после утверждения программы."
        else:
            message = (
                f"Программа в статусе «{program.get_status_display()}»: отметки о выполнении не вносятся."
            )
        raise ValidationError(message)
    previous = fresh.status
    replaced = fresh.evidence.name if evidence is not None and fresh.evidence else ""
    fresh.status = status
    if evidence is not None:
        fresh.evidence = evidence
    if evidence_note is not None:
        fresh.evidence_note = evidence_note.strip()
    fresh.full_clean()
    fresh.save()
    if replaced and replaced != fresh.evidence.name:
        storage = fresh.evidence.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    summary = f"Мероприятие «{fresh.title}»: {ActivityStatus(status).label.lower()}"
    if previous != status:
        summary = f"Мероприятие «{fresh.title}»: {ActivityStatus(previous).label.lower()} → {ActivityStatus(status).label.lower()}"
    if evidence is not None:
        summary += "; загружен подтверждающий файл"
    program_event_write(
        program=program, kind=EventKind.PLAN, summary=summary, by=by, comment=fresh.evidence_note
    )
    return fresh


@transaction.atomic
def plan_item_delete(*, item: ActivityPlanItem, by) -> None:
    """Remove an activity from the plan of a draft program (an approved plan changes only after
    returning the program for revision); its evidence file goes with it.

    Raises:
        PermissionDenied: ``by`` is not the program's manager (``by=None`` is the system).
        ValidationError: the program is not a draft.
    """
    fresh = _locked_item(item)
    program = fresh.program
    require_program_role(program, by)
    if program.status != ProgramStatus.DRAFT:
        raise ValidationError(
            "Удалять мероприятия можно только из проекта программы, а эта программа в статусе "
            f"«{program.get_status_display()}»."
        )
    title, stored = fresh.title, fresh.evidence.name
    storage = fresh.evidence.storage
    fresh.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
    program_event_write(program=program, kind=EventKind.PLAN, summary=f"Удалено мероприятие «{title}»", by=by)
