"""Links of professional development to mentoring (issue 18, Build 5): a completed program's
result on the mentee's route, the self-assessed difficulties of a questionnaire as deficits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from nastavnik.development.choices import DeficitLevel, DeficitSource, RouteEventKind, RouteStatus
from nastavnik.development.models import Deficit, IndividualRoute, RouteEvent
from nastavnik.development.services.links import (
    RESULT_SUMMARY_CHARS,
    deficits_record_self_assessed,
    program_result_summary,
    route_record_program_result,
    self_assessed_level,
)
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.services.completion import program_complete
from nastavnik.mentoring.tests.test_completion import ready_program
from nastavnik.reference.models import CompetenceArea

pytestmark = pytest.mark.django_db


def route(
    person, organization, *, status=RouteStatus.ACTIVE, title="Методическое мастерство"
) -> IndividualRoute:
    today = timezone.localdate()
    return IndividualRoute.objects.create(
        person=person,
        organization=organization,
        title=title,
        status=status,
        starts_on=today - dt.timedelta(days=100),
        ends_on=today + dt.timedelta(days=1000),
    )


# --- the program's result on the route --------------------------------------------------------


def test_completing_a_program_records_its_result_on_each_live_route_of_its_mentee(world):
    # given the mentee's live route, their completed earlier route and a colleague's route
    live = route(world.mentee_a, world.school_a)
    done = route(world.mentee_a, world.school_a, status=RouteStatus.COMPLETED, title="Прежний маршрут")
    other = route(world.teacher_a, world.school_a)
    program = ready_program(world)
    # when the curator completes the program
    program_complete(program=program, by=world.users["curator_a"], results="Уроки стали интереснее.")
    # then the live route has the program's result as an event by the curator, the others nothing
    program.refresh_from_db()
    assert program.status == ProgramStatus.COMPLETED
    (event,) = RouteEvent.objects.filter(kind=RouteEventKind.PROGRAM_RESULT)
    assert event.route == live
    assert event.author == world.users["curator_a"]
    today = timezone.localdate()
    assert event.summary == (
        f"Завершена персонализированная программа наставничества № {program.pk} «{program.direction}» "
        f"({program.starts_on:%d.%m.%Y} – {today:%d.%m.%Y}). Итоги: Уроки стали интереснее."
    )
    assert event.comment == ""
    assert not RouteEvent.objects.filter(route__in=[done, other]).exists()


def test_a_mentee_without_a_live_route_gets_nothing_and_the_completion_goes_on(world):
    program = ready_program(world)
    program_complete(program=program, by=world.users["curator_a"], results="Итоги")
    program.refresh_from_db()
    assert program.status == ProgramStatus.COMPLETED
    assert route_record_program_result(program=program, by=world.users["curator_a"]) == []


def test_long_results_are_cut_in_the_summary_and_kept_whole_in_the_comment(world):
    program = ready_program(world)
    live = route(world.mentee_a, world.school_a)
    program.results = "Итог " * 200
    events = route_record_program_result(program=program, by=world.users["head_a"])
    assert [e.route for e in events] == [live]
    assert events[0].summary.endswith("…")
    assert len(program_result_summary(program)) < 500
    assert events[0].summary.count("Итог") < 200 and RESULT_SUMMARY_CHARS < len(program.results)
    assert events[0].comment == program.results.strip()


@pytest.mark.parametrize("persona", ["curator_b", "mentor_a", "mentee_a"])
def test_only_who_completes_the_program_records_its_result(world, persona):
    program = ready_program(world)
    live = route(world.mentee_a, world.school_a)
    with pytest.raises(PermissionDenied):
        route_record_program_result(program=program, by=world.users[persona])
    assert not live.events.exists()


# --- self-assessed difficulties as deficits ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (None, None),
        (1, None),
        (5, None),
        (6, DeficitLevel.MINOR),
        (7, DeficitLevel.MINOR),
        (8, DeficitLevel.MARKED),
        (9, DeficitLevel.MARKED),
        (10, DeficitLevel.CRITICAL),
    ],
)
def test_the_difficult_end_of_the_scale_makes_a_deficit_with_a_level_by_value(value, level):
    assert self_assessed_level(value) == level


def areas(*codes: str) -> list[CompetenceArea]:
    by_code = {a.code: a for a in CompetenceArea.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes]


def test_self_assessed_deficits_are_recorded_and_a_second_answer_of_the_day_changes_the_level(world):
    methodical, ict, legal = areas("methodical", "ict_digital", "legal")
    today = timezone.localdate()
    by = world.users["mentee_a"]
    # when the mentee answers 10, 7 and 5
    written = deficits_record_self_assessed(
        person_id=world.mentee_a.pk,
        organization_id=world.school_a.pk,
        answered_on=today,
        values={methodical.pk: 10, ict.pk: 7, legal.pk: 5},
        by=by,
    )
    # then two deficits: critical and minor, of the questionnaire, dated the answer's day
    rows = Deficit.objects.filter(person=world.mentee_a, source=DeficitSource.QUESTIONNAIRE)
    assert {(d.area_id, d.level) for d in rows} == {(methodical.pk, 3), (ict.pk, 1)}
    assert {d.pk for d in written} == {d.pk for d in rows}
    assert {d.diagnosed_on for d in rows} == {today}
    assert {d.organization_id for d in rows} == {world.school_a.pk}
    # when the same day a second questionnaire says 8 for the methodical area
    deficits_record_self_assessed(
        person_id=world.mentee_a.pk,
        organization_id=world.school_a.pk,
        answered_on=today,
        values={methodical.pk: 8},
        by=by,
    )
    # then the level changes, no duplicate
    assert rows.get(area=methodical).level == DeficitLevel.MARKED
    assert rows.count() == 2


def test_the_curator_of_another_school_records_no_deficits(world):
    (methodical,) = areas("methodical")
    with pytest.raises(PermissionDenied):
        deficits_record_self_assessed(
            person_id=world.mentee_a.pk,
            organization_id=world.school_a.pk,
            answered_on=timezone.localdate(),
            values={methodical.pk: 9},
            by=world.users["curator_b"],
        )
    assert not Deficit.objects.filter(person=world.mentee_a, source=DeficitSource.QUESTIONNAIRE).exists()
