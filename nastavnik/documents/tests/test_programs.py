"""The papers of personalized programs and of the year's results: the personalized program
(seed 000 §1.3, 004 §6.2.3, 003 §4.7), the mentor's report (seed 002 §10, 003 §4.8, 004 §9) and
the curator's final analytical report (seed 000 §4.1.2, 001 §4.4.4, 003 §5.2, 002 §9).

The programs are built through the mentoring services, as the curator, the mentor and the mentee
would; only the dates the services stamp with today (the report, the completion) are then set to
fixed days, so that the snapshots do not change from one day to the next.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.bank.services import deficit_add, mentor_training_add
from nastavnik.development.choices import DeficitSource
from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.render import convert_to_pdf
from nastavnik.documents.services import document_issue, document_render, download_name
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.specs.analytical import (
    FinalReportParamsForm,
    IndicatorRow,
    ReportFacts,
    report_is_final,
    report_sections,
)
from nastavnik.documents.specs.programs import _duration
from nastavnik.documents.testing import FIXED_DATE, assert_snapshot, docx_text, pdf_text
from nastavnik.matching.tests.bank import active_mentor, area, mentee
from nastavnik.mentoring.choices import ActivityStatus, MeetingFormat, MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import Meeting, MentorReport, Pair, PersonalizedProgram
from nastavnik.mentoring.services.completion import mentor_report_submit, program_complete
from nastavnik.mentoring.services.meetings import meeting_record, meeting_schedule
from nastavnik.mentoring.services.organization import mentoring_program_create
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.mentoring.services.programs import (
    plan_item_add,
    plan_item_report,
    program_approve,
    program_start,
)
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.monitoring.indicators.base import all_indicators, rollup
from nastavnik.monitoring.periods import range_period
from nastavnik.people.choices import Sex
from nastavnik.people.models import Person
from nastavnik.reference.models import (
    CompetenceArea,
    InteractionModel,
    MeetingType,
    PersonalizedProgramStage,
    Position,
)
from nastavnik.testing import factories as f
from nastavnik.testing.questionnaires import answer_self_assessment

pytestmark = pytest.mark.django_db

REPORT_PERIOD = {"period_start": "2026-01-01", "period_end": "2026-12-31"}


# --- building the programs through the services --------------------------------------------------


def position(name: str) -> Position:
    found = Position.objects.filter(name=name).first()
    return found or Position.objects.create(code=f"test-prog-{Position.objects.count() + 1}", name=name)


def give_position(person, name: str) -> None:
    person.position = position(name)
    person.save(update_fields=["position"])


def diagnose(person, code: str, *, on: dt.date, source=DeficitSource.SELF_DIAGNOSIS, description: str = ""):
    """A diagnosed difficulty of the mentee ``person`` (in the bank already) on a fixed day."""
    return deficit_add(
        mentee=person.mentee_profile, area=area(code), source=source, diagnosed_on=on, description=description
    )


def stage(code: str) -> PersonalizedProgramStage:
    return PersonalizedProgramStage.objects.get(code=code)


def at(day: dt.date, hour: int = 15) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def hold(program, by, code: str, day: dt.date, agenda: str, notes: str):
    """A meeting of ``program`` planned and recorded as held, everyone present."""
    meeting = meeting_schedule(
        program=program,
        by=by,
        meeting_type=MeetingType.objects.get(code=code),
        starts_at=at(day),
        format=MeetingFormat.IN_PERSON,
        place="кабинет 21",
        agenda=agenda,
    )
    pairs = program.pairs.filter(ended_on__isnull=True)
    present = dict.fromkeys({p.mentor_id for p in pairs} | {p.mentee_id for p in pairs}, True)
    return meeting_record(meeting=meeting, by=by, notes=notes, attendance=present)


#: The mentee's self-assessed difficulties (1 = none … 10 = very serious) before and after the
#: program: the two diagnosed areas go down, the others stay at «none».
DIFFICULTIES = {
    "before": {"methodical": 7, "psychological_pedagogical": 6},
    "after": {"methodical": 3, "psychological_pedagogical": 4},
}


def assess(program, person, phase: str) -> None:
    """``person`` answers the self-assessment of difficulties ``phase`` assigned by ``program``."""
    answer_self_assessment(program, person, phase, difficulty=1, by_area=DIFFICULTIES[phase])


PAIR_PLAN = [
    (
        "preparatory",
        "Диагностика профессиональных затруднений наставляемой",
        (2, 1),
        (2, 6),
        "Карта затруднений",
    ),
    ("design", "Составление индивидуального плана развития", (2, 9), (2, 20), "Индивидуальный план развития"),
    ("implementation", "Посещение и анализ уроков наставника", (3, 2), (5, 29), "Листы анализа уроков"),
    ("implementation", "Разработка технологических карт уроков", (3, 2), (4, 30), "Технологические карты"),
    ("implementation", "Открытый урок наставляемой", (9, 14), (9, 18), ""),
    (
        "reflective_analytical",
        "Самоанализ наставляемой, отчёт наставника",
        (10, 1),
        (10, 28),
        "Отчёт наставника",
    ),
    ("resultative", "Представление опыта на заседании ШМО", (10, 29), (10, 31), "Выступление на ШМО"),
]


def completed_pair_program(doc) -> PersonalizedProgram:
    """The completed program of the pair Наставникова М. П. (учитель математики) → Молодцова
    М. П. (учитель начальных классов), 01.02.2026–31.10.2026, with its whole life: plan, seven
    meetings held, self-assessment before and after, the mentor's report, the completion."""
    world = doc.world
    curator, mentor_user = world.users["curator_a"], world.users["mentor_a"]
    give_position(world.mentor_a, "учитель математики")
    give_position(world.mentee_a, "учитель начальных классов")
    mentee(world.mentee_a, world.school_a, difficulties=())
    diagnose(
        world.mentee_a,
        "methodical",
        on=dt.date(2026, 1, 20),
        description="Затруднения в проектировании урока в соответствии с ФГОС НОО",
    )
    diagnose(world.mentee_a, "psychological_pedagogical", on=dt.date(2026, 1, 22), source=DeficitSource.HEAD)
    program = draft_program(
        world,
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 10, 31),
        paired_on=dt.date(2026, 1, 26),
        curator=doc.curator,
        interaction_model=InteractionModel.objects.get(code="experienced_young_specialist"),
        direction="Методическое сопровождение молодого педагога",
        goals="Цель: профессиональное становление молодого педагога.\n"
        "Задачи: освоить проектирование урока; выстроить взаимодействие с родителями обучающихся.",
        expected_results="Наставляемая самостоятельно проектирует уроки в соответствии с ФГОС НОО.",
    )
    items = [
        plan_item_add(
            program=program,
            by=curator,
            stage=stage(code),
            title=title,
            starts_on=dt.date(2026, *start),
            ends_on=dt.date(2026, *end),
            expected_product=product,
        )
        for code, title, start, end, product in PAIR_PLAN
    ]
    program_approve(program=program, by=curator, approved_on=dt.date(2026, 1, 30))
    program_start(program=program, by=curator)
    assess(program, world.mentee_a, "before")
    for code, day, agenda in (
        ("acquaintance", dt.date(2026, 2, 3), "Знакомство, ожидания, правила работы"),
        ("trial_working", dt.date(2026, 2, 10), "Пробное занятие"),
        ("planning", dt.date(2026, 2, 17), "Планирование работы"),
        ("consecutive_series", dt.date(2026, 3, 10), "Анализ урока"),
        ("consecutive_series", dt.date(2026, 4, 14), "Технологическая карта"),
        ("consecutive_series", dt.date(2026, 5, 19), "Работа с родителями"),
        ("final", dt.date(2026, 10, 27), "Подведение итогов"),
    ):
        hold(program, mentor_user, code, day, agenda, "Цели встречи достигнуты.")
    for item in items[:-1]:
        status = ActivityStatus.CANCELLED if item.title.startswith("Открытый") else ActivityStatus.DONE
        plan_item_report(item=item, by=mentor_user, status=status)
    plan_item_report(
        item=items[-1], by=mentor_user, status=ActivityStatus.DONE, evidence_note="протокол ШМО № 2"
    )
    mentor_report_submit(
        program=program,
        by=mentor_user,
        work_done="Проведены встречи по плану программы.\nПосещено и проанализировано 12 уроков.",
        results="Наставляемая освоила проектирование урока по ФГОС НОО.",
        products="Технологические карты уроков математики (5 шт.).",
        recommendations="Продолжить работу по теме самообразования.",
    )
    assess(program, world.mentee_a, "after")  # opened by the report: the reflective stage
    program_complete(program=program, by=curator, results="Цели программы достигнуты.")
    # The services date the report and the completion today: fixed days for the snapshots.
    MentorReport.objects.filter(program=program).update(submitted_on=dt.date(2026, 10, 28))
    PersonalizedProgram.objects.filter(pk=program.pk).update(completed_on=dt.date(2026, 10, 30))
    Pair.objects.filter(program=program).update(ended_on=dt.date(2026, 10, 30))
    MenteeProfile.objects.filter(person=world.mentee_a).update(full_cycle_completed_on=dt.date(2026, 10, 30))
    program.refresh_from_db()
    return program


