"""The generated persona matrix (style: NetBox ``ViewTestCases``): the world, every URL pattern of
the site, and for each the objects that fill its arguments.

``matrix_world()`` extends the persona world (``personas.extend_world``) with one object of every
kind in school A and its mirror in school B, and the objects that name the person who withdrew
the consent to personal-data processing (152-ФЗ art. 9). ``url_patterns()`` walks the resolver;
``cases(matrix_world)`` pairs every pattern with the objects of the registry ``PROVIDERS``: a pattern
the registry cannot fill is reported («добавьте поставщик для …»), so a new page cannot escape
the matrix. The test is ``nastavnik/core/tests/test_persona_matrix.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from nastavnik.testing import factories as f
from nastavnik.testing.personas import World, build_world, extend_world, withdraw_consent

#: The variants of an object argument: in school A (the scope of the personas of A and
#: municipality 1), in school B (out of their scope; the scope of ``curator_b``), naming the
#: person without a consent (``world.no_consent``).
VARIANTS = ("a", "b", "nc")

#: A minimal valid PDF, the content of every scan and evidence file of the world.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


# --- the world ---------------------------------------------------------------------------------


def _school_objects(world: World, *, school, keeper, mentor, mentee, mentee_user, partner=None) -> dict:
    """One object of every kind in ``school``, made through the services by ``keeper`` (the
    school's curator): the bank cards of ``mentor`` and ``mentee`` with scans, an active program
    of the two with its plan, meetings, a pending request of the mentee to replace the mentor
    (filed by ``mentee_user``), the self-assessment, the mentor's report, a compatibility mark,
    the order fixing the pair, the organization's program and roadmap with an activity and its
    evidence, jobs of the keeper. ``partner``: a second mentee of ``mentor`` whose own program,
    mark and order are returned under ``"partner_*"`` keys (the person without a consent)."""
    from nastavnik.bank.models import PersonalDataConsent
    from nastavnik.bank.services import mentor_training_add
    from nastavnik.documents.services import document_issue
    from nastavnik.documents.testing import give_positions
    from nastavnik.jobs.choices import JobStatus
    from nastavnik.jobs.models import Job
    from nastavnik.matching.services import compatibility_mark_set
    from nastavnik.matching.tests.bank import active_mentor, published
    from nastavnik.matching.tests.bank import mentee as mentee_card
    from nastavnik.mentoring.choices import MeetingFormat, RequestKind
    from nastavnik.mentoring.models import Pair
    from nastavnik.mentoring.services.completion import mentor_report_submit
    from nastavnik.mentoring.services.meetings import meeting_schedule
    from nastavnik.mentoring.services.organization import mentoring_program_create
    from nastavnik.mentoring.services.pairs import program_create
    from nastavnik.mentoring.services.programs import (
        plan_item_add,
        plan_item_report,
        program_approve,
        program_start,
    )
    from nastavnik.mentoring.services.requests import pair_request_submit
    from nastavnik.people.models import Employment
    from nastavnik.reference.models import MeetingType, PersonalizedProgramStage
    from nastavnik.roadmaps import services as roadmaps

    today = timezone.localdate()
    stage = PersonalizedProgramStage.objects.get(code="preparatory")
    give_positions(mentor, mentee, *([partner] if partner else []))
    mentor_profile = published(
        active_mentor(mentor, school, capacity=5, consent_scan=_file("soglasie-nastavnika.pdf"))
    )
    training = mentor_training_add(
        profile=mentor_profile,
        title="Наставничество в образовании",
        completed_on=today - dt.timedelta(days=100),
        certificate=_file("udostoverenie.pdf"),
    )

    def bank_mentee(person):
        profile = mentee_card(person, school)
        profile.consent_scan.save("soglasie-nastavlyaemogo.pdf", _file("x.pdf"), save=True)
        consent = PersonalDataConsent.objects.filter(person=person).first()
        consent.scan.save("soglasie-pd.pdf", _file("x.pdf"), save=True)
        return profile, consent

    def program_of(person):
        Pair.objects.filter(mentor=mentor, mentee=person, program__isnull=True).delete()
        program = program_create(
            mentor=mentor,
            mentees=[person],
            by=keeper,
            curator=mentor,
            starts_on=today - dt.timedelta(days=30),
        )
        item = plan_item_add(
            program=program,
            by=keeper,
            stage=stage,
            title="Знакомство с наставляемым",
            starts_on=program.starts_on,
            ends_on=program.starts_on + dt.timedelta(days=14),
        )
        program_approve(program=program, by=keeper)
        program_start(program=program, by=keeper)
        plan_item_report(item=item, by=keeper, status="done", evidence=_file("konspekt.pdf"))
        meeting = meeting_schedule(
            program=program,
            by=keeper,
            meeting_type=MeetingType.objects.get(code="acquaintance"),
            starts_at=timezone.now() + dt.timedelta(days=3),
            format=MeetingFormat.IN_PERSON,
            agenda="Знакомство, ожидания, правила работы",
        )
        program.refresh_from_db()
        return program, item, meeting

    mentee_profile, pd_consent = bank_mentee(mentee)
    mentor_pd_consent = PersonalDataConsent.objects.filter(person=mentor).first()
    mentor_pd_consent.scan.save("soglasie-pd-nastavnika.pdf", _file("x.pdf"), save=True)
    program, plan_item, meeting = program_of(mentee)
    from nastavnik.testing.questionnaires import answer_self_assessment

    answer_self_assessment(program, mentee, "before", difficulty=6)  # assigned by program_start
    pair = program.pairs.get()
    request = pair_request_submit(
        pair=pair,
        by=mentee_user,
        kind=RequestKind.CHANGE_MENTOR,
        reason="Прошу заменить наставника: не совпадают расписания",
    )

    def report_of(program):
        return mentor_report_submit(
            program=program,
            by=keeper,
            work_done="Посещение уроков",
            results="Уроки стали лучше",
            attachment=_file("otchet.pdf"),
        )

    report = report_of(program)
    mark = compatibility_mark_set(mentor=mentor, mentee=mentee, mark=2, by=keeper)
    order = document_issue(
        kind="order_pairs", organization=school, author=keeper, params={"pairs": [pair.pk]}, number="1-н"
    )
    order.scan.save("prikaz-podpisannyi.pdf", _file("x.pdf"), save=True)  # a scan, still a draft

    def consent_paper(profile):
        return document_issue(kind="mentee_consent", organization=school, author=keeper, subject=profile)

    person_doc = consent_paper(mentee_profile)
    mentoring_program = mentoring_program_create(
        organization=school,
        title="Программа наставничества педагогических работников",
        starts_on=today - dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=165),
    )
    roadmap = roadmaps.roadmap_create_from_blueprint(
        owner=school, code="organization_002", year=2026, by=keeper
    )
    section = roadmap.sections.first()
    roadmap_item = roadmap.items.first()
    evidence = roadmaps.evidence_add(item=roadmap_item, by=keeper, file=_file("prikaz.pdf"))
    package_file = f"jobs/package-{school.pk}.zip"
    from django.core.files.storage import default_storage

    default_storage.save(package_file, ContentFile(b"PK\x05\x06" + b"\0" * 18))
    package_job = Job.objects.create(
        kind="documents_package",
        title=f"Пакет документов: {school}",
        status=JobStatus.SUCCEEDED,
        created_by=keeper,
        organization=school,
        result={"file": package_file},
    )
    import_job = Job.objects.create(
        kind="bank_import",
        title=f"Проверка файла «bank.xlsx»: {school}",
        status=JobStatus.SUCCEEDED,
        created_by=keeper,
        organization=school,
        input_name="bank.xlsx",
        result={"rows": 1, "errors_total": 0},
    )
    objects = dict(
        organization=school,
        mentor=mentor,
        mentee=mentee,
        mentor_profile=mentor_profile,
        mentee_profile=mentee_profile,
        training=training,
        pd_consent=pd_consent,
        mentor_pd_consent=mentor_pd_consent,
        program=program,
        plan_item=plan_item,
        meeting=meeting,
        request=request,
        report=report,
        mark=mark,
        order=order,
        person_doc=person_doc,
        mentoring_program=mentoring_program,
        roadmap=roadmap,
        section=section,
        roadmap_item=roadmap_item,
        evidence=evidence,
        package_job=package_job,
        import_job=import_job,
        role=mentor.user.role_assignments.first() if mentor.user_id else None,
        employment=Employment.objects.filter(person=mentor).first(),
    )
    if partner is not None:
        partner_profile, partner_consent = bank_mentee(partner)
        partner_program, partner_item, partner_meeting = program_of(partner)
        report_of(partner_program)
        partner_order = document_issue(
            kind="order_pairs",
            organization=school,
            author=keeper,
            params={"pairs": [partner_program.pairs.get().pk]},
            number="2-н",
        )
        partner_order.scan.save("prikaz-2-podpisannyi.pdf", _file("x.pdf"), save=True)
        objects.update(
            partner_profile=partner_profile,
            partner_consent=partner_consent,
            partner_program=partner_program,
            partner_item=partner_item,
            partner_meeting=partner_meeting,
            partner_mark=compatibility_mark_set(mentor=mentor, mentee=partner, mark=-1, by=keeper),
            partner_order=partner_order,
            partner_doc=consent_paper(partner_profile),
            partner_employment=Employment.objects.filter(person=partner).first(),
        )
    return objects


def _questionnaire_objects(school, keeper, respondent) -> dict:
    """Questionnaires of ``school`` (issue 14), made through the services by ``keeper`` (its
    curator): one answered by name by ``respondent`` (its questions locked), a draft with a
    question to edit, and ``respondent``'s pending assignment to the built-in anonymous feedback
    and the named one already answered."""
    from nastavnik.monitoring.builtin import builtin_questionnaire
    from nastavnik.monitoring.services import questionnaires as q

    answered = q.questionnaire_save(
        by=keeper, owner=school, title="Интерес к работе в школе", audience="mentee", phase="periodic"
    )
    question = q.question_add(
        by=keeper, questionnaire=answered, text="Насколько вам интересна работа?", kind="scale"
    )
    answered_assignment = q.assign(
        questionnaire=answered, person=respondent, organization=school, phase="periodic"
    )
    q.answer_submit(assignment=answered_assignment, by=respondent.user, values={question.pk: 7})
    draft = q.questionnaire_save(
        by=keeper, owner=school, title="Черновик анкеты для наставников", audience="mentor", phase="after"
    )
    draft_question = q.question_add(
        by=keeper, questionnaire=draft, text="Что было самым полезным?", kind="text"
    )
    q.question_add(by=keeper, questionnaire=draft, text="Насколько полезна программа?", kind="scale")
    assignment = q.assign(
        questionnaire=builtin_questionnaire("mentee_feedback_after"),
        person=respondent,
        organization=school,
        phase="after",
    )
    # a named one pending: its curator and head may type it in from paper (seed 004 §9.2)
    named_assignment = q.assign(
        questionnaire=builtin_questionnaire("mentee_difficulties_before"),
        person=respondent,
        organization=school,
        phase="before",
    )
    return {
        "questionnaire": answered,
        "draft_question": draft_question,
        "assignment": assignment,
        "answered_assignment": answered_assignment,
        "named_assignment": named_assignment,
    }


def _report_objects(school, author) -> dict:
    """Two analytical reports of ``school`` made by ``author`` (its curator) through the services
    (issue 14): ``report`` — a draft of the current year, ``registered_report`` — the previous
    year's, registered into the document registry with its DOCX."""
    from nastavnik.monitoring.periods import year_period
    from nastavnik.monitoring.services.reports import report_create, report_register

    year = timezone.localdate().year
    draft = report_create(unit=school, period=year_period(year), by=author)
    registered = report_create(unit=school, period=year_period(year - 1), by=author)
    registered = report_register(report=registered, number="АС-1", by=author)
    return {"report": draft, "registered_report": registered}


def _campaign_objects(owner, school, launcher) -> dict:
    """A running monitoring campaign of ``owner`` (a municipality) covering ``school``, launched by
    ``launcher`` through the services (its people get the built-in questionnaires for mentees,
    named, and for mentors, anonymous), and the school's task in it (issue 14)."""
    from nastavnik.monitoring.models import Questionnaire
    from nastavnik.monitoring.services.campaigns import campaign_create, campaign_launch

    today = timezone.localdate()
    campaign = campaign_create(
        by=launcher,
        owner=owner,
        title=f"Мониторинг программ наставничества: {owner}",
        starts_on=today,
        ends_on=today + dt.timedelta(days=14),
        questionnaires=Questionnaire.objects.filter(
            code__in=["mentee_difficulties_before", "mentor_feedback_after"]
        ),
        organizations=[school],
    )
    campaign_launch(campaign=campaign, by=launcher)
    return {"campaign": campaign, "campaign_task": campaign.coverage.get()}


def _course_objects(region) -> dict:
    """Two courses of the region's catalogue (issue 18), added by the system: a course of further
    education open for applications, and a course on mentoring whose completion puts a teacher
    into the base of trained mentors and curators (seed 003 §3.2)."""
    from nastavnik.development.choices import CourseFormat
    from nastavnik.development.selectors.diagnoses import active_areas
    from nastavnik.development.services.courses import course_create

    today = timezone.localdate()
    course = course_create(
        by=None,
        owner=region,
        title="Формирование функциональной грамотности обучающихся",
        hours=36,
        provider="Институт развития образования",
        format=CourseFormat.MIXED,
        starts_on=today + dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=60),
        areas=list(active_areas()[:2]),
    )
    mentoring_course = course_create(
        by=None,
        owner=region,
        title="Методологические аспекты наставничества и менторства в педагогической практике",
        hours=72,
        provider="ЦНППМ",
        format=CourseFormat.MIXED,
        is_mentoring_training=True,
    )
    return {"course": course, "mentoring_course": mentoring_course}


