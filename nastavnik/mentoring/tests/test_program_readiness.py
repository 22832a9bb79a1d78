"""The one rule of a program's readiness (``selectors.readiness.program_lacks``, issue 15 item 8):
the approval refuses with the same items the program's paper lists; a new program takes the
mentee's request and difficulty areas from the bank profile as its defaults."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nastavnik.documents.choices import DocumentKind
from nastavnik.documents.services import document_render
from nastavnik.documents.specs import MissingData, get_spec
from nastavnik.documents.testing import FIXED_DATE, docx_text, prepare_school
from nastavnik.matching.tests.bank import active_mentor, area, mentee
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.mentoring.selectors.readiness import program_lacks
from nastavnik.mentoring.services.programs import program_approval_problems, program_approve
from nastavnik.mentoring.tests.helpers import draft_program
from nastavnik.mentoring.tests.test_programs_services import add_item
from nastavnik.people.models import Person

pytestmark = pytest.mark.django_db


def document_lacks(doc, program) -> list[str]:
    """The texts the personalized program's paper is refused with (none when it is issued)."""
    try:
        document_render(
            kind=DocumentKind.PERSONALIZED_PROGRAM, organization=doc.school, subject=program, date=FIXED_DATE
        )
    except MissingData as error:
        return [item.text for item in error.items]
    return []


def test_approval_is_refused_with_the_same_items_the_paper_lists(world):
    # given a draft without expected results, difficulties, a plan and a curator, whose mentee
    # has no job title (the head and the address of the school are in place)
    doc = prepare_school(world)
    program = draft_program(world, deficits=[])
    PersonalizedProgram.objects.filter(pk=program.pk).update(expected_results="", curator=None)
    Person.objects.filter(pk=world.mentee_a.pk).update(job_title="")
    program.refresh_from_db()

    # when it is approved, and its paper is asked for
    lacks = program_lacks(program)
    with pytest.raises(ValidationError) as error:
        program_approve(program=program, by=world.users["curator_a"])
    refused = document_lacks(doc, program)

    # then both name the same items: each lack is in the approval's message and in the paper's
    codes = [lack.code for lack in lacks]
    assert codes == ["curator", "expected_results", "deficits", "plan", "position"]
    message = error.value.messages[0]
    assert message == "Программу нельзя утвердить: " + "; ".join(lack.problem for lack in lacks) + "."
    assert refused == [lack.action for lack in lacks]
    assert program_approval_problems(program) == [lack.problem for lack in lacks]


def test_an_approved_program_can_always_be_printed(world):
    # given a draft the approval accepts
    doc = prepare_school(world)
    program = draft_program(world, curator=doc.curator)
    add_item(program, world.users["curator_a"])
    assert program_approval_problems(program) == []

    # when it is approved
    program = program_approve(program=program, by=world.users["curator_a"])

    # then its paper is issued (the default expected results and the mentee's difficulty are
    # there: «approved without difficulties and expected results» cannot happen)
    assert program.status == ProgramStatus.APPROVED
    assert document_lacks(doc, program) == []


def test_the_mentor_report_asks_for_the_same_participants_and_positions(world):
    # given an active program whose mentor lost the job title
    doc = prepare_school(world)
    program = draft_program(world, curator=doc.curator)
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.ACTIVE)
    Person.objects.filter(pk=world.mentor_a.pk).update(job_title="")
    program.refresh_from_db()

    # when the mentor's report is checked
    items = get_spec(DocumentKind.MENTOR_REPORT).missing(organization=doc.school, subject=program, params={})

    # then the position is named as the approval names it, with the person's card
    lack = program_lacks(program, codes=("position",))[0]
    assert (lack.action, reverse(lack.url_name, args=lack.url_args)) in [(i.text, i.url) for i in items]
    assert reverse("people:edit", args=[world.mentor_a.pk]) == reverse(lack.url_name, args=lack.url_args)


def test_a_new_program_takes_the_request_and_the_areas_from_the_mentee_profile(world):
    # given a mentee diagnosed with a methodical difficulty, whose request names the ICT area
    # and is written in the bank profile
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    profile = mentee(world.mentee_a, world.school_a, difficulties=("methodical",))
    profile.request_text = "Хочу научиться вести уроки с цифровыми ресурсами"
    profile.save(update_fields=["request_text"])
    profile.request_areas.set([area("ict_digital")])

    # when a program is formed without direction, goals or expected results
    program = draft_program(world)

    # then they come from the profile: the diagnosed difficulty is addressed, the areas of the
    # difficulty and of the request (an abbreviation kept in capitals) and the request itself
    assert list(program.deficits.values_list("area__code", flat=True)) == ["methodical"]
    assert program.direction == (
        "Преодоление профессиональных затруднений: методические, ИКТ-компетенции, цифровизация образования"
    )
    assert "в областях: методические, ИКТ-компетенции, цифровизация образования." in program.goals
    assert "Запрос наставляемого: Хочу научиться вести уроки с цифровыми ресурсами." in program.goals
    assert "ИКТ-компетенции" in program.expected_results
    assert program_lacks(program, codes=("goals", "expected_results", "deficits")) == []


def test_no_abbreviation_is_lower_cased_in_a_program_paper(world):
    # given a program formed with the defaults for a mentee with an ICT difficulty
    doc = prepare_school(world)
    active_mentor(world.mentor_a, world.school_a, capacity=5)
    mentee(world.mentee_a, world.school_a, difficulties=("ict_digital",))
    program = draft_program(world, curator=doc.curator)
    add_item(program, world.users["curator_a"], title="Практикум по ИКТ")

    # when its paper is drawn up
    text = docx_text(
        document_render(
            kind=DocumentKind.PERSONALIZED_PROGRAM, organization=doc.school, subject=program, date=FIXED_DATE
        )
    )

    # then every abbreviation of the reference areas keeps its capitals wherever it is printed
    abbreviations = {
        word
        for name in area("ict_digital").__class__.objects.values_list("name", flat=True)
        for word in re.findall(r"[А-ЯЁA-Z]{2,}", name)
    }
    assert "ИКТ" in abbreviations
    words = re.findall(r"[А-ЯЁа-яёA-Za-z]+", text)
    assert [w for w in words if w.upper() in abbreviations and w != w.upper()] == []
    assert "ИКТ-компетенции" in text
