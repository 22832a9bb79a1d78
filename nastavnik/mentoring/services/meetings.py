"""Meetings of a pair or group and their reminders (seed 003 §4.7: «Работа в каждой паре/группе
включает: встречу-знакомство, пробную рабочую встречу, встречу-планирование, комплекс
последовательных встреч, итоговую встречу»).

A meeting is planned, then either recorded as held (notes and attendance of every current
participant) or cancelled. Meetings are held only in an approved or active program, within its
period; the program's mentor or its manager (curator, head) plans and records them, the mentee
sees them. Every change writes a ``MEETING`` event into the program's history.

Each write checks its actor as the views do: the program's manager or mentor
(``services.common.require_program_role``; ``by=None`` is the system).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.core.mail import Mail, greeting, letter, send_each, site_url
from nastavnik.mentoring.choices import (
    SINGLE_MEETING_TYPES,
    EventKind,
    MeetingFormat,
    MeetingStatus,
    ProgramStatus,
)
from nastavnik.mentoring.models import Meeting, MeetingAttendance, PersonalizedProgram
from nastavnik.mentoring.selectors.meetings import MEETING_PROGRAM_STATUSES
from nastavnik.mentoring.selectors.participants import (  # program_participants: the views read it here
    contact_email,
    open_pairs_prefetch,
    program_participants,
)
from nastavnik.mentoring.services.common import program_locked, require_program_role
from nastavnik.mentoring.services.events import program_event_write

#: The refusal of a meeting's write to anyone but the program's manager and its mentor (the
#: pages' message, ``views.meetings``).
MEETING_REFUSAL = "Встречи планирует и отмечает наставник пары (группы) или куратор программы."

logger = logging.getLogger("nastavnik.mentoring")


#: Meeting type code → how it is named in a sentence («Проведена встреча-знакомство»).
MEETING_PHRASES = {
    "acquaintance": "встреча-знакомство",
    "trial_working": "пробная рабочая встреча",
    "planning": "встреча-планирование",
    "consecutive_series": "встреча из комплекса последовательных встреч",
    "final": "итоговая встреча",
}


def meeting_phrase(meeting_type) -> str:
    """The name of a ``reference.MeetingType`` inside a sentence, in lower case."""
    return MEETING_PHRASES.get(meeting_type.code, f"встреча «{meeting_type.name}»")


def local_label(moment: dt.datetime) -> str:
    """«12.10.2026 15:00» in the local time zone."""
    return f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"


def _require_meeting_program(program: PersonalizedProgram) -> None:
    if program.status == ProgramStatus.DRAFT:
        raise ValidationError("Программа ещё не утверждена: встречи планируются после её утверждения.")
    if program.status not in MEETING_PROGRAM_STATUSES:
        raise ValidationError(
            f"Программа {program.get_status_display().lower()}: встречи больше не планируются и не отмечаются."
        )


def _check_schedule(
    *, program: PersonalizedProgram, meeting_type, starts_at: dt.datetime, exclude_pk: int | None = None
) -> None:
    """Rules of a planned meeting: a date within the program's period, a single type once per
    program, the final meeting not before the acquaintance (seed 003 §4.7)."""
    errors: dict[str, list[str]] = {}
    if starts_at is None:
        raise ValidationError({"starts_at": "Укажите дату и время встречи."})
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    day = timezone.localdate(starts_at)
    if not program.starts_on <= day <= program.ends_on:
        errors.setdefault("starts_at", []).append(
            f"Дата встречи должна быть в пределах срока программы: "
            f"с {program.starts_on:%d.%m.%Y} по {program.ends_on:%d.%m.%Y}."
        )
    others = program.meetings.exclude(status=MeetingStatus.CANCELLED)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if meeting_type.code in SINGLE_MEETING_TYPES and others.filter(meeting_type=meeting_type).exists():
        errors.setdefault("meeting_type", []).append(
            f"{meeting_phrase(meeting_type).capitalize()} уже есть в программе: она проводится один раз. "
            "Измените или отмените запланированную встречу."
        )
    if meeting_type.code == "final":
        acquaintance = others.filter(meeting_type__code="acquaintance").first()
        if acquaintance is not None and acquaintance.starts_at > starts_at:
            errors.setdefault("starts_at", []).append(
                "Итоговая встреча не может быть раньше встречи-знакомства "
                f"({local_label(acquaintance.starts_at)})."
            )
    elif meeting_type.code == "acquaintance":
        final = others.filter(meeting_type__code="final").first()
        if final is not None and final.starts_at < starts_at:
            errors.setdefault("starts_at", []).append(
                f"Встреча-знакомство не может быть позже итоговой встречи ({local_label(final.starts_at)})."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_schedule(
    *,
    program: PersonalizedProgram,
    by,
    meeting_type,
    starts_at: dt.datetime,
    format: str,
    agenda: str,
    place: str = "",
    duration_minutes: int = 45,
) -> Meeting:
    """Plan a meeting of ``program``'s pair or group (seed 003 §4.7).

    ``meeting_type`` is a ``reference.MeetingType``; ``starts_at`` an aware (or local naive)
    datetime; ``format`` a ``MeetingFormat``; ``place`` the room or the link of an online
    meeting; ``duration_minutes`` 5–480.

    Returns the planned meeting; writes a ``MEETING`` event («Запланирована встреча-знакомство
    на 12.10.2026 15:00»).

    Raises:
        PermissionDenied: ``by`` is neither the program's manager nor its mentor
            (``by=None`` is the system).
        ValidationError: the program is not approved or active; the date is outside the
            program's period; a single type (acquaintance, trial, planning, final) is already
            there among the meetings not cancelled; the final meeting before the acquaintance;
            an empty agenda or a wrong duration.
    """
    program = program_locked(program)
    require_program_role(program, by, mentor=True, message=MEETING_REFUSAL)
    _require_meeting_program(program)
    if starts_at is not None and timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    _check_schedule(program=program, meeting_type=meeting_type, starts_at=starts_at)
    meeting = Meeting(
        program=program,
        meeting_type=meeting_type,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format or MeetingFormat.IN_PERSON,
        place=(place or "").strip(),
        agenda=(agenda or "").strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    meeting.full_clean()
    meeting.save()
    program_event_write(
        program=program,
        kind=EventKind.MEETING,
        summary=f"Запланирована {meeting_phrase(meeting_type)} на {local_label(starts_at)}",
        by=by,
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by,
    meeting_type,
    starts_at: dt.datetime,
    format: str,
    agenda: str,
    place: str = "",
    duration_minutes: int = 45,
) -> Meeting:
    """Change a planned meeting: its type, time, format, place, agenda, duration. The same
    rules as :func:`meeting_schedule`; a moved meeting is reminded of again.

    Raises:
        PermissionDenied: ``by`` is neither the program's manager nor its mentor
            (``by=None`` is the system).
        ValidationError: the meeting is held or cancelled; the rules of :func:`meeting_schedule`.
    """
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("program", "meeting_type")
        .get(pk=meeting.pk)
    )
    program = meeting.program
    require_program_role(program, by, mentor=True, message=MEETING_REFUSAL)
    _require_meeting_program(program)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            f"Встреча {meeting.get_status_display().lower()}: изменить можно только запланированную встречу."
        )
    if starts_at is not None and timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    _check_schedule(program=program, meeting_type=meeting_type, starts_at=starts_at, exclude_pk=meeting.pk)
    moved = starts_at != meeting.starts_at
    meeting.meeting_type = meeting_type
    meeting.starts_at = starts_at
    meeting.format = format or MeetingFormat.IN_PERSON
    meeting.place = (place or "").strip()
    meeting.agenda = (agenda or "").strip()
    meeting.duration_minutes = duration_minutes
    if moved:
        meeting.reminded_at = None
    meeting.full_clean()
    meeting.save()
    what = meeting_phrase(meeting_type)
    summary = (
        f"Перенесена {what} на {local_label(starts_at)}"
        if moved
        else f"Изменена {what} {local_label(starts_at)}"
    )
    program_event_write(program=program, kind=EventKind.MEETING, summary=summary, by=by)
    return meeting


@transaction.atomic
def meeting_record(
    *, meeting: Meeting, by, notes: str, attendance: Mapping[int, bool], now: dt.datetime | None = None
) -> Meeting:
    """Mark ``meeting`` as held (or correct the record of a held one): its ``notes`` (итоги
    встречи) and ``attendance`` — ``{person id: present}`` for every current participant of the
    program (seed 003 §4.7; feedback of the participants for the monitoring).

    Returns the meeting; writes a ``MEETING`` event («Проведена встреча-знакомство 12.10.2026»).

    Raises:
        PermissionDenied: ``by`` is neither the program's manager nor its mentor
            (``by=None`` is the system).
        ValidationError: the program is not approved or active; the meeting is cancelled or
            still in the future; empty notes; attendance missing for a participant or given
            for someone who is not one; the final meeting while the acquaintance has not
            been held.
    """
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("program", "meeting_type")
        .get(pk=meeting.pk)
    )
    program = meeting.program
    require_program_role(program, by, mentor=True, message=MEETING_REFUSAL)
    _require_meeting_program(program)
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("Встреча отменена: отметить её проведённой нельзя.")
    if meeting.starts_at > now:
        raise ValidationError(
            f"Встреча назначена на {local_label(meeting.starts_at)}: отметить её проведённой можно "
            "только после её начала."
        )
    notes = (notes or "").strip()
    errors: dict[str, list[str]] = {}
    if not notes:
        errors["notes"] = ["Опишите итоги встречи."]
    participants = program_participants(program)
    expected = {p.pk for p in participants}
    given = {int(pk): bool(present) for pk, present in (attendance or {}).items()}
    missing = [p.full_name for p in participants if p.pk not in given]
    if missing:
        errors.setdefault("attendance", []).append("Отметьте присутствие: " + ", ".join(missing) + ".")
    if set(given) - expected:
        errors.setdefault("attendance", []).append(
            "Присутствие отмечено у человека, который не участвует в программе."
        )
    if meeting.meeting_type.code == "final":
        acquaintance_held = program.meetings.filter(
            meeting_type__code="acquaintance", status=MeetingStatus.HELD
        ).exists()
        if not acquaintance_held:
            errors.setdefault("__all__", []).append(
                "Итоговую встречу нельзя отметить проведённой, пока не проведена встреча-знакомство."
            )
    if errors:
        raise ValidationError(errors)
    correction = meeting.status == MeetingStatus.HELD
    meeting.notes = notes
    meeting.status = MeetingStatus.HELD
    meeting.full_clean()
    meeting.save()
    meeting.attendance.all().delete()
    MeetingAttendance.objects.bulk_create(
        [MeetingAttendance(meeting=meeting, person_id=pk, present=given[pk]) for pk in sorted(expected)]
    )
    absent = [p.full_name for p in participants if not given[p.pk]]
    day = f"{timezone.localtime(meeting.starts_at):%d.%m.%Y}"
    what = meeting_phrase(meeting.meeting_type)
    summary = f"Уточнены итоги: {what} {day}" if correction else f"Проведена {what} {day}"
    if absent:
        summary += "; отсутствовали: " + ", ".join(absent)
    program_event_write(program=program, kind=EventKind.MEETING, summary=summary, by=by, comment=notes)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    """Cancel a planned meeting with a ``reason`` (kept in the meeting's notes and in the event).

    Raises:
        PermissionDenied: ``by`` is neither the program's manager nor its mentor
            (``by=None`` is the system).
        ValidationError: the meeting is not planned; no reason given.
    """
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("program", "meeting_type")
        .get(pk=meeting.pk)
    )
    program = meeting.program
    require_program_role(program, by, mentor=True, message=MEETING_REFUSAL)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(
            f"Встреча {meeting.get_status_display().lower()}: отменить можно только запланированную встречу."
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Укажите причину отмены."})
    meeting.status = MeetingStatus.CANCELLED
    meeting.notes = reason
    meeting.full_clean()
    meeting.save()
    program_event_write(
        program=program,
        kind=EventKind.MEETING,
        summary=f"Отменена {meeting_phrase(meeting.meeting_type)} {local_label(meeting.starts_at)}",
        by=by,
        comment=reason,
    )
    return meeting


# --- reminders ---------------------------------------------------------------------------------


def reminder_text(meeting: Meeting, person, *, base_url: str = "") -> tuple[str, str]:
    """``(subject, body)`` of the reminder of ``meeting`` to ``person`` (plain Russian text)."""
    start = timezone.localtime(meeting.starts_at)
    program = meeting.program
    what = meeting_phrase(meeting.meeting_type)
    place_label = "Ссылка" if meeting.format == MeetingFormat.ONLINE else "Место"
    lines = [
        f"Напоминаем: {start:%d.%m.%Y} в {start:%H:%M} состоится {what}.",
        "",
        f"Программа: {program}",
        f"Дата: {start:%d.%m.%Y}",
        f"Время: {start:%H:%M}, продолжительность {meeting.duration_minutes} мин.",
        f"Формат: {meeting.get_format_display()}",
        f"{place_label}: {meeting.place or 'не указано'}",
        "",
        "Повестка:",
        meeting.agenda,
        "",
        f"Страница программы: {base_url}{program.get_absolute_url()}",
    ]
    subject = f"Напоминание: {what} {start:%d.%m.%Y} в {start:%H:%M}"
    return subject, letter(greeting(person.first_name, person.middle_name), lines)


def meeting_reminders_send(
    *,
    now: dt.datetime | None = None,
    ahead: dt.timedelta = dt.timedelta(hours=24),
    base_url: str | None = None,
) -> int:
    """E-mail a reminder of every planned meeting of an approved or active program that starts
    within ``ahead`` of ``now`` to each current participant with an e-mail (the person's, else
    their account's). ``base_url`` (default ``settings.NASTAVNIK_BASE_URL``, else none) makes the
    program link absolute.

    A meeting is first marked ``reminded_at`` in its own transaction, so it never goes twice, not
    even from two runs at once; a failed delivery is logged and not retried.

    Returns the number of e-mails sent.
    """
    now = now or timezone.now()
    base = site_url(base_url)
    due = (
        Meeting.objects.filter(
            status=MeetingStatus.PLANNED,
            reminded_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + ahead,
            program__status__in=MEETING_PROGRAM_STATUSES,
        )
        .select_related("program", "meeting_type")
        .prefetch_related(open_pairs_prefetch("program__pairs"))
        .order_by("starts_at", "pk")
    )

    def mails():  # read lazily by send_each: each meeting is claimed just before its letters go
        for meeting in due:
            with transaction.atomic():
                claimed = Meeting.objects.filter(pk=meeting.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                )
            if not claimed:
                continue
            for person in program_participants(meeting.program):
                address = contact_email(person=person)
                if address:
                    subject, body = reminder_text(meeting, person, base_url=base)
                    yield Mail(address, subject, body, about=(meeting.pk, person.pk))

    sent = send_each(mails(), logger=logger, log_what="reminder of meeting %s to person %s")
    if sent:
        logger.info("meeting reminders sent: %s", sent)
    return sent