def _development_objects(*, school, teacher, tutor, courses: dict, assign_school: bool) -> dict:
    """The professional development of ``teacher`` of ``school`` (issue 18; seed 000 §4.3.3),
    made through the services by the system (``by=None``): an active route with its
    self-diagnosis (deficits in two areas), an open activity aimed at them, an activity done with
    its product file, a correction and a comment; an application for ``courses["course"]`` and a
    completed ``courses["mentoring_course"]`` with the certificate's scan; ``tutor`` assigned by
    the ЦНППМ to the whole ``school`` (``assign_school``) or to the teacher alone. Keys:
    ``diagnosis``, ``route``, ``activity``, ``product_activity``, ``correction``,
    ``route_comment``, ``enrollment``, ``completed_enrollment``, ``tutor_assignment``, ``tutor``."""
    from nastavnik.development.choices import (
        ActivityKind,
        CorrectionReason,
        DeficitSource,
        DiagnosisKind,
        ProductKind,
    )
    from nastavnik.development.selectors.diagnoses import active_areas
    from nastavnik.development.services import courses as course_services
    from nastavnik.development.services import routes as route_services
    from nastavnik.development.services.diagnoses import diagnosis_create
    from nastavnik.development.services.tutors import tutor_assign

    today = timezone.localdate()
    areas = list(active_areas())
    route = route_services.route_create(
        by=None,
        person=teacher,
        title="Формирование функциональной грамотности",
        desired_image="Учитель-исследователь, владеющий проектной методикой",
        starts_on=today - dt.timedelta(days=60),
        organization=school,
    )
    diagnosis = diagnosis_create(
        by=None,
        person=teacher,
        organization=school,
        kind=DiagnosisKind.SELF,
        source=DeficitSource.SELF_DIAGNOSIS,
        conducted_on=today - dt.timedelta(days=50),
        results={area.pk: (2 if i < 2 else 4, "Проводит уроки по плану") for i, area in enumerate(areas)},
        deficits=[
            {"area": area.pk, "level": 2, "description": "Затрудняется в проектной деятельности"}
            for area in areas[:2]
        ],
        comment="Самодиагностика перед составлением маршрута",
        route=route,
    )
    deficits = list(diagnosis.deficits.all())

    def activity(title, kind, days):
        return route_services.activity_add(
            by=None,
            route=route,
            kind=kind,
            title=title,
            starts_on=today + dt.timedelta(days=days[0]),
            ends_on=today + dt.timedelta(days=days[1]),
            deficits=deficits,
        )

    open_activity = activity("Проект «Читаем вместе»", ActivityKind.PROJECT, (0, 90))
    product_activity = activity("Открытый урок для коллег", ActivityKind.MEASURE, (-40, -10))
    route = route_services.route_start(by=None, route=route)
    route_services.activity_record_product(
        by=None,
        activity=product_activity,
        product_kind=ProductKind.LESSON,
        product_title="Разработка урока",
        self_assessment="Урок получился, коллеги взяли приёмы в работу",
        done_on=today - dt.timedelta(days=10),
        product_file=_file("urok.pdf"),
    )
    correction = route_services.route_correct(
        by=None,
        route=route,
        reason=CorrectionReason.OWN_NEEDS,
        explanation="Появился интерес к исследовательской работе",
        description="Добавить участие в исследовании",
    )
    comment = route_services.route_comment(
        by=None, route=route, text="Продукт урока стоит показать на методобъединении"
    )
    enrollment = course_services.enrollment_apply(
        by=None, course=courses["course"], person=teacher, organization=school
    )
    completed = course_services.enrollment_apply(
        by=None,
        course=courses["mentoring_course"],
        person=teacher,
        organization=school,
        applied_on=today - dt.timedelta(days=50),
    )
    course_services.enrollment_enroll(
        by=None, enrollment=completed, enrolled_on=today - dt.timedelta(days=40)
    )
    completed = course_services.enrollment_complete(
        by=None,
        enrollment=completed,
        completed_on=today - dt.timedelta(days=5),
        certificate_number=f"У-{teacher.pk}",
        certificate_file=_file("udostoverenie-pk.pdf"),
    )
    assignment = tutor_assign(
        by=None,
        tutor=tutor,
        starts_on=today - dt.timedelta(days=90),
        **({"organization": school} if assign_school else {"person": teacher}),
    )
    route.refresh_from_db()
    return {
        "diagnosis": diagnosis,
        "route": route,
        "activity": open_activity,
        "product_activity": product_activity,
        "correction": correction,
        "route_comment": comment,
        "enrollment": enrollment,
        "completed_enrollment": completed,
        "tutor_assignment": assignment,
        "tutor": tutor,
    }


