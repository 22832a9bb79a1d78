"""The dashboards of monitoring in a real browser (issue 14, Build 4): the regional operator opens
«Мониторинг», sees the region's figures and charts, clicks a municipality in the comparison
table, then an organization; on every level each chart's image loads (its own SVG address,
drawn by matplotlib on the server — nothing from the internet) and each chart has its data
table «Данные диаграммы» for screen readers.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def natural_width(image, timeout: float = 15.0) -> int:
    """The image's ``naturalWidth`` once it has loaded (polled: no ``wait_for_function`` with a
    string under the CSP); 0 if it has not within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if image.evaluate("img => img.complete"):
            return image.evaluate("img => img.naturalWidth")
        time.sleep(0.2)
    return 0


def check_charts(page) -> int:
    """Every chart of the page: its image loads (``naturalWidth`` > 0) and its data table, once
    «Данные диаграммы» is opened, shows rows. Returns the number of images checked."""
    figures = page.get_by_test_id("chart")
    assert figures.count() > 0
    images = 0
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        image = figure.locator("img")
        if image.count():
            assert image.get_attribute("alt")
            assert natural_width(image) > 0, figure.get_attribute("data-chart")
            images += 1
        table = figure.get_by_test_id("chart-table")
        assert not table.is_visible()
        figure.get_by_text("Данные диаграммы").click()
        assert table.is_visible()
        assert table.locator("tbody tr").count() > 0
    return images


def test_operator_drills_down_and_every_chart_loads_with_its_table(page, sign_in, world, artifacts):
    # given the regional operator signed in
    sign_in("operator")

    # when she opens «Мониторинг» from the menu
    page.get_by_role("link", name="Мониторинг", exact=True).first.click()
    page.wait_for_url("**/monitoring/")

    # then she is on the region's dashboard with its figures, comparison and charts
    assert page.get_by_test_id("dashboard-unit").inner_text() == world.region.full_name
    assert page.get_by_test_id("figure-card").count() > 0
    assert page.get_by_test_id("comparison-row").count() == 2
    assert check_charts(page) > 0
    page.screenshot(path=str(artifacts / "dashboard-region.png"), full_page=True)

    # when she clicks municipality 1 in the comparison table
    page.get_by_test_id("comparison").get_by_role("link", name=str(world.muni1)).click()
    page.wait_for_url(re.compile(rf"/monitoring/units/{world.muni1.pk}/\?period=\d{{4}}$"))

    # then the municipality's dashboard lists its organization, and the charts load
    assert page.get_by_test_id("dashboard-unit").inner_text() == world.muni1.full_name
    assert check_charts(page) > 0

    # when she clicks school A
    page.get_by_test_id("comparison").get_by_role("link", name=str(world.school_a)).click()
    page.wait_for_url(re.compile(rf"/monitoring/units/{world.school_a.pk}/\?period=\d{{4}}$"))

    # then the school's dashboard has the way back up and its own charts
    assert page.get_by_test_id("dashboard-unit").inner_text() == world.school_a.full_name
    crumbs = page.get_by_test_id("breadcrumbs")
    assert world.region.full_name in crumbs.inner_text() and str(world.muni1) in crumbs.inner_text()
    assert check_charts(page) > 0
    page.screenshot(path=str(artifacts / "dashboard-school.png"), full_page=True)

    # and the breadcrumb leads back to the municipality with the same period
    crumbs.get_by_role("link", name=str(world.muni1)).click()
    page.wait_for_url(re.compile(rf"/monitoring/units/{world.muni1.pk}/\?period=\d{{4}}$"))
    assert page.get_by_test_id("dashboard-unit").inner_text() == world.muni1.full_name
