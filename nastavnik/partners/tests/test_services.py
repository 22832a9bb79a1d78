"""Services of the registry of partners (issue 20): the rights of each keeper, the dates of an
agreement, the file check, the participants outside the staff and the programs' partners."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nastavnik.organizations.models import Partner, PartnerAgreement
from nastavnik.partners import services
from nastavnik.partners.tests.helpers import agreement, participant, partner, pdf, program
from nastavnik.people.models import NonStaffParticipant, Person

pytestmark = pytest.mark.django_db


def test_curator_adds_partner_of_own_school_only(world):
    curator = world.users["curator_a"]
    row = services.partner_create(by=curator, unit=world.school_a, full_name="ООО «Альфа»", kind="enterprise")
    assert row.unit == world.school_a
    with pytest.raises(PermissionDenied):
        services.partner_create(by=curator, unit=world.school_b, full_name="ООО «Бета»", kind="enterprise")
    with pytest.raises(PermissionDenied):
        services.partner_create(by=curator, unit=world.muni1, full_name="ООО «Гамма»", kind="enterprise")
    assert not Partner.objects.filter(full_name__in=["ООО «Бета»", "ООО «Гамма»"]).exists()


def test_coordinator_adds_for_municipality_and_school_sees_it_read_only(world):
    coordinator = world.users["coordinator"]
    row = services.partner_create(by=coordinator, unit=world.muni1, full_name="АНО «Точка роста»", kind="ngo")
    curator = world.users["curator_a"]
    assert Partner.objects.for_user(curator).filter(pk=row.pk).exists()
    assert not Partner.objects.for_user(curator, "change").filter(pk=row.pk).exists()
    with pytest.raises(PermissionDenied):
        services.partner_update(by=curator, partner=row, description="Чужая правка")
    assert not Partner.objects.for_user(world.users["curator_b"]).filter(pk=row.pk).exists()
    with pytest.raises(PermissionDenied):
        services.partner_create(by=coordinator, unit=world.muni2, full_name="АНО «Иное»", kind="ngo")


def test_region_partner_seen_by_school_curator_not_editable(world):
    row = services.partner_create(
        by=world.users["operator"], unit=world.region, full_name="ПАО «Региональное»", kind="enterprise"
    )
    for persona in ("curator_a", "curator_b", "coordinator"):
        assert Partner.objects.for_user(world.users[persona]).filter(pk=row.pk).exists(), persona
        assert not Partner.objects.for_user(world.users[persona], "change").filter(pk=row.pk).exists()


def test_duplicate_name_in_unit_refused(world):
    partner(world.school_a)
    with pytest.raises(ValidationError):
        partner(world.school_a)


def test_agreement_dates_validated(world):
    row = partner(world.school_a)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        agreement(row, world.school_a, starts_on=today, ends_on=today - dt.timedelta(days=1))
    assert "ends_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        agreement(row, world.school_a, concluded_on=today + dt.timedelta(days=3))
    assert "concluded_on" in error.value.message_dict
    assert not PartnerAgreement.objects.exists()
    indefinite = agreement(row, world.school_a, ends_on=None)
    assert indefinite.in_force(today + dt.timedelta(days=5000))


def test_agreement_file_checked_by_content(world):
    row = partner(world.school_a)
    fake = SimpleUploadedFile("soglashenie.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        agreement(row, world.school_a, file=fake)
    assert "file" in error.value.message_dict
    assert agreement(row, world.school_a, file=pdf()).file


def test_agreement_rights(world):
    row = partner(world.school_a)
    with pytest.raises(ValidationError):  # school A's partner is not in B's registry
        services.agreement_create(
            by=world.users["curator_b"],
            partner=row,
            unit=world.school_b,
            number="1",
            concluded_on=timezone.localdate(),
            starts_on=timezone.localdate(),
        )
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            by=world.users["mentor_a"],
            partner=row,
            unit=world.school_a,
            number="1",
            concluded_on=timezone.localdate(),
            starts_on=timezone.localdate(),
        )


def test_nonstaff_create_end_and_reuse_person(world):
    row = partner(world.school_a)
    curator = world.users["curator_a"]
    fields = {
        "last_name": "Родителева",
        "first_name": "Анна",
        "middle_name": "",
        "sex": "F",
        "birth_date": dt.date(1988, 5, 6),
    }
    first = services.nonstaff_create(
        by=curator, organization=world.school_a, person_fields=fields, category="parent", partner=row
    )
    assert first.person.last_name == "Родителева"
    assert Person.objects.for_user(curator).filter(pk=first.person_id).exists()
    with pytest.raises(ValidationError):  # an open row already
        services.nonstaff_create(
            by=curator, organization=world.school_a, person_fields=fields, category="alumnus"
        )
    ended = services.nonstaff_end(by=curator, participant=first, ended_on=timezone.localdate())
    assert ended.ended_on == timezone.localdate()
    with pytest.raises(ValidationError):
        services.nonstaff_end(by=curator, participant=first, ended_on=timezone.localdate())
    again = services.nonstaff_create(
        by=curator, organization=world.school_a, person_fields=fields, category="alumnus"
    )
    assert again.person_id == first.person_id  # the same person found, not a duplicate
    assert Person.objects.filter(last_name="Родителева").count() == 1


def test_nonstaff_rights_and_adult_rule(world):
    with pytest.raises(PermissionDenied):
        participant_row = services.nonstaff_create(
            by=world.users["curator_b"],
            organization=world.school_a,
            person_fields={
                "last_name": "Чужая",
                "first_name": "Анна",
                "sex": "F",
                "birth_date": dt.date(1980, 1, 1),
            },
            category="parent",
        )
    with pytest.raises(ValidationError) as error:
        services.nonstaff_create(
            by=world.users["curator_a"],
            organization=world.school_a,
            person_fields={
                "last_name": "Юная",
                "first_name": "Анна",
                "sex": "F",
                "birth_date": timezone.localdate().replace(year=timezone.localdate().year - 16)
                - dt.timedelta(days=3),
            },
            category="alumnus",
        )
    assert "birth_date" in error.value.message_dict
    assert not Person.objects.filter(last_name__in=["Чужая", "Юная"]).exists()
    participant_row = participant(world.school_a)
    with pytest.raises(PermissionDenied):
        services.nonstaff_end(
            by=world.users["curator_b"], participant=participant_row, ended_on=timezone.localdate()
        )
    assert NonStaffParticipant.objects.get(pk=participant_row.pk).ended_on is None


def test_program_partner_attach_detach(world):
    row = partner(world.region, "ФГБОУ ВО «Сургутский государственный университет»")
    school_program = program(world.school_a)
    services.program_partner_attach(by=world.users["curator_a"], program=school_program, partner=row)
    assert list(school_program.partners.all()) == [row]
    with pytest.raises(PermissionDenied):
        services.program_partner_detach(by=world.users["curator_b"], program=school_program, partner=row)
    with pytest.raises(PermissionDenied):
        services.program_partner_attach(by=world.users["coordinator"], program=school_program, partner=row)
    services.program_partner_detach(by=world.users["head_a"], program=school_program, partner=row)
    assert not school_program.partners.exists()
    own_b = partner(world.school_b, "ООО «Только для Б»")
    with pytest.raises(ValidationError):
        services.program_partner_attach(by=world.users["curator_a"], program=school_program, partner=own_b)
