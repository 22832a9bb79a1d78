"""The number of SQL queries of every dashboard and indicator page of monitoring is the same for
the persona world and for a world several times bigger (issue 14, «Speed»: «the number of queries
of each dashboard and indicator page is the same at demo size and at benchmark size»).

The world: the persona world with the indicators' year of rows (``build_indicator_world``: 2025,
schools A and B), a monitoring campaign of the region covering its organizations, the federal
figures confirmed for 2025 and a risk. It then grows: six more schools in municipality 1, four
in municipality 2 and a third municipality of four schools, each with its year of rows (so 2
organizations become 16 and 2 municipalities 3), all covered by the campaign, half of them with
a confirmed federal figure. Every page is requested before and after as the persona who works on
it, with the cache of the figures empty and then full; each must make exactly the same number
of queries (a query per organization or per row would show here), and the dashboards stay
within a pinned bound.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.access.choices import Role
from nastavnik.monitoring.choices import RiskKind
from nastavnik.monitoring.indicators import all_indicators
from nastavnik.monitoring.models import FederalStatisticsReport, LearnerContingent, Risk
from nastavnik.monitoring.tests.test_indicators_recompute import build_indicator_world, grow
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

YEAR = 2025
PERIOD = {"period": str(YEAR)}

#: The most queries a dashboard may make: the session, the user and the scope, the unit, its
#: crumbs and children, then per indicator its roll-ups (this period and the previous one).
DASHBOARD_BOUND_FIXED = 14
DASHBOARD_BOUND_PER_INDICATOR = 5


def _campaign(world):
    from nastavnik.monitoring.builtin import builtin_questionnaire
    from nastavnik.monitoring.services.campaigns import campaign_create, campaign_launch

    today = timezone.localdate()
    campaign = campaign_create(
        by=None,
        owner=world.region,
        title="Мониторинг для подсчёта запросов",
        starts_on=today,
        ends_on=today + dt.timedelta(days=20),
        questionnaires=[
            builtin_questionnaire("mentor_feedback_after"),
            builtin_questionnaire("curator_periodic"),
        ],
    )
    campaign_launch(campaign=campaign, by=None)
    return campaign


def _confirm(organizations) -> None:
    FederalStatisticsReport.objects.bulk_create(
        FederalStatisticsReport(organization=o, year=YEAR, figure=1, confirmed_at=timezone.now())
        for o in organizations
    )


def _grow(world, campaign) -> None:
    """2 organizations → 16, 2 municipalities → 3 (see the module)."""
    from nastavnik.monitoring.services.campaigns import campaign_add_organizations

    new = grow(world, 6)
    for municipality, count in ((world.muni2, 4), (f.municipality(world.region, "город Когалым"), 4)):
        for _ in range(count):
            school = f.OrgUnitFactory(parent=municipality)
            f.RoleAssignmentFactory(org_unit=school, role=Role.CURATOR)
            new.append(school)
    # the schools outside municipality 1 get their year of rows too (``grow`` adds to municipality 1)
    from nastavnik.monitoring.tests import test_indicators_recompute as recompute

    questions = recompute._questionnaires()
    for school in new[6:]:
        recompute._school_year(school, questions, full=True)
    campaign_add_organizations(campaign=campaign, by=None, organizations=new)
    _confirm(new[::2])
    # half of them entered the contingent of learners (issue 20)
    LearnerContingent.objects.bulk_create(
        LearnerContingent(organization=o, year=YEAR, learners=300) for o in new[1::2]
    )
    Risk.objects.create(unit=new[0], kind=RiskKind.QUALITY, description="Формальное проведение встреч.")


def _pages(world, campaign) -> list[tuple[str, str, dict]]:
    """(persona, URL, query) of every page to count: the dashboards of each level with their
    XLSX and charts, the home pages, the indicator list and pages, the federal figure, the
    campaign pages and the risk register."""
    unit = lambda u: reverse("monitoring:unit", args=[u.pk])  # noqa: E731
    pages = [
        ("operator", reverse("monitoring:dashboard"), {}),
        ("coordinator", reverse("monitoring:dashboard"), {}),
        ("curator_a", reverse("monitoring:dashboard"), {}),
        ("head_a", reverse("monitoring:dashboard"), {}),
        ("operator", unit(world.region), PERIOD),
        ("operator", unit(world.muni1), PERIOD),
        ("coordinator", unit(world.muni1), PERIOD),
        ("curator_a", unit(world.school_a), PERIOD),
        ("head_a", unit(world.school_a), PERIOD),
        ("operator", reverse("monitoring:unit_export", args=[world.region.pk]), PERIOD),
        ("coordinator", reverse("monitoring:unit_export", args=[world.muni1.pk]), PERIOD),
        ("operator", "/", {}),
        ("coordinator", "/", {}),
        ("curator_a", "/", {}),
        ("operator", reverse("monitoring:indicators"), PERIOD),
        ("coordinator", reverse("monitoring:indicators"), PERIOD),
        ("operator", reverse("monitoring:federal"), {"year": str(YEAR)}),
        ("coordinator", reverse("monitoring:federal"), {"year": str(YEAR)}),
        ("operator", reverse("monitoring:campaign_list"), {}),
        ("operator", reverse("monitoring:campaign_detail", args=[campaign.pk]), {}),
        ("operator", reverse("monitoring:risks"), {}),
        ("coordinator", reverse("monitoring:risks"), {}),
        ("operator", reverse("monitoring:contingent"), {"year": str(YEAR)}),
        ("coordinator", reverse("monitoring:contingent"), {"year": str(YEAR)}),
        ("curator_a", reverse("monitoring:contingent"), {"year": str(YEAR)}),
    ]
    for indicator in all_indicators():
        for persona, where in (("operator", world.region), ("curator_a", world.school_a)):
            pages.append(
                (
                    persona,
                    reverse("monitoring:indicator", args=[indicator.code]),
                    {**PERIOD, "unit": where.pk},
                )
            )
    return pages


def _charts(client: Client, url: str) -> list[str]:
    """The chart addresses a dashboard page links to."""
    html = client.get(url, PERIOD).content.decode()
    return sorted(set(re.findall(r"/monitoring/units/\d+/charts/[\w-]+\.svg", html)))


def _get(client: Client, url: str, query: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, (url, query, response.status_code)
    return len(captured.captured_queries)


def _count(client: Client, url: str, query: dict) -> tuple[int, int]:
    """The queries of the page with the cache of the figures empty, then at once again (read
    from the cache, ``indicators.base.cached_compute``: kept a minute, so a count taken later
    would depend on the clock)."""
    cache.clear()
    return _get(client, url, query), _get(client, url, query)


def test_every_dashboard_and_indicator_page_makes_as_many_queries_at_any_size(world, monkeypatch):
    # (the session's idle timeout is moved at most once a minute, by 4 queries at whatever
    # request falls on the minute: not the pages' own, so not counted here)
    monkeypatch.setattr("nastavnik.accounts.services.session_touch", lambda **kwargs: None)
    # given the persona world with a year of monitoring, a campaign, federal figures and a risk
    build_indicator_world(world)
    campaign = _campaign(world)
    _confirm([world.school_a])
    Risk.objects.create(unit=world.school_a, kind=RiskKind.LOAD, description="Высокая нагрузка наставников.")
    clients = {}
    for persona in ("operator", "coordinator", "curator_a", "head_a"):
        clients[persona] = Client()
        clients[persona].force_login(world.users[persona])
    pages = _pages(world, campaign)
    charts = _charts(clients["operator"], reverse("monitoring:unit", args=[world.region.pk]))
    assert len(charts) >= 3
    pages += [("operator", url, PERIOD) for url in charts]
    for client in clients.values():  # warm the sessions and the scopes
        client.get(reverse("monitoring:dashboard"))
    for persona, url, query in pages:  # and what a process looks up once (the content types of a download)
        if url.endswith(".xlsx"):
            clients[persona].get(url, query)
    small = {
        (persona, url, str(query)): _count(clients[persona], url, query) for persona, url, query in pages
    }

    # when the region grows eightfold in organizations and by a municipality
    _grow(world, campaign)
    big = {(persona, url, str(query)): _count(clients[persona], url, query) for persona, url, query in pages}

    # then every page makes exactly as many queries as before
    grown = {key: (small[key], big[key]) for key in small if small[key] != big[key]}
    assert not grown, "\n".join(f"{p} {u} {q}: {s} → {b}" for (p, u, q), (s, b) in grown.items())
    # and the dashboards stay within the pinned bound
    bound = DASHBOARD_BOUND_FIXED + DASHBOARD_BOUND_PER_INDICATOR * len(all_indicators())
    for persona, url, query in pages:
        if re.fullmatch(r"/monitoring/units/\d+/", url):
            assert max(small[(persona, url, str(query))]) <= bound, (persona, url)
