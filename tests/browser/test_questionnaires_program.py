"""The questionnaires of a program in a real browser (issue 14, Done when: «a mentee answering the
before-questionnaire at a program's start; the program completing and the after-questionnaire
answered»; seed 004 §9.2).

The mentee signs in after her program has started, finds the self-assessment of difficulties on
her home page and answers it; the mentor reports (the reflective stage opens the «after» one),
the mentee answers it from her home page, the curator completes the program in the browser and
sees the change by area; the mentee's home page then asks for her feedback. Once five teachers
of the school have answered both, the decrease of difficulties shows on the school's, the
municipality's and the region's dashboards.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from nastavnik.mentoring.models import Meeting
from nastavnik.mentoring.services.completion import mentor_report_submit
from nastavnik.mentoring.tests.test_programs_services import active
from nastavnik.monitoring.builtin import builtin_questionnaire
from nastavnik.monitoring.choices import AssignmentStatus
from nastavnik.monitoring.models import Answer, Assignment
from nastavnik.monitoring.services.questionnaires import answer_submit, assign
from nastavnik.reference.models import MeetingType
from nastavnik.testing import factories as f
from nastavnik.testing.questionnaires import account, filled_values
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

BEFORE = "Самооценка профессиональных затруднений (до входа в программу)"
AFTER = "Самооценка профессиональных затруднений (по итогам программы)"
FEEDBACK = "Обратная связь наставляемого по итогам программы"


def answer_on_the_page(page, title: str, *, difficulty: str, methodical: str) -> None:
    """From the home page, open the owed questionnaire ``title`` and answer every scale:
    ``methodical`` for the methodical difficulty, ``difficulty`` for the other areas and 8 for the
    other scales; confirm the sending."""
    page.goto("/")
    owed = page.get_by_test_id("owed-questionnaires")
    owed.get_by_role("link", name=title).click()
    assert page.get_by_test_id("questionnaire-title").inner_text() == title
    for question in page.get_by_test_id("answer-question").all():
        if question.locator("input[type=radio]").count() != 10:
            continue  # a free text: not required
        legend = question.locator("legend").inner_text()
        if "«Методические»" in legend:
            value = methodical
        elif "затруднения в области" in legend:
            value = difficulty
        else:
            value = "8"
        question.get_by_label(value, exact=True).check()
    page.once("dialog", lambda dialog: dialog.accept())  # «После отправки ответ нельзя будет изменить»
    page.get_by_test_id("submit").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ответ отправлен. Спасибо!").is_visible()


def test_mentee_answers_before_and_after_and_the_curator_completes(page, sign_in, world, artifacts):
    # given a program of Наставникова and Молодцова started by the curator
    program = active(world)

    # when Молодцова signs in, her home page lists the self-assessment she owes, with its term
    sign_in("mentee_a")
    owed = page.get_by_test_id("owed-questionnaires")
    due = timezone.localdate() + dt.timedelta(days=14)
    assert BEFORE in owed.inner_text()
    assert f"ответить до {due:%d.%m.%Y}" in owed.inner_text()
    assert str(program) in owed.inner_text()

    # and she answers it: a serious methodical difficulty, slight ones elsewhere
    answer_on_the_page(page, BEFORE, difficulty="2", methodical="8")

    # then the answer is kept with her program, and her home page no longer asks for it
    answer = Answer.objects.get(
        program=program, person=world.mentee_a, questionnaire__code="mentee_difficulties_before"
    )
    assert answer.items.get(question__area__code="methodical").scale == 8
    page.goto("/")
    assert page.get_by_test_id("owed-questionnaires").count() == 0  # she owes nothing else

    # when the mentor reports and the final meeting is held (the reflective stage)
    mentor_report_submit(
        program=program, by=world.users["mentor_a"], work_done="Посещены уроки.", results="Уроки стали лучше."
    )
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=1),
        agenda="Подведение итогов",
        status="held",
    )

    # then her home page asks for the self-assessment «after», and she answers it
    page.goto("/")
    assert AFTER in page.get_by_test_id("owed-questionnaires").inner_text()
    answer_on_the_page(page, AFTER, difficulty="2", methodical="3")
    page.screenshot(path=str(artifacts / "questionnaire-after-answered.png"), full_page=True)

    # when the curator signs in and completes the program
    page.context.clear_cookies()
    sign_in("curator_a")
    page.goto(program.get_absolute_url())
    completion = page.get_by_test_id("program-completion")
    assert "✗" not in completion.get_by_test_id("completion-conditions").inner_text()
    table = completion.get_by_test_id("difficulty-table")
    methodical = table.get_by_role("row").filter(has_text="Методические").inner_text()
    assert methodical.split() == ["Методические", "8", "3", "−5"]
    page.goto(f"/programs/{program.pk}/complete/")
    page.get_by_label("Итоги работы пары (группы)").fill("Методическое затруднение снижено.")
    page.get_by_label("Подтверждаю завершение программы", exact=False).check()
    page.get_by_role("button", name="Завершить программу").click()
    page.goto(program.get_absolute_url())
    assert page.get_by_test_id("program-status").inner_text() == "Завершена"
    assert "−5" in page.get_by_test_id("program-completion").inner_text()

    # then Молодцова owes her feedback on the program
    assert (
        Assignment.objects.get(
            program=program, person=world.mentee_a, questionnaire__code="mentee_feedback_after"
        ).status
        == AssignmentStatus.PENDING
    )
    page.context.clear_cookies()
    sign_in("mentee_a")
    assert FEEDBACK in page.get_by_test_id("owed-questionnaires").inner_text()

    # when the curator opens the school's dashboard, the change of difficulties is not shown yet:
    # a mean of fewer than 5 people's answers would be one person's
    page.context.clear_cookies()
    sign_in("curator_a")
    assert _difficulty_change(page, "/monitoring/") == "—"

    # and four more teachers of the school answer the same self-assessments, before and after
    for n in range(4):
        colleague = f.staff_member(world.school_a, last_name=f"Коллегова{n}")
        for code, methodical in (("mentee_difficulties_before", 8), ("mentee_difficulties_after", 3)):
            questionnaire = builtin_questionnaire(code)
            assignment = assign(
                questionnaire=questionnaire,
                person=colleague,
                organization=world.school_a,
                phase=questionnaire.phase,
            )
            values = filled_values(questionnaire, difficulty=2, by_area={"methodical": methodical})
            answer_submit(assignment=assignment, by=account(colleague), values=values)
    cache.clear()  # a minute later: the dashboards' figures are recomputed

    # then the decrease appears on the school's, the municipality's and the region's dashboards,
    # the same figure on each (only school A has answers)
    school = _difficulty_change(page, "/monitoring/")
    assert school.startswith("−"), school
    page.context.clear_cookies()
    sign_in("coordinator")
    assert _difficulty_change(page, f"/monitoring/units/{world.muni1.pk}/") == school
    page.context.clear_cookies()
    sign_in("operator")
    assert _difficulty_change(page, f"/monitoring/units/{world.region.pk}/") == school
    page.screenshot(path=str(artifacts / "dashboard-region-difficulty-change.png"), full_page=True)


def _difficulty_change(page, url: str) -> str:
    """The value on the card «Изменение самооценки профессиональных затруднений» of the dashboard
    at ``url``."""
    page.goto(url)
    card = page.locator('[data-testid="figure-card"][data-code="difficulty_change"]')
    return card.get_by_test_id("figure-value").inner_text().strip()
