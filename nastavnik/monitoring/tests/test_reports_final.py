"""The curator's final report (``documents.specs.programs.FinalReportSpec``) and the analytical
report count the full cycle with the same indicator (seed 002 §9), so the two documents and the
federal figure never differ."""

from __future__ import annotations

import pytest

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.testing import approved_roadmap, prepare_school
from nastavnik.documents.tests.test_programs import REPORT_PERIOD, final_world, render
from nastavnik.monitoring.indicators.base import get_indicator, rollup
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.reports import report_data

pytestmark = pytest.mark.django_db


def test_the_final_report_and_the_analytical_report_count_the_full_cycle_alike(world):
    # given the documents' year of school A: a completed pair program and an active group
    doc = prepare_school(world)
    doc.roadmap = approved_roadmap(world, doc.school)
    final_world(doc)
    period = year_period(2026)

    # when the indicator, the analytical report and the final report count the full cycle
    figure = rollup(get_indicator("full_cycle"), world.school_a, period).total.value
    analytical = {row["code"]: row["value"] for row in report_data(world.school_a, period)["indicators"]}
    final = render(DocumentKind.FINAL_REPORT, doc, params=REPORT_PERIOD)

    # then they agree
    assert figure == 1
    assert analytical["full_cycle"] == "1"
    assert "полный цикл прошёл 1 наставляемый." in final
