"""Pairs of learners through the same program machinery as teachers' (issue 20; seed 003 §4.2,
§4.4–4.7, 002 §9–10): the form of mentoring decides who may be paired; learners' wording of a
new program; completion, meetings and who sees a minor's program."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.bank.models import MenteeProfile
from nastavnik.mentoring.choices import MeetingStatus, ProgramStatus
from nastavnik.mentoring.models import Meeting, Pair, PersonalizedProgram
from nastavnik.mentoring.services.completion import program_complete
from nastavnik.mentoring.services.meetings import meeting_reminders_send
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.mentoring.services.programs import program_update
from nastavnik.mentoring.tests.helpers import with_titles
from nastavnik.mentoring.tests.learners import learner, mentee_card, mentor_card, non_staff
from nastavnik.organizations.choices import OrganizationKind
from nastavnik.people.choices import LearnerKind
from nastavnik.reference.models import MeetingType, MentoringForm, PersonalizedProgramStage
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def form(code: str) -> MentoringForm:
    return MentoringForm.objects.get(code=code)


@pytest.fixture
def college(world):
    """A college of municipality 1 with its curator (the account ``curator_c``)."""
    from nastavnik.access.choices import Role

    college = f.OrgUnitFactory(
        parent=world.muni1,
        full_name="БУ «Сургутский политехнический колледж»",
        short_name="СПК",
        kind=OrganizationKind.COLLEGE,
    )
    curator = f.UserFactory(username="curator_c")
    f.RoleAssignmentFactory(user=curator, org_unit=college, role=Role.CURATOR)
    world.users["curator_c"] = curator
    return college


def pupils_pair(world, *, mentoring_form=None):
    """A pupil of 10 А guiding a pupil of 7 Б in school A (both minors)."""
    mentor = learner(world.school_a, "Старшеклассников", grade="10 А", age=16)
    mentee = learner(world.school_a, "Младшеклассников")
    mentor_card(mentor, world.school_a)
    mentee_card(mentee, world.school_a, request_text="Адаптация в новом классе")
    program = program_create(
        mentor=mentor, mentees=[mentee], by=world.users["curator_a"], mentoring_form=mentoring_form
    )
    return program, mentor, mentee


def test_pupil_pupil_pair_is_formed_with_the_form_chosen_for_pupils(world):
    program, mentor, mentee = pupils_pair(world)
    assert program.mentoring_form.code == "pupil_pupil"
    assert [(p.mentor, p.mentee) for p in program.pairs.all()] == [(mentor, mentee)]
    assert program.direction == "Помощь обучающемуся: адаптация в новом классе"
    assert "профессиональн" not in program.direction + program.goals + program.expected_results
    assert "Запрос наставляемого: Адаптация в новом классе." in program.goals
    assert "спортивн" in program.expected_results and "адаптац" in program.expected_results


def test_teacher_pupil_pair_is_formed(world):
    mentee = learner(world.school_a, "Ученикова")
    mentor_card(world.mentor_a, world.school_a)
    mentee_card(mentee, world.school_a)
    program = program_create(mentor=world.mentor_a, mentees=[mentee], by=world.users["curator_a"])
    assert program.mentoring_form.code == "teacher_pupil"
    assert program.direction == "Помощь обучающемуся: трудности с математикой"


def test_student_student_and_employer_student_pairs_are_formed_in_a_college(world, college):
    senior = learner(college, "Старшекурсников", kind=LearnerKind.STUDENT, grade="ТМ-21", age=19)
    junior = learner(college, "Первокурсников", kind=LearnerKind.STUDENT, grade="ТМ-24", age=16)
    other = learner(college, "Второкурсников", kind=LearnerKind.STUDENT, grade="ТМ-23", age=17)
    employer = non_staff(college, "Работодателев")
    mentor_card(senior, college)
    mentor_card(employer, college)
    mentee_card(junior, college)
    mentee_card(other, college)
    by = world.users["curator_c"]

    peers = program_create(mentor=senior, mentees=[junior], by=by)
    assert peers.mentoring_form.code == "student_student"
    work = program_create(mentor=employer, mentees=[other], by=by)
    assert work.mentoring_form.code == "employer_student"
    assert Pair.objects.filter(mentor=employer, mentee=other, program=work).exists()


def test_a_pupil_never_guides_a_teacher(world):
    pupil = learner(world.school_a, "Отличников", grade="11 А", age=16)
    mentor_card(pupil, world.school_a)
    mentee_card(world.teacher_a, world.school_a)
    with pytest.raises(ValidationError) as error:
        program_create(mentor=pupil, mentees=[world.teacher_a], by=world.users["curator_a"])
    assert "Ни одна форма наставничества, применяемая в организации, не допускает" in str(error.value)
    with pytest.raises(ValidationError) as error:
        program_create(
            mentor=pupil,
            mentees=[world.teacher_a],
            by=world.users["curator_a"],
            mentoring_form=form("pupil_pupil"),
        )
    message = error.value.message_dict["mentoring_form"][0]
    assert message.startswith("Пару «Отличников Иван Петрович → Афанасьева")
    assert "В форме «ученик – ученик» наставник: ученик; наставляемый: ученик" in message
    assert "наставляемый — педагогический работник" in message
    assert not PersonalizedProgram.objects.exists()


def test_a_teacher_mentee_is_refused_in_the_form_teacher_pupil(world):
    mentor_card(world.mentor_a, world.school_a)
    mentee_card(world.teacher_a, world.school_a)
    with pytest.raises(ValidationError) as error:
        program_create(
            mentor=world.mentor_a,
            mentees=[world.teacher_a],
            by=world.users["curator_a"],
            mentoring_form=form("teacher_pupil"),
        )
    assert "В форме «учитель – ученик»" in str(error.value)
    assert not PersonalizedProgram.objects.exists()


def test_teachers_keep_the_form_pedagogue_pedagogue(world):
    mentor_card(world.mentor_a, world.school_a)
    mentee_card(world.teacher_a, world.school_a)
    program = program_create(mentor=world.mentor_a, mentees=[world.teacher_a], by=world.users["curator_a"])
    assert program.mentoring_form.code == "pedagogue_pedagogue"


def test_the_form_of_a_draft_is_not_changed_to_one_that_refuses_its_pair(world):
    program, _mentor, _mentee = pupils_pair(world)
    with pytest.raises(ValidationError) as error:
        program_update(
            program=program, by=world.users["curator_a"], mentoring_form=form("pedagogue_pedagogue")
        )
    assert "В форме «педагог – педагог»" in str(error.value)
    program.refresh_from_db()
    assert program.mentoring_form.code == "pupil_pupil"


def test_the_full_cycle_mark_is_set_for_a_learner_on_completion(world):
    from nastavnik.mentoring.selectors.completion import completion_conditions
    from nastavnik.monitoring.models import Assignment

    program, _mentor, mentee = pupils_pair(world)
    # a learner is not given the self-assessment of a teacher's professional difficulties, and
    # its absence does not hold the completion back (monitoring.lifecycle.learner_ids)
    assert not Assignment.objects.filter(
        program=program, person=mentee, questionnaire__code__startswith="mentee_difficulties"
    ).exists()
    PersonalizedProgram.objects.filter(pk=program.pk).update(
        status=ProgramStatus.ACTIVE,
        approved_on=timezone.localdate(),
        stage=PersonalizedProgramStage.objects.get(code="reflective_analytical"),
    )
    program.refresh_from_db()
    assert not [c for c in completion_conditions(program) if c.code.startswith("assessment_")]
    from nastavnik.mentoring.models import MentorReport

    MentorReport.objects.create(
        program=program,
        submitted_on=timezone.localdate(),
        work_done="Встречи раз в неделю",
        results="Освоился в классе",
    )
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() - dt.timedelta(days=1),
        agenda="Подведение итогов",
        status=MeetingStatus.HELD,
    )
    program_complete(program=program, by=world.users["curator_a"], results="Наставляемый освоился в классе.")
    assert MenteeProfile.objects.get(person=mentee).full_cycle_completed_on == timezone.localdate()
    assert not Pair.objects.filter(program=program, ended_on__isnull=True).exists()


def test_a_reminder_skips_a_learner_without_an_address(world):
    program, _mentor, _mentee = pupils_pair(world)
    PersonalizedProgram.objects.filter(pk=program.pk).update(status=ProgramStatus.ACTIVE)
    Meeting.objects.create(
        program=program,
        meeting_type=MeetingType.objects.get(code="final"),
        starts_at=timezone.now() + dt.timedelta(hours=3),
        agenda="Итоги",
    )
    assert meeting_reminders_send() == 0
    assert mail.outbox == []


def _teacher_and_minor(world):
    mentee = learner(world.school_a, "Несовершеннолетний")
    mentor_card(world.mentor_a, world.school_a)
    mentee_card(mentee, world.school_a)
    with_titles(world.mentor_a)
    program = program_create(mentor=world.mentor_a, mentees=[mentee], by=world.users["curator_a"])
    return program, mentee


def test_the_teacher_mentor_sees_the_minor_mentee_the_coordinator_does_not(world):
    program, mentee = _teacher_and_minor(world)
    users = world.users
    assert PersonalizedProgram.objects.for_user(users["mentor_a"]).filter(pk=program.pk).exists()
    assert PersonalizedProgram.objects.for_user(users["curator_a"]).filter(pk=program.pk).exists()
    assert not PersonalizedProgram.objects.for_user(users["coordinator"]).filter(pk=program.pk).exists()

    url = reverse("mentoring:program_detail", args=[program.pk])
    for persona, seen in (("mentor_a", True), ("curator_a", True)):
        client = Client()
        assert client.login(username=persona, password="pass12345")
        response = client.get(url)
        assert response.status_code == 200
        assert (mentee.full_name in response.content.decode()) is seen
    client = Client()
    assert client.login(username="coordinator", password="pass12345")
    assert client.get(url).status_code == 404


def test_the_mentor_s_personal_data_name_the_minor_mentee(world):
    from nastavnik.mentoring.personal_data import mentoring_sections

    _program, mentee = _teacher_and_minor(world)
    rows = mentoring_sections(mentee)[0].records
    assert rows[0]["Вторая сторона пары"] == world.mentor_a.full_name
    rows = mentoring_sections(world.mentor_a)[0].records
    assert mentee.full_name in [r["Вторая сторона пары"] for r in rows]


def _client(persona: str) -> Client:
    client = Client()
    assert client.login(username=persona, password="pass12345")
    return client


def test_the_create_page_offers_learners_with_their_class_and_the_forms_with_whom_they_admit(world):
    pupil = learner(world.school_a, "Ученикова", grade="7 Б")
    mentee_card(pupil, world.school_a)
    client = _client("curator_a")
    found = client.get(reverse("core:autocomplete", kwargs={"kind": "program-mentees"}), {"q": "Ученикова"})
    assert [r["text"] for r in found.json()["results"]] == ["Ученикова Иван Петрович — ученик, 7 Б"]
    page = client.get(reverse("mentoring:program_add")).content.decode()
    assert "ученик – ученик (наставник: ученик; наставляемый: ученик)" in page
    assert "учитель – ученик (наставник: педагогический работник; наставляемый: ученик, студент)" in page
    assert "работодатель – студент" not in page  # applies to colleges and universities


def test_a_pupils_pair_is_formed_on_the_page_and_shown_with_the_classes(world):
    mentor = learner(world.school_a, "Старшеклассников", grade="10 А", age=16)
    mentee = learner(world.school_a, "Младшеклассников", grade="7 Б")
    mentor_card(mentor, world.school_a)
    mentee_card(mentee, world.school_a)
    client = _client("curator_a")
    response = client.post(
        reverse("mentoring:program_add"),
        {"mentor": mentor.pk, "mentees": [mentee.pk], "starts_on": timezone.localdate().isoformat()},
    )
    program = PersonalizedProgram.objects.get()
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert program.mentoring_form.code == "pupil_pupil"
    page = client.get(program.get_absolute_url()).content.decode()
    assert "ученик, 10 А" in page and "ученик, 7 Б" in page
    assert "Наставник: ученик; наставляемый: ученик" in page


def test_a_cross_form_couple_is_refused_on_the_page_in_russian(world):
    pupil = learner(world.school_a, "Отличников", grade="11 А", age=16)
    mentor_card(pupil, world.school_a)
    mentee_card(world.teacher_a, world.school_a)
    response = _client("curator_a").post(
        reverse("mentoring:program_add"),
        {
            "mentor": pupil.pk,
            "mentees": [world.teacher_a.pk],
            "starts_on": timezone.localdate().isoformat(),
            "mentoring_form": form("pupil_pupil").pk,
        },
    )
    assert response.status_code == 200
    assert "В форме «ученик – ученик» наставник: ученик; наставляемый: ученик" in response.content.decode()
    assert not PersonalizedProgram.objects.exists()


def test_a_replacement_mentor_the_form_refuses_is_refused(world):
    from nastavnik.mentoring.models import PairRequest
    from nastavnik.mentoring.services.requests import pair_request_decide

    program, mentor, _mentee = pupils_pair(world)
    pair = program.pairs.get()
    request = PairRequest.objects.create(pair=pair, kind="change_mentor", reason="Не сложилось общение")
    teacher = world.mentor_a  # a teacher may not guide in «ученик – ученик»
    mentor_card(teacher, world.school_a)
    with pytest.raises(ValidationError) as error:
        pair_request_decide(request=request, by=world.users["curator_a"], approve=True, new_mentor=teacher)
    assert "В форме «ученик – ученик»" in str(error.value)
    pair.refresh_from_db()
    assert pair.ended_on is None and pair.mentor == mentor


def test_a_pupils_program_is_approved_without_a_teachers_difficulties_and_job_titles(world):
    from nastavnik.mentoring.models import ActivityPlanItem
    from nastavnik.mentoring.selectors.readiness import program_lacks
    from nastavnik.mentoring.services.programs import program_approve

    # given a «ученик – ученик» program with its plan (a pupil has a class, not a job title, and a
    # request from the map of requests, not a teacher's professional difficulties)
    program, _mentor, _mentee = pupils_pair(world)
    with_titles(world.mentor_a)  # the curator of the program is a worker: a job title
    PersonalizedProgram.objects.filter(pk=program.pk).update(curator=world.mentor_a)
    program.refresh_from_db()
    ActivityPlanItem.objects.create(
        program=program,
        stage=PersonalizedProgramStage.objects.get(code="implementation"),
        title="Встречи по вторникам",
        starts_on=program.starts_on,
        ends_on=program.ends_on,
    )
    lacks = {lack.code for lack in program_lacks(program)}
    assert not {"deficits", "position"} & lacks, lacks

    # when the curator approves it, then it is approved
    program_approve(program=program, by=world.users["curator_a"])
    program.refresh_from_db()
    assert program.status == ProgramStatus.APPROVED


def test_a_participant_outside_the_staff_needs_a_workplace_where_a_worker_needs_a_job_title(world):
    from nastavnik.mentoring.selectors.readiness import program_lacks
    from nastavnik.people.models import NonStaffParticipant

    college = f.OrgUnitFactory(parent=world.muni1, kind=OrganizationKind.COLLEGE, full_name="Колледж № 7")
    employer = non_staff(college, "Работодателев")
    student = learner(college, "Студентов", kind=LearnerKind.STUDENT, grade="ТМ-21", age=19)
    mentor_card(employer, college)
    mentee_card(student, college)
    program = program_create(mentor=employer, mentees=[student], by=None)
    assert program.mentoring_form.code == "employer_student"
    assert "position" not in {lack.code for lack in program_lacks(program)}

    NonStaffParticipant.objects.filter(person=employer).update(workplace="")
    problems = [lack.problem for lack in program_lacks(program) if lack.code == "position"]
    assert problems == ["не указана должность (наставник: Работодателев Олег Игоревич)"]
