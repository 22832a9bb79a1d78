"""A group program one of whose mentees withdrew the consent to personal-data processing stays
with its mentor and its other mentee, but they no longer read that mentee's name — in the
participants, the difficulties, the meetings' attendance or the list (152-ФЗ art. 9; issue 13).
The curator and the head still do."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.bank.models import PersonalDataConsent
from nastavnik.mentoring.tests.helpers import draft_program, second_mentee
from nastavnik.people.consent import HIDDEN_PERSON

pytestmark = pytest.mark.django_db

SURNAME = "Отказова"


@pytest.fixture
def group(world):
    other = second_mentee(world, last_name=SURNAME)
    program = draft_program(world, mentees=[world.mentee_a, other])
    PersonalDataConsent.objects.filter(person=other).update(
        withdrawn_on=PersonalDataConsent.objects.get(person=other).given_on
    )
    return program


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a"])
def test_the_participants_do_not_read_the_name(client, world, group, persona):
    client.force_login(world.users[persona])
    for url in (group.get_absolute_url(), reverse("mentoring:program_list")):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert SURNAME not in text, (persona, url)
    assert HIDDEN_PERSON in client.get(group.get_absolute_url()).content.decode() or persona == "mentee_a"


@pytest.mark.parametrize("persona", ["curator_a", "head_a"])
def test_the_curator_and_the_head_do(client, world, group, persona):
    client.force_login(world.users[persona])
    assert SURNAME in client.get(group.get_absolute_url()).content.decode()
