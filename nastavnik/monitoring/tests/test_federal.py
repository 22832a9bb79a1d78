"""The federal statistical figure (seed 002 §9): the live figure from the full-cycle marks, the
curator's confirmation, the difference after it, the countdown to 20 January, the roll-up page,
its XLSX and the curator's home block (issue 14, Build 6)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.scope import get_scope
from nastavnik.core.home import HomeRequest
from nastavnik.mentoring.choices import PairEndReason
from nastavnik.monitoring import federal
from nastavnik.monitoring.models import FederalStatisticsReport
from nastavnik.monitoring.services.federal import federal_figure_confirm
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def this_year() -> int:
    """The current year in the region, read when a test runs, never at import."""
    return timezone.localdate().year


def complete(organization, n: int, *, on: dt.date | None = None) -> None:
    """``n`` mentees of ``organization`` whose pairs were ended by completing the program ``on``."""
    on = on or dt.date(this_year(), 6, 1)
    for _ in range(n):
        f.PairFactory(
            organization=organization,
            started_on=on - dt.timedelta(days=120),
            ended_on=on,
            end_reason=PairEndReason.COMPLETED,
        )


def client_for(client, user):
    client.force_login(user)
    return client


# --- the live figure and the roll-up ------------------------------------------------------------


def test_live_figure_counts_completed_pairs_of_the_year_only(world):
    complete(world.school_a, 3)
    complete(world.school_a, 2, on=dt.date(this_year() - 1, 12, 31))  # the year before
    f.PairFactory(  # ended, but not by completing the program
        organization=world.school_a,
        started_on=dt.date(this_year(), 1, 1),
        ended_on=dt.date(this_year(), 5, 1),
        end_reason=PairEndReason.TERMINATED,
    )
    complete(world.school_b, 1)
    assert federal.live_figures(world.region.path, this_year()) == {
        world.school_a.pk: 3,
        world.school_b.pk: 1,
    }
    assert federal.live_figure(world.school_a, this_year() - 1) == 2
    assert federal.live_figure(world.school_a, this_year()) == 3


def test_live_figure_is_the_indicator_of_the_full_cycle(world):
    from nastavnik.monitoring.indicators.cycle import full_cycle_by_organization
    from nastavnik.monitoring.periods import year_period

    complete(world.school_a, 2)
    complete(world.school_b, 4)
    assert federal.live_figures(world.region.path, this_year()) == full_cycle_by_organization(
        world.region.path, year_period(this_year())
    )


def test_federal_rollup_sums_by_the_units_below(world, django_assert_max_num_queries):
    complete(world.school_a, 2)
    complete(world.school_b, 5)
    fed = world.region.parent
    with django_assert_max_num_queries(2):
        national = federal.federal_rollup(fed, this_year())
    assert national.total == 7
    assert [(line.unit_id, line.figure) for line in national.lines] == [(world.region.pk, 7)]
    regional = federal.federal_rollup(world.region, this_year())
    assert {line.unit_id: line.figure for line in regional.lines} == {world.muni1.pk: 2, world.muni2.pk: 5}
    assert federal.federal_rollup(world.region, this_year() - 1).total == 0


# --- the countdown ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "text"),
    [
        (dt.date(2026, 12, 2), "до срока представления осталось 49 дней"),
        (dt.date(2027, 1, 19), "до срока представления остался 1 день"),
        (dt.date(2027, 1, 17), "до срока представления осталось 3 дня"),
        (dt.date(2027, 1, 20), "срок представления — сегодня, 20 января 2027 г."),
        (dt.date(2027, 1, 21), "срок представления истёк 20 января 2027 г."),
    ],
)
def test_countdown_to_20_january(today, text):
    assert federal.countdown_text(2026, today) == text


def test_reporting_year_and_campaign_months():
    assert federal.reporting_year(dt.date(2026, 12, 2)) == 2026
    assert federal.reporting_year(dt.date(2027, 1, 10)) == 2026
    assert federal.reporting_year(dt.date(2027, 3, 1)) == 2027
    assert federal.in_campaign(dt.date(2026, 12, 1)) and federal.in_campaign(dt.date(2027, 1, 31))
    assert not federal.in_campaign(dt.date(2026, 11, 30))


@pytest.mark.parametrize("raw", ["abc", "²⁰²⁶", "1999", "99999", "-2026", "2026.0", " "])
def test_parse_year_garbage(raw):
    year, error = federal.parse_year(raw, dt.date(2026, 12, 2))
    assert year == 2026
    assert error == (
        "" if raw.strip() == "" else "Отчётный год указан неверно. Показаны сведения за 2026 год."
    )


# --- confirmation -------------------------------------------------------------------------------


def test_only_the_curator_of_the_organization_confirms(world):
    complete(world.school_a, 3)
    users = world.users
    for name in ("head_a", "coordinator", "operator", "curator_b", "mentor_a"):
        with pytest.raises(PermissionDenied):
            federal_figure_confirm(organization=world.school_a, year=this_year(), by=users[name])
    assert not FederalStatisticsReport.objects.exists()
    report = federal_figure_confirm(organization=world.school_a, year=this_year(), by=users["curator_a"])
    assert (report.figure, report.confirmed_by, report.year) == (3, users["curator_a"], this_year())


def test_confirm_refuses_a_changed_figure_and_a_bad_year(world):
    complete(world.school_a, 3)
    curator = world.users["curator_a"]
    with pytest.raises(ValidationError, match="данные изменились"):
        federal_figure_confirm(organization=world.school_a, year=this_year(), by=curator, expected=2)
    with pytest.raises(ValidationError, match="Отчётный год"):
        federal_figure_confirm(organization=world.school_a, year=this_year() + 1, by=curator)
    with pytest.raises(ValidationError, match="организацией"):
        federal_figure_confirm(organization=world.muni1, year=this_year(), by=None)
    assert not FederalStatisticsReport.objects.exists()


def test_reconfirming_keeps_the_last_with_who_and_when(world):
    complete(world.school_a, 1)
    first = federal_figure_confirm(organization=world.school_a, year=this_year(), by=world.users["curator_a"])
    complete(world.school_a, 1)
    second = federal_figure_confirm(
        organization=world.school_a, year=this_year(), by=world.users["curator_a"], expected=2
    )
    assert first.pk == second.pk
    assert FederalStatisticsReport.objects.get().figure == 2


def test_confirm_page_curator_posts_head_refused(world, client):
    complete(world.school_a, 3)
    url = reverse("monitoring:federal_confirm", args=[world.school_a.pk]) + f"?year={this_year()}"
    head = client_for(client, world.users["head_a"])
    assert head.get(url).status_code == 403
    assert head.post(url, {"year": this_year(), "expected": 3}).status_code == 403
    client.logout()
    curator = client_for(client, world.users["curator_a"])
    page = curator.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-confirm="Подтвердить для формы федерального статистического наблюдения за' in body
    assert 'name="expected" value="3"' in body
    response = curator.post(url, {"year": this_year(), "expected": 3}, follow=True)
    assert "Сведения за" in response.content.decode() and "подтверждены: 3" in response.content.decode()
    assert FederalStatisticsReport.objects.get(organization=world.school_a, year=this_year()).figure == 3
    # another school's organization: not in the curator's scope
    other = reverse("monitoring:federal_confirm", args=[world.school_b.pk])
    assert curator.get(other).status_code == 404
    assert curator.post(other, {"year": this_year()}).status_code == 404


def test_confirm_page_garbage(world, client):
    curator = client_for(client, world.users["curator_a"])
    url = reverse("monitoring:federal_confirm", args=[world.school_a.pk])
    for year in ("abc", "²⁰²⁶", "3000"):
        assert curator.get(f"{url}?year={year}").status_code == 200
        response = curator.post(url, {"year": year, "expected": "x"})
        assert response.status_code == 200
    assert not FederalStatisticsReport.objects.exists()
    response = curator.post(url, {"year": this_year(), "expected": "²"}, follow=True)
    assert response.status_code == 200
    assert FederalStatisticsReport.objects.count() == 1


def test_difference_shown_after_the_data_changed(world, client):
    complete(world.school_a, 12)
    federal_figure_confirm(organization=world.school_a, year=this_year(), by=world.users["curator_a"])
    complete(world.school_a, 2)
    expected = "подтверждено 12, по данным сейчас 14: +2"
    row = federal.organization_figure(world.school_a, this_year())
    assert (row.status, row.difference, row.difference_text) == ("differs", 2, expected)
    coordinator = client_for(client, world.users["coordinator"])
    assert (
        expected in coordinator.get(reverse("monitoring:federal") + f"?year={this_year()}").content.decode()
    )
    client.logout()
    curator = client_for(client, world.users["curator_a"])
    page = curator.get(
        reverse("monitoring:federal_confirm", args=[world.school_a.pk]) + f"?year={this_year()}"
    )
    assert expected in page.content.decode()
    assert federal.difference_text(5, 3) == "подтверждено 5, по данным сейчас 3: −2"


# --- the roll-up page ---------------------------------------------------------------------------


def test_rollup_page_statuses_filters_and_scope(world, client, django_assert_max_num_queries):
    complete(world.school_a, 2)
    complete(world.school_b, 4)
    federal_figure_confirm(organization=world.school_a, year=this_year(), by=world.users["curator_a"])
    operator = client_for(client, world.users["operator"])
    url = reverse("monitoring:federal") + f"?year={this_year()}"
    with django_assert_max_num_queries(14):
        page = operator.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert world.school_a.full_name in body and world.school_b.full_name in body
    assert "Итоги по муниципальным образованиям" in body
    table = page.context["table"]
    assert (table.overall.live, table.overall.confirmed, table.overall.confirmed_count) == (6, 2, 1)
    assert {t.unit.pk: t.live for t in table.totals if t.unit} == {world.muni1.pk: 2, world.muni2.pk: 4}
    missing = operator.get(url + "&status=missing").context["table"].rows
    assert [r.organization for r in missing] == [world.school_b]
    only_1 = operator.get(url + f"&municipality={world.muni1.pk}").context["table"].rows
    assert [r.organization for r in only_1] == [world.school_a]
    client.logout()
    coordinator = client_for(client, world.users["coordinator"])
    body = coordinator.get(url).content.decode()
    assert world.school_a.full_name in body and world.school_b.full_name not in body
    assert coordinator.get(reverse("monitoring:federal") + f"?unit={world.muni2.pk}").status_code == 404
    client.logout()
    curator_b = client_for(client, world.users["curator_b"])
    body = curator_b.get(url).content.decode()
    assert world.school_b.full_name in body and world.school_a.full_name not in body
    client.logout()
    mentor = client_for(client, world.users["mentor_a"])
    assert mentor.get(url).status_code == 403


def test_rollup_page_query_count_does_not_grow(world, client, django_assert_max_num_queries):
    operator = client_for(client, world.users["operator"])
    url = reverse("monitoring:federal") + f"?year={this_year()}"
    with django_assert_max_num_queries(14):
        operator.get(url)
    for i in range(5):
        school = f.OrgUnitFactory(parent=world.muni1, full_name=f"Школа для подсчёта запросов {i}")
        complete(school, 1)
        f.RoleAssignmentFactory(user=f.UserFactory(), org_unit=school, role="curator")
        federal_figure_confirm(organization=school, year=this_year(), by=None)
    with django_assert_max_num_queries(14):
        assert operator.get(url).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "unit=abc",
        "unit=²",
        "unit=99999999999",
        "year=abc",
        "year=²⁰²⁶",
        "status=zzz",
        "municipality=-1",
        "municipality=²",
        "export=pdf",
    ],
)
def test_rollup_page_garbage(world, client, query):
    operator = client_for(client, world.users["operator"])
    response = operator.get(reverse("monitoring:federal") + "?" + query)
    assert response.status_code == 200
    if query.startswith("year"):
        assert "Отчётный год указан неверно" in response.content.decode()


def test_rollup_xlsx(world, client):
    world.school_a.inn = f.valid_inn(777)
    world.school_a.save()
    complete(world.school_a, 3)
    federal_figure_confirm(organization=world.school_a, year=this_year(), by=world.users["curator_a"])
    complete(world.school_a, 1)
    operator = client_for(client, world.users["operator"])
    response = operator.get(reverse("monitoring:federal") + f"?year={this_year()}&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "Организация",
        "Муниципальное образование",
        "ИНН",
        "Педагогические работники: прошли полный цикл по данным системы",
        "Педагогические работники: подтверждено куратором",
    )
    by_name = {row[0]: row for row in rows[1:]}
    a = by_name[world.school_a.full_name]
    assert a[1] == str(world.muni1) and a[2] == world.school_a.inn
    assert (a[3], a[4], a[5], a[9]) == (4, 3, 1, "расходится")
    assert (a[6], a[7], a[8]) == (0, 0, None)  # no learner completed a program
    assert a[10] and "curator" not in str(a[10])
    assert by_name[world.school_b.full_name][4] is None


# --- the curator's home page --------------------------------------------------------------------


def _home(user, today):
    request = HomeRequest(user=user, scope=get_scope(user))
    federal.home_federal(request, today=today)
    return request.work_lists


def test_home_counts_down_in_december(world):
    curator = world.users["curator_a"]
    lists = _home(curator, dt.date(2026, 12, 2))
    assert len(lists) == 1
    item = lists[0].items[0]
    assert item.text == "Сведения за 2026 год: подтвердите до 20 января 2027 г., осталось 49 дней"
    assert item.url == reverse("monitoring:federal_confirm", args=[world.school_a.pk]) + "?year=2026"
    assert _home(curator, dt.date(2026, 11, 30)) == []
    assert _home(world.users["head_a"], dt.date(2026, 12, 2)) == []
    late = _home(curator, dt.date(2027, 1, 25))[0].items[0].text
    assert late == "Сведения за 2026 год не подтверждены: срок истёк 20 января 2027 г."


def test_home_says_confirmed_and_unchanged_or_the_difference(world):
    curator = world.users["curator_a"]
    complete(world.school_a, 2, on=dt.date(2026, 6, 1))
    report = FederalStatisticsReport.objects.create(
        organization=world.school_a, year=2026, figure=2, confirmed_by=curator, confirmed_at=timezone.now()
    )
    item = _home(curator, dt.date(2026, 12, 2))[0].items[0]
    assert item.text == "Сведения за 2026 год подтверждены: 2 участника, прошедших полный цикл"
    report.figure = 1
    report.save()
    item = _home(curator, dt.date(2026, 12, 2))[0].items[0]
    assert "подтвердите заново" in item.text
    assert item.note == "подтверждено 1, по данным сейчас 2: +1"


def test_home_of_the_coordinator_and_operator_counts_confirmations(world):
    complete(world.school_a, 2, on=dt.date(2026, 6, 1))
    complete(world.school_b, 1, on=dt.date(2026, 6, 1))
    FederalStatisticsReport.objects.create(
        organization=world.school_a, year=2026, figure=1, confirmed_by=None, confirmed_at=timezone.now()
    )
    (item,) = _home(world.users["coordinator"], dt.date(2026, 12, 2))[0].items
    assert item.text == f"Сведения за 2026 год ({world.muni1}): подтвердили 1 из 1 организации"
    assert (
        item.note == "до срока представления осталось 49 дней; расходятся с данными после подтверждения — 1"
    )
    assert item.url == reverse("monitoring:federal") + f"?unit={world.muni1.pk}&year=2026"
    (item,) = _home(world.users["operator"], dt.date(2027, 1, 5))[0].items
    assert item.text == f"Сведения за 2026 год ({world.region}): подтвердили 1 из 2 организаций"
    assert _home(world.users["operator"], dt.date(2027, 2, 1)) == []