def group_program(doc) -> SimpleNamespace:
    """The active program of the group of Григорьев Павел Андреевич (учитель истории) with Белых
    Анна Сергеевна and Шевчук Олег Игоревич, 01.09.2026–31.05.2027: approved 31.08.2026, two
    meetings held and one planned."""
    world, school = doc.world, doc.world.school_a
    curator = world.users["curator_a"]
    mentor = f.staff_member(
        school, last_name="Григорьев", first_name="Павел", middle_name="Андреевич", sex=Sex.MALE
    )
    first = f.staff_member(
        school, last_name="Белых", first_name="Анна", middle_name="Сергеевна", sex=Sex.FEMALE
    )
    second = f.staff_member(
        school, last_name="Шевчук", first_name="Олег", middle_name="Игоревич", sex=Sex.MALE
    )
    give_position(mentor, "учитель истории")
    give_position(first, "учитель английского языка")
    give_position(second, "учитель физической культуры")
    active_mentor(mentor, school, capacity=3)
    for person, code in ((first, "ict_digital"), (second, "psychological_pedagogical")):
        mentee(person, school, difficulties=())
        diagnose(person, code, on=dt.date(2026, 8, 25))
    program = program_create(
        mentor=mentor,
        mentees=[first, second],
        by=curator,
        curator=doc.curator,
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        paired_on=dt.date(2026, 8, 28),
        direction="Адаптация молодых педагогов в коллективе",
        goals="Цель: адаптация молодых педагогов к условиям работы в школе.",
        expected_results="Молодые педагоги освоили цифровые инструменты и приёмы управления классом.",
    )
    for code, title, start, end, product in (
        ("preparatory", "Знакомство с локальными актами школы", (2026, 9, 1), (2026, 9, 15), "Памятка"),
        (
            "design",
            "Составление планов самообразования",
            (2026, 9, 16),
            (2026, 9, 30),
            "Планы самообразования",
        ),
        ("implementation", "Практикум «Цифровые инструменты урока»", (2026, 10, 1), (2027, 3, 31), ""),
        (
            "reflective_analytical",
            "Самоанализ наставляемых",
            (2027, 4, 1),
            (2027, 4, 30),
            "Листы самоанализа",
        ),
        ("resultative", "Итоговое занятие", (2027, 5, 17), (2027, 5, 31), "Портфолио наставляемых"),
    ):
        plan_item_add(
            program=program,
            by=curator,
            stage=stage(code),
            title=title,
            starts_on=dt.date(*start),
            ends_on=dt.date(*end),
            expected_product=product,
        )
    program_approve(program=program, by=curator, approved_on=dt.date(2026, 8, 31))
    program_start(program=program, by=curator)
    hold(program, curator, "acquaintance", dt.date(2026, 9, 3), "Знакомство", "Познакомились.")
    hold(program, curator, "trial_working", dt.date(2026, 9, 10), "Пробная встреча", "Проведена.")
    meeting_schedule(
        program=program,
        by=curator,
        meeting_type=MeetingType.objects.get(code="planning"),
        starts_at=at(dt.date(2026, 11, 26)),
        format=MeetingFormat.ONLINE,
        place="https://example.org/meet",
        agenda="Планирование",
    )
    program.refresh_from_db()
    return SimpleNamespace(program=program, mentor=mentor, first=first, second=second)


