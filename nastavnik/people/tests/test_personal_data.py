"""Personal data of one person (152-ФЗ): «what the system stores about me» (a page and a file,
only about oneself) and the depersonalization of people who left once their papers' term ran
out (``depersonalize_people``), keeping the counts the indicators need."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nastavnik.bank.models import MenteeProfile, PersonalDataConsent
from nastavnik.documents.models import Document
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.mentoring.models import Pair
from nastavnik.people.consent import HIDDEN_PERSON
from nastavnik.people.models import Person
from nastavnik.people.personal_data import collect, depersonalization_candidates
from nastavnik.testing import factories as f
from nastavnik.testing.personas import NO_CONSENT_SURNAME, extend_world

pytestmark = pytest.mark.django_db

URL = "/people/me/data/"


# «What the system stores about me» ---------------------------------------------------------------


def test_the_page_lists_every_part_of_what_is_stored(client, world):
    mentee(world.mentee_a, world.school_a)
    client.force_login(world.users["mentee_a"])

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    for title in (
        "Карточка педагогического работника",
        "Места работы",
        "Согласия на обработку персональных данных",
        "Карточка наставляемого",
        "Наставнические пары",
        "Роли в системе",
    ):
        assert title in text, title
    assert world.mentee_a.snils_display in text and "Наставникова" in text


def test_the_json_file_has_russian_keys_and_every_section(client, world):
    client.force_login(world.users["mentee_a"])

    response = client.get(URL, {"format": "json"})

    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["Работник"] == world.mentee_a.full_name
    card = data["Разделы"]["Карточка педагогического работника"][0]
    assert card["Фамилия"] == "Молодцова" and card["Дата рождения"] == "2000-01-01"
    assert data["Разделы"]["Наставнические пары"][0]["Вторая сторона пары"] == world.mentor_a.full_name


def test_the_xlsx_file_has_russian_headers(client, world):
    client.force_login(world.users["mentor_a"])

    response = client.get(URL, {"format": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Раздел", "№ записи", "Сведение", "Значение")
    assert ("Карточка педагогического работника", 1, "Фамилия", "Наставникова") in rows


def test_only_about_oneself(client, world):
    client.force_login(world.users["operator"])  # no person card
    assert client.get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302  # to the login page
    client.force_login(world.users["curator_a"])
    assert client.get(URL + "?person=" + str(world.mentee_a.pk)).status_code == 404


def test_a_partner_who_withdrew_consent_is_not_named_in_my_file(world):
    extend_world(world)
    pairs = next(s for s in collect(world.mentor_a) if s.title == "Наставнические пары")
    partners = [r["Вторая сторона пары"] for r in pairs.records]
    assert HIDDEN_PERSON in partners and not any(NO_CONSENT_SURNAME in p for p in partners)


def test_the_profile_links_to_the_page(client, world):
    client.force_login(world.users["mentee_a"])
    assert reverse("people:my_data") in client.get(reverse("accounts:profile")).content.decode()


# Depersonalization -------------------------------------------------------------------------------


def _years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days)


def leaver(world, *, years: int, last_name: str) -> Person:
    """A mentee of school A who finished a full cycle with ``mentor_a`` and left ``years`` ago:
    employment, pair and consent all ended then; a scanned consent and an agreement naming them."""
    person = f.PersonFactory(last_name=last_name, first_name="Анна", middle_name="Борисовна", consent=False)
    left = _years_ago(years, days=10)
    job = f.EmploymentFactory(person=person, organization=world.school_a, started_on=_years_ago(years + 3))
    consent = PersonalDataConsent.objects.create(
        person=person, purposes=["mentoring_record"], given_on=_years_ago(years + 3)
    )
    consent.scan.save("soglasie.pdf", ContentFile(b"%PDF-1.4 passport"), save=True)
    profile = mentee(person, world.school_a)
    MenteeProfile.objects.filter(pk=profile.pk).update(full_cycle_completed_on=left)
    person.deficits.update(diagnosed_on=_years_ago(years + 1))
    type(job).objects.filter(pk=job.pk).update(ended_on=left)
    PersonalDataConsent.objects.filter(pk=consent.pk).update(withdrawn_on=left)
    f.PairFactory(
        mentor=world.mentor_a,
        mentee=person,
        organization=world.school_a,
        started_on=_years_ago(years + 1),
        ended_on=left,
    )
    Document.objects.create(
        organization=world.school_a,
        kind="agreement",
        title=f"Соглашение ({person.short_name})",
        date=_years_ago(years + 1),
        person=person,
    )
    Person.objects.filter(pk=person.pk).update(
        created_at=timezone.now().replace(year=timezone.now().year - years - 3)
    )
    person.refresh_from_db()
    return person


def counts() -> dict:
    return {
        "people": Person.objects.count(),
        "pairs": Pair.objects.count(),
        "ended pairs": Pair.objects.filter(ended_on__isnull=False).count(),
        "full cycle": MenteeProfile.objects.filter(full_cycle_completed_on__isnull=False).count(),
        "documents": Document.objects.count(),
        "consents": PersonalDataConsent.objects.count(),
    }


@pytest.fixture
def leavers(world):
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    return leaver(world, years=4, last_name="Ушедшая"), leaver(world, years=1, last_name="Недавняя")


def test_who_left_four_years_ago_is_depersonalized_who_left_last_year_is_not(leavers, settings):
    settings.NASTAVNIK_PD_RETENTION_YEARS = 3
    old, recent = leavers
    before = counts()

    call_command("depersonalize_people", stdout=io.StringIO())

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.full_name == f"Обезличенный участник № {old.pk}"
    assert old.snils is None and old.email == "" and old.address == "" and old.id_document_number == ""
    assert old.birth_date == dt.date(1985, 1, 1) and old.depersonalized_on == timezone.localdate()
    assert not PersonalDataConsent.objects.get(person=old).scan
    assert Document.objects.get(person=old).title == f"Соглашение (Обезличенный участник № {old.pk})"
    assert recent.last_name == "Недавняя" and recent.depersonalized_on is None
    assert PersonalDataConsent.objects.get(person=recent).scan
    # the audit trail keeps who and when, not the former name
    from nastavnik.audit.models import AuditEvent

    entries = AuditEvent.objects.filter(person_id=old.pk)
    assert entries.exists()
    assert not [e for e in entries if "Ушедшая" in json.dumps(e.changes, ensure_ascii=False) + e.object_repr]
    # the indicators count the same
    assert counts() == before


def test_running_twice_changes_nothing(leavers):
    call_command("depersonalize_people", stdout=io.StringIO())
    snapshot = list(Person.objects.order_by("pk").values())
    before = counts()

    out = io.StringIO()
    call_command("depersonalize_people", stdout=out)

    assert list(Person.objects.order_by("pk").values()) == snapshot
    assert counts() == before
    assert "Обезличено карточек: 0" in out.getvalue()


def test_a_dry_run_names_no_one_and_changes_nothing(leavers):
    old, _recent = leavers
    snapshot = list(Person.objects.order_by("pk").values())
    out = io.StringIO()

    call_command("depersonalize_people", "--dry-run", stdout=out)

    assert list(Person.objects.order_by("pk").values()) == snapshot
    assert f"карточка № {old.pk}" in out.getvalue() and "Ушедшая" not in out.getvalue()
    assert "Будет обезличено карточек: 1" in out.getvalue()


def test_people_still_working_or_in_an_active_pair_are_kept(world, leavers):
    old, _recent = leavers
    # an old pair that is active again keeps the person
    f.PairFactory(mentor=world.mentor_a, mentee=old, organization=world.school_a, started_on=_years_ago(0, 5))
    assert old.pk not in {p.pk for p in depersonalization_candidates()}
    for person in (world.mentor_a, world.mentee_a, world.teacher_a):
        assert person.pk not in {p.pk for p in depersonalization_candidates(years=0)}


def test_the_depersonalized_account_is_closed(world, leavers):
    old, _recent = leavers
    account = f.UserFactory(username="ushedshaya", first_name="Анна", last_name="Ушедшая")
    Person.objects.filter(pk=old.pk).update(user=account)

    call_command("depersonalize_people", stdout=io.StringIO())

    account.refresh_from_db()
    assert not account.is_active and account.last_name == "" and "ushedshaya" != account.username
    assert not account.has_usable_password()