@dataclass
class MatrixWorld:
    """The persona ``world`` (extended) and its objects: ``objects[variant][kind]`` for the
    variants ``"a"``, ``"b"`` and ``"nc"`` (see ``VARIANTS``)."""

    world: World
    objects: dict[str, dict] = field(default_factory=dict)

    @property
    def users(self) -> dict:
        return self.world.users


def matrix_world() -> MatrixWorld:
    """Build the matrix world in the current database (a few seconds): the persona world
    extended with the council member, the psychologist, the tutor and the person who withdrew
    the consent, and ``_school_objects`` of school A (mentor_a, mentee_a, and the person
    without a consent as mentor_a's second mentee) and of school B (a mentor and a mentee of B
    with their own accounts); the consent is withdrawn last, after the order fixing the pair
    was issued. Roadmaps of municipality 1, municipality 2 and the region complete it, and the
    professional development (``_course_objects`` of the region in school A's variant,
    ``_development_objects`` of mentee_a, of the mentee of B with a tutor of municipality 2, and
    of the person without a consent)."""
    from nastavnik.access.choices import Role
    from nastavnik.documents.testing import give_positions, prepare_school
    from nastavnik.roadmaps import services as roadmaps

    world = extend_world(build_world(), withdraw=False)
    prepare_school(world)
    users = world.users

    def account(name, role, unit, person):
        user = f.UserFactory(username=name)
        f.RoleAssignmentFactory(user=user, org_unit=unit, role=role)
        person.user = user
        person.save(update_fields=["user"])
        return user

    world.school_b.address = (
        "628600, Ханты-Мансийский автономный округ – Югра, г. Нижневартовск, ул. Мира, д. 2"
    )
    world.school_b.save()
    head_b = f.staff_member(world.school_b, last_name="Беляева")
    curator_b = f.staff_member(world.school_b, last_name="Бирюкова")
    f.RoleAssignmentFactory(user=f.UserFactory(username="head_b"), org_unit=world.school_b, role=Role.HEAD)
    curator_b.user = users["curator_b"]
    curator_b.save(update_fields=["user"])
    head_b.user = get_user("head_b")
    head_b.save(update_fields=["user"])
    give_positions(head_b, name="директор")
    give_positions(curator_b, name="заместитель директора по учебно-воспитательной работе")
    mentor_b = f.staff_member(world.school_b, last_name="Баринова")
    mentee_b = f.staff_member(world.school_b, last_name="Белкина", birth_date=dt.date(2000, 2, 2))
    account("mentor_b", Role.MENTOR, world.school_b, mentor_b)
    mentee_b_user = account("mentee_b", Role.MENTEE, world.school_b, mentee_b)

    a = _school_objects(
        world,
        school=world.school_a,
        keeper=users["curator_a"],
        mentor=world.mentor_a,
        mentee=world.mentee_a,
        mentee_user=users["mentee_a"],
        partner=world.no_consent,
    )
    b = _school_objects(
        world,
        school=world.school_b,
        keeper=users["curator_b"],
        mentor=mentor_b,
        mentee=mentee_b,
        mentee_user=mentee_b_user,
    )
    a.update(_questionnaire_objects(world.school_a, users["curator_a"], world.mentee_a))
    b.update(_questionnaire_objects(world.school_b, users["curator_b"], mentee_b))
    a["muni_roadmap"] = roadmaps.roadmap_create_from_blueprint(
        owner=world.muni1, code="municipal_003", year=2026, by=users["coordinator"]
    )
    coordinator_2 = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=coordinator_2, org_unit=world.muni2, role=Role.MUNICIPAL_COORDINATOR)
    b["muni_roadmap"] = roadmaps.roadmap_create_from_blueprint(
        owner=world.muni2, code="municipal_003", year=2026, by=coordinator_2
    )
    a["region_roadmap"] = roadmaps.roadmap_create_from_blueprint(
        owner=world.region, code="regional_000", year=2026, by=users["operator"]
    )
    a.update(_campaign_objects(world.muni1, world.school_a, users["coordinator"]))
    b.update(_campaign_objects(world.muni2, world.school_b, coordinator_2))
    a.update(_report_objects(world.school_a, users["curator_a"]))
    b.update(_report_objects(world.school_b, users["curator_b"]))
    from nastavnik.monitoring.models import Risk

    for objects in (a, b):
        objects["risk"] = Risk.objects.create(
            unit=objects["organization"], kind="load", description="Высокая нагрузка на наставников"
        )
    from nastavnik.monitoring.services.federal import federal_figure_confirm

    # each school's curator has confirmed the federal statistical figure of the year (seed 002 §9)
    for objects, curator in ((a, users["curator_a"]), (b, users["curator_b"])):
        objects["federal_report"] = federal_figure_confirm(
            organization=objects["organization"], year=timezone.localdate().year, by=curator
        )
    # Professional development (issue 18): the region's courses, and in each school the mentee's
    # route, diagnosis, enrolments and tutor (tutor_1 of municipality 1 follows school A, a tutor
    # of municipality 2 the mentee of B); the same for the person without a consent (tutor_1
    # assigned to her alone).
    courses = _course_objects(world.region)
    a.update(courses)
    tutor_2 = f.UserFactory(username="tutor_2")
    f.RoleAssignmentFactory(user=tutor_2, org_unit=world.muni2, role=Role.TUTOR)
    a.update(
        _development_objects(
            school=world.school_a,
            teacher=world.mentee_a,
            tutor=users["tutor_1"],
            courses=courses,
            assign_school=True,
        )
    )
    b.update(
        _development_objects(
            school=world.school_b, teacher=mentee_b, tutor=tutor_2, courses=courses, assign_school=False
        )
    )
    nc_development = _development_objects(
        school=world.school_a,
        teacher=world.no_consent,
        tutor=users["tutor_1"],
        courses=courses,
        assign_school=False,
    )
    nc_development.pop("tutor")  # tutor_1: school A's variant
    withdraw_consent(world)
    nc = {
        **nc_development,
        "organization": None,
        "person": world.no_consent,
        "mentee": world.no_consent,
        "mentee_profile": a["partner_profile"],
        "pd_consent": a["partner_consent"],
        "program": a["partner_program"],
        "plan_item": a["partner_item"],
        "meeting": a["partner_meeting"],
        "mark": a["partner_mark"],
        "order": a["partner_order"],
        "person_doc": a["partner_doc"],
        "employment": a["partner_employment"],
    }
    a["person"] = world.teacher_a
    b["person"] = world.teacher_b
    from nastavnik.testing import matrix_parts

    # Openness and recognition (issue 19): each part adds its objects (testing.matrix_parts).
    matrix_parts.add_objects(world, a, b, nc)
    return MatrixWorld(world=world, objects={"a": a, "b": b, "nc": nc})


