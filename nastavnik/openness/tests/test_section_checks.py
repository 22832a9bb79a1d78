"""The monitoring of the sections «Наставничество» (issue 19, item 3; seed 003 §2.2, §5.1): the
checklist computed from what a section holds, the table and its rights, the monthly record
(idempotent), the command."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nastavnik.bank.models import BankConfirmation
from nastavnik.openness.checklist import CHECK_ITEMS, is_complete, section_checklist
from nastavnik.openness.choices import ActKind, ActLevel, SectionItemKind
from nastavnik.openness.models import PublicSection, SectionCheck, SectionItem
from nastavnik.openness.services.section_checks import month_start, section_checks_record
from nastavnik.openness.tests.public_bank_world import OPEN_BANK_ONLY, open_bank_mentor
from nastavnik.roadmaps.choices import RoadmapStatus
from nastavnik.roadmaps.models import Roadmap
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def section(unit, *, published=True) -> PublicSection:
    return PublicSection.objects.create(unit=unit, slug=f"org-{unit.pk}", is_published=published)


def act(sec, act_kind, **fields) -> SectionItem:
    return SectionItem.objects.create(
        section=sec,
        kind=SectionItemKind.LEGAL_ACT,
        act_level=ActLevel.LOCAL,
        act_kind=act_kind,
        title="Акт",
        **fields,
    )


def news(sec, dated, **fields) -> SectionItem:
    return SectionItem.objects.create(
        section=sec, kind=SectionItemKind.NEWS, title="Новость", dated=dated, **fields
    )


def full_section(unit, today) -> PublicSection:
    """A section of ``unit`` meeting every item of the checklist on ``today``."""
    sec = section(unit)
    act(sec, ActKind.REGULATION)
    act(sec, ActKind.ORDER)
    Roadmap.objects.create(
        owner=unit,
        level=unit.level,
        title="Дорожная карта",
        starts_on=today - dt.timedelta(days=100),
        ends_on=today + dt.timedelta(days=100),
        status=RoadmapStatus.APPROVED,
    )
    open_bank_mentor(unit, f"Публичная{unit.pk}")
    BankConfirmation.objects.create(organization=unit, confirmed_on=today - dt.timedelta(days=10))
    news(sec, today - dt.timedelta(days=3))
    return sec


def met(checklist, unit) -> dict[str, bool]:
    return {item.key: item.met for item in checklist[unit.pk]}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the checklist ---------------------------------------------------------------------------------


def test_a_full_section_meets_every_item(world):
    today = timezone.localdate()
    full_section(world.school_a, today)

    checklist = section_checklist([world.school_a, world.school_b], today=today)

    assert met(checklist, world.school_a) == dict.fromkeys(CHECK_ITEMS, True)
    assert is_complete(checklist[world.school_a.pk])
    # school B has no section: nothing met, and the detail says so
    assert not any(met(checklist, world.school_b).values())
    assert checklist[world.school_b.pk][0].detail == "раздел не создан"


def test_what_does_not_count(world):
    today = timezone.localdate()
    # given a draft section with an unpublished Положение, an old news item, an expired roadmap,
    # a mentor without the consent to distribution and a bank confirmed two years ago
    sec = section(world.school_a, published=False)
    act(sec, ActKind.REGULATION, is_published=False)
    act(sec, ActKind.AGREEMENT)
    news(sec, today - dt.timedelta(days=40))
    Roadmap.objects.create(
        owner=world.school_a,
        level=world.school_a.level,
        title="Старая",
        starts_on=today - dt.timedelta(days=500),
        ends_on=today - dt.timedelta(days=1),
        status=RoadmapStatus.APPROVED,
    )
    Roadmap.objects.create(
        owner=world.school_a,
        level=world.school_a.level,
        title="Проект",
        starts_on=today,
        ends_on=today + dt.timedelta(days=300),
        status=RoadmapStatus.DRAFT,
    )
    open_bank_mentor(world.school_a, "Закрытая", purposes=OPEN_BANK_ONLY)
    BankConfirmation.objects.create(organization=world.school_a, confirmed_on=today - dt.timedelta(days=730))

    # then nothing is met
    assert met(section_checklist([world.school_a], today=today), world.school_a) == dict.fromkeys(
        CHECK_ITEMS, False
    )


def test_the_roadmap_may_be_an_uploaded_act_and_the_bases_need_both_parts(world):
    today = timezone.localdate()
    sec = section(world.school_a)
    act(sec, ActKind.ROADMAP)
    open_bank_mentor(world.school_a, "Публичная")

    checklist = section_checklist([world.school_a], today=today)

    assert met(checklist, world.school_a)["roadmap"]
    bases = checklist[world.school_a.pk][4]
    assert not bases.met and "не подтверждена" in bases.detail


def test_the_checklist_takes_a_constant_number_of_queries(world, django_assert_max_num_queries):
    today = timezone.localdate()
    units = [f.OrgUnitFactory(parent=world.muni1) for _ in range(6)]
    for unit in units:
        full_section(unit, today)

    with django_assert_max_num_queries(6):
        checklist = section_checklist([unit.pk for unit in units], today=today)

    assert all(is_complete(checklist[unit.pk]) for unit in units)


# --- the monthly record --------------------------------------------------------------------------


def test_the_record_is_idempotent_and_covers_the_subtree(world):
    today = timezone.localdate()
    full_section(world.school_a, today)

    # when the coordinator of municipality 1 records the month twice
    assert section_checks_record(by=world.users["coordinator"], today=today) == 1
    assert section_checks_record(by=world.users["coordinator"], today=today) == 1

    # then school A has one record of this month, complete; school B none
    record = SectionCheck.objects.get()
    assert record.unit == world.school_a and record.month == month_start(today)
    assert record.complete and record.met == record.total == len(CHECK_ITEMS)
    assert record.recorded_by == world.users["coordinator"]


def test_the_record_replaces_the_months_results(world):
    today = timezone.localdate()
    sec = full_section(world.school_a, today)
    section_checks_record(today=today)
    sec.is_published = False
    sec.save()

    section_checks_record(today=today)

    record = SectionCheck.objects.get(unit=world.school_a)
    assert record.results["published"] is False and not record.complete
    assert SectionCheck.objects.filter(unit=world.school_b, month=month_start(today)).exists()


def test_the_command_records_every_organization(world):
    out = io.StringIO()
    call_command("record_section_checks", stdout=out)
    assert "организаций — 2" in out.getvalue()
    call_command("record_section_checks", "--month", "2026-01", stdout=out)
    assert SectionCheck.objects.filter(month=dt.date(2026, 1, 1)).count() == 2


# --- the pages -----------------------------------------------------------------------------------


def test_the_coordinator_sees_the_municipality_and_records(world):
    today = timezone.localdate()
    full_section(world.school_a, today)
    client = signed_in(world.users["coordinator"])

    text = client.get("/sections/checks/").content.decode()
    assert "СОШ № 1" in text
    assert "СОШ № 2" not in text
    assert "Зафиксировать проверку за месяц" in text

    response = client.post("/sections/checks/record/")
    assert response.status_code == 302
    assert SectionCheck.objects.filter(unit=world.school_a).count() == 1
    history = client.get(f"/sections/checks/{world.school_a.pk}/").content.decode()
    assert "Ежемесячные проверки" in history and f"{today:%m.%Y}" in history


def test_filters_export_and_garbage(world):
    today = timezone.localdate()
    full_section(world.school_a, today)
    client = signed_in(world.users["operator"])

    complete = client.get("/sections/checks/?state=complete").content.decode()
    assert "СОШ № 1" in complete and "СОШ № 2" not in complete
    incomplete = client.get("/sections/checks/?state=incomplete").content.decode()
    assert "СОШ № 2" in incomplete and "СОШ № 1" not in incomplete
    by_municipality = client.get(f"/sections/checks/?municipality={world.muni2.pk}").content.decode()
    assert "СОШ № 2" in by_municipality and "СОШ № 1" not in by_municipality
    garbage = client.get("/sections/checks/?municipality=zz&state=%C2%B2&page=abc")
    assert garbage.status_code == 200 and "не распознаны" in garbage.content.decode()
    export = client.get("/sections/checks/?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxml")


def test_rights_of_the_pages(world):
    # the curator of A sees her own school only and may not record; the mentor sees nothing
    curator = signed_in(world.users["curator_a"])
    text = curator.get("/sections/checks/").content.decode()
    assert "СОШ № 1" in text and "СОШ № 2" not in text and "Зафиксировать" not in text
    assert curator.post("/sections/checks/record/").status_code == 403
    assert curator.get(f"/sections/checks/{world.school_b.pk}/").status_code == 404
    assert signed_in(world.users["mentor_a"]).get("/sections/checks/").status_code == 403
    assert (
        signed_in(world.users["curator_b"]).get(f"/sections/checks/{world.school_a.pk}/").status_code == 404
    )
    assert Client().get("/sections/checks/").status_code == 302
    assert not SectionCheck.objects.exists()