def school_year_of_records(doc) -> None:
    """The rest of what the final report reads: the school's program for 2025/2026 with its best
    practices, and the mentors' training (one within 2026, one before)."""
    mentoring_program_create(
        organization=doc.school,
        title="Программа наставничества педагогических работников на 2025/2026 учебный год",
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 8, 31),
        approved_on=dt.date(2025, 8, 29),
        best_practices="Практика «Открытый урок молодого педагога» представлена на муниципальном семинаре.",
        results="Все пары, сформированные в учебном году, работали по утверждённым программам.",
    )
    mentor_training_add(
        profile=MentorProfile.objects.get(person=doc.world.mentor_a),
        title="Наставничество в образовательной организации",
        provider="АУ «Институт развития образования»",
        hours=72,
        completed_on=dt.date(2026, 3, 20),
    )


def render(kind: str, doc, subject=None, params=None) -> str:
    content = document_render(
        kind=kind, organization=doc.school, subject=subject, params=params, date=FIXED_DATE
    )
    return docx_text(content)


def missing_texts(kind: str, doc, subject=None, params=None) -> list:
    with pytest.raises(MissingData) as error:
        document_render(kind=kind, organization=doc.school, subject=subject, params=params, date=FIXED_DATE)
    return error.value.items


# --- 1. The personalized program -------------------------------------------------------------------


def test_personalized_program_of_a_group_snapshot(doc_world):
    # given an approved and started program of a group
    group = group_program(doc_world)

    # when its paper is drawn up
    text = render(DocumentKind.PERSONALIZED_PROGRAM, doc_world, group.program)

    # then it is approved by the head with the date of approval, lists the mentor and both
    # mentees with positions, and the plan by stages and the meetings
    assert_snapshot("personalized_program", text)
    assert "УТВЕРЖДАЮ\nДиректор СОШ № 1\n____________ Е. В. Соколова\n31 августа 2026 г." in text
    assert "наставнической группы" in text
    assert "с 1 сентября 2026 г. по 31 мая 2027 г. (9 месяцев)" in text
    assert "Наставник | Григорьев Павел Андреевич, учитель истории" in text
    assert (
        "Наставляемые | Белых Анна Сергеевна, учитель английского языка\n"
        "Шевчук Олег Игоревич, учитель физической культуры"
    ) in text
    assert "Куратор | Кузнецов Илья Сергеевич, заместитель директора по учебно-воспитательной работе" in text
    assert "Реализационный этап" in text and "Встреча-планирование | 26.11.2026, 15:00" in text
    assert "Наставляемый, учитель физической культуры | ____________ | О. И. Шевчук" in text


