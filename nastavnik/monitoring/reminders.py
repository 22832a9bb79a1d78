"""Reminders of the questionnaires a person owes (issue 14: «participants … get a reminder»;
seed 004 §9.2): ``python manage.py send_questionnaire_reminders``, run once a day.

An assignment is reminded of while pending, once its due date is :data:`AHEAD_DAYS` days away
or less (overdue included), at most once every :data:`REPEAT_DAYS` days (``reminded_at``). Each
person gets one letter listing all their assignments being reminded of; an assignment of a
person without an e-mail is marked too, so that it is not read again every day.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from nastavnik.core.mail import Mail, greeting, letter, send_each, site_url
from nastavnik.monitoring.choices import AssignmentStatus
from nastavnik.monitoring.models import Assignment

logger = logging.getLogger("nastavnik.monitoring")

#: How many days before the due date the reminders begin.
AHEAD_DAYS = 3
#: The least interval between two reminders of one assignment.
REPEAT_DAYS = 3


def due_assignments(*, now: dt.datetime):
    """The pending assignments to remind of at ``now``: due within :data:`AHEAD_DAYS` days of
    today or overdue, never reminded or last reminded :data:`REPEAT_DAYS` days ago or more;
    with the person (and their account), the questionnaire, the program and the campaign."""
    today = timezone.localdate(now)
    return (
        Assignment.objects.filter(
            status=AssignmentStatus.PENDING,
            due_on__isnull=False,
            due_on__lte=today + dt.timedelta(days=AHEAD_DAYS),
        )
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - dt.timedelta(days=REPEAT_DAYS)))
        .select_related("person__user", "questionnaire", "program", "campaign")
        .order_by("person_id", "due_on", "pk")
    )


def _answer_path(assignment: Assignment) -> str:
    try:
        return reverse("monitoring:answer", args=[assignment.pk])
    except NoReverseMatch:
        return ""


def reminder_text(
    person, assignments: list[Assignment], *, today: dt.date, base_url: str = ""
) -> tuple[str, str]:
    """``(subject, body)`` of the letter reminding ``person`` of ``assignments`` (plain Russian
    text): each questionnaire with why it is owed, its due date (or that it has passed) and the
    link to answer (absolute when ``base_url`` is given)."""
    lines = ["Напоминаем: ждём ваших ответов на анкеты мониторинга программы наставничества.", ""]
    for assignment in assignments:
        if assignment.program_id:
            why = str(assignment.program)
        elif assignment.campaign_id:
            why = f"мониторинг «{assignment.campaign.title}»"
        else:
            why = assignment.questionnaire.get_phase_display().lower()
        due = assignment.due_on
        when = f"срок истёк {due:%d.%m.%Y}" if due < today else f"ответить до {due:%d.%m.%Y}"
        lines.append(f"– «{assignment.questionnaire.title}» ({why}): {when}")
        path = _answer_path(assignment)
        if path:
            lines.append(f"  Ответить: {base_url}{path}")
    lines += ["", "Ответ отправляется один раз; после отправки изменить его нельзя."]
    first = min(a.due_on for a in assignments)
    subject = (
        "Напоминание: анкеты ждут ответа (срок истёк)"
        if first < today
        else f"Напоминание: анкеты ждут ответа до {first:%d.%m.%Y}"
    )
    return subject, letter(greeting(person.first_name, person.middle_name), lines)


def questionnaire_reminders_send(*, now: dt.datetime | None = None, base_url: str | None = None) -> int:
    """E-mail the reminders of :func:`due_assignments`: one letter per person (to the e-mail of
    their card, else of their account, ``mentoring.selectors.participants.contact_email``)
    listing their assignments. ``base_url`` (default ``settings.NASTAVNIK_BASE_URL``, else none)
    makes the links absolute.

    The assignments are first marked ``reminded_at = now`` in one transaction (rows locked and
    skipped by a concurrent run), so that a second run the same day sends nothing; a failed
    delivery is logged and not retried until the next interval.

    Returns the number of e-mails sent.
    """
    from nastavnik.mentoring.selectors.participants import contact_email

    now = now or timezone.now()
    today = timezone.localdate(now)
    base = site_url(base_url)
    with transaction.atomic():
        assignments = list(due_assignments(now=now).select_for_update(of=("self",), skip_locked=True))
        Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(reminded_at=now)
    if not assignments:
        return 0
    by_person: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_person.setdefault(assignment.person_id, []).append(assignment)

    def mails():
        for group in by_person.values():
            person = group[0].person
            address = contact_email(person=person)
            if address:
                subject, body = reminder_text(person, group, today=today, base_url=base)
                yield Mail(address, subject, body, about=(person.pk,))

    sent = send_each(mails(), logger=logger, log_what="questionnaire reminder to person %s")
    if sent:
        logger.info("questionnaire reminders sent: %s (assignments: %s)", sent, len(assignments))
    return sent
