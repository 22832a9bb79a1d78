"""The dashboards of monitoring (issue 14, Build 4): each role lands on its level, drills down
region → municipality → organization, stays in its subtree; the period selector, the sortable
comparison with its median, the XLSX holding the page's numbers, the charts with their data
tables, the query count that does not grow with the organizations, the home blocks and the menu.
"""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.core.charts import Chart
from nastavnik.monitoring import dashboard
from nastavnik.monitoring.indicators import base
from nastavnik.monitoring.periods import year_period
from nastavnik.people.models import Employment
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

PROBE = "zz_probe"


def _probe_compute(root_path: str, period) -> dict[int, tuple]:
    """Per organization: (employments × 1 in an even year, × 2 in an odd one; 10) — one query."""
    rows = (
        Employment.objects.filter(
            organization__path__startswith=root_path, organization__level="organization"
        )
        .values("organization")
        .annotate(n=Count("pk"))
        .order_by()
    )
    factor = 1 + period.start.year % 2
    return {row["organization"]: (row["n"] * factor, 10) for row in rows}


@pytest.fixture
def probe():
    """A test indicator with known figures: 10 % per employee of the organization in an even
    year, twice that in an odd one (so the year before the current one is «better»)."""
    indicator = base.register(
        base.Indicator(
            code=PROBE,
            title="Проверочный показатель",
            unit="percent",
            numerator="работники",
            denominator="десять",
            source="Проверочное основание",
            compute=_probe_compute,
            order=10_000,
        )
    )
    yield indicator
    base._REGISTRY.pop(PROBE, None)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def unit_url(unit, query: str = "") -> str:
    return f"/monitoring/units/{unit.pk}/" + (f"?{query}" if query else "")


def landed(html: str) -> str:
    return re.search(r'data-testid="dashboard-unit">([^<]+)<', html).group(1)


@pytest.mark.parametrize(
    ("persona", "unit"),
    [("operator", "region"), ("coordinator", "muni1"), ("curator_a", "school_a"), ("head_a", "school_a")],
)
def test_each_role_lands_on_its_level(world, persona, unit):
    html = page(client_of(world.users[persona]), "/monitoring/")
    assert landed(html) == getattr(world, unit).full_name