def test_personalized_program_of_a_draft_pair_leaves_the_date_of_approval_to_write_in(doc_world):
    # given a draft program of a pair with its plan and expected results
    world = doc_world.world
    give_position(world.mentor_a, "учитель математики")
    give_position(world.mentee_a, "учитель начальных классов")
    program = draft_program(world, curator=doc_world.curator, expected_results="Уроки по ФГОС.")
    plan_item_add(
        program=program,
        by=world.users["curator_a"],
        stage=stage("preparatory"),
        title="Диагностика",
        starts_on=program.starts_on,
        ends_on=program.starts_on,
    )

    # when its paper is drawn up
    text = render(DocumentKind.PERSONALIZED_PROGRAM, doc_world, program)

    # then the approval date is a blank line, the pair is named, and no meeting is listed yet
    assert "____________ Е. В. Соколова\n«___» ____________ 20___ г." in text
    assert "наставнической пары" in text
    assert "Наставник | Наставникова Мария Петровна, учитель математики" in text
    assert "Наставляемый | Молодцова Мария Петровна, учитель начальных классов" in text
    assert "Даты встреч согласуются наставником и наставляемым" in text
    assert "None" not in text


def test_personalized_program_is_refused_with_every_missing_datum(doc_world):
    # given a draft with no plan, no goals, no curator, no expected results, no difficulties,
    # participants without positions, and no head appointed
    world = doc_world.world
    program = draft_program(world, deficits=[])
    PersonalizedProgram.objects.filter(pk=program.pk).update(goals="", expected_results="", curator=None)
    Person.objects.filter(pk__in=[world.mentor_a.pk, world.mentee_a.pk]).update(job_title="")
    program.refresh_from_db()
    RoleAssignment.objects.filter(org_unit=doc_world.school, role=Role.HEAD).delete()

    # when the paper is asked for
    items = missing_texts(DocumentKind.PERSONALIZED_PROGRAM, doc_world, program)

    # then each missing datum is named with the page where to fill it
    edit = reverse("mentoring:program_edit", args=[program.pk])
    found = {item.text: item.url for item in items}
    assert found["Назначьте куратора персонализированной программы."] == edit
    assert found["Укажите цели и задачи персонализированной программы."] == edit
    assert found["Укажите ожидаемые результаты персонализированной программы."] == edit
    assert found["Добавьте в план программы хотя бы одно мероприятие."] == reverse(
        "mentoring:plan_item_add", args=[program.pk]
    )
    assert any("затруднения наставляемых" in text and url == edit for text, url in found.items())
    assert any(text.startswith("Не назначен руководитель организации") for text in found)
    assert found[
        "Укажите должность (наставник: Наставникова Мария Петровна) в карточке работника."
    ] == reverse("people:edit", args=[world.mentor_a.pk])
    assert "Укажите должность (наставляемый: Молодцова Мария Петровна) в карточке работника." in found


def test_personalized_program_candidates_leave_out_terminated_programs(doc_world):
    # given a program and a terminated one
    from nastavnik.mentoring.services.programs import program_terminate

    world = doc_world.world
    kept = draft_program(world)
    other = f.staff_member(world.school_a, last_name="Новикова")
    mentee(other, world.school_a)
    dropped = program_create(mentor=world.mentor_a, mentees=[other], by=world.users["curator_a"])
    program_terminate(program=dropped, by=world.users["curator_a"], reason="Наставляемая уволилась")

    # when the candidates are listed
    candidates = list(get_spec(DocumentKind.PERSONALIZED_PROGRAM).candidates(doc_world.school))

    # then the terminated one is not among them
    assert candidates == [kept]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 2, 1), dt.date(2026, 10, 31), "9 месяцев"),
        (dt.date(2026, 9, 1), dt.date(2026, 11, 30), "3 месяца"),
        (dt.date(2026, 9, 1), dt.date(2027, 8, 31), "12 месяцев"),
        (dt.date(2026, 9, 1), dt.date(2026, 12, 5), "3 месяца 5 дней"),
        (dt.date(2026, 1, 31), dt.date(2026, 4, 29), "3 месяца"),
        (dt.date(2026, 1, 31), dt.date(2026, 5, 1), "3 месяца 2 дня"),
        (dt.date(2026, 3, 1), dt.date(2026, 6, 1), "3 месяца 1 день"),
    ],
)
def test_program_length_is_counted_in_months_agreed_with_the_noun(start, end, expected):
    assert _duration(start, end) == expected


# --- 2. The mentor's report ------------------------------------------------------------------------


