"""The indicator pages as their users meet them: the list, one indicator with its numerator,
denominator, source and rule, the roll-up and the drill-down; the scope (a unit outside the
user's is a 404), the consent rule in the drill-down, garbage in the query string, and the
number of queries, the same for a small world and a bigger one."""

from __future__ import annotations

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.monitoring.indicators import all_indicators
from nastavnik.monitoring.indicators.common import SOURCE_FEDERAL, SOURCE_REGION
from nastavnik.monitoring.indicators.drilldown import HIDDEN_NAME
from nastavnik.monitoring.tests.test_indicators_recompute import build_indicator_world, grow
from nastavnik.organizations.models import OrgUnit
from nastavnik.testing.personas import NO_CONSENT_SURNAME, extend_world

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:indicators")


def page(code: str) -> str:
    return reverse("monitoring:indicator", args=[code])


def text_of(response) -> str:
    """The visible text of a page: tags dropped, entities resolved, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_list_shows_every_indicator_for_the_users_top_unit(client, world):
    # given the coordinator of municipality 1 and the rows of 2025
    build_indicator_world(world)
    client.force_login(world.users["coordinator"])

    # when they open the list for 2025
    response = client.get(LIST, {"period": "2025"})

    # then every indicator is listed with its value for the municipality, linking to its page
    assert response.status_code == 200
    text = text_of(response)
    assert world.muni1.full_name in text and "2025 год" in text
    for indicator in all_indicators():
        assert indicator.title in text
        assert f"{page(indicator.code)}?unit={world.muni1.pk}&amp;period=2025" in response.content.decode()
    assert "Доля образовательных организаций, реализующих целевую модель наставничества 50,0 %" in text


def test_indicator_page_states_numerator_denominator_source_and_rule(client, world):
    # given the operator and the rows of 2025
    build_indicator_world(world)
    client.force_login(world.users["operator"])

    # when they open the share of implementing organizations for the region
    response = client.get(page("implementing_organizations"), {"period": "2025"})

    # then the value, the numerator and the denominator in words and numbers, the source and
    # the rule are stated
    assert response.status_code == 200
    text = text_of(response)
    assert "33,3 %" in text
    assert "Числитель: организации, выполняющие все четыре условия реализации целевой модели 1" in text
    assert "Знаменатель: общеобразовательные, дошкольные" in text
    assert SOURCE_REGION in text
    assert "считается реализующей целевую модель, если выполнены все четыре условия" in text
    assert "seed" not in text and "§" not in text
    # the roll-up by municipality, each a link to the same page for it
    assert (
        f"{page('implementing_organizations')}?unit={world.muni1.pk}&amp;period=2025"
        in response.content.decode()
    )
    assert "город Сургут 1 2 50,0 %" in text and "город Нижневартовск 0 1 0,0 %" in text
    # the drill-down: each organization with its four conditions
    assert "МБОУ «Средняя общеобразовательная школа № 1» да да да да да" in text
    # school B: a curator and a program completed in 2025, no documents, no roadmap
    assert "МБОУ «Средняя общеобразовательная школа № 2» нет да нет да нет" in text


def test_full_cycle_page_has_the_breakdown_and_the_federal_source(client, world):
    # given the curator of school A
    build_indicator_world(world)
    client.force_login(world.users["curator_a"])

    # when they open the full cycle of 2025
    response = client.get(page("full_cycle"), {"period": "2025"})

    # then the count, its source and the breakdown; the drill-down names the mentee
    text = text_of(response)
    assert response.status_code == 200
    assert SOURCE_FEDERAL in text
    assert "По категориям наставляемых" in text and "По формам наставничества" in text
    assert "30.11.2025" in text


def test_a_unit_outside_the_scope_is_not_found(client, world):
    # given the rows of 2025
    build_indicator_world(world)
    client.force_login(world.users["coordinator"])

    # then the coordinator of municipality 1 cannot open municipality 2 or its school
    for unit in (world.muni2, world.school_b, world.region):
        assert client.get(page("teachers_as_mentors"), {"unit": unit.pk}).status_code == 404
        assert client.get(LIST, {"unit": unit.pk}).status_code == 404
    # nor the curator of school A school B
    client.force_login(world.users["curator_a"])
    assert client.get(page("retention"), {"unit": world.school_b.pk}).status_code == 404
    # a mentor has no right to the indicators at all; the anonymous visitor signs in first
    client.force_login(world.users["mentor_a"])
    assert client.get(LIST).status_code == 403
    assert client.get(page("retention")).status_code == 403
    client.logout()
    assert client.get(LIST).status_code == 302


def test_drilldown_names_only_people_the_user_may_see(client, world):
    # given a mentee of school A who withdrew the consent to personal-data processing
    extend_world(world)

    # when the operator opens the mentees of school A
    client.force_login(world.users["operator"])
    text = text_of(client.get(page("teachers_as_mentees"), {"unit": world.school_a.pk}))

    # then that mentee is counted but not named
    assert NO_CONSENT_SURNAME not in text and HIDDEN_NAME in text
    assert "Молодцова" in text  # who consented is named

    # and the curator of school A sees everyone
    client.force_login(world.users["curator_a"])
    text = text_of(client.get(page("teachers_as_mentees"), {"unit": world.school_a.pk}))
    assert NO_CONSENT_SURNAME in text and HIDDEN_NAME not in text


def test_answers_are_given_as_counts_only(client, world):
    # given the answers of 2025 (anonymous ones among them)
    build_indicator_world(world)
    client.force_login(world.users["operator"])

    # when the operator opens the satisfaction of mentees by school
    response = client.get(page("satisfaction_mentees"), {"unit": world.muni1.pk, "period": "2025"})

    # then the school's row gives the number of answers and scores, no single answer
    text = text_of(response)
    assert response.status_code == 200
    assert "МБОУ «Средняя общеобразовательная школа № 1» 6 6" in text
    assert "отдельные ответы, в том числе анонимные, не раскрываются" in text


@pytest.mark.parametrize(
    "query",
    [
        {"unit": "²"},
        {"unit": "abc"},
        {"unit": "-1"},
        {"unit": "99999999999999"},
        {"period": "2026-q9"},
        {"period": "<script>"},
        {"from": "31.02.2025", "to": "x"},
        {"page": "x"},
        {"page": "99999"},
        {"period": "2025", "page": "-3"},
    ],
)
def test_garbage_in_the_query_string_is_ignored_or_explained(client, world, query):
    # given the operator
    build_indicator_world(world)
    client.force_login(world.users["operator"])

    # then the pages answer, in Russian, never a 500
    for url in (LIST, page("teachers_as_mentees"), page("roadmap_execution")):
        response = client.get(url, query)
        assert response.status_code == 200, (url, query)
        if ("period" in query and query["period"] != "2025") or "from" in query:
            assert "Период указан неверно" in text_of(response)


def test_an_unknown_indicator_is_not_found(client, world):
    client.force_login(world.users["operator"])
    assert client.get(page("no_such_indicator")).status_code == 404


def _queries(client, url: str, query: dict) -> int:
    """The queries of the page computed anew (the minute cache of the figures emptied)."""
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured.captured_queries)


#: The most queries an indicator page may make (the session, the user and their scope, the
#: unit, the look-up of a stored roll-up, one grouped query of the figure, the children, the
#: parent, the drill-down's count, page and names, the look-up of a stored breakdown); the list
#: page makes one per indicator.
MAX_PAGE_QUERIES = 18
MAX_LIST_QUERIES = 8 + 1 + len(all_indicators())


def test_query_counts_do_not_grow_with_the_region(client, world):
    # given the world of 2025 and the operator
    build_indicator_world(world)
    client.force_login(world.users["operator"])
    pages = [(LIST, {"period": "2025"})] + [
        (page(i.code), {"period": "2025", "unit": unit.pk})
        for i in all_indicators()
        for unit in (world.region, world.muni1)
    ]
    client.get(LIST)  # warm the session
    small = [_queries(client, url, query) for url, query in pages]

    # when the region grows threefold and more
    grow(world, 6)
    big = [_queries(client, url, query) for url, query in pages]

    # then every page makes the same number of queries, within the pinned bound
    assert big == small
    assert small[0] <= MAX_LIST_QUERIES
    assert max(small[1:]) <= MAX_PAGE_QUERIES


def test_list_reads_the_figures_of_the_last_minute(client, world):
    # given the list computed once for the operator
    build_indicator_world(world)
    client.force_login(world.users["operator"])
    cold = _queries(client, LIST, {"period": "2025"})

    # when it is opened again within the minute
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"period": "2025"})

    # then no figure is computed again (issue 16: the region's list took 0.4 s at every
    # opening), and the page says as of when
    assert len(captured.captured_queries) <= cold - len(all_indicators()) + 1
    assert 'data-testid="as-of"' in response.content.decode() and "обновляются раз в минуту" in text_of(
        response
    )


def test_cached_rollup_says_as_of_when_and_expires(world, settings):
    # given a cache of its own and the figure of mentees of school A
    from django.core.cache import cache

    from nastavnik.monitoring.indicators import get_indicator, rollup
    from nastavnik.monitoring.indicators.base import CACHE_SECONDS
    from nastavnik.monitoring.periods import parse_period
    from nastavnik.testing import factories as f

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"}
    }
    cache.clear()
    indicator, (period, _) = get_indicator("teachers_as_mentees"), parse_period({})
    first = rollup(indicator, world.school_a, period, cache=True)

    # when a new mentee appears
    f.PairFactory(mentor=world.mentor_a, mentee=world.teacher_a, organization=world.school_a)

    # then the cached figure stays as of its time, the live one changes at once
    again = rollup(indicator, world.school_a, period, cache=True)
    assert again.total.parts == first.total.parts and again.as_of == first.as_of
    assert rollup(indicator, world.school_a, period).total.parts[0] == first.total.parts[0] + 1
    assert CACHE_SECONDS == 60
    cache.clear()
    assert rollup(indicator, world.school_a, period, cache=True).total.parts[0] == first.total.parts[0] + 1


def test_difficulty_page_gives_both_means_and_the_areas(client, world):
    # given the difficulties of school A before (8) and after (4) its programs
    build_indicator_world(world)
    client.force_login(world.users["curator_a"])

    # when the curator opens the change of difficulties of 2025
    text = text_of(client.get(page("difficulty_change"), {"period": "2025"}))

    # then the change, both means and the numbers of answers are stated, and each area
    assert "\u22124,0" in text
    assert "средняя оценка затруднений по итогам программы 4 средняя оценка затруднений до входа" in text
    assert "Числитель" not in text
    assert "По областям затруднений" in text and "8,0 4,0 \u22124,0" in text


def test_people_drilldowns_list_a_person_once_per_organization_by_organization(world):
    """Issue 16: the drill-downs of people give one row per person and organization without a
    ``DISTINCT`` over the subtree and in the order of the organizations first (a page is then read
    organization by organization); a worker employed twice in a school in the period, or a mentee
    of two pairs there, is still listed once."""
    import datetime as dt

    from nastavnik.monitoring.indicators import get_indicator
    from nastavnik.monitoring.indicators.drilldown import drilldown_for
    from nastavnik.monitoring.periods import year_period
    from nastavnik.testing import factories as f

    # given the rows of 2025, a mentor of school A employed there twice in 2025 and a mentee of
    # school A in a second pair of 2025
    made = build_indicator_world(world)
    mentor, young = made["a"]["mentor"], made["a"]["young"]
    mentor.employments.update(ended_on=dt.date(2025, 3, 31))
    f.EmploymentFactory(person=mentor, organization=world.school_a, started_on=dt.date(2025, 4, 1))
    f.PairFactory(
        mentor=made["b"]["mentor"],
        mentee=young,
        organization=world.school_a,
        started_on=dt.date(2025, 1, 10),
        ended_on=dt.date(2025, 2, 20),
    )
    period, user = year_period(2025), world.users["operator"]

    for code, person_key in (("teachers_as_mentors", "person_id"), ("retention", "mentee_id")):
        # when the operator drills down the municipality
        drill = drilldown_for(get_indicator(code), user, world.muni1, period)
        rows = list(drill.rows)

        # then each person appears once in each organization, as counted
        keys = [(r[person_key], r["organization_id"]) for r in rows]
        assert len(keys) == len(set(keys)) == drill.counted.count(), code
        assert (mentor.pk if code == "teachers_as_mentors" else young.pk, world.school_a.pk) in keys
        # and the organizations come in the order of their paths, not mixed by the flag
        paths = dict(OrgUnit.objects.filter(pk__in={k[1] for k in keys}).values_list("pk", "path"))
        order = [paths[k[1]] for k in keys]
        assert order == sorted(order), code
        assert not drill.rows.query.distinct, code
