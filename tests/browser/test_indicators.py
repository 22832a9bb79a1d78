"""The indicators in a real browser (issue 14, Build 3): the regional operator opens the list of
indicators for 2025, opens the share of organizations implementing the target model, reads its
numerator and denominator, drills down from the region to municipality 1 by clicking it in the
roll-up, sees each school's conditions, and changes the period with the selector (2024: no
school implemented the model yet)."""

from __future__ import annotations

import re

import pytest

from nastavnik.monitoring.tests.test_indicators_recompute import build_indicator_world
from tests.browser.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"
    ),
]


def test_operator_drills_down_an_indicator_from_the_region_to_a_school(page, sign_in, world):
    # given the rows of 2025 and the regional operator signed in
    build_indicator_world(world)
    sign_in("operator")

    # when they open the list of indicators for 2025 and the share of implementing organizations
    page.goto("/monitoring/indicators/?period=2025")
    row = page.get_by_test_id("indicator-implementing_organizations")
    assert "33,3 %" in row.inner_text()
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/monitoring/indicators/implementing_organizations/\?"))

    # then the figure is stated with its numerator and denominator
    assert page.get_by_test_id("indicator-value").inner_text() == "33,3 %"
    assert page.get_by_test_id("indicator-term").all_inner_texts() == ["1", "3"]

    # when they click municipality 1 in the roll-up
    page.get_by_test_id("indicator-rollup").get_by_role("link", name=world.muni1.full_name).click()
    page.wait_for_url(re.compile(rf"unit={world.muni1.pk}"))

    # then the page is the municipality's, and the drill-down gives school A's conditions
    assert page.get_by_test_id("indicator-unit").inner_text() == world.muni1.full_name
    assert page.get_by_test_id("indicator-value").inner_text() == "50,0 %"
    school_a = page.get_by_test_id("indicator-drilldown").get_by_role("row").filter(has_text="школа № 1")
    assert school_a.inner_text().split("\t")[1:] == ["да"] * 5

    # when they choose 2024 in the period selector (the form sends itself)
    page.get_by_label("Период", exact=True).select_option("2024")
    page.wait_for_url(re.compile(r"period=2024"))

    # then the same municipality is shown for 2024, when school A had no signed documents yet
    assert page.get_by_test_id("indicator-unit").inner_text() == world.muni1.full_name
    assert page.get_by_test_id("indicator-value").inner_text() == "0,0 %"
