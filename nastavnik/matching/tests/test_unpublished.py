"""What a mentor of another organization did not publish in the open bank neither scores nor
shows (issue 13: the explanation scored the experience it said was unpublished)."""

from __future__ import annotations

import pytest
from django.test import Client

from nastavnik.bank.services import mentor_publication_set
from nastavnik.matching.explain import UNPUBLISHED
from nastavnik.matching.selectors import mentor_candidates
from nastavnik.matching.tests.bank import active_mentor, mentee, published
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(world):
    """A mentor of school C (municipality 1) with 30 years of experience, published with her
    competences only; a young mentee of school A with 1 year."""
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    person = f.staff_member(
        school_c, last_name="Соседова", pedagogical_experience_years=30, total_experience_years=32
    )
    profile = published(active_mentor(person, school_c, levels={"methodical": 5}, capacity=3))
    mentor_publication_set(profile=profile, publish=True, public_fields=["competences"])
    young = mentee(
        f.staff_member(
            world.school_a, last_name="Юнова", pedagogical_experience_years=1, total_experience_years=1
        ),
        world.school_a,
    )
    return profile, young


def _candidate(mentee_profile, mentor_profile):
    return next(
        c for c in mentor_candidates(mentee=mentee_profile) if c.mentor.profile_id == mentor_profile.pk
    )


def test_unpublished_experience_is_not_scored(neighbour):
    profile, young = neighbour

    # when the young teacher's candidates are scored
    candidate = _candidate(young, profile)

    # then the neighbour's experience is unknown: no points for it; her published competences count
    experience = [r for r in candidate.score.reasons if r.criterion.startswith("experience")]
    assert [r.points for r in experience] == [0]
    assert any(r.criterion == "difficulty" and r.points > 0 for r in candidate.score.reasons)
    assert candidate.score.total == sum(r.points for r in candidate.score.reasons)

    # and once she publishes it, the 29 years of difference count
    mentor_publication_set(profile=profile, publish=True, public_fields=["competences", "experience"])
    assert next(r.points for r in _candidate(young, profile).score.reasons if r.criterion == "experience") > 0


def test_the_page_shows_no_points_for_what_it_calls_unpublished(world, neighbour):
    profile, young = neighbour
    client = Client()
    client.force_login(world.users["curator_a"])

    # when the curator of school A opens the candidates of the young teacher
    response = client.get(f"/matching/mentees/{young.pk}/")

    # then every line the page calls unpublished has scored nothing
    row = next(r for r in response.context["rows"] if r.suggestion.mentor.profile_id == profile.pk)
    hidden = [line for line in row.lines if line.text == UNPUBLISHED]
    assert hidden and all(line.points == 0 for line in hidden)
