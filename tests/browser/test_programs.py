"""A personalized program's full cycle in a real browser: from the suggested pairs of the pool
to a completed program with the mentee's full-cycle mark; and a mentor of another school is
seen by the curator only through the open bank.

Done when: «the curator of school A confirms the suggested pairs, approves and starts the new
program, logs the five meetings of the pair, fills the mentor's report (the mentee answers her
self-assessment of difficulties before and after: tests/browser/test_questionnaires_program.py),
completes the program; the history shows every step, the mentee's card the full-cycle mark».
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from nastavnik.bank.models import MenteeProfile
from nastavnik.documents.testing import give_positions
from nastavnik.matching.tests.bank import active_mentor, mentee, published
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.mentoring.periods import program_end_default
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.testing import factories as f
from nastavnik.testing.questionnaires import answer_self_assessment
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

#: The five meetings of a pair (seed 003 §4.7), each this many days ago at 15:00 local time.
MEETINGS = (
    ("Встреча-знакомство", 25),
    ("Пробная рабочая встреча", 20),
    ("Встреча-планирование", 15),
    ("Комплекс последовательных встреч", 10),
    ("Итоговая встреча", 5),
)


def bank_of_school_a(world):
    """Наставникова an active mentor of school A, Молодцова a mentee with a methodical
    difficulty; the world's program-less pair of the two is removed (as ``draft_program``)."""
    Pair.objects.filter(mentor=world.mentor_a, program__isnull=True).delete()
    active_mentor(world.mentor_a, world.school_a, capacity=3)
    mentee(world.mentee_a, world.school_a)


def action(page, name: str, comment: str = "") -> None:
    """Press a status action on the program page and confirm it on its own page."""
    page.get_by_test_id("program-actions").get_by_role("link", name=name).click()
    if comment:
        page.get_by_label("Комментарий").fill(comment)
    page.get_by_role("button", name=name).click()


