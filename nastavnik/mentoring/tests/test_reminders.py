"""Reminders of meetings (seed 003 §4.7): one e-mail per participant, never twice, only for planned
meetings soon; the management command; the home page's upcoming meetings."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.mentoring.choices import MeetingFormat, ProgramStatus
from nastavnik.mentoring.models import Meeting, PersonalizedProgram
from nastavnik.mentoring.services.meetings import meeting_cancel, meeting_reminders_send
from nastavnik.mentoring.tests.test_meetings import active_program, client_for, schedule

pytestmark = pytest.mark.django_db


def with_emails(world) -> None:
    world.mentor_a.email = "mentor@school1.ru"
    world.mentor_a.save(update_fields=["email"])
    world.users["mentee_a"].email = "mentee@mail.ru"  # the mentee's account, not the person card
    world.users["mentee_a"].save(update_fields=["email"])


def soon(hours: float) -> dt.datetime:
    return (timezone.now() + dt.timedelta(hours=hours)).replace(second=0, microsecond=0)


def test_a_reminder_goes_once_to_each_participant(world, mailoutbox):
    # given a planned online meeting in three hours and participants with e-mails
    with_emails(world)
    program = active_program(world)
    meeting = schedule(
        program,
        world.users["mentor_a"],
        "planning",
        soon(3),
        format=MeetingFormat.ONLINE,
        place="https://sferum.ru/call/42",
        agenda="План мероприятий на четверть",
    )

    # when reminders are sent, twice
    sent = meeting_reminders_send(base_url="https://nastavnik.example.ru")
    again = meeting_reminders_send(base_url="https://nastavnik.example.ru")

    # then each participant got one letter, and the second run sent nothing
    assert (sent, again) == (2, 0)
    assert sorted(m.to[0] for m in mailoutbox) == ["mentee@mail.ru", "mentor@school1.ru"]
    start = timezone.localtime(meeting.starts_at)
    letter = mailoutbox[0]
    assert letter.subject == f"Напоминание: встреча-планирование {start:%d.%m.%Y} в {start:%H:%M}"
    for text in (
        f"Дата: {start:%d.%m.%Y}",
        f"Время: {start:%H:%M}",
        "Формат: Дистанционно (онлайн)",
        "Ссылка: https://sferum.ru/call/42",
        "План мероприятий на четверть",
        f"https://nastavnik.example.ru/programs/{program.pk}/",
    ):
        assert text in letter.body, text
    meeting.refresh_from_db()
    assert meeting.reminded_at is not None


def test_only_planned_meetings_soon_of_open_programs_are_reminded_of(world, mailoutbox):
    with_emails(world)
    program = active_program(world)
    mentor = world.users["mentor_a"]
    schedule(program, mentor, "acquaintance", soon(30))  # beyond 24 hours
    cancelled = schedule(program, mentor, "trial_working", soon(2))
    meeting_cancel(meeting=cancelled, by=mentor, reason="Перенос")
    schedule(program, mentor, "consecutive_series", soon(-1))  # already started

    assert meeting_reminders_send() == 0
    assert mailoutbox == []

    # a wider window reaches the meeting in 30 hours; a terminated program gets nothing
    assert meeting_reminders_send(ahead=dt.timedelta(hours=36)) == 2
    other = schedule(program, mentor, "planning", soon(5))
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.TERMINATED)
    assert meeting_reminders_send() == 0
    other.refresh_from_db()
    assert other.reminded_at is None


def test_a_participant_without_an_e_mail_gets_nothing_and_the_meeting_is_not_retried(world, mailoutbox):
    program = active_program(world)
    meeting = schedule(program, world.users["mentor_a"], "acquaintance", soon(1))
    assert meeting_reminders_send() == 0
    meeting.refresh_from_db()
    assert meeting.reminded_at is not None


def test_the_management_command(world, mailoutbox):
    from nastavnik.mentoring.management.commands.send_meeting_reminders import Command

    with_emails(world)
    program = active_program(world)
    schedule(program, world.users["mentor_a"], "acquaintance", soon(10))
    out = StringIO()
    call_command("send_meeting_reminders", stdout=out)
    assert "Отправлено напоминаний: 2." in out.getvalue()
    assert len(mailoutbox) == 2
    assert "cron" in Command.help and "15–60 минут" in Command.help


# --- the home page ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("mentor_a", True),
        ("mentee_a", True),
        ("curator_a", True),
        ("head_a", True),
        ("curator_b", False),
        ("coordinator", False),
    ],
)
def test_home_lists_the_meetings_of_the_next_seven_days(world, persona, shown):
    program = active_program(world)
    mentor = world.users["mentor_a"]
    schedule(program, mentor, "acquaintance", soon(26), agenda="Скоро")
    schedule(program, mentor, "trial_working", soon(24 * 10), agenda="Нескоро")

    html = client_for(world, persona).get("/").content.decode()

    assert ("Ближайшие встречи" in html) is shown
    if shown:
        assert "Встреча-знакомство" in html and f'href="/programs/{program.pk}/#meetings"' in html
        assert "Пробная рабочая встреча" not in html


def test_home_query_count_does_not_grow_with_meetings(world):
    program = active_program(world)
    mentor = world.users["mentor_a"]
    client = client_for(world, "mentor_a")
    schedule(program, mentor, "acquaintance", soon(5))
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for hours in (10, 20, 30, 40):
        schedule(program, mentor, "consecutive_series", soon(hours))
    with CaptureQueriesContext(connection) as five:
        html = client.get("/").content.decode()
    assert html.count("Комплекс последовательных встреч") == 4
    assert len(five) == len(one)
    assert Meeting.objects.count() == 5


def test_reminders_read_the_participants_once_for_all_meetings(world, mailoutbox, django_assert_num_queries):
    # given three meetings soon
    with_emails(world)
    program = active_program(world)
    mentor = world.users["mentor_a"]
    for code, hours in (("acquaintance", 2), ("trial_working", 3), ("planning", 4)):
        schedule(program, mentor, code, soon(hours))

    # then the meetings and their participants are read once; each meeting is claimed once
    # (an update inside a savepoint: three queries)
    with django_assert_num_queries(2 + 3 * 3):
        assert meeting_reminders_send() == 6


def test_upcoming_meetings_are_one_query(world, django_assert_num_queries):
    from nastavnik.access.scope import get_scope
    from nastavnik.mentoring.selectors.meetings import upcoming_meetings_for

    program = active_program(world)
    for code, hours in (("acquaintance", 2), ("trial_working", 30)):
        schedule(program, world.users["mentor_a"], code, soon(hours))
    for persona in ("mentor_a", "curator_a"):
        user = world.users[persona]
        get_scope(user)
        with django_assert_num_queries(1):
            assert len(upcoming_meetings_for(user)) == 2
