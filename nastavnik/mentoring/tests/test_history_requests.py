"""The program's history shows an event about a participant's request only to those who may see
the request itself (one rule: ``PairRequest.scope_filter``): a mentee's request to replace the
mentor is not read by that mentor in the history either (seed 000 §5.1.1; issue 13)."""

from __future__ import annotations

import pytest

from nastavnik.mentoring.choices import EventKind, RequestKind
from nastavnik.mentoring.models import PairRequest, ProgramEvent
from nastavnik.mentoring.selectors.history import program_history
from nastavnik.mentoring.services.requests import pair_request_submit, pair_request_withdraw
from nastavnik.mentoring.tests.test_meetings import active_program

pytestmark = pytest.mark.django_db

REASON = "Прошу заменить наставника: не совпадают расписания уроков"


@pytest.fixture
def request_filed(world):
    program = active_program(world)
    request = pair_request_submit(
        pair=program.pairs.get(), by=world.users["mentee_a"], kind=RequestKind.CHANGE_MENTOR, reason=REASON
    )
    return program, request


def test_the_event_is_linked_to_its_request(request_filed):
    program, request = request_filed
    event = ProgramEvent.objects.get(program=program, kind=EventKind.REQUEST)
    assert event.request == request and event.comment == REASON


def test_the_mentor_does_not_read_the_request_in_the_history(client, world, request_filed):
    program, request = request_filed
    client.force_login(world.users["mentor_a"])
    response = client.get(program.get_absolute_url())

    assert response.status_code == 200
    assert REASON not in response.content.decode()
    assert not any(e.request_id for e in response.context["events"])
    # the same rule as the request's own pages
    assert not PairRequest.objects.for_user(world.users["mentor_a"]).filter(pk=request.pk).exists()


@pytest.mark.parametrize("persona", ["mentee_a", "curator_a", "head_a", "coordinator"])
def test_those_who_see_the_request_read_it_in_the_history(client, world, request_filed, persona):
    program, request = request_filed
    client.force_login(world.users[persona])
    response = client.get(program.get_absolute_url())

    assert response.status_code == 200
    assert REASON in response.content.decode()
    assert PairRequest.objects.for_user(world.users[persona]).filter(pk=request.pk).exists()


def test_a_withdrawal_is_hidden_from_the_mentor_too(world, request_filed):
    program, request = request_filed
    pair_request_withdraw(request=request, by=world.users["mentee_a"])

    mentor_events = program_history(program, world.users["mentor_a"])
    mentee_events = program_history(program, world.users["mentee_a"])
    assert [e for e in mentee_events if e.kind == EventKind.REQUEST]
    assert not [e for e in mentor_events if e.kind == EventKind.REQUEST]
    # every other event is the same for both
    assert [e.pk for e in mentor_events] == [e.pk for e in mentee_events if e.request_id is None]
