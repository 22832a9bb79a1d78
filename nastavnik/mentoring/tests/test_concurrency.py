"""Two managers editing the same draft program at once lose nothing (issue 17, build 7): the first
save wins, the second is refused with «Запись изменена другим пользователем», the page shows both
versions with the differences marked and keeps the second manager's values in the form. The
status actions and the other writes of a program move its version on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.core.concurrency import ConcurrentEditError
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.mentoring.services.programs import (
    plan_item_add,
    program_approve,
    program_return_to_draft,
    program_update,
)
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.reference.models import PersonalizedProgramStage
from nastavnik.testing.forms import opened_form_data

pytestmark = pytest.mark.django_db


def client_for(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_the_second_of_two_simultaneous_saves_is_refused_with_both_versions(world):
    # given the curator and the head of school A open the same draft program
    program = draft_program(world)
    url = reverse("mentoring:program_edit", args=[program.pk])
    curator, head = client_for(world, "curator_a"), client_for(world, "head_a")
    curator_form = curator.get(url).context["form"]
    head_form = head.get(url).context["form"]

    # when the curator saves new goals, then the head saves other goals and a direction
    first = curator.post(url, opened_form_data(curator_form, goals="Цели куратора"))
    second = head.post(
        url, opened_form_data(head_form, goals="Цели руководителя", direction="Направление руководителя")
    )

    # then the curator's save is kept and the head's refused, nothing of it written
    assert first.status_code == 302
    assert second.status_code == 409
    program.refresh_from_db()
    assert program.goals == "Цели куратора"
    assert program.direction != "Направление руководителя"
    page = second.content.decode()
    assert "Запись изменена другим пользователем" in page
    # both versions side by side, the head's values kept in the form
    form = second.context["form"]
    assert (form["goals"].value(), form["direction"].value()) == (
        "Цели руководителя",
        "Направление руководителя",
    )
    rows = {row.name: row for row in second.context["conflict"]["rows"]}
    assert (rows["goals"].mine, rows["goals"].stored) == ("Цели руководителя", "Цели куратора")
    assert rows["direction"].differs and not rows["starts_on"].differs and not rows["kinds"].differs
    assert rows["mentoring_form"].stored == str(program.mentoring_form)
    assert form["version"].value() == str(program.version)

    # when the head saves again from the refused page, then the head's values are written
    again = head.post(url, {name: form.data.getlist(name) for name in form.data})
    assert again.status_code == 302
    program.refresh_from_db()
    assert (program.goals, program.direction) == ("Цели руководителя", "Направление руководителя")


def test_the_service_refuses_a_stale_version_and_writes_nothing(world):
    # given a draft opened by the head, then changed by the curator
    program = draft_program(world)
    opened_at = program.version
    program_update(
        program=program, by=world.users["curator_a"], expected_version=opened_at, goals="Новые цели"
    )

    # when the head's change opened before it arrives
    with pytest.raises(ConcurrentEditError) as refused:
        program_update(
            program=program, by=world.users["head_a"], expected_version=opened_at, goals="Другие цели"
        )

    # then nothing is written and the error carries the stored program
    assert refused.value.current.goals == "Новые цели"
    stored = PersonalizedProgram.objects.get(pk=program.pk)
    assert stored.goals == "Новые цели"
    assert stored.events.filter(summary__contains="Изменено").count() == 1


def test_status_actions_move_the_version_on(world):
    # given a draft program ready for approval whose edit form is open
    program = draft_program(world, curator=world.teacher_a)
    plan_item_add(
        program=program,
        by=world.users["curator_a"],
        stage=PersonalizedProgramStage.objects.get(code="preparatory"),
        title="Встреча-знакомство",
        starts_on=program.starts_on,
        ends_on=program.starts_on + dt.timedelta(days=10),
    )
    opened_at = PersonalizedProgram.objects.get(pk=program.pk).version

    # when another manager approves it and returns it for revision (writes outside the form)
    program_approve(program=program, by=world.users["head_a"])
    program_return_to_draft(program=program, by=world.users["head_a"], comment="Уточнить цели")

    # then each write counted, and the form opened before them is refused
    assert PersonalizedProgram.objects.get(pk=program.pk).version == opened_at + 2
    with pytest.raises(ConcurrentEditError):
        program_update(program=program, by=world.users["curator_a"], expected_version=opened_at, goals="x")