@contextmanager
def matrix_session(personas, **settings) -> Iterator[tuple[MatrixWorld, dict]]:
    """The matrix world of a test module: reference data loaded if missing, ``matrix_world()``
    built, a ``Client`` for each name of ``personas`` (signed in unless the persona is the
    anonymous visitor); all inside a transaction rolled back on exit, with ``settings``
    overridden (``NASTAVNIK_SOFFICE`` always points nowhere: no PDF is converted).

    Yields ``(matrix world, {persona: client})``. Use it in a module-scoped fixture under
    ``django_db_blocker.unblock()`` (``core/tests/test_persona_matrix.py``,
    ``core/tests/test_scale.py``).
    """
    from django.db import transaction
    from django.test import Client, override_settings

    with override_settings(**{"NASTAVNIK_SOFFICE": "/nonexistent/soffice", **settings}):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from nastavnik.reference.loading import load_reference_data
            from nastavnik.reference.models import CompetenceArea

            if not CompetenceArea.objects.exists():
                load_reference_data()
            mw = matrix_world()
            clients = {}
            for persona in personas:
                client = Client()
                user = mw.users[persona]
                if user.is_authenticated:
                    client.force_login(user)
                clients[persona] = client
            yield mw, clients
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def get_user(username: str):
    """The user named ``username`` (``DoesNotExist`` when there is none)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


# --- the URL patterns --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """One URL pattern of the site: its full ``name`` (``"bank:mentor_detail"``), the full
    ``route`` (``"bank/mentors/<int:pk>/"``), the names of its arguments and its fixed
    ``defaults`` (``{"fmt": "docx"}``)."""

    name: str
    route: str
    arguments: tuple[str, ...]
    defaults: tuple = ()


def url_patterns(resolver=None, prefix: str = "", namespace: str = "") -> list[Pattern]:
    """Every URL pattern under ``resolver`` (the root one by default), recursively through the
    included ones, as ``Pattern``s in the resolver's order."""
    resolver = resolver or get_resolver()
    found: list[Pattern] = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            found += url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or "")
            arguments = tuple(getattr(entry.pattern, "converters", {}).keys()) or tuple(
                entry.pattern.regex.groupindex
            )
            found.append(Pattern(name, route, arguments, tuple(sorted((entry.default_args or {}).items()))))
    return found


