"""Roll-ups at scale (issue 16 «Scale», Build 2): the breakdown by child unit equals each
child's own figure; the stored roll-up (``monitoring.rollups``) gives the live figures of every
level, is read only while fresh and for its period, and the pages say when it was computed;
the federal unit works for the national operator with the regions as rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.jobs.models import Job
from nastavnik.monitoring.dashboard import build_dashboard
from nastavnik.monitoring.federal import federal_table
from nastavnik.monitoring.indicators import all_indicators
from nastavnik.monitoring.indicators.base import child_units, rollup
from nastavnik.monitoring.indicators.drilldown import HIDDEN_NAME
from nastavnik.monitoring.models import IndicatorRollupRun
from nastavnik.monitoring.periods import year_period
from nastavnik.monitoring.rollups import breakdown, rollups_refresh, stored_rollups
from nastavnik.monitoring.tasks import KIND
from nastavnik.monitoring.tests.test_indicators_recompute import build_indicator_world, grow
from nastavnik.testing import factories as f
from nastavnik.testing.personas import extend_world

pytestmark = pytest.mark.django_db

YEAR = year_period(2025)


def _second_region(world):
    """A second region under the federal root with a municipality and a school of its own, with
    the rows of a school of :func:`grow` (so that the country has two regions with figures)."""
    region = f.region(world.region.parent, "Тестовая область")
    municipality = f.municipality(region, "город Тестовый")
    school = f.OrgUnitFactory(parent=municipality)
    return region, municipality, school


def _figures(result):
    return result.total.parts, [(c.unit.pk, c.parts) for c in result.children]


def test_the_breakdown_by_child_equals_each_childs_own_figure(world):
    # given a region of two municipalities with schools, an organization of regional
    # subordination and the roadmap of a municipality
    build_indicator_world(world)
    grow(world, 2)
    f.OrgUnitFactory(parent=world.region, full_name="Колледж регионального подчинения")

    for unit in (world.region.parent, world.region, world.muni1):
        # when the dashboard of the unit breaks every indicator down by the units below it
        board = build_dashboard(unit, YEAR, with_previous=False, cache=False)
        children = child_units(unit)
        assert children, unit
        for indicator in board.indicators:
            result = board.rollups[indicator.code]
            # then each child's figure is the figure the child computes over its own subtree
            for figure in result.children:
                own = rollup(indicator, figure.unit, YEAR, children=[]).total
                assert tuple(figure.parts) == tuple(own.parts), (unit, indicator.code, figure.unit)
            # and the unit's total is its own figure
            assert result.total.parts == rollup(indicator, unit, YEAR, children=[]).total.parts
    # and a figure is there to compare: the municipality with the schools counts teachers
    board = build_dashboard(world.region, YEAR, with_previous=False, cache=False)
    muni = next(f for f in board.rollups["teachers_as_mentors"].children if f.unit == world.muni1)
    assert muni.parts[1] > 0


def test_the_stored_rollup_gives_the_live_figures_of_every_level(world):
    # given the rows of 2025 in two regions
    build_indicator_world(world)
    grow(world, 1)
    _second_region(world)
    indicators = all_indicators()

    # when the roll-up of the country is stored
    runs = rollups_refresh(world.region.parent, [YEAR])

    # then every unit reads from it the figures it computes live, its children's too
    assert len(runs) == 1 and runs[0].indicators == [i.code for i in indicators]
    for unit in (world.region.parent, world.region, world.muni1, world.muni2, world.school_a):
        children = child_units(unit)
        stored = stored_rollups(unit, YEAR, indicators, children)
        assert stored is not None, unit
        for indicator in indicators:
            live = rollup(indicator, unit, YEAR, children=children)
            assert _figures(stored[indicator.code]) == _figures(live), (unit, indicator.code)
            assert stored[indicator.code].total.value == live.total.value
            assert stored[indicator.code].stored and stored[indicator.code].as_of == runs[0].computed_at
    # and the charts' breakdowns of the region are kept as computed
    assert breakdown("full_cycle_breakdown", world.region, YEAR) is not None
    assert breakdown("difficulty_by_area", world.muni1, YEAR) is None  # not stored below a region


def test_a_stale_or_foreign_period_run_is_not_read(world):
    # given a stored roll-up of 2025
    build_indicator_world(world)
    (run,) = rollups_refresh(world.region.parent, [YEAR])
    indicators = all_indicators()

    # then another period is computed live
    assert stored_rollups(world.region, year_period(2024), indicators, []) is None
    # and so is an indicator the run did not compute
    run.indicators = run.indicators[:-1]
    run.save(update_fields=["indicators"])
    assert stored_rollups(world.region, YEAR, indicators, []) is None
    assert stored_rollups(world.region, YEAR, indicators[:1], []) is not None
    # and a run older than a day and a bit is not read at all
    IndicatorRollupRun.objects.filter(pk=run.pk).update(computed_at=timezone.now() - dt.timedelta(days=2))
    assert stored_rollups(world.region, YEAR, indicators[:1], []) is None


def test_the_dashboard_and_the_indicator_pages_say_when_the_stored_figures_were_computed(world):
    # given the operator and a stored roll-up of 2025
    build_indicator_world(world)
    (run,) = rollups_refresh(world.region.parent, [YEAR])
    client = Client()
    client.force_login(world.users["operator"])
    stamp = timezone.localtime(run.computed_at).strftime("%d.%m.%Y %H:%M")

    # when they open the region's dashboard, the list of indicators and an indicator
    dashboard = client.get(reverse("monitoring:unit", args=[world.region.pk]), {"period": "2025"})
    listing = client.get(reverse("monitoring:indicators"), {"unit": world.region.pk, "period": "2025"})
    detail = client.get(
        reverse("monitoring:indicator", args=["teachers_as_mentors"]),
        {"unit": world.region.pk, "period": "2025"},
    )

    # then each says the figures are those of the calculation of that time
    for response in (dashboard, listing, detail):
        assert response.status_code == 200
        assert f"на {stamp}" in response.content.decode()
    # and the same figures as live ones (the live page of another period has no such date)
    live = client.get(reverse("monitoring:unit", args=[world.region.pk]), {"period": "2024"})
    assert "данные расчёта" not in live.content.decode()


@pytest.fixture
def national_world(world):
    extend_world(world)
    build_indicator_world(world)
    _second_region(world)
    return world


def test_the_national_operator_opens_the_federal_dashboard_with_the_regions_as_rows(national_world):
    world = national_world
    client = Client()
    client.force_login(world.users["national"])
    federal = world.region.parent

    # when the national operator opens monitoring
    landing = client.get(reverse("monitoring:dashboard"), follow=True)
    response = client.get(reverse("monitoring:unit", args=[federal.pk]), {"period": "2025"})

    # then they land on the federal unit, whose comparison rows are the regions, each a link down
    assert landing.status_code == 200
    assert response.status_code == 200
    html = response.content.decode()
    regions = child_units(federal)
    assert len(regions) == 2
    for region in regions:
        assert reverse("monitoring:unit", args=[region.pk]) in html
    # and they go down to a region and its municipality
    assert client.get(reverse("monitoring:unit", args=[world.region.pk])).status_code == 200
    assert client.get(reverse("monitoring:unit", args=[world.muni1.pk])).status_code == 200


def test_the_federal_indicator_page_rolls_up_by_region_without_the_rows(national_world):
    world = national_world
    client = Client()
    client.force_login(world.users["national"])
    federal = world.region.parent

    # when the national operator opens an indicator at the federal unit
    response = client.get(
        reverse("monitoring:indicator", args=["teachers_as_mentors"]), {"unit": federal.pk, "period": "2025"}
    )

    # then the regions are its rows, each a link to the same indicator for it, and the rows
    # behind the figure are left to the regions
    assert response.status_code == 200
    html = response.content.decode()
    assert f"?unit={world.region.pk}&amp;period=2025" in html
    assert 'data-testid="drill-federal"' in html
    assert "Педагогический работник" not in html


def test_the_federal_statistics_page_of_the_country_totals_by_region(national_world):
    world = national_world
    federal = world.region.parent
    year = 2025

    # when the national operator opens the federal figure of the country
    client = Client()
    client.force_login(world.users["national"])
    response = client.get(reverse("monitoring:federal"), {"unit": federal.pk, "year": year})

    # then the rows are the regions, each a link to its page, with no organization rows
    assert response.status_code == 200
    html = response.content.decode()
    assert "Итоги по регионам" in html
    assert html.count('data-testid="region-link"') == 2
    assert 'data-testid="federal-row"' not in html
    # and the totals are the sums of each region's own page
    table = federal_table(world.users["national"], federal, year)
    for total in table.totals:
        own = federal_table(world.users["national"], total.unit, year).overall
        assert (total.organizations, total.live, total.confirmed_count, total.confirmed) == (
            own.organizations,
            own.live,
            own.confirmed_count,
            own.confirmed,
        )
    region_total = next(t for t in table.totals if t.unit == world.region)
    assert region_total.organizations > 0 and region_total.live > 0
    assert table.overall.live == sum(t.live for t in table.totals)
    # and the region's own page still lists its organizations
    region_page = client.get(reverse("monitoring:federal"), {"unit": world.region.pk, "year": year})
    assert 'data-testid="federal-row"' in region_page.content.decode()


def test_the_command_refreshes_as_a_job_on_record(world):
    # given the rows of 2025
    build_indicator_world(world)

    # when the nightly command runs
    call_command("monitoring_rollups", stdout=open("/dev/null", "w"))

    # then the job is on record, succeeded, with a run for this year and the previous one
    job = Job.objects.get(kind=KIND)
    assert job.status == "succeeded", job.error
    assert len(job.result["runs"]) == 2
    assert IndicatorRollupRun.objects.filter(root=world.region.parent).count() == 2
    assert all(
        re.fullmatch(r"с \d\d\.\d\d\.\d{4} по \d\d\.\d\d\.\d{4}", r["period"]) for r in job.result["runs"]
    )


def test_the_national_operator_reads_no_name_in_the_drilldowns(national_world):
    # given the national operator, who may view no one's personal data
    world = national_world
    client = Client()
    client.force_login(world.users["national"])

    # when they open the teachers behind an indicator of the region
    response = client.get(
        reverse("monitoring:indicator", args=["teachers_as_mentors"]),
        {"unit": world.region.pk, "period": "2025"},
    )

    # then the rows are there with no name, consented or not
    assert response.status_code == 200
    html = response.content.decode()
    assert HIDDEN_NAME in html
    for surname in ("Афанасьев", "Наставников", "Молодцов"):
        assert surname not in html
    # while the regional operator reads the consented names there
    client.force_login(world.users["operator"])
    html = client.get(
        reverse("monitoring:indicator", args=["teachers_as_mentors"]),
        {"unit": world.region.pk, "period": "2025"},
    ).content.decode()
    assert "Наставников" in html


def test_the_federal_page_of_a_region_pages_its_organizations(national_world, settings):
    # given pages of one organization
    settings.NASTAVNIK_TABLE_PAGE_SIZE = 1
    world = national_world
    client = Client()
    client.force_login(world.users["operator"])
    url = reverse("monitoring:federal")

    # when the operator opens the region's figure, the second page and a garbage page
    first = client.get(url, {"unit": world.region.pk, "year": 2025})
    second = client.get(url, {"unit": world.region.pk, "year": 2025, "page": 2})
    garbage = client.get(url, {"unit": world.region.pk, "year": 2025, "page": "²"})

    # then each shows one organization, the navigation keeps the unit and the year, and the
    # totals still count them all
    for response in (first, second, garbage):
        assert response.status_code == 200
        assert response.content.decode().count('data-testid="federal-row"') == 1
    assert f"unit={world.region.pk}&amp;year=2025&amp;page=2" in first.content.decode()
    assert first.context["table"].overall.organizations > 1
    assert first.context["page_rows"] != second.context["page_rows"]
