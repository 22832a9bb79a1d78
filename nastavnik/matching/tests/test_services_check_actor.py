"""The compatibility mark checks its actor itself (issue 13, «one rights model»): only the
psychologist and the curator of the organization record marks (seed 000 §3.5,
``PERMISSIONS["compatibilitymark"]``); the mentor of school A, the curator of school B and the
coordinator (who sees the marks) get ``PermissionDenied`` and no mark is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from nastavnik.bank.services import mentee_profile_create, mentor_profile_create
from nastavnik.matching.choices import Compatibility
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.services import compatibility_mark_set
from nastavnik.reference.models import MenteeCategory

pytestmark = pytest.mark.django_db


def test_a_compatibility_mark_is_recorded_only_by_who_may(world):
    mentor = world.teacher_a
    mentee = world.mentee_a
    mentor_profile_create(person=mentor, organization=world.school_a)
    mentee_profile_create(
        person=mentee, organization=world.school_a, categories=[MenteeCategory.objects.first()]
    )

    def mark(by):
        return compatibility_mark_set(mentor=mentor, mentee=mentee, mark=Compatibility.COMPATIBLE, by=by)

    for outsider in ("mentor_a", "curator_b", "coordinator"):
        with pytest.raises(PermissionDenied):
            mark(world.users[outsider])
        assert not CompatibilityMark.objects.exists(), outsider
    assert mark(world.users["curator_a"]).author == world.users["curator_a"]


def test_confirming_suggestions_checks_the_actor_for_every_couple(world):
    """``pair_suggestions_confirm`` forms pairs through ``program_create``, which checks the
    ``pair`` right in the mentee's organization: another school's curator and a mentor are
    refused and no pair or program is written."""
    from nastavnik.matching.selectors import pool_facts
    from nastavnik.matching.services import pair_suggestions_confirm, pool_assign
    from nastavnik.matching.tests.bank import active_mentor, mentee
    from nastavnik.mentoring.models import Pair, PersonalizedProgram

    mentee(world.teacher_a, world.school_a)
    active_mentor(world.mentor_a, world.school_a)
    pool = pool_facts(unit=world.school_a)
    suggestions = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations).pairs
    assert suggestions
    before = (Pair.objects.count(), PersonalizedProgram.objects.count())
    for outsider in ("mentor_a", "curator_b"):
        with pytest.raises(PermissionDenied):
            pair_suggestions_confirm(suggestions=suggestions, by=world.users[outsider])
        assert (Pair.objects.count(), PersonalizedProgram.objects.count()) == before
    assert len(pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])) == len(
        suggestions
    )
