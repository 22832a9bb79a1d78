"""Completion of a personalized program: the self-assessment of difficulties before and after
(monitoring's questionnaires, required through the registered condition), the mentor's report,
the completion with the «full cycle» mark (seed 004 §6.2.3, 003 §4.8, 002 §9)."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

import nastavnik
from nastavnik.bank.models import MenteeProfile
from nastavnik.matching.tests.bank import mentee
from nastavnik.mentoring.choices import EventKind, MeetingStatus, PairEndReason, ProgramStatus
from nastavnik.mentoring.models import Meeting, MentorReport, Pair, PersonalizedProgram
from nastavnik.mentoring.selectors.completion import completion_conditions, completion_context
from nastavnik.mentoring.selectors.participants import program_roles
from nastavnik.mentoring.services.completion import mentor_report_submit, program_complete
from nastavnik.mentoring.tests.helpers import draft_program, second_mentee
from nastavnik.monitoring.lifecycle import assign_before, assign_self_assessment_after
from nastavnik.reference.models import MeetingType, PersonalizedProgramStage
from nastavnik.testing.personas import PERSONAS
from nastavnik.testing.questionnaires import answer_self_assessment

pytestmark = pytest.mark.django_db


# --- helpers of this module: rows made directly, without the other parts' services ---------


def activate(program: PersonalizedProgram, stage: str = "implementation") -> PersonalizedProgram:
    """The program as if approved and started (status «Реализуется», the implementation stage),
    with the «before» questionnaires its start assigns."""
    PersonalizedProgram.objects.filter(pk=program.pk).update(
        status=ProgramStatus.ACTIVE,
        approved_on=timezone.localdate(),
        stage=PersonalizedProgramStage.objects.get(code=stage),
    )
    program.refresh_from_db()
    assign_before(program)
    return program


def final_meeting(program, *, status=MeetingStatus.HELD, days_ago: int = 1) -> Meeting:
    return Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        agenda="Подведение итогов",
        status=status,
    )


def assess(program, person, before: int | None = 6, after: int | None = 4) -> None:
    """``person`` answers their self-assessment of difficulties: the methodical area ``before``
    and, the «after» one opened, ``after`` (1–10; ``None``: not answered); no difficulty (1) in
    the other areas."""
    if before is not None:
        answer_self_assessment(program, person, "before", difficulty=1, by_area={"methodical": before})
    if after is not None:
        assign_self_assessment_after(program)
        answer_self_assessment(program, person, "after", difficulty=1, by_area={"methodical": after})


def report(program, by) -> MentorReport:
    return mentor_report_submit(
        program=program, by=by, work_done="Посещение уроков", results="Уроки стали лучше"
    )


def ready_program(world, **kwargs) -> PersonalizedProgram:
    """An active program of mentor_a and mentee_a with everything completion needs."""
    program = activate(draft_program(world, **kwargs))
    for pair in program.pairs.all():
        assess(program, pair.mentee)
    report(program, world.users["mentor_a"])
    final_meeting(program)
    return program


def client_for(world, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        assert client.login(username=persona, password="pass12345")
    return client


# --- program_complete -----------------------------------------------------------------------


def test_completion_of_an_active_program_with_nothing_done_names_every_missing_condition(world):
    program = activate(draft_program(world))
    with pytest.raises(ValidationError) as error:
        program_complete(program=program, by=world.users["curator_a"], results="")
    messages = error.value.messages
    assert messages[0] == "Программу нельзя завершить:"
    text = "\n".join(messages)
    assert "наставник не представил отчёт о реализации программы" in text
    assert "— Молодцова М. П.: не заполнена самооценка затруднений до программы;" in messages
    assert (
        "— Молодцова М. П.: не заполнена самооценка затруднений после программы (она открывается на "
        "рефлексивно-аналитическом этапе — после отчёта наставника);" in messages
    )
    assert "итоговая встреча не проведена" in text
    assert "не описаны итоги работы пары (группы)" in text
    assert len(messages) == 6
    program.refresh_from_db()
    assert program.status == ProgramStatus.ACTIVE
    assert MenteeProfile.objects.get(person=world.mentee_a).full_cycle_completed_on is None
    assert program.pairs.filter(ended_on__isnull=True).count() == 1


def test_completion_of_a_draft_program_is_refused(world):
    program = draft_program(world)
    with pytest.raises(ValidationError) as error:
        program_complete(program=program, by=world.users["curator_a"], results="Итоги")
    assert "— программа не реализуется (статус «Проект»);" in error.value.messages


@pytest.mark.parametrize("missing", ["report", "before", "after", "final_meeting", "final_planned"])
def test_completion_names_the_one_missing_condition(world, missing):
    program = activate(draft_program(world))
    by = world.users["curator_a"]
    if missing != "report":
        report(program, world.users["mentor_a"])
    if missing not in ("final_meeting", "final_planned"):
        final_meeting(program)
    if missing == "final_planned":
        final_meeting(program, status=MeetingStatus.PLANNED)
    assess(
        program,
        world.mentee_a,
        before=None if missing == "before" else 7,
        after=None if missing == "after" else 3,
    )
    with pytest.raises(ValidationError) as error:
        program_complete(program=program, by=by, results="Итоги")
    expected = {
        "report": "— наставник не представил отчёт о реализации программы.",
        "before": "— Молодцова М. П.: не заполнена самооценка затруднений до программы.",
        "after": "— Молодцова М. П.: не заполнена самооценка затруднений после программы.",
        "final_meeting": "— итоговая встреча не проведена.",
        "final_planned": "— итоговая встреча не проведена.",
    }[missing]
    assert error.value.messages == ["Программу нельзя завершить:", expected]


def test_completion_sets_the_full_cycle_ends_the_pairs_and_writes_events(world):
    second = second_mentee(world)
    mentee(second, world.school_a, difficulties=("ict_digital",))
    program = ready_program(world, mentees=[world.mentee_a, second])
    curator = world.users["curator_a"]

    program_complete(program=program, by=curator, results="  Наставляемые освоили технологию урока.  ")

    program.refresh_from_db()
    today = timezone.localdate()
    assert program.status == ProgramStatus.COMPLETED
    assert program.completed_on == today
    assert program.stage.code == "resultative"
    assert program.results == "Наставляемые освоили технологию урока."
    pairs = list(program.pairs.all())
    assert len(pairs) == 2
    assert all(p.ended_on == today and p.end_reason == PairEndReason.COMPLETED for p in pairs)
    for person in (world.mentee_a, second):
        assert MenteeProfile.objects.get(person=person).full_cycle_completed_on == today
    status_event = program.events.get(kind=EventKind.STATUS)
    assert (status_event.from_status, status_event.to_status) == (
        ProgramStatus.ACTIVE,
        ProgramStatus.COMPLETED,
    )
    assert status_event.author == curator
    assert "Молодцова М. П." in status_event.summary and "Новикова" in status_event.summary
    assert program.events.filter(kind=EventKind.STAGE, summary__contains="Результативный").exists()
    # Completed once: a second completion is refused.
    with pytest.raises(ValidationError):
        program_complete(program=program, by=curator, results="Ещё раз")


def test_completion_of_a_pair_leaves_other_mentees_unmarked(world):
    other = second_mentee(world)
    mentee(other, world.school_a)
    program = ready_program(world)
    program_complete(program=program, by=world.users["head_a"], results="Итоги")
    assert MenteeProfile.objects.get(person=other).full_cycle_completed_on is None


# --- the mentor's report --------------------------------------------------------------------


def test_mentor_report_only_while_active_replaces_and_moves_the_stage(world):
    program = draft_program(world)
    mentor = world.users["mentor_a"]
    with pytest.raises(ValidationError) as error:
        report(program, mentor)
    assert "пока программа реализуется" in error.value.messages[0]

    activate(program)
    with pytest.raises(ValidationError) as error:
        mentor_report_submit(program=program, by=mentor, work_done="  ", results="")
    assert error.value.message_dict == {
        "work_done": ["Опишите проделанную работу."],
        "results": ["Опишите достигнутые результаты."],
    }
    first = report(program, mentor)
    program.refresh_from_db()
    assert program.stage.code == "reflective_analytical"
    assert program.events.filter(kind=EventKind.REPORT, summary="Представлен отчёт наставника").exists()
    assert (
        program.events.filter(kind=EventKind.STAGE, summary__contains="Рефлексивно-аналитический").count()
        == 1
    )

    second = mentor_report_submit(
        program=program,
        by=world.users["curator_a"],
        work_done="Новое",
        results="Новые итоги",
        products="Урок",
    )
    assert second.pk == first.pk and MentorReport.objects.count() == 1
    assert (second.work_done, second.products, second.author) == ("Новое", "Урок", world.users["curator_a"])
    assert program.events.filter(kind=EventKind.REPORT, summary="Отчёт наставника заменён новым").exists()
    assert program.events.filter(kind=EventKind.STAGE).count() == 1


def test_mentor_report_does_not_move_a_later_stage_back(world):
    program = activate(draft_program(world), stage="resultative")
    report(program, world.users["mentor_a"])
    program.refresh_from_db()
    assert program.stage.code == "resultative"
    assert not program.events.filter(kind=EventKind.STAGE).exists()


# --- no form can set the full-cycle mark (seed 002 §9) --------------------------------------


def _all_form_classes():
    for module in pkgutil.walk_packages(nastavnik.__path__, "nastavnik."):
        if (
            ".tests" in module.name
            or ".migrations" in module.name
            or not (
                module.name.endswith(".forms") or ".forms." in module.name or module.name.endswith("forms")
            )
        ):
            continue
        imported = importlib.import_module(module.name)
        for value in vars(imported).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.name
            ):
                yield value


def test_no_form_has_a_full_cycle_field():
    classes = list(_all_form_classes())
    names = {c.__name__ for c in classes}
    assert {"MenteeProfileForm", "ProgramCompleteForm"} <= names
    assert [c.__name__ for c in classes if "full_cycle_completed_on" in c.base_fields] == []


def test_posting_the_full_cycle_to_the_mentee_card_does_not_set_it(world):
    profile = mentee(second_mentee(world), world.school_a)
    client = client_for(world, "curator_a")
    from nastavnik.reference.models import MenteeCategory

    response = client.post(
        f"/bank/mentees/{profile.pk}/edit/",
        {
            "categories": [MenteeCategory.objects.get(code="young_teacher").pk],
            "request_text": "Запрос",
            "full_cycle_completed_on": "2025-01-01",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.request_text == "Запрос"
    assert profile.full_cycle_completed_on is None


# --- the program page section ---------------------------------------------------------------


def test_completion_context_for_the_manager_and_the_mentee(world):
    program = activate(draft_program(world))
    assess(program, world.mentee_a, before=6, after=None)
    report(program, world.users["mentor_a"])  # the reflective stage: the «after» one opens
    manager = completion_context(
        program, world.users["curator_a"], program_roles(world.users["curator_a"], program)
    )["completion"]
    assert manager["can_complete"] and manager["can_report"] and not manager["ready"]
    assert manager["complete_url"] == f"/programs/{program.pk}/complete/"
    conditions = {c.code: c for c in manager["conditions"]}
    assert {code: c.met for code, c in conditions.items()} == {
        "active": True,
        "report": True,
        f"assessment_before_{world.mentee_a.pk}": True,
        f"assessment_after_{world.mentee_a.pk}": False,
        "final_meeting": False,
    }
    # the manager types the mentee's paper form in (seed 004 §9.2)
    after = conditions[f"assessment_after_{world.mentee_a.pk}"]
    assert after.url.startswith("/monitoring/my/") and after.url_label == "Внести с бумажной анкеты"
    rows = manager["assessments"][0].rows
    assert len(rows) == 8  # the eight areas of the built-in questionnaire
    methodical = next(r for r in rows if r["area"].code == "methodical")
    assert (methodical["before"], methodical["after"], methodical["change"]) == (6, None, None)

    as_mentee = completion_context(
        program, world.users["mentee_a"], program_roles(world.users["mentee_a"], program)
    )["completion"]
    assert not as_mentee["can_complete"] and not as_mentee["can_report"]
    after = next(c for c in as_mentee["conditions"] if c.code == f"assessment_after_{world.mentee_a.pk}")
    from nastavnik.monitoring.models import Assignment

    pending = Assignment.objects.get(
        program=program, person=world.mentee_a, questionnaire__code="mentee_difficulties_after"
    )
    assert after.url.endswith(f"/{pending.pk}/") and str(pending.pk) in after.url


def test_completion_section_renders(world):
    from django.template.loader import render_to_string

    program = ready_program(world)
    user = world.users["curator_a"]
    html = render_to_string(
        "mentoring/_program_completion.html", completion_context(program, user, program_roles(user, program))
    )
    assert "Завершить программу" in html and "✗" not in html
    # the difficulty went from 6 to 4 in every area: the change is −2
    assert "Уроки стали лучше" in html and "−2" in html and "очень серьёзные затруднения" in html


# --- pages ----------------------------------------------------------------------------------

# fmt: off
#: page → status per persona (order of ``PERSONAS``): in view scope but not allowed → 403,
#: out of scope → 404, anonymous → 302.
#:                     operator coord head_a cur_a mentor mentee cur_b anon
MATRIX = {
    "report":          (403,    403,  200,   200,  200,   403,   404,  302),
    "complete":        (403,    403,  200,   200,  403,   403,   404,  302),
}
# fmt: on
PAGES = {
    "report": "/programs/{pk}/report/",
    "complete": "/programs/{pk}/complete/",
}


@pytest.mark.parametrize("page", list(MATRIX))
def test_pages_per_persona(world, page):
    program = activate(draft_program(world))
    for persona, expected in zip(PERSONAS, MATRIX[page], strict=True):
        response = client_for(world, persona).get(PAGES[page].format(pk=program.pk))
        assert response.status_code == expected, (persona, response.status_code)


def test_the_self_assessment_page_is_gone(world):
    program = activate(draft_program(world))
    response = client_for(world, "mentee_a").get(f"/programs/{program.pk}/self-assessment/before/")
    assert response.status_code == 404


def test_curator_completes_through_the_page(world):
    program = ready_program(world)
    client = client_for(world, "curator_a")
    url = f"/programs/{program.pk}/complete/"
    page = client.get(url).content.decode()
    assert "✗" not in page and "Итоговая встреча проведена" in page
    response = client.post(url, {"results": "Пара отработала полный цикл"})
    assert response.status_code == 200
    assert "Подтвердите завершение программы." in response.content.decode()
    response = client.post(url, {"results": "Пара отработала полный цикл", "confirm": "on"})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == ProgramStatus.COMPLETED
    assert MenteeProfile.objects.get(person=world.mentee_a).full_cycle_completed_on == timezone.localdate()
    content = client.get(f"/programs/{program.pk}/").content.decode()
    assert "Программа завершена" in content and "Пара отработала полный цикл" in content
    assert client.get(url).status_code == 200  # the page says it is already completed


def test_completion_page_lists_what_is_missing(world):
    program = activate(draft_program(world))
    client = client_for(world, "head_a")
    response = client.post(f"/programs/{program.pk}/complete/", {"results": "Итоги", "confirm": "on"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Программу нельзя завершить:" in content
    assert "итоговая встреча не проведена" in content
    assert PersonalizedProgram.objects.get(pk=program.pk).status == ProgramStatus.ACTIVE


def test_mentor_cannot_complete_and_mentee_cannot_report(world):
    program = ready_program(world)
    response = client_for(world, "mentor_a").post(
        f"/programs/{program.pk}/complete/", {"results": "Итоги", "confirm": "on"}
    )
    assert response.status_code == 403
    response = client_for(world, "mentee_a").post(
        f"/programs/{program.pk}/report/", {"work_done": "x", "results": "y"}
    )
    assert response.status_code == 403
    assert PersonalizedProgram.objects.get(pk=program.pk).status == ProgramStatus.ACTIVE


def test_mentor_submits_the_report_with_a_file_and_it_is_served_only_in_scope(world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    program = activate(draft_program(world))
    client = client_for(world, "mentor_a")
    response = client.post(
        f"/programs/{program.pk}/report/",
        {
            "work_done": "Посетила 10 уроков",
            "results": "Наставляемая провела открытый урок",
            "attachment": SimpleUploadedFile("otchet.pdf", b"%PDF-1.4", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    assert MentorReport.objects.get(program=program).results == "Наставляемая провела открытый урок"
    url = f"/programs/{program.pk}/report/attachment/"
    assert client.get(url).status_code == 200
    assert client_for(world, "curator_b").get(url).status_code == 404


@pytest.mark.parametrize(
    "path, data",
    [
        ("/programs/{pk}/report/", {"work_done": "x" * 30000, "results": "", "attachment": "not a file"}),
        ("/programs/{pk}/complete/", {"results": "\x00", "confirm": "maybe"}),
        ("/programs/999999/complete/", {"results": "x"}),
    ],
)
def test_garbage_gives_no_500(world, path, data):
    program = activate(draft_program(world))
    client = client_for(world, "curator_a")
    url = path.format(pk=program.pk)
    response = client.get(url) if data is None else client.post(url, data)
    assert response.status_code in (200, 302, 404)
    assert PersonalizedProgram.objects.get(pk=program.pk).status == ProgramStatus.ACTIVE
    assert not Pair.objects.filter(program=program, ended_on__isnull=False).exists()


def test_completion_needs_the_self_assessment_whatever_the_addressed_difficulties(world):
    # the questionnaire asks about all eight areas, so a program without addressed
    # difficulties still needs it answered, and is completed once it is
    program = activate(draft_program(world))
    program.deficits.clear()
    missing = [c.missing for c in completion_conditions(program) if not c.met]
    assert "Молодцова М. П.: не заполнена самооценка затруднений до программы" in missing


def test_program_page_shows_the_completion_section(world):
    program = activate(draft_program(world))
    report(program, world.users["mentor_a"])
    content = client_for(world, "curator_a").get(f"/programs/{program.pk}/").content.decode()
    assert 'data-testid="program-completion"' in content
    assert "Итоговая встреча проведена" in content and "Посещение уроков" in content
    assert f'href="/programs/{program.pk}/complete/"' in content
    from nastavnik.monitoring.models import Assignment

    pending = Assignment.objects.get(
        program=program, person=world.mentee_a, questionnaire__code="mentee_difficulties_after"
    )
    content = client_for(world, "mentee_a").get(f"/programs/{program.pk}/").content.decode()
    assert f'/{pending.pk}/"' in content  # the link to their own «after» questionnaire
    assert f'href="/programs/{program.pk}/complete/"' not in content


def test_completion_context_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    # given an active group of two mentees, one of them assessed, and the roles read
    program = activate(draft_program(world, mentees=[world.mentee_a, second_mentee(world)]))
    curator = world.users["curator_a"]
    assess(program, world.mentee_a)
    roles = program_roles(curator, program)

    # then the section reads the same queries whatever the number of mentees and areas:
    # report, pairs, the answers and the areas of the table, which mentees are learners (they owe
    # no self-assessment, issue 20), the answers and the assignments of the conditions, the final
    # meeting
    with django_assert_num_queries(8):
        completion_context(program, curator, roles)

    # and a completed program reads only the report and the table (answers, mentees, areas)
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.COMPLETED)
    program.refresh_from_db()
    with django_assert_num_queries(4):
        completion_context(program, curator, roles)