def test_mentor_report_snapshot(doc_world):
    # given a completed program with its whole life recorded
    program = completed_pair_program(doc_world)

    # when the mentor's report is drawn up
    text = render(DocumentKind.MENTOR_REPORT, doc_world, program)

    # then it names the mentor in the genitive, counts the meetings agreed with the noun, the
    # plan done of total, the self-assessment before and after, and is accepted by the curator
    assert_snapshot("mentor_report", text)
    assert "Отчёт наставника Наставниковой Марии Петровны, учителя математики, подготовлен" in text
    assert "За период реализации программы проведено 7 встреч." in text
    assert "Комплекс последовательных встреч | 3 | 10.03.2026, 14.04.2026, 19.05.2026" in text
    assert "Выполнено мероприятий плана: 6 из 7 (86 %); отменено: 1." in text
    assert "Молодцова М. П. | Методические | 7 | 3 | −4" in text
    assert "Состояние программы | завершена 30 октября 2026 г." in text
    assert "Наставник, учитель математики | ____________ | М. П. Наставникова\n28 октября 2026 г." in text
    assert "Отчёт принят:" in text and "| ____________ | И. С. Кузнецов" in text


def test_mentor_report_is_refused_without_the_report(doc_world):
    # given an active program whose mentor has not reported yet
    world = doc_world.world
    give_position(world.mentor_a, "учитель математики")
    give_position(world.mentee_a, "учитель начальных классов")
    program = draft_program(world, curator=doc_world.curator)
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.ACTIVE)

    # when the report is asked for
    items = missing_texts(DocumentKind.MENTOR_REPORT, doc_world, program)

    # then the report is what is missing, with the page where it is filled; and the program is
    # not among the candidates
    assert [(i.text, i.url) for i in items] == [
        (
            "Наставник не представил отчёт о реализации программы: заполните его на странице программы.",
            reverse("mentoring:mentor_report", args=[program.pk]),
        )
    ]
    assert list(get_spec(DocumentKind.MENTOR_REPORT).candidates(doc_world.school)) == []


def test_mentor_report_is_refused_without_a_curator_to_accept_it(doc_world):
    # given a completed program whose curator was then removed
    program = completed_pair_program(doc_world)
    PersonalizedProgram.objects.filter(pk=program.pk).update(curator=None)
    program.refresh_from_db()

    # when the report is asked for
    items = missing_texts(DocumentKind.MENTOR_REPORT, doc_world, program)

    # then the curator is named as missing, with the program's edit page
    assert [(i.text, i.url) for i in items] == [
        (
            "Назначьте куратора персонализированной программы.",
            reverse("mentoring:program_edit", args=[program.pk]),
        )
    ]


def test_mentor_report_is_issued_and_registered_for_the_program(doc_world):
    # given a completed program
    program = completed_pair_program(doc_world)

    # when the report is issued
    document = document_issue(
        kind=DocumentKind.MENTOR_REPORT,
        organization=doc_world.school,
        author=doc_world.world.users["curator_a"],
        subject=program,
        date=FIXED_DATE,
    )

    # then it is registered on the program, titled with the pair
    assert document.program == program
    assert document.title == f"Отчёт наставника (№ {program.pk}: Наставникова М. П. – Молодцова М. П.)"
    assert list(get_spec(DocumentKind.MENTOR_REPORT).candidates(doc_world.school)) == [program]


# --- 3. The final analytical report ----------------------------------------------------------------


def final_world(doc_world) -> SimpleNamespace:
    pair = completed_pair_program(doc_world)
    group = group_program(doc_world)
    school_year_of_records(doc_world)
    return SimpleNamespace(pair=pair, group=group)


def test_final_report_snapshot(doc_world):
    # given a year with a completed pair program, an active group program, the school's program
    # and a trained mentor
    final_world(doc_world)

    # when the curator's report for 2026 is drawn up on 21 November 2026
    text = render(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)

    # then it is interim (the year has not ended), computed from the data and the monitoring
    # indicators, every count agreed with its noun, and signed
    assert_snapshot("final_report", text)
    assert "ПРОМЕЖУТОЧНЫЙ АНАЛИТИЧЕСКИЙ ОТЧЁТ КУРАТОРА" in text and "ИТОГОВЫЙ" not in text
    assert "за период с 1 января 2026 г. по 31 декабря 2026 г." in text
    assert (
        "куратором реализации программ наставничества Кузнецовым Ильёй Сергеевичем, заместителем "
        "директора по учебно-воспитательной работе" in text
    )
    assert "отчёт промежуточный" in text and "по состоянию на 21 ноября 2026 г." in text
    assert "— 2 наставника и 3 наставляемых." in text
    assert "в отчётном периоде сформировано 3 пары." in text
    assert "Отчётный период охватывает 2 программы наставничества" in text
    assert "в отчётном периоде проведено 9 встреч." in text
    assert "полный цикл прошёл 1 наставляемый." in text
    assert "Молодцова Мария Петровна | учитель начальных классов | 30.10.2026" in text
    assert "Методические | 1 | 7,0 | 3,0 | +4,0" in text
    assert "Обучение в отчётном периоде прошёл 1 наставник." in text
    assert "Практика «Открытый урок молодого педагога»" in text
    for heading in ("Показатели мониторинга", "Выводы", "Рекомендации", "Управленческие решения"):
        assert f". {heading}\n" in text
    # (docx_text prints equal neighbouring cells once: one program, one mentee)
    assert "Наставникова Мария Петровна | учитель математики | 1\n" in text
    assert "С отчётом ознакомлена:" in text
    assert "Директор | ____________ | Е. В. Соколова" in text


