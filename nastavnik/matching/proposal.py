"""The proposal of a whole-pool assignment job shown a page at a time (issue 16).

A region's whole pool proposes about 9,000 pairs, each with the explanation of its score: the
job keeps them all (``services.pool_assignment_compute``), the page shows
``NASTAVNIK_TABLE_PAGE_SIZE`` of them (``?page=``), and as many of the mentees left without a
mentor (``?upage=``) and of the mentors left out (``?epage=``). The pairs of the page already
formed since the proposal (confirmed from an earlier page) are marked, so that the curator can
confirm the proposal page by page, or all of it at once («Утвердить все»), without losing it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection

#: The query parameters of the three paged tables of a proposal.
PAGE_PARAMETERS = {"pairs": "page", "unassigned": "upage", "excluded": "epage"}


def _couple(key: str) -> tuple[int, int] | None:
    mentor, _, mentee = str(key).partition(":")
    try:
        return int(mentor), int(mentee)
    except ValueError:
        return None


def formed_couples(couples: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which of ``couples`` (``[(mentor person id, mentee person id)]``, a page of them: at most a
    few hundred) are active pairs today; one query whose parameters are bounded by the page."""
    from nastavnik.mentoring.models import Pair

    if not couples:
        return set()
    mentees = {mentee for _, mentee in couples}
    formed = set(Pair.objects.active().filter(mentee_id__in=mentees).values_list("mentor_id", "mentee_id"))
    return formed & set(couples)


def proposal_pages(result: Mapping, query: Mapping, *, per_page: int | None = None) -> dict:
    """The three tables of the proposal ``result`` (a pool job's JSON), each a
    :class:`~django.core.paginator.Page` of ``per_page`` rows (``NASTAVNIK_TABLE_PAGE_SIZE`` by
    default) chosen by ``query`` (``request.GET`` or ``request.POST``: ``page``, ``upage``,
    ``epage``; garbage gives the first page, a page past the end the last).

    Returns ``{"pair_page", "unassigned_page", "excluded_page": Page, "formed": {pair key},
    "page_query": {"page": "…&upage=2", …}}``: ``formed`` — the keys of the page's pairs already
    formed; ``page_query[name]`` — the query string of the other tables' pages, for the links of
    the table ``name``. One query (``formed``), whatever the size of the proposal.
    """
    size = per_page or settings.NASTAVNIK_TABLE_PAGE_SIZE
    pages: dict[str, Page] = {}
    numbers: dict[str, str] = {}
    for table, parameter in PAGE_PARAMETERS.items():
        page = Paginator(result.get(table) or [], size).get_page(query.get(parameter))
        pages[table] = page
        numbers[parameter] = str(page.number)
    couples = [c for c in (_couple(p.get("key", "")) for p in pages["pairs"].object_list) if c]
    formed = {f"{mentor}:{mentee}" for mentor, mentee in formed_couples(couples)}
    page_query = {
        parameter: "&".join(
            f"{other}={number}" for other, number in numbers.items() if other != parameter and number != "1"
        )
        for parameter in numbers
    }
    return {
        "pair_page": pages["pairs"],
        "unassigned_page": pages["unassigned"],
        "excluded_page": pages["excluded"],
        "formed": formed,
        "page_query": page_query,
    }


def confirmable_couples(result: Mapping) -> list[tuple[int, int]]:
    """Every couple of the proposal ``result`` that its author may confirm (``can_confirm``) and
    that is not an active pair yet, in the order proposed: what «Утвердить все» confirms."""
    couples = [
        c for c in (_couple(p.get("key", "")) for p in result.get("pairs") or [] if p.get("can_confirm")) if c
    ]
    if not couples:
        return []
    from nastavnik.mentoring.models import Pair

    unit = result.get("unit")
    active = Pair.objects.active()
    if unit is not None:
        from nastavnik.organizations.models import OrgUnit

        path = OrgUnit.objects.filter(pk=unit).values_list("path", flat=True).first()
        if path:
            active = active.filter(organization__path__startswith=path)
    formed = set(active.values_list("mentor_id", "mentee_id"))
    return [c for c in couples if c not in formed]


class _StoredTable(Sequence):
    """One array of a job's stored result (``pairs``, ``unassigned`` or ``excluded``) read from
    the database a slice at a time: its length and each slice are SQL over the JSON column, so
    that a page of a proposal of 9,000 pairs does not load and parse its 15 MB."""

    def __init__(self, job_id: int, name: str, length: int):
        self.job_id, self.name, self.length = job_id, name, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a stored table is read by slices")
        start, stop, _ = index.indices(self.length)
        if stop <= start:
            return []
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT COALESCE(jsonb_agg(e ORDER BY n), '[]'::jsonb)::text FROM jobs_job, "
                    "jsonb_array_elements(result->%s) WITH ORDINALITY AS t(e, n) "
                    "WHERE jobs_job.id = %s AND n > %s AND n <= %s",
                    [self.name, self.job_id, start, stop],
                )
            else:
                cursor.execute(
                    "SELECT json_group_array(json(t.value)) FROM (SELECT j.value FROM jobs_job, "
                    "json_each(jobs_job.result, %s) AS j WHERE jobs_job.id = %s "
                    "AND j.key >= %s AND j.key < %s ORDER BY j.key) AS t",
                    [f"$.{self.name}", self.job_id, start, stop],
                )
            row = cursor.fetchone()
        return json.loads(row[0]) if row and row[0] else []


def stored_proposal_pages(job, query: Mapping, *, per_page: int | None = None) -> dict:
    """:func:`proposal_pages` of the proposal kept on ``job`` (a finished pool job, its
    ``result`` deferred), read from the database: one query for the figures of the proposal and
    the lengths of its tables, one a table for the rows of its page, one for the formed pairs —
    five, whatever the size of the proposal. Sets ``job.result`` to the figures (the proposal
    without its tables), which the template reads.

    Returns what :func:`proposal_pages` returns.
    """
    tables = tuple(PAGE_PARAMETERS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            lengths = ", ".join(
                f"COALESCE(jsonb_array_length(CASE jsonb_typeof(result->'{t}') WHEN 'array' "
                f"THEN result->'{t}' END), 0)"
                for t in tables
            )
            head = "(result - 'pairs' - 'unassigned' - 'excluded')::text"
        else:
            lengths = ", ".join(f"COALESCE(json_array_length(result, '$.{t}'), 0)" for t in tables)
            head = "json_remove(result, '$.pairs', '$.unassigned', '$.excluded')"
        cursor.execute(f"SELECT {head}, {lengths} FROM jobs_job WHERE id = %s", [job.pk])
        row = cursor.fetchone()
    figures = json.loads(row[0]) if row and row[0] else {}
    if not isinstance(figures, dict):
        figures = {}
    job.result = figures
    counts = row[1:] if row else (0,) * len(tables)
    stored = {t: _StoredTable(job.pk, t, int(n or 0)) for t, n in zip(tables, counts, strict=True)}
    return proposal_pages({**figures, **stored}, query, per_page=per_page)
