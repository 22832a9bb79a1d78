"""A monitoring campaign in a real browser (issue 14, «done when»: the operator launching a
monitoring campaign and seeing an organization's answers arrive; seed 003 §5.2–5.3): the regional
operator creates a campaign for municipality 1 with a questionnaire for mentees and launches it;
the mentee of school A finds it among her questionnaires and answers it on the answer page; the
operator's progress page shows school A's count of answers go from 0 to 1 and its state «завершено».
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]

TITLE = "Мониторинг адаптации молодых педагогов"
QUESTIONNAIRE = "Как проходит ваша адаптация в школе"
DETAIL_URL = re.compile(r"/monitoring/campaigns/\d+/(\?.*)?(#.*)?$")


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_load_state()


def school_a_row(page):
    return page.locator('[data-testid="progress-row"]', has_text="СОШ № 1")


def test_operator_launches_a_campaign_and_sees_the_answer_arrive(page, sign_in, world, artifacts):
    from nastavnik.matching.tests.bank import mentee
    from nastavnik.monitoring.models import Assignment, Question, Questionnaire

    mentee(world.mentee_a, world.school_a)
    questionnaire = Questionnaire.objects.create(
        title=QUESTIONNAIRE, audience="mentee", phase="periodic", owner=world.region
    )
    Question.objects.create(
        questionnaire=questionnaire, order=1, text="Насколько комфортно вам в коллективе?", kind="scale"
    )
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations (data-confirm)

    # given the regional operator on the list of monitorings
    sign_in("operator")
    page.goto("/monitoring/campaigns/")
    page.get_by_test_id("campaign-create").click()
    page.wait_for_url("**/monitoring/campaigns/new/")

    # when she creates a campaign for municipality 1 with the questionnaire for mentees
    page.get_by_label("Название").fill(TITLE)
    page.get_by_label(re.compile(QUESTIONNAIRE)).check()
    page.get_by_label("город Сургут").check()
    page.get_by_test_id("submit").click()
    page.wait_for_url(DETAIL_URL)
    assert page.get_by_test_id("campaign-status").inner_text().startswith("Черновик")

    # and launches it
    page.get_by_test_id("campaign-launch").click()
    page.wait_for_url(DETAIL_URL)
    assert "Мониторинг запущен. Назначено анкет: 1." in page.content()
    row = school_a_row(page)
    assert row.get_by_test_id("assigned").inner_text() == "1"
    assert row.get_by_test_id("answered").inner_text() == "0"
    assert row.get_by_test_id("status").inner_text() == "не начато"
    assert page.locator('[data-testid="progress-row"]', has_text="СОШ № 2").count() == 0
    sign_out(page)

    # then the mentee of school A finds it among her questionnaires and answers it
    sign_in("mentee_a")
    page.goto("/monitoring/my/")
    pending = page.locator('[data-testid="pending-row"]', has_text=QUESTIONNAIRE)
    assert "Ответить до" in page.content()
    pending.get_by_role("link", name="Заполнить").click()
    page.wait_for_url(re.compile(r"/monitoring/my/\d+/$"))
    page.get_by_label("8", exact=True).check()
    page.get_by_test_id("submit").click()
    page.wait_for_load_state()
    assignment = Assignment.objects.get(person=world.mentee_a, questionnaire=questionnaire)
    assert assignment.status == "submitted"
    sign_out(page)

    # and the operator's progress page shows school A's answer
    sign_in("operator")
    page.goto("/monitoring/campaigns/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(DETAIL_URL)
    row = school_a_row(page)
    assert row.get_by_test_id("answered").inner_text() == "1"
    assert row.get_by_test_id("share").inner_text().replace("\xa0", " ") == "100 %"
    assert row.get_by_test_id("status").inner_text() == "завершено"
    page.get_by_test_id("filter-pending").click()
    page.wait_for_url(DETAIL_URL)
    assert school_a_row(page).count() == 0
    page.screenshot(path=str(artifacts / "campaign-progress.png"), full_page=True)
