"""Matching never pairs across the forms of mentoring (issue 20; seed 003 §4.2): a learner mentee
only with a mentor some form lets guide them, a pupil mentor never with a teacher mentee; two
pedagogical workers are matched as before."""

from __future__ import annotations

import itertools

import pytest

from nastavnik.matching.matrix import PairMatrix
from nastavnik.matching.scoring import (
    NO_RELATIONS,
    MenteeFacts,
    MentorFacts,
    form_guides,
    hard_rule_violations,
    kinds_allowed,
)
from nastavnik.matching.selectors import mentor_candidates, pool_facts
from nastavnik.matching.services import pool_assign
from nastavnik.mentoring.tests.learners import learner, mentee_card, mentor_card
from nastavnik.organizations.choices import OrganizationKind
from nastavnik.people.choices import LearnerKind
from nastavnik.testing import factories as f

#: (mentor kinds, mentee kinds, organization kinds) of «ученик – ученик», «учитель – ученик» and
#: «педагог – педагог», as in the reference.
PUPIL_PUPIL = (["pupil"], ["pupil"], ["school", "college", "supplementary"])
TEACHER_PUPIL = (["worker"], ["pupil", "student"], ["school", "college", "supplementary"])
PEDAGOGUE = (["worker"], ["worker"], [])
FORMS = [PEDAGOGUE, TEACHER_PUPIL, PUPIL_PUPIL]


def mentor(kind: str, *, person_id: int = 1, chosen=None) -> MentorFacts:
    guides = form_guides(kind, chosen, chosen=True) if chosen else form_guides(kind, FORMS, chosen=False)
    return MentorFacts(
        person_id=person_id, name=f"Наставник {person_id}", organization_id=1, kind=kind, guides=guides
    )


def mentee(kind: str, *, person_id: int = 100, organization_kind: str = "school") -> MenteeFacts:
    return MenteeFacts(
        person_id=person_id,
        name=f"Наставляемый {person_id}",
        organization_id=1,
        kind=kind,
        organization_kind=organization_kind,
    )


def test_kinds_allowed_follows_the_forms():
    assert kinds_allowed(mentor("pupil"), mentee("pupil"))
    assert kinds_allowed(mentor("worker"), mentee("pupil"))
    assert kinds_allowed(mentor("worker"), mentee("worker"))
    assert not kinds_allowed(mentor("pupil"), mentee("worker"))
    assert not kinds_allowed(mentor("pupil"), mentee("student"))
    # «ученик – ученик» applies to schools, not to a university by default
    assert not kinds_allowed(mentor("pupil"), mentee("pupil", organization_kind="university"))
    # the forms of the mentor's card hold wherever the mentee is
    assert kinds_allowed(
        mentor("pupil", chosen=[PUPIL_PUPIL]), mentee("pupil", organization_kind="university")
    )
    # a teacher whose card lists only «педагог – педагог» guides no pupil
    assert not kinds_allowed(mentor("worker", chosen=[PEDAGOGUE]), mentee("pupil"))
    # facts built by hand (no guides) keep the old behaviour
    assert kinds_allowed(
        MentorFacts(person_id=1, name="Н", organization_id=1, kind="pupil"), mentee("worker")
    )
    problems = hard_rule_violations(mentor("pupil"), mentee("worker"))
    assert problems == [
        "Ни одна форма наставничества не допускает пару: наставник Наставник 1 — ученик, "
        "наставляемый Наставляемый 100 — педагогический работник"
    ]


def test_the_matrix_holds_the_kinds_rule_as_the_scoring():
    mentors = [mentor(k, person_id=i) for i, k in enumerate(["worker", "pupil", "student"], start=1)]
    mentors.append(mentor("worker", person_id=4, chosen=[PEDAGOGUE]))
    mentees = [mentee(k, person_id=100 + i) for i, k in enumerate(["worker", "pupil", "student"])]
    matrix = PairMatrix(mentors, mentees, NO_RELATIONS)
    block = matrix.full()
    for (i, y), (j, x) in itertools.product(enumerate(matrix.mentees), enumerate(mentors)):
        assert block.admissible[i, j] == (not hard_rule_violations(x, y)), (x.kind, y.kind)
    assert block.admissible.sum() == 5  # worker→worker ×2, worker→pupil, worker→student, pupil→pupil


@pytest.mark.django_db
def test_candidates_of_a_pupil_and_of_a_teacher_never_cross_the_forms(world):
    peer = learner(world.school_a, "Вожатов", grade="10 А", age=16)
    pupil = learner(world.school_a, "Пятиклассников", grade="5 В", age=11)
    mentor_card(peer, world.school_a)
    mentor_card(world.mentor_a, world.school_a)
    # a teacher of school A whose card lists «педагог – педагог» only
    only_teachers = f.staff_member(world.school_a, last_name="Методистова")
    mentor_card(only_teachers, world.school_a, forms=["pedagogue_pedagogue"])
    pupil_card = mentee_card(pupil, world.school_a)
    teacher_card = mentee_card(world.teacher_a, world.school_a)

    offered = {s.mentor.person_id for s in mentor_candidates(mentee=pupil_card)}
    assert offered == {peer.pk, world.mentor_a.pk}
    offered = {s.mentor.person_id for s in mentor_candidates(mentee=teacher_card)}
    assert offered == {world.mentor_a.pk, only_teachers.pk}


@pytest.mark.django_db
def test_the_pool_assignment_never_gives_a_pupil_mentor_to_a_teacher(world):
    peer = learner(world.school_a, "Вожатов", grade="10 А", age=16)
    mentor_card(peer, world.school_a, capacity=5)
    mentee_card(world.teacher_a, world.school_a)
    pupil = learner(world.school_a, "Пятиклассников", grade="5 В", age=11)
    mentee_card(pupil, world.school_a)
    pool = pool_facts(unit=world.school_a)
    assert {m.person_id for m in pool.mentors} == {peer.pk}  # a learner mentor is in the pool
    assert {m.kind for m in pool.mentees} == {"worker", "pupil"}
    result = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    assert [(p.mentor.person_id, p.mentee.person_id) for p in result.pairs] == [(peer.pk, pupil.pk)]
    assert [u.mentee.person_id for u in result.unassigned] == [world.teacher_a.pk]


@pytest.mark.django_db
def test_a_college_pool_pairs_students_with_students(world):
    college = f.OrgUnitFactory(parent=world.muni1, full_name="БУ «Колледж»", kind=OrganizationKind.COLLEGE)
    senior = learner(college, "Старшекурсников", kind=LearnerKind.STUDENT, grade="ТМ-21", age=19)
    junior = learner(college, "Первокурсников", kind=LearnerKind.STUDENT, grade="ТМ-24", age=16)
    mentor_card(senior, college)
    mentee_card(junior, college)
    pool = pool_facts(unit=college)
    result = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    assert [(p.mentor.person_id, p.mentee.person_id) for p in result.pairs] == [(senior.pk, junior.pk)]