def test_curator_runs_a_program_from_the_pool_to_the_full_cycle(page, sign_in, world, artifacts):
    # given an active mentor and a mentee with a difficulty in school A, everyone with a job
    # title (the program's documents name them by it, so approval asks for it)
    bank_of_school_a(world)
    give_positions(world.mentor_a, world.mentee_a, world.teacher_a)
    today = timezone.localdate()

    # when the curator of school A opens the pool of her school
    sign_in("curator_a")
    page.goto("/matching/pool/")
    assert page.get_by_role("heading", name="Распределение наставников").is_visible()
    # and starts the distribution (a background job: its page shows the proposal when done)
    page.get_by_role("button", name="Распределить").click()
    pair_row = page.get_by_test_id("pair")
    pair_row.first.wait_for()
    # then the pair Наставникова → Молодцова is suggested and checked
    assert pair_row.count() == 1
    assert "Наставникова" in pair_row.inner_text() and "Молодцова" in pair_row.inner_text()
    assert pair_row.get_by_role("checkbox").is_checked()

    # when she confirms the chosen pairs
    page.get_by_role("button", name="Утвердить выбранные пары").click()

    # then the pair and the draft of its program are created
    created = page.get_by_test_id("programs")
    assert "Наставникова" in created.inner_text() and "Молодцова" in created.inner_text()
    program = PersonalizedProgram.objects.get()
    assert program.pairs.filter(mentor=world.mentor_a, mentee=world.mentee_a, ended_on=None).exists()
    created.get_by_role("link", name=f"Программа № {program.pk}").click()
    assert page.get_by_test_id("program-status").inner_text() == "Проект"
    problems = page.get_by_test_id("approval-problems").inner_text()
    assert "в плане нет ни одного мероприятия" in problems
    assert "не назначен куратор" in problems  # the user curator_a is nobody's account

    # when she edits the draft: it started 30 days ago (so that the meetings can be logged in
    # the past within the period) and Афанасьева of school A is its curator
    starts_on = today - dt.timedelta(days=30)
    page.get_by_test_id("program-actions").get_by_role("link", name="Редактировать").click()
    page.get_by_label("Дата начала").fill(f"{starts_on:%Y-%m-%d}")
    page.get_by_label("Дата окончания").fill(f"{program_end_default(starts_on):%Y-%m-%d}")
    page.get_by_label("Куратор").select_option(str(world.teacher_a.pk))
    page.get_by_role("button", name="Сохранить").click()
    assert (
        "Изменено: дата начала, дата окончания, куратор"
        in page.get_by_test_id("program-history").inner_text()
    )
    assert "не назначен куратор" not in page.get_by_test_id("approval-problems").inner_text()

    # and adds an activity to the plan
    page.get_by_role("link", name="Добавить мероприятие").click()
    page.get_by_role("textbox", name="Мероприятие", exact=True).fill("Посещение уроков наставника")
    page.get_by_label("Ожидаемый продукт (результат)").fill("Анализ трёх уроков")
    page.get_by_role("button", name="Добавить").click()
    assert "Посещение уроков наставника" in page.get_by_test_id("program-plan").inner_text()
    assert page.get_by_test_id("approval-problems").count() == 0

    # and approves it, then starts it
    action(page, "Утвердить", comment="Приказ от 01.09 № 12")
    assert page.get_by_test_id("program-status").inner_text() == "Утверждена"
    action(page, "Начать реализацию")
    assert page.get_by_test_id("program-status").inner_text() == "Реализуется"

    # when she plans the five meetings of the pair in the past within the period
    for name, days_ago in MEETINGS:
        page.get_by_role("link", name="Запланировать встречу").click()
        page.get_by_label("Вид встречи").select_option(label=name)
        when = dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(15, 0))
        page.get_by_label("Дата и время").fill(f"{when:%Y-%m-%dT%H:%M}")
        page.get_by_label("Место или ссылка").fill("Кабинет 12")
        page.get_by_label("Повестка").fill(f"{name}: повестка")
        page.get_by_role("button", name="Сохранить").click()
        assert page.get_by_test_id("meeting").filter(has_text=name).count() == 1

    # and records each as held with its notes and both participants present
    for name, _ in MEETINGS:
        meeting = page.get_by_test_id("meeting").filter(has_text=name)
        meeting.get_by_role("link", name="Отметить проведённой").click()
        page.get_by_label("Итоги встречи").fill(f"{name}: итоги обсуждены")
        assert page.get_by_role("checkbox", name=re.compile("Молодцова")).is_checked()
        assert page.get_by_role("checkbox", name=re.compile("Наставникова")).is_checked()
        page.get_by_role("button", name="Отметить проведённой").click()
        assert page.get_by_test_id("meeting").filter(has_text=name).get_attribute("data-status") == "held"

    # then every meeting is held
    assert page.locator("[data-testid=meeting][data-status=held]").count() == 5

    # when Молодцова has answered her self-assessment of difficulties before the program (the
    # start assigned it to her; she answers in her own browser in test_questionnaires_program)
    answer_self_assessment(program, world.mentee_a, "before", difficulty=1, by_area={"methodical": 7})

    # and the curator fills the mentor's report
    page.goto(f"/programs/{program.pk}/report/")
    page.get_by_label("Проделанная работа").fill("Проведены пять встреч, посещены уроки.")
    page.get_by_label("Достигнутые результаты").fill("Затруднение в методической области снижено.")
    page.get_by_role("button", name="Сохранить отчёт").click()
    assert page.get_by_text("Отчёт наставника сохранён.").is_visible()

    # and Молодцова answers the self-assessment «after», which the report opened
    answer_self_assessment(program, world.mentee_a, "after", difficulty=1, by_area={"methodical": 3})

    # and the curator completes the program
    page.goto(f"/programs/{program.pk}/complete/")
    page.get_by_label("Итоги работы пары (группы)").fill("Программа выполнена полностью.")
    page.get_by_label(re.compile("Подтверждаю завершение программы")).check()
    page.get_by_role("button", name="Завершить программу").click()

    # then the program is completed and its history shows every step
    page.goto(program.get_absolute_url())
    assert page.get_by_test_id("program-status").inner_text() == "Завершена"
    history = page.get_by_test_id("program-history").inner_text()
    for step in (
        "Сформирована наставническая пара",
        "Добавлено мероприятие «Посещение уроков наставника»",
        "Программа утверждена",
        "Начата реализация программы",
        "Проведена встреча-знакомство",
        "Проведена пробная рабочая встреча",
        "Проведена встреча-планирование",
        "Проведена встреча из комплекса последовательных встреч",
        "Проведена итоговая встреча",
        "Представлен отчёт наставника",
        "Программа завершена; отметка о прохождении полного цикла",
    ):
        assert step in history, step
    assert "−4" in page.get_by_test_id("program-completion").inner_text()  # methodical: 7 → 3
    page.screenshot(path=str(artifacts / "program-completed.png"), full_page=True)

    # and the mentee's bank card shows the full-cycle mark
    profile = MenteeProfile.objects.get(person=world.mentee_a)
    assert profile.full_cycle_completed_on == today
    page.goto(f"/bank/mentees/{profile.pk}/")
    assert f"пройден {today:%d.%m.%Y}" in page.get_by_role("main").inner_text()


def test_mentor_of_another_school_is_seen_only_through_the_open_bank(page, sign_in, world):
    # given the bank of school A and, in school B, an active mentor with a program of her own
    bank_of_school_a(world)
    stranger = f.staff_member(world.school_b, last_name="Чужакова")
    foreign = active_mentor(stranger, world.school_b, capacity=3)
    mentee(world.teacher_b, world.school_b)
    program_create(mentor=stranger, mentees=[world.teacher_b], by=world.users["curator_b"])

    def lists_of_curator() -> dict[str, str]:
        texts = {}
        for url in ("/bank/", "/programs/", "/matching/pool/", "/bank/open/"):
            page.goto(url)
            if url == "/matching/pool/":  # the pool's proposal: the page of its background job
                page.get_by_role("button", name="Распределить").click()
                page.get_by_test_id("pool-summary").wait_for()
            texts[url] = page.get_by_role("main").inner_text()
        return texts

    # when the curator of school A looks through her lists
    sign_in("curator_a")
    texts = lists_of_curator()
    # then her own mentor is there, the mentor of school B nowhere
    assert "Наставникова" in texts["/bank/"] and "Наставникова" in texts["/matching/pool/"]
    for url, text in texts.items():
        assert "Чужакова" not in text, url

    # when the mentor of school B is published in the open bank
    published(foreign)
    texts = lists_of_curator()

    # then the curator finds her in the open bank only
    assert "Чужакова" in texts["/bank/open/"]
    for url in ("/bank/", "/programs/", "/matching/pool/"):
        assert "Чужакова" not in texts[url], url
