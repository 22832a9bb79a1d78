"""The services of a personalized program and of the organization's mentoring program check
their actor themselves (issue 13, «one rights model»), by the rule the pages use: the program's
manager (the curator or the head, ``personalizedprogram`` ``change``) changes the program and its
plan; its mentor also plans and records meetings and writes the report; its mentee also reports
the plan (seed 004 §6.2.3, 003 §4.7; their self-assessment is a questionnaire of monitoring, which
only the person answers). Anyone else gets
``PermissionDenied`` and nothing changes; ``by=None`` is the system."""

from __future__ import annotations

import datetime as dt

import pytest

from nastavnik.mentoring.choices import ActivityStatus
from nastavnik.mentoring.models import (
    ActivityPlanItem,
    Meeting,
    MentoringProgram,
    MentorReport,
    PersonalizedProgram,
    ProgramEvent,
)
from nastavnik.mentoring.services import completion, meetings, organization, programs
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.mentoring.tests.test_meetings import active_program, at, everyone_present, schedule
from nastavnik.reference.models import PersonalizedProgramStage
from nastavnik.testing.actors import assert_refused_then_served

pytestmark = pytest.mark.django_db


def _state():
    """Everything the services below may write, read from the database."""
    return (
        ProgramEvent.objects.count(),
        list(PersonalizedProgram.objects.order_by("pk").values_list("pk", "status", "stage_id", "goals")),
        list(ActivityPlanItem.objects.order_by("pk").values_list("pk", "title", "status")),
        list(Meeting.objects.order_by("pk").values_list("pk", "status", "agenda")),
        MentorReport.objects.count(),
        list(MentoringProgram.objects.order_by("pk").values_list("pk", "title")),
    )


def _item(program):
    return programs.plan_item_add(
        program=program,
        by=None,
        stage=PersonalizedProgramStage.objects.get(code="preparatory"),
        title="Знакомство",
        starts_on=program.starts_on,
        ends_on=program.starts_on + dt.timedelta(days=10),
    )


def _case(world, name):
    """``(call(by), refused personas, allowed persona)`` of the service ``name``."""
    managers_only = ("mentor_a", "mentee_a", "curator_b")
    if name == "program_update":
        program = draft_program(world)
        return (
            lambda by: programs.program_update(program=program, by=by, goals="Новые цели"),
            managers_only,
            "curator_a",
        )
    if name == "program_stage_advance":
        program = active_program(world)
        return (lambda by: programs.program_stage_advance(program=program, by=by), managers_only, "head_a")
    if name == "plan_item_add":
        program = draft_program(world)
        return (
            lambda by: (
                _item(program)
                if by is None
                else programs.plan_item_add(
                    program=program,
                    by=by,
                    stage=PersonalizedProgramStage.objects.get(code="preparatory"),
                    title="Открытый урок",
                    starts_on=program.starts_on,
                    ends_on=program.starts_on,
                )
            ),
            managers_only,
            "curator_a",
        )
    if name == "plan_item_update":
        item = _item(draft_program(world))
        return (
            lambda by: programs.plan_item_update(item=item, by=by, title="Другое"),
            managers_only,
            "curator_a",
        )
    if name == "plan_item_delete":
        item = _item(draft_program(world))
        return (lambda by: programs.plan_item_delete(item=item, by=by), managers_only, "curator_a")
    if name == "plan_item_report":
        item = _item(active_program(world))
        return (
            lambda by: programs.plan_item_report(item=item, by=by, status=ActivityStatus.DONE),
            ("curator_b", "coordinator"),
            "mentee_a",
        )
    mentor_or_manager = ("mentee_a", "curator_b", "coordinator")
    if name == "meeting_schedule":
        program = active_program(world)
        return (lambda by: schedule(program, by, "acquaintance", at(2)), mentor_or_manager, "mentor_a")
    if name in ("meeting_update", "meeting_record", "meeting_cancel"):
        program = active_program(world)
        meeting = schedule(program, None, "acquaintance", at(-1))
        call = {
            "meeting_update": lambda by: meetings.meeting_update(
                meeting=meeting,
                by=by,
                meeting_type=meeting.meeting_type,
                starts_at=meeting.starts_at,
                format=meeting.format,
                agenda="Другая повестка",
            ),
            "meeting_record": lambda by: meetings.meeting_record(
                meeting=meeting, by=by, notes="Познакомились", attendance=everyone_present(program)
            ),
            "meeting_cancel": lambda by: meetings.meeting_cancel(meeting=meeting, by=by, reason="Болезнь"),
        }[name]
        return call, mentor_or_manager, "mentor_a"
    if name == "mentor_report_submit":
        program = active_program(world)
        return (
            lambda by: completion.mentor_report_submit(
                program=program, by=by, work_done="Посещение уроков", results="Уроки стали лучше"
            ),
            mentor_or_manager,
            "mentor_a",
        )
    if name == "mentoring_program_create":
        return (
            lambda by: organization.mentoring_program_create(
                organization=world.school_a,
                title="Программа наставничества",
                starts_on=dt.date(2026, 9, 1),
                ends_on=dt.date(2027, 6, 30),
                by=by,
            ),
            ("mentor_a", "curator_b", "coordinator"),
            "head_a",
        )
    assert name == "mentoring_program_update"
    program = organization.mentoring_program_create(
        organization=world.school_a,
        title="Программа",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 6, 30),
    )
    return (
        lambda by: organization.mentoring_program_update(
            program=program, by=by, title="Программа на 2026–2027"
        ),
        ("mentor_a", "curator_b", "coordinator"),
        "curator_a",
    )


NAMES = (
    "program_update",
    "program_stage_advance",
    "plan_item_add",
    "plan_item_update",
    "plan_item_delete",
    "plan_item_report",
    "meeting_schedule",
    "meeting_update",
    "meeting_record",
    "meeting_cancel",
    "mentor_report_submit",
    "mentoring_program_create",
    "mentoring_program_update",
)


@pytest.mark.parametrize("name", NAMES)
def test_a_program_service_refuses_an_actor_the_pages_refuse(world, name):
    call, refused, allowed = _case(world, name)
    assert_refused_then_served(call, users=world.users, refused=refused, allowed=allowed, state=_state)
