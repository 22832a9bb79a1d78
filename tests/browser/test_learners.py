"""Issue 20's «done when» in a real browser: the curator of school A imports a class of pupils
from an XLSX file, pairs a pupil mentor with a pupil mentee («ученик – ученик») and a teacher with
a pupil («учитель – ученик») on the page that forms a pair, issues the agreement of the pupils'
pair signed by the minor mentee's legal representative, completes the program with the full-cycle
mark; the municipal coordinator reads the share of learners who completed the full cycle.

What is not the subject here is set up with the models, as the pages of the learners' card would
write it (their own tests: ``nastavnik/learners/tests``): the representatives' consents to
personal-data processing, the mentee cards with the map of requests, the peer mentor's active
card; the program's approval and start and its final meeting (the program pages' own test:
tests/browser/test_programs.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone

from nastavnik.bank.choices import ConsentPurpose, Contour, MentorPool, MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import Meeting, Pair, PersonalizedProgram
from nastavnik.people.models import Learner, Person
from nastavnik.reference.models import MeetingType, MentoringForm
from tests.browser.axe import assert_accessible
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

#: The class in the file: (last name, first name, patronymic, sex, age, class, representative's
#: kind, full name, phone).
CLASS = (
    ("Зайцев", "Артём", "Игоревич", "м", 13, "7 Б", "мать", "Зайцева Ольга Ивановна", "+7 902 111-22-33"),
    (
        "Лебедева",
        "Полина",
        "Сергеевна",
        "ж",
        13,
        "7 Б",
        "отец",
        "Лебедев Сергей Павлович",
        "+7 904 222-33-44",
    ),
    ("Орлов", "Никита", "Андреевич", "м", 16, "10 А", "мать", "Орлова Анна Викторовна", "+7 908 333-44-55"),
)


def years_ago(years: int, days: int = 20) -> dt.date:
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - dt.timedelta(days=days)


def class_file() -> bytes:
    """The XLSX of :data:`CLASS` with the template's headers (``learners.importing.COLUMNS``)."""
    from openpyxl import Workbook

    from nastavnik.learners.importing import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append([column.header for column in COLUMNS])
    for last, first, middle, sex, age, grade, rep_kind, rep_name, phone in CLASS:
        sheet.append(
            [
                last,
                first,
                middle,
                sex,
                f"{years_ago(age):%d.%m.%Y}",
                grade,
                "ученик",
                rep_kind,
                rep_name,
                phone,
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def enter_bank(school) -> None:
    """As the learners' cards would: each pupil's consent given by the representative, the
    seventh graders in the base of mentees, the tenth grader an active mentor of peers."""
    signed = timezone.localdate() - dt.timedelta(days=2)
    for learner in Learner.objects.filter(organization=school).select_related("person"):
        representative = learner.representatives.get(is_primary=True)
        PersonalDataConsent.objects.create(
            person=learner.person,
            representative=representative,
            purposes=[ConsentPurpose.MENTORING_RECORD.value],
            given_on=signed,
        )
        if learner.grade == "7 Б":
            MenteeProfile.objects.create(
                person=learner.person,
                organization=school,
                request_text="Трудно даётся математика.",
                consent_given_on=signed,
            )
        else:
            MentorProfile.objects.create(
                person=learner.person,
                organization=school,
                status=MentorStatus.ACTIVE,
                pool=MentorPool.PEERS,
                contour=Contour.INTERNAL,
                capacity=2,
                questionnaire="Призёр олимпиады по математике.",
                consent_given_on=signed,
            )


def choose_pair(page, *, mentor: str, mentee: str, form: str) -> None:
    """On the page that forms a pair choose the mentor and the mentee (by last name: their
    options' values are the people's ids) and the form of mentoring (by its code), and submit."""
    page.goto("/programs/add/")
    page.get_by_label("Наставник").select_option(str(Person.objects.get(last_name=mentor).pk))
    page.get_by_label("Наставляемые").select_option(str(Person.objects.get(last_name=mentee).pk))
    page.get_by_label("Форма наставничества").select_option(str(MentoringForm.objects.get(code=form).pk))
    page.get_by_role("button", name="Сформировать").click()


def form_pair(page, *, mentor: str, mentee: str, form: str) -> PersonalizedProgram:
    """Form the pair of ``mentor`` and ``mentee`` in ``form``; the draft of its program."""
    choose_pair(page, mentor=mentor, mentee=mentee, form=form)
    page.wait_for_url(re.compile(r"/programs/\d+/$"))
    assert page.get_by_text("Сформирована наставническая пара (группа)").is_visible()
    return PersonalizedProgram.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))


