"""A withdrawn consent to personal-data processing hides the program from the roles above the
organization, as it hides the person (152-ФЗ art. 9); the curator, the head and the person
who withdrew still reach it, the mentor of that person no longer does."""

import pytest

from nastavnik.bank.models import PersonalDataConsent
from nastavnik.bank.services import pd_consent_withdraw
from nastavnik.mentoring.choices import RequestKind
from nastavnik.mentoring.models import PairRequest, PersonalizedProgram
from nastavnik.mentoring.tests.helpers import draft_program

pytestmark = pytest.mark.django_db


def visible(world, persona, model=PersonalizedProgram):
    return set(model.objects.for_user(world.users[persona]).values_list("pk", flat=True))


def test_withdrawal_hides_the_program_above_the_school(world):
    program = draft_program(world)
    request = PairRequest.objects.create(
        pair=program.pairs.get(), kind=RequestKind.CHANGE_MENTOR, reason="Не совпадают графики"
    )
    for persona in ("operator", "coordinator", "head_a", "curator_a", "mentor_a", "mentee_a"):
        assert program.pk in visible(world, persona), persona
    assert request.pk in visible(world, "coordinator", PairRequest)

    consent = PersonalDataConsent.objects.get(person=world.mentee_a, withdrawn_on__isnull=True)
    pd_consent_withdraw(consent=consent, by=world.users["curator_a"], reason="Заявление")

    for persona in ("operator", "coordinator"):
        assert program.pk not in visible(world, persona), persona
        assert request.pk not in visible(world, persona, PairRequest), persona
    for persona in ("head_a", "curator_a", "mentee_a"):
        assert program.pk in visible(world, persona), persona
    # the mentor no longer opens the program of a mentee who withdrew (issue 13)
    assert program.pk not in visible(world, "mentor_a")
    assert request.pk in visible(world, "curator_a", PairRequest)
