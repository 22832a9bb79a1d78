"""The organization's mentoring program: its seven-stage checklist from the organization's data
(seed 000 §IV), its results (seed 003 §4.8), its pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MentorProfile
from nastavnik.bank.services import (
    bank_confirm,
    mentor_profile_create,
    mentor_status_change,
    mentor_training_add,
)
from nastavnik.matching.tests.bank import mentee
from nastavnik.mentoring.choices import ActivityStatus, MeetingStatus
from nastavnik.mentoring.models import ActivityPlanItem, Meeting, MentoringProgram
from nastavnik.mentoring.selectors.organization import mentoring_program_checklist, mentoring_program_results
from nastavnik.mentoring.services.completion import program_complete
from nastavnik.mentoring.services.organization import mentoring_program_create, mentoring_program_update
from nastavnik.mentoring.tests.helpers import draft_program, second_mentee
from nastavnik.mentoring.tests.test_completion import activate, assess, final_meeting, ready_program
from nastavnik.reference.models import MeetingType, PersonalizedProgramStage
from nastavnik.testing import factories as f
from nastavnik.testing.personas import PERSONAS

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


def school_program(world, **fields) -> MentoringProgram:
    fields = {
        "organization": world.school_a,
        "title": "Программа наставничества педагогических работников на 2025/2026 учебный год",
        "starts_on": today() - dt.timedelta(days=200),
        "ends_on": today() + dt.timedelta(days=165),
        "approved_on": today() - dt.timedelta(days=190),
        **fields,
    }
    return mentoring_program_create(**fields)


def small_organization(world):
    """School A with: mentors — mentor_a (active, interviewed, a 72-hour course), teacher_a
    (a candidate without written consent), one who left; mentees — mentee_a (consent,
    methodical difficulty), Новикова (consent, ICT difficulty), Петрова (no consent, no
    difficulty); program 1 (mentor_a → mentee_a) completed with the self-assessed methodical difficulty 6 → 4; program
    2 (mentor_a → Новикова) under way, its last meeting 40 days ago, one plan item overdue."""
    program1 = ready_program(world)
    MentorProfile.objects.filter(person=world.mentor_a).update(
        interviewed_on=today() - dt.timedelta(days=300)
    )
    mentor_training_add(
        profile=world.mentor_a.mentor_profile,
        title="Наставничество в образовательной организации",
        hours=72,
        completed_on=today() - dt.timedelta(days=250),
    )
    mentor_profile_create(person=world.teacher_a, organization=world.school_a)
    gone = f.staff_member(world.school_a, last_name="Уволенная")
    mentor_status_change(
        profile=mentor_profile_create(person=gone, organization=world.school_a), to_status=MentorStatus.LEFT
    )
    program_complete(program=program1, by=world.users["curator_a"], results="Пара отработала полный цикл")

    novikova = second_mentee(world)
    mentee(novikova, world.school_a, difficulties=("ict_digital",))
    mentee(second_mentee(world, "Петрова"), world.school_a, difficulties=(), consent_given_on=None)
    program2 = activate(draft_program(world, mentees=[novikova]))
    final_meeting(program2, days_ago=40)
    Meeting.objects.filter(program=program2).update(meeting_type=MeetingType.objects.get(code="acquaintance"))
    ActivityPlanItem.objects.create(
        program=program2,
        stage=PersonalizedProgramStage.objects.get(code="implementation"),
        title="Посещение уроков наставника",
        starts_on=today() - dt.timedelta(days=30),
        ends_on=today() - dt.timedelta(days=1),
        status=ActivityStatus.PLANNED,
    )
    return program1, program2


def _by_code(stages):
    return {s.code: s for s in stages}


def test_checklist_numbers_on_a_small_organization(world):
    small_organization(world)
    program = school_program(world)

    stages = mentoring_program_checklist(program)

    assert [s.number for s in stages] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.code for s in stages] == [
        "preparing_conditions",
        "mentee_base",
        "mentor_base",
        "mentor_selection_training",
        "forming_pairs",
        "pair_work",
        "completion",
    ]
    texts = {s.code: [m.text for m in s.marks] for s in stages}
    assert texts == {
        "preparing_conditions": [
            "куратор назначен: да",
            f"программа утверждена: да ({program.approved_on:%d.%m.%Y})",
            "актуальность банка подтверждена в течение года: нет",
        ],
        "mentee_base": [
            "наставляемых в банке: 3",
            "с выявленными затруднениями: 2 из 3",
            "с письменным согласием: 2 из 3",
        ],
        "mentor_base": ["наставников в банке: 2", "с письменным согласием: 1 из 2"],
        "mentor_selection_training": [
            "прошли собеседование: 1 из 2",
            "наставники обучены: 1 из 2",
            "прошли курс не менее 72 часов: 1 из 2",
        ],
        "forming_pairs": [
            "наставляемые с письменным согласием в действующей паре: 1 из 2",
            "персонализированные программы утверждены: 2 из 2",
        ],
        "pair_work": [
            "программ реализуется: 1",
            "со встречей за последние 30 дней: 0 из 1",
            "просроченных мероприятий плана: 1",
        ],
        "completion": [
            "программ завершено: 1",
            "наставляемые прошли полный цикл: 1 из 2",
            "среднее снижение затруднений по самооценке: +2,0 балла из 10",
            "отчёты наставников представлены: 1 из 2",
        ],
    }
    states = {s.code: s.state for s in stages}
    assert set(states.values()) == {"partial"}
    assert _by_code(stages)["mentee_base"].url == "/bank/mentees/"
    assert _by_code(stages)["completion"].url == f"/programs/organization/{program.pk}/#results"


def test_checklist_states_done_and_not_started(world):
    program = school_program(world, approved_on=None)
    stages = _by_code(mentoring_program_checklist(program))
    # Nothing in the bank yet: the bases are not started.
    assert stages["mentee_base"].state == "not_started"
    assert stages["completion"].state == "not_started"
    assert stages["preparing_conditions"].state == "partial"  # the curator is appointed

    mentoring_program_update(program=program, approved_on=today())
    bank_confirm(organization=world.school_a, by=world.users["curator_a"])
    stages = _by_code(mentoring_program_checklist(program))
    assert stages["preparing_conditions"].state == "done"
    assert stages["preparing_conditions"].state_label == "выполнен"


def test_checklist_counts_only_the_programs_of_the_period(world):
    small_organization(world)
    later = school_program(
        world, starts_on=today() + dt.timedelta(days=400), ends_on=today() + dt.timedelta(days=700)
    )
    completion = _by_code(mentoring_program_checklist(later))["completion"]
    assert completion.marks[0].text == "программ завершено: 0"


def test_checklist_reads_a_fixed_number_of_queries(world, django_assert_num_queries):
    small_organization(world)
    program = school_program(world)
    program = MentoringProgram.objects.select_related("organization").get(pk=program.pk)
    with django_assert_num_queries(9):
        mentoring_program_checklist(program)
    with django_assert_num_queries(5):
        mentoring_program_results(program)

    # More of everything: the same number of queries.
    for n in range(3):
        person = f.staff_member(world.school_a, last_name=f"Добавленная{n}")
        mentee(person, world.school_a)
        p = activate(draft_program(world, mentees=[person]))
        assess(p, person)
        from nastavnik.mentoring.tests.test_completion import report

        report(p, world.users["mentor_a"])
        final_meeting(p)
        program_complete(program=p, by=world.users["curator_a"], results="Итоги")
    program = MentoringProgram.objects.select_related("organization").get(pk=program.pk)
    with django_assert_num_queries(9):
        stages = mentoring_program_checklist(program)
    assert _by_code(stages)["completion"].marks[0].text == "программ завершено: 4"
    with django_assert_num_queries(5):
        results = mentoring_program_results(program)
    assert len(results["programs"]) == 4


def test_results_of_the_completed_programs(world):
    program1, _ = small_organization(world)
    results = mentoring_program_results(school_program(world))
    (row,) = results["programs"]
    assert row.pk == program1.pk
    assert [(p.mentor, p.mentee) for p in row.pairs.all()] == [(world.mentor_a, world.mentee_a)]
    assert row.results == "Пара отработала полный цикл"
    assert row.mentor_report.results == "Уроки стали лучше"
    assert row.growth_display == "+2,0"
    (methodical,) = results["areas"]
    assert (methodical["area__name"], methodical["before_display"], methodical["after_display"]) == (
        "Методические",
        "6,0",
        "4,0",
    )
    assert methodical["mentees"] == 1
    (mentor,) = results["mentors"]
    assert (mentor, mentor.completed_programs, mentor.mentees_count) == (world.mentor_a, 1, 1)


# --- services -------------------------------------------------------------------------------


def test_mentoring_program_services_validate(world):
    with pytest.raises(ValidationError) as error:
        school_program(world, approved_on=today() + dt.timedelta(days=1))
    assert error.value.message_dict["approved_on"] == ["Дата утверждения не может быть в будущем."]
    with pytest.raises(ValidationError) as error:
        school_program(world, ends_on=today() - dt.timedelta(days=300))
    assert "Окончание программы должно быть позже её начала." in error.value.messages
    with pytest.raises(ValidationError) as error:
        school_program(world, organization=world.muni1)
    assert "образовательной организацией" in str(error.value)
    program = school_program(world)
    with pytest.raises(ValidationError):
        mentoring_program_update(program=program, organization=world.school_b)
    mentoring_program_update(program=program, best_practices="Открытые уроки пар")
    program.refresh_from_db()
    assert (program.organization, program.best_practices) == (world.school_a, "Открытые уроки пар")


# --- pages ----------------------------------------------------------------------------------

# fmt: off
#:                 operator coord head_a cur_a mentor mentee cur_b anon
MATRIX = {
    "list":        (200,    200,  200,   200,  200,   200,   200,  302),
    "add":         (403,    403,  200,   200,  403,   403,   200,  302),
    "detail":      (200,    200,  200,   200,  404,   404,   404,  302),
    "edit":        (404,    404,  200,   200,  404,   404,   404,  302),
}
# fmt: on
PAGES = {
    "list": "/programs/organization/",
    "add": "/programs/organization/add/",
    "detail": "/programs/organization/{pk}/",
    "edit": "/programs/organization/{pk}/edit/",
}


def client_for(persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        assert client.login(username=persona, password="pass12345")
    return client


@pytest.mark.parametrize("page", list(MATRIX))
def test_pages_per_persona(world, page):
    program = school_program(world)
    for persona, expected in zip(PERSONAS, MATRIX[page], strict=True):
        response = client_for(persona).get(PAGES[page].format(pk=program.pk))
        assert response.status_code == expected, (persona, response.status_code)


def test_list_shows_only_programs_in_scope(world):
    school_program(world)
    school_program(world, organization=world.school_b, title="Программа школы Б")
    content = client_for("curator_b").get("/programs/organization/").content.decode()
    assert "Программа школы Б" in content and "2025/2026" not in content
    content = client_for("operator").get("/programs/organization/?q=школы Б").content.decode()
    assert "Программа школы Б" in content and "2025/2026" not in content


def test_detail_shows_the_checklist_and_the_results(world):
    small_organization(world)
    program = school_program(world, best_practices="Открытые уроки наставнических пар")
    content = client_for("coordinator").get(f"/programs/organization/{program.pk}/").content.decode()
    assert "4. Отбор и обучение наставников" in content
    assert "наставники обучены: 1 из 2" in content
    assert "среднее снижение затруднений по самооценке: +2,0 балла из 10" in content
    assert "Наставникова" in content  # the mentor to encourage
    assert "Открытые уроки наставнических пар" in content
    assert "Изменить" not in content  # the coordinator only sees it


def test_curator_creates_and_edits_through_the_pages(world):
    client = client_for("curator_a")
    response = client.post(
        "/programs/organization/add/",
        {
            "organization": world.school_a.pk,
            "title": "Программа наставничества",
            "starts_on": "2025-09-01",
            "ends_on": "2026-08-31",
            "approved_on": "2025-08-30",
        },
    )
    program = MentoringProgram.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/programs/organization/{program.pk}/"
    assert program.organization == world.school_a
    response = client.post(
        f"/programs/organization/{program.pk}/edit/",
        {"title": "Программа", "starts_on": "2025-09-01", "ends_on": "2025-08-01", "results": "Итоги"},
    )
    assert response.status_code == 200
    assert "Окончание программы должно быть позже её начала." in response.content.decode()
    # The curator of school B cannot choose school A.
    response = client_for("curator_b").post(
        "/programs/organization/add/",
        {
            "organization": world.school_a.pk,
            "title": "Чужая",
            "starts_on": "2025-09-01",
            "ends_on": "2026-05-31",
        },
    )
    assert response.status_code == 200 and MentoringProgram.objects.count() == 1


@pytest.mark.parametrize(
    "path, data",
    [
        ("/programs/organization/?q=%00%27--&page=abc", None),
        ("/programs/organization/999999/", None),
        (
            "/programs/organization/add/",
            {"organization": "abc", "title": "x" * 1000, "starts_on": "31.31.2025"},
        ),
        ("/programs/organization/{pk}/edit/", {"title": "", "starts_on": "2025-02-30", "approved_on": "xyz"}),
    ],
)
def test_garbage_gives_no_500(world, path, data):
    program = school_program(world)
    client = client_for("curator_a")
    url = path.format(pk=program.pk)
    response = client.get(url) if data is None else client.post(url, data)
    assert response.status_code in (200, 404)
    assert MentoringProgram.objects.count() == 1


def test_a_meeting_held_an_hour_ago_counts_as_recent_work_of_the_pair(world):
    program = activate(draft_program(world))
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="planning"),
        starts_at=timezone.now() - dt.timedelta(hours=1),
        agenda="План",
        status=MeetingStatus.HELD,
    )
    stages = _by_code(mentoring_program_checklist(school_program(world)))
    assert stages["pair_work"].marks[1].text == "со встречей за последние 30 дней: 1 из 1"
    assert stages["pair_work"].state == "done"


def test_results_name_no_one_who_withdrew_consent_to_the_coordinator(world):
    from nastavnik.bank.models import PersonalDataConsent
    from nastavnik.bank.services import pd_consent_withdraw

    small_organization(world)
    program = school_program(world)
    consent = PersonalDataConsent.objects.get(person=world.mentee_a, withdrawn_on__isnull=True)
    pd_consent_withdraw(consent=consent, by=world.users["curator_a"], reason="Заявление")

    for_coordinator = mentoring_program_results(program, user=world.users["coordinator"])
    for_curator = mentoring_program_results(program, user=world.users["curator_a"])
    assert for_coordinator["programs"] == [] and for_coordinator["mentors"] == []
    assert len(for_curator["programs"]) == 1 and for_curator["mentors"] == [world.mentor_a]
    # the averages name no one and still count the program
    assert for_coordinator["areas"] == for_curator["areas"] != []
