"""The timeline (a Gantt-like chart by month) of a roadmap: the pure layout of each kind of period
and state without the database, then the page for a roadmap made from each template of the
regulations (seed 000 App. 2, 003, 002 §10) and its scope."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, Recurrence
from nastavnik.roadmaps.control import (
    SHAPE_DEADLINE,
    SHAPE_OUTSIDE,
    SHAPE_RANGE,
    SHAPE_RECURRING,
    timeline_months,
    timeline_rows,
    timeline_years,
)
from nastavnik.roadmaps.models import Roadmap, RoadmapItem, RoadmapSection

D = dt.date
TODAY = D(2026, 11, 20)  # the third column of a September 2026 – August 2027 roadmap
PASSWORD = "pass12345"


START, END = D(2026, 9, 1), D(2027, 8, 31)


def roadmap(starts_on: dt.date = START, ends_on: dt.date = END) -> Roadmap:
    return Roadmap(pk=1, title="План", starts_on=starts_on, ends_on=ends_on)


def section(pk: int, number: str = "1.", title: str = "Организационные мероприятия") -> RoadmapSection:
    return RoadmapSection(pk=pk, roadmap_id=1, number=number, title=title, sort_order=pk)


def item(
    kind: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    *,
    recurrence: str = "",
    status: str = ItemStatus.PLANNED,
    section_id: int = 1,
    number: str = "1.1.",
) -> RoadmapItem:
    return RoadmapItem(
        roadmap_id=1,
        section_id=section_id,
        number=number,
        activity="Мероприятие",
        period_kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        recurrence=recurrence,
        status=status,
        responsible="Куратор",
    )


def one_row(it: RoadmapItem, today: dt.date = TODAY, **kwargs):
    months, rows = timeline_rows(roadmap(**kwargs), today, sections=[section(1)], items=[it])
    assert rows[0].is_section
    return months, rows[1]


# Columns -----------------------------------------------------------------------------------------


def test_the_columns_are_the_months_of_the_period_with_the_year_boundary_and_today():
    months = timeline_months(D(2026, 9, 1), D(2027, 8, 31), TODAY)

    assert [m.label for m in months][:5] == ["сен 2026", "окт 2026", "ноя 2026", "дек 2026", "янв 2027"]
    assert months[-1].label == "авг 2027" and len(months) == 12
    assert [m.short for m in months[:2]] == ["сен", "окт"]
    assert [i for i, m in enumerate(months) if m.year_start] == [4]  # January 2027, not the first column
    assert [i for i, m in enumerate(months) if m.current] == [2]
    assert timeline_years(months) == [(2026, 4), (2027, 8)]


def test_a_three_year_roadmap_has_36_columns_and_no_current_month_outside_it():
    months = timeline_months(D(2025, 1, 1), D(2027, 12, 31), D(2030, 1, 1))

    assert len(months) == 36
    assert not any(m.current for m in months)
    assert not months[0].year_start and [i for i, m in enumerate(months) if m.year_start] == [12, 24]
    assert timeline_years(months) == [(2025, 12), (2026, 12), (2027, 12)]


# Each kind of period -------------------------------------------------------------------------------


def test_a_range_of_months_covers_exactly_its_months():
    _, row = one_row(item(PeriodKind.MONTHS, D(2026, 11, 1), D(2026, 12, 31)))

    assert (row.first, row.last, row.shape) == (2, 3, SHAPE_RANGE)
    assert [c.on for c in row.cells] == [False, False, True, True] + [False] * 8
    assert row.cells[2].start and not row.cells[2].end and row.cells[3].end
    assert not row.clipped_before and not row.clipped_after
    assert row.cells[2].current and not row.cells[3].current


def test_dates_across_the_new_year_cover_every_month_they_touch():
    _, row = one_row(item(PeriodKind.DATES, D(2026, 10, 15), D(2027, 1, 20)))

    assert (row.first, row.last, row.shape) == (1, 4, SHAPE_RANGE)
    assert row.cells[4].year_start and row.cells[4].on


def test_a_deadline_covers_its_month_only_and_is_marked_as_a_deadline():
    _, row = one_row(item(PeriodKind.DATES, None, D(2027, 4, 1)))

    assert (row.first, row.last, row.shape) == (7, 7, SHAPE_DEADLINE)
    assert sum(c.on for c in row.cells) == 1
    assert row.state == "planned"


def test_a_recurring_activity_spans_the_whole_period_and_is_never_overdue():
    late = D(2027, 12, 1)  # after the roadmap's end: a dated activity would be overdue by now
    _, row = one_row(item(PeriodKind.RECURRING, recurrence=Recurrence.PERMANENT), today=late)

    assert (row.first, row.last, row.shape) == (0, 11, SHAPE_RECURRING)
    assert all(c.on for c in row.cells)
    assert row.state == "planned"
    assert row.item.period_text == "Постоянно"


def test_a_period_partly_outside_the_roadmap_is_clipped_and_shows_no_false_ends():
    _, before = one_row(item(PeriodKind.MONTHS, D(2026, 6, 1), D(2026, 10, 31)))
    _, after = one_row(item(PeriodKind.DATES, D(2027, 7, 1), D(2027, 10, 15)))

    assert (before.first, before.last, before.clipped_before, before.clipped_after) == (0, 1, True, False)
    assert not before.cells[0].start and before.cells[1].end
    assert (after.first, after.last, after.clipped_before, after.clipped_after) == (10, 11, False, True)
    assert after.cells[10].start and not after.cells[11].end


def test_a_period_wholly_outside_the_roadmap_has_no_bar():
    _, row = one_row(item(PeriodKind.MONTHS, D(2028, 1, 1), D(2028, 1, 31)))

    assert (row.first, row.last, row.shape) == (None, None, SHAPE_OUTSIDE)
    assert not any(c.on for c in row.cells)


# States -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "ends_on", "state"),
    [
        (ItemStatus.PLANNED, D(2026, 10, 31), "overdue"),  # past its deadline on TODAY
        (ItemStatus.IN_PROGRESS, D(2026, 10, 31), "overdue"),
        (ItemStatus.DONE, D(2026, 10, 31), "done"),
        (ItemStatus.CANCELLED, D(2026, 10, 31), "cancelled"),
        (ItemStatus.PLANNED, D(2026, 11, 30), "planned"),  # deadline still ahead
        (ItemStatus.IN_PROGRESS, D(2026, 11, 30), "in_progress"),
        (ItemStatus.DONE, D(2027, 3, 31), "done"),
    ],
)
def test_the_state_of_a_bar_follows_the_execution_and_the_deadline(status, ends_on, state):
    _, row = one_row(item(PeriodKind.MONTHS, D(2026, 10, 1), ends_on, status=status))

    assert row.state == state
    assert row.state == ("overdue" if row.item.is_overdue(TODAY) else row.state)


def test_a_deadline_passed_yesterday_is_overdue_and_one_due_today_is_not():
    _, yesterday = one_row(item(PeriodKind.DATES, None, TODAY - dt.timedelta(days=1)))
    _, today = one_row(item(PeriodKind.DATES, None, TODAY))

    assert yesterday.state == "overdue"
    assert today.state == "planned"


def test_rows_are_grouped_by_section_in_order_and_an_empty_section_keeps_its_title():
    sections = [section(1, "1.", "Первый"), section(2, "2.", "Пустой"), section(3, "3.", "Третий")]
    items = [
        item(PeriodKind.MONTHS, D(2026, 9, 1), D(2026, 9, 30), section_id=3, number="3.1."),
        item(PeriodKind.MONTHS, D(2026, 9, 1), D(2026, 9, 30), section_id=1, number="1.1."),
        item(PeriodKind.RECURRING, recurrence=Recurrence.MONTHLY, section_id=1, number="1.2."),
    ]

    _, rows = timeline_rows(roadmap(), TODAY, sections=sections, items=items)

    shape = [(r.section.number, r.item.number if r.item else None) for r in rows]
    assert shape == [("1.", None), ("1.", "1.1."), ("1.", "1.2."), ("2.", None), ("3.", None), ("3.", "3.1.")]


# The page ----------------------------------------------------------------------------------------------


def client_of(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "owner", "author"),
    [
        ("regional_000", "region", "operator"),
        ("municipal_003", "muni1", "coordinator"),
        ("organization_002", "school_a", "curator_a"),
    ],
)
def test_the_timeline_page_draws_every_activity_of_a_roadmap_made_from_each_template(
    world, code, owner, author
):
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    year = timezone.localdate().year
    made = roadmap_create_from_blueprint(
        owner=getattr(world, owner), code=code, year=year, by=world.users[author]
    )
    item_count = made.items.count()
    months, _ = timeline_rows(made, timezone.localdate())

    response = client_of(world.users["operator"]).get(f"/roadmaps/{made.pk}/timeline/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="timeline-row"') == item_count > 0
    assert html.count('data-testid="timeline-month"') == len(months)
    assert html.count('class="tl-section"') == made.sections.count()
    assert f'title="{months[0].label}"' in html and str(year) in html
    assert f'href="/roadmaps/{made.pk}/"' in html  # back to the roadmap
    # its styles, print layout included, come from a static file (no inline style under the CSP)
    assert 'href="/static/roadmaps/timeline.css"' in html
    assert "@media print" in Path(finders.find("roadmaps/timeline.css")).read_text(encoding="utf-8")
    assert "<style" not in html
    # every activity in full in a tooltip, wordings of recurring periods on their bars
    first = made.items.order_by("section__sort_order", "sort_order").first()
    assert f"{first.number} {escape(first.activity)} — срок: {escape(first.period_text)}" in html
    recurring = made.items.filter(period_kind=PeriodKind.RECURRING).first()
    if recurring is not None:
        assert f'<span class="tl-text">{recurring.period_text}</span>' in html
    states = set(re.findall(r'data-testid="timeline-row" data-state="(\w+)"', html))
    assert states <= {"planned", "overdue"}


@pytest.mark.django_db
def test_the_page_shows_done_overdue_and_cancelled_activities_in_their_colours(world):
    from nastavnik.roadmaps.periods import Period
    from nastavnik.roadmaps.services import ItemData, SectionData, roadmap_create

    today = timezone.localdate()
    period = Period(kind=PeriodKind.DATES, starts_on=today - dt.timedelta(days=90), ends_on=today)

    def data(number, status=ItemStatus.PLANNED, ends_on=None, **extra):
        return ItemData(
            number=number,
            activity=f"Мероприятие {number}",
            period=Period(kind=PeriodKind.DATES, starts_on=None, ends_on=ends_on or period.ends_on),
            responsible="Куратор",
            status=status,
            **extra,
        )

    made = roadmap_create(
        owner=world.school_a,
        title="План",
        starts_on=period.starts_on,
        ends_on=today + dt.timedelta(days=90),
        by=world.users["curator_a"],
        sections=[
            SectionData(
                number="1.",
                title="Раздел",
                items=[
                    data("1.1.", ItemStatus.DONE, completed_on=today),
                    data("1.2.", ends_on=today - dt.timedelta(days=3)),
                    data("1.3.", ItemStatus.CANCELLED),
                ],
            )
        ],
    )

    html = client_of(world.users["curator_a"]).get(f"/roadmaps/{made.pk}/timeline/").content.decode()

    states = re.findall(r'data-testid="timeline-row" data-state="(\w+)"', html)
    assert states == ["done", "overdue", "cancelled"]
    assert 'class="tl-bar tl-overdue tl-deadline tl-start tl-end"' in html
    assert "просрочено: 1" in html
    assert 'aria-current="date"' in html  # the current month is marked


@pytest.mark.django_db
def test_the_timeline_is_404_outside_the_scope_and_asks_anonymous_to_sign_in(world):
    from nastavnik.roadmaps.services import roadmap_create_from_blueprint

    made = roadmap_create_from_blueprint(
        owner=world.school_a, code="organization_002", year=2026, by=world.users["curator_a"]
    )
    regional = roadmap_create_from_blueprint(
        owner=world.region, code="regional_000", year=2026, by=world.users["operator"]
    )
    url = f"/roadmaps/{made.pk}/timeline/"

    assert client_of(world.users["curator_b"]).get(url).status_code == 404
    assert client_of(world.users["mentor_a"]).get(url).status_code == 404
    assert client_of(world.users["coordinator"]).get(url).status_code == 200
    # the roadmap above an organization's is in its view
    assert client_of(world.users["curator_a"]).get(f"/roadmaps/{regional.pk}/timeline/").status_code == 200
    assert client_of(world.users["curator_a"]).get("/roadmaps/999999/timeline/").status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
