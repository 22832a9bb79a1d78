"""The services of the registry of partners check their actor themselves (issue 20, «one rights
model»), by the rule the pages use: ``PERMISSIONS["partner" | "partneragreement" |
"nonstaffparticipant" | "mentoringprogram"]`` over the unit or the row. Anyone else gets
``PermissionDenied`` and nothing changes; ``by=None`` is the system."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nastavnik.organizations.models import Partner, PartnerAgreement
from nastavnik.partners import services
from nastavnik.partners.tests.helpers import participant, partner, program
from nastavnik.people.models import NonStaffParticipant
from nastavnik.testing.actors import assert_refused_then_served

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(Partner.objects.order_by("pk").values_list("pk", "full_name", "description")),
        list(PartnerAgreement.objects.order_by("pk").values_list("pk", "number")),
        list(NonStaffParticipant.objects.order_by("pk").values_list("pk", "ended_on", "workplace")),
        list(Partner.mentoring_programs.through.objects.order_by("pk").values_list("pk")),
    )


def _case(world, name):
    """``(call(by), refused personas, allowed persona)`` of the service ``name``."""
    today = timezone.localdate()
    others = ("mentor_a", "mentee_a", "curator_b")
    regional = partner(world.region, "ПАО «Региональное»")
    if name == "partner_create":
        return (
            lambda by: services.partner_create(
                by=by, unit=world.school_a, full_name="ООО «Новое»", kind="ngo"
            ),
            others,
            "curator_a",
        )
    if name == "partner_update":
        own = partner(world.muni1, "АНО «Муниципальное»")
        return (
            lambda by: services.partner_update(by=by, partner=own, description="Стажировки"),
            (*others, "curator_a", "head_a"),
            "coordinator",
        )
    if name == "agreement_create":
        return (
            lambda by: services.agreement_create(
                by=by, partner=regional, unit=world.school_a, number="5", concluded_on=today, starts_on=today
            ),
            others,
            "head_a",
        )
    if name == "agreement_update":
        deal = services.agreement_create(
            by=None, partner=regional, unit=world.school_a, number="5", concluded_on=today, starts_on=today
        )
        return (
            lambda by: services.agreement_update(by=by, agreement=deal, number="5-бис"),
            others,
            "curator_a",
        )
    if name == "nonstaff_create":
        return (
            lambda by: services.nonstaff_create(
                by=by,
                organization=world.school_a,
                person_fields={
                    "last_name": "Предпринимателев",
                    "first_name": "Иван",
                    "sex": "M",
                    "birth_date": dt.date(1979, 9, 9),
                },
                category="entrepreneur",
            ),
            (*others, "coordinator", "operator"),
            "curator_a",
        )
    if name == "nonstaff_update":
        row = participant(world.school_a)
        return (
            lambda by: services.nonstaff_update(by=by, participant=row, workplace="ИП Иванов"),
            (*others, "coordinator"),
            "head_a",
        )
    if name == "nonstaff_end":
        row = participant(world.school_a)
        return (
            lambda by: services.nonstaff_end(by=by, participant=row, ended_on=today),
            (*others, "coordinator"),
            "curator_a",
        )
    if name == "program_partner_attach":
        school_program = program(world.school_a)
        return (
            lambda by: services.program_partner_attach(by=by, program=school_program, partner=regional),
            (*others, "coordinator", "operator"),
            "curator_a",
        )
    if name == "program_partner_detach":
        school_program = program(world.school_a)
        school_program.partners.add(regional)
        return (
            lambda by: services.program_partner_detach(by=by, program=school_program, partner=regional),
            (*others, "coordinator", "operator"),
            "head_a",
        )
    raise AssertionError(name)


NAMES = (
    "partner_create",
    "partner_update",
    "agreement_create",
    "agreement_update",
    "nonstaff_create",
    "nonstaff_update",
    "nonstaff_end",
    "program_partner_attach",
    "program_partner_detach",
)


@pytest.mark.parametrize("name", NAMES)
def test_a_partners_service_refuses_an_actor_the_pages_refuse(world, name):
    call, refused, allowed = _case(world, name)
    assert_refused_then_served(call, users=world.users, refused=refused, allowed=allowed, state=_state)