def test_final_report_prints_the_monitoring_indicators_as_the_monitoring_computes_them(doc_world):
    # given the year
    final_world(doc_world)

    # when the report is drawn up
    text = render(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)

    # then every indicator but the share of organizations is printed with the value the
    # registry computes for the school and the year, and with what it is made of
    period = range_period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    for indicator in all_indicators():
        if indicator.code == "implementing_organizations":
            continue
        figure = rollup(indicator, doc_world.school, period, children=[]).total
        assert f"{indicator.title} | {indicator.format(figure.value)} |" in text
    assert "педагогические работники, бывшие наставниками в паре (группе), действовавшей в периоде: 2" in text
    # the share of organizations is said of the one organization, with what it misses
    assert "Организация реализует целевую модель наставничества | нет |" in text


def test_final_report_conclusions_follow_from_the_numbers(doc_world):
    # given the same year
    final_world(doc_world)

    # when the report is drawn up
    text = render(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)

    # then the conclusions are shares computed from the counts above them
    assert (
        "Доля завершённых персонализированных программ от числа программ отчётного периода — 50 % (1 из 2)."
        in text
    )
    assert "от числа участвовавших в программах отчётного периода — 33 % (1 из 3)." in text
    assert "Отчёты наставников представлены по реализуемым и завершённым программам: 1 из 2 (50 %)." in text
    # and the decisions follow from them: the school misses a condition of implementing the model
    assert "Руководителю организации обеспечить выполнение условий реализации целевой модели" in text


def test_final_report_is_final_only_after_its_period(doc_world):
    # given the year 2026
    final_world(doc_world)
    spec = get_spec(DocumentKind.FINAL_REPORT)

    # when the report is drawn up on its last day and on the day after
    on_last_day = docx_text(
        document_render(
            kind=DocumentKind.FINAL_REPORT,
            organization=doc_world.school,
            params=REPORT_PERIOD,
            date=dt.date(2026, 12, 31),
        )
    )
    after = docx_text(
        document_render(
            kind=DocumentKind.FINAL_REPORT,
            organization=doc_world.school,
            params=REPORT_PERIOD,
            date=dt.date(2027, 1, 11),
        )
    )

    # then it is interim while the period runs and final after it, in the text and in the title
    # (and so the file name) by the one rule
    assert "ПРОМЕЖУТОЧНЫЙ АНАЛИТИЧЕСКИЙ ОТЧЁТ" in on_last_day and "отчёт промежуточный" in on_last_day
    assert "ИТОГОВЫЙ АНАЛИТИЧЕСКИЙ ОТЧЁТ" in after and "промежуточн" not in after
    assert not report_is_final(dt.date(2026, 12, 31), dt.date(2026, 12, 31))
    assert report_is_final(dt.date(2026, 12, 31), dt.date(2027, 1, 1))
    assert spec.document_title(doc_world.school, params=REPORT_PERIOD, date=FIXED_DATE) == (
        "Промежуточный аналитический отчёт куратора за период с 01.01.2026 по 31.12.2026"
    )
    document = document_issue(
        kind=DocumentKind.FINAL_REPORT,
        organization=doc_world.school,
        author=doc_world.world.users["curator_a"],
        params=REPORT_PERIOD,
        date=FIXED_DATE,
    )
    assert download_name(document, "docx").startswith("Промежуточный аналитический отчёт куратора")


def test_final_report_overdue_meetings_lead_to_a_decision(doc_world):
    # given the year, and then a meeting of the group planned for October and never marked
    world = final_world(doc_world)
    text = render(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)
    assert "не отмечены в журнале встреч" not in text
    Meeting.objects.filter(program=world.group.program, status=MeetingStatus.PLANNED).update(
        starts_at=at(dt.date(2026, 10, 20))
    )

    # when the report is drawn up again
    text = render(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)

    # then the conclusions say so and the decisions ask the curator to check them
    assert "1 встреча с прошедшей датой не отмечены в журнале встреч" not in text
    assert "Просрочено: 1 встреча с прошедшей датой не отмечена в журнале встреч" in text
    assert "Куратору проверить проведение просроченных встреч" in text


def test_final_report_is_refused_without_curator_and_head(doc_world):
    # given a year with data but neither a head nor a curator appointed
    final_world(doc_world)
    RoleAssignment.objects.filter(org_unit=doc_world.school, role__in=[Role.HEAD, Role.CURATOR]).delete()

    # when the report is asked for
    items = missing_texts(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)

    # then both are named, with the page of roles
    texts = [item.text for item in items]
    assert any(t.startswith("Не назначен руководитель организации") for t in texts)
    assert any(t.startswith("Не назначен куратор реализации программ наставничества") for t in texts)
    assert {item.url for item in items} == {reverse("access:list")}


