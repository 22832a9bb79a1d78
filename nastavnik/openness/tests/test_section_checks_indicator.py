"""The indicator «Доля организаций с полным разделом «Наставничество»» (issue 19, item 3; seed 003
§2.2, §5.1): computed now for the running period, from the monthly records for an ended one,
rolled up organization → municipality → region."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.monitoring.indicators.base import get_indicator, rollup
from nastavnik.monitoring.periods import month_period
from nastavnik.openness.models import SectionCheck
from nastavnik.openness.tests.test_section_checks import full_section

pytestmark = pytest.mark.django_db


def test_the_indicator_is_registered_and_rolls_up(world):
    # given school A with a full section, school B without one
    today = timezone.localdate()
    full_section(world.school_a, today)
    indicator = get_indicator("complete_sections")

    # when the indicator is rolled up over the region for this month
    result = rollup(indicator, world.region, month_period(today.year, today.month))

    # then the region has 1 of 2 (50 %), municipality 1 100 %, municipality 2 0 %
    assert result.total.parts == (1, 2) and result.total.value == 50.0
    by_unit = {figure.unit: figure.value for figure in result.children}
    assert by_unit[world.muni1] == 100.0 and by_unit[world.muni2] == 0.0
    assert indicator.format(result.total.value) == "50,0 %"


def test_an_ended_period_reads_the_latest_monthly_record(world):
    # given records of last year's November (A incomplete) and December (A complete); B never checked
    year = timezone.localdate().year - 1
    SectionCheck.objects.create(unit=world.school_a, month=dt.date(year, 11, 1), met=3, total=6)
    SectionCheck.objects.create(unit=world.school_a, month=dt.date(year, 12, 1), met=6, total=6)
    indicator = get_indicator("complete_sections")

    # then December counts A complete, November incomplete; B is not counted
    december = rollup(indicator, world.region, month_period(year, 12))
    november = rollup(indicator, world.region, month_period(year, 11))
    assert december.total.parts == (1, 1)
    assert november.total.parts == (0, 1)
    assert rollup(indicator, world.region, month_period(year, 10)).total.value is None
