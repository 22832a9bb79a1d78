"""Confirming suggested pairs (each a pair with the draft of its program; written consents, hard
rules, all or nothing) and the psychologist's compatibility marks (their scope)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.access.choices import PERMISSIONS, Role
from nastavnik.bank.choices import MentorStatus
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.matching.choices import Compatibility
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.selectors import mentor_candidates, pool_facts
from nastavnik.matching.services import compatibility_mark_set, pair_suggestions_confirm, pool_assign
from nastavnik.matching.tests.bank import active_mentor, mentee
from nastavnik.mentoring.choices import EventKind, ProgramFormat, ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram, ProgramEvent
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world):
    """Two mentees of school A (Афанасьева, Юнова) and two free mentors (Наставникова has one
    place left, Опытнова two)."""
    young = f.staff_member(world.school_a, last_name="Юнова")
    experienced = f.staff_member(world.school_a, last_name="Опытнова")
    return {
        "teacher": mentee(world.teacher_a, world.school_a),
        "young": mentee(young, world.school_a, difficulties=("ict_digital",)),
        "mentor": active_mentor(world.mentor_a, world.school_a),
        "experienced": active_mentor(experienced, world.school_a, levels={"ict_digital": 5}),
    }


def top(world, profile):
    return mentor_candidates(mentee=profile)[0]


def test_confirmed_suggestions_become_pairs_with_draft_programs_of_the_mentees_organization(world, school):
    # given the pool of school A assigned
    pool = pool_facts(unit=world.school_a)
    assignment = pool_assign(mentees=pool.mentees, mentors=pool.mentors, relations=pool.relations)
    assert len(assignment.pairs) == 2 and assignment.proven_optimal
    # when the curator confirms them
    started = timezone.localdate()
    programs = pair_suggestions_confirm(
        suggestions=assignment.pairs, by=world.users["curator_a"], started_on=started
    )
    # then each suggestion is a draft program of school A with its one pair, from today
    assert [p.pairs.get().mentee.last_name for p in programs] == [
        s.mentee.name.split()[0] for s in assignment.pairs
    ]
    pairs = [program.pairs.get() for program in programs]
    assert {(p.mentor.last_name, p.mentee.last_name) for p in pairs} == {
        ("Наставникова", "Афанасьева"),
        ("Опытнова", "Юнова"),
    }
    assert all(p.organization == world.school_a and p.started_on == started for p in pairs)
    for program in programs:
        assert program.organization == world.school_a
        assert program.status == ProgramStatus.DRAFT and program.format == ProgramFormat.PAIR
        event = program.events.get()
        assert event.kind == EventKind.CREATED and event.author == world.users["curator_a"]
    assert Pair.objects.active().filter(mentee=world.teacher_a).count() == 1


def test_a_missing_written_consent_refuses_the_whole_batch_naming_the_person(world, school):
    suggestions = [top(world, school["teacher"]), top(world, school["young"])]
    MenteeProfile.objects.filter(pk=school["young"].pk).update(consent_given_on=None)
    before = Pair.objects.count()
    with pytest.raises(ValidationError) as error:
        pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])
    assert error.value.messages == [
        "Пару «Опытнова Мария Петровна → Юнова Мария Петровна» утвердить нельзя. "
        "Нет письменного согласия наставляемого Юнова Мария Петровна."
    ]
    # all or nothing: not even the first, admissible couple became a pair or a program
    assert Pair.objects.count() == before
    assert not PersonalizedProgram.objects.exists() and not ProgramEvent.objects.exists()


def test_every_refused_couple_of_a_batch_is_reported_at_once(world, school):
    suggestions = [top(world, school["teacher"]), top(world, school["young"])]
    MenteeProfile.objects.filter(pk=school["young"].pk).update(consent_given_on=None)
    MenteeProfile.objects.filter(pk=school["teacher"].pk).update(consent_given_on=None)
    with pytest.raises(ValidationError) as error:
        pair_suggestions_confirm(suggestions=suggestions, by=world.users["curator_a"])
    assert len(error.value.messages) == 2
    assert "Афанасьева" in error.value.messages[0] and "Юнова" in error.value.messages[1]
    assert not PersonalizedProgram.objects.exists()


def test_a_missing_written_consent_of_the_mentor_refuses_the_pair(world, school):
    suggestion = top(world, school["teacher"])
    MentorProfile.objects.filter(person=suggestion.mentor.person_id).update(consent_given_on=None)
    with pytest.raises(ValidationError, match="Нет письменного согласия наставника Наставникова"):
        pair_suggestions_confirm(suggestions=[suggestion], by=world.users["curator_a"])


def test_a_hard_rule_failing_since_the_suggestion_refuses_the_pair(world, school):
    # given two suggestions of the mentor who has one place left
    first = top(world, school["teacher"])
    second = next(
        c for c in mentor_candidates(mentee=school["young"]) if c.mentor.name.startswith("Наставникова")
    )
    with pytest.raises(ValidationError) as error:
        pair_suggestions_confirm(suggestions=[first, second], by=world.users["curator_a"])
    assert "нет свободных мест: занято 2 из 2" in error.value.messages[0]
    # and a mentor paused after the suggestion
    MentorProfile.objects.filter(pk=school["mentor"].pk).update(status=MentorStatus.PAUSED)
    with pytest.raises(ValidationError, match="не действующий наставник"):
        pair_suggestions_confirm(suggestions=[first], by=world.users["curator_a"])
    assert not Pair.objects.filter(mentee=world.teacher_a).exists()


def test_the_same_pair_twice_and_a_working_pair_are_refused(world, school):
    suggestion = top(world, school["teacher"])
    with pytest.raises(ValidationError, match="указана дважды"):
        pair_suggestions_confirm(suggestions=[suggestion, suggestion], by=world.users["curator_a"])
    pair_suggestions_confirm(suggestions=[suggestion], by=world.users["curator_a"])
    with pytest.raises(ValidationError, match="уже работают в паре"):
        pair_suggestions_confirm(suggestions=[suggestion], by=world.users["curator_a"])


def test_an_empty_batch_is_refused(world, school):
    # access is the pages' concern (scoped querysets); the service refuses an empty batch
    with pytest.raises(ValidationError, match="Не выбрано ни одной пары"):
        pair_suggestions_confirm(suggestions=[], by=world.users["curator_a"])
    assert not Pair.objects.filter(mentee=world.teacher_a).exists()


def test_a_new_mark_replaces_the_old_one(world, school):
    psychologist = f.UserFactory(username="psychologist_a")
    f.RoleAssignmentFactory(user=psychologist, org_unit=world.school_a, role=Role.PSYCHOLOGIST)
    compatibility_mark_set(
        mentor=world.mentor_a, mentee=world.teacher_a, mark=Compatibility.RATHER_INCOMPATIBLE, by=psychologist
    )
    mark = compatibility_mark_set(
        mentor=world.mentor_a,
        mentee=world.teacher_a,
        mark=Compatibility.COMPATIBLE,
        by=psychologist,
        comment="Повторная беседа",
    )
    assert CompatibilityMark.objects.get() == mark
    assert mark.get_mark_display() == "совместимы" and mark.organization == world.school_a
    with pytest.raises(ValidationError):
        compatibility_mark_set(mentor=world.mentor_a, mentee=world.teacher_a, mark=0, by=psychologist)
    with pytest.raises(ValidationError, match="нет в банке наставляемых"):
        compatibility_mark_set(mentor=world.mentor_a, mentee=world.teacher_b, mark=1, by=psychologist)
    with pytest.raises(ValidationError, match="в будущем"):
        compatibility_mark_set(
            mentor=world.mentor_a,
            mentee=world.teacher_a,
            mark=1,
            by=psychologist,
            marked_on=timezone.localdate() + dt.timedelta(days=1),
        )


def test_marks_are_seen_in_the_mentees_organization_and_above_but_not_by_the_pair(world, school):
    psychologist = f.UserFactory(username="psychologist_a")
    f.RoleAssignmentFactory(user=psychologist, org_unit=world.school_a, role=Role.PSYCHOLOGIST)
    compatibility_mark_set(mentor=world.mentor_a, mentee=world.teacher_a, mark=1, by=psychologist)
    assert PERMISSIONS["compatibilitymark"]["add"] == {Role.PSYCHOLOGIST, Role.CURATOR}
    for name in ("operator", "coordinator", "head_a", "curator_a"):
        assert CompatibilityMark.objects.for_user(world.users[name]).count() == 1, name
    assert CompatibilityMark.objects.for_user(psychologist, "change").count() == 1
    for name in ("curator_b", "mentor_a", "mentee_a", "anonymous"):
        assert CompatibilityMark.objects.for_user(world.users[name]).count() == 0, name
    assert CompatibilityMark.objects.for_user(world.users["head_a"], "change").count() == 0
