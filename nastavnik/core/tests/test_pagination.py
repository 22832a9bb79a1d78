"""The capped paginator (issue 16): a list counts at most ``cap`` + 1 rows, says «более …» beyond,
and its pages past the counted rows still work by «Вперёд» and «Назад»."""

from __future__ import annotations

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from nastavnik.core.pagination import CappedPaginator, capped_count
from nastavnik.organizations.choices import Level
from nastavnik.organizations.models import OrgUnit
from nastavnik.testing import factories as f


class SmallCap(CappedPaginator):
    cap = 10


def test_a_short_list_is_counted_exactly_and_paged_as_usual():
    paginator = SmallCap(list(range(7)), 3)
    assert (paginator.count, paginator.capped, paginator.count_label, paginator.num_pages) == (
        7,
        False,
        "7",
        3,
    )
    page = paginator.page(3)
    assert list(page) == [6] and not page.has_next() and page.has_previous()


def test_a_long_list_says_more_than_the_cap_and_pages_on_past_it():
    paginator = SmallCap(list(range(25)), 3)
    assert paginator.capped and paginator.count == 11
    assert paginator.count_label == "более 10"
    assert paginator.num_pages == 4  # the pages the 11 counted rows fill
    assert list(paginator.page(4)) == [9, 10, 11] and paginator.page(4).has_next()
    page = paginator.page(8)  # past the counted rows
    assert list(page) == [21, 22, 23] and page.has_next() and page.previous_page_number() == 7
    assert page.start_index() == 22 and page.end_index() == 24
    last = paginator.page(9)
    assert list(last) == [24] and not last.has_next()
    with pytest.raises(EmptyPage):
        paginator.page(10)


@pytest.mark.parametrize("garbage", ["", "x", "1.5", "-1", "0", "²", 10**30])
def test_garbage_page_numbers_are_refused_as_the_paginator_refuses_them(garbage):
    paginator = SmallCap(list(range(25)), 3)
    with pytest.raises((EmptyPage, PageNotAnInteger)):
        paginator.page(garbage)


@pytest.mark.django_db
def test_a_cheaper_queryset_of_the_same_rows_is_counted_instead_of_the_list():
    region = f.region(f.federal())
    for _ in range(4):
        f.OrgUnitFactory(parent=region)
    units = OrgUnit.objects.filter(level=Level.ORGANIZATION)
    annotated = units.values("pk").annotate(children=Count("children")).order_by("pk")
    paginator = SmallCap(annotated, 3, counted=units)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count == 4
    assert "COUNT" in queries[0]["sql"].upper() and "GROUP BY" not in queries[0]["sql"].upper()
    assert len(list(paginator.page(2))) == 1


@pytest.mark.django_db
def test_a_queryset_is_counted_in_one_query_that_stops_after_the_cap():
    region = f.region(f.federal())
    for _ in range(13):
        f.OrgUnitFactory(parent=region)
    units = OrgUnit.objects.filter(level=Level.ORGANIZATION).order_by("full_name")
    with CaptureQueriesContext(connection) as queries:
        assert capped_count(units, 10) == 11
    assert len(queries) == 1 and "LIMIT 11" in queries[0]["sql"].upper()
    assert "ORDER BY" not in queries[0]["sql"].upper()
    assert capped_count(units, 20) == 13
    paginator = SmallCap(units, 5)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(3)
        assert len(list(page)) == 3 and not page.has_next()
    assert len(queries) == 2  # the capped count and the page


def test_a_home_tile_says_more_than_the_cap_beyond_it():
    from nastavnik.core.home import Tile

    assert Tile.counted("Педагогические работники", list(range(10_005))).display == "более 10\u00a0000"
    exact = Tile.counted("Педагогические работники", list(range(9_999)))
    assert (exact.value, exact.capped, exact.display) == (9_999, False, "9\u00a0999")