def test_curator_imports_a_class_pairs_pupils_issues_the_agreement_and_completes_the_program(
    page, sign_in, world, artifacts
):
    from nastavnik.documents.testing import docx_text, give_positions, prepare_school
    from nastavnik.matching.tests.bank import active_mentor

    # given school A ready for its papers and its teacher Наставникова an active mentor
    prepare_school(world)
    Pair.objects.filter(mentor=world.mentor_a, program__isnull=True).delete()
    active_mentor(world.mentor_a, world.school_a, capacity=3)
    give_positions(world.mentor_a)
    today = timezone.localdate()

    # when the curator of school A uploads the class from the XLSX file
    sign_in("curator_a")
    page.goto("/learners/import/")
    page.get_by_label("Файл XLSX").set_input_files(
        files=[
            {
                "name": "7b-10a.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": class_file(),
            }
        ]
    )
    page.get_by_role("button", name="Загрузить").click()
    page.wait_for_url(re.compile(r"/learners/\?organization="))

    # then the three pupils are in the list of her school, each with the representative who signs
    assert page.get_by_text("Загружено обучающихся: 3.").is_visible()
    listing = page.get_by_role("main").inner_text()
    assert all(last in listing for last, *_ in CLASS)
    assert_accessible(page, context="список обучающихся после загрузки", selector="main")
    learners = Learner.objects.filter(organization=world.school_a)
    assert learners.count() == 3
    assert all(learner.representatives.filter(is_primary=True).count() == 1 for learner in learners)

    # when the pupils enter the bank (the cards' pages) and the curator forms a pupils' pair and
    # a teacher's pair with a pupil
    enter_bank(world.school_a)
    peers = form_pair(page, mentor="Орлов", mentee="Зайцев", form="pupil_pupil")
    teacher = form_pair(page, mentor="Наставникова", mentee="Лебедева", form="teacher_pupil")

    # then both drafts are in their forms, and the form refuses a pair it does not admit
    assert peers.mentoring_form.code == "pupil_pupil" and teacher.mentoring_form.code == "teacher_pupil"
    assert peers.pairs.get().mentee.last_name == "Зайцев"
    choose_pair(page, mentor="Наставникова", mentee="Зайцев", form="pupil_pupil")
    assert "ученик – ученик" in page.get_by_role("main").inner_text()
    assert PersonalizedProgram.objects.count() == 2

    # when she issues the agreement of the pupils' pair (documents: part 4)
    pair = peers.pairs.get()
    page.goto("/documents/new/agreement/")
    page.locator("select[name=subject]").select_option(str(pair.pk))
    page.get_by_role("button", name="Сформировать документ").click()

    # then it waits for the passports of both minors' representatives, who sign it
    missing = page.get_by_test_id("missing")
    assert "Зайцева Ольга Ивановна" in missing.inner_text()
    assert "Орлова Анна Викторовна" in missing.inner_text()
    fill = [link.get_attribute("href") for link in missing.get_by_role("link", name="Заполнить").all()]
    assert len(fill) == 2

    # when she fills them in the representatives' cards and issues the agreement again
    for n, href in enumerate(fill):
        page.goto(href)
        page.get_by_label(re.compile("Серия и номер паспорта")).fill(f"67 1{n} 12345{n}")
        page.get_by_label("Дата выдачи документа").fill(f"{years_ago(20):%Y-%m-%d}")
        page.get_by_label("Кем выдан документ").fill(
            "УМВД России по Ханты-Мансийскому автономному округу – Югре"
        )
        page.get_by_role("button", name="Сохранить").click()
        page.wait_for_load_state()
    page.goto("/documents/new/agreement/")
    page.locator("select[name=subject]").select_option(str(pair.pk))
    page.get_by_role("button", name="Сформировать документ").click()
    page.wait_for_url(re.compile(r"/documents/\d+/$"))

    # then it is signed by the minor mentee's legal representative
    with page.expect_download() as download:
        page.get_by_test_id("download-docx").click()
    text = docx_text(open(download.value.path(), "rb").read())
    assert "Зайцева Ольга Ивановна" in text and "законн" in text
    form = page.get_by_test_id("sign-form")
    form.get_by_label("Скан подписанного документа").set_input_files(
        files=[{"name": "soglashenie.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 signed"}]
    )
    form.get_by_role("button", name="Отметить подписанным").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("document-status").inner_text().startswith("подписан")

    # when the pupils' program has run (approved and started, the final meeting held; a
    # learner answers no self-assessment of a teacher's professional difficulties) and the
    # curator fills the report and completes it
    from nastavnik.monitoring.lifecycle import assign_before
    from nastavnik.reference.models import PersonalizedProgramStage

    PersonalizedProgram.objects.filter(pk=peers.pk).update(
        status=ProgramStatus.ACTIVE,
        approved_on=today,
        stage=PersonalizedProgramStage.objects.get(code="implementation"),
    )
    peers.refresh_from_db()
    assign_before(peers)
    page.goto(f"/programs/{peers.pk}/report/")
    page.get_by_label("Проделанная работа").fill("Еженедельные занятия по математике.")
    page.get_by_label("Достигнутые результаты").fill("Оценки по математике выросли.")
    page.get_by_role("button", name="Сохранить отчёт").click()
    assert page.get_by_text("Отчёт наставника сохранён.").is_visible()
    Meeting.objects.create(
        program=peers,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=1),
        agenda="Подведение итогов",
        status=MeetingStatus.HELD,
    )
    page.goto(f"/programs/{peers.pk}/complete/")
    page.get_by_label("Итоги работы пары (группы)").fill("Наставляемый уверенно решает задачи.")
    page.get_by_label(re.compile("Подтверждаю завершение программы")).check()
    page.get_by_role("button", name="Завершить программу").click()

    # then the program is completed and the pupil has the full-cycle mark
    page.goto(peers.get_absolute_url())
    assert page.get_by_test_id("program-status").inner_text() == "Завершена"
    assert MenteeProfile.objects.get(person=pair.mentee).full_cycle_completed_on == today
    page.screenshot(path=str(artifacts / "learners-program-completed.png"), full_page=True)

    # when the school has entered its contingent and the municipal coordinator signs in
    from nastavnik.monitoring.models import LearnerContingent

    LearnerContingent.objects.create(organization=world.school_a, year=today.year, learners=250)
    page.context.clear_cookies()
    sign_in("coordinator")
    page.goto(f"/monitoring/indicators/learners_full_cycle/?period={today.year}")

    # then the share of learners who completed the full cycle is 1 of 250 = 0,4 %
    assert page.get_by_test_id("indicator-value").inner_text() == "0,4 %"
    assert page.get_by_test_id("indicator-term").all_inner_texts() == ["1", "250"]
    # and the municipality's dashboard shows it (monitoring: part 5)
    page.goto("/monitoring/")
    assert "Доля обучающихся, прошедших полный цикл" in page.get_by_role("main").inner_text()
    # and nothing about the minor pupils reaches the coordinator
    page.goto("/learners/")
    assert "Зайцев" not in page.get_by_role("main").inner_text()
