"""Helpers of the mentoring tests: programs built through the services, as a curator would."""

from __future__ import annotations

from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.testing import factories as f


def draft_program(world, *, mentees=None, **fields) -> PersonalizedProgram:
    """A draft program of the persona world: ``mentor_a`` (made an active mentor with written
    consent) with ``mentee_a`` (a mentee with a methodical difficulty), or with ``mentees``
    (people of school A, put into the bank here), created by ``curator_a``. The world's own
    pair of the two, which has no program, is removed first."""
    if not hasattr(world.mentor_a, "mentor_profile"):
        active_mentor(world.mentor_a, world.school_a, capacity=5)
    people = mentees if mentees is not None else [world.mentee_a]
    for person in people:
        if not hasattr(person, "mentee_profile"):
            mentee(person, world.school_a)
    Pair.objects.filter(mentor=world.mentor_a, program__isnull=True).delete()
    curator = fields.get("curator")
    with_titles(world.mentor_a, *people, *([curator] if curator is not None else []))
    return program_create(mentor=world.mentor_a, mentees=people, by=world.users["curator_a"], **fields)


def with_titles(*people, title: str = "учитель") -> None:
    """Give ``people`` without a job title one on their cards (a program is approved, and
    printed, only with its participants' positions: ``selectors.readiness.program_lacks``)."""
    from nastavnik.people.models import Person

    Person.objects.filter(pk__in=[p.pk for p in people], job_title="", position__isnull=True).update(
        job_title=title
    )
    for person in people:
        person.refresh_from_db(fields=["job_title"])


def second_mentee(world, last_name: str = "Новикова"):
    """Another young teacher of school A (not yet in the bank)."""
    return f.staff_member(world.school_a, last_name=last_name)
