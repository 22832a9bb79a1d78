"""The demo of the learners' contour (issue 20): school A's class «7 Б» and «10 А» with their
legal representatives and consents (one withdrawn), the pairs of every learners' form formed
through the services, completed with the full cycle, the college's partner with its agreements
and the employer's mentor of the external contour, the contingents of the region — and nothing
about a minor in the public open bank; the delete removes all of it."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from nastavnik.access.models import RoleAssignment
from nastavnik.bank.choices import Contour, MentorPool
from nastavnik.bank.models import MenteeProfile, MentorProfile, PersonalDataConsent
from nastavnik.demo.learners import PUPIL_LOGIN, PUPILS_GRADE, SENIORS_GRADE
from nastavnik.demo.testing import demo_loaded
from nastavnik.mentoring.choices import ProgramStatus
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.organizations.models import OrgUnit, Partner, PartnerAgreement
from nastavnik.people.choices import NonStaffCategory
from nastavnik.people.models import Learner, LegalRepresentative, NonStaffParticipant

pytestmark = pytest.mark.django_db

TEACHERS = 300


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo region loaded once for the module, in a transaction rolled back after it."""
    with django_db_blocker.unblock(), demo_loaded(teachers=TEACHERS) as region:
        yield region


def _unit(login: str) -> OrgUnit:
    return RoleAssignment.objects.select_related("org_unit").get(user__username=login).org_unit


@pytest.fixture
def school_a(demo):
    return _unit("curator")


@pytest.fixture
def college(demo):
    return _unit("curator_spo")


def _pairs(code: str):
    return Pair.objects.filter(program__mentoring_form__code=code)


def test_school_a_has_its_classes_each_minor_with_a_primary_representative_and_consent(school_a):
    pupils = Learner.objects.filter(organization=school_a)
    assert pupils.filter(grade=PUPILS_GRADE).count() == 25
    assert pupils.filter(grade=SENIORS_GRADE).count() == 5
    assert all(learner.is_minor(timezone.localdate()) for learner in pupils)
    assert LegalRepresentative.objects.filter(learner__in=pupils, is_primary=True).count() == 30
    consents = PersonalDataConsent.objects.filter(person__learner__in=pupils)
    assert consents.count() == 30
    assert set(consents.values_list("person_id", flat=True)) == set(
        pupils.values_list("person_id", flat=True)
    )
    assert not consents.filter(representative__isnull=True).exists()
    withdrawn = consents.filter(withdrawn_on__isnull=False)
    assert withdrawn.count() == 1
    assert not Pair.objects.filter(mentee_id=withdrawn.get().person_id).exists()


def test_the_seventh_graders_are_in_the_base_of_mentees_with_their_requests(school_a):
    mentees = MenteeProfile.objects.filter(person__learner__grade=PUPILS_GRADE, organization=school_a)
    assert mentees.count() == 25
    assert not mentees.filter(request_text="").exists()


def test_two_tenth_graders_mentor_their_peers_and_one_has_an_account(school_a):
    mentors = MentorProfile.objects.filter(person__learner__organization=school_a)
    assert mentors.count() == 2
    assert set(mentors.values_list("pool", "contour", "status")) == {
        (MentorPool.PEERS, Contour.INTERNAL, "active")
    }
    assert not mentors.filter(questionnaire="").exists() and not mentors.filter(interview_notes="").exists()
    user = get_user_model().objects.get(username=PUPIL_LOGIN)
    assert user.person.learner.grade == SENIORS_GRADE
    assert user.person.age(timezone.localdate()) >= 15
    assert RoleAssignment.objects.get(user=user).org_unit == school_a


def test_pairs_of_every_learners_form_through_the_services(demo):
    assert _pairs("pupil_pupil").count() == 3
    assert _pairs("teacher_pupil").count() == 2
    assert _pairs("employer_student").count() == 2
    assert _pairs("student_student").count() == 1
    programs = PersonalizedProgram.objects.filter(pairs__mentee__learner__isnull=False).distinct()
    assert programs.count() == 8
    assert set(programs.values_list("status", flat=True)) == {ProgramStatus.ACTIVE, ProgramStatus.COMPLETED}
    teacher_mentor = _pairs("teacher_pupil").first().mentor
    assert teacher_mentor.employments.exists() and not hasattr(teacher_mentor, "learner_cache")


def test_two_programs_completed_with_the_full_cycle_mark(demo):
    completed = PersonalizedProgram.objects.filter(
        status=ProgramStatus.COMPLETED, pairs__mentee__learner__isnull=False
    ).distinct()
    assert set(completed.values_list("mentoring_form__code", flat=True)) == {"pupil_pupil", "teacher_pupil"}
    mentees = Pair.objects.filter(program__in=completed).values("mentee_id")
    assert (
        MenteeProfile.objects.filter(
            person_id__in=mentees, full_cycle_completed_on=timezone.localdate()
        ).count()
        == 2
    )


def test_the_college_has_a_partner_with_agreements_and_an_employer_mentor(college):
    partner = Partner.objects.get(unit=college)
    today = timezone.localdate()
    agreements = list(PartnerAgreement.objects.filter(partner=partner))
    assert sorted(a.in_force(today) for a in agreements) == [False, True]
    participant = NonStaffParticipant.objects.get(organization=college)
    assert (participant.category, participant.partner) == (NonStaffCategory.EMPLOYER, partner)
    profile = MentorProfile.objects.get(person=participant.person)
    assert (profile.contour, profile.pool) == (Contour.EXTERNAL, MentorPool.EMPLOYERS)
    assert set(_pairs("employer_student").values_list("mentor_id", flat=True)) == {participant.person_id}
    assert Learner.objects.filter(organization=college).count() == 15


def test_the_contingents_of_the_region(demo):
    from django.apps import apps

    try:
        contingent = apps.get_model("monitoring", "LearnerContingent")
    except LookupError:
        pytest.skip("the contingent of learners is not installed")
    year = timezone.localdate().year
    rows = contingent.objects.filter(organization__path__startswith=demo.path)
    schools = OrgUnit.objects.filter(path__startswith=demo.path, kind="school").count()
    assert rows.filter(year=year, organization__kind="school").count() == schools
    assert rows.filter(year=year - 1).count() == rows.filter(year=year).count()
    assert all(
        300 <= n <= 1240 for n in rows.filter(organization__kind="school").values_list("learners", flat=True)
    )
    assert not rows.filter(organization__kind="kindergarten").exists()


def test_no_minor_in_the_public_open_bank(demo):
    from nastavnik.openness.selectors.public_mentors import public_mentors

    public = public_mentors(today=timezone.localdate())
    assert public.exists()
    assert not public.filter(person__learner__isnull=False).exists()


def test_the_delete_removes_the_learners_partners_and_the_pupils_account(demo):
    from nastavnik.demo.services import demo_region_delete

    demo_region_delete()
    assert not Learner.objects.exists()
    assert not LegalRepresentative.objects.exists()
    assert not NonStaffParticipant.objects.exists()
    assert not Partner.objects.exists() and not PartnerAgreement.objects.exists()
    assert not get_user_model().objects.filter(username=PUPIL_LOGIN).exists()
    assert not OrgUnit.objects.filter(path__startswith=demo.path).exists()