def test_final_report_is_refused_for_a_period_ending_before_it_starts(doc_world):
    final_world(doc_world)
    items = missing_texts(
        DocumentKind.FINAL_REPORT,
        doc_world,
        params={"period_start": "2026-12-31", "period_end": "2026-01-01"},
    )
    assert [item.text for item in items] == [
        "Окончание отчётного периода (01.01.2026) раньше его начала (31.12.2026): исправьте период."
    ]


def test_final_report_is_refused_for_a_period_without_pairs_and_programs(doc_world):
    # given a school whose pairs and programs are all of 2026
    final_world(doc_world)

    # when a report for 2024 is asked for
    items = missing_texts(
        DocumentKind.FINAL_REPORT,
        doc_world,
        params={"period_start": "2024-01-01", "period_end": "2024-12-31"},
    )

    # then it is refused rather than printed with zeros
    assert len(items) == 1
    assert items[0].text.startswith(
        "За период с 01.01.2024 по 31.12.2024 в организации нет ни наставнических пар, ни персонализированных программ"
    )
    assert items[0].url == reverse("mentoring:program_list")


def test_final_report_period_defaults_to_the_school_year_and_is_checked_by_the_form(doc_world):
    # the default period is the current school year
    spec = get_spec(DocumentKind.FINAL_REPORT)
    today = timezone.localdate()
    start_year = today.year if today.month >= 9 else today.year - 1
    assert spec.initial_params(doc_world.school, doc_world.school) == {
        "period_start": f"{start_year}-09-01",
        "period_end": f"{start_year + 1}-08-31",
    }
    # the form refuses an end before the start and gives ISO dates
    form = FinalReportParamsForm(
        data={"period_start": "2026-12-31", "period_end": "2026-01-01"}, organization=doc_world.school
    )
    assert not form.is_valid()
    assert form.errors["period_end"] == ["Окончание отчётного периода не может быть раньше его начала."]
    form = FinalReportParamsForm(data=REPORT_PERIOD, organization=doc_world.school)
    assert form.is_valid()
    assert form.to_params() == REPORT_PERIOD


