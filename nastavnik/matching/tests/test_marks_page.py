"""The compatibility marks page stays fast for the roles bound by the consent rule (issue 13:
up to 6 s for the coordinator, the council, the psychologist and the operator, 0.07 s for the
curator, with four marks in the database)."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.access.querysets import ScopedQuerySet
from nastavnik.matching.services import compatibility_mark_set
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

#: Queries of ``/matching/marks/`` per persona, whatever the number of marks: session, user,
#: roles, the form's right, the filter's organizations, the count and the page of marks; the
#: curator also gets the form with its lists of mentors and mentees.
MARKS_PAGE_QUERIES = {"operator": 8, "coordinator": 8, "curator_a": 11}


def _marks(world, number: int) -> None:
    """``number`` marks in school A: each a new mentor and a new mentee with consents."""
    for i in range(number):
        mentor = active_mentor(f.staff_member(world.school_a, last_name=f"Наставник{i}"), world.school_a)
        young = mentee(f.staff_member(world.school_a, last_name=f"Молодой{i}"), world.school_a)
        compatibility_mark_set(
            mentor=mentor.person,
            mentee=young.person,
            mark=1,
            marked_on=timezone.localdate(),
            by=world.users["curator_a"],
        )


def _queries(world, persona: str) -> int:
    client = Client()
    client.force_login(world.users[persona])
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/matching/marks/")
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", list(MARKS_PAGE_QUERIES))
def test_the_marks_page_query_count_is_pinned(world, persona):
    # given four marks, then eight
    _marks(world, 4)
    four = _queries(world, persona)
    _marks(world, 4)

    # then the page makes as many queries for eight as for four, and no more than pinned
    assert _queries(world, persona) == four <= MARKS_PAGE_QUERIES[persona]


def _scoped_models():
    return [m for m in apps.get_models() if isinstance(m._default_manager.all(), ScopedQuerySet)]


#: SQLite walks an index of two columns (``a=? AND b=?``) over the cross product of two
#: ``IN (subquery)`` lists: the marks' ``mentor_id IN consented AND mentee_id IN consented``
#: probed 7 810² keys of the demo region — seconds per page.
_CROSS_PRODUCT = re.compile(r"USING (?:COVERING )?INDEX \S+ \(\w+=\? AND \w+=\?\)")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan is SQLite's")
@pytest.mark.parametrize("persona", ["operator", "coordinator", "head_a", "curator_a", "mentor_a"])
def test_no_scope_probes_an_index_over_a_cross_product_of_subqueries(world, persona):
    # given every scoped model and a persona, when the scope's query is planned
    user = world.users[persona]
    for model in _scoped_models():
        plan = model._default_manager.for_user(user).explain()

        # then no two-column index is searched by two lists of subqueries at once
        assert not (_CROSS_PRODUCT.search(plan) and plan.count("LIST SUBQUERY") >= 2), (model, plan)