# --- the registry of the objects that fill the patterns' arguments -----------------------------

#: Patterns the matrix does not run, each with the reason.
EXCLUDED = {
    "login": "вход: открыт всем, проверяется тестами входа",
    "logout": "выход: открыт всем, проверяется тестами входа",
    "core:healthz": "проверка работоспособности для мониторинга: открыта всем, без данных",
    "core:favicon": "значок сайта: открыт всем, без данных",
    "api:schema": "схема API (YAML/JSON для программ; анониму — 401 в JSON): nastavnik/api/tests",
    "api:not_found": "любой другой адрес под /api/ — 404 в JSON: nastavnik/api/tests",
}
#: Route prefixes the matrix does not run: the Django admin (its own permissions, superusers
#: only) and the static and media files of a DEBUG run.
EXCLUDED_PREFIXES = {
    "admin/": "администрирование Django: только для суперпользователя, права — самого Django",
    "api/v1/": "адреса API (JSON, токен или сеанс; анониму — 401): тест персон API nastavnik/api/tests/test_personas.py",
    "static/": "статические файлы (только при DEBUG)",
    "media/": "загруженные файлы (только при DEBUG; в работе — через защищённые страницы)",
    "^media/": "загруженные файлы (только при DEBUG)",
    "^static/": "статические файлы (только при DEBUG)",
}


def _pk(kind: str, attribute: str = "pk"):
    """A provider of ``{"pk": objects[kind].pk}`` (``None`` when the variant has no such object)."""

    def provide(objects: dict) -> dict | None:
        obj = objects.get(kind)
        return None if obj is None else {attribute: obj.pk}

    return provide


def _labelled(**providers):
    """A provider of several cases of one pattern: ``{label: provider}``."""

    def provide(objects: dict) -> dict:
        return {label: provider(objects) for label, provider in providers.items()}

    provide.objectless = all(getattr(p, "objectless", False) for p in providers.values())
    return provide


def _fixed(**kwargs):
    """A provider of fixed arguments that name no object (``kind="order_pairs"``): one case, of
    the variant ``"-"``."""

    def provide(objects: dict) -> dict:
        return kwargs

    provide.objectless = True
    return provide


def _with(obj_kind: str, /, **extra):
    """A provider of ``{"pk": objects[obj_kind].pk, **extra}`` (``None`` without the object)."""

    def provide(objects: dict) -> dict | None:
        obj = objects.get(obj_kind)
        return None if obj is None else {"pk": obj.pk, **extra}

    return provide


#: The codes of the indicators (``monitoring.indicators``), one case of their page each.
INDICATOR_CODES = (
    "implementing_organizations",
    "teachers_as_mentors",
    "teachers_as_mentees",
    "young_teachers_covered",
    "full_cycle",
    "retention",
    "mentor_load",
    "mentors_over_capacity",
    "satisfaction_mentees",
    "satisfaction_mentors",
    "difficulty_change",
    "roadmap_execution",
)


def chooser_kinds() -> list[str]:
    """The kinds of every registered type-ahead chooser (``core.autocomplete``), sorted."""
    from nastavnik.core.autocomplete import CHOOSERS, chooser

    _ = get_resolver().url_patterns  # the views, and the forms declaring choosers of their own
    chooser("")  # imports the apps' ``choosers`` modules
    return sorted(CHOOSERS)