def context_queries(kind: str, doc, subject=None, params=None) -> int:
    """How many queries the context of ``kind`` reads."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    spec = get_spec(kind)
    with CaptureQueriesContext(connection) as queries:
        spec.context(
            organization=doc.school,
            subject=subject or doc.school,
            params=params or {},
            document={"number": "", "date": FIXED_DATE},
        )
    return len(queries)


def test_personalized_program_reads_as_many_queries_for_a_group_as_for_a_pair(doc_world):
    # given a pair with one activity and no meeting, and a group with five activities and meetings
    world = doc_world.world
    give_position(world.mentor_a, "учитель математики")
    give_position(world.mentee_a, "учитель начальных классов")
    pair = draft_program(world, curator=doc_world.curator, expected_results="Уроки по ФГОС.")
    plan_item_add(
        program=pair,
        by=world.users["curator_a"],
        stage=stage("preparatory"),
        title="Диагностика",
        starts_on=pair.starts_on,
        ends_on=pair.starts_on,
    )
    group = group_program(doc_world).program

    # then the paper of each reads the same number of queries
    assert context_queries(DocumentKind.PERSONALIZED_PROGRAM, doc_world, group) == context_queries(
        DocumentKind.PERSONALIZED_PROGRAM, doc_world, pair
    )


def test_final_report_reads_a_fixed_number_of_queries(doc_world):
    # given the year, and the same year with two more mentees in the bank and in programs
    final_world(doc_world)
    before = context_queries(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD)
    for name in ("Петрова", "Сидоренко"):
        person = f.staff_member(doc_world.school, last_name=name)
        give_position(person, "учитель")
        mentee(person, doc_world.school, difficulties=())
        diagnose(person, "methodical", on=dt.date(2026, 1, 10))
        program_create(
            mentor=doc_world.world.mentor_a,
            mentees=[person],
            by=doc_world.world.users["curator_a"],
            starts_on=dt.date(2026, 2, 1),
            paired_on=dt.date(2026, 2, 1),
        )

    # then the report reads as many queries
    assert context_queries(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD) == before


# --- PDF ----------------------------------------------------------------------------------------------


def test_the_three_papers_convert_to_pdf_with_the_declined_names(doc_world, libreoffice):
    # given the year's programs
    world = final_world(doc_world)

    # when the three papers are converted in one run of LibreOffice
    files = {
        "program.docx": document_render(
            kind=DocumentKind.PERSONALIZED_PROGRAM,
            organization=doc_world.school,
            subject=world.group.program,
            date=FIXED_DATE,
        ),
        "report.docx": document_render(
            kind=DocumentKind.MENTOR_REPORT,
            organization=doc_world.school,
            subject=world.pair,
            date=FIXED_DATE,
        ),
        "final.docx": document_render(
            kind=DocumentKind.FINAL_REPORT,
            organization=doc_world.school,
            params=REPORT_PERIOD,
            date=FIXED_DATE,
        ),
    }
    pdfs = convert_to_pdf(files)

    # then each PDF holds its names in their cases
    program = pdf_text(pdfs["program.docx"])
    assert "Григорьев Павел Андреевич" in program and "Шевчук Олег Игоревич" in program
    assert "Е. В. Соколова" in program
    report = pdf_text(pdfs["report.docx"])
    assert "Отчёт наставника Наставниковой Марии Петровны" in report
    assert "проведено 7 встреч" in report
    final = pdf_text(pdfs["final.docx"])
    assert "Кузнецовым Ильёй Сергеевичем" in final
    assert "Наставникова Мария Петровна" in final


# --- the rules of the final report ---------------------------------------------------------------


def figure(code: str, value, parts=(), previous=None, text: str = "") -> IndicatorRow:
    return IndicatorRow(
        code=code,
        title=code,
        unit="percent",
        better="up",
        value=value,
        parts=tuple(parts),
        previous=previous,
        text=text or str(value),
        previous_text=str(previous),
        change="",
        meaning="",
    )


def test_final_report_sections_are_derived_from_the_figures():
    # given two years of the same school: one that went well, one that did not
    good = ReportFacts(
        indicators={
            "satisfaction_mentees": figure("satisfaction_mentees", 8.4, (84, 10, 10), text="8,4"),
            "satisfaction_mentors": figure("satisfaction_mentors", 8.9, (89, 10, 10), text="8,9"),
            "young_teachers_covered": figure("young_teachers_covered", 100.0, (4, 4), text="100,0 %"),
            "teachers_as_mentors": figure("teachers_as_mentors", 20.0, (8, 40), previous=15.0, text="20,0 %"),
            "teachers_as_mentees": figure("teachers_as_mentees", 25.0, (10, 40), text="25,0 %"),
        },
        final=True,
        unmet=[],
        worked=3,
        reported=3,
    )
    bad = ReportFacts(
        indicators={
            "satisfaction_mentees": figure("satisfaction_mentees", 4.2, (42, 10, 10), text="4,2"),
            "satisfaction_mentors": figure("satisfaction_mentors", 8.9, (89, 10, 10), text="8,9"),
            "young_teachers_covered": figure("young_teachers_covered", 50.0, (2, 4), text="50,0 %"),
            "teachers_as_mentors": figure("teachers_as_mentors", 10.0, (4, 40), previous=15.0, text="10,0 %"),
            "teachers_as_mentees": figure("teachers_as_mentees", 25.0, (10, 40), text="25,0 %"),
        },
        final=True,
        unmet=["не назначен куратор"],
        worked=3,
        reported=1,
        unreported_mentors=["Наставникова М. П."],
        overdue_meetings=3,
    )

    # when the sections are written
    well, badly = report_sections(good), report_sections(bad)

    # then each conclusion, recommendation and decision follows from a figure
    assert well != badly
    assert "Удовлетворённость наставляемых участием в наставничестве — 8,4 из 10." in well["conclusions"]
    assert any("низкая: 4,2 из 10" in line for line in badly["conclusions"])
    assert any("причины неудовлетворённости" in line for line in badly["recommendations"])
    assert not any("причины неудовлетворённости" in line for line in well["recommendations"])
    assert any(line.startswith("Обсудить с наставляемыми причины") for line in badly["recommendations"])
    assert any("Расширить банк наставников" in line for line in badly["recommendations"])
    assert any(
        "для молодых педагогов, не охваченных наставничеством (2 педагога)" in line
        for line in badly["decisions"]
    )
    assert any("Наставникова М. П." in line for line in badly["decisions"])
    assert any("Просрочено: 3 встречи с прошедшей датой не отмечены" in line for line in badly["conclusions"])
    assert any("проверить проведение просроченных встреч" in line for line in badly["decisions"])
    assert any("(не назначен куратор)" in line for line in badly["decisions"])
    # the good year needs no decision but to go on
    assert well["decisions"] == [
        "Показатели отчётного периода не требуют управленческих решений, кроме продолжения работы по дорожной карте."
    ]


def test_no_abbreviation_is_lower_cased_in_the_year_papers(doc_world):
    # given the year's programs (an area of the mentees is «ИКТ-компетенции…»)
    world = final_world(doc_world)

    # when the three papers are drawn up
    texts = [
        render(DocumentKind.PERSONALIZED_PROGRAM, doc_world, world.group.program),
        render(DocumentKind.MENTOR_REPORT, doc_world, world.pair),
        render(DocumentKind.FINAL_REPORT, doc_world, params=REPORT_PERIOD),
    ]

    # then no abbreviation of the reference areas is printed otherwise than in capitals
    abbreviations = {
        word
        for name in CompetenceArea.objects.values_list("name", flat=True)
        for word in re.findall(r"[А-ЯЁ]{2,}", name)
    }
    assert "ИКТ" in abbreviations
    for text in texts:
        words = re.findall(r"[А-ЯЁа-яё]+", text)
        assert [w for w in words if w.upper() in abbreviations and w != w.upper()] == []