def test_roles_without_the_right_are_refused_and_the_anonymous_sent_to_sign_in(world):
    for persona in ("mentor_a", "mentee_a"):
        client = client_of(world.users[persona])
        assert client.get("/monitoring/").status_code == 403
        assert client.get(unit_url(world.school_a)).status_code == 403
    response = Client().get("/monitoring/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_menu_item_for_the_monitoring_roles_only(world):
    assert 'href="/monitoring/"' in page(client_of(world.users["operator"]), "/")
    assert 'href="/monitoring/"' in page(client_of(world.users["curator_a"]), "/")
    assert 'href="/monitoring/"' not in page(client_of(world.users["mentor_a"]), "/")


def test_operator_drills_down_region_to_municipality_to_organization(world, probe):
    client = client_of(world.users["operator"])
    year = timezone.localdate().year
    html = page(client, "/monitoring/")
    link = f'href="{unit_url(world.muni1)}?period={year}"'
    assert link in html and f'href="{unit_url(world.muni2)}?period={year}"' in html
    html = page(client, f"{unit_url(world.muni1)}?period={year}")
    assert landed(html) == world.muni1.full_name
    assert f'href="{unit_url(world.school_a)}?period={year}"' in html
    assert unit_url(world.school_b) not in html  # school B is in municipality 2
    html = page(client, f"{unit_url(world.school_a)}?period={year}")
    assert landed(html) == world.school_a.full_name
    crumbs = re.search(r'data-testid="breadcrumbs">(.*?)</ol>', html, re.S).group(1)
    assert world.region.full_name in crumbs and str(world.muni1) in crumbs
    assert crumbs.index(world.region.full_name) < crumbs.index(str(world.muni1))
    assert 'data-testid="comparison"' not in html  # an organization has nothing below it


def test_breadcrumbs_stop_at_the_users_own_level(world):
    html = page(client_of(world.users["curator_a"]), unit_url(world.school_a))
    crumbs = re.search(r'data-testid="breadcrumbs">(.*?)</ol>', html, re.S).group(1)
    assert str(world.muni1) not in crumbs and world.region.full_name not in crumbs


@pytest.mark.parametrize(
    ("persona", "unit"),
    [
        ("coordinator", "muni2"),
        ("coordinator", "school_b"),
        ("coordinator", "region"),
        ("curator_a", "muni1"),
        ("curator_a", "school_b"),
        ("curator_b", "school_a"),
    ],
)
def test_units_outside_the_subtree_are_not_found(world, persona, unit):
    client = client_of(world.users[persona])
    target = getattr(world, unit)
    assert client.get(unit_url(target)).status_code == 404
    assert client.get(f"/monitoring/units/{target.pk}/export.xlsx").status_code == 404
    assert client.get(f"/monitoring/units/{target.pk}/charts/shares.svg").status_code == 404


def test_garbage_ids_and_chart_names_are_not_found(world):
    client = client_of(world.users["operator"])
    assert client.get("/monitoring/units/99999999999999999999/").status_code == 404
    assert client.get("/monitoring/units/987654/").status_code == 404
    assert client.get(f"/monitoring/units/{world.region.pk}/charts/nothing.svg").status_code == 404
    assert client.get(f"/monitoring/units/{world.region.pk}/charts/by-unit-nothing.svg").status_code == 404


def rows_of(html: str) -> list[str]:
    return re.findall(r'data-testid="comparison-row".*?data-testid="drill">([^<]+)<', html, re.S)


def more_schools(world, counts: dict[str, int]) -> dict[str, object]:
    """Schools in municipality 1 with the given numbers of employees."""
    made = {}
    for name, n in counts.items():
        school = f.OrgUnitFactory(parent=world.muni1, full_name=f"МБОУ «{name}»", short_name=name)
        for _ in range(n):
            f.staff_member(school)
        made[name] = school
    return made


def test_comparison_sorts_by_any_column_and_ignores_garbage(world, probe):
    more_schools(world, {"Школа В": 3, "Школа Г": 2})
    client = client_of(world.users["coordinator"])
    year = timezone.localdate().year
    # school A has 3 employees of the world (teacher, mentor, mentee): 30 %; В 30 %; Г 20 %
    html = page(client, unit_url(world.muni1, f"period={year}&sort={PROBE}"))
    assert rows_of(html)[0] == "Школа Г"
    header = re.search(rf'<th [^>]*>(?:(?!</th>).)*data-testid="sort-{PROBE}"', html, re.S).group(0)
    assert 'aria-sort="ascending"' in header
    html = page(client, unit_url(world.muni1, f"period={year}&sort=-{PROBE}"))
    assert rows_of(html)[-1] == "Школа Г"
    # the header link turns the order
    assert f"sort=-{PROBE}" in page(client, unit_url(world.muni1, f"period={year}&sort={PROBE}"))
    by_name = rows_of(page(client, unit_url(world.muni1, f"period={year}")))
    assert by_name == sorted(by_name, key=str.lower)
    assert rows_of(page(client, unit_url(world.muni1, "sort=-name"))) == by_name[::-1]
    for garbage in ("%C2%B2", "-", "--name", "name;drop", "x" * 300, f"-{PROBE}-"):
        assert rows_of(page(client, unit_url(world.muni1, f"sort={garbage}"))) == by_name


def test_median_row_and_the_units_worse_than_it(world, probe):
    more_schools(world, {"Школа В": 5, "Школа Г": 1})
    year = timezone.localdate().year
    board = dashboard.build_dashboard(world.muni1, year_period(year))
    index = [i.code for i in board.indicators].index(PROBE)
    values = {row.unit.short_name: row.cells[index] for row in board.rows}
    assert board.medians[index].value == 30.0  # 10 %, 30 %, 50 %
    assert values["Школа Г"].worse and not values["Школа В"].worse and not values["СОШ № 1"].worse
    html = page(client_of(world.users["coordinator"]), unit_url(world.muni1, f"period={year}"))
    median = re.search(r'data-testid="median-row">(.*?)</tr>', html, re.S).group(1)
    assert "Медиана" in median and "30,0 %" in median
    assert "(хуже медианы)" in html


def test_cards_show_the_previous_period_with_the_direction_coloured_by_better(world, probe):
    year = timezone.localdate().year
    html = page(client_of(world.users["curator_a"]), unit_url(world.school_a, f"period={year}"))
    card = re.search(rf'data-code="{PROBE}">(.*?)</div>\s*</div>\s*</div>', html, re.S).group(1)
    # 3 employees: this year 30 %; the year before (odd or even) the other factor
    this, before = (30.0, 60.0) if year % 2 == 0 else (60.0, 30.0)
    assert f"{this:.1f}".replace(".", ",") + " %" in card
    assert f"{year - 1} год: " + f"{before:.1f}".replace(".", ",") + " %" in card
    if this < before:
        assert "▼" in card and "text-danger" in card and "ниже, чем за предыдущий период" in card
    else:
        assert "▲" in card and "text-success" in card and "выше, чем за предыдущий период" in card


def test_card_links_to_the_indicator_page_of_the_unit_and_period(world):
    year = timezone.localdate().year
    html = page(client_of(world.users["coordinator"]), unit_url(world.muni1, f"period={year}"))
    indicator = base.all_indicators()[0]
    url = dashboard.indicator_url(indicator, world.muni1, year_period(year))
    assert url and f'href="{url.replace("&", "&amp;")}"' in html


@pytest.mark.parametrize(
    ("query", "label", "error"),
    [
        ("period=2025", "2025 год", False),
        ("period=2025-q2", "II квартал 2025 г.", False),
        ("from=2025-01-15&to=2025-03-01", "15.01.2025 – 01.03.2025", False),
        ("from=15.01.2025&to=01.03.2025&period=", "15.01.2025 – 01.03.2025", False),
        ("period=abc", None, True),
        ("period=2026-q9", None, True),
        ("period=%C2%B2%C2%B2", None, True),
        ("from=2025-03-01&to=2025-01-15", None, True),
        ("from=garbage", None, True),
        ("period=99999999999999999999", None, True),
    ],
)
def test_period_selector_and_its_garbage(world, probe, query, label, error):
    html = page(client_of(world.users["operator"]), unit_url(world.region, query))
    label = label or f"{timezone.localdate().year} год"
    assert f"· {label};" in html
    assert ('data-testid="period-error"' in html) is error


def test_xlsx_holds_the_numbers_of_the_page(world, probe):
    more_schools(world, {"Школа В": 5})
    year = timezone.localdate().year
    client = client_of(world.users["coordinator"])
    html = page(client, unit_url(world.muni1, f"period={year}"))
    response = client.get(f"/monitoring/units/{world.muni1.pk}/export.xlsx?period={year}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Показатели", "Сравнение"]
    board = dashboard.build_dashboard(world.muni1, year_period(year))
    figures = list(book["Показатели"].iter_rows(min_row=4, values_only=True))
    assert [row[0] for row in figures] == [i.title for i in board.indicators]
    for row, card in zip(figures, board.cards, strict=True):
        assert row[1] == card.figure.value
        assert card.text in html  # the same figure is on the page
    probe_row = next(row for row in figures if row[0] == "Проверочный показатель")
    factor = 1 + year % 2  # employees: 3 in school A and 5 in «Школа В», of 10 each
    assert probe_row[1:7] == (40.0 * factor, "%", "работники", 8 * factor, "десять", 20)
    assert probe_row[7] == 40.0 * (1 + (year - 1) % 2) and probe_row[9] == "Проверочное основание"
    comparison = list(book["Сравнение"].iter_rows(values_only=True))
    assert comparison[0][0] == "Единица"
    assert [r[0] for r in comparison[1:-1]] == [r.unit.full_name for r in board.rows]
    column = 2 + [i.code for i in board.indicators].index(PROBE)
    assert [r[column] for r in comparison[1:-1]] == [r.cells[column - 2].value for r in board.rows]
    assert comparison[-1][0] == "Медиана" and comparison[-1][column] == board.medians[column - 2].value


def test_xlsx_of_an_organization_has_no_comparison_sheet(world):
    response = client_of(world.users["curator_a"]).get(f"/monitoring/units/{world.school_a.pk}/export.xlsx")
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Показатели"]


def test_each_chart_is_an_svg_image_with_its_data_table(world, probe):
    client = client_of(world.users["coordinator"])
    html = page(client, unit_url(world.muni1))
    figures = re.findall(r"<figure .*?</figure>", html, re.S)
    names = re.findall(r'data-chart="([^"]+)"', html)
    assert len(figures) == len(names) and "shares" in names and f"by-unit-{PROBE}" in names
    for figure in figures:
        assert "<summary>Данные диаграммы</summary>" in figure and 'data-testid="chart-table"' in figure
    sources = re.findall(r'<img [^>]*src="([^"]+)"', html)
    assert sources
    for src in sources[:3]:
        response = client.get(src.replace("&amp;", "&"))
        assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
        assert b"<svg" in response.content


def test_one_definition_serves_the_page_and_the_documents(world, probe):
    period = year_period(timezone.localdate().year)
    charts = dashboard.dashboard_charts(world.muni1, period)
    assert charts and all(isinstance(c, Chart) for c in charts)
    html = page(client_of(world.users["coordinator"]), unit_url(world.muni1, f"period={period.key}"))
    titles = re.findall(r"<figcaption[^>]*>([^<]+)</figcaption>", html)
    from django.utils.html import escape

    assert titles == [escape(c.title) for c in charts]
    chart = dashboard.chart_by_name(world.muni1, period, f"by-unit-{PROBE}")
    assert chart.table() == next(c for c in charts if c.title == chart.title).table()


def test_difficulties_and_full_cycle_charts_come_from_the_breakdowns(world, monkeypatch):
    period = year_period(timezone.localdate().year)
    monkeypatch.setattr(
        dashboard, "difficulty_by_area", lambda unit, p: [("ИКТ-компетенции", 7.0, 4.5, -2.5)]
    )
    monkeypatch.setattr(
        dashboard,
        "full_cycle_breakdown",
        lambda unit, p: {"category": [("молодой специалист", 3)], "form": []},
    )
    charts = dashboard.board_charts(dashboard.build_dashboard(world.school_a, period))
    assert charts["difficulties"].table()[1] == [["ИКТ-компетенции", "7", "4,5"]]
    assert charts["full-cycle-category"].table()[1] == [["молодой специалист", "3"]]
    assert "full-cycle-form" not in charts


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_organizations(world, probe, django_assert_num_queries):
    client = client_of(world.users["operator"])
    url = unit_url(world.region)
    client.get(url)  # warm the session and the scope
    small = _count_queries(client, url)
    # 2 organizations → 6: four more, in both municipalities, with people and pairs
    for parent in (world.muni1, world.muni1, world.muni2, world.muni2):
        school = f.OrgUnitFactory(parent=parent)
        mentor, mentee = f.staff_member(school), f.staff_member(school)
        f.PairFactory(mentor=mentor, mentee=mentee, organization=school)
    with django_assert_num_queries(small):
        assert client.get(url).status_code == 200
    # the pinned bound: the session, the scope, the unit and its crumbs and children, then
    # per indicator its two roll-ups (this period with children, the previous one without)
    assert small <= 12 + 5 * len(base.all_indicators())


def test_home_blocks_of_the_operator_and_the_coordinator(world, probe):
    more_schools(world, {"Школа В": 5, "Школа Г": 1})
    html = page(client_of(world.users["coordinator"]), "/")
    block = re.search(r'data-testid="monitoring-home">(.*?)Панель мониторинга', html, re.S).group(1)
    assert "Проверочный показатель" in block
    lagging = re.search(r'data-testid="monitoring-lagging">(.*?)</ul>', block, re.S).group(1)
    school_g = world.muni1.children.get(short_name="Школа Г")
    assert f"{unit_url(school_g)}?period=" in lagging and "хуже медианы по" in lagging
    board = dashboard.build_dashboard(
        world.muni1, year_period(timezone.localdate().year), with_previous=False
    )
    listed = re.findall(r'<a href="[^"]+">([^<]+)</a>', lagging)
    assert listed == [str(row.unit) for row in board.behind][: dashboard.HOME_LAGGING]
    assert all(row.worse_count for row in board.behind)
    html = page(client_of(world.users["operator"]), "/")
    assert 'data-testid="monitoring-home"' in html and world.region.full_name in html
    for persona in ("curator_a", "mentor_a"):
        assert 'data-testid="monitoring-home"' not in page(client_of(world.users[persona]), "/")


def test_home_block_without_lagging_units_says_so(world):
    html = page(client_of(world.users["coordinator"]), "/")
    assert "Отстающих нет" in html


def test_rows_lag_when_worse_than_the_median_on_half_of_their_figures():
    cells = [dashboard.Cell(1.0, "1", True), dashboard.Cell(2.0, "2", False), dashboard.Cell(None, "—")]
    assert dashboard.Row(unit=None, cells=cells, worse_count=1).lagging
    assert not dashboard.Row(unit=None, cells=cells[1:], worse_count=0).lagging
    ind = base.Indicator("x", "x", "percent", "", "", "", compute=lambda p, q: {}, better="down")
    assert dashboard.is_worse(ind, 5.0, 3.0) and not dashboard.is_worse(ind, 2.0, 3.0)
    assert dashboard.trend_of(ind, 2.0, 3.0) == ("down", True)
    assert dashboard.median_of([None, 1.0, 3.0]) == 2.0 and dashboard.median_of([None]) is None


def test_superuser_chooses_among_regions(world, db):
    other = f.region(world.region.parent, "Тюменская область")
    admin = f.UserFactory(username="admin_root", is_superuser=True, is_staff=True)
    html = page(client_of(admin), "/monitoring/")
    assert world.region.full_name in html and other.full_name in html
    assert f'href="{unit_url(world.region)}"' in html


def test_home_block_query_count_does_not_grow_with_the_organizations(world, django_assert_num_queries):
    client = client_of(world.users["operator"])
    client.get("/")
    small = _count_queries(client, "/")
    for parent in (world.muni1, world.muni2, world.muni2, world.muni1):
        school = f.OrgUnitFactory(parent=parent)
        f.PairFactory(mentor=f.staff_member(school), mentee=f.staff_member(school), organization=school)
    with django_assert_num_queries(small):
        assert client.get("/").status_code == 200


def test_a_chart_is_drawn_once_for_the_same_data_and_anew_when_they_change(world, probe, monkeypatch):
    from django.core.cache import cache

    from nastavnik.monitoring import views_dashboard

    cache.clear()
    drawn = []
    real = views_dashboard.render_svg
    monkeypatch.setattr(views_dashboard, "render_svg", lambda chart: drawn.append(chart) or real(chart))
    client = client_of(world.users["coordinator"])
    url = f"/monitoring/units/{world.muni1.pk}/charts/by-unit-{PROBE}.svg"
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert len(drawn) == 1
    # the browser that holds it is told it has not changed
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    # new data: a new drawing
    more_schools(world, {"Школа В": 4})
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"] and len(drawn) == 2


def test_the_dashboard_reuses_its_figures_for_a_minute_and_says_as_of_when(world, probe):
    # given the probe indicator (10 % per employee of an organization) on municipality 1
    period = year_period(timezone.localdate().year)
    client = client_of(world.users["coordinator"])
    before = dashboard.build_dashboard(world.muni1, period, with_previous=False, indicators=[probe])
    first = before.rollups[PROBE].total.value

    # when an employee is added, the page shows the figure computed less than a minute ago,
    # and says when that was
    f.staff_member(world.school_a, last_name="Добавленная")
    cached = dashboard.build_dashboard(world.muni1, period, with_previous=False, indicators=[probe])
    assert cached.rollups[PROBE].total.value == first
    assert cached.as_of == before.as_of
    assert "данные на " in page(client, unit_url(world.muni1))

    # then, a minute later (the cache emptied), the change is on the dashboard; a document
    # (cache=False) has it at once
    fresh = dashboard.build_dashboard(
        world.muni1, period, with_previous=False, indicators=[probe], cache=False
    )
    assert fresh.rollups[PROBE].total.value > first
    base.django_cache.clear()
    later = dashboard.build_dashboard(world.muni1, period, with_previous=False, indicators=[probe])
    assert later.rollups[PROBE].total.value == fresh.rollups[PROBE].total.value


def test_comparison_is_paged_and_charts_by_unit_stop_at_many_units(world, probe, settings, monkeypatch):
    """Issue 16: a municipality of hundreds of organizations — the comparison a page at a time in
    the chosen order (the median over all), no chart «by unit» beyond ``CHART_CHILDREN_MAX``."""
    more_schools(world, {"Школа В": 1, "Школа Г": 1, "Школа Д": 1})
    settings.NASTAVNIK_TABLE_PAGE_SIZE = 2
    client = client_of(world.users["coordinator"])
    first = rows_of(page(client, unit_url(world.muni1, "sort=name")))
    second_html = page(client, unit_url(world.muni1, "sort=name&page=2"))
    second = rows_of(second_html)
    assert len(first) == 2 and second and not set(first) & set(second)
    assert "sort=name" in second_html and "page=1" in second_html  # the pager keeps the order
    assert rows_of(page(client, unit_url(world.muni1, "sort=name&page=%C2%B2"))) == first
    assert f'data-chart="by-unit-{PROBE}"' in second_html
    monkeypatch.setattr(dashboard, "CHART_CHILDREN_MAX", 2)
    html = page(client, unit_url(world.muni1))
    assert f'data-chart="by-unit-{PROBE}"' not in html and 'data-chart="shares"' in html
    chart = reverse("monitoring:unit_chart", args=[world.muni1.pk, f"by-unit-{PROBE}"])
    assert client.get(chart).status_code == 404