def _choosers(objects: dict) -> dict:
    """One case of the type-ahead endpoint per chooser kind."""
    return {kind: {"kind": kind} for kind in chooser_kinds()}


_choosers.objectless = True

#: pattern name → provider ``objects → kwargs`` (or ``None``: the variant has no such object), or
#: ``objects → {label: kwargs}`` for several cases of one pattern (``_labelled``).
PROVIDERS = {
    # A link of a letter with a token that is not valid: the page explains it (a real token is
    # the accounts tests' concern).
    "accounts:password_reset_confirm": _fixed(uidb64="MQ", token="bad-token"),
    "accounts:invitation": _fixed(uidb64="MQ", token="bad-token"),
    # «others», not «all»: ending the persona's own session would sign the client out.
    "accounts:session_end": _fixed(which="others"),
    # «all»: revoking every API token of the persona (none or the ones the matrix just made).
    "accounts:api_token_revoke": _fixed(which="all"),
    "core:autocomplete": _choosers,
    "organizations:detail": _pk("organization"),
    "organizations:edit": _pk("organization"),
    "people:detail": _labelled(teacher=_pk("person"), mentor=_pk("mentor")),
    "people:edit": _pk("person"),
    "people:employment_add": _pk("person"),
    "people:employment_end": _pk("employment"),
    "access:revoke": _pk("role"),
    "access:invite": _pk("role"),
    "bank:mentor_detail": _pk("mentor_profile"),
    "bank:mentor_edit": _pk("mentor_profile"),
    "bank:mentor_status": _pk("mentor_profile"),
    "bank:mentor_training_add": _pk("mentor_profile"),
    "bank:mentee_detail": _pk("mentee_profile"),
    "bank:mentee_edit": _pk("mentee_profile"),
    "bank:deficit_add": _pk("mentee_profile"),
    "bank:consent_record": _pk("mentee"),
    "bank:consent_withdraw": _pk("mentee"),
    "bank:file": _labelled(
        **{
            "pd-consent": _with("pd_consent", kind="pd-consent"),
            "pd-consent-mentor": _with("mentor_pd_consent", kind="pd-consent"),
            "mentor-consent": _with("mentor_profile", kind="mentor-consent"),
            "mentee-consent": _with("mentee_profile", kind="mentee-consent"),
            "training": _with("training", kind="training"),
        }
    ),
    "bank:confirm": _pk("organization"),
    "bank:import_apply": _pk("import_job"),
    "bank:open_bank_detail": _pk("mentor_profile"),
    "mentoring:program_detail": _pk("program"),
    "mentoring:program_edit": _pk("program"),
    "mentoring:program_approve": _pk("program"),
    "mentoring:program_return": _pk("program"),
    "mentoring:program_start": _pk("program"),
    "mentoring:program_terminate": _pk("program"),
    "mentoring:program_stage_advance": _pk("program"),
    "mentoring:plan_item_add": _pk("program"),
    "mentoring:plan_item_edit": _pk("plan_item"),
    "mentoring:plan_item_report": _pk("plan_item"),
    "mentoring:plan_item_delete": _pk("plan_item"),
    "mentoring:plan_item_evidence": _pk("plan_item"),
    "mentoring:meeting_add": _pk("program"),
    "mentoring:meeting_edit": _pk("meeting"),
    "mentoring:meeting_record": _pk("meeting"),
    "mentoring:meeting_cancel": _pk("meeting"),
    "mentoring:request_add": _pk("program"),
    "mentoring:request_decide": _pk("request"),
    "mentoring:request_withdraw": _pk("request"),
    "mentoring:mentor_report": _pk("program"),
    "mentoring:mentor_report_attachment": _pk("program"),
    "mentoring:program_complete": _pk("program"),
    "mentoring:mentoring_program_detail": _pk("mentoring_program"),
    "mentoring:mentoring_program_edit": _pk("mentoring_program"),
    "matching:candidates": _pk("mentee_profile"),
    "jobs:detail": _pk("package_job"),
    "jobs:status": _pk("package_job"),
    "jobs:retry": _pk("package_job"),
    "documents:issue": _labelled(
        order_pairs=_fixed(kind="order_pairs"), regulation=_fixed(kind="regulation")
    ),
    "documents:package_download": _pk("package_job"),
    "documents:detail": _labelled(order=_pk("order"), person=_pk("person_doc")),
    "documents:sign": _pk("order"),
    "documents:regenerate": _pk("order"),
    "documents:delete": _pk("order"),
    "documents:docx": _labelled(order=_pk("order"), person=_pk("person_doc")),
    "documents:pdf": _pk("order"),
    "documents:scan": _pk("order"),
    "roadmaps:detail": _labelled(org=_pk("roadmap"), muni=_pk("muni_roadmap"), region=_pk("region_roadmap")),
    "roadmaps:edit": _pk("roadmap"),
    "roadmaps:delete": _pk("roadmap"),
    "roadmaps:action": _labelled(
        submit=_with("roadmap", action="submit"),
        approve=_with("roadmap", action="approve"),
        muni_approve=lambda o: (
            {"pk": o["muni_roadmap"].pk, "action": "approve"} if "muni_roadmap" in o else None
        ),
    ),
    "roadmaps:comment": _pk("roadmap"),
    "roadmaps:upload": _pk("roadmap"),
    "roadmaps:timeline": _pk("roadmap"),
    "roadmaps:export_xlsx": _pk("roadmap"),
    "roadmaps:export_docx": _pk("roadmap"),
    "roadmaps:section_create": _pk("roadmap"),
    "roadmaps:section_edit": _pk("section", "section"),
    "roadmaps:section_delete": _pk("section", "section"),
    "roadmaps:item_create": _pk("roadmap"),
    "roadmaps:item_edit": _pk("roadmap_item", "item"),
    "roadmaps:item_delete": _pk("roadmap_item", "item"),
    "roadmaps:item_report": _pk("roadmap_item", "item"),
    "roadmaps:evidence": _pk("evidence", "evidence"),
    "roadmaps:evidence_delete": _pk("evidence", "evidence"),
    # The federal figure of an organization (its curator confirms) and a risk of the register.
    "monitoring:federal_confirm": _pk("organization"),
    "monitoring:risk_edit": _pk("risk"),
    # Monitoring campaigns (issue 14): the municipality's running campaign and the school's task.
    **{
        f"monitoring:campaign_{name}": _pk("campaign")
        for name in ("detail", "edit", "launch", "finish", "remind", "export")
    },
    "monitoring:campaign_task": _pk("campaign_task"),
    # The dashboards: the school, its municipality, the region (school A's variant only).
    **{
        name: _labelled(
            org=_pk("organization"),
            muni=lambda o: o.get("organization") and {"pk": o["organization"].parent_id},
            region=lambda o: o.get("region_roadmap") and {"pk": o["region_roadmap"].owner_id},
        )
        for name in ("monitoring:unit", "monitoring:unit_export")
    },
    "monitoring:unit_chart": _labelled(
        org=_with("organization", name="shares"),
        muni=lambda o: o.get("organization") and {"pk": o["organization"].parent_id, "name": "shares"},
    ),
    # Questionnaires (issue 14): the school's answered one, a question of its draft, the
    # mentee's assignments (pending anonymous, answered named, pending named).
    "monitoring:questionnaire_detail": _pk("questionnaire"),
    "monitoring:questionnaire_edit": _pk("questionnaire"),
    "monitoring:questionnaire_preview": _pk("questionnaire"),
    "monitoring:questionnaire_copy": _pk("questionnaire"),
    "monitoring:questionnaire_active": _pk("questionnaire"),
    "monitoring:question_add": _pk("questionnaire"),
    "monitoring:questionnaire_results": _pk("questionnaire"),
    "monitoring:questionnaire_results_xlsx": _pk("questionnaire"),
    "monitoring:questionnaire_respondents": _pk("questionnaire"),
    "monitoring:question_edit": _pk("draft_question"),
    "monitoring:question_delete": _pk("draft_question"),
    "monitoring:question_move": _pk("draft_question"),
    "monitoring:answer": _labelled(
        pending=_pk("assignment"), answered=_pk("answered_assignment"), named=_pk("named_assignment")
    ),
    # Analytical reports (issue 14): the school's draft, and its registered one with the files.
    "monitoring:report_detail": _labelled(draft=_pk("report"), registered=_pk("registered_report")),
    **{f"monitoring:report_{name}": _pk("report") for name in ("texts", "redraft", "register")},
    **{f"monitoring:report_{name}": _pk("registered_report") for name in ("docx", "pdf")},
    # Every indicator's page (its drill-down names people: the consent rule applies).
    "monitoring:indicator": _labelled(**{code: _fixed(code=code) for code in INDICATOR_CODES}),
    # Professional development (issue 18): the mentee's diagnosis and active route (its open
    # activity, the one done with its product file), the region's course (school A's variant
    # only), the mentee's application and completed course, the tutor and their assignment.
    "development:diagnosis_detail": _pk("diagnosis"),
    **{
        f"development:{name}": _pk("route")
        for name in (
            "route_detail",
            "route_edit",
            "activity_add",
            "route_correct",
            "route_comment",
            "route_start",
            "route_reflect",
            "route_complete",
            "route_cancel",
        )
    },
    "development:activity_edit": _pk("activity"),
    "development:activity_product": _pk("activity"),
    "development:activity_product_file": _pk("product_activity"),
    "documents:route_docx": _pk("route"),
    "documents:route_pdf": _pk("route"),
    "development:tutor_detail": _pk("tutor"),
    "development:tutor_assign": _pk("tutor"),
    "development:tutor_unassign": _pk("tutor_assignment"),
    "development:course_detail": _pk("course"),
    "development:course_edit": _pk("course"),
    "development:enrollment_apply": _pk("course"),
    "development:enrollment_enroll": _pk("enrollment"),
    "development:enrollment_complete": _pk("enrollment"),
    "development:enrollment_withdraw": _pk("enrollment"),
    "development:enrollment_certificate": _pk("completed_enrollment"),
}


