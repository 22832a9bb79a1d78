"""The demo loader at the size of a region on SQLite (issue 16): «Expression tree is too large»
at 46,000 teachers. A prefetch of a foreign key (``difficulties__mentee``) is, on SQLite under
Django 5.2, an OR of one equality per distinct target — refused past 1,000 — and a list of ids
of every program of the region is as long as the region. The loader names the region's rows by
subqueries and joins instead; this test feeds it a program with 1,200 mentees' difficulties."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from nastavnik.bank.models import MenteeProfile
from nastavnik.demo.monitoring import MENTEE_BEFORE, _program_answers, _questionnaires, _Writer
from nastavnik.development.choices import DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.monitoring.models import Answer, Assignment
from nastavnik.reference.models import CompetenceArea, MentoringForm
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db

#: More mentees than SQLite's expression depth (1,000) allows in an OR chain.
MENTEES = 1200


def test_the_programs_answers_take_a_program_of_thousands_of_difficulties(world):
    # given an active program of school A addressing the difficulties of 1,200 mentees
    today = timezone.localdate()
    school = world.school_a
    program = PersonalizedProgram.objects.create(
        organization=school,
        mentoring_form=MentoringForm.objects.first(),
        direction="Методическая работа",
        goals="Освоение методики",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=200),
        status=ProgramStatus.ACTIVE,
    )
    people = f.people_in_bulk(MENTEES, last_name="Ивлева", first=500_000, birth_date=dt.date(1995, 1, 1))
    profiles = MenteeProfile.objects.bulk_create(MenteeProfile(person=p, organization=school) for p in people)
    area = CompetenceArea.objects.first()
    difficulties = Deficit.objects.bulk_create(
        Deficit(
            person_id=m.person_id,
            organization_id=m.organization_id,
            area=area,
            source=DeficitSource.SELF_DIAGNOSIS,
            diagnosed_on=today,
        )
        for m in profiles
    )
    program.deficits.add(*difficulties)
    Pair.objects.create(
        mentor=world.mentor_a,
        mentee=people[0],
        organization=school,
        program=program,
        started_on=program.starts_on,
    )

    # when the loader writes the answers before the programs of the region
    forms = _questionnaires()
    writer = _Writer(rng=random.Random(1), today=today)
    _program_answers(writer, region=world.region, forms=forms)
    writer.write()

    # then it went through (no «Expression tree is too large»): the mentee has answered «before»
    # or owes the answer
    mine = {"program": program, "person": people[0], "questionnaire": forms[MENTEE_BEFORE]}
    assert Answer.objects.filter(**mine).exists() or Assignment.objects.filter(**mine).exists()
