"""The links «перейти» of the completion conditions lead only where the reader may go (issue 13:
the mentor's and the mentee's links led to «Доступ запрещён»)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nastavnik.mentoring.tests.helpers import draft_program, second_mentee
from nastavnik.mentoring.tests.test_completion import activate
from nastavnik.monitoring.models import Assignment

pytestmark = pytest.mark.django_db


def _condition_links(world, persona: str, program) -> list[str]:
    client = Client()
    client.force_login(world.users[persona])
    html = client.get(program.get_absolute_url()).content.decode()
    block = html.split('data-testid="completion-conditions"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', block)


@pytest.mark.parametrize(
    "persona", ["operator", "coordinator", "head_a", "curator_a", "mentor_a", "mentee_a"]
)
def test_every_condition_link_opens_for_its_reader(world, persona):
    # given an active group program with nothing done yet (every condition unmet)
    other = second_mentee(world)
    program = activate(draft_program(world, mentees=[world.mentee_a, other]))
    client = Client()
    client.force_login(world.users[persona])

    # when the reader follows each link of the conditions, then each page opens
    links = _condition_links(world, persona, program)
    for link in links:
        assert client.get(link).status_code == 200, (persona, link)

    # and each reader is shown what is theirs to do
    report, assessments = f"{program.get_absolute_url()}report/", [x for x in links if "/monitoring/my/" in x]
    expected_report = persona in ("head_a", "curator_a", "mentor_a")
    assert (report in links) == expected_report
    owed = Assignment.objects.filter(program=program, questionnaire__code="mentee_difficulties_before")
    if persona in ("head_a", "curator_a"):
        # the «before» self-assessment of each mentee, typed in from paper (the «after» one opens
        # at the reflective stage)
        assert sorted(assessments) == sorted(f"/monitoring/my/{a.pk}/" for a in owed)
    elif persona == "mentee_a":
        assert assessments == [f"/monitoring/my/{owed.get(person=world.mentee_a).pk}/"]
    else:
        assert assessments == []