#: Query strings run on pages without arguments: pattern name → ``{label: query}``. A string is
#: one case (``"-"``), asserted like the page itself (an export of a list is the list); a
#: function ``objects → query`` names an object of each variant, and only the checks that do
#: not depend on the page's answer to a foreign id (no 500, no name read, nothing changed) apply.
QUERIES = {
    "people:list": {"xlsx": "export=xlsx"},
    "bank:mentor_list": {"xlsx": "export=xlsx"},
    "bank:mentee_list": {"xlsx": "export=xlsx"},
    "mentoring:program_list": {"xlsx": "export=xlsx"},
    "documents:list": {"xlsx": "export=xlsx"},
    "roadmaps:list": {"xlsx": "export=xlsx"},
    "people:my_data": {"json": "format=json", "xlsx": "format=xlsx"},
    "access:assign": {"person": lambda o: o.get("mentee") and f"person={o['mentee'].pk}"},
    "bank:mentor_add": {"person": lambda o: o.get("mentee") and f"person={o['mentee'].pk}"},
    "bank:mentee_add": {"person": lambda o: o.get("mentee") and f"person={o['mentee'].pk}"},
    "roadmaps:create": {"owner": lambda o: o.get("organization") and f"owner={o['organization'].pk}"},
    "roadmaps:control": {"unit": lambda o: o.get("organization") and f"unit={o['organization'].pk}"},
    "monitoring:federal": {
        "xlsx": "export=xlsx",
        "garbage": "unit=%C2%B2&year=x&status=zzz&municipality=-1",
        "unit": lambda o: o.get("organization") and f"unit={o['organization'].pk}",
    },
    "monitoring:risks": {
        "garbage": "unit=%C2%B2&period=2026-q9",
        "unit": lambda o: o.get("organization") and f"unit={o['organization'].pk}",
    },
    "monitoring:risk_add": {
        "signal": "signal=organizations_without_roadmap",
        "unit": lambda o: o.get("organization") and f"unit={o['organization'].pk}&signal=zzz",
    },
    "monitoring:indicators": {
        "unit": lambda o: o.get("organization") and f"unit={o['organization'].pk}",
        "garbage": "unit=%C2%B2&period=2026-q9&page=x",
    },
    "development:route_list": {"xlsx": "export=xlsx"},
    "development:trained_list": {"xlsx": "export=xlsx"},
    # A diagnosis or a route of a named teacher (and a diagnosis on a named route).
    "development:diagnosis_create": {
        "person": lambda o: o.get("mentee") and f"person={o['mentee'].pk}",
        "route": lambda o: o.get("route") and f"person={o['route'].person_id}&route={o['route'].pk}",
    },
    "development:route_create": {"person": lambda o: o.get("mentee") and f"person={o['mentee'].pk}"},
}


