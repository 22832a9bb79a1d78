"""Meetings of a pair or group (seed 003 §4.7): the five steps logged in order, the rules refused
in Russian, the timeline of the program page, access per persona, garbage input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from nastavnik.mentoring.choices import EventKind, MeetingFormat, MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import Meeting, MeetingAttendance, PersonalizedProgram
from nastavnik.mentoring.selectors.meetings import meetings_context
from nastavnik.mentoring.selectors.participants import program_roles
from nastavnik.mentoring.services.meetings import (
    meeting_cancel,
    meeting_record,
    meeting_schedule,
    meeting_update,
)
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.reference.models import MeetingType

pytestmark = pytest.mark.django_db


# --- helpers shared by the meeting, request and reminder tests ----------------------------------


def active_program(world, *, status: str = ProgramStatus.ACTIVE, days_ago: int = 30, **fields):
    """A program of ``mentor_a`` with ``mentee_a`` that started ``days_ago`` days ago, put into
    ``status`` directly (the approval is another part's service)."""
    fields.setdefault("starts_on", timezone.localdate() - dt.timedelta(days=days_ago))
    program = draft_program(world, **fields)
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=status)
    program.refresh_from_db()
    return program


def mtype(code: str) -> MeetingType:
    return MeetingType.objects.get(code=code)


