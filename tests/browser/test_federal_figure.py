"""The curator confirms the federal statistical figure in a real browser (seed 002 §9; issue 14,
Build 6): the figure page of school A lists it «не подтверждено»; the curator opens the
confirmation, sees the live number, first cancels the browser's question (nothing is saved),
then confirms; the page says so; the municipal coordinator then sees school A «подтверждено»
with the curator's name, and after a new completion «расходится» with the difference."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def complete(organization, n: int) -> None:
    from nastavnik.mentoring.choices import PairEndReason
    from nastavnik.testing import factories as f

    on = timezone.localdate().replace(month=1, day=15)
    for _ in range(n):
        f.PairFactory(
            organization=organization,
            started_on=on - dt.timedelta(days=120),
            ended_on=on,
            end_reason=PairEndReason.COMPLETED,
        )


def test_curator_confirms_and_the_coordinator_sees_it(page, sign_in, world):
    from nastavnik.monitoring.models import FederalStatisticsReport

    year = timezone.localdate().year
    complete(world.school_a, 3)
    world.users["curator_a"].first_name, world.users["curator_a"].last_name = "Ирина", "Кураторова"
    world.users["curator_a"].save()

    sign_in("curator_a")
    page.goto(f"/monitoring/federal/?year={year}")
    row = page.get_by_test_id("federal-row").filter(has_text=world.school_a.full_name)
    assert "не подтверждено" in row.inner_text()
    row.get_by_role("link", name="Подтвердить").click()
    page.wait_for_url(re.compile(r"/monitoring/federal/\d+/confirm/\?year=\d{4}$"))
    assert page.get_by_test_id("live").inner_text() == "3"

    questions: list[str] = []

    def dismiss(dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_test_id("confirm").click()
    page.wait_for_timeout(300)
    assert questions and "прошли полный цикл педагогических работников — 3, обучающихся — 0" in questions[0]
    assert not FederalStatisticsReport.objects.exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("confirm").click()
    page.wait_for_load_state()
    assert f"Сведения за {year} год подтверждены: 3" in page.inner_text("body")
    assert "Ирина Кураторова" in page.get_by_test_id("confirmed").inner_text()

    complete(world.school_a, 2)
    page.context.clear_cookies()
    sign_in("coordinator")
    page.goto(f"/monitoring/federal/?year={year}")
    row = page.get_by_test_id("federal-row").filter(has_text=world.school_a.full_name)
    text = row.inner_text()
    assert "расходится" in text and "подтверждено 3, по данным сейчас 5: +2" in text
    assert "Ирина Кураторова" in text
    assert "curator_a" not in page.inner_text("body")
    assert row.get_by_role("link", name="Подтвердить").count() == 0
