"""Reminders before the deadlines of roadmap activities (issue 6, control): one letter per
recipient, never twice, only for the plan in force; the management command; the home page's
roadmap block (overdue and near deadlines, roadmaps waiting for approval)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.organizations.choices import Level
from nastavnik.roadmaps.choices import ItemStatus, PeriodKind, Recurrence, RoadmapStatus
from nastavnik.roadmaps.models import RoadmapItem
from nastavnik.roadmaps.periods import Period
from nastavnik.roadmaps.reminders import roadmap_reminders_send
from nastavnik.roadmaps.services import (
    ItemData,
    SectionData,
    roadmap_approve,
    roadmap_create,
    roadmap_submit,
)

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    """Today in the region (``timezone.localdate()``), read when a test runs, never at import: a
    suite started before local midnight must see the same day as the code under test."""
    return timezone.localdate()


BASE = "https://nastavnik.example.ru"


def day(offset: int) -> dt.date:
    return today() + dt.timedelta(days=offset)


def due(number: str, offset: int, responsible: str = "Куратор", **fields) -> ItemData:
    """An activity due ``offset`` days from today (a deadline «До …»)."""
    return ItemData(
        number=number,
        activity=f"Мероприятие {number}",
        period=Period(kind=PeriodKind.DATES, ends_on=day(offset)),
        responsible=responsible,
        result="Документ",
        **fields,
    )


def roadmap_of(world, unit, items: list[ItemData], *, status: str = RoadmapStatus.APPROVED, by=None):
    """A roadmap of ``unit`` over the two months around today with ``items``, brought to
    ``status`` (an organization's is submitted by its curator and approved by the coordinator)."""
    by = by or world.users["curator_a"]
    roadmap = roadmap_create(
        owner=unit,
        title="План мероприятий",
        starts_on=day(-40),
        ends_on=day(60),
        by=by,
        sections=[SectionData(number="1.", title="Мероприятия", items=items)],
    )
    if status in (RoadmapStatus.SUBMITTED, RoadmapStatus.APPROVED) and unit.level == Level.ORGANIZATION:
        roadmap = roadmap_submit(roadmap=roadmap, by=by)
    if status == RoadmapStatus.APPROVED:
        roadmap = roadmap_approve(roadmap=roadmap, by=world.users["coordinator"])
    return roadmap


def with_emails(world) -> None:
    for name in ("curator_a", "head_a", "coordinator", "operator"):
        user = world.users[name]
        user.email = f"{name}@school.example"
        user.first_name, user.last_name = "Анна", name
        user.save(update_fields=["email", "first_name", "last_name"])


def item(roadmap, number: str) -> RoadmapItem:
    return roadmap.items.get(number=number)


def test_one_letter_per_recipient_listing_their_activities_and_never_twice(world, mailoutbox):
    # given an approved roadmap of school A with activities due soon, later, done, overdue, recurring
    with_emails(world)
    roadmap = roadmap_of(
        world,
        world.school_a,
        [
            due("1.1", 3, "Куратор"),
            due("1.2", 5, "Руководитель образовательной организации"),
            due("1.3", 10, "Куратор"),  # beyond seven days
            due("1.4", 2, "Куратор", status=ItemStatus.DONE, completed_on=day(-1)),
            due("1.5", -1, "Куратор"),  # overdue already: no reminder «before» the deadline
            due("1.6", 4, "Социальные партнёры"),  # no role named: the keepers are reminded
            due("1.7", 0, "Куратор", status=ItemStatus.CANCELLED),
            ItemData(
                number="1.8",
                activity="Публикации на сайте",
                period=Period(kind=PeriodKind.RECURRING, recurrence=Recurrence.MONTHLY),
                responsible="Куратор",
            ),
        ],
    )

    # when the reminders are sent twice
    sent = roadmap_reminders_send(base_url=BASE)
    again = roadmap_reminders_send(base_url=BASE)

    # then the curator and the head got one letter each, with their own activities
    assert (sent, again) == (2, 0)
    letters = {m.to[0]: m for m in mailoutbox}
    assert set(letters) == {"curator_a@school.example", "head_a@school.example"}
    curator, head = letters["curator_a@school.example"], letters["head_a@school.example"]
    assert "Мероприятие 1.1" in curator.body and "Мероприятие 1.6" in curator.body
    assert "Мероприятие 1.2" not in curator.body
    assert "Мероприятие 1.2" in head.body and "Мероприятие 1.6" in head.body
    assert "Мероприятие 1.1" not in head.body
    for number in ("1.3", "1.4", "1.5", "1.7", "1.8"):
        assert f"Мероприятие {number}" not in curator.body + head.body
    assert curator.subject == f"Напоминание: сроки мероприятий дорожной карты (ближайший — {day(3):%d.%m.%Y})"
    assert curator.body.startswith("Здравствуйте, Анна curator_a!\n")
    assert f"– 1.1 Мероприятие 1.1\n  Срок: до {day(3):%d.%m.%Y}\n" in curator.body
    assert f"Страница дорожной карты: {BASE}/roadmaps/{roadmap.pk}/" in curator.body
    assert "План мероприятий (СОШ № 1)" in curator.body
    # and the reminded activities are marked today, the others not
    reminded = set(roadmap.items.filter(reminded_on=today()).values_list("number", flat=True))
    assert reminded == {"1.1", "1.2", "1.6"}
    assert not roadmap.items.exclude(number__in=reminded).exclude(reminded_on=None).exists()


def test_only_the_plan_in_force_is_reminded_of(world, mailoutbox):
    # given a draft, a submitted and a returned roadmap with activities due tomorrow
    with_emails(world)
    roadmap_of(world, world.school_a, [due("1.1", 1)], status=RoadmapStatus.DRAFT)
    roadmap_of(world, world.school_a, [due("2.1", 1)], status=RoadmapStatus.SUBMITTED)

    # then nothing is sent and nothing is marked
    assert roadmap_reminders_send() == 0
    assert mailoutbox == []
    assert not RoadmapItem.objects.exclude(reminded_on=None).exists()


def test_a_wider_window_and_the_keepers_of_a_municipal_roadmap(world, mailoutbox):
    # given the municipality's approved roadmap whose activity names the heads of organizations:
    # nobody holds that role on the municipality, so its coordinator is reminded
    with_emails(world)
    coordinator = world.users["coordinator"]
    roadmap = roadmap_of(
        world,
        world.muni1,
        [due("3.1", 9, "Руководители образовательных организаций"), due("3.2", 20, "Отдел образования")],
        by=coordinator,
    )
    assert item(roadmap, "3.1").responsible_roles == ["head"]

    # when reminded seven days ahead, then ten
    assert roadmap_reminders_send() == 0
    assert roadmap_reminders_send(days=10) == 1

    # then the coordinator got the activity due in nine days
    [letter] = mailoutbox
    assert letter.to == ["coordinator@school.example"] and "Мероприятие 3.1" in letter.body
    assert "Мероприятие 3.2" not in letter.body
    assert item(roadmap, "3.1").reminded_on == today() and item(roadmap, "3.2").reminded_on is None


def test_a_recipient_without_an_e_mail_gets_nothing_and_the_activity_is_not_retried(world, mailoutbox):
    roadmap = roadmap_of(world, world.school_a, [due("1.1", 2)])

    assert roadmap_reminders_send() == 0

    assert mailoutbox == []
    assert item(roadmap, "1.1").reminded_on == today()


def test_the_query_count_does_not_grow_with_the_activities(world, mailoutbox):
    with_emails(world)
    roadmap_of(world, world.school_a, [due("1.1", 1), due("1.2", 2, "Руководитель")])
    with CaptureQueriesContext(connection) as two:
        assert roadmap_reminders_send() == 2
    roadmap_of(world, world.school_a, [due(f"2.{n}", n % 7, "Куратор, руководитель") for n in range(1, 9)])
    with CaptureQueriesContext(connection) as eight:
        assert roadmap_reminders_send() == 2
    assert len(eight) == len(two)


def test_the_management_command(world, mailoutbox):
    from nastavnik.roadmaps.management.commands.send_roadmap_reminders import Command

    with_emails(world)
    roadmap_of(world, world.school_a, [due("1.1", 10)])
    out = StringIO()
    call_command("send_roadmap_reminders", stdout=out)
    assert "Отправлено напоминаний: 0." in out.getvalue()
    call_command("send_roadmap_reminders", "--days", "12", "--base-url", BASE, stdout=out)
    assert "Отправлено напоминаний: 1." in out.getvalue()
    assert f"{BASE}/roadmaps/" in mailoutbox[0].body
    assert "cron" in Command.help
    with pytest.raises(CommandError):
        call_command("send_roadmap_reminders", "--days", "-1")


# --- the home page ----------------------------------------------------------------------------------


def home(world, persona: str) -> str:
    client = Client()
    client.force_login(world.users[persona])
    return client.get("/").content.decode()


def test_home_lists_overdue_and_near_deadlines_of_the_roadmaps_the_user_keeps(world):
    # given school A's approved roadmap with an overdue activity, one due soon, one later, one done
    roadmap = roadmap_of(
        world,
        world.school_a,
        [
            due("1.1", -3),
            due("1.2", 10),
            due("1.3", 30),
            due("1.4", 5, status=ItemStatus.DONE, completed_on=day(-1)),
        ],
    )

    for persona in ("curator_a", "head_a"):
        html = home(world, persona)

        # then the keepers see the overdue and the near ones, linked to the roadmap
        assert "Дорожная карта: ближайшие сроки" in html
        assert "просрочено" in html and f"до {day(10):%d.%m.%Y}" in html
        assert "Мероприятие 1.1" in html and "Мероприятие 1.2" in html
        assert "Мероприятие 1.3" not in html and "Мероприятие 1.4" not in html
        assert f'href="/roadmaps/{roadmap.pk}/"' in html
        assert "Ожидают согласования" not in html  # they approve nothing

    # the mentor neither keeps nor approves roadmaps
    assert "Дорожная карта: ближайшие сроки" not in home(world, "mentor_a")


def test_home_shows_the_approvers_what_waits_and_the_keepers_what_is_missing(world):
    # given school A's roadmap waiting for the municipality
    roadmap_of(world, world.school_a, [due("1.1", 10)], status=RoadmapStatus.SUBMITTED)

    # then the coordinator of its municipality sees one waiting, and that their own is missing
    html = home(world, "coordinator")
    assert 'href="/roadmaps/control/#waiting">Ожидают согласования: 1</a>' in html
    assert f'href="/roadmaps/new/?owner={world.muni1.pk}"' in html
    # the operator sees it too, as the regional control page lists it (issue 13: the home said 0)
    assert "Ожидают согласования: 1" in home(world, "operator")
    # the curator of school B keeps a school without a roadmap
    html = home(world, "curator_b")
    assert f'href="/roadmaps/new/?owner={world.school_b.pk}"' in html
    assert "Ожидают согласования" not in html


def test_home_query_count_does_not_grow_with_the_roadmap(world):
    client = Client()
    client.force_login(world.users["curator_a"])
    roadmap_of(world, world.school_a, [due("1.1", 3)])
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    roadmap_of(world, world.school_a, [due(f"2.{n}", n - 6) for n in range(1, 15)])
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert len(many) == len(one)
    assert html.count("Мероприятие ") == 10 and "Все дорожные карты" in html


def test_home_counts_a_roadmap_that_has_not_started_yet(world):
    # given the municipality's roadmap for a period starting next month (the template runs from
    # November)
    roadmap_create(
        owner=world.muni1,
        title="Дорожная карта муниципалитета",
        starts_on=day(30),
        ends_on=day(300),
        by=world.users["coordinator"],
    )

    html = home(world, "coordinator")

    # then its coordinator is not asked to draw one up
    assert "/roadmaps/new/?owner=" not in html
    assert "Просроченных мероприятий и сроков в ближайшие 14 дней нет." in html