@dataclass(frozen=True)
class Case:
    """One URL to request: the ``label`` of its expectation (the pattern name, with the case in
    brackets when a pattern has several: ``"bank:file[training]"``), the ``variant`` of its
    object (``"a"``, ``"b"``, ``"nc"``, or ``"-"`` for a pattern without arguments) and the
    ``url``."""

    label: str
    variant: str
    url: str
    asserted: bool = True  # the status is checked against the expectations


def is_excluded(pattern: Pattern) -> bool:
    """Whether the matrix leaves ``pattern`` out (``EXCLUDED``, ``EXCLUDED_PREFIXES``)."""
    return pattern.name in EXCLUDED or any(pattern.route.startswith(p) for p in EXCLUDED_PREFIXES)


def cases(mw: MatrixWorld) -> tuple[list[Case], list[str]]:
    """Every case of every pattern of the site (``url_patterns``) filled from ``mw``, and the
    problems: a pattern with arguments the registry has no provider for, or whose provider
    fills no variant, or a name-less pattern (it cannot be reversed)."""
    from django.urls import reverse

    found: list[Case] = []
    problems: list[str] = []
    for pattern in url_patterns():
        if is_excluded(pattern):
            continue
        if not pattern.name:
            problems.append(f"у адреса {pattern.route} нет имени: дайте ему name, чтобы матрица его прошла")
            continue
        if not pattern.arguments:
            url = reverse(pattern.name)
            found.append(Case(pattern.name, "-", url))
            for label, query in QUERIES.get(pattern.name, {}).items():
                if isinstance(query, str):
                    found.append(Case(f"{pattern.name}[{label}]", "-", f"{url}?{query}"))
                    continue
                for variant in VARIANTS:
                    made = query(mw.objects.get(variant, {}))
                    if made:
                        found.append(
                            Case(f"{pattern.name}[{label}]", variant, f"{url}?{made}", asserted=False)
                        )
            continue
        provider = PROVIDERS.get(pattern.name)
        if provider is None:
            problems.append(
                f"добавьте поставщик для {pattern.route} ({pattern.name}) в testing.matrix.PROVIDERS"
            )
            continue
        filled = 0
        for variant in ("-",) if getattr(provider, "objectless", False) else VARIANTS:
            provided = provider(mw.objects.get(variant, {}))
            if provided is None:
                continue
            labelled = (
                provided if all(isinstance(v, dict | None) for v in provided.values()) else {"": provided}
            )
            for label, kwargs in labelled.items():
                if kwargs is None:
                    continue
                name = f"{pattern.name}[{label}]" if label else pattern.name
                found.append(Case(name, variant, reverse(pattern.name, kwargs=kwargs)))
                filled += 1
        if not filled:
            problems.append(f"поставщик для {pattern.route} ({pattern.name}) не дал ни одного объекта")
    return found, problems


# --- plausible POST bodies ---------------------------------------------------------------------


def _today() -> str:
    """Today as a form writes a date (``2026-12-02``)."""
    return timezone.localdate().isoformat()


#: label → ``objects → body``: a filled form for the pages where a refused persona could change
#: something an empty form would not reach (a workflow step with its reason, a record naming
#: people). For a page without an object the body is built from the objects of school A and
#: again from those of school B (a persona of A naming people of B).
BODIES = {
    "mentoring:program_terminate": lambda o: {"reason": "Увольнение наставляемого"},
    "mentoring:program_return": lambda o: {"comment": "Доработать план"},
    "mentoring:program_complete": lambda o: {"results": "Итоги работы пары", "confirm": "on"},
    "mentoring:request_decide": lambda o: {"decision": "reject", "comment": "Оснований нет"},
    "mentoring:meeting_cancel": lambda o: {"reason": "Болезнь наставника"},
    "mentoring:request_add": lambda o: {"pair": o["program"].pairs.first().pk, "reason": "Прошу освободить"},
    "bank:consent_withdraw": lambda o: {"withdrawn_on": _today(), "reason": "Заявление работника"},
    "bank:consent_record": lambda o: {"purposes": ["mentoring_record"], "given_on": _today()},
    "people:employment_end": lambda o: {"ended_on": _today()},
    "roadmaps:comment": lambda o: {"text": "Прошу уточнить сроки"},
    "roadmaps:action[submit]": lambda o: {"comment": "Прошу согласовать"},
    "roadmaps:action[muni_approve]": lambda o: {"comment": "Утверждаю"},
    "matching:mark_add": lambda o: {
        "mentor": o["mentor_profile"].pk,
        "mentee": o["mentee_profile"].pk,
        "mark": "-2",
        "marked_on": _today(),
    },
    "access:assign": lambda o: {
        "person": o["person"].pk,
        "role": "mentor",
        "org_unit": o["organization"].pk,
        "username": "novyi_nastavnik",
    },
    "development:route_comment": lambda o: {"text": "Прошу уточнить сроки мероприятия"},
    "development:route_cancel": lambda o: {"reason": "Педагог сменил место работы"},
    "development:enrollment_enroll": lambda o: {"enrolled_on": _today()},
    "development:enrollment_withdraw": lambda o: {"comment": "Заявление педагога"},
    "development:tutor_unassign": lambda o: {"ends_on": _today()},
    "development:tutor_assign": lambda o: {"person": o["mentee"].pk, "starts_on": _today()},
}


# --- the parts of issue 19 (openness and recognition) ----------------------------------------------
# Each part keeps its providers, queries and bodies in its own module (``testing.matrix_parts``);
# imported last, so that a part may use the helpers above (``_pk``, ``_labelled``, ``_fixed``).
from nastavnik.testing import matrix_parts as _matrix_parts  # noqa: E402

PROVIDERS.update(_matrix_parts.merged("PROVIDERS"))
QUERIES.update(_matrix_parts.merged("QUERIES"))
BODIES.update(_matrix_parts.merged("BODIES"))
