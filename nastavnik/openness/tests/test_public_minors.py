"""The public pages never list a minor learner (issue 20 «Done when»; seed 002 §10, 152-ФЗ
art. 9): not the public open bank, not a public card, not the sitemap, not the section of the
organization — even a minor who consented to the distribution (152-ФЗ art. 10.1) and asked to be
published, and who works in the organization, so that the signed-in open bank's conditions all
hold for them (``openness.selectors.public_mentors``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.core.tests.test_persona_matrix import text_of
from nastavnik.openness.tests.public_bank_world import open_bank_mentor

pytestmark = pytest.mark.django_db


def _minor_public_mentor(school):
    """A pupil of 16 who also works in ``school`` (a laboratory assistant) and mentors peers,
    published in the open bank with the consent to distribution (152-ФЗ art. 10.1) — everything
    a public card needs but being an adult."""
    from nastavnik.people.models import Learner

    today = timezone.localdate()
    born = today.replace(year=today.year - 16, day=1) - dt.timedelta(days=60)
    profile = open_bank_mentor(school, "Юнцова", birth_date=born)
    Learner.objects.create(person=profile.person, organization=school, kind="pupil", grade="10 А")
    return profile


def mentor_of(world):
    """``mentor_a`` as an active mentor of school A with free places (the matching tests' way)."""
    from nastavnik.matching.tests.bank import active_mentor

    active_mentor(world.mentor_a, world.school_a, capacity=3)
    return world.mentor_a


def test_public_bank_never_lists_a_minor(world, client):
    # given a minor pupil of school A who works there, mentors peers and consented to be published
    from nastavnik.openness.selectors.public_mentors import public_mentors

    adult = open_bank_mentor(world.school_a, "Взрослова")
    minor = _minor_public_mentor(world.school_a)

    # when the public open bank, the card and the sitemap are read without sign-in
    listed = set(public_mentors().values_list("pk", flat=True))
    search = client.get("/mentors/")
    card = client.get(f"/mentors/{minor.pk}/")
    sitemap = client.get("/sitemap.xml")

    # then the adult mentor is public and the minor is nowhere
    assert adult.pk in listed and minor.pk not in listed
    assert "Взрослова" in text_of(search) and "Юнцова" not in text_of(search)
    assert card.status_code == 404
    assert f"/mentors/{adult.pk}/" in text_of(sitemap)
    assert f"/mentors/{minor.pk}/" not in text_of(sitemap)


@pytest.fixture
def school_url(world) -> str:
    """The public address of school A's section, published with its municipality's and the
    region's."""
    from nastavnik.openness.services import sections as services

    school = services.section_for(world.school_a)
    for section in (services.section_for(world.region), school.parent, school):
        services.section_publish(section, by=None)
    return f"/o/{school.parent.slug}/{school.slug}/"


def test_section_of_the_school_names_no_minor(school_url, world):
    # given school A's published section, a public adult mentor, the minor public mentor and a
    # minor mentee of 13 in a «учитель – ученик» pair with mentor_a (her representative with her)
    from nastavnik.testing.minors import MINOR_STEM, REPRESENTATIVE_STEM, minor_in_pair

    open_bank_mentor(world.school_a, "Публикуева")
    _minor_public_mentor(world.school_a)
    minor_in_pair(school=world.school_a, mentor=mentor_of(world), keeper=None)
    # when an anonymous visitor reads the section and the sitemap
    page = text_of(Client().get(school_url))
    sitemap = text_of(Client().get("/sitemap.xml"))

    # then the adult public mentor is there, and no minor nor representative is named
    assert "Публикуева" in page
    for stem in ("Юнцова", MINOR_STEM, REPRESENTATIVE_STEM):
        assert stem not in page
        assert stem not in sitemap