def at(days: float, hour: int = 15) -> dt.datetime:
    """Today ``days`` from now (negative: past) at ``hour``:00 local time."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def schedule(program, by, code: str, starts_at: dt.datetime, **fields) -> Meeting:
    fields.setdefault("format", MeetingFormat.IN_PERSON)
    fields.setdefault("agenda", "Знакомство, ожидания, правила работы")
    return meeting_schedule(program=program, by=by, meeting_type=mtype(code), starts_at=starts_at, **fields)


def everyone_present(program) -> dict[int, bool]:
    pairs = program.pairs.filter(ended_on__isnull=True)
    ids = {p.mentor_id for p in pairs} | {p.mentee_id for p in pairs}
    return dict.fromkeys(ids, True)


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- the five steps -----------------------------------------------------------------------------


def test_the_five_meetings_are_logged_in_order(world):
    # given an active program of the mentor and the mentee
    program = active_program(world)
    mentor = world.users["mentor_a"]

    # when the mentor plans and records the five steps, the series three times
    steps = [
        ("acquaintance", -25),
        ("trial_working", -20),
        ("planning", -15),
        ("consecutive_series", -12),
        ("consecutive_series", -8),
        ("consecutive_series", -4),
        ("final", -1),
    ]
    for code, days in steps:
        meeting = schedule(program, mentor, code, at(days))
        meeting_record(
            meeting=meeting, by=mentor, notes=f"Итоги: {code}", attendance=everyone_present(program)
        )

    # then every meeting is held with the attendance of both, in order of time
    meetings = list(program.meetings.order_by("starts_at"))
    assert [m.meeting_type.code for m in meetings] == [code for code, _ in steps]
    assert {m.status for m in meetings} == {MeetingStatus.HELD}
    assert MeetingAttendance.objects.filter(meeting__program=program, present=True).count() == 14
    # and the history tells each step in Russian
    summaries = list(program.events.filter(kind=EventKind.MEETING).values_list("summary", flat=True))
    day = f"{at(-25):%d.%m.%Y}"
    assert f"Запланирована встреча-знакомство на {day} 15:00" in summaries
    assert f"Проведена встреча-знакомство {day}" in summaries
    assert f"Проведена итоговая встреча {at(-1):%d.%m.%Y}" in summaries
    # and the progress line of the program page shows the five steps
    context = meetings_context(program, mentor, program_roles(mentor, program))
    assert context["meeting_progress"] == (
        "встреча-знакомство ✓, пробная ✓, планирование ✓, серия: 3 проведено, итоговая ✓"
    )


def test_progress_shows_what_is_left(world):
    program = active_program(world)
    curator = world.users["curator_a"]
    acquaintance = schedule(program, curator, "acquaintance", at(-3))
    meeting_record(
        meeting=acquaintance, by=curator, notes="Познакомились", attendance=everyone_present(program)
    )
    schedule(program, curator, "trial_working", at(2))
    context = meetings_context(program, curator, program_roles(curator, program))
    assert context["meeting_progress"] == (
        "встреча-знакомство ✓, пробная запланирована, планирование —, серия: —, итоговая —"
    )
    assert context["can_manage_meetings"] is True


# --- rules --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (ProgramStatus.DRAFT, "Программа ещё не утверждена"),
        (ProgramStatus.COMPLETED, "Программа завершена"),
        (ProgramStatus.TERMINATED, "Программа прекращена"),
    ],
)
def test_meetings_only_in_an_approved_or_active_program(world, status, message):
    program = active_program(world, status=status)
    with pytest.raises(ValidationError) as error:
        schedule(program, world.users["curator_a"], "acquaintance", at(1))
    assert message in messages_of(error.value)
    assert not Meeting.objects.exists()


def test_an_approved_program_may_plan_meetings(world):
    program = active_program(world, status=ProgramStatus.APPROVED)
    meeting = schedule(program, world.users["mentor_a"], "acquaintance", at(1))
    assert meeting.status == MeetingStatus.PLANNED


def test_a_single_type_is_held_once_unless_cancelled(world):
    program = active_program(world)
    curator = world.users["curator_a"]
    first = schedule(program, curator, "planning", at(1))

    with pytest.raises(ValidationError) as error:
        schedule(program, curator, "planning", at(2))
    assert "Встреча-планирование уже есть в программе" in messages_of(error.value)

    meeting_cancel(meeting=first, by=curator, reason="Наставник на курсах")
    assert schedule(program, curator, "planning", at(2)).status == MeetingStatus.PLANNED
    # and the series may have many meetings
    schedule(program, curator, "consecutive_series", at(3))
    schedule(program, curator, "consecutive_series", at(4))
    assert program.meetings.filter(meeting_type__code="consecutive_series").count() == 2


def test_the_final_meeting_is_not_held_before_the_acquaintance(world):
    program = active_program(world)
    mentor = world.users["mentor_a"]
    final = schedule(program, mentor, "final", at(-2))

    with pytest.raises(ValidationError) as error:
        meeting_record(meeting=final, by=mentor, notes="Итоги", attendance=everyone_present(program))
    assert "пока не проведена встреча-знакомство" in messages_of(error.value)

    with pytest.raises(ValidationError) as error:
        schedule(program, mentor, "acquaintance", at(-1))
    assert "не может быть позже итоговой встречи" in messages_of(error.value)

    acquaintance = schedule(program, mentor, "acquaintance", at(-3))
    meeting_record(meeting=acquaintance, by=mentor, notes="Знакомство", attendance=everyone_present(program))
    meeting_record(meeting=final, by=mentor, notes="Итоги", attendance=everyone_present(program))
    final.refresh_from_db()
    assert final.status == MeetingStatus.HELD


def test_the_final_meeting_is_not_planned_before_the_acquaintance(world):
    program = active_program(world)
    curator = world.users["curator_a"]
    schedule(program, curator, "acquaintance", at(5))
    with pytest.raises(ValidationError) as error:
        schedule(program, curator, "final", at(4))
    assert "Итоговая встреча не может быть раньше встречи-знакомства" in messages_of(error.value)


def test_a_meeting_date_is_within_the_program_period(world):
    program = active_program(world)
    curator = world.users["curator_a"]
    for moment in (
        at(-31),
        timezone.make_aware(dt.datetime.combine(program.ends_on, dt.time(9))) + dt.timedelta(days=1),
    ):
        with pytest.raises(ValidationError) as error:
            schedule(program, curator, "acquaintance", moment)
        assert "в пределах срока программы" in messages_of(error.value)


def test_recording_needs_notes_every_participant_and_a_past_start(world):
    program = active_program(world)
    mentor = world.users["mentor_a"]
    future = schedule(program, mentor, "acquaintance", at(1))
    with pytest.raises(ValidationError) as error:
        meeting_record(meeting=future, by=mentor, notes="Итоги", attendance=everyone_present(program))
    assert "только после её начала" in messages_of(error.value)

    past = schedule(program, mentor, "trial_working", at(-1))
    with pytest.raises(ValidationError) as error:
        meeting_record(meeting=past, by=mentor, notes="  ", attendance={world.mentor_a.pk: True})
    text = messages_of(error.value)
    assert "Опишите итоги встречи" in text
    assert "Отметьте присутствие: Молодцова" in text

    with pytest.raises(ValidationError) as error:
        meeting_record(
            meeting=past,
            by=mentor,
            notes="Итоги",
            attendance={**everyone_present(program), world.teacher_a.pk: True},
        )
    assert "не участвует в программе" in messages_of(error.value)

    meeting_record(
        meeting=past, by=mentor, notes="Итоги", attendance={world.mentor_a.pk: True, world.mentee_a.pk: False}
    )
    past.refresh_from_db()
    assert past.status == MeetingStatus.HELD
    assert "отсутствовали:" in program.events.filter(kind=EventKind.MEETING).last().summary


def test_cancelled_meetings_are_neither_recorded_nor_cancelled_again(world):
    program = active_program(world)
    curator = world.users["curator_a"]
    meeting = schedule(program, curator, "acquaintance", at(-1))
    with pytest.raises(ValidationError) as error:
        meeting_cancel(meeting=meeting, by=curator, reason="")
    assert "Укажите причину отмены" in messages_of(error.value)
    meeting_cancel(meeting=meeting, by=curator, reason="Болезнь наставляемого")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.notes == "Болезнь наставляемого"
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, by=curator, reason="Ещё раз")
    with pytest.raises(ValidationError) as error:
        meeting_record(meeting=meeting, by=curator, notes="Итоги", attendance=everyone_present(program))
    assert "Встреча отменена" in messages_of(error.value)


def test_a_moved_meeting_is_reminded_of_again(world):
    program = active_program(world)
    mentor = world.users["mentor_a"]
    meeting = schedule(program, mentor, "acquaintance", at(1))
    Meeting.objects.filter(pk=meeting.pk).update(reminded_at=timezone.now())
    meeting_update(
        meeting=meeting,
        by=mentor,
        meeting_type=mtype("acquaintance"),
        starts_at=at(2),
        format=MeetingFormat.ONLINE,
        agenda="Знакомство",
        place="https://vk.com/call/123",
    )
    meeting.refresh_from_db()
    assert meeting.reminded_at is None and meeting.format == MeetingFormat.ONLINE
    assert program.events.last().summary.startswith("Перенесена встреча-знакомство на")


def test_only_the_manager_or_the_mentor_act(world):
    # who acts is the pages' concern (the services trust their caller, as the program's do)
    program = active_program(world)
    meeting = schedule(program, world.users["head_a"], "acquaintance", at(-1))
    for persona, status in (("mentee_a", 403), ("curator_b", 404)):
        response = client_for(world, persona).post(
            f"/programs/meetings/{meeting.pk}/record/", {"notes": "Познакомились"}
        )
        assert response.status_code == status, persona
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and meeting.created_by == world.users["head_a"]


# --- pages --------------------------------------------------------------------------------------


def test_the_curator_plans_a_meeting_through_the_page(world):
    program = active_program(world)
    client = client_for(world, "curator_a")
    url = f"/programs/{program.pk}/meetings/add/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "meeting_type": mtype("acquaintance").pk,
            "starts_at": at(2).astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
            "format": MeetingFormat.IN_PERSON,
            "place": "Каб. 12",
            "agenda": "Знакомство",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/programs/{program.pk}/#meetings"
    meeting = program.meetings.get()
    assert meeting.place == "Каб. 12" and meeting.duration_minutes == 60
    assert timezone.localtime(meeting.starts_at).hour == 15


def test_a_refused_rule_comes_back_on_the_form(world):
    program = active_program(world, status=ProgramStatus.DRAFT)
    client = client_for(world, "mentor_a")
    response = client.post(
        f"/programs/{program.pk}/meetings/add/",
        {
            "meeting_type": mtype("acquaintance").pk,
            "starts_at": "01.01.2020 10:00",
            "duration_minutes": 45,
            "format": MeetingFormat.IN_PERSON,
            "agenda": "Знакомство",
        },
    )
    assert response.status_code == 200
    assert "Программа ещё не утверждена" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_mentor_records_a_meeting_with_attendance_checkboxes(world):
    program = active_program(world)
    meeting = schedule(program, world.users["mentor_a"], "acquaintance", at(-1))
    client = client_for(world, "mentor_a")
    url = f"/programs/meetings/{meeting.pk}/record/"
    page = client.get(url).content.decode()
    assert f'name="present_{world.mentee_a.pk}"' in page and "Молодцова" in page

    response = client.post(url, {"notes": "Обсудили ожидания", f"present_{world.mentor_a.pk}": "on"})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert dict(meeting.attendance.values_list("person_id", "present")) == {
        world.mentor_a.pk: True,
        world.mentee_a.pk: False,
    }


def test_the_timeline_shows_held_planned_and_cancelled_meetings(world):
    program = active_program(world)
    mentor = world.users["mentor_a"]
    held = schedule(program, mentor, "acquaintance", at(-2), agenda="Знакомство и ожидания")
    meeting_record(
        meeting=held, by=mentor, notes="Составили список вопросов", attendance=everyone_present(program)
    )
    cancelled = schedule(program, mentor, "trial_working", at(3))
    meeting_cancel(meeting=cancelled, by=mentor, reason="Совпало с педсоветом")
    schedule(
        program, mentor, "trial_working", at(4), format=MeetingFormat.ONLINE, place="https://vk.com/call/1"
    )

    def timeline(persona: str) -> str:
        user = world.users[persona]
        return render_to_string(
            "mentoring/_program_meetings.html",
            {**meetings_context(program, user, program_roles(user, program)), "user": user},
        )

    html = timeline("mentor_a")
    assert html.count('data-testid="meeting"') == 3
    assert html.index("Встреча-знакомство") < html.index("Пробная рабочая встреча")
    for text in (
        "Проведена",
        "Отменена",
        "Запланирована",
        "Составили список вопросов",
        "Причина отмены",
        "Совпало с педсоветом",
        "Дистанционно (онлайн)",
        "https://vk.com/call/1",
        "Молодцова",
        "присутствовал(а)",
        "Запланировать встречу",
        f"/programs/meetings/{held.pk}/record/",
    ):
        assert text in html, text
    # the mentee sees the timeline but no buttons
    mentee_view = timeline("mentee_a")
    assert "Составили список вопросов" in mentee_view
    assert "Запланировать встречу" not in mentee_view and "/record/" not in mentee_view


def test_the_program_page_includes_the_meetings(world):
    program = active_program(world)
    schedule(program, world.users["mentor_a"], "acquaintance", at(2), agenda="Повестка знакомства")
    html = client_for(world, "mentee_a").get(f"/programs/{program.pk}/").content.decode()
    assert "Повестка знакомства" in html and 'data-testid="meeting-timeline"' in html


# --- access ---------------------------------------------------------------------------------------


def _meeting_urls(program, meeting) -> list[str]:
    return [
        f"/programs/{program.pk}/meetings/add/",
        f"/programs/meetings/{meeting.pk}/edit/",
        f"/programs/meetings/{meeting.pk}/record/",
        f"/programs/meetings/{meeting.pk}/cancel/",
    ]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("curator_a", 200),
        ("head_a", 200),
        ("mentor_a", 200),
        ("mentee_a", 403),
        ("coordinator", 403),
        ("operator", 403),
        ("curator_b", 404),
    ],
)
def test_meeting_pages_per_persona(world, persona, expected):
    program = active_program(world)
    meeting = schedule(program, world.users["curator_a"], "acquaintance", at(-1))
    client = client_for(world, persona)
    for url in _meeting_urls(program, meeting):
        assert client.get(url).status_code == expected, url
        assert client.post(url, {"notes": "x", "reason": "x"}).status_code in (expected, 302), url
    meeting.refresh_from_db()
    if expected != 200:
        assert meeting.status == MeetingStatus.PLANNED


def test_anonymous_is_sent_to_sign_in(world):
    program = active_program(world)
    meeting = schedule(program, world.users["curator_a"], "acquaintance", at(1))
    for url in _meeting_urls(program, meeting):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"meeting_type": "abc", "starts_at": "вчера", "duration_minutes": "-5", "format": "телепатия"},
        {
            "meeting_type": "999999",
            "starts_at": "31.02.2026 25:61",
            "duration_minutes": "1e9",
            "agenda": "x" * 6000,
        },
        {"notes": "\x00", "present_abc": "on", "present_999999": "yes", "reason": ["a", "b"]},
    ],
)
def test_garbage_input_never_gives_500(world, data):
    program = active_program(world)
    meeting = schedule(program, world.users["curator_a"], "acquaintance", at(-1))
    client = client_for(world, "curator_a")
    for url in _meeting_urls(program, meeting):
        assert client.post(url, data).status_code in (200, 302), url
    for url in (
        "/programs/abc/meetings/add/",
        "/programs/meetings/999999/record/",
        "/programs/meetings/0/edit/",
    ):
        assert client.get(url).status_code == 404
