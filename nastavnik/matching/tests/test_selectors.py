"""Candidate mentors of one mentee and the pool of a unit, loaded from the database."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.development.choices import DeficitLevel, DeficitSource
from nastavnik.development.models import Deficit
from nastavnik.matching.choices import Compatibility
from nastavnik.matching.scoring import hard_rule_violations
from nastavnik.matching.selectors import (
    current_deficits,
    deficit_levels,
    mentee_facts,
    mentor_candidates,
    pool_facts,
    relations_for,
)
from nastavnik.matching.services import compatibility_mark_set
from nastavnik.matching.tests.bank import active_mentor, mentee, published
from nastavnik.reference.models import CompetenceArea, MentoringKind, Subject
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def names(candidates):
    return [c.mentor.name.split()[0] for c in candidates]


def test_a_mentor_of_school_b_is_suggested_to_a_mentee_of_a_only_for_the_virtual_kind(world):
    # given a mentee of school A (municipality 1) and a mentor of school B (municipality 2),
    # published in the open bank
    profile = mentee(world.teacher_a, world.school_a)
    mentor_b = published(active_mentor(world.teacher_b, world.school_b, levels={"methodical": 5}))
    # then the mentor of B is not a candidate
    assert "Борисова" not in names(mentor_candidates(mentee=profile))
    # when the mentor of B lists the virtual kind
    mentor_b.kinds.add(MentoringKind.objects.get(code="virtual"))
    candidates = mentor_candidates(mentee=profile)
    # then she is, with the reason
    far = next(c for c in candidates if c.mentor.name.startswith("Борисова"))
    assert (
        "Другое муниципальное образование, но наставник работает в виртуальном виде — 0" in far.score.lines()
    )


def test_a_mentor_of_another_organization_is_a_candidate_only_through_the_open_bank(world):
    # given a mentee of school A and a strong mentor of school C in the same municipality,
    # and a virtual mentor of school B (another municipality), none of them published
    profile = mentee(world.teacher_a, world.school_a)
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    neighbour = active_mentor(
        f.staff_member(school_c, last_name="Соседова"), school_c, levels={"methodical": 5}
    )
    far = active_mentor(world.teacher_b, world.school_b, levels={"methodical": 5}, kinds=["virtual"])
    own = active_mentor(world.mentor_a, world.school_a, levels={"methodical": 1})
    # then only the mentor of the mentee's own organization is a candidate, unpublished as she is
    assert not own.publish_in_open_bank
    assert names(mentor_candidates(mentee=profile)) == ["Наставникова"]
    # when the two of other schools are published in the open bank
    published(neighbour)
    published(far)
    # then they are candidates too
    assert sorted(names(mentor_candidates(mentee=profile))) == ["Борисова", "Наставникова", "Соседова"]
    # and a published mentor who left her school is not (nor in the open bank)
    world.teacher_b.employments.update(ended_on=timezone.localdate() - dt.timedelta(days=1))
    assert "Борисова" not in names(mentor_candidates(mentee=profile))


def test_same_organization_and_same_municipality_are_candidates_best_first(world):
    profile = mentee(world.teacher_a, world.school_a, difficulties=("methodical", "ict_digital"))
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    active_mentor(world.mentor_a, world.school_a, levels={"methodical": 3})
    neighbour = f.staff_member(school_c, last_name="Соседова")
    published(active_mentor(neighbour, school_c, levels={"methodical": 5, "ict_digital": 5}))
    candidates = mentor_candidates(mentee=profile)
    assert names(candidates) == ["Соседова", "Наставникова"]
    best, second = candidates
    assert "Другая организация того же муниципального образования — +5" in best.score.lines()
    assert "Та же организация — +10" in second.score.lines()
    assert "Загрузка 1 из 2 — −5" in second.score.lines()  # mentor_a already mentors mentee_a
    assert best.score.total > second.score.total
    for candidate in candidates:
        assert hard_rule_violations(candidate.mentor, candidate.mentee) == []


def test_the_latest_deficit_of_each_area_is_scored_and_a_critical_one_weighs_more(world):
    # given a mentee of the bank with a marked methodical deficit (the card), found critical by a
    # tutor's diagnosis later, and a minor ICT one self-assessed in a questionnaire
    profile = mentee(world.teacher_a, world.school_a, difficulties=("methodical",))
    methodical, ict = (CompetenceArea.objects.get(code=c) for c in ("methodical", "ict_digital"))
    today = timezone.localdate()
    for area, level, source in (
        (methodical, DeficitLevel.CRITICAL, DeficitSource.TUTOR),
        (ict, DeficitLevel.MINOR, DeficitSource.QUESTIONNAIRE),
    ):
        Deficit.objects.create(
            person=world.teacher_a,
            organization=world.school_a,
            area=area,
            level=level,
            source=source,
            diagnosed_on=today - dt.timedelta(days=1),
        )
    # then the facts hold the latest level of each area, and the page lists them, critical first
    assert deficit_levels([world.teacher_a.pk]) == {world.teacher_a.pk: {methodical.name: 3, ict.name: 1}}
    (facts,) = mentee_facts(MenteeProfile.objects.filter(pk=profile.pk))
    assert facts.deficits == {methodical.name: 3, ict.name: 1}
    assert [(d.area, d.level, d.source) for d in current_deficits(world.teacher_a.pk)] == [
        (methodical, 3, DeficitSource.TUTOR),
        (ict, 1, DeficitSource.QUESTIONNAIRE),
    ]
    # given two mentors, strong in one area each
    active_mentor(world.mentor_a, world.school_a, levels={"methodical": 5, "ict_digital": 3})
    digital = active_mentor(
        f.staff_member(world.school_a, last_name="Цифрова"),
        world.school_a,
        levels={"methodical": 3, "ict_digital": 5},
    )
    # then the one strong in the critical area gains more for the deficits (4 × 5 + 3 × 3 against 4 × 3 + 3 × 5)
    lines = {
        c.mentor.person_id: [r for r in c.score.reasons if r.criterion == "difficulty"]
        for c in mentor_candidates(mentee=profile)
    }
    (strong,) = lines[world.mentor_a.pk]
    (other,) = lines[digital.person_id]
    assert strong.points == 29 and other.points == 27
    assert strong.text == (
        "Закрывает затруднения: методические (критический дефицит, уровень наставника 5); "
        "ИКТ-компетенции, цифровизация образования (незначительный дефицит, уровень наставника 3) — +29"
    )


def test_mentors_failing_a_hard_rule_are_never_candidates(world):
    profile = mentee(world.teacher_a, world.school_a)
    # the mentor of mentee_a, full after a second pair
    active_mentor(world.mentor_a, world.school_a, capacity=1)
    # a paused mentor, one without a consent to personal-data processing, the mentee herself
    paused = active_mentor(f.staff_member(world.school_a, last_name="Паузова"), world.school_a)
    paused.status = MentorStatus.PAUSED
    paused.save()
    withdrawn = f.staff_member(world.school_a, last_name="Отозвавшая")
    active_mentor(withdrawn, world.school_a)
    PersonalDataConsent.objects.filter(person=withdrawn).update(withdrawn_on=timezone.localdate())
    active_mentor(world.teacher_a, world.school_a)
    # a mentor already working with her
    partner = f.staff_member(world.school_a, last_name="Партнёрова")
    active_mentor(partner, world.school_a)
    f.PairFactory(mentor=partner, mentee=world.teacher_a, organization=world.school_a)
    fine = f.staff_member(world.school_a, last_name="Годная")
    active_mentor(fine, world.school_a)
    assert names(mentor_candidates(mentee=profile)) == ["Годная"]


def test_a_mentee_without_a_consent_to_personal_data_processing_gets_no_candidates(world):
    profile = mentee(world.teacher_a, world.school_a)
    active_mentor(f.staff_member(world.school_a, last_name="Годная"), world.school_a)
    PersonalDataConsent.objects.filter(person=world.teacher_a).update(withdrawn_on=timezone.localdate())
    assert mentor_candidates(mentee=profile) == []


def test_earlier_pairs_marks_and_missing_written_consents_are_explained(world):
    profile = mentee(world.teacher_a, world.school_a, consent_given_on=None)
    mentor = active_mentor(world.mentor_a, world.school_a)
    f.PairFactory(
        mentor=world.mentor_a,
        mentee=world.teacher_a,
        organization=world.school_a,
        started_on=dt.date(2024, 9, 1),
        ended_on=dt.date(2025, 5, 31),
    )
    compatibility_mark_set(
        mentor=world.mentor_a,
        mentee=world.teacher_a,
        mark=Compatibility.COMPATIBLE,
        by=world.users["curator_a"],
    )
    MentorProfile.objects.filter(pk=mentor.pk).update(consent_given_on=None)
    (candidate,) = mentor_candidates(mentee=profile)
    lines = candidate.score.lines()
    assert "Уже были в паре (до 31.05.2025) — −15" in lines
    assert "Психолог: совместимы — +10" in lines
    assert any(line.startswith("Нет письменного согласия наставника Наставникова") for line in lines)
    assert any(line.startswith("Нет письменного согласия наставляемого Афанасьева") for line in lines)


def test_mentor_candidates_takes_a_fixed_number_of_queries(world):
    profile = mentee(world.teacher_a, world.school_a, difficulties=("methodical", "legal"))
    active_mentor(world.mentor_a, world.school_a)
    with CaptureQueriesContext(connection) as few:
        assert len(mentor_candidates(mentee=profile)) == 1
    for k in range(12):
        person = f.staff_member(world.school_a, last_name=f"Наставница{k}")
        person.subjects.add(*Subject.objects.all()[:2])
        active_mentor(
            person, world.school_a, levels={"methodical": 3, "legal": 2}, kinds=["virtual", "reverse"]
        )
    with CaptureQueriesContext(connection) as many:
        assert len(mentor_candidates(mentee=profile, limit=5)) == 5
    assert len(many) == len(few) == 11


def test_pool_facts_of_a_school_and_of_a_municipality(world):
    mentee(world.teacher_a, world.school_a)
    mentee(world.mentee_a, world.school_a)  # already in a working pair: not in the pool
    active_mentor(world.mentor_a, world.school_a)
    school_c = f.OrgUnitFactory(parent=world.muni1, full_name="МБОУ «Гимназия № 3»")
    active_mentor(f.staff_member(school_c, last_name="Соседова"), school_c)
    active_mentor(world.teacher_b, world.school_b)
    with CaptureQueriesContext(connection) as queries:
        school = pool_facts(unit=world.school_a)
    assert len(queries) == 12
    assert [m.name.split()[0] for m in school.mentees] == ["Афанасьева"]
    assert [m.name.split()[0] for m in school.mentors] == ["Наставникова"]
    assert school.mentors[0].load == 1 and school.mentors[0].capacity == 2
    municipality = pool_facts(unit=world.muni1)
    assert sorted(m.name.split()[0] for m in municipality.mentors) == ["Наставникова", "Соседова"]
    assert (world.mentor_a.pk, world.mentee_a.pk) not in municipality.relations.active  # mentee_a not in pool
    assert (world.mentor_a.pk, world.mentee_a.pk) in relations_for(mentee_ids=[world.mentee_a.pk]).active


def test_a_mentor_who_left_the_organization_is_no_longer_suggested(world):
    # given a mentor of school A and a mentee there
    profile = mentee(world.teacher_a, world.school_a)
    active_mentor(world.mentor_a, world.school_a, levels={"methodical": 5}, capacity=3)
    assert "Наставникова" in names(mentor_candidates(mentee=profile))
    assert [m.person_id for m in pool_facts(unit=world.school_a).mentors] == [world.mentor_a.pk]
    # when she is dismissed from the school (her bank card stays)
    world.mentor_a.employments.update(ended_on=timezone.localdate() - dt.timedelta(days=1))
    # then she is not a candidate any more, nor in the pool of the school or of the municipality
    assert "Наставникова" not in names(mentor_candidates(mentee=profile))
    assert pool_facts(unit=world.school_a).mentors == []
    assert world.mentor_a.pk not in [m.person_id for m in pool_facts(unit=world.muni1).mentors]
    # and working in another organization does not count for the card of this one
    f.EmploymentFactory(person=world.mentor_a, organization=world.school_b)
    assert pool_facts(unit=world.school_a).mentors == []
